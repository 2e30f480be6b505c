// Bad input gets one clear line each and the run goes on: a binary file, a 30 MB file, a file that vanishes mid-run.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../cli/src/main';
import type { Io } from '../../cli/src/io';
import { BROKEN, CLEAN, fixture, runCli } from './run';

/** The CLI in this process, for what a child process cannot be made to do on cue (a file vanishing, a terminal). */
async function inProcess(args: string[], cwd: string, extra: Partial<Io> = {}) {
  let stdout = '';
  let stderr = '';
  const status = await run(args, {
    cwd,
    env: {},
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    stdoutIsTty: false,
    stderrIsTty: false,
    ...extra,
  });
  return { status, stdout, stderr };
}

const linesAbout = (output: string, file: string) => output.split('\n').filter((l) => l.includes(file));

describe('bad input', { concurrency: true }, () => {
  it('a binary file and a 30 MB file get one line each; the other files are checked as usual', async () => {
    const filler = `filler:\n${'  key: a value that makes the file large enough to be read section by section\n'.repeat(400_000)}`;
    const { dir, cleanup } = fixture({
      'binary.yaml': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x00, 0xff, 0x0a, 0x00]),
      'huge.yaml': CLEAN + filler,
      'openmetadata.yaml': BROKEN,
    });
    try {
      const ran = await runCli(['check'], dir);
      const out = ran.stdout + ran.stderr;
      assert.deepEqual(linesAbout(out, 'binary.yaml'), [
        'binary.yaml:1:1  information  file-skipped  This file holds binary content, so OpenMetadata Auth does not check it.',
      ]);
      const huge = linesAbout(out, 'huge.yaml');
      assert.equal(huge.length, 1, huge.join('\n'));
      assert.match(huge[0], /^huge\.yaml:1:1 {2}information {2}file-skipped {2}This file is too large to check \(3\d\.\d MB; the limit is 5 MB\)\.$/);
      assert.equal(linesAbout(out, 'openmetadata.yaml:2:13').length, 1);
      assert.equal(ran.status, 1);
    } finally {
      cleanup();
    }
  });

  it('a file that disappears between the walk and its reading: one line, exit 2, the rest reported', async () => {
    const { dir, cleanup } = fixture({ 'a/openmetadata.yaml': BROKEN, 'b/openmetadata.yaml': BROKEN, 'c/openmetadata.yaml': BROKEN });
    try {
      const ran = await inProcess(['check', '--format', 'json'], dir, {
        beforeRead: (path) => path.includes(`${join('b', 'openmetadata.yaml')}`) && rmSync(path),
      });
      assert.equal(ran.stderr, 'b/openmetadata.yaml: cannot be read: it no longer exists (removed during the run).\n2 files checked.\n');
      assert.deepEqual(
        (JSON.parse(ran.stdout) as { file: string }[]).map((f) => f.file),
        ['a/openmetadata.yaml', 'c/openmetadata.yaml'],
      );
      assert.equal(ran.status, 2);
    } finally {
      cleanup();
    }
  });

  it('shows progress on stderr only when it is a terminal, and clears it', async () => {
    const { dir, cleanup } = fixture({ 'a/openmetadata.yaml': CLEAN, 'b/openmetadata.yaml': CLEAN });
    try {
      const tty = await inProcess(['check'], dir, { stderrIsTty: true });
      assert.match(tty.stderr, /^\r\u001b\[Kchecked 0\/2 files.*\r\u001b\[K$/s);
      assert.equal((await inProcess(['check'], dir)).stderr, '');
    } finally {
      cleanup();
    }
  });

  it(
    'a FIFO or a file past its bound as the project file, .vscode/settings.json, .gitignore or a neighbour: one line each, the run goes on',
    { skip: process.platform === 'win32' && 'no FIFOs' },
    async () => {
      const { dir, cleanup } = fixture({ 'openmetadata.yaml': BROKEN, '.vscode/settings.json': `{${' '.repeat(1024 * 1024)}}` });
      try {
        for (const name of ['.openmetadata-auth.json', '.gitignore', 'Chart.yaml']) execFileSync('mkfifo', [join(dir, name)]);
        writeFileSync(join(dir, 'ignored.yaml'), 'authenticationConfiguration:\n  provider: nope\n');
        const ran = await runCli(['check'], dir);
        assert.deepEqual(linesAbout(ran.stderr, 'skipped').sort(), [
          '.gitignore: skipped, not a regular file (a FIFO).',
          'Chart.yaml: skipped, not a regular file (a FIFO).',
          'openmetadata-auth: .openmetadata-auth.json: skipped, not a regular file (a FIFO).',
          'openmetadata-auth: .vscode/settings.json: skipped, larger than the 1 MB read of it.',
        ]);
        assert.equal(linesAbout(ran.stdout, 'openmetadata.yaml:2:13').length, 1);
        assert.equal(ran.status, 1);
      } finally {
        cleanup();
      }
    },
  );
});
