// The layers hold: no module depends on itself through others (type imports count: they tie the layers as much),
// and the canonical model is a leaf that knows no file shape.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { repoRoot } from '../corpusDir';

const ROOT = repoRoot();
const PRODUCT = ['server/src', 'client/src', 'cli/src', 'keycloak', 'common'];

/** Every product module and the product modules it imports (`import`, `import type`, `export … from`). */
function importGraph(): Map<string, string[]> {
  // A folder renamed away must fail here, not drop silently out of the check.
  for (const d of PRODUCT) assert.ok(existsSync(join(ROOT, d)), `${d} is listed as product code but does not exist`);
  const files = PRODUCT.map((d) => join(ROOT, d)).flatMap((d) =>
    readdirSync(d, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => resolve(d, f)),
  );
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const targets: string[] = [];
    for (const m of text.matchAll(/^(?:import|export)\s[^;]*?\bfrom\s+'(\.{1,2}\/[^']+)'/gm)) {
      const base = resolve(dirname(file), m[1]);
      const target = [`${base}.ts`, join(base, 'index.ts')].find((t) => known.has(t));
      if (target) targets.push(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** The strongly connected groups of more than one module (Tarjan), each a cycle or several. */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(group);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('the layers', () => {
  it('finds a cycle when there is one (the check itself)', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    assert.deepEqual(
      cycles(graph).map((g) => g.sort()),
      [['a', 'b', 'c']],
    );
  });

  it('has no import cycle in the product, type imports included', () => {
    const graph = importGraph();
    assert.ok(graph.size > 50, `only ${graph.size} modules found`);
    const found = cycles(graph).map((group) => group.map((f) => relative(ROOT, f)).sort());
    assert.deepEqual(found, [], found.map((g) => g.join(' → ')).join('\n'));
  });

  it('keeps the canonical model a leaf: type imports only, from modules that know no file shape', () => {
    const model = join(ROOT, 'server/src/service/model.ts');
    const imports = [...readFileSync(model, 'utf8').matchAll(/^import\b[^;]*;/gm)].map((m) => m[0]);
    assert.ok(imports.length > 0);
    for (const line of imports) assert.match(line, /^import type /, line);
    for (const line of imports) assert.doesNotMatch(line, /shapes|surfaces|rules|analyze/, line);
  });
});
