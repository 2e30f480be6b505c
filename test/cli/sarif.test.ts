// --format sarif against the official SARIF 2.1.0 schema (shipped by Microsoft's SARIF multitool package) and its validator.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Log } from 'sarif';
import { DIAGNOSTIC_CODES } from '../../common/protocol';
import { codeMeanings, sarif } from '../../cli/src/formats';
import { KEYCLOAK_RULES } from '../../cli/src/keycloak';
import { SIGN_IN_RULES } from '../../cli/src/signIn';
import { repoRoot } from '../corpusDir';
import { BROKEN, fixture, runCli, WARNING_ONLY } from './run';

// The multitool's platform package holds both the .NET validator and the schema it validates against.
const TOOL_DIR = join(repoRoot(), 'node_modules/@microsoft', `sarif-multitool-${process.platform}`);
const SCHEMA = join(TOOL_DIR, 'sarif-2.1.0.json');
const MULTITOOL = join(TOOL_DIR, 'Sarif.Multitool');

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
}

describe('--format sarif', { concurrency: true }, () => {
  it('is valid SARIF 2.1.0, with the codes as rules and results that point at the line', async () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': BROKEN, 'deploy/values.yaml': `x: 1\n${WARNING_ONLY}` });
    try {
      const ran = await runCli(['check', '--format', 'sarif'], dir);
      assert.equal(ran.status, 1);
      const log = JSON.parse(ran.stdout) as Log;
      const validate = validator();
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
      const run = log.runs[0];
      assert.deepEqual(
        run.tool.driver.rules!.map((r) => r.id),
        [...DIAGNOSTIC_CODES],
      );
      assert.ok(run.tool.driver.rules!.every((r) => r.shortDescription?.text && r.shortDescription.text !== r.id));
      const results = run.results!.map(
        (r) => `${r.ruleId}:${r.level}:${r.locations![0].physicalLocation!.artifactLocation!.uri}:${r.locations![0].physicalLocation!.region!.startLine}`,
      );
      assert.deepEqual(results.sort(), ['invalid-value:error:openmetadata.yaml:2', 'master-realm:warning:deploy/values.yaml:9']);
      for (const r of run.results!) assert.equal(run.tool.driver.rules![r.ruleIndex!].id, r.ruleId);

      // The multitool's own checks (SARIF1xxx errors) on the same log.
      assert.ok(existsSync(MULTITOOL), `${MULTITOOL} is missing: npm ci installs @microsoft/sarif-multitool`);
      const file = join(dir, 'out.sarif');
      writeFileSync(file, ran.stdout);
      const report = execFileSync(MULTITOOL, ['validate', file], { encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
      assert.doesNotMatch(report, /: error /, report);
      assert.match(report, /1 files scanned/);
    } finally {
      cleanup();
    }
  });

  it('artifactLocation.uri escapes #, ? and %, so each parses back to the path of its file', async () => {
    const paths = ['a#b/openmetadata.yaml', 'q?x/openmetadata.yaml', '100%/openmetadata.yaml', 'with space/openmetadata.yaml'];
    const { dir, cleanup } = fixture(Object.fromEntries(paths.map((p) => [p, BROKEN])));
    try {
      const log = JSON.parse((await runCli(['check', '--format', 'sarif'], dir)).stdout) as Log;
      const base = 'file:///srcroot/';
      const parsed = log.runs[0].results!.map((r) =>
        relative(fileURLToPath(base), fileURLToPath(new URL(r.locations![0].physicalLocation!.artifactLocation!.uri!, base)))
          .split(sep)
          .join('/'),
      );
      assert.deepEqual(parsed.sort(), [...paths].sort());
    } finally {
      cleanup();
    }
  });

  it('the schema check can fail: a log with a made-up level is refused', async () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': BROKEN });
    try {
      const log = JSON.parse((await runCli(['check', '--format', 'sarif'], dir)).stdout) as { runs: { results: { level: string }[] }[] };
      log.runs[0].results[0].level = 'fatal';
      assert.equal(validator()(log), false);
    } finally {
      cleanup();
    }
  });

  it('keeps partialFingerprints stable across runs and across lines moving', async () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': BROKEN });
    try {
      const prints = async () =>
        (JSON.parse((await runCli(['check', '--format', 'sarif'], dir)).stdout) as Log).runs[0].results!.map((r) => r.partialFingerprints);
      const first = await prints();
      assert.deepEqual(await prints(), first);
      writeFileSync(join(dir, 'openmetadata.yaml'), `# a comment added above\n\n${BROKEN}`);
      assert.deepEqual(await prints(), first);
    } finally {
      cleanup();
    }
  });

  it('describes every code from the README codes table', () => {
    const meanings = codeMeanings();
    for (const code of DIAGNOSTIC_CODES) assert.ok(meanings.get(code)?.meaning, `README.md has no row for ${code}`);
  });

  it('the live checks (check --keycloak, sign-in) add their codes as rules that point at the README section describing them', () => {
    const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
    // GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens.
    const anchors = new Set(
      [...readme.matchAll(/^#+ (.+)$/gm)].map((m) =>
        m[1]
          .toLowerCase()
          .replace(/[^\w\- ]/g, '')
          .replace(/ /g, '-'),
      ),
    );
    const text = 'authenticationConfiguration:\n  callbackUrl: https://om.example.org/callback\n';
    const diagnostic = {
      range: { start: { line: 1, character: 15 }, end: { line: 1, character: 44 } },
      severity: 1,
      code: 'sign-in-authorize',
      message: 'Invalid parameter: redirect_uri',
    } as const;
    for (const extra of [KEYCLOAK_RULES, SIGN_IN_RULES]) {
      const log = JSON.parse(
        sarif([{ path: 'openmetadata.yaml', fromRoot: 'openmetadata.yaml', text, diagnostics: [{ ...diagnostic, code: extra[0].id }] }], extra),
      ) as Log;
      const validate = validator();
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
      const rules = log.runs[0].tool.driver.rules!;
      assert.deepEqual(
        rules.map((r) => r.id),
        [...DIAGNOSTIC_CODES, ...extra.map((r) => r.id)],
      );
      assert.equal(rules[log.runs[0].results![0].ruleIndex!].id, extra[0].id);
      for (const rule of extra) {
        assert.ok(anchors.has(rule.section.anchor), `README.md has no heading for #${rule.section.anchor}`);
        assert.match(rules.find((r) => r.id === rule.id)!.help!.markdown!, new RegExp(`README\\.md#${rule.section.anchor}\\)`));
      }
    }
    assert.ok(
      SIGN_IN_RULES.some((r) => r.id === 'sign-in-self-signup'),
      'step ids become kebab-case codes',
    );
  });
});
