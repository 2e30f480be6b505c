// Which files a run checks: the arguments (files, folders, globs) or the current folder, minus what .gitignore ignores.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import fg from 'fast-glob';
import type { Entry } from 'fast-glob';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import { isDotenvName } from '../../server/src/service/analyze';
import { readBoundedFile } from '../../server/src/boundedRead';
import { MAX_GITIGNORE_BYTES } from '../../server/src/service/limits';

export interface Walked {
  /** Absolute paths, sorted, each once. */
  files: string[];
  /** One line each for what was passed over (a symlink loop, a broken link); they do not change the exit status. */
  notices: string[];
  /** One line each for an argument that names nothing: a usage error (exit 2). */
  errors: string[];
}

/** The repository root: the nearest folder above `cwd` with a `.git`, else `cwd` itself. */
export function repositoryRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}

/** What the extension offers the server: every YAML file, env files by name, plus `openmetadataAuth.files`. */
const byName = (path: string) => /\.ya?ml$/i.test(path) || isDotenvName(path.split(sep).join('/'));

const SKIPPED_DIRS = ['**/node_modules/**', '**/.git/**'];

/** The .gitignore files that apply to a path, shallowest first, each with the folder it is relative to. */
class GitIgnores {
  private readonly byDir = new Map<string, Ignore | null>();
  constructor(
    private readonly root: string,
    /** Told of a .gitignore that is not read (a FIFO, one past its bound): its rules do not apply. */
    private readonly skipped: (path: string, reason: string) => void,
  ) {}

  private at(dir: string): Ignore | null {
    if (!this.byDir.has(dir)) {
      const path = join(dir, '.gitignore');
      const read = readBoundedFile(path, MAX_GITIGNORE_BYTES);
      if (!('text' in read) && read.skipped !== 'missing') this.skipped(path, read.reason);
      this.byDir.set(dir, 'text' in read ? ignore().add(read.text) : null);
    }
    return this.byDir.get(dir)!;
  }

  /** Git's order: a deeper .gitignore overrides a shallower one, and a later line an earlier one. */
  ignored(file: string): boolean {
    const rel = relative(this.root, file);
    if (rel.startsWith('..')) return false;
    const parts = rel.split(sep);
    let ignored = false;
    for (let depth = 0; depth < parts.length; depth++) {
      const rules = this.at(join(this.root, ...parts.slice(0, depth)));
      if (!rules) continue;
      const verdict = rules.test(parts.slice(depth).join('/'));
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  }
}

export async function findFiles(args: string[], options: { cwd: string; root: string; patterns: string[] }): Promise<Walked> {
  const { cwd, root } = options;
  const found = new Set<string>();
  const notices: string[] = [];
  const errors: string[] = [];
  const show = (path: string) => relative(cwd, path) || '.';
  const gitignores = new GitIgnores(root, (path, reason) => notices.push(`${show(path)}: skipped, ${reason}.`));
  // openmetadataAuth.files globs are relative to the repository root, as the project file is.
  const extra = new Set(options.patterns.length ? (await fg(options.patterns, { cwd: root, dot: true, absolute: true, ignore: SKIPPED_DIRS, followSymbolicLinks: false })).map((p) => resolve(p)) : []);
  const wanted = (path: string) => (byName(path) || extra.has(path)) && !gitignores.ignored(path);
  const walked = new Set<string>();

  async function walk(dir: string, shownAs: string): Promise<void> {
    const real = realpathSync(dir);
    walked.add(real);
    const entries: Entry[] = await fg('**', { cwd: dir, dot: true, onlyFiles: false, followSymbolicLinks: false, objectMode: true, ignore: SKIPPED_DIRS, suppressErrors: true });
    for (const entry of entries) {
      const path = join(shownAs, entry.path);
      if (entry.dirent.isFile()) {
        if (wanted(path)) found.add(path);
      } else if (entry.dirent.isSymbolicLink()) await followLink(path, dirname(path));
    }
  }

  // A linked folder is walked once; a link back into a folder above it would be walked forever, so it is named instead.
  async function followLink(path: string, parent: string): Promise<void> {
    let target: string;
    let isDir: boolean;
    try {
      target = realpathSync(path);
      isDir = statSync(target).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (byName(path)) notices.push(`${show(path)}: skipped, ${code === 'ELOOP' ? 'a symbolic link loop' : 'a symbolic link to nothing'}.`);
      return;
    }
    if (!isDir) {
      if (wanted(path)) found.add(path);
      return;
    }
    if (gitignores.ignored(path)) return;
    const parentReal = realpathSync(parent);
    if (parentReal === target || parentReal.startsWith(target + sep)) {
      notices.push(`${show(path)}: skipped, a symbolic link loop (it points to ${show(target)}, a folder above it).`);
      return;
    }
    if ([...walked].some((w) => target === w || target.startsWith(w + sep))) return;
    await walk(path, path);
  }

  if (!args.length) await walk(cwd, cwd);
  for (const arg of args) {
    const path = resolve(cwd, arg);
    let isDir = false;
    let exists = false;
    try {
      const stat = statSync(path);
      exists = true;
      isDir = stat.isDirectory();
    } catch {
      exists = false;
    }
    if (exists && isDir) await walk(path, path);
    else if (exists) found.add(path); // named on purpose: checked whatever its name, still recognised by content
    else if (fg.isDynamicPattern(arg)) {
      const matches = await fg(arg, { cwd, dot: true, absolute: true, ignore: SKIPPED_DIRS, followSymbolicLinks: false });
      for (const m of matches) if (!gitignores.ignored(resolve(m))) found.add(resolve(m));
      if (!matches.length) errors.push(`${arg}: no file matches this pattern.`);
    } else errors.push(`${arg}: no such file or folder.`);
  }
  return { files: [...found].sort(), notices, errors };
}

