// An invalid provider does not hide the other problems: the rules run with the closest valid provider.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, fix, URI } from '../helpers';

const server = (provider: string) => `authenticationConfiguration:
  provider: ${provider}
  providerName: Keycloak
  publicKeyUrls: [http://om:8585/api/v1/system/config/jwks]
  authority: http://kc:8080/realms/om/protocol/openid-connect/auth
  clientId: om
  callbackUrl: http://om:8585/callback
  jwtPrincipalClaims: [email]
  clientType: public
  oidcConfiguration:
    secret: abc
`;
const OIDC_PROBLEMS = ['public-client-with-secret@11', 'authority-not-issuer@5', 'missing-idp-jwks@4', 'plaintext-secret@11'];
const sorted = (codes: string[]) => [...codes].sort();

describe('rules under an invalid provider', () => {
  it('shows every problem at once: a misspelt Keycloak stands for custom-oidc', () => {
    for (const spelling of ['keycloack', 'Keycloak', 'customOidc']) {
      assert.deepEqual(sorted(check(server(spelling)).codes), sorted(['invalid-value@2', ...OIDC_PROBLEMS]), spelling);
    }
  });
  it('suggests that provider, and the fix writes it', () => {
    const d = check(server('keycloack')).diagnostics.find((x) => x.code === 'invalid-value')!;
    assert.match(d.message, /Did you mean `custom-oidc`\?/);
    assert.equal(fix(server('keycloack'), 'invalid-value'), server('custom-oidc'));
  });
  it('the closest provider by spelling otherwise (`oktaa` is okta), in env files too', () => {
    const env = 'AUTHENTICATION_PROVIDER=oktaa\nAUTHENTICATION_CLIENT_TYPE=public\nOIDC_CLIENT_SECRET=abc\n';
    assert.ok(check(env, URI.dotenv).codes.includes('public-client-with-secret@3'), check(env, URI.dotenv).codes.join(' '));
  });
  it('guesses nothing for a value close to no provider, and nothing changes for a valid non-OIDC one', () => {
    assert.deepEqual(sorted(check(server('foo')).codes), sorted(['invalid-value@2', 'plaintext-secret@11']));
    assert.deepEqual(check(server('basic')).codes, ['plaintext-secret@11']);
  });
});
