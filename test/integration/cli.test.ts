// `openmetadata-auth check --keycloak URL` (dist/cli.js) against the real Keycloak the launcher starts (or KEYCLOAK_URL's).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { KeycloakGateway } from '../../keycloak/gateway';
import { connect } from '../../keycloak/gateway';
import { desiredClient, planClient } from '../../keycloak/plan';
import { applyPlan } from '../../keycloak/provision';
import { fixture, runCli } from '../cli/run';

interface StartedKeycloak {
  url: string;
  adminUser: string;
  adminPassword: string;
  stop(): Promise<void>;
}
interface Finding {
  file: string;
  line: number;
  code: string;
}

const OM = 'http://localhost:8585';
const realm = `om-cli-${randomBytes(4).toString('hex')}`;
let kc: StartedKeycloak;
let admin: KeycloakGateway;

/** A public-client server config; line 6 is the first public key URL, 8 the authority, 9 the client ID, 10 the callback. */
const config = (kcUrl: string, o: { keys?: string[]; clientId?: string; callback?: string; realmName?: string } = {}) => {
  const authority = `${kcUrl}/realms/${o.realmName ?? realm}`;
  const keys = o.keys ?? [`${authority}/protocol/openid-connect/certs`, `${OM}/api/v1/system/config/jwks`];
  return `authenticationConfiguration:
  provider: custom-oidc
  providerName: Keycloak
  clientType: public
  publicKeyUrls:
${keys.map((k) => `    - ${k}`).join('\n')}
  authority: ${authority}
  clientId: ${o.clientId ?? 'open-metadata'}
  callbackUrl: ${o.callback ?? `${OM}/callback`}
  jwtPrincipalClaims: [email, preferred_username, sub]
authorizerConfiguration:
  adminPrincipals: [alice]
  principalDomain: example.com
`;
};
const found = (stdout: string) => (JSON.parse(stdout) as Finding[]).map((f) => `${f.file}:${f.code}@${f.line}`).sort();

before(
  async () => {
    const script = pathToFileURL(resolve(__dirname, '../../../scripts/keycloak.mjs')).href;
    const { startKeycloak } = (await import(script)) as { startKeycloak: () => Promise<StartedKeycloak> };
    kc = await startKeycloak();
    admin = await connect({ url: kc.url, auth: { kind: 'password', username: kc.adminUser, password: kc.adminPassword }, timeoutMs: 120_000 });
    await admin.createRealm(realm);
    // The client Create Keycloak Client makes for OpenMetadata's UI at OM.
    await applyPlan(
      admin,
      realm,
      planClient(await admin.findClient(realm, 'open-metadata'), desiredClient({ flow: 'implicit', clientId: 'open-metadata', omUrl: OM })),
    );
  },
  { timeout: 600_000 },
);

after(async () => {
  if (admin) {
    // The product never deletes a realm, so the gateway has no call for it: the admin REST API directly.
    const body = new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: kc.adminUser, password: kc.adminPassword });
    const token = ((await (await fetch(`${kc.url}/realms/master/protocol/openid-connect/token`, { method: 'POST', body })).json()) as { access_token: string })
      .access_token;
    await fetch(`${kc.url}/admin/realms/${realm}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    await admin.close();
  }
  await kc?.stop();
});

describe('check --keycloak against a real Keycloak', () => {
  test('without admin credentials: the realm checks (discovery, keys) at the line of the setting; a config on another Keycloak is skipped in one line', async () => {
    const { dir } = fixture({
      'agrees/openmetadata.yaml': config(kc.url),
      // Another host with Keycloak's path (under /auth on 24): only the live check can tell that the keys are elsewhere.
      'keys-missing/openmetadata.yaml': config(kc.url, {
        keys: [
          `${kc.url.replace(/^https?:\/\/[^/]+/, 'http://keycloak.internal')}/realms/${realm}/protocol/openid-connect/certs`,
          `${OM}/api/v1/system/config/jwks`,
        ],
      }),
      'elsewhere/openmetadata.yaml': config('https://sso.example.org'),
    });
    try {
      const ran = await runCli(['check', '--keycloak', kc.url, '--format', 'json'], dir);
      assert.deepEqual(found(ran.stdout), ['keys-missing/openmetadata.yaml:kc-jwks-not-listed@6']);
      assert.equal(
        ran.stderr,
        `elsewhere/openmetadata.yaml: not checked against ${kc.url}: its authority is https://sso.example.org/realms/${realm}.\n3 files checked.\n`,
      );
      assert.equal(ran.status, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('with KEYCLOAK_ADMIN/KEYCLOAK_ADMIN_PASSWORD: the client too (missing client, callback not registered), in json and sarif', async () => {
    const { dir } = fixture({
      'agrees/openmetadata.yaml': config(kc.url),
      'no-client/openmetadata.yaml': config(kc.url, { clientId: 'nobody' }),
      'callback/openmetadata.yaml': config(kc.url, { callback: 'https://elsewhere.example.org/callback' }),
      'no-realm/openmetadata.yaml': config(kc.url, { realmName: `${realm}-missing` }),
    });
    const env = { KEYCLOAK_ADMIN: kc.adminUser, KEYCLOAK_ADMIN_PASSWORD: kc.adminPassword };
    try {
      const ran = await runCli(['check', '--keycloak', kc.url, '--format', 'json'], dir, env);
      assert.equal(ran.stderr, '4 files checked.\n');
      assert.equal(ran.status, 1);
      const all = found(ran.stdout);
      assert.ok(!all.some((f) => f.startsWith('agrees/')), all.join('\n'));
      assert.ok(all.includes('no-client/openmetadata.yaml:kc-client-missing@9'), all.join('\n'));
      assert.ok(all.includes('callback/openmetadata.yaml:kc-redirect-not-registered@10'), all.join('\n'));
      assert.ok(all.includes('no-realm/openmetadata.yaml:kc-discovery-unreachable@8'), all.join('\n'));
      const sarif = await runCli(['check', '--keycloak', kc.url, '--format', 'sarif', 'no-client'], dir, env);
      const log = JSON.parse(sarif.stdout) as { runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number }[] }[] };
      const kcResults = log.runs[0].results.filter((r) => r.ruleId.startsWith('kc-'));
      assert.deepEqual(
        kcResults.map((r) => r.ruleId),
        ['kc-client-missing'],
      );
      assert.equal(log.runs[0].tool.driver.rules[kcResults[0].ruleIndex].id, 'kc-client-missing');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a Keycloak that cannot be reached is a finding on the authority, as in the editor; wrong admin credentials are a usage error', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
    const down = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((done) => probe.close(() => done()));
    const { dir } = fixture({ 'openmetadata.yaml': config(down) });
    try {
      const ran = await runCli(['check', '--keycloak', down, '--format', 'json'], dir);
      assert.deepEqual(found(ran.stdout), ['openmetadata.yaml:kc-discovery-unreachable@8']);
      assert.equal(ran.stderr, '1 file checked.\n');
      assert.equal(ran.status, 1);
      const wrong = `wrong-${randomBytes(8).toString('hex')}`;
      const refused = await runCli(['check', '--keycloak', kc.url], dir, { KEYCLOAK_ADMIN: kc.adminUser, KEYCLOAK_ADMIN_PASSWORD: wrong });
      assert.equal(refused.status, 2);
      assert.equal(refused.stdout.includes(wrong) || refused.stderr.includes(wrong), false, 'the password reached the output');
      assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
      assert.match(refused.stderr, /^openmetadata-auth: cannot use Keycloak at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
