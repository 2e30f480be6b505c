// Test Sign-in against a real Keycloak: clients made by the provisioning code, settings by keycloakSettings, then the
// real login (form, redirect, code exchange) and OpenMetadata's judgement. Every URL derives from the server's URL.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { KeycloakGateway } from '../../keycloak/gateway';
import { connect } from '../../keycloak/gateway';
import { desiredClient, planClient } from '../../keycloak/plan';
import { applyPlan } from '../../keycloak/provision';
import { keycloakSettings } from '../../keycloak/settings';
import type { SignInInput, SignInReport, SignInStep } from '../../keycloak/signIn';
import { signIn } from '../../keycloak/signIn';
import { reportMarkdown } from '../../keycloak/signInReport';
import type { Flow } from '../../keycloak/types';
import { keycloakUrls } from '../../common/keycloakUrls';
import type { Values } from '../../keycloak/values';
import { analyze } from '../../server/src/service/analyze';
import { readableValues } from '../../server/src/service/canonicalValues';
import { applyChanges, setValues } from '../../server/src/service/edits';

interface StartedKeycloak {
  url: string;
  adminUser: string;
  adminPassword: string;
  stop(): Promise<void>;
}

const OM = 'https://om.example.com';
const suffix = randomBytes(4).toString('hex');
const realm = `om-signin-${suffix}`;
const otherRealm = `om-signin-other-${suffix}`;
const JANE = { username: 'jane', password: `jane-pw-${suffix}`, email: 'jane.doe@example.org' };
const NOEMAIL = { username: 'noemail', password: `noemail-pw-${suffix}` };
const AUTH = 'authenticationConfiguration';
const OIDC = `${AUTH}.oidcConfiguration`;
const AUTHZ = 'authorizerConfiguration';

let kc: StartedKeycloak;
let admin: KeycloakGateway;
let adminToken: () => Promise<string>;
const secrets: Record<string, string> = {};

/** Admin REST calls the product never makes (users, realm settings), for test setup only. */
async function rest(method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${kc.url}/admin/realms${path}`, {
    method,
    headers: { authorization: `Bearer ${await adminToken()}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok && response.status !== 404) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return response;
}

/** Creates the Keycloak client the way Create Keycloak Client does; returns the secret of a confidential one. */
async function provision(flow: Flow, clientId: string, inRealm = realm): Promise<string | undefined> {
  const plan = planClient(await admin.findClient(inRealm, clientId), desiredClient({ flow, clientId, omUrl: OM }));
  return (await applyPlan(admin, inRealm, plan)).secret;
}

/** The values Insert Keycloak Settings writes, plus the authorizer section of a typical config. */
function valuesFor(flow: Flow, clientId: string, overrides: Values = {}): Values {
  const written = Object.fromEntries(keycloakSettings({ kcUrl: kc.url, realm, clientId, flow, omUrl: OM }).map((v) => [v.path, v.value]));
  return {
    ...written,
    [`${OIDC}.secret`]: flow === 'authCode' ? '********' : null,
    [`${AUTHZ}.adminPrincipals`]: ['admin'],
    [`${AUTHZ}.principalDomain`]: 'example.org',
    ...overrides,
  };
}

const logs: string[] = [];
const reports: SignInReport[] = [];
async function run(values: Values, user: { username: string; password: string } = JANE, extra: Partial<SignInInput> = {}): Promise<SignInReport> {
  const report = await signIn({ values, username: user.username, password: user.password, log: (line) => logs.push(line), timeoutMs: 60_000, ...extra });
  reports.push(report);
  return report;
}

/** Asserts exactly one failed step, naming `path`; returns it. */
function failure(report: SignInReport, id: string, path: string | undefined): SignInStep {
  assert.equal(report.ok, false, report.summary);
  const failed = report.steps.filter((s) => s.status === 'fail');
  assert.deepEqual(
    failed.map((s) => [s.id, s.path]),
    [[id, path]],
    JSON.stringify(report.steps, null, 1),
  );
  assert.ok(failed[0].fix && failed[0].fix.length > 10, 'a failure says how to fix it');
  return failed[0];
}

before(
  async () => {
    const script = pathToFileURL(resolve(__dirname, '../../../scripts/keycloak.mjs')).href;
    const { startKeycloak } = (await import(script)) as { startKeycloak: () => Promise<StartedKeycloak> };
    kc = await startKeycloak();
    admin = await connect({ url: kc.url, auth: { kind: 'password', username: kc.adminUser, password: kc.adminPassword }, timeoutMs: 120_000 });
    let token = { value: '', until: 0 };
    adminToken = async () => {
      if (Date.now() < token.until) return token.value;
      const body = new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: kc.adminUser, password: kc.adminPassword });
      const response = await fetch(`${keycloakUrls(kc.url, 'master').authority}/protocol/openid-connect/token`, { method: 'POST', body });
      token = { value: ((await response.json()) as { access_token: string }).access_token, until: Date.now() + 45_000 };
      return token.value;
    };
    await admin.createRealm(realm);
    await admin.createRealm(otherRealm);
    // Keycloak's default argon2 takes seconds per login on small machines.
    await rest('PUT', `/${realm}`, { passwordPolicy: 'hashAlgorithm(pbkdf2-sha256) and hashIterations(1000)' });
    // Keycloak 24+ asks a user without an email to complete the profile at login; a realm may leave email optional.
    const profile = await rest('GET', `/${realm}/users/profile`);
    if (profile.ok) {
      const config = (await profile.json()) as { attributes: { name: string; required?: unknown }[] };
      for (const attribute of config.attributes) if (attribute.name === 'email') delete attribute.required;
      await rest('PUT', `/${realm}/users/profile`, config);
    }
    for (const user of [{ ...JANE }, { ...NOEMAIL, email: undefined }]) {
      await rest('POST', `/${realm}/users`, {
        username: user.username,
        email: user.email,
        emailVerified: true,
        enabled: true,
        firstName: 'Test',
        lastName: 'User',
        credentials: [{ type: 'password', value: user.password, temporary: false }],
      });
    }
    await provision('implicit', 'om-public');
    secrets.web = (await provision('authCode', 'om-web')) ?? '';
    await provision('authCode', 'om-web', otherRealm);
  },
  { timeout: 600_000 },
);

after(async () => {
  if (admin) {
    for (const name of [realm, otherRealm]) await rest('DELETE', `/${name}`);
    await admin.close();
  }
  await kc?.stop();
});

describe('sign-in succeeds', () => {
  test('public client, implicit flow: the demo user signs in as jane.doe, not an admin', async () => {
    const report = await run(valuesFor('implicit', 'om-public'));
    assert.equal(report.ok, true, JSON.stringify(report.steps, null, 1));
    assert.equal(report.flow, 'implicit');
    assert.deepEqual(
      report.steps.map((s) => s.id),
      ['config', 'discovery', 'authorize', 'login', 'callback', 'issuer', 'signature', 'claims', 'admin'],
    );
    assert.equal(report.user?.name, 'jane.doe');
    assert.equal(report.user?.email, 'jane.doe@example.org');
    assert.equal(report.user?.admin, false);
    assert.equal(report.summary, 'jane.doe@example.org signs in as `jane.doe`; not an admin (admins: `admin`).');
  });

  test('a password that is also the realm name: the report names the realm and masks nothing (no secret is ever put in it)', async () => {
    const user = { username: 'same', password: realm };
    await rest('POST', `/${realm}/users`, {
      username: user.username,
      email: 'same@example.org',
      emailVerified: true,
      enabled: true,
      firstName: 'Test',
      lastName: 'User',
      credentials: [{ type: 'password', value: user.password, temporary: false }],
    });
    const report = await run(valuesFor('implicit', 'om-public'), user);
    assert.equal(report.ok, true, JSON.stringify(report.steps, null, 1));
    const markdown = reportMarkdown(report, 'openmetadata.yaml');
    assert.ok(!markdown.includes('********') && !JSON.stringify(report).includes('********'), markdown);
    assert.match(report.steps.find((s) => s.id === 'discovery')!.detail, new RegExp(`/realms/${realm}/\\.well-known/openid-configuration`));
  });

  test('confidential client, code flow (client_secret_post): an admin by adminPrincipals', async () => {
    const report = await run(valuesFor('authCode', 'om-web', { [`${AUTHZ}.adminPrincipals`]: ['jane.doe'] }), JANE, { clientSecret: secrets.web });
    assert.equal(report.ok, true, JSON.stringify(report.steps, null, 1));
    assert.equal(report.flow, 'code');
    assert.ok(report.steps.some((s) => s.id === 'token' && s.status === 'pass'));
    assert.equal(report.user?.admin, true);
    assert.equal(report.summary, 'jane.doe@example.org signs in as `jane.doe`; an admin.');
  });

  test('confidential client with client_secret_basic, PKCE and a claims mapping on preferred_username', async () => {
    const values = valuesFor('authCode', 'om-web', {
      [`${OIDC}.clientAuthenticationMethod`]: 'client_secret_basic',
      [`${OIDC}.disablePkce`]: false,
      [`${AUTH}.jwtPrincipalClaimsMapping`]: ['username:preferred_username', 'email:email'],
    });
    const report = await run(values, JANE, { clientSecret: secrets.web });
    assert.equal(report.ok, true, JSON.stringify(report.steps, null, 1));
    assert.equal(report.user?.name, 'jane');
    assert.equal(report.user?.claim, 'preferred_username');
  });

  test('a temporary test user made through the gateway signs in at once, and is gone after deleteUser', async () => {
    const user = {
      username: `om-signin-test-${suffix}`,
      email: `om-signin-test-${suffix}@example.org`,
      password: `${randomBytes(18).toString('base64url')}aA1!`,
    };
    const id = await admin.createUser(realm, user);
    try {
      const report = await run(valuesFor('implicit', 'om-public'), user);
      assert.equal(report.ok, true, JSON.stringify(report.steps, null, 1));
      assert.equal(report.user?.name, user.username);
    } finally {
      await admin.deleteUser(realm, id);
    }
    const found = (await (await rest('GET', `/${realm}/users?username=${user.username}&exact=true`)).json()) as unknown[];
    assert.deepEqual(found, []);
  });

  test('self-signup off: still signs in, with a warning on enableSelfSignup', async () => {
    const report = await run(valuesFor('implicit', 'om-public', { [`${AUTH}.enableSelfSignup`]: false }));
    assert.equal(report.ok, true);
    const warning = report.steps.find((s) => s.status === 'warn');
    assert.equal(warning?.path, `${AUTH}.enableSelfSignup`);
  });
});

describe('each broken setting fails and is named', () => {
  test('callback not registered in Keycloak: callbackUrl (public) and oidcConfiguration.callbackUrl (confidential)', async () => {
    const pub = await run(valuesFor('implicit', 'om-public', { [`${AUTH}.callbackUrl`]: `${OM}/elsewhere` }));
    assert.match(failure(pub, 'authorize', `${AUTH}.callbackUrl`).detail, /Invalid parameter: redirect_uri/);
    const web = await run(valuesFor('authCode', 'om-web', { [`${OIDC}.callbackUrl`]: `${OM}/api/v1/callback` }), JANE, { clientSecret: secrets.web });
    failure(web, 'authorize', `${OIDC}.callbackUrl`);
  });

  test('wrong client secret: oidcConfiguration.secret', async () => {
    const wrong = `wrong-secret-${suffix}`;
    const report = await run(valuesFor('authCode', 'om-web'), JANE, { clientSecret: wrong });
    assert.match(failure(report, 'token', `${OIDC}.secret`).detail, /HTTP 401 unauthorized_client/);
    assert.doesNotMatch(JSON.stringify(report), new RegExp(wrong));
  });

  test("JWKS of another realm: publicKeyUrls, and the fix names the issuer's key set", async () => {
    const values = valuesFor('implicit', 'om-public', {
      [`${AUTH}.publicKeyUrls`]: [keycloakUrls(kc.url, otherRealm).jwks, `${OM}/api/v1/system/config/jwks`],
    });
    const report = await run(values);
    const step = failure(report, 'signature', `${AUTH}.publicKeyUrls`);
    assert.match(step.detail, new RegExp(`${otherRealm}/protocol/openid-connect/certs has no key`));
    assert.ok(step.fix?.includes(keycloakUrls(kc.url, realm).jwks), step.fix);
    // The value fix swaps the other realm's key set for the issuer's and keeps OpenMetadata's own.
    assert.deepEqual(step.fixValue, { path: `${AUTH}.publicKeyUrls`, value: [keycloakUrls(kc.url, realm).jwks, `${OM}/api/v1/system/config/jwks`] });
    const fixed = await run({ ...values, [step.fixValue.path]: step.fixValue.value });
    assert.equal(fixed.ok, true, fixed.summary);
  });

  test('authority of another realm: the login request fails (public), the issuer does not match (confidential)', async () => {
    const pub = await run(valuesFor('implicit', 'om-public', { [`${AUTH}.authority`]: keycloakUrls(kc.url, otherRealm).authority }));
    assert.match(failure(pub, 'authorize', `${AUTH}.authority`).detail, /Client not found/);
    const web = await run(valuesFor('authCode', 'om-web', { [`${AUTH}.authority`]: keycloakUrls(kc.url, otherRealm).authority }), JANE, {
      clientSecret: secrets.web,
    });
    const issuer = failure(web, 'issuer', `${AUTH}.authority`);
    assert.equal(issuer.fix, `Set authority to ${keycloakUrls(kc.url, realm).authority}.`);
    assert.deepEqual(issuer.fixValue, { path: `${AUTH}.authority`, value: keycloakUrls(kc.url, realm).authority });
  });

  test('discoveryUri of another realm (confidential): the login there fails and discoveryUri is named', async () => {
    const report = await run(valuesFor('authCode', 'om-web', { [`${OIDC}.discoveryUri`]: keycloakUrls(kc.url, otherRealm).discovery }), JANE, {
      clientSecret: secrets.web,
    });
    assert.match(
      failure(report, 'login', `${OIDC}.discoveryUri`).detail,
      new RegExp(`in realm '${otherRealm}', while the other settings name realm '${realm}'`),
    );
  });

  test('tokenValidationAlgorithm other than Keycloak signs with: tokenValidationAlgorithm, fixed to RS256', async () => {
    const report = await run(valuesFor('implicit', 'om-public', { [`${AUTH}.tokenValidationAlgorithm`]: 'RS384' }));
    assert.deepEqual(failure(report, 'signature', `${AUTH}.tokenValidationAlgorithm`).fixValue, { path: `${AUTH}.tokenValidationAlgorithm`, value: 'RS256' });
  });

  test('a user without email while jwtPrincipalClaims starts with email: jwtPrincipalClaims', async () => {
    const report = await run(valuesFor('implicit', 'om-public', { [`${AUTH}.jwtPrincipalClaims`]: ['email', 'preferred_username', 'sub'] }), NOEMAIL);
    failure(report, 'claims', `${AUTH}.jwtPrincipalClaims`);
    assert.equal(report.user?.name, 'noemail');
    assert.equal(report.user?.email, 'noemail@example.org');
  });

  test('principal domain enforced and mismatched: principalDomain, or allowedDomains when listed', async () => {
    const enforced = { [`${AUTHZ}.enforcePrincipalDomain`]: true, [`${AUTHZ}.principalDomain`]: 'example.com' };
    assert.deepEqual(failure(await run(valuesFor('implicit', 'om-public', enforced)), 'domain', `${AUTHZ}.principalDomain`).fixValue, {
      path: `${AUTHZ}.principalDomain`,
      value: 'example.org',
    });
    failure(await run(valuesFor('implicit', 'om-public', { ...enforced, [`${AUTHZ}.allowedDomains`]: ['example.net'] })), 'domain', `${AUTHZ}.allowedDomains`);
    const ok = await run(valuesFor('implicit', 'om-public', { ...enforced, [`${AUTHZ}.principalDomain`]: 'example.org' }));
    assert.equal(ok.ok, true, ok.summary);
  });

  test('no admin at all: adminPrincipals empty, or only entries that can never match', async () => {
    failure(await run(valuesFor('implicit', 'om-public', { [`${AUTHZ}.adminPrincipals`]: [] })), 'admin', `${AUTHZ}.adminPrincipals`);
    failure(await run(valuesFor('implicit', 'om-public', { [`${AUTHZ}.adminPrincipals`]: ['Jane.Doe@example.org'] })), 'admin', `${AUTHZ}.adminPrincipals`);
  });

  test('wrong password: the login step fails, the password is nowhere', async () => {
    const wrong = `not-janes-password-${suffix}`;
    const report = await run(valuesFor('implicit', 'om-public'), { username: 'jane', password: wrong });
    assert.match(failure(report, 'login', undefined).detail, /Invalid username or password/);
    assert.doesNotMatch(JSON.stringify(report), new RegExp(wrong));
  });
});

describe('every file shape', () => {
  // Minimal files of each shape; Insert Keycloak Settings' edits (setValues) fill them in.
  const shapes: { name: string; uri: string; text: string }[] = [
    {
      name: 'server YAML',
      uri: 'file:///ws/openmetadata.yaml',
      text: 'authenticationConfiguration:\n  provider: basic\nauthorizerConfiguration:\n  adminPrincipals: [admin]\n  principalDomain: example.org\n',
    },
    {
      name: 'Helm values',
      uri: 'file:///ws/values.yaml',
      text: 'openmetadata:\n  config:\n    authentication:\n      enabled: true\n    authorizer:\n      initialAdmins: [admin]\n      principalDomain: example.org\n',
    },
    { name: 'env', uri: 'file:///ws/.env', text: 'AUTHORIZER_ADMIN_PRINCIPALS=[admin]\nAUTHORIZER_PRINCIPAL_DOMAIN=example.org\n' },
    {
      name: 'compose',
      uri: 'file:///ws/docker-compose.yml',
      text: 'services:\n  openmetadata-server:\n    image: openmetadata/server\n    environment:\n      AUTHORIZER_ADMIN_PRINCIPALS: "[admin]"\n      AUTHORIZER_PRINCIPAL_DOMAIN: example.org\n',
    },
  ];
  for (const shape of shapes) {
    for (const flow of ['implicit', 'authCode'] as const) {
      test(`${shape.name}, ${flow}: the file read back by the language service signs in`, async () => {
        const clientId = flow === 'implicit' ? 'om-public' : 'om-web';
        const settings = keycloakSettings({ kcUrl: kc.url, realm, clientId, flow, omUrl: OM });
        const text = applyChanges(shape.text, setValues(shape.text, analyze(shape.uri, shape.text).model, settings).changes);
        const analysis = analyze(shape.uri, text);
        assert.notEqual(analysis.shape, null, text);
        const { values } = readableValues(analysis.model);
        const report = await run(values, JANE, flow === 'authCode' ? { clientSecret: secrets.web } : {});
        assert.equal(report.ok, true, `${text}\n${JSON.stringify(report.steps, null, 1)}`);
        assert.equal(report.summary, 'jane.doe@example.org signs in as `jane.doe`; not an admin (admins: `admin`).');
      });
    }
  }
});

describe('openmetadata-auth sign-in (dist/cli.js)', () => {
  const cli = resolve(__dirname, '../../../dist/cli.js');
  const outputs: string[] = [];
  const runCli = (args: string[], env: Record<string, string>, cwd?: string) => {
    const r = spawnSync(process.execPath, [cli, 'sign-in', ...args], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...env },
      timeout: 120_000,
    });
    outputs.push(r.stdout + r.stderr);
    return r;
  };
  const user = () => ({ OM_AUTH_TEST_USER: JANE.username, OM_AUTH_TEST_PASSWORD: JANE.password });
  const base = 'authenticationConfiguration:\n  provider: basic\nauthorizerConfiguration:\n  adminPrincipals: [admin]\n  principalDomain: example.org\n';
  /** A config as Insert Keycloak Settings writes it for the client, then `edit` on its text. */
  const configFile = (dir: string, clientId: string, flow: Flow, edit: (text: string) => string = (t) => t) => {
    const file = join(dir, 'openmetadata.yaml');
    const settings = keycloakSettings({ kcUrl: kc.url, realm, clientId, flow, omUrl: OM });
    writeFileSync(file, edit(applyChanges(base, setValues(base, analyze(pathToFileURL(file).href, base).model, settings).changes)));
    return file;
  };
  interface Finding {
    file: string;
    line: number;
    code: string;
    severity: string;
    message: string;
  }

  test('exit 0 when the user signs in as expected: the report on stdout, or [] in json with the verdict on stderr', (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'om-sign-in-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = configFile(dir, 'om-web', 'authCode');
    const ok = runCli([file], { ...user(), OM_AUTH_CLIENT_SECRET: secrets.web });
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /PASS: jane\.doe@example\.org signs in as `jane\.doe`; not an admin \(admins: `admin`\)\./);
    const json = runCli(['--format', 'json', 'openmetadata.yaml'], { ...user(), OM_AUTH_CLIENT_SECRET: secrets.web }, dir);
    assert.equal(json.status, 0, json.stdout + json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), []);
    assert.equal(json.stderr, 'PASS: jane.doe@example.org signs in as `jane.doe`; not an admin (admins: `admin`).\n');
  });

  test('exit 1 for a callback Keycloak does not have registered: one finding on the callbackUrl line, in every format', (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'om-sign-in-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = configFile(dir, 'om-public', 'implicit', (text) => text.replace(/^(\s*callbackUrl:).*$/m, `$1 ${OM}/elsewhere`));
    const line =
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes(`${OM}/elsewhere`)) + 1;
    assert.ok(line > 0);
    const json = runCli(['--format', 'json', 'openmetadata.yaml'], user(), dir);
    assert.equal(json.status, 1, json.stdout + json.stderr);
    const findings = JSON.parse(json.stdout) as Finding[];
    assert.deepEqual(
      findings.map((f) => `${f.file}:${f.line}:${f.severity}:${f.code}`),
      [`openmetadata.yaml:${line}:error:sign-in-authorize`],
    );
    assert.match(findings[0].message, /Invalid parameter: redirect_uri/);
    assert.match(json.stderr, /^FAIL: /);
    const gh = runCli(['--format', 'github', 'openmetadata.yaml'], user(), dir);
    assert.equal(gh.status, 1);
    assert.match(gh.stdout, new RegExp(`^::error file=openmetadata.yaml,line=${line},.*title=sign-in-authorize::`));
    const sarif = runCli(['--format', 'sarif', 'openmetadata.yaml'], user(), dir);
    const log = JSON.parse(sarif.stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number }[] }[] };
    assert.equal(log.runs[0].results.length, 1);
    assert.equal(log.runs[0].tool.driver.rules[log.runs[0].results[0].ruleIndex].id, 'sign-in-authorize');
    const stylish = runCli([file], user());
    assert.equal(stylish.status, 1);
    assert.match(stylish.stdout, /setting: authenticationConfiguration\.callbackUrl/);
    assert.match(stylish.stdout, new RegExp(`openmetadata\\.yaml:${line}:\\d+  error  sign-in-authorize  `));
  });

  test("exit 1 for a wrong client secret, named by the file's own key", (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'om-sign-in-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = configFile(dir, 'om-web', 'authCode');
    const refused = runCli([file], { ...user(), OM_AUTH_CLIENT_SECRET: `wrong-${suffix}` });
    assert.equal(refused.status, 1);
    assert.match(refused.stdout, /setting: authenticationConfiguration\.oidcConfiguration\.secret/);
  });

  test('exit 2 on usage errors, said in one line', (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'om-sign-in-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = configFile(dir, 'om-public', 'implicit');
    writeFileSync(join(dir, 'other.yaml'), 'just: yaml\n');
    const cases: [string[], Record<string, string>, RegExp][] = [
      [[file], {}, /set OM_AUTH_TEST_USER and OM_AUTH_TEST_PASSWORD/],
      [[join(dir, 'missing.yaml')], user(), /cannot be read \(ENOENT\)/],
      [[join(dir, 'other.yaml')], user(), /is not an OpenMetadata config/],
      [[file, file], user(), /give one config file/],
      [['--format', 'xml', file], user(), /--format must be one of/],
      [['--bogus', file], user(), /Unknown option '--bogus'/],
    ];
    for (const [args, env, message] of cases) {
      const r = runCli(args, env);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, message);
    }
    for (const secret of [JANE.password, secrets.web]) assert.equal(outputs.join('\n').includes(secret), false, 'a secret reached the output');
  });
});

describe('secrets', () => {
  test('no password or client secret in anything the engine logged or returned', () => {
    assert.ok(reports.length >= 10 && logs.length >= 50, `${reports.length} reports, ${logs.length} log lines`);
    const everything = JSON.stringify(reports) + logs.join('\n');
    for (const secret of [JANE.password, NOEMAIL.password, secrets.web]) {
      assert.ok(secret.length >= 16);
      assert.equal(everything.includes(secret), false, 'a password or secret leaked');
    }
  });
});
