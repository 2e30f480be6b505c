// The repository's GitHub Action (action.yml) run as a runner runs a composite action: each step's script under
// `bash --noprofile --norc -eo pipefail`, its `env` with the inputs filled in, GITHUB_ACTION_PATH at this checkout
// (with its built dist/cli.js) and GITHUB_OUTPUT a file; the working folder a fixture repository.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../corpusDir';
import { BROKEN, CLEAN, fixture, WARNING_ONLY } from './run';

interface Step {
  id?: string;
  name: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = () => parse(readFileSync(join(repoRoot(), 'action.yml'), 'utf8')) as Action;

/** `${{ inputs.NAME }}` and `${{ steps.ID.outputs.NAME }}`, the only expressions the action may use. */
function evaluate(text: string, context: { inputs: Record<string, string>; steps?: Record<string, Record<string, string>> }): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expression);
    if (input) {
      assert.ok(input[1] in context.inputs, `undeclared input ${input[1]}`);
      return context.inputs[input[1]];
    }
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
    assert.ok(output, `an expression the test does not evaluate: ${expression}`);
    return context.steps?.[output[1]]?.[output[2]] ?? '';
  });
}

interface ActionRun {
  status: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

/** Runs the action's steps in `cwd` with these inputs (the rest at their defaults), stopping at the first that fails. */
function runAction(cwd: string, given: Record<string, string> = {}): ActionRun {
  const { inputs: declared, outputs, runs } = action();
  const inputs = Object.fromEntries(Object.entries(declared).map(([name, input]) => [name, given[name] ?? input.default ?? '']));
  for (const name of Object.keys(given)) assert.ok(name in declared, `no input ${name}`);
  const steps: Record<string, Record<string, string>> = {};
  let stdout = '';
  let stderr = '';
  for (const step of runs.steps) {
    const outputFile = join(mkdtempSync(join(tmpdir(), 'om-auth-action-')), 'output');
    writeFileSync(outputFile, '');
    const env = {
      PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
      GITHUB_ACTION_PATH: repoRoot(),
      GITHUB_OUTPUT: outputFile,
      GITHUB_WORKSPACE: cwd,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(v, { inputs })])),
    };
    const ran = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], { cwd, env, encoding: 'utf8' });
    stdout += ran.stdout;
    stderr += ran.stderr;
    if (step.id)
      steps[step.id] = Object.fromEntries(
        readFileSync(outputFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
    rmSync(dirname(outputFile), { recursive: true, force: true });
    if (ran.status !== 0) return { status: ran.status ?? -1, stdout, stderr, outputs: {} };
  }
  return { status: 0, stdout, stderr, outputs: Object.fromEntries(Object.entries(outputs).map(([name, o]) => [name, evaluate(o.value, { inputs, steps })])) };
}

function repository(files: Record<string, string>) {
  const made = fixture(files);
  execFileSync('git', ['init', '-q'], { cwd: made.dir });
  return made;
}

describe('the GitHub Action', { concurrency: true }, () => {
  it('is a composite action whose scripts take the inputs from the environment only', () => {
    const { runs, inputs, outputs, name, description } = action();
    assert.equal(runs.using, 'composite');
    assert.ok(name && description);
    for (const step of runs.steps) {
      assert.equal(step.shell, 'bash', `${step.name}: a composite run step must name its shell`);
      assert.ok(step.run && !step.uses);
      // An expression inside a script is pasted in before bash reads it: an input could run as shell.
      assert.ok(!step.run.includes('${{'), `${step.name}: an expression in the script`);
      for (const value of Object.values(step.env ?? {})) evaluate(value, { inputs: Object.fromEntries(Object.keys(inputs).map((k) => [k, ''])) });
    }
    for (const input of Object.values(inputs)) assert.ok(input.description);
    assert.deepEqual(Object.keys(outputs), ['sarif-file']);
  });

  it('writes SARIF from the repository root and annotations, and fails the step on an error', () => {
    const { dir, cleanup } = repository({ 'deploy/openmetadata.yaml': BROKEN, 'deploy/other/openmetadata.yaml': CLEAN });
    try {
      const ran = runAction(dir);
      assert.equal(ran.status, 1, ran.stderr);
      const log = JSON.parse(readFileSync(join(dir, 'openmetadata-auth.sarif'), 'utf8')) as {
        version: string;
        runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
      };
      assert.equal(log.version, '2.1.0');
      assert.deepEqual(
        log.runs[0].results.map((r) => `${r.locations[0].physicalLocation.artifactLocation.uri} ${r.ruleId}`),
        ['deploy/openmetadata.yaml invalid-value'],
      );
      assert.match(ran.stdout, /^::error file=deploy\/openmetadata\.yaml,line=2,/m);
      // The output is set before the step fails, so an `if: always()` upload finds the file.
      const passing = repository({ 'openmetadata.yaml': CLEAN });
      try {
        const clean = runAction(passing.dir);
        assert.equal(clean.status, 0, clean.stderr);
        assert.deepEqual(clean.outputs, { 'sarif-file': 'openmetadata-auth.sarif' });
        assert.ok(existsSync(join(passing.dir, 'openmetadata-auth.sarif')));
      } finally {
        passing.cleanup();
      }
    } finally {
      cleanup();
    }
  });

  it('passes paths (globs left to the CLI) and options through, and writes no SARIF when asked for none', () => {
    const { dir, cleanup } = repository({ 'a/openmetadata.yaml': WARNING_ONLY, 'b/openmetadata.yaml': BROKEN, 'c/openmetadata.yaml': CLEAN });
    try {
      const warned = runAction(dir, { paths: 'a/*.yaml\nc', 'sarif-file': '', annotations: 'false', args: '--max-warnings 0' });
      assert.equal(warned.status, 1, warned.stderr);
      assert.match(warned.stdout, /^a\/openmetadata\.yaml:\d+:\d+ {2}warning {2}master-realm/m);
      assert.ok(!warned.stdout.includes('b/openmetadata.yaml'));
      assert.match(warned.stdout, /^2 files checked\.$/m);
      assert.ok(!existsSync(join(dir, 'openmetadata-auth.sarif')));
      const allowed = runAction(dir, { paths: 'a c', 'sarif-file': 'reports/auth.sarif' });
      assert.equal(allowed.status, 0, allowed.stderr);
      assert.equal(allowed.outputs['sarif-file'], 'reports/auth.sarif');
      assert.ok(existsSync(join(dir, 'reports/auth.sarif')));
    } finally {
      cleanup();
    }
  });

  it('runs as the README shows it: its inputs declared, its SARIF output what the upload step reads', () => {
    const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
    const block = [...readme.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]).find((b) => /uses: .+@v[\d.]+ # the address of this project/.test(b));
    assert.ok(block, 'the README shows the Action in a workflow');
    const steps = (parse(block) as { jobs: Record<string, { steps: { id?: string; uses?: string; with?: Record<string, string | number | boolean> }[] }> })
      .jobs['openmetadata-auth'].steps;
    // The one step that is neither GitHub's checkout nor its upload: this Action.
    const check = steps.find((s) => s.uses && !s.uses.startsWith('actions/') && !s.uses.startsWith('github/'))!;
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    assert.equal(upload.with!.sarif_file, `\${{ steps.${check.id!}.outputs.sarif-file }}`);
    const { dir, cleanup } = repository({ 'deploy/openmetadata.yaml': CLEAN, 'other/openmetadata.yaml': BROKEN });
    try {
      writeFileSync(join(dir, '.openmetadata-auth-baseline.json'), '{ "version": 1, "findings": [] }\n');
      const ran = runAction(dir, Object.fromEntries(Object.entries(check.with!).map(([k, v]) => [k, String(v)])));
      assert.equal(ran.status, 0, ran.stderr);
      assert.equal(ran.stdout, '', 'annotations: false prints none');
      assert.ok(existsSync(join(dir, ran.outputs['sarif-file'])));
    } finally {
      cleanup();
    }
  });

  it('never runs an input as shell', () => {
    const { dir, cleanup } = repository({ 'openmetadata.yaml': CLEAN });
    try {
      const ran = runAction(dir, { paths: '$(touch pwned-1) `touch pwned-2`', args: '; touch pwned-3', 'sarif-file': 'x.sarif; touch pwned-4' });
      assert.equal(ran.status, 2, ran.stderr);
      assert.match(ran.stderr, /^\$\(touch: no (such file or folder|file matches this pattern)\.$/m);
      for (const n of [1, 2, 3, 4]) assert.ok(!existsSync(join(dir, `pwned-${n}`)), `pwned-${n}`);
    } finally {
      cleanup();
    }
  });
});
