// Failures seen in real bug reports (a.7): URLs the server fetches at localhost in a container, provider endpoints
// written as the authority, an SSO setup with no admin.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, codesOf, fixed, fixesOf, URI } from '../helpers';

const compose = (jwks: string) =>
  `services:\n  openmetadata-server:\n    environment:\n      AUTHENTICATION_PROVIDER: custom-oidc\n      AUTHENTICATION_AUTHORITY: http://localhost:8080/realms/om\n      AUTHENTICATION_PUBLIC_KEYS: "[${jwks}, http://localhost:8585/api/v1/system/config/jwks]"\n      AUTHENTICATION_CALLBACK_URL: http://localhost:8585/callback\n`;

describe('localhost-in-container', () => {
  it('fires on a Keycloak JWKS at localhost in a compose service, and points at host.docker.internal (issue 7567)', () => {
    const text = compose('http://localhost:8080/realms/om/protocol/openid-connect/certs');
    assert.deepEqual(codesOf(text, URI.compose, 'localhost-in-container'), ['localhost-in-container@6']);
    assert.equal(
      fixed(text, 'localhost-in-container', URI.compose, { title: 'host.docker.internal' }),
      compose('http://host.docker.internal:8080/realms/om/protocol/openid-connect/certs'),
    );
    assert.ok(!fixesOf(text, 'localhost-in-container', URI.compose).some((f) => f.preferred), 'a pod needs the service name: no fix is preferred');
  });
  it('also on 127.0.0.1 in a Kubernetes env list and in Helm values', () => {
    const k8s =
      'spec:\n  containers:\n    - name: om\n      env:\n        - name: AUTHENTICATION_PROVIDER\n          value: custom-oidc\n        - name: OIDC_DISCOVERY_URI\n          value: http://127.0.0.1:8080/realms/om/.well-known/openid-configuration\n';
    assert.deepEqual(codesOf(k8s, URI.k8s, 'localhost-in-container'), ['localhost-in-container@8']);
    const helm =
      'openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      publicKeys:\n        - http://localhost:8080/realms/om/protocol/openid-connect/certs\n        - http://openmetadata:8585/api/v1/system/config/jwks\n';
    assert.deepEqual(codesOf(helm, URI.helm, 'localhost-in-container'), ['localhost-in-container@6']);
  });
  it('on a discovery URI speaks of the metadata and the token exchange, not of keys, and writes no host that splits the issuer (issue 25, item 8)', () => {
    const env = (discovery: string) =>
      `services:\n  openmetadata-server:\n    environment:\n      AUTHENTICATION_PROVIDER: custom-oidc\n      AUTHENTICATION_CLIENT_TYPE: confidential\n      AUTHENTICATION_AUTHORITY: http://localhost:8080/realms/om\n      OIDC_CLIENT_ID: om\n      OIDC_CLIENT_SECRET: \${OIDC_CLIENT_SECRET}\n      OIDC_DISCOVERY_URI: ${discovery}/realms/om/.well-known/openid-configuration\n`;
    const text = env('http://localhost:8080');
    const d = check(text, URI.compose).diagnostics.filter((x) => x.code === 'localhost-in-container');
    assert.deepEqual(
      d.map((x) => x.range.start.line + 1),
      [9],
    );
    assert.doesNotMatch(d[0].message, /No key found|JWKS/);
    assert.match(d[0].message, /token endpoint/);
    assert.match(d[0].message, /KC_HOSTNAME/);
    // host.docker.internal here with the browser on localhost is the issuer split keycloak-url-mismatch reports.
    assert.deepEqual(fixesOf(text, 'localhost-in-container', URI.compose), []);
    assert.ok(check(env('http://host.docker.internal:8080'), URI.compose).codes.some((c) => c.startsWith('keycloak-url-mismatch@')));
  });
  it("stays silent on the service name, on OpenMetadata's own JWKS, in a server config and in a .env file", () => {
    assert.deepEqual(codesOf(compose('http://keycloak:8080/realms/om/protocol/openid-connect/certs'), URI.compose, 'localhost-in-container'), []);
    const server =
      'authenticationConfiguration:\n  provider: custom-oidc\n  publicKeyUrls:\n    - http://localhost:8080/realms/om/protocol/openid-connect/certs\n';
    assert.deepEqual(codesOf(server, URI.server, 'localhost-in-container'), []);
    const dotenv = 'AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_PUBLIC_KEYS=[http://localhost:8080/realms/om/protocol/openid-connect/certs]\n';
    assert.deepEqual(codesOf(dotenv, URI.dotenv, 'localhost-in-container'), []);
  });
});

describe('authority-not-issuer for other providers (issue 18865)', () => {
  const server = (provider: string, authority: string) => `authenticationConfiguration:\n  provider: ${provider}\n  authority: ${authority}\n`;
  const cases: [string, string, string][] = [
    ['azure', 'https://login.microsoftonline.com/tenant-id/oauth2/v2.0/authorize', 'https://login.microsoftonline.com/tenant-id/v2.0'],
    ['okta', 'https://dev-123.okta.com/oauth2/default/v1/authorize', 'https://dev-123.okta.com/oauth2/default'],
    ['okta', 'https://dev-123.okta.com/oauth2/v1/token', 'https://dev-123.okta.com'],
    ['auth0', 'https://tenant.eu.auth0.com/authorize', 'https://tenant.eu.auth0.com'],
    ['google', 'https://accounts.google.com/o/oauth2/v2/auth', 'https://accounts.google.com'],
  ];
  for (const [provider, endpoint, issuer] of cases) {
    it(`${provider}: ${endpoint} becomes ${issuer}`, () => {
      assert.deepEqual(codesOf(server(provider, endpoint), URI.server, 'authority-not-issuer'), ['authority-not-issuer@3']);
      assert.equal(fixed(server(provider, endpoint), 'authority-not-issuer', URI.server), server(provider, issuer));
    });
  }
  it('stays silent on the issuers themselves', () => {
    for (const [provider, , issuer] of cases) assert.deepEqual(codesOf(server(provider, issuer), URI.server, 'authority-not-issuer'), [], issuer);
  });
});

describe('no-admin-principal (helm-charts issue 316)', () => {
  const helm = (admins: string) =>
    `openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n    authorizer:\n      initialAdmins: ${admins}\n`;
  it('fires with SSO when the admin list names nobody', () => {
    assert.deepEqual(codesOf(helm('[""]'), URI.helm, 'no-admin-principal'), ['no-admin-principal@6']);
    assert.deepEqual(codesOf(helm('[]'), URI.helm, 'no-admin-principal'), ['no-admin-principal@6']);
  });
  it('stays silent with someone in it, or with basic auth', () => {
    assert.deepEqual(codesOf(helm('[jane]'), URI.helm, 'no-admin-principal'), []);
    assert.deepEqual(codesOf(helm('[""]').replace('custom-oidc', 'basic'), URI.helm, 'no-admin-principal'), []);
  });
});
