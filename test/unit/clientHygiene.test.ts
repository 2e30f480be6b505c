// Defects of the extension's own code that no run in VS Code shows until much later: a setting read past the one place
// that validates settings, a listener nothing disposes (it outlives a deactivation and fires into a dead collection).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../corpusDir';

const clientFiles = () =>
  readdirSync(join(repoRoot(), 'client/src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: `client/src/${f}`, lines: readFileSync(join(repoRoot(), 'client/src', f), 'utf8').split('\n') }));

describe('the extension code', () => {
  it('reads its settings through config.ts only, which validates them (a blank caFile, a zero timeout)', () => {
    const readers = clientFiles()
      .filter(({ file }) => file !== 'client/src/config.ts')
      .flatMap(({ file, lines }) => lines.flatMap((line, i) => (/\.getConfiguration\(/.test(line) ? [`${file}:${i + 1}`] : [])));
    assert.deepEqual(readers, []);
  });

  it('keeps every event listener it registers, to dispose of it', () => {
    // A listener registered as a statement of its own (not an argument, not assigned) returns its Disposable to nobody.
    const code = (line: string) => line.replace(/\/\/.*$/, '').trim();
    const statementStart = (lines: string[], i: number) => {
      const before = lines.slice(0, i).map(code).filter(Boolean).pop() ?? '';
      return before === '' || /[;{}]$/.test(before);
    };
    const dropped = clientFiles().flatMap(({ file, lines }) =>
      lines.flatMap((line, i) => (/^\s*(void\s+)?vscode\.\w+\.onDid\w+\(/.test(line) && statementStart(lines, i) ? [`${file}:${i + 1}`] : [])),
    );
    assert.deepEqual(dropped, []);
  });
});
