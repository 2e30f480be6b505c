// Credentials over plain HTTP off this machine are announced before they travel (issue 22, item 5): the admin
// password of `check --keycloak` and the test user's password of `sign-in`. The hosts do not exist (.invalid), so
// nothing is sent; the warning comes first and names no secret.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CLEAN, fixture, runCli } from './run';

const REMOTE = CLEAN.replace(/http:\/\/keycloak:8080/g, 'http://keycloak.example.invalid:8080');
const LOCAL = CLEAN.replace(/http:\/\/keycloak:8080/g, 'http://127.0.0.1:9');

describe('plain HTTP to a remote Keycloak', () => {
  it('check --keycloak warns before sending the admin credentials', async () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': REMOTE });
    try {
      const env = { KEYCLOAK_ADMIN: 'admin', KEYCLOAK_ADMIN_PASSWORD: 'pw-not-printed', KEYCLOAK_TIMEOUT_SECONDS: '3' };
      const ran = await runCli(['check', '--keycloak', 'http://keycloak.example.invalid:8080', '.'], dir, env);
      assert.match(ran.stderr, /warning: the admin credentials go to http:\/\/keycloak\.example\.invalid:8080 is plain http:\/\/.*unencrypted/);
      assert.ok(!`${ran.stdout}${ran.stderr}`.includes('pw-not-printed'));
    } finally {
      cleanup();
    }
  });

  it("sign-in warns before sending the test user's password; loopback is quiet", async () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': REMOTE, 'local/openmetadata.yaml': LOCAL });
    try {
      const env = { OM_AUTH_TEST_USER: 'jane', OM_AUTH_TEST_PASSWORD: 'pw-not-printed', KEYCLOAK_TIMEOUT_SECONDS: '3' };
      const remote = await runCli(['sign-in', 'openmetadata.yaml'], dir, env);
      assert.match(remote.stderr, /warning: the test user's password goes to http:\/\/keycloak\.example\.invalid:8080 is plain http:\/\//);
      const local = await runCli(['sign-in', 'local/openmetadata.yaml'], dir, env);
      assert.equal(local.status, 1, local.stderr);
      assert.doesNotMatch(local.stderr, /warning/);
      assert.ok(!`${remote.stdout}${remote.stderr}${local.stdout}${local.stderr}`.includes('pw-not-printed'));
    } finally {
      cleanup();
    }
  });
});
