// Where the shared corpus of real configs is: the repository keeps no copy of it (its files come from public sources).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root, found by walking up from wherever a bundled test file landed. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/**
 * `OM_AUTH_CORPUS`, else `../shared/corpus` beside the checkout, else beside the checkout it was cloned from
 * (a clean clone in a temporary directory still finds the corpus of the working copy it came from).
 */
export function findCorpus(): { dir?: string; looked: string[] } {
  const root = repoRoot();
  const candidates = [process.env.OM_AUTH_CORPUS, join(root, '../shared/corpus')];
  try {
    const origin = execFileSync('git', ['config', '--get', 'remote.origin.url'], { cwd: root, encoding: 'utf8' }).trim();
    if (origin && !/^[a-z+]+:\/\/|^[^/]+@/.test(origin)) candidates.push(join(resolve(root, origin), '../shared/corpus'));
  } catch {
    // Not a clone: only the first two places apply.
  }
  const looked = candidates.filter((dir): dir is string => Boolean(dir));
  return { dir: looked.find((dir) => existsSync(join(dir, 'INDEX.md'))), looked };
}

/** The corpus directory, or an error that says where it was looked for. */
export function corpusDir(): string {
  const { dir, looked } = findCorpus();
  if (!dir) throw new Error(corpusMissing(looked));
  return dir;
}

export const corpusMissing = (looked: string[]) =>
  `The shared corpus of real configs was not found (looked in ${looked.join(', ')}); set OM_AUTH_CORPUS to its directory.`;

/** The second set of real files (`corpus2`, with `EXPECT.json`): `OM_AUTH_CORPUS2`, else beside the first corpus. */
export function findCorpus2(): { dir?: string; looked: string[] } {
  const first = findCorpus();
  const looked = [process.env.OM_AUTH_CORPUS2, ...first.looked.map((dir) => join(dir, '../corpus2'))].filter((dir): dir is string => Boolean(dir));
  return { dir: looked.find((dir) => existsSync(join(dir, 'EXPECT.json'))), looked };
}
