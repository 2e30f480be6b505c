// Setting canonical values in every shape: replaced in place, inserted with the file's indentation, comments kept.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/service/analyze';
import { applyChanges, setValues } from '../../../server/src/service/edits';
import type { CanonicalValue } from '../../../common/protocol';
import { parseDocument } from 'yaml';
import { applyAsVsCode } from '../vscodeEdits';

function set(text: string, uri: string, values: CanonicalValue[]): string {
  return applyChanges(text, setValues(text, analyze(uri, text).model, values).changes);
}
const SECRET: CanonicalValue = {
  path: 'authenticationConfiguration.oidcConfiguration.secret',
  value: '',
  secretRef: { envVar: 'OIDC_CLIENT_SECRET', secretName: 'oidc', secretKey: 'secret' },
};

describe('applyChanges', () => {
  it('applies inserts at one offset in array order, as LSP and VS Code do (the preview and --fix write what the editor would)', () => {
    // callbackUrl closes authenticationConfiguration and serverUrl closes oidcConfiguration: both land at the file's end.
    const text = 'authenticationConfiguration:\n  provider: custom-oidc\n  clientType: confidential\n  oidcConfiguration:\n    id: om\n';
    const { changes } = setValues(text, analyze('file:///ws/openmetadata.yaml', text).model, [
      { path: 'authenticationConfiguration.callbackUrl', value: 'http://om/callback' },
      { path: 'authenticationConfiguration.oidcConfiguration.serverUrl', value: 'http://om' },
    ]);
    const written = applyChanges(text, changes);
    assert.equal(written, applyAsVsCode(text, changes));
    assert.deepEqual(parseDocument(written).errors, []);
    assert.deepEqual(parseDocument(written).toJS().authenticationConfiguration.oidcConfiguration, { id: 'om', serverUrl: 'http://om' });
  });
  it('agrees with the LSP text document on random edit lists (same-offset inserts, replacements, deletions)', () => {
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    for (let round = 0; round < 500; round++) {
      const text = 'abcdefghij\nklmnop\n'.slice(0, 1 + random(17));
      const points = Array.from({ length: 1 + random(4) }, () => random(text.length + 1)).sort((a, b) => a - b);
      // Non-overlapping: each edit spans from one point to itself or the next point.
      const changes = points.map((start, i) => ({ start, end: random(2) && i + 1 < points.length ? points[i + 1] : start, newText: `<${round}.${i}>` }));
      for (let i = 1; i < changes.length; i++) if (changes[i].start < changes[i - 1].end) changes[i - 1].end = changes[i - 1].start;
      const shuffled = changes
        .map((c) => [random(1000), c] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, c]) => c);
      assert.equal(applyChanges(text, shuffled), applyAsVsCode(text, shuffled), JSON.stringify({ text, shuffled }));
    }
  });
});

describe('setValues', () => {
  it('writes the numbers the chart types as strings quoted in Helm values, and as numbers in the server config', () => {
    const values: CanonicalValue[] = [
      { path: 'authenticationConfiguration.oidcConfiguration.tokenValidity', value: 3600 },
      { path: 'authenticationConfiguration.oidcConfiguration.sessionExpiry', value: 604800 },
    ];
    const helm = set('openmetadata:\n  config:\n    authentication:\n      oidcConfiguration:\n        enabled: true\n', 'file:///ws/values.yaml', values);
    assert.match(helm, /\n        tokenValidity: "3600"\n        sessionExpiry: "604800"\n/);
    const server = set('authenticationConfiguration:\n  oidcConfiguration:\n    id: om\n', 'file:///ws/openmetadata.yaml', values);
    assert.match(server, /\n    tokenValidity: 3600\n    sessionExpiry: 604800\n/);
  });
  it('replaces in place, keeps comments, quotes and placeholders, and inserts missing keys', () => {
    const text =
      'authenticationConfiguration:\n  provider: basic # was basic\n  authority: "https://accounts.google.com"\n  clientId: ${AUTHENTICATION_CLIENT_ID:-""}\n  publicKeyUrls:\n    - http://a\n# trailing comment\nauthorizerConfiguration:\n  className: x\n';
    const out = set(text, 'file:///ws/openmetadata.yaml', [
      { path: 'authenticationConfiguration.provider', value: 'custom-oidc' },
      { path: 'authenticationConfiguration.authority', value: 'http://kc/realms/r' },
      { path: 'authenticationConfiguration.clientId', value: 'om' },
      { path: 'authenticationConfiguration.publicKeyUrls', value: ['http://kc/certs', 'http://om/jwks'] },
      { path: 'authenticationConfiguration.clientType', value: 'confidential' },
      { path: 'authenticationConfiguration.oidcConfiguration.id', value: 'om' },
      SECRET,
    ]);
    assert.equal(
      out,
      'authenticationConfiguration:\n  provider: custom-oidc # was basic\n  authority: "http://kc/realms/r"\n  clientId: ${AUTHENTICATION_CLIENT_ID:-om}\n  publicKeyUrls:\n    - http://kc/certs\n    - http://om/jwks\n  clientType: confidential\n  oidcConfiguration:\n    id: om\n    secret: ${OIDC_CLIENT_SECRET}\n# trailing comment\nauthorizerConfiguration:\n  className: x\n',
    );
  });
  it('makes no change when the values are already there', () => {
    const text = 'authenticationConfiguration:\n  provider: custom-oidc\n  publicKeyUrls: [a, b]\n';
    assert.deepEqual(
      setValues(text, analyze('file:///ws/openmetadata.yaml', text).model, [
        { path: 'authenticationConfiguration.provider', value: 'custom-oidc' },
        { path: 'authenticationConfiguration.publicKeyUrls', value: ['a', 'b'] },
      ]).changes,
      [],
    );
  });
  it('adds a missing section at the end of the file', () => {
    assert.equal(
      set('authorizerConfiguration:\n  className: x\n', 'file:///ws/openmetadata.yaml', [{ path: 'authenticationConfiguration.clientId', value: 'om' }]),
      'authorizerConfiguration:\n  className: x\nauthenticationConfiguration:\n  clientId: om\n',
    );
  });
  it('writes Helm names, a secretRef, and skips what the chart cannot hold', () => {
    const text = 'openmetadata:\n  config:\n    authentication:\n      provider: basic\n    authorizer:\n      initialAdmins: [admin]\nimage: x\n';
    const model = analyze('file:///ws/values.yaml', text).model;
    const result = setValues(text, model, [
      { path: 'authenticationConfiguration.provider', value: 'custom-oidc' },
      { path: 'authenticationConfiguration.providerName', value: 'Keycloak' },
      { path: 'authenticationConfiguration.publicKeyUrls', value: ['a'] },
      SECRET,
      { path: 'authenticationConfiguration.oidcConfiguration.enabled', value: true },
    ]);
    // The chart has no providerName: it goes through extraEnvs (reference c.2, issue 11 defect 8).
    assert.deepEqual(result.skipped, []);
    assert.equal(
      applyChanges(text, result.changes),
      'openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      publicKeys:\n        - a\n      oidcConfiguration:\n        clientSecret:\n          secretRef: oidc\n          secretKey: secret\n        enabled: true\n    authorizer:\n      initialAdmins: [admin]\nimage: x\nextraEnvs:\n  - name: CUSTOM_OIDC_AUTHENTICATION_PROVIDER_NAME\n    value: "Keycloak"\n',
    );
  });
  it('writes env files and compose blocks in their own form', () => {
    assert.equal(
      set('AUTHENTICATION_PROVIDER=basic # x\nAUTHENTICATION_PUBLIC_KEYS=[a,b]\n', 'file:///ws/.env', [
        { path: 'authenticationConfiguration.provider', value: 'custom-oidc' },
        { path: 'authenticationConfiguration.publicKeyUrls', value: ['x', 'y'] },
        { path: 'authenticationConfiguration.clientId', value: 'om' },
        SECRET,
      ]),
      'AUTHENTICATION_PROVIDER=custom-oidc # x\nAUTHENTICATION_PUBLIC_KEYS=[x,y]\nAUTHENTICATION_CLIENT_ID=om\nOIDC_CLIENT_SECRET=${OIDC_CLIENT_SECRET}\n',
    );
    assert.equal(
      set(
        'services:\n  om:\n    environment:\n      AUTHENTICATION_PROVIDER: basic\n      DB_HOST: x\n  db:\n    image: y\n',
        'file:///ws/docker-compose.yml',
        [{ path: 'authenticationConfiguration.clientId', value: 'om' }],
      ),
      'services:\n  om:\n    environment:\n      AUTHENTICATION_PROVIDER: basic\n      DB_HOST: x\n      AUTHENTICATION_CLIENT_ID: om\n  db:\n    image: y\n',
    );
    assert.equal(
      set('services:\n  om:\n    environment:\n      - AUTHENTICATION_PROVIDER=basic\n', 'file:///ws/docker-compose.yml', [
        { path: 'authenticationConfiguration.clientId', value: 'om' },
      ]),
      'services:\n  om:\n    environment:\n      - AUTHENTICATION_PROVIDER=basic\n      - AUTHENTICATION_CLIENT_ID=om\n',
    );
  });
  it('quotes a value with spaces once in every env form (compose sent the quotes to OpenMetadata, so OIDC_SCOPE broke the Auth Code sign-in)', () => {
    const scope: CanonicalValue = { path: 'authenticationConfiguration.oidcConfiguration.scope', value: 'openid email profile' };
    const forms: [string, string, string][] = [
      ['file:///ws/.env', 'AUTHENTICATION_PROVIDER=basic\n', 'OIDC_SCOPE="openid email profile"'],
      ['file:///ws/docker-compose.yml', 'services:\n  om:\n    environment:\n      AUTHENTICATION_PROVIDER: basic\n', '      OIDC_SCOPE: openid email profile'],
      [
        'file:///ws/docker-compose.yml',
        'services:\n  om:\n    environment:\n      - AUTHENTICATION_PROVIDER=basic\n',
        '      - OIDC_SCOPE=openid email profile',
      ],
      [
        'file:///ws/deployment.yaml',
        'spec:\n  template:\n    spec:\n      containers:\n        - name: om\n          env:\n            - name: AUTHENTICATION_PROVIDER\n              value: basic\n',
        '              value: openid email profile',
      ],
    ];
    for (const [uri, text, line] of forms) {
      const out = set(text, uri, [scope]);
      assert.ok(out.split('\n').includes(line), out);
      // What the container gets: the YAML string itself, with no quote characters in it.
      const entry = analyze(uri, out).model.entries.get(scope.path);
      assert.equal(entry?.value, 'openid email profile', out);
    }
  });
  it('replaces a value holding quotes in every env form so the container gets exactly that text', () => {
    // A replacement used the entry's quotes around the raw text (`'a'b'`) and JSON-quoted inside `- NAME=value`
    // items, where the quotes reached the container.
    const path = 'authenticationConfiguration.clientId';
    const value = `it's "om"`;
    const forms: [string, string][] = [
      ['file:///ws/.env', "AUTHENTICATION_PROVIDER=basic\nAUTHENTICATION_CLIENT_ID='old'\n"],
      ['file:///ws/.env', 'AUTHENTICATION_PROVIDER=basic\nAUTHENTICATION_CLIENT_ID="old"\n'],
      ['file:///ws/docker-compose.yml', "services:\n  om:\n    environment:\n      AUTHENTICATION_PROVIDER: basic\n      AUTHENTICATION_CLIENT_ID: 'old'\n"],
      ['file:///ws/docker-compose.yml', 'services:\n  om:\n    environment:\n      - AUTHENTICATION_PROVIDER=basic\n      - AUTHENTICATION_CLIENT_ID=old\n'],
      [
        'file:///ws/deployment.yaml',
        'spec:\n  template:\n    spec:\n      containers:\n        - name: om\n          env:\n            - name: AUTHENTICATION_CLIENT_ID\n              value: "old"\n',
      ],
    ];
    for (const [uri, text] of forms) {
      const out = set(text, uri, [{ path, value }]);
      assert.equal(analyze(uri, out).model.entries.get(path)?.value, value, out);
    }
  });
});
