// The release a file is written for, when the settings name none: image tags, Helm image.tag, a chart dependency.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { releaseIn, withRelease } from '../../../server/src/service/release';
import { check, codesOf, releaseOf, URI } from '../helpers';

describe('release detection', () => {
  it('reads the server image tag of a compose file, whatever the registry', () => {
    const text = 'services:\n  openmetadata-server:\n    image: docker.getcollate.io/openmetadata/server:1.6.4\n';
    assert.deepEqual(releaseIn(text, 'docker-compose.yml'), {
      version: '1.6.4',
      evidence: 'docker-compose.yml (openmetadata/server:1.6.4)',
      source: 'detected',
    });
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
    assert.equal(
      releaseOf({}, 'openmetadata:\n  config: {}\n', 'values.yaml', [{ name: 'Chart.yaml', text: chart }])?.evidence,
      'Chart.yaml (openmetadata chart 1.12.1)',
    );
  });
  it('the setting wins over what the file says', () => {
    const r = releaseOf({ openmetadataVersion: '1.3' }, 'image: openmetadata/server:1.6.4\n', 'c.yml');
    assert.equal(r?.source, 'setting');
    assert.deepEqual(withRelease({ openmetadataVersion: '1.3' }, r), { openmetadataVersion: '1.3' });
    assert.deepEqual(withRelease({}, releaseOf({}, 'image: openmetadata/server:1.6.4\n', 'c.yml')), { openmetadataVersion: '1.6.4' });
  });
  it('version-dependent checks use the detected release', () => {
    // `legacy-setting` on a catalog package applies from 0.13; the file says it runs 0.12.
    const compose = (tag: string) =>
      `services:\n  om:\n    image: openmetadata/server:${tag}\n    environment:\n      AUTHORIZER_CLASS_NAME: org.openmetadata.catalog.security.DefaultAuthorizer\n      AUTHENTICATION_PROVIDER: basic\n`;
    assert.deepEqual(codesOf(compose('0.12.0'), URI.compose, 'legacy-setting'), []);
    assert.deepEqual(codesOf(compose('1.6.4'), URI.compose, 'legacy-setting'), ['legacy-setting@5']);
  });

  describe("a values file copied from the chart (its image tag left empty: the chart's own release)", () => {
    const values = (auth: string, tag = '""') =>
      `openmetadata:\n  config:\n${auth}image:\n  repository: docker.getcollate.io/openmetadata/server\n  pullPolicy: "Always"\n  tag: ${tag}\n`;
    // A copy of a 1.10+ chart has these too (allowedDomains from chart 1.7, rdf from 1.10).
    const current =
      '    authentication:\n      provider: "basic"\n      oidcConfiguration:\n        enabled: false\n        maxAge: "0"\n        sessionExpiry: "604800"\n    authorizer:\n      allowedDomains: []\n    rdf:\n      enabled: false\n';
    const saml12 = '    authentication:\n      provider: "basic"\n      saml:\n        security:\n          wantNameIdEncrypted: false\n';
    const global013 = (jwks: string) => `global:\n  authentication:\n    provider: "no-auth"\n    publicKeys:\n    - "http://openmetadata:8585${jwks}"\n`;
    it('dates it by the keys it has: the newest chart release that has them all', () => {
      // sessionExpiry is in the chart from 1.8; nothing newer tells 1.8 to 1.13 apart, and the chart's history ends at 1.13.
      assert.deepEqual(releaseOf({}, values(current), 'values.yaml'), {
        version: '1.13',
        evidence: "values.yaml (the chart's defaults of OpenMetadata 1.8 to 1.13)",
        source: 'detected',
        range: ['1.8', '1.13'],
      });
      // wantNameIdEncrypted is gone from the chart after 1.4.
      assert.equal(releaseOf({}, values(saml12), 'values.yaml')?.version, '1.4');
    });
    it('a copy without the blocks later charts always list is older than them: no database-copy note for 1.7 to 1.9 (issue 23)', () => {
      const from17 = current.replace('    rdf:\n      enabled: false\n', '');
      assert.deepEqual(releaseOf({}, values(from17), 'values.yaml'), {
        version: '1.9',
        evidence: "values.yaml (the chart's defaults of OpenMetadata 1.8 to 1.9)",
        source: 'detected',
        range: ['1.8', '1.9'],
      });
      assert.deepEqual(codesOf(values(from17), URI.helm, 'db-config-overrides-yaml'), []);
      // Near miss: the 1.10+ copy keeps the note, which is right for it.
      assert.deepEqual(codesOf(values(current), URI.helm, 'db-config-overrides-yaml').length, 1);
      // Without allowedDomains either, it is older than 1.7; with a key of 1.8 as well, no release fits and none is claimed.
      const before17 = '    authentication:\n      provider: "basic"\n      jwtPrincipalClaimsMapping: []\n';
      assert.equal(releaseOf({}, values(before17), 'values.yaml')?.version, '1.6');
      assert.equal(releaseOf({}, values(from17.replace('    authorizer:\n      allowedDomains: []\n', '')), 'values.yaml'), undefined);
    });
    it("dates the chart's `global:` layout before 1.1, and its pre-1.0 JWKS path before 1.0", () => {
      assert.equal(releaseOf({}, values('').replace('openmetadata:\n  config:\n', global013('/api/v1/config/jwks')), 'values.yaml')?.version, '0.13');
      assert.equal(releaseOf({}, values('').replace('openmetadata:\n  config:\n', global013('/api/v1/system/config/jwks')), 'values.yaml')?.version, '1.0');
    });
    it('a Chart.yaml beside it that names the chart release wins over the fingerprint', () => {
      const chart = 'dependencies:\n  - name: openmetadata\n    repository: https://helm.open-metadata.org\n    version: 1.12.1\n';
      assert.equal(releaseOf({}, values(current), 'values.yaml', [{ name: 'Chart.yaml', text: chart }])?.version, '1.12.1');
      assert.equal(releaseOf({}, values(current), 'values.yaml')?.version, '1.13');
    });
    it("an image tag wins; a file without the chart's server image (a snippet) is not dated", () => {
      assert.equal(releaseOf({}, values(current, '1.9.3'), 'values.yaml')?.version, '1.9.3');
      assert.equal(releaseOf({}, values(current).replace('openmetadata/server', 'nginx'), 'values.yaml'), undefined);
      assert.equal(releaseOf({}, `openmetadata:\n  config:\n${current}`, 'values.yaml'), undefined);
    });
    it('the version-dependent checks use it: the chart 1.2 key is not flagged', () => {
      assert.deepEqual(codesOf(values(saml12), URI.helm, 'not-in-version'), []);
      assert.deepEqual(codesOf(values(saml12).replace('tag: ""', 'tag: 1.6.0'), URI.helm, 'not-in-version'), ['not-in-version@7']);
    });
  });
});

describe('a release the checks do not know (issue 23)', () => {
  // A 0.9-era chart: the `global:` layout, `initialAdmin`, `botPrincipal` and the catalog packages were right then.
  const chart09 = (tag: string) => `image:
  repository: openmetadata/server
  tag: ${tag}
global:
  authorizer:
    className: "org.openmetadata.catalog.security.DefaultAuthorizer"
    containerRequestFilter: "org.openmetadata.catalog.security.JwtFilter"
    initialAdmin: "admin"
    botPrincipal: "ingestion-bot"
  authentication:
    provider: "google"
    publicKeys:
      - "https://www.googleapis.com/oauth2/v3/certs"
`;
  it('older than the oldest known: one note that says so, and no finding written for another release', () => {
    const { diagnostics } = check(chart09('0.9.0'), URI.helm);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity]),
      [['file-skipped', 3]],
    );
    assert.match(diagnostics[0].message, /OpenMetadata 0\.9\.0, older than the oldest release OpenMetadata Auth knows \(0\.12\)/);
    // The same when the release is set rather than named by the file.
    assert.deepEqual(check(chart09('latest'), URI.helm, { openmetadataVersion: '0.10' }).codes, ['file-skipped@1']);
  });
  it('near miss: the same layout for a known release is checked as that release', () => {
    const codes = check(chart09('0.12.1'), URI.helm).codes;
    assert.ok(!codes.includes('file-skipped@1'), codes.join());
    assert.ok(
      codes.some((c) => c.startsWith('unknown-key@')),
      codes.join(),
    );
  });
  it('a newer or unparsable release is checked as the newest, with version findings as notes', () => {
    const text = 'authenticationConfiguration:\n  provider: saml\n  samlConfiguration:\n    security:\n      wantNameIdEncrypted: false\n';
    for (const openmetadataVersion of ['9.4', 'nightly']) {
      const found = check(text, URI.server, { openmetadataVersion }).diagnostics.filter((d) => d.code === 'not-in-version');
      assert.deepEqual(
        found.map((d) => d.severity),
        [3],
        openmetadataVersion,
      );
    }
  });
});
