// --fix in a hostile checkout: it writes the file it fixes and nothing else, fully or not at all, and says when it cannot.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFile } from '../../cli/src/io';
import { run } from '../../cli/src/main';
import { BROKEN, CLEAN, fixture, runCli } from './run';

/** The CLI in this process: the only way a test knows the pid that the old temp file name was made of. */
async function inProcess(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const status = await run(args, { cwd, env: {}, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), stdoutIsTty: false, stderrIsTty: false });
  return { status, stdout, stderr };
}

const HOOK = '#!/bin/sh\necho the hook as the repository shipped it\n';
// Past 1 KB, so a one-block file size limit cuts the write short.
const LONG_BROKEN = `${BROKEN}${'# a comment line that makes the file longer than one block of the file size limit\n'.repeat(30)}`;

describe('--fix in a hostile checkout', { concurrency: true }, () => {
  it('never writes through a link planted at a temp file name, and never replaces the config with that link', async () => {
    const { dir, cleanup } = fixture({ 'repo/openmetadata.yaml': BROKEN, 'repo/.git/hooks/post-commit': HOOK });
    try {
      const repo = join(dir, 'repo');
      const planted = `.openmetadata.yaml.${process.pid}.openmetadata-auth.tmp`;
      symlinkSync(join(repo, '.git/hooks/post-commit'), join(repo, planted));
      const ran = await inProcess(['check', '--fix'], repo);
      assert.equal(ran.status, 0, ran.stderr);
      assert.equal(readFileSync(join(repo, '.git/hooks/post-commit'), 'utf8'), HOOK, 'the hook behind the planted link was written');
      assert.ok(lstatSync(join(repo, 'openmetadata.yaml')).isFile(), 'the config was replaced by the planted link');
      assert.equal(readFileSync(join(repo, 'openmetadata.yaml'), 'utf8'), CLEAN);
      assert.equal(readlinkSync(join(repo, planted)), join(repo, '.git/hooks/post-commit'));
      assert.deepEqual(readdirSync(repo).sort(), ['.git', planted, 'openmetadata.yaml'].sort(), 'a temp file was left behind');
    } finally {
      cleanup();
    }
  });

  it('creates its temp file exclusively: a link already at that name fails the write and is left alone', () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': BROKEN, victim: HOOK });
    try {
      symlinkSync(join(dir, 'victim'), join(dir, '.openmetadata.yaml.guessed.openmetadata-auth.tmp'));
      assert.throws(() => replaceFile(join(dir, 'openmetadata.yaml'), CLEAN, () => 'guessed'), { code: 'EEXIST' });
      assert.equal(readFileSync(join(dir, 'victim'), 'utf8'), HOOK);
      assert.equal(readFileSync(join(dir, 'openmetadata.yaml'), 'utf8'), BROKEN);
      assert.ok(lstatSync(join(dir, '.openmetadata.yaml.guessed.openmetadata-auth.tmp')).isSymbolicLink());
    } finally {
      cleanup();
    }
  });

  it('refuses to write a config that is a symbolic link, or that resolves outside the folders given, and writes nothing', async () => {
    const { dir, cleanup } = fixture({ 'repo/real/openmetadata.yaml': BROKEN, 'outside/openmetadata.yaml': BROKEN });
    try {
      const repo = join(dir, 'repo');
      symlinkSync(join(repo, 'real/openmetadata.yaml'), join(repo, 'linked.yaml'));
      symlinkSync(join(dir, 'outside'), join(repo, 'elsewhere'));
      const linked = await runCli(['check', '--fix', 'linked.yaml'], repo);
      assert.equal(linked.status, 2, linked.stderr);
      assert.match(linked.stderr, /^linked\.yaml: not fixed, it is a symbolic link/m);
      assert.equal(readFileSync(join(repo, 'real/openmetadata.yaml'), 'utf8'), BROKEN);
      assert.ok(lstatSync(join(repo, 'linked.yaml')).isSymbolicLink());
      const outside = await runCli(['check', '--fix', 'elsewhere/openmetadata.yaml'], repo);
      assert.equal(outside.status, 2, outside.stderr);
      assert.match(outside.stderr, /^elsewhere\/openmetadata\.yaml: not fixed, it is outside the folders given/m);
      assert.equal(readFileSync(join(dir, 'outside/openmetadata.yaml'), 'utf8'), BROKEN);
      assert.deepEqual(readdirSync(join(dir, 'outside')), ['openmetadata.yaml']);
    } finally {
      cleanup();
    }
  });
});

describe('--fix writes fully or not at all', { concurrency: true }, () => {
  it('a short write (the file size limit, as a full disk) keeps the original, leaves no temp file and exits 2', async () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': LONG_BROKEN });
    try {
      const ran = await runCli(['check', '--fix'], dir, {}, { shell: 'ulimit -f 1' });
      assert.equal(readFileSync(join(dir, 'openmetadata.yaml'), 'utf8'), LONG_BROKEN, 'a truncated file replaced the original');
      assert.deepEqual(readdirSync(dir), ['openmetadata.yaml'], 'a temp file was left behind');
      assert.match(ran.stderr, /^openmetadata\.yaml: cannot be written: /m);
      assert.equal(ran.status, 2);
    } finally {
      cleanup();
    }
  });

  it('keeps the file mode', async () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': BROKEN });
    try {
      chmodSync(join(dir, 'openmetadata.yaml'), 0o666);
      const ran = await runCli(['check', '--fix'], dir, {}, { shell: 'umask 022' });
      assert.equal(ran.status, 0, ran.stderr);
      assert.equal(readFileSync(join(dir, 'openmetadata.yaml'), 'utf8'), CLEAN);
      assert.equal((statSync(join(dir, 'openmetadata.yaml')).mode & 0o7777).toString(8), '666');
    } finally {
      cleanup();
    }
  });

  it('keeps the owner', { skip: process.getuid?.() !== 0 && 'giving a file to another user needs root' }, async () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': BROKEN });
    try {
      chownSync(join(dir, 'openmetadata.yaml'), 4321, 4322);
      const ran = await runCli(['check', '--fix'], dir);
      assert.equal(ran.status, 0, ran.stderr);
      const after = statSync(join(dir, 'openmetadata.yaml'));
      assert.equal(readFileSync(join(dir, 'openmetadata.yaml'), 'utf8'), CLEAN);
      assert.deepEqual([after.uid, after.gid], [4321, 4322]);
    } finally {
      cleanup();
    }
  });

  it('refuses to fix a file that is not valid UTF-8 and leaves its bytes alone', async () => {
    const latin1 = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(' (Latin-1)\n'), Buffer.from(BROKEN)]);
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': latin1 });
    try {
      const ran = await runCli(['check', '--fix', '--format', 'json'], dir);
      assert.deepEqual(readFileSync(join(dir, 'openmetadata.yaml')), latin1);
      assert.match(ran.stderr, /^openmetadata\.yaml: not fixed, it is not valid UTF-8/m);
      assert.deepEqual(
        (JSON.parse(ran.stdout) as { code: string }[]).map((f) => f.code),
        ['invalid-value'],
      );
      assert.equal(ran.status, 2);
    } finally {
      cleanup();
    }
  });
});
