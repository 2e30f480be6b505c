// The options CI and editors drive the CLI with: the text on stdin, --output, --config, the settings' ignore list and
// a baseline of accepted findings. Each is run through the real bundle, in a fixture folder.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BROKEN, CLEAN, CLI, fixture, runCli, WARNING_ONLY, type JsonFinding } from './run';

const codes = (stdout: string) => (JSON.parse(stdout) as JsonFinding[]).map((f) => `${f.file}:${f.line} ${f.code}`);

/** A fixture that is its own repository, so paths from the repository root are paths from it. */
function repository(files: Record<string, string>) {
  const made = fixture(files);
  execFileSync('git', ['init', '-q'], { cwd: made.dir });
  return made;
}

describe('check - (the text on stdin)', { concurrency: true }, () => {
  it('checks the text as the file it names: the same findings as that file on disk, and nothing written', async () => {
    const { dir, cleanup } = repository({ 'disk/deploy/openmetadata.yaml': BROKEN, 'disk/deploy/.env': 'AUTHENTICATION_PROVIDER=customOidc\n' });
    try {
      for (const name of ['deploy/openmetadata.yaml', 'deploy/.env']) {
        const onDisk = await runCli(['check', '--format', 'json', name], join(dir, 'disk'));
        const piped = await runCli(
          ['check', '-', '--stdin-filename', name, '--format', 'json'],
          join(dir, 'disk'),
          {},
          { input: readFileSync(join(dir, 'disk', name)) },
        );
        assert.equal(piped.status, 1, piped.stderr);
        assert.ok(codes(onDisk.stdout).length > 0);
        assert.deepEqual(codes(piped.stdout), codes(onDisk.stdout));
        assert.equal(piped.stderr, '1 file checked.\n');
      }
      // The name need not exist: an editor buffer not yet saved.
      const unsaved = await runCli(['check', '-', '--stdin-filename', 'new/openmetadata.yaml'], dir, {}, { input: BROKEN });
      assert.equal(unsaved.status, 1);
      assert.match(unsaved.stdout, /^new\/openmetadata\.yaml:2:13 {2}error {2}invalid-value/m);
      assert.ok(!existsSync(join(dir, 'new')));
      const clean = await runCli(['check', '-', '--stdin-filename', 'openmetadata.yaml'], dir, {}, { input: CLEAN });
      assert.equal(clean.status, 0, clean.stdout);
    } finally {
      cleanup();
    }
  });

  it('with --fix, prints the fixed text on stdout (the report on stderr) and writes no file', async () => {
    const { dir, cleanup } = repository({ 'openmetadata.yaml': BROKEN });
    try {
      const piped = await runCli(['check', '-', '--stdin-filename', 'openmetadata.yaml', '--fix'], dir, {}, { input: BROKEN });
      assert.equal(piped.stdout, CLEAN);
      assert.match(piped.stderr, /^fixed openmetadata\.yaml:2 invalid-value: Change to `custom-oidc`$/m);
      assert.equal(piped.status, 0, piped.stderr);
      assert.equal(readFileSync(join(dir, 'openmetadata.yaml'), 'utf8'), BROKEN, 'the file of that name was written');
      // Nothing to fix: the text comes back as it was, the problem reported on stderr.
      const warned = await runCli(['check', '-', '--stdin-filename', 'openmetadata.yaml', '--fix', '--max-warnings', '0'], dir, {}, { input: WARNING_ONLY });
      assert.equal(warned.stdout, WARNING_ONLY);
      assert.match(warned.stderr, /master-realm/);
      assert.equal(warned.status, 1);
      assert.deepEqual(readdirSync(dir).sort(), ['.git', 'openmetadata.yaml']);
    } finally {
      cleanup();
    }
  });

  it('refuses "-" without --stdin-filename, with other paths, and --stdin-filename without "-"', async () => {
    const { dir, cleanup } = repository({ 'openmetadata.yaml': CLEAN });
    try {
      for (const args of [['-'], ['-', 'openmetadata.yaml', '--stdin-filename', 'x.yaml'], ['--stdin-filename', 'x.yaml']]) {
        const ran = await runCli(['check', ...args], dir, {}, { input: BROKEN });
        assert.equal(ran.status, 2, args.join(' '));
        assert.match(ran.stderr, /stdin/);
        assert.equal(ran.stdout, '');
      }
    } finally {
      cleanup();
    }
  });
});

describe('--output', { concurrency: true }, () => {
  it('writes the report to the file, creating its folder, and keeps stdout empty', async () => {
    const { dir, cleanup } = repository({ 'openmetadata.yaml': BROKEN });
    try {
      const ran = await runCli(['check', '--format', 'json', '-o', 'reports/auth.json'], dir);
      assert.equal(ran.status, 1);
      assert.equal(ran.stdout, '');
      assert.equal(ran.stderr, '1 file checked.\n');
      assert.deepEqual(codes(readFileSync(join(dir, 'reports/auth.json'), 'utf8')), ['openmetadata.yaml:2 invalid-value']);
      // stylish to a file, run on a terminal (as `script` gives it one): colour on the terminal, none in the file.
      const onTty = (args: string) =>
        execFileSync('script', ['-qec', `"${process.execPath}" "${CLI}" check ${args}; true`, '/dev/null'], {
          cwd: dir,
          encoding: 'utf8',
          env: { PATH: process.env.PATH },
        });
      assert.ok(onTty('').includes('\u001b[31m'), 'the terminal gets colour');
      assert.equal(onTty('--output report.txt 2>/dev/null'), '', 'stdout stays empty');
      const text = readFileSync(join(dir, 'report.txt'), 'utf8');
      assert.match(text, /^openmetadata\.yaml:2:13 {2}error {2}invalid-value/m);
      assert.ok(!text.includes('\u001b['), text);
      // An existing report is replaced and keeps its mode.
      chmodSync(join(dir, 'report.txt'), 0o640);
      writeFileSync(join(dir, 'openmetadata.yaml'), CLEAN);
      assert.equal((await runCli(['check', '-o', 'report.txt'], dir)).status, 0);
      assert.equal(readFileSync(join(dir, 'report.txt'), 'utf8'), '');
      assert.equal(statSync(join(dir, 'report.txt')).mode & 0o777, 0o640);
      assert.deepEqual(
        readdirSync(dir).filter((f) => f.endsWith('.tmp')),
        [],
      );
    } finally {
      cleanup();
    }
  });

  it('never writes through a symbolic link: not the file, not a folder of the repository on the way', async () => {
    const outside = fixture({ 'keep.txt': 'outside\n' });
    const { dir, cleanup } = repository({ 'openmetadata.yaml': BROKEN });
    try {
      symlinkSync(join(outside.dir, 'keep.txt'), join(dir, 'report.sarif'));
      symlinkSync(outside.dir, join(dir, 'reports'));
      for (const [target, why] of [
        ['report.sarif', 'it is a symbolic link'],
        ['reports/new.sarif', 'its folder reports is a symbolic link'],
        ['reports/keep.txt', 'its folder reports is a symbolic link'],
      ]) {
        const ran = await runCli(['check', '--format', 'sarif', '-o', target], dir);
        assert.equal(ran.status, 2, target);
        assert.equal(ran.stderr.trim().split('\n').pop(), `openmetadata-auth: ${target}: not written, ${why}.`);
      }
      assert.deepEqual(readdirSync(outside.dir), ['keep.txt']);
      assert.equal(readFileSync(join(outside.dir, 'keep.txt'), 'utf8'), 'outside\n');
      // The same link refused for the baseline file.
      const baseline = await runCli(['check', '--baseline', 'reports/baseline.json', '--update-baseline'], dir);
      assert.equal(baseline.status, 2);
      assert.deepEqual(readdirSync(outside.dir), ['keep.txt']);
    } finally {
      cleanup();
      outside.cleanup();
    }
  });
});

describe('--config', { concurrency: true }, () => {
  it('reads the named settings file instead of the one at the root, and refuses a missing one', async () => {
    const { dir, cleanup } = repository({
      'openmetadata.yaml': WARNING_ONLY,
      '.openmetadata-auth.json': '{ "rules": { "master-realm": "error" } }',
      'ci/strict.json': '{ "rules": { "master-realm": "off" } }',
    });
    try {
      const root = await runCli(['check', '--format', 'json'], dir);
      assert.deepEqual(
        (JSON.parse(root.stdout) as JsonFinding[]).map((f) => `${f.code} ${f.severity}`),
        ['master-realm error'],
      );
      assert.equal(root.status, 1);
      const named = await runCli(['check', '--format', 'json', '--config', 'ci/strict.json'], dir);
      assert.deepEqual(JSON.parse(named.stdout), []);
      assert.equal(named.status, 0, named.stderr);
      // From a subfolder the path is the user's, relative to where they are.
      const fromSub = await runCli(['check', '--format', 'json', '--config', 'strict.json', '..'], join(dir, 'ci'));
      assert.deepEqual(JSON.parse(fromSub.stdout), []);
      const bad = await runCli(['check', '--config', 'ci/nope.json'], dir);
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /--config ci\/nope\.json: no such file\./);
      writeFileSync(join(dir, 'ci/broken.json'), '{ "rules": [1] }');
      const wrong = await runCli(['check', '--config', 'ci/broken.json'], dir);
      assert.match(wrong.stderr, /ci\/broken\.json: rules must be an object/);
    } finally {
      cleanup();
    }
  });
});

describe("the settings' ignore list", { concurrency: true }, () => {
  it('leaves out matching paths, walked or named (a pre-commit hook names them), and a negation brings one back', async () => {
    const { dir, cleanup } = repository({
      '.openmetadata-auth.json': '{ "ignore": ["vendor/", "examples/*.yaml", "!examples/keep.yaml"] }',
      'vendor/chart/values.yaml': BROKEN.replace('authenticationConfiguration', 'x: 1\nauthenticationConfiguration'),
      'vendor/openmetadata.yaml': BROKEN,
      'examples/openmetadata.yaml': BROKEN,
      'examples/keep.yaml': WARNING_ONLY,
      'deploy/openmetadata.yaml': CLEAN,
    });
    try {
      const walked = await runCli(['check', '--format', 'json'], dir);
      assert.deepEqual(codes(walked.stdout), ['examples/keep.yaml:8 master-realm']);
      assert.equal(walked.status, 0, walked.stderr);
      assert.equal(walked.stderr, '2 files checked.\n');
      const named = await runCli(['check', '--format', 'json', 'vendor/openmetadata.yaml', 'examples/openmetadata.yaml', 'deploy/openmetadata.yaml'], dir);
      assert.deepEqual(JSON.parse(named.stdout), []);
      assert.equal(named.status, 0);
      // Only ignored files named: nothing checked, by the project's choice, so not an error.
      const onlyIgnored = await runCli(['check', 'vendor/openmetadata.yaml'], dir);
      assert.equal(onlyIgnored.status, 0);
      assert.match(onlyIgnored.stderr, /no file checked: the file is ignored by the settings' "ignore" patterns/);
      // The text on stdin under an ignored name is not checked either; --fix gives it back as it came.
      const piped = await runCli(['check', '-', '--stdin-filename', 'vendor/openmetadata.yaml', '--fix'], dir, {}, { input: BROKEN });
      assert.equal(piped.stdout, BROKEN);
      assert.equal(piped.status, 0);
      // With settings that ignore nothing every one of them fails the run.
      writeFileSync(join(dir, 'deploy/none.json'), '{}');
      const all = await runCli(['check', '--format', 'json', '--config', 'deploy/none.json'], dir);
      assert.equal(all.status, 1);
      assert.ok(codes(all.stdout).some((c) => c.startsWith('vendor/openmetadata.yaml')));
    } finally {
      cleanup();
    }
  });
});

describe('--baseline', { concurrency: true }, () => {
  it("records today's findings, then fails only on new ones, wherever the old ones moved", async () => {
    const { dir, cleanup } = repository({ 'a/openmetadata.yaml': BROKEN, 'b/openmetadata.yaml': WARNING_ONLY, 'c/openmetadata.yaml': CLEAN });
    try {
      const recorded = await runCli(['check', '--baseline', '.auth-baseline.json', '--update-baseline'], dir);
      assert.equal(recorded.status, 0, recorded.stderr);
      assert.match(recorded.stderr, /\.auth-baseline\.json: 2 findings recorded\./);
      const file = JSON.parse(readFileSync(join(dir, '.auth-baseline.json'), 'utf8')) as { version: number; findings: Record<string, unknown>[] };
      assert.deepEqual(
        file.findings.map((f) => `${f.file as string} ${f.code as string}`),
        ['a/openmetadata.yaml invalid-value', 'b/openmetadata.yaml master-realm'],
      );
      assert.ok(file.findings.every((f) => !('line' in f) && typeof f.fingerprint === 'string'));

      const quiet = await runCli(['check', '--baseline', '.auth-baseline.json', '--max-warnings', '0'], dir);
      assert.equal(quiet.status, 0, quiet.stdout);
      assert.match(quiet.stderr, /2 findings in the baseline \.auth-baseline\.json not reported\./);

      // Lines added above the accepted finding do not bring it back; a new error elsewhere fails the run, alone.
      writeFileSync(join(dir, 'a/openmetadata.yaml'), `# moved down\n# by two lines\n${BROKEN}`);
      writeFileSync(join(dir, 'c/openmetadata.yaml'), BROKEN);
      const fresh = await runCli(['check', '--format', 'json', '--baseline', '.auth-baseline.json'], dir);
      assert.deepEqual(codes(fresh.stdout), ['c/openmetadata.yaml:2 invalid-value']);
      assert.equal(fresh.status, 1);

      // A second occurrence of an accepted finding in the same file is new.
      writeFileSync(join(dir, 'c/openmetadata.yaml'), CLEAN);
      writeFileSync(join(dir, 'a/.env'), 'AUTHENTICATION_PROVIDER=customOidc\n');
      const second = await runCli(['check', '--format', 'json', '--baseline', '.auth-baseline.json'], dir);
      assert.deepEqual(codes(second.stdout), ['a/.env:1 invalid-value']);

      // Fixed: said as stale, and --update-baseline drops it.
      writeFileSync(join(dir, 'a/.env'), 'AUTHENTICATION_PROVIDER=custom-oidc\n');
      writeFileSync(join(dir, 'a/openmetadata.yaml'), CLEAN);
      const stale = await runCli(['check', '--baseline', '.auth-baseline.json'], dir);
      assert.equal(stale.status, 0);
      assert.match(stale.stderr, /1 finding of the baseline no longer found/);
      await runCli(['check', '--baseline', '.auth-baseline.json', '--update-baseline'], dir);
      assert.deepEqual(
        (JSON.parse(readFileSync(join(dir, '.auth-baseline.json'), 'utf8')) as typeof file).findings.map((f) => f.file),
        ['b/openmetadata.yaml'],
      );
    } finally {
      cleanup();
    }
  });

  it('an update over some files keeps the entries of the others that still exist', async () => {
    const { dir, cleanup } = repository({ 'a/openmetadata.yaml': BROKEN, 'b/openmetadata.yaml': WARNING_ONLY, 'gone/openmetadata.yaml': BROKEN });
    try {
      await runCli(['check', '--baseline', 'baseline.json', '--update-baseline'], dir);
      execFileSync('rm', ['-r', join(dir, 'gone')]);
      writeFileSync(join(dir, 'a/openmetadata.yaml'), CLEAN);
      const partial = await runCli(['check', '--baseline', 'baseline.json', '--update-baseline', 'a/openmetadata.yaml'], dir);
      assert.match(partial.stderr, /baseline\.json: 0 findings recorded, 1 of files not checked in this run kept\./);
      const file = JSON.parse(readFileSync(join(dir, 'baseline.json'), 'utf8')) as { findings: { file: string }[] };
      assert.deepEqual(
        file.findings.map((f) => f.file),
        ['b/openmetadata.yaml'],
      );
      const whole = await runCli(['check', '--baseline', 'baseline.json', '--max-warnings', '0'], dir);
      assert.equal(whole.status, 0, whole.stdout);
    } finally {
      cleanup();
    }
  });

  it('refuses a missing baseline (unless writing it) and a file that is not one, which it leaves as it was', async () => {
    const { dir, cleanup } = repository({ 'openmetadata.yaml': BROKEN, 'package.json': '{ "name": "app" }\n' });
    try {
      const missing = await runCli(['check', '--baseline', 'nope.json'], dir);
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /--baseline nope\.json: no such file \(write it with --update-baseline\)/);
      const wrong = await runCli(['check', '--baseline', 'package.json', '--update-baseline'], dir);
      assert.equal(wrong.status, 2);
      assert.match(wrong.stderr, /package\.json: not a baseline of this tool/);
      assert.equal(readFileSync(join(dir, 'package.json'), 'utf8'), '{ "name": "app" }\n');
      const alone = await runCli(['check', '--update-baseline'], dir);
      assert.equal(alone.status, 2);
      assert.match(alone.stderr, /--update-baseline needs --baseline/);
      mkdirSync(join(dir, 'sub'));
      // From a subfolder, paths in the baseline stay from the repository root: the same file matches.
      await runCli(['check', '--baseline', 'baseline.json', '--update-baseline'], dir);
      const fromSub = await runCli(['check', '--baseline', '../baseline.json', '..'], join(dir, 'sub'));
      assert.equal(fromSub.status, 0, fromSub.stdout);
    } finally {
      cleanup();
    }
  });
});
