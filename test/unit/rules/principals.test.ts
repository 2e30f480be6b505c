// Principals: the claims mapping, admin principals as usernames, and bare principal domains, in every file shape.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, codesOf, fix, fixed as fixedAndChecked, URI } from '../helpers';
import type { ServiceSettings } from '../../../server/src/service/validate';

const { server: SERVER, helm: HELM, dotenv: DOTENV, compose: COMPOSE } = URI;

const only = codesOf;

const fixed = (text: string, code: string, uri: string, title?: string, settings: ServiceSettings = {}) => fixedAndChecked(text, code, uri, { title, settings });

describe('claims-mapping-invalid', () => {
  it('reports a mapping without email and adds it', () => {
    const text = 'authenticationConfiguration:\n  provider: basic\n  jwtPrincipalClaimsMapping: [username:preferred_username]\n';
    assert.deepEqual(only(text, SERVER, 'claims-mapping-invalid'), ['claims-mapping-invalid@3']);
    assert.equal(fixed(text, 'claims-mapping-invalid', SERVER), 'authenticationConfiguration:\n  provider: basic\n  jwtPrincipalClaimsMapping: [username:preferred_username, email:email]\n');
  });

  it('rewrites an entry written as a YAML pair, keeping the block list', () => {
    const text = `authenticationConfiguration:
  provider: basic
  jwtPrincipalClaimsMapping:
    - username:preferred_username
    - email: email
`;
    assert.deepEqual(only(text, SERVER, 'claims-mapping-invalid'), ['claims-mapping-invalid@5']);
    assert.equal(fixed(text, 'claims-mapping-invalid', SERVER), text.replace('- email: email', '- email:email'));
  });

  it('rewrites a separator and a capitalised key in a .env list', () => {
    const text = 'AUTHENTICATION_JWT_PRINCIPAL_CLAIMS_MAPPING=[Username=preferred_username,email:email]\n';
    assert.deepEqual(only(text, DOTENV, 'claims-mapping-invalid'), ['claims-mapping-invalid@1']);
    assert.equal(fixed(text, 'claims-mapping-invalid', DOTENV), 'AUTHENTICATION_JWT_PRINCIPAL_CLAIMS_MAPPING=[username:preferred_username,email:email]\n');
  });

  it('reports keys other than username and email without guessing a fix', () => {
    const text = `openmetadata:
  config:
    authentication:
      jwtPrincipalClaimsMapping:
        - "username:preferred_username"
        - "mail:email"
`;
    assert.deepEqual(only(text, HELM, 'claims-mapping-invalid').sort(), ['claims-mapping-invalid@5', 'claims-mapping-invalid@6']);
    assert.throws(() => fix(text, 'claims-mapping-invalid', undefined, HELM), /no fix/);
  });

  it('accepts a complete mapping, an empty one and versions without the key', () => {
    assert.deepEqual(only('authenticationConfiguration:\n  jwtPrincipalClaimsMapping: [username:preferred_username, email:email]\n', SERVER, 'claims-mapping-invalid'), []);
    assert.deepEqual(only('AUTHENTICATION_JWT_PRINCIPAL_CLAIMS_MAPPING=[]\n', DOTENV, 'claims-mapping-invalid'), []);
    assert.deepEqual(only('authenticationConfiguration:\n  jwtPrincipalClaimsMapping: [username:preferred_username]\n', SERVER, 'claims-mapping-invalid', { openmetadataVersion: '1.3' }), []);
  });
});

describe('admin-principal-format', () => {
  it('suggests the lowercased local part of an email, per item', () => {
    const text = `authorizerConfiguration:
  adminPrincipals:
    - "alice"
    - "John.Doe@example.com"   # our admin
`;
    assert.deepEqual(only(text, SERVER, 'admin-principal-format'), ['admin-principal-format@4']);
    const d = check(text, SERVER).diagnostics.find((x) => x.code === 'admin-principal-format')!;
    assert.deepEqual(d.range, { start: { line: 3, character: 7 }, end: { line: 3, character: 27 } });
    assert.equal(fixed(text, 'admin-principal-format', SERVER), text.replace('John.Doe@example.com', 'john.doe'));
  });

  it('rewrites an item inside a .env list', () => {
    const text = 'AUTHENTICATION_PROVIDER=basic\nAUTHORIZER_ADMIN_PRINCIPALS=[Admin,bob]\n';
    assert.deepEqual(only(text, DOTENV, 'admin-principal-format'), ['admin-principal-format@2']);
    assert.equal(fixed(text, 'admin-principal-format', DOTENV), 'AUTHENTICATION_PROVIDER=basic\nAUTHORIZER_ADMIN_PRINCIPALS=[admin,bob]\n');
  });

  it('drops the item when the username is already listed, inside a placeholder default', () => {
    const text = 'authorizerConfiguration:\n  adminPrincipals: ${AUTHORIZER_ADMIN_PRINCIPALS:-[alice@example.com, alice]}\n';
    assert.deepEqual(only(text, SERVER, 'admin-principal-format'), ['admin-principal-format@2']);
    assert.equal(fixed(text, 'admin-principal-format', SERVER), 'authorizerConfiguration:\n  adminPrincipals: ${AUTHORIZER_ADMIN_PRINCIPALS:-[alice]}\n');
  });

  it('works on Helm initialAdmins and compose variables', () => {
    const helm = 'openmetadata:\n  config:\n    authorizer:\n      initialAdmins:\n      - "Bob"\n';
    assert.deepEqual(only(helm, HELM, 'admin-principal-format'), ['admin-principal-format@5']);
    assert.equal(fixed(helm, 'admin-principal-format', HELM), helm.replace('"Bob"', '"bob"'));
    const compose = 'services:\n  om:\n    environment:\n      - AUTHORIZER_ADMIN_PRINCIPALS=[carol@example.com]\n';
    assert.deepEqual(only(compose, COMPOSE, 'admin-principal-format'), ['admin-principal-format@4']);
    assert.equal(fixed(compose, 'admin-principal-format', COMPOSE), compose.replace('carol@example.com', 'carol'));
  });

  it('accepts usernames and deploy-time values', () => {
    assert.deepEqual(only('authorizerConfiguration:\n  adminPrincipals: [john.doe, admin-user]\n', SERVER, 'admin-principal-format'), []);
    assert.deepEqual(only('authorizerConfiguration:\n  adminPrincipals: ${AUTHORIZER_ADMIN_PRINCIPALS}\n', SERVER, 'admin-principal-format'), []);
  });

  it('points to adminEmails from 2.0 on', () => {
    const text = 'authorizerConfiguration:\n  adminPrincipals: [john@example.com]\n';
    assert.match(check(text, SERVER).diagnostics[0].message, /adminEmails/);
    assert.doesNotMatch(check(text, SERVER, { openmetadataVersion: '1.9' }).diagnostics[0].message, /adminEmails/);
  });
});

describe('principal-domain-format', () => {
  it('turns a URL into its host inside a placeholder default (corpus 25)', () => {
    const text = 'authorizerConfiguration:\n  principalDomain: "${AUTHORIZER_PRINCIPAL_DOMAIN:-http://localhost:8080}"\n';
    assert.deepEqual(only(text, SERVER, 'principal-domain-format'), ['principal-domain-format@2']);
    assert.equal(fixed(text, 'principal-domain-format', SERVER), 'authorizerConfiguration:\n  principalDomain: "${AUTHORIZER_PRINCIPAL_DOMAIN:-localhost}"\n');
  });

  it('turns an email into its domain in a .env file', () => {
    const text = 'AUTHORIZER_PRINCIPAL_DOMAIN=admin@example.com\n';
    assert.deepEqual(only(text, DOTENV, 'principal-domain-format'), ['principal-domain-format@1']);
    assert.equal(fixed(text, 'principal-domain-format', DOTENV), 'AUTHORIZER_PRINCIPAL_DOMAIN=example.com\n');
  });

  it('checks Helm values and allowedDomains items', () => {
    const text = `openmetadata:
  config:
    authorizer:
      principalDomain: "https://example.com/"
      allowedDomains:
        - "example.org"
        - "https://partner.example.net"
`;
    assert.deepEqual(only(text, HELM, 'principal-domain-format'), ['principal-domain-format@4', 'principal-domain-format@7']);
    assert.equal(fixed(text, 'principal-domain-format', HELM), text.replace('"https://example.com/"', '"example.com"'));
  });

  it('accepts bare domains, "all" and leaves docs placeholders to placeholder-left', () => {
    const text = `authorizerConfiguration:
  principalDomain: open-metadata.org
  allowedEmailRegistrationDomains: ["all"]
  allowedDomains: [example.com]
`;
    assert.deepEqual(only(text, SERVER, 'principal-domain-format'), []);
    assert.deepEqual(only('AUTHORIZER_PRINCIPAL_DOMAIN=https://{your domain}\n', DOTENV, 'principal-domain-format'), []);
  });
});
