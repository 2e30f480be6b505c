// Which files a run checks: the arguments (files, folders, globs) or the current folder, minus what .gitignore ignores.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import fg from 'fast-glob';
import ignore from 'ignore';
import type { Ignore } from 'ignore';
import { isDotenvName } from '../../server/src/service/analyze';
import { readBoundedFile } from '../../common/boundedRead';
import { MAX_GITIGNORE_BYTES } from '../../server/src/service/limits';

export interface Walked {
  /** Absolute paths, sorted, each once. */
  files: string[];
  /** One line each for what was passed over (a symlink loop, a broken link); they do not change the exit status. */
  notices: string[];
  /** One line each for an argument that names nothing: a usage error (exit 2). */
  errors: string[];
  /** Files the walk would have checked but for .gitignore: said when they were all there was. */
  ignored: number;
  /** Files left out by the settings' `ignore` patterns, named on the command line or not. */
  settingsIgnored: number;
  /** Real paths of the folders given (the current folder when none): nothing outside them is walked or written. */
  roots: string[];
}

/** Whether a real path is one of the roots or inside one: the one containment check, of the walk and of --fix. */
export const within = (roots: readonly string[], real: string): boolean =>
  roots.some((root) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep));

/** The folder a file named on the command line belongs to: the current folder when it is below it as written, else its own folder. */
function folderOf(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return realpathSync(rel.startsWith('..') || isAbsolute(rel) ? dirname(path) : cwd);
}

/** The repository root: the nearest folder above `cwd` with a `.git`, else `cwd` itself. */
export function repositoryRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}

/** Absolute, or climbing with `..`, in any of its brace alternatives (`{..,conf}/*`). */
const leavesRoot = (pattern: string) => /^[A-Za-z]:|(^|[{,])[\\/]|(^|[\\/{,])\.\.($|[\\/},])/.test(pattern);

const unreadable = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
};

/** What the extension offers the server: every YAML file, env files by name, plus `openmetadataAuth.files`. */
const byName = (path: string) => /\.ya?ml$/i.test(path) || isDotenvName(path.split(sep).join('/'));

const SKIPPED_DIRS = ['node_modules', '.git'];
const SKIPPED_GLOBS = SKIPPED_DIRS.map((d) => `**/${d}/**`);

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
  ignored(file: string, isDir = false): boolean {
    const rel = relative(this.root, file);
    if (!rel || rel.startsWith('..')) return false;
    const parts = rel.split(sep);
    let ignored = false;
    for (let depth = 0; depth < parts.length; depth++) {
      const rules = this.at(join(this.root, ...parts.slice(0, depth)));
      if (!rules) continue;
      const verdict = rules.test(parts.slice(depth).join('/') + (isDir ? '/' : ''));
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  }
}

/**
 * The settings' `ignore` list as a test of a path: .gitignore syntax, relative to the repository root; a path outside
 * the root is never ignored by it.
 */
export function settingsIgnores(root: string, patterns: readonly string[] = []): (path: string, isDir?: boolean) => boolean {
  const ignores = ignore().add([...patterns]);
  return (path, isDir = false) => {
    const rel = relative(root, path);
    return Boolean(rel) && !rel.startsWith('..') && !isAbsolute(rel) && ignores.ignores(rel.split(sep).join('/') + (isDir ? '/' : ''));
  };
}

export async function findFiles(args: string[], options: { cwd: string; root: string; patterns: string[]; ignore?: string[] }): Promise<Walked> {
  const { cwd, root } = options;
  let settingsIgnored = 0;
  // Also for files named on the command line: a pre-commit hook names every staged file, vendored charts included.
  const ignoredBySettings = settingsIgnores(root, options.ignore);
  const found = new Set<string>();
  const notices: string[] = [];
  const errors: string[] = [];
  const show = (path: string) => relative(cwd, path) || '.';
  const gitignores = new GitIgnores(root, (path, reason) => notices.push(`${show(path)}: skipped, ${reason}.`));
  // openmetadataAuth.files globs are relative to the repository root, as the project file is; one that leaves it
  // (`/**`, `../x/**`) would crawl the filesystem from a setting the checkout ships, so it is an error instead.
  for (const pattern of options.patterns.filter(leavesRoot))
    errors.push(`openmetadata-auth: the files setting "${pattern}" leaves the repository root (its patterns are relative to it).`);
  const patterns = options.patterns.filter((p) => !leavesRoot(p));
  const extra = new Set(
    patterns.length
      ? (await fg(patterns, { cwd: root, dot: true, absolute: true, ignore: SKIPPED_GLOBS, followSymbolicLinks: false, suppressErrors: true })).map((p) =>
          resolve(p),
        )
      : [],
  );
  let ignored = 0;
  const wanted = (path: string) => {
    if (!byName(path) && !extra.has(path)) return false;
    if (ignoredBySettings(path)) return (settingsIgnored++, false);
    if (!gitignores.ignored(path)) return true;
    ignored++;
    return false;
  };
  const walked = new Set<string>();

  // The folder's own reading, not a glob library's: an unreadable folder must be named, never passed over in silence.
  function walk(dir: string, top: string): void {
    walked.add(realpathSync(dir));
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      // A folder .gitignore leaves out is not checked anyway (a database volume owned by another user, say).
      if (!gitignores.ignored(dir, true)) errors.push(`${show(dir)}: cannot be read: ${unreadable(error)}.`);
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.includes(entry.name) && !ignoredBySettings(path, true)) walk(path, top);
      } else if (entry.isFile()) {
        if (wanted(path)) found.add(path);
      } else if (entry.isSymbolicLink()) followLink(path, dir, top);
    }
  }

  // A linked folder is walked once; a link back into a folder above it would be walked forever, so it is named instead;
  // a link out of the folder given is named and not followed: a checkout must not get the check (or --fix) elsewhere.
  function followLink(path: string, parent: string, top: string): void {
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
    if (!within([top], target)) {
      if (isDir ? !gitignores.ignored(path) : wanted(path)) notices.push(`${show(path)}: skipped, a symbolic link out of the folder checked.`);
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
    walk(path, top);
  }

  const roots = new Set<string>();
  const named = (path: string) => {
    if (ignoredBySettings(path)) return void settingsIgnored++;
    found.add(path);
    roots.add(folderOf(path, cwd));
  };

  if (!args.length) {
    roots.add(realpathSync(cwd));
    walk(cwd, realpathSync(cwd));
  }
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
    if (exists && isDir) {
      roots.add(realpathSync(path));
      walk(path, realpathSync(path));
    } else if (exists)
      named(path); // named on purpose: checked whatever its name, still recognised by content
    else if (fg.isDynamicPattern(arg)) {
      const matches = await fg(arg, { cwd, dot: true, absolute: true, ignore: SKIPPED_GLOBS, followSymbolicLinks: false });
      for (const m of matches) {
        if (!gitignores.ignored(resolve(m))) named(resolve(m));
        else ignored++;
      }
      if (!matches.length) errors.push(`${arg}: no file matches this pattern.`);
    } else errors.push(`${arg}: no such file or folder.`);
  }
  return { files: [...found].sort(), notices, errors, ignored, settingsIgnored, roots: [...roots] };
}
