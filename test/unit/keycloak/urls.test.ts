// One Keycloak URL grammar (common/keycloakUrls.ts) serves the file's checks and the commands: the commands' reading of
// an authority keeps what it was when it had a grammar of its own.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { keycloakUrls, parseKcUrl, parseRealmUrl } from '../../../common/keycloakUrls';

/** The commands' own reading before the grammars became one. */
function previousParseRealmUrl(url: string): { kcUrl: string; realm: string } | undefined {
  const match = /^(https?:\/\/.+?)\/realms\/([^/?#]+)/.exec(url.trim());
  return match ? { kcUrl: match[1], realm: decodeURIComponent(match[2]) } : undefined;
}

describe('the Keycloak URL grammar', () => {
  const urls = [
    'https://kc.example.org/realms/om',
    'https://kc.example.org/auth/realms/om/',
    '  http://localhost:8080/realms/om/protocol/openid-connect/certs  ',
    'https://kc.example.org/realms/om/.well-known/openid-configuration',
    'https://kc.example.org/realms/my%20realm?x=1#y',
    'https://kc.example.org/a/b/realms/om/realms/other',
    'https://user@kc.example.org:8443/realms/om',
    'http://realms/om',
    'http:///realms/om',
    'https:///x/realms/om',
    'https://kc.example.org/realm/om',
    'https://kc.example.org/realms/',
    '{https://kc.example.org/realms/om}',
    'kc.example.org/realms/om',
    'ftp://kc.example.org/realms/om',
    'HTTPS://kc.example.org/realms/om',
    '${KEYCLOAK_URL}/realms/om',
    '',
  ];
  for (const url of urls) {
    test(`reads ${JSON.stringify(url)} as the commands always did`, () => assert.deepEqual(parseRealmUrl(url), previousParseRealmUrl(url)));
  }

  test('the URLs it writes for a realm read back to the same base and realm, on both sides', () => {
    for (const [base, realm] of [
      ['https://kc.example.org', 'om'],
      ['http://localhost:8080/auth/', 'my realm'],
    ]) {
      const built = keycloakUrls(base, realm);
      for (const url of [built.authority, built.jwks, built.discovery]) {
        assert.deepEqual(parseRealmUrl(url), { kcUrl: base.replace(/\/$/, ''), realm });
        assert.equal(parseKcUrl(url)?.realm, encodeURIComponent(realm));
      }
    }
    assert.equal(keycloakUrls('https://kc/', 'om').jwks, 'https://kc/realms/om/protocol/openid-connect/certs');
    assert.equal(keycloakUrls('https://kc', 'om').discovery, 'https://kc/realms/om/.well-known/openid-configuration');
  });
});
