// The walk stays inside the folder it was given: no link out of it, no settings pattern out of the root, no folder passed over unread.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { BROKEN, CLEAN, fixture, runCli } from './run';

const asRoot = process.getuid?.() === 0;

describe('the walk stays inside the folder given', { concurrency: true }, () => {
  it('does not follow a folder link out of it, so --fix writes nothing outside', async () => {
    const { dir, cleanup } = fixture({ 'repo/openmetadata.yaml': CLEAN, 'outside/values.yaml': BROKEN });
    try {
      symlinkSync(join(dir, 'outside'), join(dir, 'repo/shared'));
      const ran = await runCli(['check', '--fix', '--format', 'json'], join(dir, 'repo'));
      assert.equal(readFileSync(join(dir, 'outside/values.yaml'), 'utf8'), BROKEN, 'a file outside the folder was rewritten');
      assert.deepEqual(readdirSync(join(dir, 'outside')), ['values.yaml']);
      assert.deepEqual(JSON.parse(ran.stdout), []);
      assert.match(ran.stderr, /^shared: skipped, a symbolic link out of the folder checked\.$/m);
      assert.equal(ran.status, 0, ran.stderr);
    } finally {
      cleanup();
    }
  });

  it('a settings pattern that leaves the root is one clear line and exit 2, without a crawl', async () => {
    for (const pattern of ['../outside/**', '{..,conf}/*.conf', '/**']) {
      const { dir, cleanup } = fixture({
        'repo/.openmetadata-auth.json': JSON.stringify({ files: [pattern] }),
        'repo/openmetadata.yaml': CLEAN,
        'outside/auth.conf': BROKEN,
      });
      try {
        const ran = await runCli(['check'], join(dir, 'repo'));
        assert.equal(ran.status, 2, `${pattern}: ${ran.stderr}`);
        assert.equal(ran.stderr, `openmetadata-auth: the files setting "${pattern}" leaves the repository root (its patterns are relative to it).\n`);
      } finally {
        cleanup();
      }
    }
  });

  // As root chmod 000 stops nobody, so the CLI then runs as the unprivileged user `nobody` (uid 65534).
  it('names a folder it cannot read and exits 2, still checking the rest', async () => {
    const { dir, cleanup } = fixture({ 'ok/openmetadata.yaml': CLEAN, 'locked/openmetadata.yaml': BROKEN });
    try {
      chmodSync(dir, 0o755);
      chmodSync(join(dir, 'locked'), 0o000);
      const ran = await runCli(['check', '--format', 'json'], dir, {}, asRoot ? { uid: 65534, gid: 65534 } : {});
      assert.match(ran.stderr, /^locked: cannot be read: permission denied\.$/m);
      assert.deepEqual(JSON.parse(ran.stdout), []);
      assert.equal(ran.status, 2);
    } finally {
      chmodSync(join(dir, 'locked'), 0o755);
      cleanup();
    }
  });
});
