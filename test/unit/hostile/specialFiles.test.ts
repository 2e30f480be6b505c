// Files read beside the documents (a chart's Chart.yaml, the project file, .gitignore) may be committed as a symbolic
// link to /dev/zero, a FIFO or something huge: each is read only when it is a regular file within its bound.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBoundedFile, readBoundedFileAsync } from '../../../common/boundedRead';
import type { BoundedRead } from '../../../common/boundedRead';
import { neighboursOf } from '../../../common/neighbours';
import { MAX_NEIGHBOUR_BYTES } from '../../../server/src/service/limits';

const MAX = 64 * 1024;

describe('reading a file beside a config', { skip: process.platform === 'win32' && 'FIFOs and /dev/zero are POSIX' }, () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'om-auth-special-'));
    symlinkSync('/dev/zero', join(dir, 'zero'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    writeFileSync(join(dir, 'large'), 'x'.repeat(MAX + 1));
    writeFileSync(join(dir, 'full'), 'y'.repeat(MAX));
    writeFileSync(join(dir, 'small'), 'key: value\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const readers: [string, (path: string, max: number) => BoundedRead | Promise<BoundedRead>][] = [
    ['readBoundedFile', readBoundedFile],
    ['readBoundedFileAsync', readBoundedFileAsync],
  ];
  for (const [name, read] of readers) {
    it(`${name}: a link to /dev/zero and a FIFO are not read, and say why`, async () => {
      const rss = process.memoryUsage().rss;
      assert.deepEqual(await read(join(dir, 'zero'), MAX), { skipped: 'not-regular', reason: 'not a regular file (a character device)' });
      // Opened without a writer: a plain open would wait for one for ever.
      assert.deepEqual(await read(join(dir, 'fifo'), MAX), { skipped: 'not-regular', reason: 'not a regular file (a FIFO)' });
      assert.deepEqual(await read(dir, MAX), { skipped: 'not-regular', reason: 'not a regular file (a folder)' });
      assert.ok(process.memoryUsage().rss - rss < 32 * 1024 * 1024, `RSS grew by ${process.memoryUsage().rss - rss} bytes`);
    });

    it(`${name}: a file past its bound is not read; one at the bound is`, async () => {
      assert.deepEqual(await read(join(dir, 'large'), MAX), { skipped: 'too-large', reason: 'larger than the 64 KB read of it' });
      assert.deepEqual(await read(join(dir, 'full'), MAX), { text: 'y'.repeat(MAX) });
      assert.deepEqual(await read(join(dir, 'small'), MAX), { text: 'key: value\n' });
    });

    it(`${name}: a missing file is missing`, async () => {
      const missing = await read(join(dir, 'nothing'), MAX);
      assert.equal('skipped' in missing && missing.skipped, 'missing');
    });

    it(
      `${name}: a file that reports no size (a /proc file) is still read to its end, within the bound`,
      { skip: process.platform !== 'linux' && 'no /proc' },
      async () => {
        const status = await read('/proc/self/status', MAX);
        assert.match('text' in status ? status.text : '', /^Name:/);
        const bounded = await read('/proc/self/status', 16);
        assert.equal('skipped' in bounded ? bounded.skipped : 'read', 'too-large');
      },
    );
  }

  it('neighbours: a FIFO and a link to /dev/zero named like neighbours are skipped and said; the others are read', () => {
    const folder = mkdtempSync(join(tmpdir(), 'om-auth-neighbours-'));
    try {
      execFileSync('mkfifo', [join(folder, 'Chart.yaml')]);
      symlinkSync('/dev/zero', join(folder, 'docker-compose.yml'));
      writeFileSync(join(folder, 'compose.override.yml'), ' '.repeat(MAX_NEIGHBOUR_BYTES + 1));
      writeFileSync(join(folder, 'compose.yml'), 'services:\n  server:\n    image: docker.getcollate.io/openmetadata/server:1.5.4\n');
      const skipped: string[] = [];
      const found = neighboursOf(join(folder, '.env'), (path, reason) => skipped.push(`${path}: ${reason}`));
      assert.deepEqual(
        found.map((n) => n.name),
        ['compose.yml'],
      );
      assert.deepEqual(skipped.sort(), [
        `${join(folder, 'Chart.yaml')}: not a regular file (a FIFO)`,
        `${join(folder, 'compose.override.yml')}: larger than the 1 MB read of it`,
        `${join(folder, 'docker-compose.yml')}: not a regular file (a character device)`,
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
