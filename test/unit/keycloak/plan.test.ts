// The client plan: create, update with drift, nothing to do; redirect URIs are merged, type changes flagged.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clientWarnings, describePlan, desiredClient, planClient, planWarnings } from '../../../keycloak/plan';
import type { ClientRepresentation } from '../../../keycloak/types';

const OM = 'https://om.example.com';

// What Keycloak 26 returns for a client created from desiredClient (realm default scopes added).
function asCreated(desired: ClientRepresentation): ClientRepresentation {
  const { defaultClientScopes: _scopes, ...rest } = desired;
  return {
    ...rest,
    id: 'a1b2',
    clientAuthenticatorType: 'client-secret',
    defaultClientScopes: ['web-origins', 'acr', 'roles', 'profile', 'basic', 'email'],
    attributes: { ...rest.attributes, realm_client: 'false' },
  };
}

describe('desiredClient', () => {
  test('implicit: public client with standard and implicit flow, callback and silent-callback', () => {
    const client = desiredClient({ flow: 'implicit', clientId: 'open-metadata', omUrl: `${OM}/` });
    assert.equal(client.publicClient, true);
    assert.equal(client.standardFlowEnabled, true);
    assert.equal(client.implicitFlowEnabled, true);
    assert.equal(client.directAccessGrantsEnabled, false);
    assert.equal(client.serviceAccountsEnabled, false);
    assert.deepEqual(client.redirectUris, [`${OM}/callback`, `${OM}/silent-callback`]);
    assert.deepEqual(client.webOrigins, [OM]);
    assert.deepEqual(client.attributes, { 'post.logout.redirect.uris': `${OM}/*` });
    assert.deepEqual(client.defaultClientScopes, ['profile', 'email']);
  });

  test('authCode: confidential client, standard flow only, the callback only', () => {
    const client = desiredClient({ flow: 'authCode', clientId: 'open-metadata', omUrl: OM });
    assert.equal(client.publicClient, false);
    assert.equal(client.clientAuthenticatorType, 'client-secret');
    assert.equal(client.standardFlowEnabled, true);
    assert.equal(client.implicitFlowEnabled, false);
    assert.deepEqual(client.redirectUris, [`${OM}/callback`]);
  });

  test('web origin is the origin even when OpenMetadata lives under a path', () => {
    assert.deepEqual(desiredClient({ flow: 'implicit', clientId: 'om', omUrl: 'https://host:8443/om' }).webOrigins, ['https://host:8443']);
  });
});

describe('planClient', () => {
  const desired = desiredClient({ flow: 'implicit', clientId: 'open-metadata', omUrl: OM });

  test('no client yet: create', () => {
    assert.deepEqual(planClient(undefined, desired), { action: 'create', desired });
  });

  test('the client as Keycloak created it: nothing to do', () => {
    assert.equal(planClient(asCreated(desired), desired).action, 'none');
  });

  test('a missing redirect URI is drift; extra ones are kept', () => {
    const existing = { ...asCreated(desired), redirectUris: [`${OM}/callback`, 'https://other.example.com/cb'] };
    const plan = planClient(existing, desired);
    assert.equal(plan.action, 'update');
    if (plan.action !== 'update') return;
    assert.deepEqual(plan.drift, [
      { field: 'redirectUris', from: existing.redirectUris, to: [`${OM}/callback`, 'https://other.example.com/cb', `${OM}/silent-callback`] },
    ]);
    assert.deepEqual(plan.next.redirectUris, [`${OM}/callback`, 'https://other.example.com/cb', `${OM}/silent-callback`]);
    assert.equal(plan.typeChange, false);
    // Applying the result plans nothing: re-running is idempotent.
    assert.equal(planClient(plan.next, desired).action, 'none');
  });

  test('a wildcard that covers the callbacks is enough, as in Keycloak', () => {
    const existing = { ...asCreated(desired), redirectUris: [`${OM}/*`] };
    assert.equal(planClient(existing, desired).action, 'none');
  });

  test('flags that break the flow are drift; unrelated fields are not', () => {
    const existing = { ...asCreated(desired), implicitFlowEnabled: false, name: 'Custom name', directAccessGrantsEnabled: true, description: 'x' };
    const plan = planClient(existing, desired);
    assert.equal(plan.action, 'update');
    if (plan.action !== 'update') return;
    assert.deepEqual(plan.drift, [{ field: 'implicitFlowEnabled', from: false, to: true }]);
    assert.equal(plan.next.name, 'Custom name');
    assert.equal(plan.next.directAccessGrantsEnabled, true);
  });

  test('missing default scopes and post-logout URIs are drift, merged with what is there', () => {
    const existing = { ...asCreated(desired), defaultClientScopes: ['roles', 'profile'], attributes: { 'post.logout.redirect.uris': 'https://other/*' } };
    const plan = planClient(existing, desired);
    assert.equal(plan.action, 'update');
    if (plan.action !== 'update') return;
    assert.deepEqual(
      plan.drift.map((d) => d.field),
      ['attributes.post.logout.redirect.uris', 'defaultClientScopes'],
    );
    assert.equal(plan.next.attributes?.['post.logout.redirect.uris'], `https://other/*##${OM}/*`);
  });

  test('post-logout `+` (same as redirect URIs) already covers OpenMetadata', () => {
    const existing = { ...asCreated(desired), attributes: { 'post.logout.redirect.uris': '+' } };
    assert.equal(planClient(existing, desired).action, 'none');
  });

  test('public client where a confidential one is wanted: a type change the user must confirm', () => {
    const authCode = desiredClient({ flow: 'authCode', clientId: 'open-metadata', omUrl: OM });
    const plan = planClient(asCreated(desired), authCode);
    assert.equal(plan.action, 'update');
    if (plan.action !== 'update') return;
    assert.equal(plan.typeChange, true);
    assert.deepEqual(
      plan.drift.find((d) => d.field === 'publicClient'),
      { field: 'publicClient', from: true, to: false },
    );
  });

  test('a SAML client with the same client ID is a type change too', () => {
    const plan = planClient({ ...asCreated(desired), protocol: 'saml' }, desired);
    assert.ok(plan.action === 'update' && plan.typeChange);
  });

  test('flags left out of a representation take Keycloak defaults', () => {
    const authCode = desiredClient({ flow: 'authCode', clientId: 'om', omUrl: OM });
    const { publicClient: _p, standardFlowEnabled: _s, implicitFlowEnabled: _i, ...sparse } = asCreated(authCode);
    assert.equal(planClient(sparse, authCode).action, 'none');
  });
});

describe('describePlan', () => {
  const desired = desiredClient({ flow: 'authCode', clientId: 'open-metadata', omUrl: OM });

  test('create lists what will be registered', () => {
    const lines = describePlan(planClient(undefined, desired), 'openmetadata');
    assert.match(lines[0], /^Create client 'open-metadata' in realm 'openmetadata' \(confidential client/);
    assert.ok(lines.some((l) => l.includes(`${OM}/callback`)));
  });

  test('update shows each change and warns about a type change', () => {
    const implicit = asCreated(desiredClient({ flow: 'implicit', clientId: 'open-metadata', omUrl: OM }));
    const lines = describePlan(planClient(implicit, desired), 'openmetadata');
    assert.match(lines[0], /^Update client 'open-metadata' in realm 'openmetadata' \(\d changes\):/);
    assert.ok(lines.includes('  publicClient: true → false'));
    assert.ok(lines.some((l) => l.includes('Warning: this turns a public client into a confidential one')));
  });

  test('none says so', () => {
    assert.deepEqual(describePlan(planClient(asCreated(desired), desired), 'r'), [
      "Client 'open-metadata' in realm 'r' already fits (confidential client, standard flow (authorization code)); nothing to change.",
    ]);
  });
});

describe('wildcards an adopted client keeps (issue 22, item 10)', () => {
  const desired = desiredClient({ flow: 'implicit', clientId: 'om', omUrl: OM });
  const open = (redirectUris: string[], webOrigins: string[]) => ({ ...asCreated(desired), redirectUris, webOrigins });

  test('`*` redirect URIs and web origins: the client "fits", and the plan says what the wildcards allow', () => {
    const plan = planClient(open(['*'], ['*']), desired);
    assert.equal(plan.action, 'none');
    const lines = describePlan(plan, 'r').join('\n');
    assert.match(lines, /Warning: redirect URI `\*` lets Keycloak send tokens to any site/);
    assert.match(lines, /Warning: web origin `\*` lets any site/);
  });

  test('a wildcard that spans hosts is flagged; one under OpenMetadata’s own path is not', () => {
    for (const uri of ['https://*', 'https://om.example.com*', 'http*', '/*'])
      assert.match(
        describePlan(planClient({ ...open([uri, `${OM}/callback`, `${OM}/silent-callback`], [OM]), rootUrl: undefined }, desired)).join('\n'),
        /Warning: redirect URI/,
        uri,
      );
    for (const uri of [`${OM}/*`, `${OM}/callback`])
      assert.doesNotMatch(describePlan(planClient(open([uri, `${OM}/callback`, `${OM}/silent-callback`], [OM]), desired)).join('\n'), /Warning/, uri);
  });

  test('a client taken as it is (Insert Keycloak Settings) gets the same warnings', () => {
    assert.deepEqual(clientWarnings(open(['*'], ['*'])), planWarnings(planClient(open(['*'], ['*']), desired)));
    assert.equal(clientWarnings(open(['*'], ['*'])).length, 2);
    assert.deepEqual(clientWarnings(open([`${OM}/callback`], [OM])), []);
  });

  test('an update keeps the warning beside its changes', () => {
    const plan = planClient({ ...open(['*'], ['*']), implicitFlowEnabled: false }, desired);
    assert.equal(plan.action, 'update');
    assert.match(describePlan(plan).join('\n'), /Warning: redirect URI `\*`/);
  });
});
