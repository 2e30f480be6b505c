// The release a file is written for, when the settings name none: image tags, Helm image.tag, a chart dependency.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { releaseFor, releaseIn, withRelease } from '../../../server/src/service/release';
import { codesOf, URI } from '../helpers';

describe('release detection', () => {
  it('reads the server image tag of a compose file, whatever the registry', () => {
    const text = 'services:\n  openmetadata-server:\n    image: docker.getcollate.io/openmetadata/server:1.6.4\n';
    assert.deepEqual(releaseIn(text, 'docker-compose.yml'), { version: '1.6.4', evidence: 'docker-compose.yml (openmetadata/server:1.6.4)', source: 'detected' });
    assert.equal(releaseIn('image: openmetadata/server:0.12.0\n', 'c.yml')?.version, '0.12.0');
  });
  it('does not take another image (the database) for the server', () => {
    assert.equal(releaseIn('image: docker.getcollate.io/openmetadata/db:1.11.4\n', 'c.yml'), undefined);
  });
  it("reads Helm's image.tag only next to the OpenMetadata server repository", () => {
    assert.equal(releaseIn('image:\n  repository: docker.getcollate.io/openmetadata/server\n  tag: 1.9.3\n', 'values.yaml')?.version, '1.9.3');
    assert.equal(releaseIn('image:\n  repository: nginx\n  tag: 1.25.3\n', 'values.yaml'), undefined);
  });
  it('reads a Chart.yaml dependency on the openmetadata chart from a neighbour', () => {
    const chart = 'dependencies:\n  - name: openmetadata\n    repository: https://helm.open-metadata.org\n    version: 1.12.1\n';
    assert.equal(releaseFor({}, 'openmetadata:\n  config: {}\n', 'values.yaml', [{ name: 'Chart.yaml', text: chart }])?.evidence, 'Chart.yaml (openmetadata chart 1.12.1)');
  });
  it('the setting wins over what the file says', () => {
    const r = releaseFor({ openmetadataVersion: '1.3' }, 'image: openmetadata/server:1.6.4\n', 'c.yml');
    assert.equal(r?.source, 'setting');
    assert.deepEqual(withRelease({ openmetadataVersion: '1.3' }, r), { openmetadataVersion: '1.3' });
    assert.deepEqual(withRelease({}, releaseFor({}, 'image: openmetadata/server:1.6.4\n', 'c.yml')), { openmetadataVersion: '1.6.4' });
  });
  it('version-dependent checks use the detected release', () => {
    // `legacy-setting` on a catalog package applies from 0.13; the file says it runs 0.12.
    const compose = (tag: string) => `services:\n  om:\n    image: openmetadata/server:${tag}\n    environment:\n      AUTHORIZER_CLASS_NAME: org.openmetadata.catalog.security.DefaultAuthorizer\n      AUTHENTICATION_PROVIDER: basic\n`;
    assert.deepEqual(codesOf(compose('0.12.0'), URI.compose, 'legacy-setting'), []);
    assert.deepEqual(codesOf(compose('1.6.4'), URI.compose, 'legacy-setting'), ['legacy-setting@5']);
  });
});
