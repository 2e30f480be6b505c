// What the extension writes passes its own checks: every quick fix and every block completion, applied as VS Code does.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import Ajv from 'ajv';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyze } from '../../server/src/service/analyze';
import { complete } from '../../server/src/service/complete';
import { fixesFor } from '../../server/src/service/codeActions';
import type { ServiceSettings } from '../../server/src/service/validate';
import type { TextChange } from '../../server/src/service/model';
import { findCorpus, repoRoot } from '../corpusDir';
import { check, URI } from './helpers';
import { indentOf } from '../../server/src/service/text';
import { acceptCompletion, applyAsVsCode, overlap } from './vscodeEdits';
import { readableValues } from '../../server/src/service/canonicalValues';
import { setValues } from '../../server/src/service/edits';
import { commandSettings, defaultsFrom } from '../../keycloak/settings';

interface Subject {
  name: string;
  uri: string;
  text: string;
  settings: ServiceSettings;
}

/** The release INDEX.md gives a corpus file ("1.13.1", "~1.4/1.5"); none for an open range such as "1.x" or "1.10+". */
function corpusVersions(dir: string): Map<string, string> {
  const versions = new Map<string, string>();
  for (const row of readFileSync(join(dir, 'INDEX.md'), 'utf8').split('\n')) {
    const cells = row.split('|').map((c) => c.trim());
    const m = /^~?(\d+\.\d+)(?:\.\d+)?(?:\/|$)/.exec(cells[4] ?? '');
    if (/^\d+$/.test(cells[1] ?? '') && m) versions.set(cells[2], m[1]);
  }
  return versions;
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? filesUnder(join(dir, f)) : [join(dir, f)]));

/**
 * Every file the extension may be asked to fix: the shared corpus (at its release), the samples, the fixtures, and the
 * files under test/fixtures/writes, written to set off the fixes no real file does.
 */
function subjects(): Subject[] {
  const root = repoRoot();
  const out: Subject[] = [];
  for (const dir of [join(root, 'samples/sandbox'), join(root, 'test/fixtures/workspace'), join(root, 'test/fixtures/writes')]) {
    for (const file of filesUnder(dir))
      out.push({ name: relative(root, file), uri: `file:///ws/${relative(dir, file)}`, text: readFileSync(file, 'utf8'), settings: {} });
  }
  const corpus = findCorpus().dir;
  if (corpus) {
    const versions = corpusVersions(corpus);
    for (const file of readdirSync(corpus).filter((f) => f !== 'INDEX.md')) {
      const version = versions.get(file);
      out.push({
        name: `corpus/${file}`,
        uri: `file:///corpus/${file}`,
        text: readFileSync(join(corpus, file), 'utf8'),
        settings: version ? { openmetadataVersion: version } : {},
      });
    }
  }
  return out;
}

const isYaml = (uri: string) => /\.ya?ml$/.test(uri);

/** YAML problems of a text: syntax errors and duplicate keys, by message (what `uniqueKeys` reports). */
function yamlErrors(text: string): string[] {
  return parseAllDocuments(text, { uniqueKeys: true }).flatMap((d) =>
    'errors' in d ? d.errors.map((e) => `${e.code}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+.*/, '')}`) : [],
  );
}

/**
 * What `helm install` refuses in a values file: the chart's own values.schema.json (the corpus holds the 1.13.1 one; every
 * chart release with a schema types the auth keys alike, see schemas/evidence.md h). Empty without the corpus.
 */
const chartSchema = (() => {
  const corpus = findCorpus().dir;
  const file = corpus && readdirSync(corpus).find((f) => /helm-chart-values\.schema/.test(f));
  if (!corpus || !file) return undefined;
  const { $schema: _draft, ...schema } = JSON.parse(readFileSync(join(corpus, file), 'utf8')) as Record<string, unknown>;
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
})();
/**
 * The Helm values a text holds, with the field each is in: the file itself, or each field of values of a manifest
 * (an Argo CD Application's `helm.values` string parsed), found where the analysis says they are.
 */
function chartValuesIn(text: string): { field: string; values: unknown }[] {
  const parts = analyze('file:///ws/values.yaml', text).parts;
  let whole: unknown;
  try {
    whole = parts ? parseAllDocuments(text).map((d) => d.toJS() as unknown) : (parse(text) ?? {});
  } catch {
    return [];
  }
  if (!parts) return [{ field: '', values: whole }];
  return parts.flatMap((part) => {
    const steps = part.host!.field.match(/[^.[\]]+/g) ?? [];
    for (const doc of whole as unknown[]) {
      let at: unknown = doc;
      for (const step of steps) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[step] : undefined;
      if (typeof at === 'string') {
        try {
          at = parse(at);
        } catch {
          at = undefined;
        }
      }
      if (at && typeof at === 'object') return [{ field: part.host!.field, values: at }];
    }
    return [];
  });
}

function chartRefuses(text: string): string[] {
  if (!chartSchema) return [];
  return chartValuesIn(text).flatMap(({ field, values }) => valuesRefused(values).map((e) => `${field}${e}`));
}

function valuesRefused(values: unknown): string[] {
  if (!chartSchema) return [];
  // A tab stop left empty is the person's to fill (YAML reads it as null): only values written count.
  const written = (path: string) =>
    path
      .split('/')
      .slice(1)
      .reduce<unknown>((at, k) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[k] : undefined), values) != null;
  return chartSchema(values)
    ? []
    : (chartSchema.errors ?? [])
        .filter((e) => written(e.instancePath))
        .map((e) => `${e.instancePath} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}
/** Chart-schema errors a write added to a Helm values file. */
const chartErrorsAdded = (shape: string | null | undefined, before: string, after: string) =>
  shape === 'helm' ? chartRefuses(after).filter((e) => !chartRefuses(before).includes(e)) : [];

const serious = (d: Diagnostic) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning;
const tally = (list: Diagnostic[]) => {
  const counts = new Map<string, number>();
  for (const d of list) counts.set(String(d.code), (counts.get(String(d.code)) ?? 0) + 1);
  return counts;
};

/**
 * Diagnostics a fix may leave for the user to decide, because its title says so. Keep this tiny: each entry is a
 * code the fix of `code` (with a title matching `title`) may add, and why.
 */
const DECIDE: { code: string; title: RegExp; adds: string; why: string }[] = [
  {
    code: 'public-client-with-secret',
    title: /confidential/i,
    adds: 'confidential-client-incomplete',
    why: 'switching to confidential asks for the rest of the confidential client, which only the user knows',
  },
];

interface Failure {
  file: string;
  code: string;
  line: number;
  title: string;
  problem: string;
}

function checkFixes(s: Subject, failures: Failure[], counters: { fixes: number; diagnostics: number }): void {
  const { analysis, diagnostics } = check(s.text, s.uri, s.settings);
  const document = TextDocument.create(s.uri, 'yaml', 1, s.text);
  const yamlBefore = isYaml(s.uri) ? yamlErrors(s.text) : [];
  const before = tally(diagnostics.filter(serious));
  for (const d of diagnostics) {
    counters.diagnostics++;
    const fixes = fixesFor(
      s.text,
      analysis,
      { code: String(d.code), start: document.offsetAt(d.range.start), end: document.offsetAt(d.range.end), data: d.data },
      s.settings,
    );
    const fail = (title: string, problem: string) => failures.push({ file: s.name, code: String(d.code), line: d.range.start.line + 1, title, problem });
    if (fixes.filter((f) => f.preferred).length > 1)
      fail(
        fixes
          .filter((f) => f.preferred)
          .map((f) => f.title)
          .join(' | '),
        'more than one fix is preferred',
      );
    for (const f of fixes) {
      if (!f.changes.length) continue;
      counters.fixes++;
      const clash = overlap(f.changes);
      if (clash) {
        fail(f.title, `overlapping edits ${JSON.stringify(clash)}`);
        continue;
      }
      const out = applyAsVsCode(s.text, f.changes);
      if (out === s.text) {
        fail(f.title, 'changes nothing (a chain of fixes would loop on it)');
        continue;
      }
      if (isYaml(s.uri)) {
        const added = yamlErrors(out).filter((e) => !yamlBefore.includes(e));
        if (added.length) {
          fail(f.title, `YAML broken: ${added.join('; ')}`);
          continue;
        }
      }
      const refused = chartErrorsAdded(analysis.shape, s.text, out);
      if (refused.length) fail(f.title, `helm install would refuse it: ${refused.join('; ')}`);
      const after = check(out, s.uri, s.settings).diagnostics;
      const same = after.filter((x) => x.code === d.code).length;
      if (same >= diagnostics.filter((x) => x.code === d.code).length) fail(f.title, 'the diagnostic it fixes is still there');
      // A new diagnostic on the text the fix wrote is the fix's; one elsewhere was there all along, hidden by the mistake fixed.
      const written = writtenSpans(f.changes);
      const outDoc = TextDocument.create(s.uri, 'yaml', 2, out);
      const afterCounts = tally(after.filter(serious));
      for (const [code, n] of afterCounts) {
        if (n <= (before.get(code) ?? 0)) continue;
        const mine = after.filter((x) => x.code === code && written.some((w) => touches(outDoc.offsetAt(x.range.start), outDoc.offsetAt(x.range.end), w)));
        if (!mine.length) continue;
        if (DECIDE.some((a) => a.code === d.code && a.adds === code && a.title.test(f.title))) continue;
        fail(f.title, `adds ${code}@${mine[0].range.start.line + 1}: ${mine[0].message.slice(0, 100)}`);
      }
    }
  }
}

/** Whether a diagnostic's span lies on written text (or, for a deletion, on the point where it was). */
const touches = (start: number, end: number, w: { start: number; end: number }) =>
  w.start === w.end ? start <= w.start && end >= w.start : start < w.end && end > w.start;

/** Where the text each change wrote lies in the result (a deletion is the point where it was). */
function writtenSpans(changes: readonly TextChange[]): { start: number; end: number }[] {
  let shift = 0;
  return [...changes]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((c) => {
      const start = c.start + shift;
      shift += c.newText.length - (c.end - c.start);
      return { start, end: start + c.newText.length };
    });
}

const report = (failures: Failure[]) => failures.map((f) => `${f.file}:${f.line} ${f.code} "${f.title}": ${f.problem}`).join('\n');

describe('every quick fix, applied as VS Code applies it', () => {
  const all = subjects();
  it('covers the corpus, the samples (with .env) and the fixtures', () => {
    assert.ok(all.some((s) => s.name === 'samples/sandbox/.env') && all.some((s) => s.name.startsWith('test/fixtures/')));
    if (findCorpus().dir) assert.ok(all.filter((s) => s.name.startsWith('corpus/')).length >= 30);
  });
  for (const s of all) {
    it(s.name, () => {
      const failures: Failure[] = [];
      const counters = { fixes: 0, diagnostics: 0 };
      checkFixes(s, failures, counters);
      assert.equal(report(failures), '');
    });
  }
});

/** A file of each shape with everything a block can derive its values from, and where completion is asked. */
const COMPLETION_FILES: { name: string; uri: string; text: string }[] = [
  {
    name: 'server config',
    uri: URI.server,
    text: `authenticationConfiguration:
  provider: custom-oidc
  providerName: Keycloak
  clientType: confidential
  publicKeyUrls:
    - http://localhost:8585/api/v1/system/config/jwks
    - http://localhost:8080/realms/om/protocol/openid-connect/certs
  authority: http://localhost:8080/realms/om
  clientId: openmetadata
  callbackUrl: http://localhost:8585/callback
  |
authorizerConfiguration:
  className: org.openmetadata.service.security.DefaultAuthorizer
  containerRequestFilter: org.openmetadata.service.security.JwtFilter
  adminPrincipals: [alice]
  principalDomain: example.org
  |
`,
  },
  {
    // A public client: the oidcConfiguration block must bring no secret (issue 25, item 9).
    name: 'server config, public client',
    uri: URI.server,
    text: `authenticationConfiguration:
  provider: custom-oidc
  providerName: Keycloak
  clientType: public
  publicKeyUrls:
    - http://localhost:8585/api/v1/system/config/jwks
    - http://localhost:8080/realms/om/protocol/openid-connect/certs
  authority: http://localhost:8080/realms/om
  clientId: openmetadata
  callbackUrl: http://localhost:8585/callback
  |
`,
  },
  {
    name: 'Helm values, public client',
    uri: URI.helm,
    text: `openmetadata:
  config:
    authentication:
      provider: custom-oidc
      clientType: public
      publicKeys:
        - http://openmetadata:8585/api/v1/system/config/jwks
        - http://keycloak:8080/realms/om/protocol/openid-connect/certs
      authority: http://keycloak:8080/realms/om
      clientId: openmetadata
      callbackUrl: http://localhost:8585/callback
      |
`,
  },
  {
    name: 'Helm values',
    uri: URI.helm,
    text: `openmetadata:
  config:
    authorizer:
      initialAdmins: [alice]
      principalDomain: example.org
      |
    authentication:
      provider: custom-oidc
      clientType: confidential
      publicKeys:
        - http://openmetadata:8585/api/v1/system/config/jwks
        - http://keycloak:8080/realms/om/protocol/openid-connect/certs
      authority: http://keycloak:8080/realms/om
      clientId: openmetadata
      callbackUrl: http://localhost:8585/callback
      |
`,
  },
  {
    name: 'Argo CD Application, valuesObject',
    uri: 'file:///ws/argocd-app.yaml',
    text: `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: openmetadata
spec:
  source:
    chart: openmetadata
    repoURL: https://charts.example.org
    targetRevision: 1.6.4
    helm:
      valuesObject:
        openmetadata:
          config:
            authorizer:
              initialAdmins: [alice]
              principalDomain: example.org
              |
            authentication:
              provider: custom-oidc
              clientType: confidential
              publicKeys:
                - http://openmetadata:8585/api/v1/system/config/jwks
                - http://keycloak:8080/realms/om/protocol/openid-connect/certs
              authority: http://keycloak:8080/realms/om
              clientId: openmetadata
              callbackUrl: http://localhost:8585/callback
              |
  destination:
    namespace: openmetadata
`,
  },
  {
    name: 'ingestion workflow',
    uri: URI.workflow,
    text: `source:
  type: metadata
workflowConfig:
  openMetadataServerConfig:
    hostPort: http://localhost:8585/api
    authProvider: openmetadata
    |
`,
  },
];

/** The 0-based lines a completion wrote, in the result. */
function insertedLines(before: string, after: string, offset: number): { first: number; last: number } {
  // Completion is asked on an empty line, so the item inserts at the cursor and replaces nothing.
  const first = before.slice(0, offset).split('\n').length - 1;
  return { first, last: first + after.slice(offset, offset + after.length - before.length).split('\n').length - 1 };
}

/** Errors the completion brought: a code the file did not have, or any error on the lines it wrote. */
function newErrors(before: Diagnostic[], after: Diagnostic[], written: { first: number; last: number }): Diagnostic[] {
  return after.filter(
    (d) =>
      d.severity === DiagnosticSeverity.Error &&
      (!before.some((b) => b.code === d.code) || (d.range.start.line >= written.first && d.range.start.line <= written.last)),
  );
}

/** A problem with the indentation of an inserted block: each line nests at most one level (two spaces) deeper than the one above. */
function indentSteps(before: string, after: string, offset: number): string | undefined {
  const lineStart = before.lastIndexOf('\n', offset - 1) + 1;
  const inserted = after.slice(lineStart, after.length - (before.length - offset)).split('\n');
  for (let i = 1; i < inserted.length; i++) {
    const step = indentOf(inserted[i]) - indentOf(inserted[i - 1]);
    if (inserted[i].trim() && step > 2) return `line ${i + 1} of the block is indented ${step} spaces deeper than the one above`;
  }
  return undefined;
}

describe('every block completion, applied with VS Code snippet rules', () => {
  for (const f of COMPLETION_FILES) {
    const carets = [...f.text.matchAll(/\|/g)].map((m) => m.index!);
    const clean = f.text.replace(/\|/g, '');
    for (const [n, caretAt] of carets.entries()) {
      it(`${f.name}, place ${n + 1}`, () => {
        const offset = caretAt - n;
        const document = TextDocument.create(f.uri, 'yaml', 1, clean);
        const analysis = analyze(f.uri, clean);
        const before = check(clean, f.uri).diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
        const items = complete(document, analysis, offset, check(clean, f.uri).settings);
        assert.ok(items.length > 0, 'completion offers keys here');
        const problems: string[] = [];
        for (const item of items) {
          const out = acceptCompletion(clean, offset, item);
          const yaml = yamlErrors(out);
          if (yaml.length) {
            problems.push(`${item.label}: YAML broken: ${yaml.join('; ')}\n${out}`);
            continue;
          }
          const refused = chartErrorsAdded(analysis.shape, clean, out);
          if (refused.length) problems.push(`${item.label}: helm install would refuse it: ${refused.join('; ')}\n${out}`);
          const stepped = indentSteps(clean, out, offset);
          if (stepped) problems.push(`${item.label}: ${stepped}\n${out}`);
          const after = check(out, f.uri);
          if (after.analysis.shape !== analysis.shape) problems.push(`${item.label}: the file is no longer ${analysis.shape}`);
          const added = newErrors(before, after.diagnostics, insertedLines(clean, out, offset));
          if (added.length) problems.push(`${item.label}: adds ${added.map((d) => `${d.code}@${d.range.start.line + 1}`).join(', ')}\n${out}`);
        }
        assert.equal(problems.join('\n'), '');
      });
    }
  }
});

/** Env completions whose error is for the user or the rule to settle, not the completion; keep it tiny, each with why. */
const ENV_DECIDE: { label: string; uri: string; adds: string; why: string }[] = [
  {
    label: 'OIDC_CLIENT_SECRET',
    uri: URI.dotenv,
    adds: 'confidential-client-without-secret',
    why: 'a .env file holds the secret itself (nothing expands a reference there): only the user can type it',
  },
  {
    label: 'AUTHENTICATION_LDAP_PORT',
    uri: URI.dotenv,
    adds: 'invalid-type',
    why: "a rule false alarm, reported to the lead: an empty env value binds null, as the stock conf's `${AUTHENTICATION_LDAP_PORT:-}` does",
  },
  { label: 'AUTHENTICATION_LDAP_PORT', uri: URI.compose, adds: 'invalid-type', why: 'the same false alarm in a compose mapping' },
];

describe('every env completion, in each env form', () => {
  const forms = [
    {
      name: '.env',
      uri: URI.dotenv,
      text: 'AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_CLIENT_TYPE=confidential\nAUTHENTICATION_AUTHORITY=http://localhost:8080/realms/om\nAUTHENTICATION_CLIENT_ID=openmetadata\nAUTHENTICATION_CALLBACK_URL=http://localhost:8585/callback\n|',
    },
    {
      name: 'compose map',
      uri: URI.compose,
      text: 'services:\n  om:\n    environment:\n      AUTHENTICATION_PROVIDER: custom-oidc\n      AUTHENTICATION_CLIENT_TYPE: confidential\n      AUTHENTICATION_AUTHORITY: http://localhost:8080/realms/om\n      AUTHENTICATION_CLIENT_ID: openmetadata\n      |\n',
    },
  ];
  for (const f of forms) {
    it(f.name, () => {
      const offset = f.text.indexOf('|');
      const clean = f.text.replace('|', '');
      const document = TextDocument.create(f.uri, 'yaml', 1, clean);
      const analysis = analyze(f.uri, clean);
      const before = check(clean, f.uri).diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
      const items = complete(document, analysis, offset);
      assert.ok(items.length > 10);
      const problems: string[] = [];
      for (const item of items) {
        const out = acceptCompletion(clean, offset, item);
        if (isYaml(f.uri) && yamlErrors(out).length) problems.push(`${item.label}: YAML broken`);
        const after = check(out, f.uri);
        if (after.analysis.shape !== 'env') problems.push(`${item.label}: no longer an env file`);
        const added = newErrors(before, after.diagnostics, insertedLines(clean, out, offset)).filter(
          (d) => !ENV_DECIDE.some((a) => a.label === item.label && a.uri === f.uri && a.adds === d.code),
        );
        if (added.length) problems.push(`${item.label}: adds ${added.map((d) => `${d.code}@${d.range.start.line + 1}: ${d.message.slice(0, 80)}`).join(', ')}`);
      }
      assert.equal(problems.join('\n'), '');
    });
  }
});

/**
 * What the Keycloak commands' settings may leave for the user, because the command cannot know better. Keep it tiny,
 * each with why; anything else left after the command is a value it could have set right.
 */
const COMMAND_LEAVES: { code: string; why: string; before?: boolean }[] = [
  { code: 'default-admin-principal', why: "who administers OpenMetadata is the authorizer's business, not the client's" },
  { code: 'admin-principal-format', why: 'the authorizer again' },
  { code: 'principal-domain-format', why: 'the authorizer again' },
  { code: 'invalid-json', why: 'customParams and the roles mapping are not settings the command writes, and no edit of them is safe without the user' },
  {
    code: 'malformed-value',
    why: "in a value the command does not write (a fixture's className default), and only if it was there before: its own fix is offered",
    before: true,
  },
  { code: 'env-default-brace', why: 'customParams is not a setting the command writes; its own fix is offered' },
  { code: 'unknown-env-var', why: 'a misspelt variable name is not a value; the rename fix is offered' },
  {
    code: 'localhost-in-container',
    why: "the admin connected to Keycloak on loopback; the name a container reaches it by is the user's to give (the fix offers host.docker.internal)",
  },
];

/** Files the commands write into: a fresh file of each shape, the samples and the fixtures. */
function commandSubjects(): { name: string; uri: string; text: string }[] {
  const fresh = [
    { name: 'fresh server config', uri: URI.server, text: 'authenticationConfiguration:\n  provider: basic\n' },
    { name: 'fresh Helm values', uri: URI.helm, text: 'openmetadata:\n  config:\n    authentication:\n      provider: basic\n' },
    { name: 'fresh .env', uri: URI.dotenv, text: 'AUTHENTICATION_PROVIDER=basic\n' },
    {
      name: 'fresh compose',
      uri: URI.compose,
      text: 'services:\n  openmetadata-server:\n    image: docker.getcollate.io/openmetadata/server:1.6.4\n    environment:\n      AUTHENTICATION_PROVIDER: basic\n',
    },
  ];
  // As `npm start` gives them: the Keycloak URL filled in.
  const files = subjects().filter((s) => !s.name.startsWith('corpus/') && analyze(s.uri, s.text).shape);
  return [...fresh, ...files.map((s) => ({ name: s.name, uri: s.uri, text: s.text.replaceAll('__KEYCLOAK_URL__', COMMAND_KC) }))];
}
const COMMAND_KC = 'http://localhost:8080';

describe("the Keycloak commands' settings, written into every shape and checked again", () => {
  for (const s of commandSubjects()) {
    for (const flow of ['implicit', 'authCode'] as const) {
      it(`${s.name}, ${flow}`, () => {
        const analysis = analyze(s.uri, s.text);
        const { values: current } = readableValues(analysis.model);
        const input = {
          kcUrl: COMMAND_KC,
          realm: 'om-new',
          clientId: 'openmetadata',
          flow,
          omUrl: defaultsFrom(current, COMMAND_KC).omUrl ?? 'http://localhost:8585',
        };
        const values = commandSettings(input, current, { shape: analysis.shape!, dotenv: s.uri === URI.dotenv });
        const { changes } = setValues(s.text, analysis.model, values);
        assert.equal(overlap(changes), undefined);
        const out = applyAsVsCode(s.text, changes);
        if (isYaml(s.uri))
          assert.deepEqual(
            yamlErrors(out).filter((e) => !yamlErrors(s.text).includes(e)),
            [],
          );
        assert.deepEqual(chartErrorsAdded(analysis.shape, s.text, out), [], 'helm install would refuse what the command wrote');
        const after = check(out, s.uri);
        assert.equal(after.analysis.shape, analysis.shape);
        // The secret of a .env file is the secret step's (offerSecret writes it there after the settings, or not).
        const secretStep = (d: Diagnostic) =>
          s.uri === URI.dotenv && flow === 'authCode' && ['confidential-client-without-secret', 'plaintext-secret'].includes(String(d.code));
        const wasThere = (d: Diagnostic) => check(s.text, s.uri).diagnostics.some((b) => b.code === d.code && b.message === d.message);
        const leaves = (d: Diagnostic) => COMMAND_LEAVES.some((l) => l.code === d.code && (!l.before || wasThere(d))) || secretStep(d);
        const left = after.diagnostics.filter((d) => serious(d) && !leaves(d));
        assert.equal(left.map((d) => `${d.code}@${d.range.start.line + 1}: ${d.message.slice(0, 90)}`).join('\n'), '', out);
        // Run again with nothing to change: nothing is written.
        const again = analyze(s.uri, out);
        assert.deepEqual(
          setValues(out, again.model, commandSettings(input, readableValues(again.model).values, { shape: again.shape!, dotenv: s.uri === URI.dotenv }))
            .changes,
          [],
        );
      });
    }
  }
});
