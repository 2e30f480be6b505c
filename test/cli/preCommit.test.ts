// The repository's pre-commit hook (.pre-commit-hooks.yaml) installed and run by pre-commit itself, as a user's
// .pre-commit-config.yaml names it: pre-commit clones this repository, runs npm install and npm pack there (the
// prepack build makes the bundle), installs the tarball and runs the hook on the staged files of a fixture repository.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../corpusDir';
import { BROKEN, CLEAN } from './run';

const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
const SKIP = hasPreCommit ? false : 'pre-commit is not installed here (apt-get install pre-commit; .ci/run installs it, so CI runs this test)';

// `node` and `npm` as pre-commit finds them: this Node first on the PATH. HOME stays, so npm uses its cache.
const env = {
  ...process.env,
  PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.org',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.org',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();

/**
 * This checkout's tracked files as they are in the working tree, committed in a repository of their own: what a user's
 * `repo:`/`rev:` points at, including changes not committed yet.
 */
function hookRepository(at: string): { path: string; rev: string } {
  const root = repoRoot();
  const path = join(at, 'hook-repo');
  mkdirSync(path);
  for (const file of git(root, 'ls-files', '-z').split('\0').filter(Boolean)) {
    const from = join(root, file);
    if (!existsSync(from) || !lstatSync(from).isFile()) continue;
    mkdirSync(dirname(join(path, file)), { recursive: true });
    copyFileSync(from, join(path, file));
  }
  git(path, 'init', '-q');
  git(path, 'add', '-A');
  git(path, 'commit', '-q', '-m', 'snapshot');
  return { path, rev: git(path, 'rev-parse', 'HEAD') };
}

describe('the pre-commit hook', () => {
  it('matches the YAML and env files by name, and nothing else', () => {
    const hooks = parse(readFileSync(join(repoRoot(), '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; language: string; entry: string; files: string }[];
    assert.deepEqual(
      hooks.map((h) => [h.id, h.language]),
      [['openmetadata-auth', 'node']],
    );
    // pre-commit matches `files` with Python's re.search; this pattern means the same in JavaScript.
    const files = new RegExp(hooks[0].files);
    for (const name of ['openmetadata.yaml', 'deploy/values.yml', '.env', 'deploy/.env', 'deploy/.env.local', 'prod.env']) assert.ok(files.test(name), name);
    for (const name of ['README.md', 'package.json', 'deploy/environment.txt', '.envrc.sh']) assert.ok(!files.test(name), name);
  });

  it('installs from the repository, fails a commit with a broken config and passes the fixed one', { skip: SKIP, timeout: 10 * 60_000 }, () => {
    const at = mkdtempSync(join(tmpdir(), 'om-auth-pre-commit-'));
    try {
      const hook = hookRepository(at);
      const project = join(at, 'project');
      mkdirSync(join(project, 'deploy'), { recursive: true });
      git(project, 'init', '-q');
      writeFileSync(
        join(project, '.pre-commit-config.yaml'),
        `repos:\n  - repo: ${hook.path}\n    rev: ${hook.rev}\n    hooks:\n      - id: openmetadata-auth\n`,
      );
      writeFileSync(join(project, 'README.md'), '# app\n');
      writeFileSync(join(project, 'deploy/openmetadata.yaml'), CLEAN);
      git(project, 'add', '-A');
      git(project, 'commit', '-q', '-m', 'start');
      // Its own cache, so the test installs the hook as a first-time user does.
      const run = (...args: string[]) =>
        spawnSync('pre-commit', ['run', ...args], { cwd: project, env: { ...env, PRE_COMMIT_HOME: join(at, 'cache') }, encoding: 'utf8' });

      writeFileSync(join(project, 'deploy/openmetadata.yaml'), BROKEN);
      writeFileSync(join(project, 'deploy/.env'), 'AUTHENTICATION_PROVIDER=customOidc\n');
      git(project, 'add', '-A');
      const broken = run();
      const out = broken.stdout + broken.stderr;
      assert.equal(broken.status, 1, out);
      assert.match(out, /^OpenMetadata auth config\.+Failed$/m);
      assert.match(out, /^deploy\/openmetadata\.yaml:2:13 {2}error {2}invalid-value/m);
      assert.match(out, /^deploy\/\.env:1:\d+ {2}error {2}invalid-value/m);
      assert.match(out, /^2 files checked\.$/m, 'only the staged configs are passed, not README.md');

      writeFileSync(join(project, 'deploy/openmetadata.yaml'), CLEAN);
      writeFileSync(join(project, 'deploy/.env'), 'AUTHENTICATION_PROVIDER=custom-oidc\n');
      git(project, 'add', '-A');
      const fixed = run('--all-files');
      assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
      assert.match(fixed.stdout, /^OpenMetadata auth config\.+Passed$/m);
    } finally {
      rmSync(at, { recursive: true, force: true });
    }
  });
});
