// A secret in a config is reported, never printed: no output format shows its value, in a code frame or in a message.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLEAN, fixture, runCli } from './run';

const SECRET = 'S3cr3tValue-hunter2';
const ENV_SECRET = 'hunter2secretvalue';
const CONFIDENTIAL = `${CLEAN.replace('clientType: public', 'clientType: confidential').replace(
  'authorizerConfiguration:',
  `  oidcConfiguration:
    id: open-metadata
    type: keycloak
    secret: ${SECRET}
    discoveryUri: http://keycloak:8080/realms/om/.well-known/openid-configuration
    callbackUrl: http://localhost:8585/callback
    serverUrl: http://localhost:8585
authorizerConfiguration:`,
)}`;
// A space after `=`: the malformed-value message quotes the value it gets, which is the secret.
const ENV = `AUTHENTICATION_PROVIDER=custom-oidc\nOIDC_CLIENT_SECRET= ${ENV_SECRET}\n`;

describe('secrets in the output', { concurrency: true }, () => {
  it('no format prints a secret value, and every secret is still reported', async () => {
    const { dir, cleanup } = fixture({ 'server/openmetadata.yaml': CONFIDENTIAL, 'compose/.env': ENV });
    try {
      const reported = {
        stylish: / {2}plaintext-secret {2}/g,
        json: /"code": "plaintext-secret"/g,
        sarif: /"ruleId": "plaintext-secret"/g,
        github: /title=plaintext-secret::/g,
        gitlab: /"check_name": "plaintext-secret"/g,
        checkstyle: /source="openmetadata-auth\.plaintext-secret"/g,
        junit: /<testcase name="plaintext-secret at /g,
      };
      for (const [format, finding] of Object.entries(reported)) {
        const ran = await runCli(['check', '--format', format], dir);
        const out = ran.stdout + ran.stderr;
        assert.ok(!out.includes(SECRET) && !out.includes(ENV_SECRET), `${format} printed a secret:\n${out}`);
        assert.equal(out.match(finding)?.length ?? 0, 2, `${format}:\n${out}`);
      }
    } finally {
      cleanup();
    }
  });

  it('no file the CLI writes holds a secret: --output in every format, the --update-baseline file', async () => {
    const { dir, cleanup } = fixture({ 'server/openmetadata.yaml': CONFIDENTIAL, 'compose/.env': ENV });
    try {
      for (const format of ['stylish', 'json', 'sarif', 'github', 'gitlab', 'checkstyle', 'junit']) {
        const ran = await runCli(['check', '--format', format, '-o', 'report.out'], dir);
        const written = readFileSync(join(dir, 'report.out'), 'utf8');
        assert.ok(written.includes('plaintext-secret'), `${format}:\n${written}`);
        assert.ok(![written, ran.stdout, ran.stderr].some((out) => out.includes(SECRET) || out.includes(ENV_SECRET)), `${format} wrote a secret:\n${written}`);
      }
      await runCli(['check', '--baseline', 'baseline.json', '--update-baseline'], dir);
      const baseline = readFileSync(join(dir, 'baseline.json'), 'utf8');
      assert.match(baseline, /"code": "plaintext-secret"/);
      assert.ok(!baseline.includes(SECRET) && !baseline.includes(ENV_SECRET), baseline);
    } finally {
      cleanup();
    }
  });

  it('masks the span the finding points at, so the frame keeps the key and the columns', async () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': CONFIDENTIAL });
    try {
      const lines = (await runCli(['check'], join(dir))).stdout.split('\n');
      const at = lines.findIndex((l) => l.includes('plaintext-secret'));
      assert.match(lines[at], /^openmetadata\.yaml:15:13 /);
      assert.equal(lines[at + 2], `> 15 |     secret: ${'*'.repeat(SECRET.length)}`);
      assert.equal(lines[at + 3], `     |             ${'^'.repeat(SECRET.length)}`);
      assert.equal(lines[at + 1], '  14 |     type: keycloak');
    } finally {
      cleanup();
    }
  });
});
