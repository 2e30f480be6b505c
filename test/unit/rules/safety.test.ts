// Production safety: the default admin under SSO, the shipped JWT keys, secrets in clear text, and DB-held settings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, codesOf, fixesOf, fixed as fixedAndChecked, URI } from '../helpers';
import type { ServiceSettings } from '../../../server/src/service/validate';

const { server: SERVER, helm: HELM, dotenv: DOTENV, compose: COMPOSE, k8s: K8S, workflow: WORKFLOW } = URI;

const only = codesOf;
const severityOf = (text: string, uri: string, code: string, settings: ServiceSettings = {}) =>
  check(text, uri, settings)
    .diagnostics.filter((d) => d.code === code)
    .map((d) => d.severity);

const fixed = (text: string, code: string, uri: string, title?: string, settings: ServiceSettings = {}) =>
  fixedAndChecked(text, code, uri, { title, settings });

const fixTitles = (text: string, code: string, uri: string) => fixesOf(text, code, uri).map((f) => `${f.title}${f.preferred ? ' (preferred)' : ''}`);

describe('default-admin-principal', () => {
  it('reports admin under an SSO provider and removes it from a block list', () => {
    const text = `authorizerConfiguration:
  adminPrincipals:
    - "admin"
    - "alice"
authenticationConfiguration:
  provider: custom-oidc
`;
    assert.deepEqual(only(text, SERVER, 'default-admin-principal'), ['default-admin-principal@3']);
    assert.equal(fixed(text, 'default-admin-principal', SERVER), text.replace('    - "admin"\n', ''));
  });

  it('reports it in a .env file but offers no removal when it is the only admin', () => {
    const text = 'AUTHORIZER_ADMIN_PRINCIPALS=[admin]\nAUTHENTICATION_PROVIDER=custom-oidc\n';
    assert.deepEqual(only(text, DOTENV, 'default-admin-principal'), ['default-admin-principal@1']);
    assert.deepEqual(fixTitles(text, 'default-admin-principal', DOTENV), []);
    assert.match(check(text, DOTENV).diagnostics[0].message, /Replace it with your own username/);
  });

  it('rewrites a flow list in Helm values', () => {
    const text = 'openmetadata:\n  config:\n    authorizer:\n      initialAdmins: [admin, alice]\n    authentication:\n      provider: "saml"\n';
    assert.deepEqual(only(text, HELM, 'default-admin-principal'), ['default-admin-principal@4']);
    assert.equal(fixed(text, 'default-admin-principal', HELM), text.replace('[admin, alice]', '[alice]'));
  });

  it('stays silent for basic and LDAP login and for other names', () => {
    assert.deepEqual(only('AUTHORIZER_ADMIN_PRINCIPALS=[admin]\nAUTHENTICATION_PROVIDER=basic\n', DOTENV, 'default-admin-principal'), []);
    assert.deepEqual(only('AUTHORIZER_ADMIN_PRINCIPALS=[admin]\nAUTHENTICATION_PROVIDER=ldap\n', DOTENV, 'default-admin-principal'), []);
    assert.deepEqual(only('AUTHORIZER_ADMIN_PRINCIPALS=[admin-user]\nAUTHENTICATION_PROVIDER=custom-oidc\n', DOTENV, 'default-admin-principal'), []);
    assert.deepEqual(only('AUTHORIZER_ADMIN_PRINCIPALS=[admin]\nAUTHENTICATION_PROVIDER=${AUTHENTICATION_PROVIDER}\n', DOTENV, 'default-admin-principal'), []);
  });
});

describe('default-jwt-keys', () => {
  it('warns on the shipped key files next to a custom keyId (corpus 11)', () => {
    const text =
      'RSA_PUBLIC_KEY_FILE_PATH="./conf/public_key.der"\nRSA_PRIVATE_KEY_FILE_PATH="./conf/private_key.der"\nJWT_KEY_ID="00b5f76f-7f1c-9473-b7a5-feed8376defb"\n';
    assert.deepEqual(only(text, DOTENV, 'default-jwt-keys'), ['default-jwt-keys@1', 'default-jwt-keys@2']);
    assert.deepEqual(severityOf(text, DOTENV, 'default-jwt-keys'), [2, 2]);
    assert.deepEqual(fixTitles(text, 'default-jwt-keys', DOTENV), []);
  });

  it('warns on the shipped keyId of an SSO server config', () => {
    const text =
      'authenticationConfiguration:\n  provider: custom-oidc\njwtTokenConfiguration:\n  keyId: "Gb389a-9f76-gdjs-a92j-0242bk94356"\n  rsapublicKeyFilePath: /etc/om/public.der\n';
    assert.deepEqual(only(text, SERVER, 'default-jwt-keys'), ['default-jwt-keys@4']);
    assert.deepEqual(severityOf(text, SERVER, 'default-jwt-keys'), [2]);
  });

  it('only notes untouched quick-start values (chart defaults, corpus 05)', () => {
    const text = `openmetadata:
  config:
    authentication:
      provider: "basic"
    jwtTokenConfiguration:
      rsapublicKeyFilePath: "./conf/public_key.der"
      rsaprivateKeyFilePath: "./conf/private_key.der"
      keyId: "Gb389a-9f76-gdjs-a92j-0242bk94356"
`;
    assert.deepEqual(severityOf(text, HELM, 'default-jwt-keys'), [3, 3, 3]);
  });

  it('leaves deploy-time references and custom keys alone (corpus 08)', () => {
    const text =
      'jwtTokenConfiguration:\n  rsapublicKeyFilePath: ${RSA_PUBLIC_KEY_FILE_PATH:-"./conf/public_key.der"}\n  keyId: ${JWT_KEY_ID:-"Gb389a-9f76-gdjs-a92j-0242bk94356"}\n';
    assert.deepEqual(only(text, SERVER, 'default-jwt-keys'), []);
    assert.deepEqual(only('RSA_PUBLIC_KEY_FILE_PATH=/opt/om/keys/public.der\nJWT_KEY_ID=3f1c\n', DOTENV, 'default-jwt-keys'), []);
  });
});

describe('plaintext-secret', () => {
  const confidential = (secret: string) => `authenticationConfiguration:\n  clientType: confidential\n  oidcConfiguration:\n    secret: ${secret}\n`;

  it('replaces a literal secret with the conf variable in server YAML', () => {
    const text = confidential('s3cr3t-Value');
    assert.deepEqual(only(text, SERVER, 'plaintext-secret'), ['plaintext-secret@4']);
    assert.equal(fixed(text, 'plaintext-secret', SERVER), confidential('${OIDC_CLIENT_SECRET}'));
    assert.equal(fixed(confidential('"s3cr3t"  # from Keycloak'), 'plaintext-secret', SERVER), confidential('"${OIDC_CLIENT_SECRET}"  # from Keycloak'));
  });

  it('drops a literal default and keeps the variable', () => {
    const text = confidential('${KC_SECRET:-s3cr3t}');
    assert.deepEqual(only(text, SERVER, 'plaintext-secret'), ['plaintext-secret@4']);
    assert.equal(fixed(text, 'plaintext-secret', SERVER), confidential('${KC_SECRET:-}'));
  });

  it('says that a placeholder is already a reference and its default is the secret (issue 11, 7)', () => {
    for (const [text, uri] of [
      [confidential('${OIDC_CLIENT_SECRET:-copied-from-keycloak}'), SERVER],
      [
        'services:\n  om:\n    environment:\n      OIDC_CLIENT_SECRET: ${OIDC_CLIENT_SECRET:-copied-from-keycloak}\n      AUTHENTICATION_PROVIDER: custom-oidc\n',
        COMPOSE,
      ],
    ] as const) {
      const message = check(text, uri).diagnostics.find((d) => d.code === 'plaintext-secret')!.message;
      assert.doesNotMatch(message, /Reference an environment variable instead/);
      assert.match(message, /reads `\$\{OIDC_CLIENT_SECRET\}` already, but the default/);
      assert.doesNotMatch(message, /copied-from-keycloak/, 'the message never repeats the secret');
      assert.deepEqual(fixTitles(text, 'plaintext-secret', uri), ['Leave the default empty: `${OIDC_CLIENT_SECRET:-}` (preferred)']);
      assert.equal(fixed(text, 'plaintext-secret', uri), text.replace('copied-from-keycloak', ''));
    }
  });

  it('accepts references, empty defaults and docs placeholders', () => {
    for (const value of ['${OIDC_CLIENT_SECRET:-""}', '${OIDC_CLIENT_SECRET}', '""', '"{Client Secret}"'])
      assert.deepEqual(only(confidential(value), SERVER, 'plaintext-secret'), [], value);
  });

  it('moves a workflow bot token to ${OM_JWT_TOKEN} and leaves <jwt-token> alone (corpus 22)', () => {
    const text =
      'workflowConfig:\n  openMetadataServerConfig:\n    authProvider: openmetadata\n    securityConfig:\n      jwtToken: eyJraWQiOiJHYjM4OWEtOWY3Ni1nZGpzLWE5MmotMDI0MmJrOTQzNTYiLCJhbGciOiJSUzI1NiJ9\n';
    assert.deepEqual(only(text, WORKFLOW, 'plaintext-secret'), ['plaintext-secret@5']);
    assert.equal(fixed(text, 'plaintext-secret', WORKFLOW), text.replace(/eyJ\S+/, '${OM_JWT_TOKEN}'));
    assert.deepEqual(only(text.replace(/eyJ\S+/, '<jwt-token>'), WORKFLOW, 'plaintext-secret'), []);
  });

  it('references the variable from the shell in a compose file', () => {
    const text = 'services:\n  om:\n    environment:\n      OIDC_CLIENT_SECRET: s3cr3t\n      AUTHENTICATION_PROVIDER: custom-oidc\n';
    assert.deepEqual(only(text, COMPOSE, 'plaintext-secret'), ['plaintext-secret@4']);
    assert.equal(
      fixed(text, 'plaintext-secret', COMPOSE),
      'services:\n  om:\n    environment:\n      OIDC_CLIENT_SECRET: ${OIDC_CLIENT_SECRET}\n      AUTHENTICATION_PROVIDER: custom-oidc\n',
    );
  });

  it('warns in a .env file, with only a non-preferred Compose fix', () => {
    const text = 'AUTHENTICATION_CLIENT_TYPE=confidential\nOIDC_CLIENT_SECRET=s3cr3t\n';
    assert.deepEqual(only(text, DOTENV, 'plaintext-secret'), ['plaintext-secret@2']);
    assert.deepEqual(fixTitles(text, 'plaintext-secret', DOTENV), ['Take it from the shell environment: `${OIDC_CLIENT_SECRET}` (Docker Compose only)']);
    assert.equal(fixed(text, 'plaintext-secret', DOTENV, 'shell'), 'AUTHENTICATION_CLIENT_TYPE=confidential\nOIDC_CLIENT_SECRET=${OIDC_CLIENT_SECRET}\n');
  });

  it('removes a legacy Airflow secret line (corpus 01), and keeps it reported for old versions', () => {
    const text = 'AUTHENTICATION_PROVIDER=basic\nOM_AUTH_AIRFLOW_CUSTOM_OIDC_SECRET_KEY=IDZNGwj0KLh481H7yuGJNebluL9c9BIq\n';
    assert.deepEqual(only(text, DOTENV, 'plaintext-secret'), ['plaintext-secret@2']);
    assert.equal(fixed(text, 'plaintext-secret', DOTENV), 'AUTHENTICATION_PROVIDER=basic\n');
    assert.deepEqual(only(text, DOTENV, 'plaintext-secret', { openmetadataVersion: '1.0' }), ['plaintext-secret@2']);
    assert.deepEqual(only('OM_AUTH_AIRFLOW_AZURE_CLIENT_SECRET=${OM_AUTH_AIRFLOW_AZURE_CLIENT_SECRET:-""}\n', DOTENV, 'plaintext-secret'), []);
  });

  it('turns a Helm literal into a secretRef', () => {
    const text =
      'openmetadata:\n  config:\n    authentication:\n      clientType: confidential\n      oidcConfiguration:\n        enabled: true\n        clientSecret: "s3cr3t"\n';
    assert.deepEqual(only(text, HELM, 'plaintext-secret'), ['plaintext-secret@7']);
    assert.equal(
      fixed(text, 'plaintext-secret', HELM),
      'openmetadata:\n  config:\n    authentication:\n      clientType: confidential\n      oidcConfiguration:\n        enabled: true\n        clientSecret:\n          secretRef: oidc-secrets\n          secretKey: openmetadata-oidc-client-secret\n',
    );
  });

  it('points Kubernetes manifests to secretKeyRef without an edit', () => {
    const text =
      'spec:\n  containers:\n    - name: om\n      env:\n        - name: OIDC_CLIENT_SECRET\n          value: s3cr3t\n        - name: AUTHENTICATION_PROVIDER\n          value: custom-oidc\n';
    assert.deepEqual(only(text, K8S, 'plaintext-secret'), ['plaintext-secret@6']);
    assert.deepEqual(fixTitles(text, 'plaintext-secret', K8S), []);
    assert.match(check(text, K8S).diagnostics.find((d) => d.code === 'plaintext-secret')!.message, /secretKeyRef/);
  });
});

describe('db-config-overrides-yaml', () => {
  const text = '# auth\nauthorizerConfiguration:\n  adminPrincipals: [alice]\nauthenticationConfiguration:\n  provider: basic\n';

  it('informs once per file, on the first auth key, for 1.10 to 2.0', () => {
    for (const version of ['1.10', '1.12', '2.0']) {
      assert.deepEqual(only(text, SERVER, 'db-config-overrides-yaml', { openmetadataVersion: version }), ['db-config-overrides-yaml@2'], version);
    }
    assert.deepEqual(severityOf(text, SERVER, 'db-config-overrides-yaml', { openmetadataVersion: '1.12' }), [3]);
    assert.match(check(text, SERVER, { openmetadataVersion: '1.12' }).diagnostics[0].message, /remove-security-config --force/);
  });

  it('stays silent before 1.10, from 2.1 (the default) and on workflow files', () => {
    assert.deepEqual(only(text, SERVER, 'db-config-overrides-yaml'), []);
    assert.deepEqual(only(text, SERVER, 'db-config-overrides-yaml', { openmetadataVersion: '1.9' }), []);
    const workflow = 'workflowConfig:\n  openMetadataServerConfig:\n    authProvider: openmetadata\n';
    assert.deepEqual(only(workflow, WORKFLOW, 'db-config-overrides-yaml', { openmetadataVersion: '1.12' }), []);
  });

  it('works in env files and Helm values', () => {
    assert.deepEqual(
      only('LOG_LEVEL=INFO\nAUTHENTICATION_PROVIDER=basic\nAUTHORIZER_PRINCIPAL_DOMAIN=example.com\n', DOTENV, 'db-config-overrides-yaml', {
        openmetadataVersion: '1.11',
      }),
      ['db-config-overrides-yaml@2'],
    );
    assert.deepEqual(
      only('openmetadata:\n  config:\n    authorizer:\n      principalDomain: example.com\n', HELM, 'db-config-overrides-yaml', {
        openmetadataVersion: '1.12',
      }),
      ['db-config-overrides-yaml@3'],
    );
  });
});
