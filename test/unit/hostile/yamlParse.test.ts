// parseYaml reports exactly the errors of the `yaml` package's own duplicate-key check, in linear time.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import type { Document } from 'yaml';
import { parseYaml } from '../../../server/src/service/yamlParse';
import { corpusYamlTexts, seeded } from '../helpers';

const errors = (docs: Document[], at = (e: { pos: [number, number] }) => e.pos[0]) => docs.flatMap((d) => d.errors.map((e) => `${e.code}@${at(e)}`)).sort();
/**
 * The package's own check. It places a duplicate key's error at the whitespace before the key (the line break of the
 * line above, for a block mapping), parseYaml at the key itself, so both are compared at the key.
 */
const reference = (text: string) => {
  const docs = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false });
  const atKey = (e: { pos: [number, number]; code?: string }) => {
    let at = e.pos[0];
    if (e.code === 'DUPLICATE_KEY') while (/\s/.test(text[at] ?? '')) at++;
    return at;
  };
  return errors(Array.isArray(docs) ? (docs as Document[]) : [], atKey);
};

const CASES = [
  'a: 1\na: 2\n',
  'a:\n  b: 1\n  c: 2\n  b: 3\nd: [1, {x: 1, x: 2}]\n',
  '1: x\n"1": y\n1: z\ntrue: a\ntrue: b\n~: n\nnull: m\n',
  '---\na: 1\n---\na: 2\na: 3\n',
  '- a: 1\n  a: 2\n- {b: 1, b: 1}\n',
];

describe('parseYaml', () => {
  it('finds the same errors as the package with uniqueKeys, on crafted duplicates', () => {
    for (const text of CASES) assert.deepEqual(errors(parseYaml(text)), reference(text), text);
  });

  it('finds the same errors on every sample, fixture and corpus YAML file and random line duplications of it', () => {
    const next = seeded(7);
    for (const text of corpusYamlTexts()) {
      const name = text.slice(0, 80);
      assert.deepEqual(errors(parseYaml(text)), reference(text), name);
      const lines = text.split('\n');
      for (let i = 0; i < 20; i++) {
        const at = Math.floor(next() * lines.length);
        const copy = [...lines.slice(0, at + 1), lines[at], ...lines.slice(at + 1)].join('\n');
        assert.deepEqual(errors(parseYaml(copy)), reference(copy), `${name}, line ${at + 1} doubled`);
      }
    }
  });

  it('reports a duplicate in a mapping of 20,000 keys, in well under a second', () => {
    const started = performance.now();
    const keys = Array.from({ length: 20_000 }, (_, i) => `  k${i}: v`);
    keys.push('  k17: again');
    const text = `authenticationConfiguration:\n${keys.join('\n')}\n`;
    assert.deepEqual(errors(parseYaml(text)), [`DUPLICATE_KEY@${text.indexOf('  k17: again') + 2}`]);
    assert.ok(performance.now() - started < 3000, `${Math.round(performance.now() - started)} ms`);
  });
});
