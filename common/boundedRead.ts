// Files read beside the documents (a chart's Chart.yaml, the project file, .vscode/settings.json, .gitignore) come
// from the repository, which may commit a symbolic link to /dev/zero, a FIFO or a huge file under such a name: a plain
// readFileSync reads the first for ever (1 GB and more of memory) and waits on the second for a writer. In common/,
// not in server/src/service/, because it touches the disk; the client and the CLI read with it too.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/** The text of a file, or why it was not read. */
export type BoundedRead = { text: string } | { skipped: 'missing' | 'unreadable' | 'not-regular' | 'too-large'; reason: string };

// O_NONBLOCK: opening a FIFO to read otherwise waits for a writer. O_NOCTTY: a terminal never becomes the process's own.
// Neither exists on Windows, which has no FIFOs in the file system.
const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const CHUNK = 64 * 1024;

const sizeName = (bytes: number) => (bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${+(bytes / 1024).toFixed(1)} KB`);

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  if (stats.isDirectory()) return 'a folder';
  return 'of another kind';
}

const notRegular = (stats: Stats): BoundedRead => ({ skipped: 'not-regular', reason: `not a regular file (${kindOf(stats)})` });
const tooLarge = (maxBytes: number): BoundedRead => ({ skipped: 'too-large', reason: `larger than the ${sizeName(maxBytes)} read of it` });

function failed(error: unknown): BoundedRead {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { skipped: 'missing', reason: 'missing' };
  return { skipped: 'unreadable', reason: `cannot be read (${code ?? (error as Error).message})` };
}

/**
 * Reads a regular file of at most `maxBytes`. The path is checked before it is opened (opening a device may itself
 * have effects) and the opened descriptor again, in case the path was swapped meanwhile; the reading stops past the
 * bound whatever the size said, since a file may grow and /proc files say 0.
 */
export function readBoundedFile(path: string, maxBytes: number): BoundedRead {
  let fd: number;
  try {
    const before = statSync(path);
    if (!before.isFile()) return notRegular(before);
    fd = openSync(path, FLAGS);
  } catch (error) {
    return failed(error);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return notRegular(stats);
    if (stats.size > maxBytes) return tooLarge(maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      if (total > maxBytes) return tooLarge(maxBytes);
      chunks.push(chunk.subarray(0, read));
    }
    return { text: Buffer.concat(chunks, total).toString('utf8') };
  } catch (error) {
    return failed(error);
  } finally {
    closeSync(fd);
  }
}

/** `readBoundedFile` without blocking the thread: for the extension host, which every extension shares. */
export async function readBoundedFileAsync(path: string, maxBytes: number): Promise<BoundedRead> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    const before = await stat(path);
    if (!before.isFile()) return notRegular(before);
    handle = await open(path, FLAGS);
  } catch (error) {
    return failed(error);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return notRegular(stats);
    if (stats.size > maxBytes) return tooLarge(maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) return tooLarge(maxBytes);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return { text: Buffer.concat(chunks, total).toString('utf8') };
  } catch (error) {
    return failed(error);
  } finally {
    await handle.close();
  }
}
