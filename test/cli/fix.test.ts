// --fix: only the safe preferred fixes, every other byte as it was, written atomically and only when something changed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { safeFix } from '../../cli/src/lint';
import { CLEAN, fixture, runCli, WARNING_ONLY } from './run';

const BEFORE = `# deploy notes: keep this comment   
server:
  port:   8585     # odd spacing stays
authenticationConfiguration:
  provider: "customOidc"   # quoted, commented
  providerName: Keycloak
  clientType: public
  publicKeyUrls:
    - http://keycloak:8080/realms/om/protocol/openid-connect/certs
    - http://localhost:8585/api/v1/config/jwks
  authority: http://keycloak:8080/realms/om/protocol/openid-connect/auth
  clientId: open-metadata
  callbackUrl: http://localhost:8585/callback
  jwtPrincipalClaims: [email, preferred_username, sub]
authorizerConfiguration:
  adminPrincipals: [Alice@Example.com]
  principalDomain: "example.com"
other: {a: 1,   b: "two"}
`;

// Four fixes, two of them only possible after the first pass re-checked the file; nothing else moves.
const AFTER = BEFORE.replace('"customOidc"', '"custom-oidc"')
  .replace('/api/v1/config/jwks', '/api/v1/system/config/jwks')
  .replace('realms/om/protocol/openid-connect/auth', 'realms/om')
  .replace('[Alice@Example.com]', '[alice]');

describe('--fix', { concurrency: true }, () => {
  it('applies the safe fixes, leaves every other byte alone, prints what it changed and exits on what is left', async () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': BEFORE });
    try {
      const ran = await runCli(['check', '--fix'], dir);
      assert.equal(readFileSync(join(dir, 'openmetadata.yaml'), 'utf8'), AFTER);
      assert.deepEqual(ran.stderr.trim().split('\n').sort(), [
        'fixed openmetadata.yaml:10 legacy-om-jwks-path: Use `/api/v1/system/config/jwks`',
        'fixed openmetadata.yaml:11 authority-not-issuer: Cut the authority to the issuer `http://keycloak:8080/realms/om`',
        'fixed openmetadata.yaml:16 admin-principal-format: Change to `alice`',
        'fixed openmetadata.yaml:5 invalid-value: Change to `custom-oidc`',
      ]);
      assert.equal(ran.stdout, '1 file checked.\n');
      assert.equal(ran.status, 0);
      assert.deepEqual(readdirSync(dir), ['openmetadata.yaml'], 'a temp file was left behind');
    } finally {
      cleanup();
    }
  });

  it('never applies a fix that needs input, has no edit or is not the preferred one', () => {
    const edit = [{ start: 0, end: 1, newText: 'x' }];
    const command = { title: 'Fetch from Keycloak…', command: 'openmetadataAuth.createKeycloakClient' };
    assert.equal(
      safeFix([
        { title: 'asks', preferred: true, changes: edit, command },
        { title: 'empty', preferred: true, changes: [] },
        { title: 'other', changes: edit },
      ]),
      undefined,
    );
    assert.equal(
      safeFix([
        { title: 'other', changes: edit },
        { title: 'safe', preferred: true, changes: edit },
      ])?.title,
      'safe',
    );
  });

  it('leaves a problem without a safe fix reported, and its file unwritten', async () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': WARNING_ONLY });
    try {
      const before = statSync(join(dir, 'openmetadata.yaml'));
      const ran = await runCli(['check', '--fix', '--format', 'json', '--max-warnings', '0'], dir);
      assert.deepEqual(
        (JSON.parse(ran.stdout) as { code: string }[]).map((f) => f.code),
        ['master-realm'],
      );
      assert.equal(ran.stderr, '1 file checked.\n');
      assert.equal(ran.status, 1);
      const after = statSync(join(dir, 'openmetadata.yaml'));
      assert.equal(after.ino, before.ino, 'an unchanged file was rewritten');
      assert.equal(after.mtimeMs, before.mtimeMs);
    } finally {
      cleanup();
    }
  });

  it('does not rewrite a file with nothing to fix, and never writes through a symbolic link (to a file outside the folder here)', async () => {
    const { dir, cleanup } = fixture({ 'clean/openmetadata.yaml': CLEAN, 'real/openmetadata.yaml': BEFORE });
    try {
      symlinkSync(join(dir, 'real/openmetadata.yaml'), join(dir, 'clean/linked.yaml'));
      const clean = statSync(join(dir, 'clean/openmetadata.yaml'));
      await runCli(['check', '--fix'], join(dir, 'clean'));
      const after = statSync(join(dir, 'clean/openmetadata.yaml'));
      assert.equal(after.ino, clean.ino);
      assert.equal(after.mtimeMs, clean.mtimeMs);
      assert.ok(lstatSync(join(dir, 'clean/linked.yaml')).isSymbolicLink(), 'the link was replaced by a file');
      assert.equal(readFileSync(join(dir, 'real/openmetadata.yaml'), 'utf8'), BEFORE);
    } finally {
      cleanup();
    }
  });
});
