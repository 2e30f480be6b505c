// helm-chart-schema: what `helm install` refuses in values, against the chart's own values.schema.json of the release.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { check, codesOf, fixed, fixesOf, URI } from '../helpers';
import { chartReleasesFor } from '../../../server/src/service/chartSchema';
import { compareVersions } from '../../../server/src/service/versions';
import { analyze } from '../../../server/src/service/analyze';
import { complete } from '../../../server/src/service/complete';
import { TextDocument } from 'vscode-languageserver-textdocument';

const HELM = URI.helm;
const CODE = 'helm-chart-schema';
const at = (version?: string) => (version ? { openmetadataVersion: version } : {});
const findings = (text: string, version?: string, uri: string = HELM) => check(text, uri, at(version)).diagnostics.filter((d) => d.code === CODE);
const lines = (text: string, version?: string, uri: string = HELM) => codesOf(text, uri, CODE, at(version));

const AUTH = `    authentication:
      provider: custom-oidc
      publicKeys:
        - http://keycloak:8080/realms/om/protocol/openid-connect/certs
        - http://openmetadata:8585/api/v1/system/config/jwks
      authority: http://keycloak:8080/realms/om
      clientId: om
      callbackUrl: http://localhost:8585/callback
`;

describe('helm-chart-schema: keys the chart refuses', () => {
  const misplacedEnvs = `openmetadata:\n  extraEnvs:\n    - name: OIDC_CLIENT_ID\n      value: om\n  config:\n${AUTH}`;
  it('fires on openmetadata.extraEnvs with no release known (every chart from 1.1.0 closes openmetadata), and says where it belongs', () => {
    const [d, ...rest] = findings(misplacedEnvs);
    assert.equal(rest.length, 0);
    assert.equal(d.range.start.line, 1);
    assert.match(d.message, /`helm install` fails/);
    assert.match(d.message, /`extraEnvs` is a top-level value: move it out of `openmetadata:`/);
  });
  it('moves extraEnvs to the top level, re-indented, and the finding goes', () => {
    assert.equal(fixed(misplacedEnvs, CODE, HELM, { gone: true }), `openmetadata:\n  config:\n${AUTH}extraEnvs:\n  - name: OIDC_CLIENT_ID\n    value: om\n`);
  });
  it('offers no move when a top-level extraEnvs is already there (the two would need merging)', () => {
    const both = `${misplacedEnvs}extraEnvs:\n  - name: A\n    value: b\n`;
    assert.deepEqual(lines(both), ['helm-chart-schema@2']);
    assert.deepEqual(fixesOf(both, CODE, HELM), []);
  });
  it('near miss: extraEnvs at the top level, and a key the open root does not declare, are not flagged', () => {
    assert.deepEqual(lines(`openmetadata:\n  config:\n${AUTH}extraEnvs:\n  - name: A\n    value: b\nmyOwnValue: 1\n`), []);
  });

  const saml = `openmetadata:\n  config:\n${AUTH}    idp:\n      entityId: https://keycloak/realms/om\n      ssoLoginUrl: https://keycloak/realms/om/protocol/saml\n    sp:\n      entityId: https://om/api/v1/saml/metadata\n`;
  it('fires on SAML idp/sp directly under openmetadata.config: they belong under authentication.saml', () => {
    const found = findings(saml, '1.6.4');
    assert.deepEqual(
      found.map((d) => d.range.start.line),
      [10, 13],
    );
    for (const d of found) assert.match(d.message, /belongs under `openmetadata\.config\.authentication\.saml`/);
  });
  it('moves idp under authentication.saml (creating it), then sp beside it', () => {
    const once = fixed(saml, CODE, HELM, { settings: at('1.6.4') });
    assert.equal(
      once,
      `openmetadata:\n  config:\n${AUTH}      saml:\n        idp:\n          entityId: https://keycloak/realms/om\n          ssoLoginUrl: https://keycloak/realms/om/protocol/saml\n    sp:\n      entityId: https://om/api/v1/saml/metadata\n`,
    );
    const twice = fixed(once, CODE, HELM, { settings: at('1.6.4'), gone: true });
    assert.equal(
      twice,
      `openmetadata:\n  config:\n${AUTH}      saml:\n        idp:\n          entityId: https://keycloak/realms/om\n          ssoLoginUrl: https://keycloak/realms/om/protocol/saml\n        sp:\n          entityId: https://om/api/v1/saml/metadata\n`,
    );
  });
  it('a typo in a closed block outside the auth sections gets a did-you-mean', () => {
    const text = `openmetadata:\n  config:\n${AUTH}    web:\n      hsts:\n        enabld: true\n`;
    const [d] = findings(text, '1.6.4');
    assert.match(d.message, /Did you mean `enabled`\?/);
    assert.deepEqual(lines(text.replace('enabld', 'enabled'), '1.6.4'), []);
  });
  it('a key of a later chart is refused by an earlier one, naming the charts that have it', () => {
    const text = `openmetadata:\n  config:\n    authorizer:\n      allowedDomains: [example.org]\n${AUTH}`;
    const [d] = findings(text, '1.6.4');
    assert.match(d.message, /chart 1\.6\.4\b/);
    assert.match(d.message, /charts 1\.6\.12 to 1\.13\.1 only/);
    assert.deepEqual(lines(text, '1.7.0'), []);
    // Without a release only what every chart refuses is reported.
    assert.deepEqual(lines(text), []);
  });
  it('an auth key the auth checks already report is reported once (unknown-key), not twice', () => {
    const text = `openmetadata:\n  config:\n${AUTH}      providr: custom-oidc\n`;
    assert.deepEqual(
      check(text, HELM, at('1.6.4')).codes.filter((c) => c.startsWith('unknown-key') || c.startsWith(CODE)),
      ['unknown-key@11'],
    );
  });
});

describe('helm-chart-schema: types and values', () => {
  const token = `openmetadata:\n  config:\n${AUTH}      oidcConfiguration:\n        tokenValidity: 3600\n`;
  it('fires on a number where the chart types a string, for a release that has the key', () => {
    const [d] = findings(token, '1.6.4');
    assert.equal(d.range.start.line, 11);
    assert.match(d.message, /types `openmetadata\.config\.authentication\.oidcConfiguration\.tokenValidity` as a string, and this is a number/);
  });
  it('quotes the number, and the finding goes', () => {
    assert.equal(fixed(token, CODE, HELM, { settings: at('1.6.4'), gone: true }), token.replace('3600', '"3600"'));
  });
  it('near miss: the quoted number, and an integer where the chart types one (SAML tokenValidity), pass', () => {
    assert.deepEqual(lines(token.replace('3600', '"3600"'), '1.6.4'), []);
    const samlToken = `openmetadata:\n  config:\n${AUTH}      saml:\n        security:\n          tokenValidity: 3600\n`;
    assert.deepEqual(lines(samlToken, '1.6.4'), []);
  });
  it('reads values as Helm does: `yes` is a boolean (YAML 1.1), an empty value is dropped, `2.0` is a whole number', () => {
    assert.deepEqual(lines(`openmetadata:\n  config:\n${AUTH}ingress:\n  enabled: yes\nreplicaCount: 2.0\nnameOverride:\n`, '1.6.4'), []);
    assert.deepEqual(lines(`openmetadata:\n  config:\n${AUTH}replicaCount: "2"\ningress:\n  enabled: "true"\n`, '1.6.4'), [
      'helm-chart-schema@11',
      'helm-chart-schema@13',
    ]);
  });
  it('a value outside the chart enum fails the install', () => {
    const text = `openmetadata:\n  config:\n${AUTH}    pipelineServiceClientConfig:\n      type: argo\n`;
    const [d] = findings(text, '1.13.1');
    assert.match(d.message, /allows only `airflow`, `k8s`, `argoWorkflows`/);
    assert.deepEqual(lines(text.replace('argo\n', 'argoWorkflows\n'), '1.13.1'), []);
  });
});

describe('helm-chart-schema: which releases', () => {
  const envs = `openmetadata:\n  extraEnvs: []\n  config:\n${AUTH}`;
  it('a release older than the first chart with a schema has no check; an unknown newer one gets what every chart refuses', () => {
    assert.equal(chartReleasesFor('0.12.1', false), undefined);
    assert.equal(chartReleasesFor('0.12.2', false), undefined, 'app 0.12.2 ran on charts 0.0.40 to 0.0.45, only the last with a schema');
    assert.equal(chartReleasesFor('1.6.4', true)?.label, 'chart 1.6.4');
    assert.equal(chartReleasesFor('1.6', true)?.label, 'charts 1.6.1 to 1.6.13');
    assert.match(chartReleasesFor('2.1.0', true)!.label, /^every chart release from 1\.1\.0 to /);
    assert.deepEqual(lines(envs, '2.1.0'), ['helm-chart-schema@2']);
  });
  it('a copy of the chart defaults that fits a range of releases is checked against all of them', () => {
    assert.equal(chartReleasesFor('1.4', true, ['1.2', '1.4'])?.label, 'charts 1.2.0 to 1.4.8');
  });
  it('never flags a file that is not Helm values', () => {
    const server = `authenticationConfiguration:\n  provider: custom-oidc\n  extraEnvs: []\nreplicaCount: "2"\n`;
    assert.deepEqual(lines(server, '1.6.4', URI.server), []);
    assert.deepEqual(lines(`openmetadata:\n  extraEnvs: []\nreplicaCount: "2"\n`, '1.6.4'), []);
  });
  it('malformed YAML never crashes the check and gets no chart findings', () => {
    assert.doesNotThrow(() => findings(`openmetadata:\n  config:\n${AUTH}  extraEnvs: [\n`, '1.6.4'));
    assert.deepEqual(lines(`openmetadata:\n  config:\n${AUTH}  extraEnvs: [\n`, '1.6.4'), []);
  });
});

describe('helm-chart-schema in manifests and large files', () => {
  const app = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: openmetadata
spec:
  source:
    chart: openmetadata
    repoURL: https://helm.example.org
    targetRevision: 1.6.4
    helm:
      valuesObject:
        openmetadata:
          extraEnvs:
            - name: A
              value: b
          config:
            authentication:
              provider: custom-oidc
              oidcConfiguration:
                tokenValidity: 3600
  destination:
    namespace: om
`;
  it('checks each values field of an Argo CD Application, at its place in the manifest, against the pinned chart', () => {
    const uri = 'file:///ws/argocd-app.yaml';
    assert.deepEqual(lines(app, undefined, uri), ['helm-chart-schema@13', 'helm-chart-schema@20']);
    const out = fixed(app, CODE, uri, { title: 'Move' });
    assert.match(out, /\n {8}extraEnvs:\n {10}- name: A\n {12}value: b\n {2}destination:/);
  });
  it('checks a `values: |` string in place, positions in the manifest', () => {
    const flux = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: om
spec:
  source:
    chart: openmetadata
    targetRevision: 1.6.4
    helm:
      values: |
        openmetadata:
          config:
            idp:
              entityId: x
            authentication:
              provider: saml
`;
    assert.deepEqual(lines(flux, undefined, 'file:///ws/app.yaml'), ['helm-chart-schema@13']);
  });
  it('checks the sections outside the auth ones in a 20,000-line values file, and stays fast', () => {
    const filler = Array.from(
      { length: 2300 },
      (_, i) => `other${i}:\n  enabled: true\n  list:\n    - a: 1\n      b: [1, 2]\n  note: "x"\n  more: 2\n  deeper:\n    k: v\n`,
    ).join('');
    const text = `openmetadata:\n  config:\n${AUTH}${filler}ingress:\n  enabled: true\n  bogus: 1\n`;
    assert.ok(text.split('\n').length > 20_000);
    const started = performance.now();
    const found = lines(text, '1.6.4');
    const ms = performance.now() - started;
    assert.deepEqual(found, [`helm-chart-schema@${text.split('\n').length - 1}`]);
    assert.ok(ms < 3000, `${Math.round(ms)} ms`);
  });
});

describe('completion never offers what the chart of the release refuses', () => {
  it('no allowedDomains under authorizer for chart 1.6.4; offered for 1.7.0', () => {
    const text = `openmetadata:\n  config:\n    authorizer:\n      initialAdmins: [a]\n      \n${AUTH}`;
    const offset = text.indexOf('      \n') + 6;
    const document = TextDocument.create(HELM, 'yaml', 1, text);
    const labels = (version: string) => complete(document, analyze(HELM, text), offset, check(text, HELM, at(version)).settings).map((i) => i.label);
    assert.ok(!labels('1.6.4').includes('allowedDomains'));
    assert.ok(labels('1.7.0').includes('allowedDomains'));
  });
});

/**
 * The chart's own defaults pass their own release's check, at every tag with a schema: read from a clone of the chart
 * repository when OM_AUTH_CHART_REPO names one (the repository keeps no copy of them).
 */
describe("the chart's own values.yaml at every tag with a schema", () => {
  const repo = process.env.OM_AUTH_CHART_REPO;
  const skip = repo ? false : 'OM_AUTH_CHART_REPO is not set to a clone of the openmetadata-helm-charts repository';
  it('passes its own release, and a changed type in it is caught', { skip }, () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', repo!, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    const show = (tag: string, path: string) => {
      try {
        return git('show', `${tag}:${path}`);
      } catch {
        return undefined;
      }
    };
    const tags = git('tag', '--list', 'openmetadata-*')
      .split('\n')
      .filter((t) => /^openmetadata-\d+\.\d+\.\d+$/.test(t))
      .sort((a, b) => compareVersions(a.slice(13), b.slice(13)));
    const failures: string[] = [];
    let checked = 0;
    let caught = 0;
    for (const tag of tags) {
      if (!show(tag, 'charts/openmetadata/values.schema.json')) continue;
      const values = show(tag, 'charts/openmetadata/values.yaml')!;
      const chart = tag.slice('openmetadata-'.length);
      // Charts 0.0.x carry OpenMetadata's 0.x releases as their appVersion; the chart's own number is no release.
      const version = chart.startsWith('0.') ? /^appVersion:\s*"?([\d.]+)/m.exec(show(tag, 'charts/openmetadata/Chart.yaml') ?? '')![1] : chart;
      checked++;
      const found = findings(values, version);
      if (found.length) failures.push(`${chart} (${version}): ${found.map((d) => `${d.range.start.line + 1} ${d.message}`).join('; ')}`);
      if (lines(values.replace(/^replicaCount: *(\d+)/m, 'replicaCount: "$1"'), version).length) caught++;
    }
    assert.ok(checked >= 150, `${checked} tags with a schema`);
    assert.deepEqual(failures, []);
    // Every tag but 0.0.45 (its app release 0.12.2 also ran on charts without a schema) is checked at all.
    assert.equal(caught, checked - 1);
  });
});
