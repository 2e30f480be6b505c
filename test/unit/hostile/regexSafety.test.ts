// Every regular expression in the product runs on user text or a server's answer (a Keycloak login page, a token's
// claims), so none may backtrack super-linearly (issue 12, item 1; issue 22, item 7).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../../corpusDir';
import { check } from '../helpers';
import type * as TypeScript from 'typescript';
import type * as Recheck from 'recheck';

// Loaded at run time: both are devDependencies kept out of the test bundle.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ts = require('typescript') as typeof TypeScript;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkSync } = require('recheck') as typeof Recheck;

interface Literal {
  where: string;
  source: string;
  flags: string;
}

/** Every folder of product code: the language server, the Keycloak code, what they share, the extension and the CLI. */
export const SOURCE_FOLDERS = ['server/src', 'keycloak', 'common', 'client/src', 'cli/src'];

/** Every regular expression literal in the product's sources, found by the TypeScript parser rather than by a regex. */
function literals(): Literal[] {
  const root = repoRoot();
  const files = SOURCE_FOLDERS.flatMap((folder) =>
    readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
      .map((f) => join(folder, f)),
  );
  const found: Literal[] = [];
  for (const file of files) {
    const path = join(root, file);
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: TypeScript.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText();
        const slash = text.lastIndexOf('/');
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        found.push({ where: `${relative(root, path)}:${line}`, source: text.slice(1, slash), flags: text.slice(slash + 1) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('regular expressions on user text', () => {
  const all = literals();

  it('finds the literals to check, in every source folder', () => {
    assert.ok(all.length > 40, `only ${all.length} literals found`);
    for (const folder of SOURCE_FOLDERS)
      assert.ok(
        all.some((l) => l.where.startsWith(`${folder}/`)),
        `no literal found under ${folder}`,
      );
  });

  it('none backtracks super-linearly (checked by recheck)', () => {
    const unsafe: string[] = [];
    for (const { where, source, flags } of all) {
      // A sticky expression only matches at lastIndex: recheck judges it as one anchored there.
      const sticky = flags.includes('y');
      const check = () => checkSync(sticky ? `^(?:${source})` : source, flags.replace('y', ''), { timeout: 20_000 });
      let result = check();
      // 'unknown' is the checker running out of time (on a machine busy with the other test files), not a verdict.
      for (let retry = 0; retry < 2 && result.status === 'unknown'; retry++) result = check();
      if (result.status === 'vulnerable') unsafe.push(`${where} /${source}/${flags}: ${result.complexity.summary}, e.g. ${result.attack.pattern.slice(0, 60)}`);
      else if (result.status !== 'safe') unsafe.push(`${where} /${source}/${flags}: ${result.status} (${JSON.stringify(result.error)})`);
    }
    assert.deepEqual(unsafe, []);
  });

  it('a top-level key line of 100,000 spaces without a colon is checked in well under a second', () => {
    const text = `authenticationConfiguration:\n  provider: basic\nx${' '.repeat(100_000)}y\n`;
    const started = performance.now();
    check(text);
    assert.ok(performance.now() - started < 1000, `${Math.round(performance.now() - started)} ms`);
  });
});
