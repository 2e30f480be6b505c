// `secret-key-missing`: Helm `secretRef`/`secretKey` and Kubernetes `secretKeyRef` against the Secrets of the workspace.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readSecrets, secretReferenceIssues } from '../../../server/src/service/deployments/secrets';
import type { SecretManifest } from '../../../server/src/service/deployments/secrets';
import { modelsOf } from '../../../server/src/service/analyze';
import { check } from '../helpers';

const VALUES = (key: string, name = 'oidc-secrets', type = 'confidential', enabled = 'true') => `openmetadata:
  config:
    authentication:
      provider: custom-oidc
      clientType: ${type}
      oidcConfiguration:
        enabled: ${enabled}
        clientId:
          secretRef: ${name}
          secretKey: openmetadata-oidc-client-id
        clientSecret:
          secretRef: ${name}
          secretKey: ${key}
`;

const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: oidc-secrets
type: Opaque
stringData:
  openmetadata-oidc-client-id: open-metadata
  openmetadata-oidc-client-secret: do-not-read
`;

const secrets = (text: string, label = 'k8s/secrets.yaml') => readSecrets(text, `file:///ws/${label}`, label);
const issuesOf = (values: string, manifests: SecretManifest[], uri = 'file:///ws/values.yaml') => {
  const { analysis } = check(values, uri);
  return modelsOf(analysis).flatMap((m) => secretReferenceIssues(m, manifests));
};

describe('secret-key-missing', () => {
  it('a key the Secret of the workspace lacks is reported at the key, with the Secret related and its keys named', () => {
    const values = VALUES('client-secret');
    const found = issuesOf(values, secrets(SECRET));
    assert.equal(found.length, 1);
    assert.equal(values.slice(found[0].span.start, found[0].span.end), 'client-secret');
    assert.match(found[0].message, /has no key `client-secret`/);
    assert.match(found[0].message, /`openmetadata-oidc-client-secret`/);
    assert.equal(found[0].related[0].place.uri, 'file:///ws/k8s/secrets.yaml');
    assert.ok(!found[0].message.includes('do-not-read'), 'values are never read into a message');
  });
  it('near misses: the key is there; no Secret in the workspace at all; a public client whose references the chart never renders', () => {
    assert.deepEqual(issuesOf(VALUES('openmetadata-oidc-client-secret'), secrets(SECRET)), []);
    assert.deepEqual(issuesOf(VALUES('client-secret'), []), []);
    assert.deepEqual(issuesOf(VALUES('client-secret', 'oidc-secrets', 'public'), secrets(SECRET)), []);
    assert.deepEqual(issuesOf(VALUES('client-secret', 'oidc-secrets', 'confidential', 'false'), secrets(SECRET)), []);
  });
  it('a Secret name the workspace does not have, next to one it has, is a likely typo', () => {
    const values = VALUES('openmetadata-oidc-client-secret', 'oidc-secret');
    const found = issuesOf(values, secrets(SECRET));
    assert.equal(found.length, 2, 'clientId and clientSecret both name it');
    assert.equal(values.slice(found[0].span.start, found[0].span.end), 'oidc-secret');
    assert.match(found[0].message, /Did you mean `oidc-secrets`\?/);
    // An unrelated name is not a typo: that Secret is made elsewhere.
    assert.deepEqual(issuesOf(VALUES('openmetadata-oidc-client-secret', 'vault-made'), secrets(SECRET)), []);
  });
  it('SealedSecret and ExternalSecret declare the keys of the Secret they make; dataFrom keys are not known', () => {
    const sealed = `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: sealed\nspec:\n  encryptedData:\n    openmetadata-oidc-client-id: AgB1\n  template:\n    metadata:\n      name: oidc-secrets\n`;
    const external = `apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: ext\nspec:\n  target:\n    name: oidc-secrets\n  dataFrom:\n    - extract:\n        key: openmetadata/oidc\n`;
    assert.deepEqual(
      secrets(sealed).map((s) => [s.kind, s.name, [...(s.keys ?? [])]]),
      [['SealedSecret', 'oidc-secrets', ['openmetadata-oidc-client-id']]],
    );
    assert.equal(issuesOf(VALUES('openmetadata-oidc-client-secret'), secrets(sealed)).length, 1);
    assert.deepEqual(issuesOf(VALUES('openmetadata-oidc-client-secret'), secrets(external)), []);
  });
  it('a Kubernetes env secretKeyRef is checked the same way', () => {
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: openmetadata
spec:
  template:
    spec:
      containers:
        - name: openmetadata
          env:
            - name: AUTHENTICATION_PROVIDER
              value: custom-oidc
            - name: AUTHENTICATION_CLIENT_TYPE
              value: confidential
            - name: OIDC_CLIENT_SECRET
              valueFrom:
                secretKeyRef:
                  name: oidc-secrets
                  key: secret
`;
    const found = issuesOf(deployment, secrets(SECRET), 'file:///ws/deployment.yaml');
    assert.deepEqual(
      found.map((i) => deployment.slice(i.span.start, i.span.end)),
      ['secret'],
    );
    const optional = deployment.replace('                  key: secret\n', '                  key: secret\n                  optional: true\n');
    assert.deepEqual(issuesOf(optional, secrets(SECRET), 'file:///ws/deployment.yaml'), []);
  });
});
