// The CLI groups the files it checks into the compose deployments the editor finds: a finding that needs two files is
// reported in the file it concerns, with the other file as a related location in SARIF, and secrets stay masked.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fixture, jsonFindings, runCli } from './run';
import { spawnStdioServer } from '../stdioServer';

const COMPOSE = `services:
  openmetadata-server:
    image: docker.getcollate.io/openmetadata/server:1.12.1
    environment:
      AUTHENTICATION_PROVIDER: \${AUTHENTICATION_PROVIDER:-basic}
      AUTHENTICATION_CLIENT_TYPE: \${AUTHENTICATION_CLIENT_TYPE:-public}
      AUTHENTICATION_CLIENT_ID: \${AUTHENTICATION_CLIENT_ID:-}
`;
const SECRET = 'very-secret-value-42';
const ENV = `AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_CLIENT_ID=open-metadata\nOIDC_CLIENT_SECRET=${SECRET}\n`;

interface Sarif {
  runs: {
    results: {
      ruleId: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
      relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    }[];
  }[];
}

describe('check: compose deployments', () => {
  it('a variable the .env sets and the compose file never passes is reported in the .env, with the compose file related', async () => {
    const { dir, cleanup } = fixture({ 'docker-compose.yml': COMPOSE, '.env': ENV });
    try {
      const r = await runCli(['check', '--format', 'sarif'], dir);
      const results = (JSON.parse(r.stdout) as Sarif).runs[0].results.filter((x) => x.ruleId === 'env-not-passed');
      assert.equal(results.length, 1, r.stdout);
      assert.equal(results[0].locations[0].physicalLocation.artifactLocation.uri, '.env');
      assert.equal(results[0].locations[0].physicalLocation.region.startLine, 3);
      assert.deepEqual(
        results[0].relatedLocations?.map((l) => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine]),
        [['docker-compose.yml', 4]],
      );
      assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET), 'the secret is never printed');
    } finally {
      cleanup();
    }
  });
  it('stylish output masks the secret on the line the finding points at', async () => {
    const { dir, cleanup } = fixture({ 'docker-compose.yml': COMPOSE, '.env': ENV });
    try {
      const r = await runCli(['check'], dir);
      assert.match(r.stdout, /\.env:3:1 +warning +env-not-passed/);
      assert.ok(!r.stdout.includes(SECRET) && !r.stderr.includes(SECRET), r.stdout);
    } finally {
      cleanup();
    }
  });
  it('near miss: a compose file that passes the variable gets no finding of the deployment', async () => {
    const passes = `${COMPOSE}      OIDC_CLIENT_SECRET: \${OIDC_CLIENT_SECRET}\n`;
    const { dir, cleanup } = fixture({ 'docker-compose.yml': passes, '.env': ENV });
    try {
      const r = await runCli(['check', '--format', 'json'], dir);
      const codes = jsonFindings(r.stdout).map((f) => f.code);
      assert.ok(!codes.includes('env-not-passed') && !codes.includes('env-unset'), r.stdout);
    } finally {
      cleanup();
    }
  });
  it('--env-file interpolates with that file instead of the .env, as docker compose does', async () => {
    const compose = `${COMPOSE}      OIDC_CLIENT_SECRET: \${OIDC_CLIENT_SECRET}\n`;
    const { dir, cleanup } = fixture({ 'docker-compose.yml': compose, '.env': ENV, 'prod.env': 'AUTHENTICATION_PROVIDER=custom-oidc\n' });
    try {
      const plain = await runCli(['check', '--format', 'json'], dir);
      assert.ok(!jsonFindings(plain.stdout).some((f) => f.code === 'env-unset'), plain.stdout);
      const r = await runCli(['check', '--format', 'json', '--env-file', 'prod.env'], dir);
      const unset = jsonFindings(r.stdout).filter((f) => f.code === 'env-unset');
      assert.deepEqual(
        unset.map((f) => [f.file, f.line]),
        [['docker-compose.yml', 8]],
      );
    } finally {
      cleanup();
    }
  });
  it('a values file whose secretRef names a key the Secret manifest lacks: reported with the Secret as related location', async () => {
    const values = `openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      clientType: confidential\n      oidcConfiguration:\n        enabled: true\n        clientSecret:\n          secretRef: oidc-secrets\n          secretKey: client-secret\n`;
    const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: oidc-secrets\ndata:\n  openmetadata-oidc-client-secret: c2VjcmV0\n`;
    const { dir, cleanup } = fixture({ 'helm/values.yaml': values, 'k8s/secret.yaml': secret });
    try {
      const r = await runCli(['check', '--format', 'sarif'], dir);
      const found = (JSON.parse(r.stdout) as Sarif).runs[0].results.filter((x) => x.ruleId === 'secret-key-missing');
      assert.deepEqual(
        found.map((x) => [x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region.startLine]),
        [['helm/values.yaml', 10]],
      );
      assert.deepEqual(
        found[0].relatedLocations?.map((l) => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine]),
        [['k8s/secret.yaml', 4]],
      );
    } finally {
      cleanup();
    }
  });
  it('the CLI reports the same findings for every file of the deployment as the language server shows', async () => {
    const compose = `${COMPOSE}      OIDC_DISCOVERY_URI: \${OIDC_DISCOVERY_URI}\n`;
    const { dir, cleanup } = fixture({ 'docker-compose.yml': compose, '.env': ENV });
    const { child, connection } = spawnStdioServer();
    try {
      const r = await runCli(['check', '--format', 'json'], dir);
      const cli = jsonFindings(r.stdout)
        .map((f) => `${f.file}:${f.line}:${f.code}`)
        .sort();
      const published = new Map<string, string[]>();
      let notify = () => {};
      connection.onNotification(
        'textDocument/publishDiagnostics',
        (p: { uri: string; diagnostics: { code: string; range: { start: { line: number } } }[] }) => {
          published.set(
            p.uri,
            p.diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}`),
          );
          notify();
        },
      );
      await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
      await connection.sendNotification('initialized', {});
      const names = ['docker-compose.yml', '.env'];
      for (const name of names) {
        const uri = pathToFileURL(join(dir, name)).href;
        await connection.sendNotification('textDocument/didOpen', {
          textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(join(dir, name), 'utf8') },
        });
      }
      // Each open document gets its diagnostics pushed; an edit of one re-publishes the others of its deployment.
      await new Promise<void>((resolve) => {
        notify = () => names.every((n) => published.has(pathToFileURL(join(dir, n)).href)) && resolve();
        notify();
      });
      const editor = names.flatMap((n) => published.get(pathToFileURL(join(dir, n)).href)!.map((d) => `${n}:${d.split('@')[1]}:${d.split('@')[0]}`)).sort();
      assert.deepEqual(editor, cli);
      assert.ok(cli.some((f) => f.endsWith(':env-not-passed')) && cli.some((f) => f.endsWith(':env-unset')), cli.join(', '));
    } finally {
      connection.dispose();
      child.kill();
      cleanup();
    }
  });
});
