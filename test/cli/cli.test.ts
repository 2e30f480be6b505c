// `openmetadata-auth check` as CI runs it: the real bundle on fixture folders; formats, exit codes, walking, settings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BROKEN, CLEAN, fixture, runCli, WARNING_ONLY, type JsonFinding } from './run';

const findings = (stdout: string) => JSON.parse(stdout) as JsonFinding[];
const where = (f: JsonFinding[]) => f.map((x) => `${x.file}:${x.code}@${x.line}`).sort();

describe('exit status', { concurrency: true }, () => {
  it('is 0 for clean configs, 1 for an error, 0 for warnings unless --max-warnings is passed', async () => {
    const { dir, cleanup } = fixture({ 'clean/openmetadata.yaml': CLEAN, 'broken/openmetadata.yaml': BROKEN, 'warn/openmetadata.yaml': WARNING_ONLY });
    try {
      assert.equal((await runCli(['check'], join(dir, 'clean'))).status, 0);
      assert.equal((await runCli(['check'], join(dir, 'broken'))).status, 1);
      assert.equal((await runCli(['check'], join(dir, 'warn'))).status, 0);
      assert.equal((await runCli(['check', '--max-warnings', '1'], join(dir, 'warn'))).status, 0);
      assert.equal((await runCli(['check', '--max-warnings', '0'], join(dir, 'warn'))).status, 1);
    } finally {
      cleanup();
    }
  });

  it('is 2 for a usage error, said in one line', async () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': CLEAN });
    try {
      for (const args of [
        ['check', '--format', 'xml'],
        ['check', '--rule', 'no-such-code=off'],
        ['check', '--rule', 'master-realm=loud'],
        ['check', '--max-warnings', 'many'],
        ['lint'],
        ['check', '--bogus'],
      ]) {
        const ran = await runCli(args, dir);
        assert.equal(ran.status, 2, args.join(' '));
        assert.equal(ran.stderr.trim().split('\n').length, 1, ran.stderr);
        assert.equal(ran.stdout, '');
      }
    } finally {
      cleanup();
    }
  });

  it('is 2 for a path that names nothing, and everything else is still reported', async () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': BROKEN });
    try {
      const ran = await runCli(['check', 'openmetadata.yaml', 'missing.yaml', '--format', 'json'], dir);
      assert.equal(ran.status, 2);
      assert.match(ran.stderr, /^missing\.yaml: no such file or folder\.\n1 file checked\.\n$/);
      assert.deepEqual(where(findings(ran.stdout)), ['openmetadata.yaml:invalid-value@2']);
    } finally {
      cleanup();
    }
  });
});

describe('formats', { concurrency: true }, () => {
  const files = { 'openmetadata.yaml': BROKEN, 'values.yaml': WARNING_ONLY.replace('authenticationConfiguration:', 'x: 1\nauthenticationConfiguration:') };

  it('stylish: file:line:col, severity, code, message and a code frame; no colour when stdout is not a terminal', async () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': BROKEN });
    try {
      const ran = await runCli(['check'], dir);
      const lines = ran.stdout.split('\n');
      assert.match(lines[0], /^openmetadata\.yaml:2:13 {2}error {2}invalid-value {2}"customOidc" is not a valid 'provider'/);
      assert.equal(lines[1], '  1 | authenticationConfiguration:');
      assert.equal(lines[2], '> 2 |   provider: customOidc');
      assert.equal(lines[3], '    |             ^^^^^^^^^^');
      assert.match(ran.stdout, /✖ 1 problem \(1 error, 0 warnings\)/);
      assert.doesNotMatch(ran.stdout, /\u001b\[/);
    } finally {
      cleanup();
    }
  });

  it('json: one object per finding with file, range, severity, code, message and fixes', async () => {
    const { dir, cleanup } = fixture(files);
    try {
      const list = findings((await runCli(['check', '--format', 'json'], dir)).stdout);
      assert.deepEqual(where(list), ['openmetadata.yaml:invalid-value@2', 'values.yaml:master-realm@9']);
      const error = list.find((f) => f.code === 'invalid-value')!;
      assert.equal(error.severity, 'error');
      assert.deepEqual(error.range.start, { line: 1, character: 12 });
      assert.equal(error.column, 13);
      assert.ok(
        error.fixes.some((f) => f.preferred && !f.needsInput && f.title.includes('custom-oidc')),
        JSON.stringify(error.fixes),
      );
      assert.equal(list.find((f) => f.code === 'master-realm')!.severity, 'warning');
    } finally {
      cleanup();
    }
  });

  it('github: one workflow command per finding, with its properties and message escaped', async () => {
    const { dir, cleanup } = fixture(files);
    try {
      const lines = (await runCli(['check', '--format', 'github'], dir)).stdout.trim().split('\n');
      assert.equal(lines.length, 2);
      assert.match(lines[0], /^::error file=openmetadata\.yaml,line=2,col=13,endLine=2,endColumn=23,title=invalid-value::"customOidc" is not a valid/);
      assert.match(lines[1], /^::warning file=values\.yaml,line=9,col=14,endLine=9,endColumn=\d+,title=master-realm::/);
      for (const line of lines) assert.doesNotMatch(line.split('::')[2], /\n|\r/);
      // GitHub resolves annotation paths from the repository root, wherever the check ran.
      mkdirSync(join(dir, '.git'));
      mkdirSync(join(dir, 'sub'));
      writeFileSync(join(dir, 'sub/openmetadata.yaml'), BROKEN);
      const sub = (await runCli(['check', '--format', 'github'], join(dir, 'sub'))).stdout;
      assert.match(sub, /^::error file=sub\/openmetadata\.yaml,line=2,/);
    } finally {
      cleanup();
    }
  });
});

describe('which files are checked', { concurrency: true }, () => {
  it('walks the folder by content, skipping .gitignore, node_modules and YAML that is not an OpenMetadata config', async () => {
    const { dir, cleanup } = fixture({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'build/\n*.local.yaml\n!keep.local.yaml\n',
      'deploy/openmetadata.yaml': BROKEN,
      'deploy/.env': 'AUTHENTICATION_PROVIDER=customOidc\n',
      'deploy/nested/.gitignore': 'skip-me.yaml\n',
      'deploy/nested/skip-me.yaml': BROKEN,
      'deploy/nested/ok.yml': BROKEN,
      'build/openmetadata.yaml': BROKEN,
      'node_modules/pkg/openmetadata.yaml': BROKEN,
      'ci.local.yaml': BROKEN,
      'keep.local.yaml': BROKEN,
      '.github/workflows/ci.yaml': 'on: push\njobs: {}\n',
      'notes.txt': BROKEN,
    });
    try {
      const list = findings((await runCli(['check', '--format', 'json'], dir)).stdout);
      assert.deepEqual([...new Set(list.map((f) => f.file))].sort(), ['deploy/.env', 'deploy/nested/ok.yml', 'deploy/openmetadata.yaml', 'keep.local.yaml']);
      // From a subfolder the repository's .gitignore still applies, and paths are shown from where it runs.
      const sub = findings((await runCli(['check', '--format', 'json'], join(dir, 'deploy'))).stdout);
      assert.deepEqual([...new Set(sub.map((f) => f.file))].sort(), ['.env', 'nested/ok.yml', 'openmetadata.yaml']);
    } finally {
      cleanup();
    }
  });

  it('takes files, folders and globs; a file named on purpose is checked whatever its name', async () => {
    const { dir, cleanup } = fixture({ 'a/openmetadata.yaml': BROKEN, 'b/values.yaml': BROKEN, 'c/auth.conf': BROKEN, 'd/openmetadata.yaml': BROKEN });
    try {
      const list = findings((await runCli(['check', 'a', 'b/*.yaml', 'c/auth.conf', '--format', 'json'], dir)).stdout);
      assert.deepEqual([...new Set(list.map((f) => f.file))].sort(), ['a/openmetadata.yaml', 'b/values.yaml', 'c/auth.conf']);
    } finally {
      cleanup();
    }
  });

  it('adds the openmetadataAuth.files globs of the project file', async () => {
    const { dir, cleanup } = fixture({ '.openmetadata-auth.json': '{ "files": ["conf/*.conf"] }', 'conf/auth.conf': BROKEN, 'other/auth.conf': BROKEN });
    try {
      const list = findings((await runCli(['check', '--format', 'json'], dir)).stdout);
      assert.deepEqual(where(list), ['conf/auth.conf:invalid-value@2']);
    } finally {
      cleanup();
    }
  });

  it('names a symbolic link loop in one line and goes on; a linked folder inside is walked, one elsewhere is named and not', async () => {
    const { dir, cleanup } = fixture({ 'repo/a/openmetadata.yaml': BROKEN, 'repo/b/values.yaml': BROKEN, 'shared/values.yaml': BROKEN });
    try {
      symlinkSync('..', join(dir, 'repo/a/loop'));
      symlinkSync(join(dir, 'shared'), join(dir, 'repo/linked'));
      symlinkSync(join(dir, 'repo/b'), join(dir, 'repo/a/inside'));
      const ran = await runCli(['check', '--format', 'json'], join(dir, 'repo'));
      assert.deepEqual(ran.stderr.trim().split('\n'), [
        'a/loop: skipped, a symbolic link loop (it points to ., a folder above it).',
        'linked: skipped, a symbolic link out of the folder checked.',
        '2 files checked.',
      ]);
      assert.deepEqual(where(findings(ran.stdout)), ['a/openmetadata.yaml:invalid-value@2', 'b/values.yaml:invalid-value@2']);
      assert.equal(ran.status, 1);
    } finally {
      cleanup();
    }
  });
});

describe('settings', { concurrency: true }, () => {
  it('reads .openmetadata-auth.json, else .vscode/settings.json (with comments); options override both', async () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': WARNING_ONLY });
    try {
      const codes = async (...args: string[]) =>
        findings((await runCli(['check', '--format', 'json', ...args], dir)).stdout).map((f) => `${f.code}:${f.severity}`);
      assert.deepEqual(await codes(), ['master-realm:warning']);
      mkdirSync(join(dir, '.vscode'));
      writeFileSync(join(dir, '.vscode/settings.json'), '{\n  // the team\'s choice\n  "openmetadataAuth.rules": { "master-realm": "error" },\n}\n');
      assert.deepEqual(await codes(), ['master-realm:error']);
      writeFileSync(join(dir, '.openmetadata-auth.json'), '{ "rules": { "master-realm": "off" } }');
      assert.deepEqual(await codes(), []);
      assert.deepEqual(await codes('--rule', 'master-realm=information'), ['master-realm:information']);
    } finally {
      cleanup();
    }
  });

  it('--openmetadata-version and the project file pick the release to check against', async () => {
    // `clientType` exists since OpenMetadata 1.3 (the schema says so).
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': CLEAN });
    try {
      assert.deepEqual(findings((await runCli(['check', '--format', 'json'], dir)).stdout), []);
      const old = findings((await runCli(['check', '--format', 'json', '--openmetadata-version', '1.2'], dir)).stdout);
      assert.deepEqual(where(old), ['openmetadata.yaml:not-in-version@4']);
      writeFileSync(join(dir, '.openmetadata-auth.json'), '{ "openmetadataVersion": "1.2" }');
      assert.deepEqual(findings((await runCli(['check', '--format', 'json'], dir)).stdout), old);
    } finally {
      cleanup();
    }
  });

  it('says in one line what in the project file it ignores', async () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': CLEAN, '.openmetadata-auth.json': '{ "rules": { "masterRealm": "off" } }' });
    try {
      const ran = await runCli(['check'], dir);
      assert.equal(ran.stderr, 'openmetadata-auth: .openmetadata-auth.json: rules: there is no code "masterRealm".\n');
      assert.equal(ran.status, 0);
    } finally {
      cleanup();
    }
  });
});

describe('the release a file is checked against', () => {
  it('is the one the server detects: an image tag in a compose file beside the .env; --openmetadata-version applies to every file', async () => {
    const env = 'AUTHENTICATION_PROVIDER=basic\nOIDC_MAX_AGE=0\n';
    const { dir, cleanup } = fixture({
      'old/.env': env,
      'old/docker-compose.yml': 'services:\n  openmetadata-server:\n    image: docker.getcollate.io/openmetadata/server:1.6.4\n    env_file: .env\n',
      'new/.env': env,
    });
    try {
      const detected = await runCli(['check', '--format', 'json'], dir);
      assert.deepEqual(where(findings(detected.stdout)), ['old/.env:not-in-version@2']);
      const configured = await runCli(['check', '--format', 'json', '--openmetadata-version', '1.6'], dir);
      assert.deepEqual(where(findings(configured.stdout)), ['new/.env:not-in-version@2', 'old/.env:not-in-version@2']);
    } finally {
      cleanup();
    }
  });
});
