// Disconnect forgets the admin credentials of every Keycloak URL, not only the configured one (issue 22, item 10).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KeycloakCredentials } from '../../../client/src/commands/credentials';
import type { SecretStore } from '../../../client/src/commands/credentials';

/** SecretStorage's behaviour: a map of strings. */
function memoryStore(): SecretStore & { keys(): string[] } {
  const map = new Map<string, string>();
  return {
    get: async (key) => map.get(key),
    store: async (key, value) => void map.set(key, value),
    delete: async (key) => void map.delete(key),
    keys: () => [...map.keys()],
  };
}
const auth = (password: string) => ({ adminRealm: 'master', auth: { kind: 'password' as const, username: 'admin', password } });

describe('admin credentials per Keycloak URL', () => {
  test('stored per URL (trailing slash ignored), read back', async () => {
    const credentials = new KeycloakCredentials(memoryStore());
    await credentials.store('https://a.example/', auth('pa'));
    assert.deepEqual(await credentials.get('https://a.example'), auth('pa'));
    assert.equal(await credentials.get('https://b.example'), undefined);
  });

  test('forgetting after the URL setting changed forgets every URL ever stored, and leaves nothing behind', async () => {
    const store = memoryStore();
    const credentials = new KeycloakCredentials(store);
    await credentials.store('https://a.example', auth('pa'));
    await credentials.store('https://b.example', auth('pb'));
    await credentials.store('https://a.example', auth('pa2'));
    assert.deepEqual(await credentials.forgetAll('https://c.example'), ['https://a.example', 'https://b.example', 'https://c.example']);
    assert.equal(await credentials.get('https://a.example'), undefined);
    assert.equal(await credentials.get('https://b.example'), undefined);
    assert.deepEqual(store.keys(), []);
  });
});
