// Files from public sources stay in ../shared: the repository holds no byte-for-byte copy of any of them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { corpusMissing, findCorpus, repoRoot } from '../corpusDir';

const sha1 = (path: string) => createHash('sha1').update(readFileSync(path)).digest('hex');

describe('the repository keeps no copy of ../shared', () => {
  const { dir, looked } = findCorpus();
  it('no tracked file has the bytes of a corpus file', { skip: dir ? false : corpusMissing(looked) }, () => {
    const shared = new Map(
      readdirSync(dir!)
        .filter((f) => statSync(join(dir!, f)).isFile())
        .map((f) => [sha1(join(dir!, f)), f]),
    );
    const root = repoRoot();
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
    const copies = tracked
      .filter((f) => statSync(join(root, f), { throwIfNoEntry: false })?.isFile() && shared.has(sha1(join(root, f))))
      .map((f) => `${f} = ../shared/corpus/${shared.get(sha1(join(root, f)))}`);
    assert.deepEqual(copies, []);
  });
});
