// The gateway, provisioning and checks against a real Keycloak: KEYCLOAK_URL's, or one scripts/keycloak.mjs starts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { checkAgainstKeycloak } from '../../keycloak/check';
import { KeycloakError } from '../../keycloak/errors';
import type { ConnectOptions, KeycloakGateway } from '../../keycloak/gateway';
import { connect, probeKeycloak } from '../../keycloak/gateway';
import { desiredClient, planClient } from '../../keycloak/plan';
import { applyPlan, undoApply } from '../../keycloak/provision';
import { keycloakSettings } from '../../keycloak/settings';
import type { Flow } from '../../keycloak/types';

interface StartedKeycloak {
  url: string;
  adminUser: string;
  adminPassword: string;
  stop(): Promise<void>;
}

const OM = 'https://om.example.com';
const suffix = randomBytes(4).toString('hex');
const realm = `om-it-${suffix}`;
const brokenRealm = `om-it-noemail-${suffix}`;

let kc: StartedKeycloak;
let admin: KeycloakGateway;
let adminToken: () => Promise<string>;

/** Admin REST calls the product never makes (users, roles, realm deletion), for test setup only. */
async function rest(method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${kc.url}/admin/realms${path}`, {
    method,
    headers: { authorization: `Bearer ${await adminToken()}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok && response.status !== 404) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return response;
}

async function json<T>(method: string, path: string): Promise<T> {
  return (await (await rest(method, path)).json()) as T;
}

async function createUser(inRealm: string, username: string, password: string, clientRoles: string[]): Promise<void> {
  await rest('POST', `/${inRealm}/users`, {
    username,
    enabled: true,
    email: `${username}@example.com`,
    emailVerified: true,
    firstName: 'Test',
    lastName: 'User',
    credentials: [{ type: 'password', value: password, temporary: false }],
  });
  const [user] = await json<{ id: string }[]>('GET', `/${inRealm}/users?username=${username}&exact=true`);
  await grantRealmManagement(inRealm, user.id, clientRoles);
}

async function grantRealmManagement(inRealm: string, userId: string, roleNames: string[]): Promise<void> {
  if (roleNames.length === 0) return;
  const [management] = await json<{ id: string }[]>('GET', `/${inRealm}/clients?clientId=realm-management`);
  const roles = await Promise.all(roleNames.map((name) => json<{ id: string; name: string }>('GET', `/${inRealm}/clients/${management.id}/roles/${name}`)));
  await rest('POST', `/${inRealm}/users/${userId}/role-mappings/clients/${management.id}`, roles);
}

/** Keycloak's relative path (`/auth` when started so), which a proxy in front of it keeps. */
const kcPath = () => new URL(kc.url).pathname.replace(/\/$/, '');

const password = (username: string, pw: string, adminRealm = realm): ConnectOptions => ({
  url: kc.url,
  adminRealm,
  auth: { kind: 'password', username, password: pw },
});

async function rejects(promise: Promise<unknown>, kind: string, message?: RegExp): Promise<KeycloakError> {
  const error = await promise.then(
    () => assert.fail(`expected a ${kind} failure`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof KeycloakError, `not a KeycloakError: ${String(error)}`);
  assert.equal(error.kind, kind, error.message);
  if (message) assert.match(error.message, message);
  return error;
}

const WRITES = ['createRealm', 'createClient', 'updateClient', 'deleteClient', 'regenerateClientSecret', 'addDefaultClientScope'] as const;

/** The real gateway, recording every write; reads pass through. */
function counting(gateway: KeycloakGateway): { gateway: KeycloakGateway; writes: string[] } {
  const writes: string[] = [];
  const wrapped: KeycloakGateway = { ...gateway };
  for (const name of WRITES) {
    const original = gateway[name] as (...args: unknown[]) => Promise<unknown>;
    (wrapped as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      writes.push(name);
      return original(...args);
    };
  }
  return { gateway: wrapped, writes };
}

async function provision(flow: Flow, clientId: string, options: Parameters<typeof applyPlan>[3] = {}, gateway = admin, inRealm = realm) {
  const plan = planClient(await gateway.findClient(inRealm, clientId), desiredClient({ flow, clientId, omUrl: OM }));
  return { plan, result: await applyPlan(gateway, inRealm, plan, options) };
}

before(
  async () => {
    // The bundle runs from out/test/integration; the script stays an ES module, loaded at run time.
    const script = pathToFileURL(resolve(__dirname, '../../../scripts/keycloak.mjs')).href;
    const { startKeycloak } = (await import(script)) as { startKeycloak: (options?: { log?: (line: string) => void }) => Promise<StartedKeycloak> };
    kc = await startKeycloak();
    // Creating a realm on a Keycloak that just started (cold JIT, busy CI machine) can take longer than 15 s.
    admin = await connect({ url: kc.url, auth: { kind: 'password', username: kc.adminUser, password: kc.adminPassword }, timeoutMs: 120_000 });
    // Each sign-in hashes the password (hundreds of ms), so reuse the token within its 60 s lifetime.
    let token = { value: '', until: 0 };
    adminToken = async () => {
      if (Date.now() < token.until) return token.value;
      const body = new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: kc.adminUser, password: kc.adminPassword });
      const response = await fetch(`${kc.url}/realms/master/protocol/openid-connect/token`, { method: 'POST', body });
      token = { value: ((await response.json()) as { access_token: string }).access_token, until: Date.now() + 45_000 };
      return token.value;
    };
    await admin.createRealm(realm);
    await admin.createRealm(brokenRealm);
    // Keycloak's default argon2 takes seconds per test user on small machines.
    await rest('PUT', `/${realm}`, { passwordPolicy: 'hashAlgorithm(pbkdf2-sha256) and hashIterations(1000)' });
  },
  { timeout: 600_000 },
);

after(async () => {
  if (admin) {
    for (const name of [realm, brokenRealm]) await rest('DELETE', `/${name}`);
    await admin.close();
  }
  await kc?.stop();
});

describe('connect', () => {
  test('admin with a password; realms listed', async () => {
    const realms = await admin.listRealms();
    assert.ok(realms.some((r) => r.realm === 'master'));
    assert.ok(realms.some((r) => r.realm === realm && r.enabled));
  });

  test('a service-account client (client credentials)', async () => {
    await rest('POST', `/${realm}/clients`, { clientId: 'om-provisioner', publicClient: false, serviceAccountsEnabled: true, standardFlowEnabled: false });
    const [client] = await json<{ id: string }[]>('GET', `/${realm}/clients?clientId=om-provisioner`);
    const { value: secret } = await json<{ value: string }>('GET', `/${realm}/clients/${client.id}/client-secret`);
    const serviceUser = await json<{ id: string }>('GET', `/${realm}/clients/${client.id}/service-account-user`);
    await grantRealmManagement(realm, serviceUser.id, ['view-clients', 'manage-clients']);

    const gateway = await connect({ url: kc.url, adminRealm: realm, auth: { kind: 'clientCredentials', clientId: 'om-provisioner', clientSecret: secret } });
    assert.deepEqual(
      (await gateway.listRealms()).map((r) => r.realm),
      [realm],
    );
    assert.equal((await gateway.findClient(realm, 'om-provisioner'))?.clientId, 'om-provisioner');
    await gateway.close();

    const error = await rejects(
      connect({ url: kc.url, adminRealm: realm, auth: { kind: 'clientCredentials', clientId: 'om-provisioner', clientSecret: 'wrong-secret-value' } }),
      'bad-credentials',
      /secret of client 'om-provisioner'/,
    );
    assert.doesNotMatch(error.message, /wrong-secret-value/);
  });

  test('wrong password: bad-credentials, and the password is not in the message', async () => {
    const error = await rejects(connect(password(kc.adminUser, 'not-the-password-42', 'master')), 'bad-credentials', /Invalid user credentials/);
    assert.doesNotMatch(error.message, /not-the-password-42/);
  });

  test('a user without rights: forbidden, naming the role', async () => {
    await createUser(realm, 'nobody', 'nobody-pw', []);
    await rejects(connect(password('nobody', 'nobody-pw')), 'forbidden', /'view-realm' of client 'realm-management'/);

    await createUser(realm, 'viewer', 'viewer-pw', ['view-clients']);
    const viewer = await connect(password('viewer', 'viewer-pw'));
    assert.equal(await viewer.findClient(realm, 'absent'), undefined);
    await rejects(
      applyPlan(viewer, realm, planClient(undefined, desiredClient({ flow: 'implicit', clientId: 'om-viewer', omUrl: OM }))),
      'forbidden',
      /may not create client 'om-viewer' in realm '.*': give it the role 'manage-clients'/,
    );
    const [provisioner] = await json<{ id: string }[]>('GET', `/${realm}/clients?clientId=om-provisioner`);
    await rejects(viewer.regenerateClientSecret(realm, provisioner.id), 'forbidden', /'manage-clients'/);
    await viewer.close();
  });

  test('realm not found: as sign-in realm and as target realm', async () => {
    await rejects(connect(password('admin', 'x', 'no-such-realm')), 'realm-not-found', /Realm 'no-such-realm' does not exist/);
    await rejects(admin.findClient('no-such-realm', 'x'), 'realm-not-found', /Realm 'no-such-realm'/);
  });

  test('unreachable: a closed port', async () => {
    const port = await closedPort();
    await rejects(
      connect({ ...password('admin', 'x'), url: `http://127.0.0.1:${port}` }),
      'unreachable',
      /Nothing answers at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
    );
  });

  test('the URL alone is checked before any credentials: Keycloak passes, a closed port and a non-Keycloak URL fail with the next step (defect 14)', async () => {
    await probeKeycloak(kc.url);
    await probeKeycloak(`${kc.url}/`);
    const port = await closedPort();
    await rejects(probeKeycloak(`http://127.0.0.1:${port}`), 'unreachable', /Nothing answers at http:\/\/127\.0\.0\.1:\d+/);
    await rejects(probeKeycloak(`${kc.url}/realms/master`), 'unreachable', /not as a Keycloak base URL .* without \/realms\/…/);
  });

  test('timeout: a socket that never answers', async () => {
    const sockets: Socket[] = [];
    const silent = createNetServer((socket) => sockets.push(socket));
    const port = await listen(silent);
    try {
      await rejects(connect({ ...password('admin', 'x'), url: `http://127.0.0.1:${port}`, timeoutMs: 300 }), 'timeout', /did not answer within 0.3 s/);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  test('Keycloak going away mid-run: stopped', async () => {
    const proxy = proxyTo(kc.url, createHttpServer());
    const port = await listen(proxy.server);
    try {
      const gateway = await connect({ ...password(kc.adminUser, kc.adminPassword, 'master'), url: `http://127.0.0.1:${port}${kcPath()}` });
      await proxy.close();
      await rejects(gateway.findClient(realm, 'x'), 'stopped', /stopped answering in the middle of the run/);
      await gateway.close();
    } finally {
      await proxy.close();
    }
  });

  test('TLS: a private CA fails until caFile names it', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-tls-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
    } catch {
      t.skip('openssl is not available');
      return;
    }
    const proxy = proxyTo(kc.url, createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }));
    const port = await listen(proxy.server);
    try {
      const options = { ...password(kc.adminUser, kc.adminPassword, 'master'), url: `https://127.0.0.1:${port}${kcPath()}` };
      await rejects(connect(options), 'tls', /DEPTH_ZERO_SELF_SIGNED_CERT.*openmetadataAuth\.keycloak\.caFile/);
      const gateway = await connect({ ...options, caFile: join(dir, 'cert.pem') });
      assert.ok((await gateway.listRealms()).length > 0);
      assert.ok(await gateway.fetchJson(`https://127.0.0.1:${port}${kcPath()}/realms/${realm}/.well-known/openid-configuration`));
      await gateway.close();
      await rejects(connect({ ...options, caFile: join(dir, 'missing.pem') }), 'tls', /cannot be read \(ENOENT\)/);
    } finally {
      await proxy.close();
    }
  });
});

describe('provisioning', () => {
  test('implicit: a public client with both flows, callbacks, origins and the realm default scopes', async () => {
    const { plan, result } = await provision('implicit', 'om-implicit');
    assert.equal(plan.action, 'create');
    assert.equal(result.created, true);
    assert.equal(result.secret, undefined);
    const client = await admin.findClient(realm, 'om-implicit');
    assert.ok(client);
    assert.equal(client.publicClient, true);
    assert.equal(client.standardFlowEnabled, true);
    assert.equal(client.implicitFlowEnabled, true);
    assert.equal(client.directAccessGrantsEnabled, false);
    assert.equal(client.serviceAccountsEnabled, false);
    assert.deepEqual([...(client.redirectUris ?? [])].sort(), [`${OM}/callback`, `${OM}/silent-callback`]);
    assert.deepEqual(client.webOrigins, [OM]);
    assert.equal(client.attributes?.['post.logout.redirect.uris'], `${OM}/*`);
    // profile and email for OpenMetadata, and the realm's other defaults kept (from 25 on, `basic` carries `sub`).
    const realmDefaults = (await json<{ name: string; protocol: string }[]>('GET', `/${realm}/default-default-client-scopes`))
      .filter((s) => s.protocol === 'openid-connect')
      .map((s) => s.name);
    assert.ok(realmDefaults.includes('roles'), realmDefaults.join());
    for (const scope of new Set(['profile', 'email', ...realmDefaults])) assert.ok(client.defaultClientScopes?.includes(scope), scope);
  });

  test('a second run with nothing to change writes nothing', async () => {
    const before = await admin.findClient(realm, 'om-implicit');
    const { gateway, writes } = counting(admin);
    const { plan } = await provision('implicit', 'om-implicit', {}, gateway);
    assert.equal(plan.action, 'none');
    assert.deepEqual(writes, []);
    assert.deepEqual(await admin.findClient(realm, 'om-implicit'), before);
  });

  test('drift is repaired: a removed callback comes back, extra redirect URIs stay', async () => {
    const client = await admin.findClient(realm, 'om-implicit');
    assert.ok(client?.id);
    await admin.updateClient(realm, client.id, { ...client, redirectUris: [`${OM}/callback`, 'https://other.example.com/cb'], implicitFlowEnabled: false });
    const { gateway, writes } = counting(admin);
    const { plan } = await provision('implicit', 'om-implicit', {}, gateway);
    assert.equal(plan.action, 'update');
    assert.deepEqual(writes, ['updateClient']);
    const repaired = await admin.findClient(realm, 'om-implicit');
    assert.equal(repaired?.implicitFlowEnabled, true);
    assert.deepEqual([...(repaired?.redirectUris ?? [])].sort(), [`${OM}/callback`, `${OM}/silent-callback`, 'https://other.example.com/cb']);
  });

  test('auth code: the secret is read, kept on re-run and rotated only when asked', async () => {
    const first = await provision('authCode', 'om-web');
    assert.equal(first.plan.action, 'create');
    assert.equal(first.result.client.publicClient, false);
    assert.equal(first.result.client.implicitFlowEnabled, false);
    assert.deepEqual(first.result.client.redirectUris, [`${OM}/callback`]);
    assert.ok(first.result.secret && first.result.secret.length >= 16);
    assert.equal((first.result.client as Record<string, unknown>).secret, undefined);

    const { gateway, writes } = counting(admin);
    const again = await provision('authCode', 'om-web', {}, gateway);
    assert.equal(again.plan.action, 'none');
    assert.deepEqual(writes, []);
    assert.equal(again.result.secret, first.result.secret);

    const rotated = await provision('authCode', 'om-web', { regenerateSecret: true }, gateway);
    assert.deepEqual(writes, ['regenerateClientSecret']);
    assert.ok(rotated.result.secret);
    assert.notEqual(rotated.result.secret, first.result.secret);
    assert.equal(await admin.getClientSecret(realm, rotated.result.client.id ?? ''), rotated.result.secret);
  });

  test('a client ID taken by a client of the other type: flagged, refused until confirmed', async () => {
    const { gateway, writes } = counting(admin);
    const plan = planClient(await admin.findClient(realm, 'om-implicit'), desiredClient({ flow: 'authCode', clientId: 'om-implicit', omUrl: OM }));
    assert.ok(plan.action === 'update' && plan.typeChange);
    await rejects(applyPlan(gateway, realm, plan), 'client-type-conflict', /taken by a public client, but this flow needs a confidential/);
    assert.deepEqual(writes, []);
    assert.equal((await admin.findClient(realm, 'om-implicit'))?.publicClient, true);

    const converted = await applyPlan(gateway, realm, plan, { confirmTypeChange: true });
    assert.deepEqual(writes, ['updateClient']);
    assert.equal(converted.client.publicClient, false);
    assert.ok(converted.secret);
  });

  test('rollback: a realm without the email scope fails after the create, and the client is removed', async () => {
    const [email] = await json<{ id: string; name: string }[]>('GET', `/${brokenRealm}/client-scopes`).then((scopes) =>
      scopes.filter((s) => s.name === 'email'),
    );
    await rest('DELETE', `/${brokenRealm}/client-scopes/${email.id}`);
    const { gateway, writes } = counting(admin);
    const plan = planClient(undefined, desiredClient({ flow: 'implicit', clientId: 'om-rollback', omUrl: OM }));
    await rejects(applyPlan(gateway, brokenRealm, plan), 'missing-scope', /no openid-connect client scope 'email'/);
    assert.deepEqual(writes, ['createClient', 'addDefaultClientScope', 'deleteClient']);
    assert.equal(await admin.findClient(brokenRealm, 'om-rollback'), undefined);
  });

  test('rollback: Keycloak rejecting the step after the create (HTTP 400) removes the client', async () => {
    // The step after the create sends Keycloak an invalid representation, a real 400 from the server.
    const failing: KeycloakGateway = {
      ...admin,
      getClientSecret: (inRealm, id) => admin.updateClient(inRealm, id, { redirectUris: 'not-a-list' as unknown as string[] }).then(() => ''),
    };
    const plan = planClient(undefined, desiredClient({ flow: 'authCode', clientId: 'om-rollback-400', omUrl: OM }));
    await rejects(applyPlan(failing, realm, plan), 'rejected', /HTTP 400/);
    assert.equal(await admin.findClient(realm, 'om-rollback-400'), undefined);
  });
});

describe('undo when what follows Keycloak fails (issue 22, item 10)', () => {
  test('an updated client gets its representation and scopes back, a rotated secret its old value', async () => {
    const first = await provision('authCode', 'om-undo');
    const made = await admin.findClient(realm, 'om-undo');
    assert.ok(made?.id && first.result.secret);
    // Drift the plan repairs: a foreign callback only, and no email scope.
    await admin.updateClient(realm, made.id, { ...made, redirectUris: ['https://other.example.com/cb'] });
    const [email] = (await json<{ id: string; name: string }[]>('GET', `/${realm}/client-scopes`)).filter((s) => s.name === 'email');
    await rest('DELETE', `/${realm}/clients/${made.id}/default-client-scopes/${email.id}`);
    const drifted = await admin.findClient(realm, 'om-undo');
    assert.ok(drifted && !drifted.defaultClientScopes?.includes('email'));

    const plan = planClient(drifted, desiredClient({ flow: 'authCode', clientId: 'om-undo', omUrl: OM }));
    assert.equal(plan.action, 'update');
    const result = await applyPlan(admin, realm, plan, { regenerateSecret: true });
    assert.notEqual(result.secret, first.result.secret);
    assert.notDeepEqual(await admin.findClient(realm, 'om-undo'), drifted);

    await undoApply(admin, realm, result);
    assert.deepEqual(await admin.findClient(realm, 'om-undo'), drifted);
    assert.equal(await admin.getClientSecret(realm, made.id), first.result.secret);
  });

  test('a rotation alone is taken back; a created client is removed', async () => {
    const first = await provision('authCode', 'om-undo');
    const plan = planClient(await admin.findClient(realm, 'om-undo'), desiredClient({ flow: 'authCode', clientId: 'om-undo', omUrl: OM }));
    assert.equal(plan.action, 'none');
    const rotated = await applyPlan(admin, realm, plan, { regenerateSecret: true });
    await undoApply(admin, realm, rotated);
    assert.equal(await admin.getClientSecret(realm, rotated.client.id ?? ''), first.result.secret);

    const created = await provision('implicit', 'om-undo-new');
    assert.equal(created.result.created, true);
    await undoApply(admin, realm, created.result);
    assert.equal(await admin.findClient(realm, 'om-undo-new'), undefined);
  });
});

describe('check against the live discovery document', () => {
  const valuesFor = (flow: Flow, clientId: string) =>
    Object.fromEntries(keycloakSettings({ kcUrl: kc.url, realm, clientId, flow, omUrl: OM }).map((v) => [v.path, v.value]));

  test('the settings this extension writes: no findings', async () => {
    const values = valuesFor('authCode', 'om-web');
    assert.deepEqual(await checkAgainstKeycloak({ values, fetchJson: admin.fetchJson, client: (await admin.findClient(realm, 'om-web')) ?? null }), []);
  });

  test('a wrong authority: kc-issuer-mismatch with the issuer as fix', async () => {
    const values = { ...valuesFor('authCode', 'om-web'), 'authenticationConfiguration.authority': `${kc.url}/realms/${realm}/protocol/openid-connect/auth` };
    const findings = await checkAgainstKeycloak({ values, fetchJson: admin.fetchJson });
    assert.deepEqual(
      findings.map((f) => f.code),
      ['kc-issuer-mismatch'],
    );
    assert.equal(findings[0].fix?.value, `${kc.url}/realms/${realm}`);
  });
});

function listen(server: Server | ReturnType<typeof createNetServer>): Promise<number> {
  return new Promise((resolveListen) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolveListen(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

async function closedPort(): Promise<number> {
  const server = createNetServer();
  const port = await listen(server);
  await new Promise((done) => server.close(done));
  return port;
}

/** Forwards to Keycloak; `close()` drops every connection, as a Keycloak that stopped would. */
function proxyTo(target: string, server: Server) {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const out = httpRequest({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  return {
    server,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
