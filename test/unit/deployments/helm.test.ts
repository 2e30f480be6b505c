// A Helm release of several values files: merged as Helm merges them, the rules on the merged values, each finding in
// the file that wrote the value, and `layer-overrides` where a later file replaces an auth value of an earlier one.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deployment } from './disk';
import { where } from '../../../server/src/service/deployments/index';

const BASE = `openmetadata:
  config:
    authentication:
      provider: custom-oidc
      clientType: public
      publicKeys:
        - http://openmetadata:8585/api/v1/system/config/jwks
        - http://keycloak:8080/realms/om/protocol/openid-connect/certs
      authority: http://keycloak:8080/realms/om
      clientId: open-metadata
      callbackUrl: https://om.example.org/callback
    authorizer:
      initialAdmins:
        - jane
      principalDomain: example.org
`;

const PROD = `openmetadata:
  config:
    authentication:
      publicKeys:
        - http://openmetadata:8585/api/v1/system/config/jwks
`;

describe('Helm release of several values files', () => {
  it('a later file that drops the IdP JWKS is caught in that file, though neither file shows it alone', () => {
    const files = { '/p/values.yaml': BASE, '/p/values-prod.yaml': PROD };
    const { results } = deployment(files, '/p/values-prod.yaml');
    assert.equal(results.length, 1);
    assert.equal(results[0].kind, 'helm');
    const missing = results[0].issues.filter((i) => i.code === 'missing-idp-jwks');
    assert.equal(missing.length, 1, JSON.stringify(results[0].issues.map((i) => [i.code, i.uri])));
    assert.equal(missing[0].uri, 'file:///p/values-prod.yaml');
    assert.match(PROD.slice(missing[0].span.start, missing[0].span.end), /publicKeys|openmetadata:8585/);
    // Alone, the prod layer is basic auth by the chart's default: nothing to say about Keycloak keys.
    const alone = deployment({ '/p/values-prod.yaml': PROD }, '/p/values-prod.yaml').results;
    assert.deepEqual(alone, []);
  });
  it('layer-overrides: the later value replaces the earlier one, said as a note with the earlier place related', () => {
    const { results } = deployment({ '/p/values.yaml': BASE, '/p/values-prod.yaml': PROD }, '/p/values.yaml');
    const notes = results[0].issues.filter((i) => i.code === 'layer-overrides');
    assert.equal(notes.length, 1);
    assert.equal(notes[0].severity, 'information');
    assert.equal(notes[0].uri, 'file:///p/values-prod.yaml');
    assert.equal(where(notes[0].related[0].place), 'values.yaml:7');
  });
  it('near misses: an overlay that only sets the image, or repeats a value unchanged, says nothing', () => {
    const image = 'image:\n  tag: 1.12.1\n';
    assert.deepEqual(deployment({ '/p/values.yaml': BASE, '/p/values-prod.yaml': image }, '/p/values-prod.yaml').results[0]?.issues ?? [], []);
    const same = 'openmetadata:\n  config:\n    authentication:\n      clientId: open-metadata\n';
    assert.deepEqual(deployment({ '/p/values.yaml': BASE, '/p/values-prod.yaml': same }, '/p/values-prod.yaml').results[0]?.issues ?? [], []);
  });
  it('the merged values name the file each comes from', () => {
    const { results } = deployment({ '/p/values.yaml': BASE, '/p/values-prod.yaml': PROD }, '/p/values.yaml');
    const vars = new Map(results[0].variables.map((v) => [v.name, where(v.origin)]));
    assert.equal(vars.get('openmetadata.config.authentication.clientId'), 'values.yaml:10');
    assert.equal(vars.get('openmetadata.config.authentication.publicKeys'), 'values-prod.yaml:5');
  });
  it('a declared release layers the files in the order given', () => {
    const files = { '/p/helm/base.yaml': BASE, '/p/helm/prod.yaml': PROD };
    const settings = { deployments: [{ name: 'prod', values: ['helm/base.yaml', 'helm/prod.yaml'] }] };
    const { results } = deployment(files, '/p/helm/base.yaml', settings);
    assert.deepEqual(
      results.map((r) => r.name),
      ['prod'],
    );
    assert.ok(results[0].issues.some((i) => i.code === 'missing-idp-jwks'));
  });
});
