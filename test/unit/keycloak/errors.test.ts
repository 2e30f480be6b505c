// Every failure maps to one kind and one actionable sentence; the error shapes are those Node 20 fetch
// and @keycloak/keycloak-admin-client 26.7.4 produce (seen against Keycloak 26.7.3).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ErrorContext } from '../../../keycloak/errors';
import { clientTypeConflict, KeycloakError, missingClientScope, toKeycloakError } from '../../../keycloak/errors';

const URL = 'https://kc.example.com';
const base: ErrorContext = { op: 'connect', url: URL, adminRealm: 'master', authKind: 'password', principal: 'admin', timeoutMs: 5000 };

// NetworkError from the admin client: message is the OAuth/Keycloak error, with response and parsed body.
const http = (status: number, responseData: unknown) =>
  Object.assign(
    new Error(typeof responseData === 'object' && responseData && 'error' in responseData ? String(responseData.error) : 'Network response was not OK.'),
    {
      response: { status, url: `${URL}/x` },
      responseData,
    },
  );
// Node's fetch: TypeError('fetch failed') with the system error as cause.
const transport = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code}`), { code }) });

describe('toKeycloakError', () => {
  test('connection refused before any success: unreachable, names the URL setting', () => {
    const error = toKeycloakError(transport('ECONNREFUSED'), base);
    assert.equal(error.kind, 'unreachable');
    assert.match(error.message, /Nothing answers at https:\/\/kc\.example\.com \(ECONNREFUSED\).*openmetadataAuth\.keycloak\.url/);
  });

  test('unknown host: unreachable', () => {
    const error = toKeycloakError(transport('ENOTFOUND'), base);
    assert.equal(error.kind, 'unreachable');
    assert.match(error.message, /cannot be resolved/);
  });

  test("fetch's blocked ports: unreachable", () => {
    assert.equal(toKeycloakError(new TypeError('fetch failed', { cause: new Error('bad port') }), base).kind, 'unreachable');
  });

  test('happy-eyeballs AggregateError: the code of its first member counts', () => {
    const cause = new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]);
    assert.equal(toKeycloakError(new TypeError('fetch failed', { cause }), base).kind, 'unreachable');
  });

  test('self-signed certificate: tls, names the CA file setting', () => {
    for (const code of ['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']) {
      const error = toKeycloakError(transport(code), base);
      assert.equal(error.kind, 'tls');
      assert.match(error.message, /openmetadataAuth\.keycloak\.caFile/);
    }
  });

  test('wrong host name on the certificate: tls, about the URL', () => {
    const error = toKeycloakError(transport('ERR_TLS_CERT_ALTNAME_INVALID'), base);
    assert.equal(error.kind, 'tls');
    assert.match(error.message, /host name/);
  });

  test('bad password (Keycloak 26 answers 400 invalid_grant): bad-credentials, names the user only', () => {
    const error = toKeycloakError(http(400, { error: 'invalid_grant', error_description: 'Invalid user credentials' }), base);
    assert.equal(error.kind, 'bad-credentials');
    assert.equal(error.message, "Keycloak refused to sign in user 'admin' to realm 'master' (Invalid user credentials): check the username and password.");
  });

  test('bad client secret: bad-credentials about the Credentials tab', () => {
    const error = toKeycloakError(http(401, { error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' }), {
      ...base,
      authKind: 'clientCredentials',
      principal: 'om-provisioner',
    });
    assert.equal(error.kind, 'bad-credentials');
    assert.match(error.message, /secret of client 'om-provisioner'.*Credentials tab/);
  });

  test('Keycloak 26 says unauthorized_client for a wrong client secret too', () => {
    const error = toKeycloakError(http(401, { error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' }), {
      ...base,
      authKind: 'clientCredentials',
      principal: 'p',
    });
    assert.match(error.message, /rejected the secret of client 'p'/);
  });

  test('service accounts off: bad-credentials telling to turn them on', () => {
    const error = toKeycloakError(http(401, { error: 'unauthorized_client', error_description: 'Public client not allowed to retrieve service account' }), {
      ...base,
      authKind: 'clientCredentials',
      principal: 'x',
    });
    assert.match(error.message, /Service accounts roles/);
  });

  test('401 on an admin call: the session is over', () => {
    const error = toKeycloakError(http(401, { error: 'HTTP 401 Unauthorized' }), { ...base, op: 'findClient', realm: 'r' });
    assert.equal(error.kind, 'bad-credentials');
    assert.match(error.message, /connect again/);
  });

  test('403 names the missing role per operation', () => {
    const forbidden = http(403, { error: 'HTTP 403 Forbidden' });
    const create = toKeycloakError(forbidden, { ...base, op: 'createClient', adminRealm: 'om', realm: 'om', clientId: 'open-metadata' });
    assert.equal(create.kind, 'forbidden');
    assert.equal(
      create.message,
      "User 'admin' may not create client 'open-metadata' in realm 'om': give it the role 'manage-clients' of client 'realm-management' in realm 'om' (or 'realm-admin').",
    );
    const realm = toKeycloakError(forbidden, { ...base, op: 'createRealm', realm: 'om' });
    assert.match(realm.message, /'create-realm' \(or 'admin'\) in realm 'master'/);
    const fromMaster = toKeycloakError(forbidden, { ...base, op: 'findClient', realm: 'om' });
    assert.match(fromMaster.message, /'view-clients' of client 'om-realm' in realm 'master'/);
    const serviceAccount = toKeycloakError(forbidden, { ...base, authKind: 'clientCredentials', principal: 'prov', op: 'listRealms' });
    assert.match(serviceAccount.message, /^The service account of client 'prov' may not list realms/);
  });

  test('404 on a realm: realm-not-found', () => {
    const error = toKeycloakError(http(404, { error: 'Realm not found.' }), { ...base, op: 'findClient', realm: 'nope' });
    assert.equal(error.kind, 'realm-not-found');
    assert.equal(error.message, "Realm 'nope' does not exist on https://kc.example.com: pick an existing realm or create it first.");
  });

  test('404 on a realm from Keycloak 24, whose description is a generic hint: realm-not-found', () => {
    const body = { error: 'Realm not found.', error_description: 'For more on this error consult the server log at the debug level.' };
    const error = toKeycloakError(http(404, body), { ...base, op: 'findClient', realm: 'nope', clientId: 'x' });
    assert.equal(error.kind, 'realm-not-found');
    assert.match(error.message, /^Realm 'nope' does not exist/);
  });

  test('404 when signing in: the admin realm does not exist', () => {
    const error = toKeycloakError(http(404, { error: 'Realm does not exist' }), { ...base, adminRealm: 'ops' });
    assert.equal(error.kind, 'realm-not-found');
    assert.match(error.message, /Realm 'ops'/);
  });

  test('404 on a fetched discovery document names the realm from the URL', () => {
    const error = toKeycloakError(http(404, { error: 'Realm does not exist' }), { op: 'fetch', url: `${URL}/realms/om/.well-known/openid-configuration` });
    assert.equal(error.kind, 'realm-not-found');
    assert.match(error.message, /Realm 'om'/);
  });

  test('404 on a fetched URL that is not a missing realm: about the URL, without its query', () => {
    const error = toKeycloakError(http(404, { error: 'Unable to find matching target resource method' }), {
      op: 'fetch',
      url: `${URL}/realms/om/certsx?token=abc`,
    });
    assert.equal(error.kind, 'unexpected');
    assert.equal(
      error.message,
      `${URL}/realms/om/certsx answered HTTP 404 (Unable to find matching target resource method): check that the URL points at Keycloak's realm and is reachable from here.`,
    );
  });

  test('409: conflict, suggests re-running to adopt', () => {
    const error = toKeycloakError(http(409, { errorMessage: 'Client open-metadata already exists' }), {
      ...base,
      op: 'createClient',
      realm: 'om',
      clientId: 'open-metadata',
    });
    assert.equal(error.kind, 'conflict');
    assert.match(error.message, /adopt/);
  });

  test('400 on a write: rejected, with Keycloak detail', () => {
    const error = toKeycloakError(http(400, { error: 'unknown_error', error_description: 'Cannot parse the JSON' }), {
      ...base,
      op: 'updateClient',
      realm: 'om',
      clientId: 'c',
    });
    assert.equal(error.kind, 'rejected');
    assert.match(error.message, /Keycloak rejected update client 'c' in realm 'om' \(HTTP 400: Cannot parse the JSON\)/);
  });

  test('timeout: names the limit', () => {
    const error = toKeycloakError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), base);
    assert.equal(error.kind, 'timeout');
    assert.match(error.message, /did not answer within 5 s/);
  });

  test('connection lost after a success: Keycloak stopped mid-run', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET']) {
      const error = toKeycloakError(transport(code), { ...base, op: 'createClient', connected: true });
      assert.equal(error.kind, 'stopped');
      assert.match(error.message, /stopped answering in the middle of the run/);
    }
  });

  test('factories for failures found by the plan and the gateway', () => {
    assert.equal(clientTypeConflict('om', 'c', true, false).kind, 'client-type-conflict');
    assert.match(clientTypeConflict('om', 'c', true, false).message, /taken by a public client, but this flow needs a confidential/);
    assert.match(clientTypeConflict('om', 'c', false, true, 'saml').message, /taken by a saml client/);
    assert.equal(missingClientScope('om', 'email').kind, 'missing-scope');
  });

  test('an already mapped error passes through', () => {
    const mapped = new KeycloakError('timeout', 'x');
    assert.equal(toKeycloakError(mapped, base), mapped);
  });

  test('messages never carry credentials from the URL', () => {
    const error = toKeycloakError(transport('ECONNREFUSED'), { ...base, url: 'https://admin:hunter2@kc.example.com/' });
    assert.doesNotMatch(error.message, /hunter2/);
  });
});
