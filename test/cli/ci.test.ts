// The README's "In CI" section is true: its workflow step, pre-commit hook and Git hook, run as written on a repository
// that holds only the copied bundle (tools/openmetadata-auth.js, no node_modules).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../corpusDir';
import { BROKEN, CLEAN, CLI, fixture } from './run';

/** The fenced blocks of the README's "In CI" section, in order, with their language. */
function ciBlocks(): { lang: string; text: string }[] {
  const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
  const start = readme.indexOf('\n### In CI\n');
  assert.ok(start > 0, 'the README has an "In CI" section');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  return [...section.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], text: m[2] }));
}

/** A Git repository with the bundle where the README puts it, and the given files. */
function repository(files: Record<string, string>) {
  const made = fixture(files);
  execFileSync('git', ['init', '-q'], { cwd: made.dir });
  mkdirSync(join(made.dir, 'tools'));
  copyFileSync(CLI, join(made.dir, 'tools/openmetadata-auth.js'));
  return made;
}

// `node` as the hooks and the workflow call it: this Node, first on the PATH.
const env = {
  ...process.env,
  PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.org',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.org',
};
const sh = (script: string, cwd: string) => spawnSync('bash', ['-c', script], { cwd, env, encoding: 'utf8' });

describe('README "In CI"', { concurrency: true }, () => {
  const blocks = ciBlocks();

  it('the workflow step writes SARIF with paths from the repository root, and fails the step on errors', () => {
    const workflow = parse(blocks.find((b) => b.lang === 'yaml' && b.text.includes('run: node tools/openmetadata-auth.js'))!.text) as {
      jobs: Record<string, { steps: { run?: string; uses?: string; with?: Record<string, string> }[] }>;
    };
    const steps = Object.values(workflow.jobs)[0].steps;
    const check = steps.find((s) => s.run?.includes('openmetadata-auth'))!;
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    const { dir, cleanup } = repository({ 'deploy/openmetadata.yaml': BROKEN, 'deploy/other/openmetadata.yaml': CLEAN });
    try {
      const ran = sh(check.run!, dir);
      assert.equal(ran.status, 1, ran.stderr);
      const sarifFile = join(dir, upload.with!.sarif_file);
      assert.ok(existsSync(sarifFile));
      const log = JSON.parse(readFileSync(sarifFile, 'utf8')) as {
        version: string;
        runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
      };
      assert.equal(log.version, '2.1.0');
      assert.deepEqual(
        log.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri),
        ['deploy/openmetadata.yaml'],
      );
    } finally {
      cleanup();
    }
  });

  it('the pre-commit hook takes the YAML and env files, and its entry fails on an error in them', () => {
    const config = parse(blocks.find((b) => b.lang === 'yaml' && b.text.includes('repo: local'))!.text) as {
      repos: { hooks: { entry: string; files: string }[] }[];
    };
    const hook = config.repos[0].hooks[0];
    // pre-commit matches `files` with Python's re.search; this pattern means the same in JavaScript.
    const files = new RegExp(hook.files);
    for (const name of ['openmetadata.yaml', 'deploy/values.yml', '.env', 'deploy/.env', 'deploy/.env.local', 'prod.env']) assert.ok(files.test(name), name);
    for (const name of ['README.md', 'package.json', 'deploy/environment.txt', '.envrc.sh']) assert.ok(!files.test(name), name);
    const { dir, cleanup } = repository({
      'deploy/openmetadata.yaml': BROKEN,
      'docs/notes.yaml': 'just: yaml\n',
      'deploy/.env.local': 'AUTHENTICATION_PROVIDER=basic\n',
    });
    try {
      const broken = sh(`${hook.entry} deploy/openmetadata.yaml docs/notes.yaml deploy/.env.local`, dir);
      assert.equal(broken.status, 1, broken.stderr);
      assert.match(broken.stdout, /^deploy\/openmetadata\.yaml:2:13 {2}error {2}invalid-value/m);
      writeFileSync(join(dir, 'deploy/openmetadata.yaml'), CLEAN);
      assert.equal(sh(`${hook.entry} deploy/openmetadata.yaml docs/notes.yaml deploy/.env.local`, dir).status, 0);
    } finally {
      cleanup();
    }
  });

  it('the Git hook stops a commit with an error in a staged config, in any folder, and lets the fixed one through', () => {
    const script = blocks.find((b) => b.lang === 'sh')!.text;
    const { dir, cleanup } = repository({ 'README.md': '# app\n' });
    try {
      writeFileSync(join(dir, '.git/hooks/pre-commit'), script);
      chmodSync(join(dir, '.git/hooks/pre-commit'), 0o755);
      const commit = (files: Record<string, string>) => {
        for (const [path, text] of Object.entries(files)) {
          mkdirSync(dirname(join(dir, path)), { recursive: true });
          writeFileSync(join(dir, path), text);
        }
        return sh(`git add -A . ':!tools' && git commit -q -m change`, dir);
      };
      const envWithError = 'AUTHENTICATION_PROVIDER=customOidc\n';
      for (const path of ['deploy/openmetadata.yaml', 'deploy/helm/values.yml', 'deploy/.env.prod', 'compose/prod.env']) {
        const refused = commit({ [path]: path.includes('env') ? envWithError : BROKEN });
        assert.notEqual(refused.status, 0, `${path}: ${refused.stdout}${refused.stderr}`);
        assert.ok(`${refused.stdout}${refused.stderr}`.includes(path), `${refused.stdout}${refused.stderr}`);
        const accepted = commit({ [path]: path.includes('env') ? 'AUTHENTICATION_PROVIDER=custom-oidc\n' : CLEAN });
        assert.equal(accepted.status, 0, `${path}: ${accepted.stdout}${accepted.stderr}`);
      }
    } finally {
      cleanup();
    }
  });
});
