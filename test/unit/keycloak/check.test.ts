// Settings checked against Keycloak's discovery document and client; the JSON was captured from Keycloak
// 26.7.3 (realm `openmetadata`, host rewritten to localhost:8081). Each code fires on a case, not on a near miss.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Finding } from '../../../keycloak/check';
import { checkAgainstKeycloak, checkVerdict } from '../../../keycloak/check';
import { toKeycloakError } from '../../../keycloak/errors';
import { desiredClient } from '../../../keycloak/plan';
import { keycloakSettings } from '../../../keycloak/settings';
import type { ClientRepresentation, Flow } from '../../../keycloak/types';
import discovery from '../../fixtures/keycloak/discovery-26.7.3.json';
import jwks from '../../fixtures/keycloak/jwks-26.7.3.json';

const KC = 'http://localhost:8081';
const OM = 'http://localhost:8585';
const AUTH = 'authenticationConfiguration';
const OIDC = `${AUTH}.oidcConfiguration`;

type Values = Record<string, string | boolean | number | string[] | null>;

function valuesFor(flow: Flow, overrides: Values = {}): Values {
  const values = Object.fromEntries(
    keycloakSettings({ kcUrl: KC, realm: 'openmetadata', clientId: 'open-metadata', flow, omUrl: OM }).map((v) => [v.path, v.value]),
  );
  return { ...values, ...overrides };
}

function clientFor(flow: Flow, overrides: ClientRepresentation = {}): ClientRepresentation {
  return { id: 'c1', ...desiredClient({ flow, clientId: 'open-metadata', omUrl: OM }), ...overrides };
}

// Serves the recorded documents; anything else fails the way an unreachable URL does.
function recorded(routes: Record<string, unknown> = {}) {
  const all: Record<string, unknown> = { [discovery.issuer + '/.well-known/openid-configuration']: discovery, [discovery.jwks_uri]: jwks, ...routes };
  return async (url: string) => {
    if (url in all) return all[url];
    throw toKeycloakError(Object.assign(new Error('Realm does not exist'), { response: { status: 404 }, responseData: { error: 'Realm does not exist' } }), {
      op: 'fetch',
      url,
    });
  };
}

async function run(values: Values, client?: ClientRepresentation | null, routes?: Record<string, unknown>): Promise<Finding[]> {
  return checkAgainstKeycloak({ values, fetchJson: recorded(routes), client });
}
const codes = (findings: Finding[]) => findings.map((f) => f.code);

describe('checkAgainstKeycloak: discovery', () => {
  for (const flow of ['implicit', 'authCode'] as const) {
    test(`settings from keycloakSettings (${flow}) and the matching client: no findings`, async () => {
      assert.deepEqual(await run(valuesFor(flow), clientFor(flow)), []);
    });
  }

  test('kc-issuer-mismatch: authority is the auth endpoint', async () => {
    const authority = `${KC}/realms/openmetadata/protocol/openid-connect/auth`;
    const findings = await run(valuesFor('implicit', { [`${AUTH}.authority`]: authority }));
    assert.deepEqual(codes(findings), ['kc-issuer-mismatch']);
    assert.deepEqual(findings[0].fix, { path: `${AUTH}.authority`, value: `${KC}/realms/openmetadata` });
    assert.equal(findings[0].path, `${AUTH}.authority`);
  });

  test('near miss: a trailing slash on authority is the same issuer', async () => {
    assert.deepEqual(await run(valuesFor('implicit', { [`${AUTH}.authority`]: `${KC}/realms/openmetadata/` })), []);
  });

  test('kc-jwks-not-listed: only OpenMetadata JWKS listed, fix appends Keycloak JWKS', async () => {
    const findings = await run(valuesFor('implicit', { [`${AUTH}.publicKeyUrls`]: [`${OM}/api/v1/system/config/jwks`] }));
    assert.deepEqual(codes(findings), ['kc-jwks-not-listed']);
    assert.deepEqual(findings[0].fix?.value, [`${OM}/api/v1/system/config/jwks`, discovery.jwks_uri]);
  });

  test('kc-jwks-not-listed: must be verbatim (a trailing slash is not)', async () => {
    const findings = await run(valuesFor('implicit', { [`${AUTH}.publicKeyUrls`]: [`${discovery.jwks_uri}/`] }));
    assert.deepEqual(codes(findings), ['kc-jwks-not-listed']);
  });

  test('near miss: publicKeyUrls as an env-style "[a,b]" string', async () => {
    const list = `[${discovery.jwks_uri},${OM}/api/v1/system/config/jwks]`;
    assert.deepEqual(await run(valuesFor('implicit', { [`${AUTH}.publicKeyUrls`]: list })), []);
  });

  test('kc-scope-unsupported names the unknown scope; near miss: extra spaces', async () => {
    const findings = await run(valuesFor('authCode', { [`${OIDC}.scope`]: 'openid email profile groups' }));
    assert.deepEqual(codes(findings), ['kc-scope-unsupported']);
    assert.match(findings[0].message, /scope groups/);
    assert.deepEqual(await run(valuesFor('authCode', { [`${OIDC}.scope`]: ' openid  email profile ' })), []);
  });

  test('kc-response-type-unsupported; near miss: id_token', async () => {
    assert.deepEqual(codes(await run(valuesFor('implicit', { [`${AUTH}.responseType`]: 'idtoken' }))), ['kc-response-type-unsupported']);
    assert.deepEqual(await run(valuesFor('implicit', { [`${AUTH}.responseType`]: 'id_token' })), []);
  });

  test('kc-algorithm-unsupported; near miss: RS512', async () => {
    assert.deepEqual(codes(await run(valuesFor('authCode', { [`${OIDC}.preferredJwsAlgorithm`]: 'RS257' }))), ['kc-algorithm-unsupported']);
    assert.deepEqual(await run(valuesFor('authCode', { [`${OIDC}.preferredJwsAlgorithm`]: 'RS512' })), []);
  });

  test('kc-auth-method-unsupported; near miss: client_secret_basic', async () => {
    assert.deepEqual(codes(await run(valuesFor('authCode', { [`${OIDC}.clientAuthenticationMethod`]: 'none' }))), ['kc-auth-method-unsupported']);
    assert.deepEqual(await run(valuesFor('authCode', { [`${OIDC}.clientAuthenticationMethod`]: 'client_secret_basic' })), []);
  });

  test('confidential-only checks are skipped for a public client', async () => {
    assert.deepEqual(await run(valuesFor('implicit', { [`${OIDC}.preferredJwsAlgorithm`]: 'RS257' })), []);
  });

  test('kc-discovery-unreachable: another realm', async () => {
    const findings = await run(valuesFor('implicit', { [`${AUTH}.authority`]: `${KC}/realms/missing` }));
    assert.deepEqual(codes(findings), ['kc-discovery-unreachable']);
    assert.match(findings[0].message, /Realm 'missing' does not exist/);
  });

  test('kc-discovery-unreachable: no authority at all', async () => {
    assert.deepEqual(codes(await run(valuesFor('implicit', { [`${AUTH}.authority`]: null }))), ['kc-discovery-unreachable']);
  });

  test('kc-discovery-unreachable on discoveryUri when only the authority works, with a fix', async () => {
    const findings = await run(valuesFor('authCode', { [`${OIDC}.discoveryUri`]: `${KC}/realms/openmetadata/.well-known/openid-configurationx` }));
    assert.deepEqual(codes(findings), ['kc-discovery-unreachable']);
    assert.equal(findings[0].path, `${OIDC}.discoveryUri`);
    assert.equal(findings[0].fix?.value, `${KC}/realms/openmetadata/.well-known/openid-configuration`);
  });

  test('kc-jwks-empty: a key set without keys, or one that cannot be read', async () => {
    assert.deepEqual(codes(await run(valuesFor('implicit'), undefined, { [discovery.jwks_uri]: { keys: [] } })), ['kc-jwks-empty']);
    const unreadable = { ...discovery, jwks_uri: `${KC}/realms/openmetadata/protocol/openid-connect/certsx` };
    const findings = await run(valuesFor('implicit', { [`${AUTH}.publicKeyUrls`]: [unreadable.jwks_uri] }), undefined, {
      [`${discovery.issuer}/.well-known/openid-configuration`]: unreadable,
    });
    assert.deepEqual(codes(findings), ['kc-jwks-empty']);
  });
});

describe('checkAgainstKeycloak: client', () => {
  test('kc-client-missing when looked up and absent; no client checks when not looked up', async () => {
    assert.deepEqual(codes(await run(valuesFor('implicit'), null)), ['kc-client-missing']);
    assert.deepEqual(await run(valuesFor('implicit'), undefined), []);
  });

  test('kc-client-type-mismatch: public Keycloak client for a confidential config is an error', async () => {
    const findings = await run(valuesFor('authCode'), clientFor('authCode', { publicClient: true }));
    assert.deepEqual(
      findings.map((f) => [f.code, f.severity]),
      [['kc-client-type-mismatch', 'error']],
    );
  });

  test('kc-client-type-mismatch: confidential client with implicit on for a public config is a warning', async () => {
    const findings = await run(valuesFor('implicit'), clientFor('implicit', { publicClient: false }));
    assert.deepEqual(
      findings.map((f) => [f.code, f.severity]),
      [['kc-client-type-mismatch', 'warning']],
    );
  });

  test('kc-flow-disabled: implicit off while OpenMetadata asks for id_token', async () => {
    assert.deepEqual(codes(await run(valuesFor('implicit'), clientFor('implicit', { implicitFlowEnabled: false }))), ['kc-flow-disabled']);
  });

  test('kc-flow-disabled: standard flow off for the code flow; near miss: implicit off there', async () => {
    assert.deepEqual(codes(await run(valuesFor('authCode'), clientFor('authCode', { standardFlowEnabled: false }))), ['kc-flow-disabled']);
    assert.deepEqual(await run(valuesFor('authCode'), clientFor('authCode', { implicitFlowEnabled: false })), []);
  });

  test('kc-redirect-not-registered for both callbacks; near miss: a wildcard that covers them', async () => {
    const findings = await run(valuesFor('authCode'), clientFor('authCode', { redirectUris: [`${OM}/other`] }));
    assert.deepEqual(
      findings.map((f) => [f.code, f.path]),
      [
        ['kc-redirect-not-registered', `${AUTH}.callbackUrl`],
        ['kc-redirect-not-registered', `${OIDC}.callbackUrl`],
      ],
    );
    assert.deepEqual(await run(valuesFor('authCode'), clientFor('authCode', { redirectUris: [`${OM}/*`] })), []);
    assert.deepEqual(codes(await run(valuesFor('authCode'), clientFor('authCode', { redirectUris: [`${OM}/callback/*`] }))), []);
    assert.equal((await run(valuesFor('authCode'), clientFor('authCode', { redirectUris: [`${OM}/call*`] }))).length, 0);
    assert.equal((await run(valuesFor('authCode'), clientFor('authCode', { redirectUris: [`${OM}/callbackx`] }))).length, 2);
  });

  test('kc-redirect-not-registered on a typo offers the file-side fix first: the callback Keycloak has (defect 13)', async () => {
    const findings = await run(
      valuesFor('implicit', { [`${AUTH}.callbackUrl`]: `${OM}/calback` }),
      clientFor('implicit', { redirectUris: [`${OM}/callback`, `${OM}/silent-callback`] }),
    );
    assert.deepEqual(codes(findings), ['kc-redirect-not-registered']);
    assert.deepEqual(findings[0].fix, { path: `${AUTH}.callbackUrl`, value: `${OM}/callback` });
    assert.match(findings[0].message, /use the URI the client has, http:\/\/localhost:8585\/callback/);
    // Near miss: nothing that looks like OpenMetadata's callback is registered, so only Keycloak can be changed.
    const none = await run(valuesFor('implicit', { [`${AUTH}.callbackUrl`]: `${OM}/calback` }), clientFor('implicit', { redirectUris: [`${OM}/other`] }));
    assert.equal(none[0].fix, undefined);
  });

  test("the verdict names the file's own errors next to Keycloak's (defect 13: it said 'agrees' over two errors)", () => {
    assert.deepEqual(checkVerdict('values.yaml', [], [], true), { level: 'info', text: 'values.yaml agrees with Keycloak.' });
    const mixed = checkVerdict('values.yaml', [], ['`providerName` is not a key', 'another'], true);
    assert.equal(mixed.level, 'warning');
    assert.match(mixed.text, /^values\.yaml agrees with Keycloak, but the file has 2 errors of its own/);
    const both = checkVerdict('values.yaml', [{ code: 'kc-jwks-not-listed', severity: 'error', path: 'x', message: 'm' }], ['e'], false);
    assert.match(both.text, /1 problem against Keycloak and 1 error of its own/);
    assert.match(both.text, /connect to Keycloak to check the client too/);
  });

  test('relative redirect URIs resolve against rootUrl, as in Keycloak', async () => {
    assert.deepEqual(await run(valuesFor('authCode'), clientFor('authCode', { rootUrl: OM, redirectUris: ['/callback'] })), []);
  });

  test('kc-pkce-required: PKCE required while disablePkce is true (or left out)', async () => {
    const pkce = clientFor('authCode', { attributes: { 'pkce.code.challenge.method': 'S256' } });
    const findings = await run(valuesFor('authCode'), pkce);
    assert.deepEqual(codes(findings), ['kc-pkce-required']);
    assert.deepEqual(findings[0].fix, { path: `${OIDC}.disablePkce`, value: false });
    assert.deepEqual(codes(await run(valuesFor('authCode', { [`${OIDC}.disablePkce`]: null }), pkce)), ['kc-pkce-required']);
    assert.deepEqual(await run(valuesFor('authCode', { [`${OIDC}.disablePkce`]: false }), pkce), []);
    assert.deepEqual(await run(valuesFor('authCode', { [`${OIDC}.disablePkce`]: 'false' }), pkce), []);
  });

  test('near miss: PKCE on a client used only for the implicit flow', async () => {
    assert.deepEqual(await run(valuesFor('implicit'), clientFor('implicit', { attributes: { 'pkce.code.challenge.method': 'S256' } })), []);
  });
});
