// Redirect URI matching mirrors Keycloak's RedirectUtils.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isOriginAllowed, isRedirectAllowed } from '../../../keycloak/redirect';

test('exact, wildcard, bare-root wildcard, query ignored under wildcards', () => {
  assert.equal(isRedirectAllowed(['https://om/callback'], 'https://om/callback'), true);
  assert.equal(isRedirectAllowed(['https://om/callback'], 'https://om/callback/'), false);
  assert.equal(isRedirectAllowed(['https://om/*'], 'https://om/callback'), true);
  assert.equal(isRedirectAllowed(['https://om/*'], 'https://om'), true);
  assert.equal(isRedirectAllowed(['https://om/*'], 'https://omx/callback'), false);
  assert.equal(isRedirectAllowed(['https://om/cb*'], 'https://om/cb?x=1'), true);
  assert.equal(isRedirectAllowed(['*'], 'https://anything/x'), true);
  assert.equal(isRedirectAllowed(['/callback'], 'https://om/callback', 'https://om/'), true);
  assert.equal(isRedirectAllowed([], 'https://om/callback'), false);
});

test('web origins: exact, `*`, and `+` from the redirect URIs', () => {
  assert.equal(isOriginAllowed(['https://om'], 'https://om', []), true);
  assert.equal(isOriginAllowed(['*'], 'https://om', []), true);
  assert.equal(isOriginAllowed(['+'], 'https://om', ['https://om/callback']), true);
  assert.equal(isOriginAllowed(['+'], 'https://om', ['https://other/callback']), false);
});
