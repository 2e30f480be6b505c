// Who OpenMetadata takes a token's bearer for: the rules of its JwtFilter and OIDC login, on plain claims.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { judgePrincipal } from '../../../keycloak/principal';

const AUTH = 'authenticationConfiguration';
const AUTHZ = 'authorizerConfiguration';
const jane = { sub: '1b2c', preferred_username: 'jane', email: 'Jane.Doe@Example.org' };
const failed = (v: ReturnType<typeof judgePrincipal>) => v.checks.filter((c) => c.status === 'fail').map((c) => [c.id, c.path]);

describe('judgePrincipal', () => {
  test("defaults: the email's local part, lower-cased; admins default to admin", () => {
    const v = judgePrincipal({}, jane);
    assert.deepEqual(v.principal, { claim: 'email', name: 'jane.doe', email: 'jane.doe@example.org', admin: false, admins: ['admin'] });
    assert.deepEqual(failed(v), []);
  });

  test('claims are looked up case-insensitively, in the configured order', () => {
    const v = judgePrincipal({ [`${AUTH}.jwtPrincipalClaims`]: '[Preferred_Username, email]', [`${AUTHZ}.adminPrincipals`]: ['jane'] }, jane);
    assert.equal(v.principal?.name, 'jane');
    assert.equal(v.principal?.admin, true);
    assert.equal(v.principal?.email, 'jane@open-metadata.org');
  });

  test('the first listed claim missing: the fallback is named as a failure with the invented email', () => {
    const v = judgePrincipal({ [`${AUTHZ}.principalDomain`]: 'example.org' }, { sub: 'x', preferred_username: 'bob' });
    assert.deepEqual(failed(v), [['claims', `${AUTH}.jwtPrincipalClaims`]]);
    assert.equal(v.principal?.email, 'bob@example.org');
  });

  test('none of the claims: rejected, no principal', () => {
    const v = judgePrincipal({ [`${AUTH}.jwtPrincipalClaims`]: ['upn'] }, jane);
    assert.equal(v.principal, undefined);
    assert.deepEqual(failed(v), [['claims', `${AUTH}.jwtPrincipalClaims`]]);
  });

  test('a mapping needs both keys, and its email claim must be an email', () => {
    assert.deepEqual(failed(judgePrincipal({ [`${AUTH}.jwtPrincipalClaimsMapping`]: ['username:preferred_username'] }, jane)), [
      ['claims', `${AUTH}.jwtPrincipalClaimsMapping`],
    ]);
    assert.deepEqual(failed(judgePrincipal({ [`${AUTH}.jwtPrincipalClaimsMapping`]: ['username:preferred_username', 'email:sub'] }, jane)), [
      ['claims', `${AUTH}.jwtPrincipalClaimsMapping`],
    ]);
  });

  test('domain enforcement compares the claim as written, against allowedDomains when listed', () => {
    const enforced = { [`${AUTHZ}.enforcePrincipalDomain`]: 'true', [`${AUTHZ}.principalDomain`]: 'example.org' };
    // Example.org ≠ example.org: the server does not lower-case the domain.
    assert.deepEqual(failed(judgePrincipal(enforced, jane)), [['domain', `${AUTHZ}.principalDomain`]]);
    assert.deepEqual(failed(judgePrincipal(enforced, { ...jane, email: 'jane@example.org' })), []);
    assert.deepEqual(failed(judgePrincipal({ ...enforced, [`${AUTHZ}.allowedDomains`]: ['example.net'] }, { ...jane, email: 'jane@example.org' })), [
      ['domain', `${AUTHZ}.allowedDomains`],
    ]);
  });

  test('no usable admin: empty, blank, emails or upper case never match a user name', () => {
    for (const admins of [[], ['Admin'], ['admin@example.org']]) {
      assert.deepEqual(failed(judgePrincipal({ [`${AUTHZ}.adminPrincipals`]: admins }, jane)), [['admin', `${AUTHZ}.adminPrincipals`]], JSON.stringify(admins));
    }
  });

  test('self-signup off is a warning, not a failure', () => {
    const v = judgePrincipal({ [`${AUTH}.enableSelfSignup`]: false }, jane);
    assert.deepEqual(failed(v), []);
    assert.equal(v.checks.find((c) => c.status === 'warn')?.path, `${AUTH}.enableSelfSignup`);
  });
});
