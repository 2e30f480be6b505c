// Settings the provider or the trust-store type never reads, and a SAML certificate given as a path (issue 23, item 6).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, codesOf, fixed, fixesOf, URI } from '../helpers';

const saml = (provider: string, idp: string) => `authenticationConfiguration:
  provider: ${provider}
  samlConfiguration:
    idp:
${idp}
`;
const IDP = '      entityId: https://idp.example.com/metadata\n      ssoLoginUrl: https://idp.example.com/sso';

describe('setting-ignored', () => {
  it('SAML settings filled in while the provider is still basic are ignored, and it says why (issue 19162)', () => {
    const text = saml('basic', IDP);
    const d = check(text, URI.server).diagnostics.filter((x) => x.code === 'setting-ignored');
    assert.deepEqual(
      d.map((x) => [x.severity, x.range.start.line + 1]),
      [[2, 3]],
    );
    assert.match(d[0].message, /`entityId`.*`ssoLoginUrl`.*only with `provider: saml`/);
    // The same in a .env file that states its provider.
    const env = 'AUTHENTICATION_PROVIDER=basic\nSAML_IDP_ENTITY_ID=https://idp.example.com/metadata\n';
    assert.deepEqual(codesOf(env, URI.dotenv, 'setting-ignored'), ['setting-ignored@2']);
  });
  it('LDAP settings with provider basic, written as a placeholder default too', () => {
    const text =
      'authenticationConfiguration:\n  provider: basic\n  ldapConfiguration:\n    host: ${AUTHENTICATION_LDAP_HOST:-ldap.corp.example}\n    port: 636\n';
    assert.deepEqual(codesOf(text, URI.server, 'setting-ignored'), ['setting-ignored@3']);
  });
  it('near misses: the provider that reads them, the stock ${VAR:-} form, a .env without a provider, an OIDC provider, the chart defaults', () => {
    assert.deepEqual(codesOf(saml('saml', IDP), URI.server, 'setting-ignored'), []);
    assert.deepEqual(
      codesOf(saml('basic', '      entityId: ${SAML_IDP_ENTITY_ID:-""}\n      ssoLoginUrl: ${SAML_IDP_SSO_LOGIN_URL:-}'), URI.server, 'setting-ignored'),
      [],
    );
    assert.deepEqual(codesOf('SAML_IDP_ENTITY_ID=https://idp.example.com/metadata\n', URI.dotenv, 'setting-ignored'), []);
    // A switch to single sign-on leaves the old section behind, unread and harmless.
    assert.deepEqual(codesOf(saml('custom-oidc', IDP), URI.server, 'setting-ignored'), []);
    const chart =
      'openmetadata:\n  config:\n    authentication:\n      provider: basic\n      ldapConfiguration:\n        host: localhost\n        dnAdminPrincipal: "cn=admin,dc=example,dc=com"\n        userBaseDN: "ou=people,dc=example,dc=com"\n';
    assert.deepEqual(codesOf(chart, URI.helm, 'setting-ignored'), []);
  });
  it('a truststore beside truststoreConfigType TrustAll is never opened; the fix selects it', () => {
    const ldap = (type: string) => `authenticationConfiguration:
  provider: ldap
  ldapConfiguration:
    host: ldap.corp.example
    truststoreConfigType: ${type}
    trustStoreConfig:
      customTrustManagerConfig:
        trustStoreFilePath: /etc/openmetadata/truststore.jks
        trustStoreFileFormat: JKS
`;
    const d = check(ldap('TrustAll'), URI.server).diagnostics.filter((x) => x.code === 'setting-ignored');
    assert.deepEqual(
      d.map((x) => x.range.start.line + 1),
      [5],
    );
    assert.match(d[0].message, /never opens the truststore/);
    assert.ok(fixesOf(ldap('TrustAll'), 'setting-ignored', URI.server).every((f) => !f.preferred));
    assert.equal(fixed(ldap('TrustAll'), 'setting-ignored', URI.server), ldap('CustomTrustStore'));
    // Near miss: the type that reads it.
    assert.deepEqual(codesOf(ldap('CustomTrustStore'), URI.server, 'setting-ignored'), []);
  });
});

describe('a SAML IdP certificate given as a file path (issue 19162)', () => {
  it('is an invalid value: the server decodes the path as the certificate', () => {
    const text = saml('saml', `${IDP}\n      idpX509Certificate: /etc/openmetadata/idp.pem`);
    const d = check(text, URI.server).diagnostics.filter((x) => x.code === 'invalid-value');
    assert.deepEqual(
      d.map((x) => [x.severity, x.range.start.line + 1]),
      [[1, 7]],
    );
    assert.match(d[0].message, /not a file path/);
    const env = 'AUTHENTICATION_PROVIDER=saml\nSAML_IDP_CERTIFICATE=/path/to/the/certificate.crt\n';
    assert.deepEqual(codesOf(env, URI.dotenv, 'invalid-value'), ['invalid-value@2']);
  });
  it('near misses: the certificate text, its base64 body, a reference', () => {
    for (const cert of [
      '"-----BEGIN CERTIFICATE-----\\nMIIC...\\n-----END CERTIFICATE-----"',
      'MIICmzCCAYMCBgGNl0aWxjANBgkqhkiG9w0BAQsFADARMQ8wDQYDVQQDDAZtYXN0ZXI',
      '${SAML_IDP_CERTIFICATE}',
    ]) {
      assert.deepEqual(codesOf(saml('saml', `${IDP}\n      idpX509Certificate: ${cert}`), URI.server, 'invalid-value'), [], cert);
    }
  });
});
