// Helm values inside other manifests (issue 23, item 1): an Argo CD Application or ApplicationSet, a Flux HelmRelease,
// a kustomization's helmCharts. Each case has what it catches and a near miss it must leave alone.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { parse, parseAllDocuments } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../../server/src/service/analyze';
import { complete } from '../../../server/src/service/complete';
import { hover } from '../../../server/src/service/hover';
import { inlayHints } from '../../../server/src/service/inlayHints';
import { readableValues } from '../../../server/src/service/canonicalValues';
import { extraEnvChanges, setValues } from '../../../server/src/service/edits';
import { check, fixed, fixesOf, releaseOf } from '../helpers';
import { applyAsVsCode } from '../vscodeEdits';

const URI = 'file:///ws/openmetadata-app.yaml';

/** OpenMetadata's auth values at a column, with only the Keycloak JWKS in publicKeys (OpenMetadata's own is missing). */
function authValues(indent: number): string {
  const lines = [
    'openmetadata:',
    '  config:',
    '    authorizer:',
    '      initialAdmins: [jane]',
    '      principalDomain: example.com',
    '    authentication:',
    '      provider: custom-oidc',
    '      publicKeys:',
    '        - https://kc.example.com/realms/om/protocol/openid-connect/certs',
    '      authority: https://kc.example.com/realms/om',
    '      clientId: om',
    '      callbackUrl: https://om.example.com/callback',
  ];
  return lines.map((l) => ' '.repeat(indent) + l).join('\n');
}

/** The same values with OpenMetadata's own JWKS listed first. */
const withOwnJwks = (values: string) => values.replace(/^( *)- https:\/\/kc/m, '$1- http://openmetadata:8585/api/v1/system/config/jwks\n$1- https://kc');

const argo = (helm: string, chart = 'openmetadata') => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: om
spec:
  project: default
  source:
    repoURL: https://charts.example.org
    chart: ${chart}
    targetRevision: 1.6.4
    helm:
${helm}
  destination:
    namespace: om
`;

const flux = (values: string, chart = 'openmetadata') => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: om
spec:
  interval: 10m
  chart:
    spec:
      chart: ${chart}
      version: 1.9.3
      sourceRef:
        kind: HelmRepository
        name: om
  values:
${values}
`;

/** The 1-based line and column of a diagnostic with the code. */
function at(text: string, code: string): string[] {
  return check(text, URI)
    .diagnostics.filter((d) => d.code === code)
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}`);
}

/** The 1-based line and column of the first occurrence of `needle` after `from`. */
function where(text: string, needle: string, from = 0): string {
  const offset = text.indexOf(needle, from);
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

describe('Helm values in an Argo CD Application', () => {
  it('reads valuesObject: a missing OpenMetadata JWKS is reported on publicKeys, where it is in the file', () => {
    const text = argo(`      valuesObject:\n${authValues(8)}`);
    assert.deepEqual(at(text, 'missing-om-jwks'), [where(text, 'publicKeys')]);
  });

  it('reads a values string (`values: |`) with the positions of the file', () => {
    const text = argo(`      values: |\n${authValues(8)}`);
    assert.deepEqual(at(text, 'missing-om-jwks'), [where(text, 'publicKeys')]);
  });

  it('fixes inside a values string keep its indentation, and the values still parse as the chart reads them', () => {
    const text = argo(`      values: |\n${authValues(8)}`);
    const out = fixed(text, 'missing-om-jwks', URI, { gone: true });
    const app = parse(out) as { spec: { source: { helm: { values: string } } } };
    const values = parse(app.spec.source.helm.values) as { openmetadata: { config: { authentication: { publicKeys: string[] } } } };
    assert.ok(values.openmetadata.config.authentication.publicKeys.some((k) => k.endsWith('/api/v1/system/config/jwks')));
  });

  it('renames a misspelt key in place, inside a mapping and inside a values string', () => {
    for (const helm of ['valuesObject:', 'values: |']) {
      const text = argo(`      ${helm}\n${authValues(8).replace('clientId:', 'clientd:')}`);
      const out = fixed(text, 'unknown-key', URI, { title: 'Rename', gone: true });
      assert.match(out, /^ {14}clientId: om$/m);
    }
  });

  it('reads every source of a multi-source Application, and an ApplicationSet template', () => {
    const multi = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: om
spec:
  sources:
    - repoURL: https://git.example.org/config.git
      targetRevision: main
      ref: values
    - repoURL: https://charts.example.org
      chart: openmetadata
      targetRevision: 1.6.4
      helm:
        valuesObject:
${authValues(10)}
`;
    assert.deepEqual(at(multi, 'missing-om-jwks'), [where(multi, 'publicKeys')]);
    const set = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: om
spec:
  generators:
    - list:
        elements: [{ cluster: prod }]
  template:
    metadata:
      name: 'om-{{cluster}}'
    spec:
      project: default
      source:
        repoURL: https://charts.example.org
        chart: openmetadata
        targetRevision: 1.6.4
        helm:
          valuesObject:
${authValues(12)}
`;
    assert.deepEqual(at(set, 'missing-om-jwks'), [where(set, 'publicKeys')]);
  });

  it('reads each Application of a multi-document file on its own, and leaves the other documents alone', () => {
    const good = withOwnJwks(authValues(8));
    const deployment =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx\n';
    const text = [
      argo(`      valuesObject:\n${authValues(8)}`),
      deployment,
      argo(`      valuesObject:\n${good}`),
      argo(`      values: |\n${authValues(8)}`),
    ].join('---\n');
    const first = text.indexOf('publicKeys');
    const third = text.indexOf('publicKeys', text.indexOf('publicKeys', first + 1) + 1);
    // The second Application has the JWKS: it must not hide the first one's mistake, nor take the third's.
    assert.deepEqual(at(text, 'missing-om-jwks'), [where(text, 'publicKeys'), where(text, 'publicKeys', third)]);
    assert.equal(analyze(URI, text).parts?.length, 3);
  });

  it('takes the chart version (targetRevision) as the release', () => {
    const r = releaseOf({}, argo(`      valuesObject:\n${authValues(8)}`), 'om-app.yaml');
    assert.deepEqual(r, { version: '1.6.4', evidence: 'om-app.yaml (Argo CD Application, openmetadata chart 1.6.4)', source: 'detected' });
    // A Git source's targetRevision is a branch, not a chart release.
    assert.equal(
      releaseOf(
        {},
        argo(`      valuesObject:\n${authValues(8)}`)
          .replace('chart: openmetadata', 'path: charts/openmetadata')
          .replace('1.6.4', 'main'),
        'om-app.yaml',
      ),
      undefined,
    );
  });

  it('near miss: an Application for another chart stays silent, even with an `openmetadata` key of its own', () => {
    const text = argo(
      '      valuesObject:\n        openmetadata:\n          hostPort: http://om:8585/api\n        ingress:\n          enabled: true',
      'grafana',
    );
    assert.equal(analyze(URI, text).shape, null);
    assert.deepEqual(check(text, URI).diagnostics, []);
    // Nor is the chart's dependencies chart, from the same repository, OpenMetadata's.
    const deps = argo('      valuesObject:\n        mysql:\n          enabled: true', 'openmetadata-dependencies');
    assert.equal(analyze(URI, deps).shape, null);
  });

  it('an Application that names the chart is read even without auth settings, and a healthy one is quiet', () => {
    const named = argo('      valuesObject:\n        image:\n          tag: 1.6.4');
    assert.equal(analyze(URI, named).shape, 'helm');
    assert.deepEqual(
      check(named, URI).diagnostics.filter((d) => d.severity === 1),
      [],
    );
  });
});

describe('Helm values in a Flux HelmRelease and a kustomization', () => {
  it('reads a HelmRelease spec.values, and its chart version as the release', () => {
    const text = flux(authValues(4));
    assert.deepEqual(at(text, 'missing-om-jwks'), [where(text, 'publicKeys')]);
    assert.equal(releaseOf({}, text, 'hr.yaml')?.version, '1.9.3');
  });

  it('near miss: a HelmRelease with no openmetadata block, for another chart, is not read', () => {
    const text = flux('    mysql:\n      enabled: true', 'openmetadata-dependencies');
    assert.equal(analyze(URI, text).shape, null);
    assert.deepEqual(check(text, URI).diagnostics, []);
  });

  it('reads kustomize helmCharts[].valuesInline, and the chart version', () => {
    const text = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
helmCharts:
  - name: openmetadata
    repo: https://charts.example.org
    version: 1.12.1
    valuesInline:
${authValues(6)}
`;
    assert.deepEqual(at(text, 'missing-om-jwks'), [where(text, 'publicKeys')]);
    assert.equal(releaseOf({}, text, 'kustomization.yaml')?.version, '1.12.1');
  });

  it('near miss: an ordinary Deployment and a Flux Kustomization are not read', () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n';
    const fluxKustomization = 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\nspec:\n  path: ./apps\n';
    for (const text of [deployment, fluxKustomization]) assert.equal(analyze(URI, text).shape, null);
  });
});

describe('writing into values in a manifest', () => {
  it("moves the pre-1.1 `global` layout under `openmetadata.config` at the values' own indentation", () => {
    const text = argo(`      valuesObject:
        global:
          authentication:
            provider: custom-oidc
            publicKeys:
              - http://openmetadata:8585/api/v1/system/config/jwks
              - https://kc.example.com/realms/om/protocol/openid-connect/certs
            authority: https://kc.example.com/realms/om
            clientId: om
            callbackUrl: https://om.example.com/callback`);
    const out = fixed(text, 'helm-obsolete-global', URI, { gone: true });
    const values = (parse(out) as { spec: { source: { helm: { valuesObject: Record<string, unknown> } } } }).spec.source.helm.valuesObject;
    assert.deepEqual(Object.keys(values), ['openmetadata']);
    assert.equal((values.openmetadata as { config: { authentication: { provider: string } } }).config.authentication.provider, 'custom-oidc');
  });

  it('adds an `extraEnvs` override inside the values, not at the end of the file (chart 1.5 quotes customParams)', () => {
    const confidential = withOwnJwks(authValues(8)).replace(
      'provider: custom-oidc',
      'provider: custom-oidc\n              clientType: confidential\n              oidcConfiguration:\n                enabled: true\n                discoveryUri: https://kc.example.com/realms/om/.well-known/openid-configuration',
    );
    const text = argo(`      valuesObject:\n${confidential}`).replace('1.6.4', '1.5.0');
    const out = fixed(text, 'custom-params-empty', URI, { gone: true });
    const values = (parse(out) as { spec: { source: { helm: { valuesObject: { extraEnvs: { name: string; value: string }[] } } } } }).spec.source.helm
      .valuesObject;
    assert.deepEqual(values.extraEnvs, [{ name: 'OIDC_CUSTOM_PARAMS', value: '{}' }]);
  });

  it('the Keycloak commands write a whole `openmetadata.config` into values that have none, at their indentation', () => {
    for (const helm of ['valuesObject:\n        image:\n          tag: 1.6.4', 'values: |\n        image:\n          tag: 1.6.4']) {
      const text = argo(`      ${helm}`);
      const analysis = analyze(URI, text);
      const { changes, changed } = setValues(text, analysis.model, [{ path: 'authenticationConfiguration.provider', value: 'custom-oidc' }]);
      assert.deepEqual(changed, ['authenticationConfiguration.provider']);
      const out = applyAsVsCode(text, changes);
      assert.deepEqual(
        parseAllDocuments(out).flatMap((d) => d.errors),
        [],
      );
      const helmValues = (parse(out) as { spec: { source: { helm: Record<string, unknown> } } }).spec.source.helm;
      const values = (typeof helmValues.values === 'string' ? parse(helmValues.values) : helmValues.valuesObject) as {
        openmetadata: { config: { authentication: { provider: string } } };
        image: unknown;
      };
      assert.equal(values.openmetadata.config.authentication.provider, 'custom-oidc', out);
      assert.deepEqual(values.image, { tag: '1.6.4' });
      assert.equal(readableValues(analyze(URI, out).model).values['authenticationConfiguration.provider'], 'custom-oidc');
    }
  });
});

describe('writing into broken values', () => {
  it('writes nothing into the manifest when the parser ends the values on a line of its own', () => {
    // The second item is less indented than the first: the parser recovers, and its values run on into `destination`.
    const broken = argo(
      `      valuesObject:\n${authValues(8).replace(/^( *)- https:\/\/kc/m, '$1- http://openmetadata:8585/api/v1/system/config/jwks\n            - https://kc')}`,
    );
    const analysis = analyze(URI, broken);
    const changes = extraEnvChanges(broken, analysis.model, [{ name: 'OIDC_CUSTOM_PARAMS', value: '{}' }]);
    const destination = broken.indexOf('  destination:');
    assert.ok(
      changes.every((c) => c.start < destination),
      JSON.stringify(changes),
    );
  });
});

describe('values in a quoted string: diagnostics on the scalar, no edits', () => {
  const quoted = argo(`      values: ${JSON.stringify(`${authValues(0)}\n`)}`);

  it('reports the mistake on the string, and offers no fix and writes nothing', () => {
    const { diagnostics } = check(quoted, URI);
    const d = diagnostics.find((x) => x.code === 'missing-om-jwks');
    assert.ok(d, 'the mistake inside the string is found');
    assert.equal(`${d.range.start.line + 1}:${d.range.start.character + 1}`, where(quoted, '"openmetadata'));
    assert.deepEqual(fixesOf(quoted, 'missing-om-jwks', URI), []);
    const analysis = analyze(URI, quoted);
    assert.deepEqual(setValues(quoted, analysis.model, [{ path: 'authenticationConfiguration.provider', value: 'basic' }]).changes, []);
    const document = TextDocument.create(URI, 'yaml', 1, quoted);
    const offset = quoted.indexOf('publicKeys');
    assert.equal(hover(document, analysis, offset), null);
    assert.deepEqual(complete(document, analysis, offset), []);
  });
});

describe('hover, completion and inlay hints inside manifest values', () => {
  const text = argo(`      valuesObject:\n${authValues(8)}\n        `);
  const document = TextDocument.create(URI, 'yaml', 1, text);
  const analysis = analyze(URI, text);

  it('hovers publicKeys and hints the server key it sets', () => {
    const h = hover(document, analysis, text.indexOf('publicKeys') + 2);
    assert.match(JSON.stringify(h?.contents), /publicKeyUrls/);
    const hints = inlayHints(document, analysis, { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } });
    assert.ok(hints.some((x) => String(x.label).includes('publicKeyUrls')));
  });

  it('completes the keys of a block at its depth in the values, and nothing elsewhere in the manifest', () => {
    const inAuth = `${text.slice(0, text.indexOf('      clientId'))}      `;
    const withCursor = TextDocument.create(URI, 'yaml', 1, `${inAuth}\n${text.slice(text.indexOf('      clientId'))}`);
    const labels = complete(withCursor, analyze(URI, withCursor.getText()), inAuth.length).map((i) => i.label);
    assert.ok(labels.includes('clientType') && !labels.includes('publicKeys'), labels.join());
    // At the values' own column: the chart's top-level homes are not offered again where they already are.
    const topLevel = complete(document, analysis, text.indexOf('\n  destination') - 0).map((i) => i.label);
    assert.ok(!topLevel.includes('openmetadata'));
    // In the Application's own keys (`destination:`), nothing.
    assert.deepEqual(complete(document, analysis, text.indexOf('namespace: om') + 2), []);
  });

  it('completes inside a values string as in a mapping', () => {
    const str = argo(`      values: |\n${authValues(8)}`);
    const inAuth = `${str.slice(0, str.indexOf('      clientId'))}      `;
    const t = `${inAuth}\n${str.slice(str.indexOf('      clientId'))}`;
    const labels = complete(TextDocument.create(URI, 'yaml', 1, t), analyze(URI, t), inAuth.length).map((i) => i.label);
    assert.ok(labels.includes('clientType'), labels.join());
  });
});

describe('malformed values in a manifest', () => {
  it('a syntax error inside a values string is reported at its line in the file, and nothing throws', () => {
    const text = argo(`      values: |\n${authValues(8)}\n          clientType: [confidential`);
    const syntax = check(text, URI).diagnostics.filter((d) => d.code === 'yaml-syntax');
    assert.ok(syntax.length > 0);
    const line = text.split('\n').findIndex((l) => l.includes('[confidential'));
    assert.ok(
      syntax.every((d) => d.range.start.line >= line - 1 && d.range.start.line <= line + 2),
      JSON.stringify(syntax.map((d) => d.range)),
    );
  });

  it('nesting the manifest limits skip (inside a string) is capped in the values too: quick, no stack overflow', () => {
    const deep = '['.repeat(60_000);
    for (const text of [argo(`      values: "openmetadata: ${deep}"`), argo(`      values: |\n        openmetadata: ${deep}`)]) {
      const started = performance.now();
      const { diagnostics } = check(text, URI);
      assert.ok(performance.now() - started < 2000);
      assert.ok(!diagnostics.some((d) => /call stack|too much recursion/i.test(d.message)));
    }
  });

  it('odd shapes of the fields are not read and do not throw', () => {
    const odd = [
      argo('      valuesObject: 42'),
      argo('      valuesObject: []'),
      argo('      valuesObject: {}'),
      argo('      values: |\n'),
      argo('      values: |\n        - a\n        - b'),
      argo("      values: 'openmetadata: ['"),
      'apiVersion: argoproj.io/v1alpha1\nkind: Application\nspec:\n  sources: 7\n',
      'apiVersion: argoproj.io/v1alpha1\nkind: Application\nspec:\n  sources: [1, null, {helm: 3}]\n',
      'helmCharts: {}\n',
      'helmCharts:\n  - valuesInline: [1]\n',
    ];
    for (const text of odd) assert.doesNotThrow(() => check(text, URI), text);
    // Values that name the chart but hold nothing readable still get no errors.
    for (const text of odd)
      assert.deepEqual(
        check(text, URI).diagnostics.filter((d) => d.code !== 'yaml-syntax' && d.severity === 1),
        [],
        text,
      );
  });
});
