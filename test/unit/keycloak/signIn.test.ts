// Settings the sign-in cannot start with are named before any request is sent (the live flows: test/integration).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { signIn } from '../../../keycloak/signIn';

const AUTH = 'authenticationConfiguration';
const OIDC = `${AUTH}.oidcConfiguration`;
const publicValues = {
  [`${AUTH}.clientType`]: 'public',
  [`${AUTH}.clientId`]: 'om',
  [`${AUTH}.authority`]: 'http://127.0.0.1:9/realms/r',
  [`${AUTH}.callbackUrl`]: 'http://localhost:8585/callback',
};
const confidential = {
  ...publicValues,
  [`${AUTH}.clientType`]: 'confidential',
  [`${OIDC}.discoveryUri`]: 'http://127.0.0.1:9/realms/r/.well-known/openid-configuration',
  [`${OIDC}.secret`]: '********',
};

async function configFailure(values: Record<string, string | null>, clientSecret?: string) {
  const lines: string[] = [];
  const report = await signIn({ values, username: 'jane', password: 'pw-that-must-not-leak', clientSecret, log: (l) => lines.push(l) });
  assert.equal(report.ok, false);
  assert.deepEqual(
    report.steps.map((s) => [s.id, s.status]),
    [['config', 'fail']],
  );
  assert.ok(!JSON.stringify(report).includes('pw-that-must-not-leak') && !lines.join('').includes('pw-that-must-not-leak'));
  return report.steps[0];
}

describe('signIn: settings it cannot start with', () => {
  test('no client ID', async () => {
    assert.equal((await configFailure({ ...publicValues, [`${AUTH}.clientId`]: null })).path, `${AUTH}.clientId`);
  });
  test('a callback that is not a URL (an unresolved placeholder)', async () => {
    const step = await configFailure({ ...publicValues, [`${AUTH}.callbackUrl`]: '${OM_CALLBACK}' });
    assert.equal(step.path, `${AUTH}.callbackUrl`);
    assert.match(step.detail, /not an http\(s\) URL/);
  });
  test('an authority that is not a URL', async () => {
    assert.equal((await configFailure({ ...publicValues, [`${AUTH}.authority`]: 'keycloak/realms/r' })).path, `${AUTH}.authority`);
  });
  test('a confidential client without its secret', async () => {
    assert.equal((await configFailure(confidential)).path, `${OIDC}.secret`);
  });
  test('a client authentication method a secret cannot test', async () => {
    assert.equal(
      (await configFailure({ ...confidential, [`${OIDC}.clientAuthenticationMethod`]: 'private_key_jwt' }, 's3cret-value')).path,
      `${OIDC}.clientAuthenticationMethod`,
    );
  });
});
