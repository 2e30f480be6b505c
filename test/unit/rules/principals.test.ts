// Principals: the claims mapping, admin principals as usernames, and bare principal domains, in every file shape.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, codesOf, fix, fixed as fixedAndChecked, URI } from '../helpers';
import type { ServiceSettings } from '../../../server/src/service/validate';

const { server: SERVER, helm: HELM, dotenv: DOTENV, compose: COMPOSE } = URI;

const only = codesOf;

const fixed = (text: string, code: string, uri: string, title?: string, settings: ServiceSettings = {}) =>
  fixedAndChecked(text, code, uri, { title, settings });

describe('claims-mapping-invalid', () => {
  it('reports a mapping without email and adds it', () => {
    const text = 'authenticationConfiguration:\n  provider: basic\n  jwtPrincipalClaimsMapping: [username:preferred_username]\n';
    assert.deepEqual(only(text, SERVER, 'claims-mapping-invalid'), ['claims-mapping-invalid@3']);
    assert.equal(
      fixed(text, 'claims-mapping-invalid', SERVER),
      'authenticationConfiguration:\n  provider: basic\n  jwtPrincipalClaimsMapping: [username:preferred_username, email:email]\n',
    );
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
    assert.deepEqual(
      only('authenticationConfiguration:\n  jwtPrincipalClaimsMapping: [username:preferred_username, email:email]\n', SERVER, 'claims-mapping-invalid'),
      [],
    );
    assert.deepEqual(only('AUTHENTICATION_JWT_PRINCIPAL_CLAIMS_MAPPING=[]\n', DOTENV, 'claims-mapping-invalid'), []);
    assert.deepEqual(
      only('authenticationConfiguration:\n  jwtPrincipalClaimsMapping: [username:preferred_username]\n', SERVER, 'claims-mapping-invalid', {
        openmetadataVersion: '1.3',
      }),
      [],
    );
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

  it('reports `user:password` as one user name, never repeats the password, and keeps only the user (issue 15518)', () => {
    const text = `openmetadata:
  config:
    authentication:
      provider: basic
    authorizer:
      initialAdmins:
        - "admin1:S3cret-pass"
        - alice
`;
    assert.deepEqual(only(text, HELM, 'admin-principal-format'), ['admin-principal-format@7']);
    const d = check(text, HELM).diagnostics.find((x) => x.code === 'admin-principal-format')!;
    assert.equal(d.severity, 1);
    assert.match(d.message, /password cannot be set here/);
    assert.ok(!d.message.includes('S3cret'), d.message);
    assert.equal(fixed(text, 'admin-principal-format', HELM, undefined), text.replace('"admin1:S3cret-pass"', '"admin1"'));
  });

  it('reads `user:password` in an env list and a YAML pair item the same way', () => {
    const env = 'AUTHENTICATION_PROVIDER=basic\nAUTHORIZER_ADMIN_PRINCIPALS=[admin1:password1,bob]\n';
    assert.deepEqual(only(env, DOTENV, 'admin-principal-format'), ['admin-principal-format@2']);
    assert.equal(fixed(env, 'admin-principal-format', DOTENV), 'AUTHENTICATION_PROVIDER=basic\nAUTHORIZER_ADMIN_PRINCIPALS=[admin1,bob]\n');
    const pair = 'authorizerConfiguration:\n  adminPrincipals:\n    - admin1: password1\n';
    assert.deepEqual(only(pair, SERVER, 'admin-principal-format'), ['admin-principal-format@3']);
    assert.equal(fixed(pair, 'admin-principal-format', SERVER), 'authorizerConfiguration:\n  adminPrincipals:\n    - admin1\n');
  });

  it('near miss: a placeholder holding a colon and plain user names are left alone', () => {
    const text = 'authorizerConfiguration:\n  adminPrincipals: [admin, "${ADMIN_USER}", bob.smith]\n';
    assert.deepEqual(only(text, SERVER, 'admin-principal-format'), []);
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

  it('reports several domains in principalDomain and moves them to allowedDomains from 1.7 (issue 3757)', () => {
    const text = 'authorizerConfiguration:\n  principalDomain: "abc.org, xyz.org"\n  enforcePrincipalDomain: true\n';
    assert.deepEqual(only(text, SERVER, 'principal-domain-format'), ['principal-domain-format@2']);
    const d = check(text, SERVER).diagnostics.find((x) => x.code === 'principal-domain-format')!;
    assert.match(d.message, /takes one email domain/);
    assert.equal(
      fixed(text, 'principal-domain-format', SERVER, 'Keep `abc.org` and list all 2 in `allowedDomains`'),
      'authorizerConfiguration:\n  principalDomain: "abc.org"\n  enforcePrincipalDomain: true\n  allowedDomains:\n    - abc.org\n    - xyz.org\n',
    );
  });

  it('adds to the allowed domains a .env already lists, and before 1.7 keeps only the first', () => {
    const env = 'AUTHORIZER_PRINCIPAL_DOMAIN=abc.org xyz.org\nAUTHORIZER_ALLOWED_DOMAINS=[partner.net]\n';
    assert.deepEqual(only(env, DOTENV, 'principal-domain-format'), ['principal-domain-format@1']);
    assert.equal(
      fixed(env, 'principal-domain-format', DOTENV),
      'AUTHORIZER_PRINCIPAL_DOMAIN=abc.org\nAUTHORIZER_ALLOWED_DOMAINS=[partner.net,abc.org,xyz.org]\n',
    );
    const old = 'authorizerConfiguration:\n  principalDomain: "abc.org,xyz.org"\n';
    const settings = { openmetadataVersion: '1.6.0' };
    const d = check(old, SERVER, settings).diagnostics.find((x) => x.code === 'principal-domain-format')!;
    assert.match(d.message, /came in 1\.7/);
    assert.equal(fixed(old, 'principal-domain-format', SERVER, undefined, settings), 'authorizerConfiguration:\n  principalDomain: "abc.org"\n');
  });

  it('near miss: one domain with spaces around it, and a placeholder default listing one domain', () => {
    assert.deepEqual(only('authorizerConfiguration:\n  principalDomain: " example.com "\n', SERVER, 'principal-domain-format'), []);
    assert.deepEqual(only('AUTHORIZER_PRINCIPAL_DOMAIN=${DOMAIN:-example.com}\n', DOTENV, 'principal-domain-format'), []);
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
