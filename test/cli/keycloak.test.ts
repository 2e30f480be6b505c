// `check --keycloak URL`: the editor's Check against Keycloak over real HTTP, served from a recorded Keycloak 26 realm.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import discovery from '../fixtures/keycloak/discovery-26.7.3.json';
import jwks from '../fixtures/keycloak/jwks-26.7.3.json';
import { fixture, runCli } from './run';

const RECORDED = 'http://localhost:8081';

const config = (kc: string, keys: string[]) => `authenticationConfiguration:
  provider: custom-oidc
  providerName: Keycloak
  clientType: public
  publicKeyUrls:
${keys.map((k) => `    - ${k}`).join('\n')}
  authority: ${kc}/realms/openmetadata
  clientId: open-metadata
  callbackUrl: http://localhost:8585/callback
  jwtPrincipalClaims: [email, preferred_username, sub]
authorizerConfiguration:
  adminPrincipals: [alice]
  principalDomain: example.com
`;

interface JsonFinding {
  file: string;
  line: number;
  code: string;
}

describe('check --keycloak', () => {
  let server: Server;
  let url: string;

  before(async () => {
    // The realm's discovery document and keys as Keycloak 26.7.3 served them, with this server's address as the issuer.
    server = createServer((req, res) => {
      const body = req.url === '/realms/openmetadata/.well-known/openid-configuration' ? JSON.stringify(discovery).replaceAll(RECORDED, url) : req.url === '/realms/openmetadata/protocol/openid-connect/certs' ? JSON.stringify(jwks) : undefined;
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(body ?? '{"error":"not found"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reports what Keycloak disagrees with at the line of the setting, and skips a config on another Keycloak', async () => {
    const jwksUrl = `${url}/realms/openmetadata/protocol/openid-connect/certs`;
    const { dir, cleanup } = fixture({
      'agrees/openmetadata.yaml': config(url, [jwksUrl, 'http://localhost:8585/api/v1/system/config/jwks']),
      'keys-missing/openmetadata.yaml': config(url, ['http://keycloak.internal/realms/openmetadata/protocol/openid-connect/certs', 'http://localhost:8585/api/v1/system/config/jwks']),
      'elsewhere/openmetadata.yaml': config('https://sso.example.org', ['https://sso.example.org/realms/openmetadata/protocol/openid-connect/certs', 'http://localhost:8585/api/v1/system/config/jwks']),
    });
    try {
      const ran = await runCli(['check', '--keycloak', url, '--format', 'json'], dir);
      const found = (JSON.parse(ran.stdout) as JsonFinding[]).map((f) => `${f.file}:${f.code}@${f.line}`);
      assert.ok(found.includes('keys-missing/openmetadata.yaml:kc-jwks-not-listed@6'), found.join('\n'));
      assert.ok(!found.some((f) => f.startsWith('agrees/')), found.join('\n'));
      assert.ok(!found.some((f) => f.startsWith('elsewhere/') && f.includes(':kc-')), found.join('\n'));
      assert.equal(ran.stderr, `elsewhere/openmetadata.yaml: not checked against ${url}: its authority is https://sso.example.org/realms/openmetadata.\n`);
      assert.equal(ran.status, 1);
    } finally {
      cleanup();
    }
  });

  it('reports a Keycloak that cannot be reached as a finding on the authority, as the editor does', async () => {
    const down = url.replace(/:\d+$/, ':1');
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': config(down, [`${down}/realms/openmetadata/protocol/openid-connect/certs`, 'http://localhost:8585/api/v1/system/config/jwks']) });
    try {
      const ran = await runCli(['check', '--keycloak', down, '--format', 'json'], dir);
      assert.deepEqual((JSON.parse(ran.stdout) as JsonFinding[]).map((f) => `${f.code}@${f.line}`), ['kc-discovery-unreachable@8']);
      assert.equal(ran.stderr, '');
      assert.equal(ran.status, 1);
    } finally {
      cleanup();
    }
  });
});
