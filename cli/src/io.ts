// What a command gets from the process and gives back: the streams, the environment, the exit status; and its one way to write a file.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, fchownSync, fsyncSync, lstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
export const EXIT = { clean: 0, problems: 1, usage: 2 } as const;

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdoutIsTty: boolean;
  stderrIsTty: boolean;
  /** The text piped in, for `check -`. */
  stdin?: () => AsyncIterable<Buffer>;
  /** Bytes as they are: `check - --fix` passes text it could not fix through unchanged, even when it is not UTF-8. */
  stdoutBytes?: (b: Uint8Array) => void;
  /** Between finding the files and reading each one; tests use it to make a file disappear mid-run. */
  beforeRead?: (path: string) => void;
}

/** A refusal to write, with the reason as the user reads it after "not fixed, ". */
export class Refused extends Error {}

/** Writes every byte: write(2) may write fewer than asked (a full disk, a file size limit) and says so only in its count. */
function writeFully(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) {
    const wrote = writeSync(fd, bytes, done, bytes.length - done);
    if (wrote <= 0) throw Object.assign(new Error('the disk took no more bytes'), { code: 'ENOSPC' });
    done += wrote;
  }
}

/**
 * Replaces a regular file: a temp file beside it under a random name, created exclusively and never through a link
 * (a checkout can ship a link under any name it can predict), written in full and flushed, then renamed over the
 * target. A reader never sees half a file; on any failure the original stays and the temp file goes.
 */
export function replaceFile(target: string, text: string, randomName: () => string = () => randomBytes(12).toString('hex')): void {
  const stat = lstatSync(target);
  if (stat.isSymbolicLink()) throw new Refused('it is a symbolic link');
  if (!stat.isFile()) throw new Refused('it is not a regular file');
  renameIntoPlace(target, text, randomName, 0o600, (fd) => {
    keepOwner(fd, stat);
    fchmodSync(fd, stat.mode & 0o7777);
  });
}

/**
 * Writes a report or a baseline the way replaceFile rewrites a config: a temp file renamed over the target, so the
 * target is never opened and a symbolic link put in its place (by a checkout, for a name it can predict) is refused,
 * not followed. A new file gets the mode the umask gives; an existing one keeps its mode and owner.
 */
export function writeNewOrReplace(target: string, text: string, randomName: () => string = () => randomBytes(12).toString('hex')): void {
  let exists = true;
  try {
    lstatSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    exists = false;
  }
  if (exists) return replaceFile(target, text, randomName);
  renameIntoPlace(target, text, randomName, 0o666);
}

/**
 * The one way this CLI writes a file: a temp file beside the target under a random name, created exclusively and never
 * through a link, written in full (`settle` then fixes its owner and mode) and flushed, then renamed over the target.
 * On any failure the temp file goes and the target stays as it was.
 */
function renameIntoPlace(target: string, text: string, randomName: () => string, mode: number, settle?: (fd: number) => void): void {
  const temp = join(dirname(target), `.${basename(target)}.${randomName()}.openmetadata-auth.tmp`);
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
  let renamed = false;
  try {
    try {
      writeFully(fd, Buffer.from(text, 'utf8'));
      settle?.(fd);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
    renamed = true;
  } finally {
    if (!renamed) rmSync(temp, { force: true });
  }
}

/**
 * A file the user named for the CLI to write (`--output`, `--update-baseline`), resolved from the current folder.
 * Inside the repository no folder on the way may be a symbolic link: a checkout can ship `reports -> ~/.ssh`, and a
 * CI line `-o reports/x` must not write there. Missing folders are made (as ESLint's `-o` does). Outside the
 * repository the path is the user's own choice, links included; the file itself is never written through a link.
 */
export function writeOutputFile(cwd: string, repositoryRoot: string, given: string, text: string): void {
  const target = resolve(cwd, given);
  const inRepo = relative(repositoryRoot, target);
  if (inRepo && !inRepo.startsWith('..') && !isAbsolute(inRepo)) {
    let at = repositoryRoot;
    for (const part of inRepo.split(sep).slice(0, -1)) {
      at = join(at, part);
      let stat: Stats;
      try {
        stat = lstatSync(at);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        break;
      }
      if (stat.isSymbolicLink()) throw new Refused(`its folder ${relative(cwd, at) || '.'} is a symbolic link`);
      if (!stat.isDirectory()) throw new Refused(`${relative(cwd, at)} is not a folder`);
    }
  }
  mkdirSync(dirname(target), { recursive: true });
  writeNewOrReplace(target, text);
}

/** Only root may give a file away; anyone else keeps being its owner, which is what a rewrite by them means anyway. */
function keepOwner(fd: number, stat: Stats): void {
  try {
    fchownSync(fd, stat.uid, stat.gid);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
  }
}
