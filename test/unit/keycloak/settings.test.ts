// The OpenMetadata values for each flow, with the secret only as a reference.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultsFrom, flowChoices, keycloakSettings, secretChoices, secretEdit, secretReleaseQuestion } from '../../../keycloak/settings';
import { Paths } from '../../../common/protocol';

const input = { kcUrl: 'https://kc.example.com/', realm: 'openmetadata', clientId: 'open-metadata', omUrl: 'https://om.example.com/' };
const asMap = (values: ReturnType<typeof keycloakSettings>) => Object.fromEntries(values.map((v) => [v.path, v.value]));

describe('keycloakSettings', () => {
  test('implicit: public custom-oidc client with id_token and both key sets', () => {
    const values = asMap(keycloakSettings({ ...input, flow: 'implicit' }));
    assert.deepEqual(values, {
      'authenticationConfiguration.provider': 'custom-oidc',
      'authenticationConfiguration.providerName': 'Keycloak',
      'authenticationConfiguration.clientType': 'public',
      'authenticationConfiguration.authority': 'https://kc.example.com/realms/openmetadata',
      'authenticationConfiguration.clientId': 'open-metadata',
      'authenticationConfiguration.callbackUrl': 'https://om.example.com/callback',
      'authenticationConfiguration.publicKeyUrls': [
        'https://kc.example.com/realms/openmetadata/protocol/openid-connect/certs',
        'https://om.example.com/api/v1/system/config/jwks',
      ],
      'authenticationConfiguration.responseType': 'id_token',
    });
  });

  test('authCode: confidential with the whole oidcConfiguration', () => {
    const values = asMap(keycloakSettings({ ...input, flow: 'authCode' }));
    assert.equal(values['authenticationConfiguration.clientType'], 'confidential');
    assert.equal(values['authenticationConfiguration.oidcConfiguration.id'], 'open-metadata');
    assert.equal(values['authenticationConfiguration.oidcConfiguration.type'], 'Keycloak');
    assert.equal(
      values['authenticationConfiguration.oidcConfiguration.discoveryUri'],
      'https://kc.example.com/realms/openmetadata/.well-known/openid-configuration',
    );
    assert.equal(values['authenticationConfiguration.oidcConfiguration.callbackUrl'], 'https://om.example.com/callback');
    assert.equal(values['authenticationConfiguration.oidcConfiguration.serverUrl'], 'https://om.example.com');
    assert.equal(values['authenticationConfiguration.oidcConfiguration.scope'], 'openid email profile');
    assert.equal(values['authenticationConfiguration.oidcConfiguration.useNonce'], true);
    assert.equal(values['authenticationConfiguration.oidcConfiguration.preferredJwsAlgorithm'], 'RS256');
    assert.equal(values['authenticationConfiguration.oidcConfiguration.responseType'], 'code');
    assert.equal(values['authenticationConfiguration.oidcConfiguration.disablePkce'], true);
    assert.equal(values['authenticationConfiguration.oidcConfiguration.clientAuthenticationMethod'], 'client_secret_post');
    assert.equal(values['authenticationConfiguration.oidcConfiguration.tokenValidity'], 3600);
    assert.equal('authenticationConfiguration.oidcConfiguration.customParams' in values, false);
  });

  test('authCode: the secret is a reference, never a literal', () => {
    const all = keycloakSettings({ ...input, flow: 'authCode', secretEnvVar: 'KC_SECRET' });
    const secret = all.find((v) => v.path === 'authenticationConfiguration.oidcConfiguration.secret');
    assert.deepEqual(secret, {
      path: 'authenticationConfiguration.oidcConfiguration.secret',
      value: '',
      secretRef: { envVar: 'KC_SECRET', secretName: 'oidc-secrets', secretKey: 'openmetadata-oidc-client-secret' },
    });
    assert.equal(all.filter((v) => v.secretRef).length, 1);
  });

  test('implicit: no oidcConfiguration and no secret', () => {
    const all = keycloakSettings({ ...input, flow: 'implicit' });
    assert.equal(
      all.some((v) => v.path.includes('oidcConfiguration') || v.secretRef),
      false,
    );
  });
});

describe('the choices the commands offer', () => {
  test('the flow pick puts the flow of the open file first, where the quick pick highlights it (defect 12: it labelled one and highlighted the other)', () => {
    const flows = [
      { flow: 'implicit' as const, label: 'Implicit' },
      { flow: 'authCode' as const, label: 'Auth Code' },
    ];
    for (const fileFlow of ['implicit', 'authCode'] as const) {
      const items = flowChoices(flows, fileFlow);
      assert.equal(items[0].flow, fileFlow);
      assert.equal(items[0].description, 'as in the open file');
      assert.deepEqual(
        items.slice(1).map((i) => i.description),
        [undefined],
      );
    }
    assert.deepEqual(
      flowChoices(flows, undefined).map((i) => i.flow),
      ['implicit', 'authCode'],
    );
  });
  test('a secret goes only where the shape can read it: no .env and no plain text for Helm values (defect 15)', () => {
    assert.deepEqual(secretChoices('helm', false), ['reference', 'k8s', 'clipboard']);
    assert.ok(secretChoices('server', false).includes('dotenv'));
    assert.ok(secretChoices('env', false).includes('dotenv'), 'a compose file reads the .env beside it');
    assert.ok(!secretChoices('env', true).includes('reference'), 'a .env file holds the value itself');
  });
});

describe("Create's default for OpenMetadata's URL as the browser sees it (issue 25, item 26)", () => {
  test('skips an in-cluster name for the browser-facing origin the file also has', () => {
    const values = { [Paths.callbackUrl]: 'http://openmetadata:8585/callback', [Paths.serverUrl]: 'https://om.example.com' };
    assert.equal(defaultsFrom(values, 'http://kc:8080').omUrl, 'https://om.example.com');
  });
  test('gives no default when the file names only in-cluster hosts, and keeps a public or localhost callback', () => {
    assert.equal(defaultsFrom({ [Paths.callbackUrl]: 'http://openmetadata:8585/callback' }, 'http://kc:8080').omUrl, undefined);
    assert.equal(defaultsFrom({ [Paths.callbackUrl]: 'http://localhost:8585/callback' }, 'http://kc:8080').omUrl, 'http://localhost:8585');
    assert.equal(defaultsFrom({ [Paths.callbackUrl]: 'https://om.example.com/callback' }, 'http://kc:8080').omUrl, 'https://om.example.com');
  });
});

describe('a secret named out of Keycloak by command arguments (issue 22, item 10)', () => {
  test('every destination outside Keycloak has a question for the person; keeping the reference has none', () => {
    for (const action of ['clipboard', 'dotenv', 'k8s', 'literal'] as const) {
      const question = secretReleaseQuestion(action, 'om-web');
      assert.ok(question, action);
      assert.match(question.message, /om-web/);
      assert.ok(question.button.length > 0);
    }
    assert.equal(secretReleaseQuestion('reference', 'om-web'), undefined);
  });
});

describe('the secret written into the file never passes the language server (issue 22, item 10)', () => {
  const marker = 'OM_AUTH_SECRET_0123abcd';
  const secret = 'Zq3vN8pL0xK2mW5tR7yB9cD1fG4hJ6sA';

  test('the preview made with a marker gets the secret in the marker’s place, as the one change', () => {
    const before = 'authenticationConfiguration:\n  clientType: confidential\n  oidcConfiguration:\n    secret: ${OIDC_CLIENT_SECRET}\n';
    const preview = before.replace('${OIDC_CLIENT_SECRET}', marker);
    const edit = secretEdit(before, preview, marker, secret);
    assert.ok(edit);
    assert.equal(before.slice(0, edit.start) + edit.text + before.slice(edit.end), before.replace('${OIDC_CLIENT_SECRET}', secret));
    assert.ok(edit.end - edit.start <= '${OIDC_CLIENT_SECRET}'.length);
  });

  test('refused when the marker is not there exactly once, or the secret would not read back as the same plain text', () => {
    assert.equal(secretEdit('a', 'a', marker, secret), undefined);
    assert.equal(secretEdit('a', `${marker} ${marker}`, marker, secret), undefined);
    for (const odd of ['a: b', '#x', 'true', '1e3456789012345678', 'x\'y"z', 'short'])
      assert.equal(secretEdit('s: x\n', `s: ${marker}\n`, marker, odd), undefined, odd);
  });
});
