// Deep or unclosed nesting is cut off before parsing with one note at the place (issue 12, items 2, 3 and 12).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, corpusYamlTexts, URI } from '../helpers';
import { MAX_DEPTH, tooDeepAt } from '../../../server/src/service/limits';

/** A valid block mapping nested `levels` deep under `root`, with a value at the bottom. */
const nestedKeys = (root: string, levels: number) => `${root}:\n${Array.from({ length: levels }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} x\n`;

const tooDeep = (text: string, uri: string = URI.server) =>
  check(text, uri).diagnostics.filter((d) => d.code === 'file-skipped' && (d.data as { kind?: string }).kind === 'too-deep');

describe('nesting deeper than the limit', () => {
  it('valid YAML nested 1,500 levels deep in an auth section: one note at the level past the limit, no stack overflow', () => {
    const { diagnostics } = check(
      `${nestedKeys('authenticationConfiguration', 1500)}authorizerConfiguration:\n  adminPrincipals: [alice]\n  botPrincipals: x\n`,
    );
    assert.ok(!diagnostics.some((d) => /call stack/i.test(d.message)), diagnostics.map((d) => d.message).join('\n'));
    const notes = diagnostics.filter((d) => d.code === 'file-skipped');
    assert.equal(notes.length, 1);
    assert.match(notes[0].message, /nested too deeply to check/);
    assert.equal(notes[0].range.start.line, MAX_DEPTH);
    // The other section is still checked.
    assert.ok(
      diagnostics.some((d) => d.code === 'invalid-type' && d.range.start.line === 1503),
      diagnostics.map((d) => `${d.code}@${d.range.start.line}`).join(),
    );
  });

  it('the same nesting outside the auth sections is reported by the whole-file check at its place', () => {
    const notes = tooDeep(`${nestedKeys('server', 1500)}authenticationConfiguration:\n  provider: basic\n`);
    assert.deepEqual(
      notes.map((d) => d.range.start.line),
      [MAX_DEPTH],
    );
  });

  it('`publicKeyUrls:` followed by a million `[` gives one note, not hundreds of syntax errors', () => {
    const { diagnostics } = check(`authenticationConfiguration:\n  provider: basic\n  publicKeyUrls: ${'['.repeat(1_000_000)}\n`);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['file-skipped'],
    );
    const { line, character } = diagnostics[0].range.start;
    assert.ok(line === 2 && character > 17 && character <= 17 + MAX_DEPTH, `at ${line}:${character}`);
  });

  it('a 1 MB `- - - …` value gives one note', () => {
    for (const text of [
      `authenticationConfiguration:\n  publicKeyUrls: ${'- '.repeat(500_000)}x\n`,
      `authenticationConfiguration:\n  publicKeyUrls:\n    ${'- '.repeat(500_000)}x\n`,
    ]) {
      assert.deepEqual(
        check(text).diagnostics.map((d) => d.code),
        ['file-skipped'],
      );
    }
  });

  it('nesting within the limit is parsed as usual (near miss)', () => {
    assert.equal(tooDeepAt(nestedKeys('a', MAX_DEPTH - 1)), undefined);
    assert.notEqual(tooDeepAt(nestedKeys('a', MAX_DEPTH)), undefined);
    assert.equal(tooDeepAt(`a: ${'['.repeat(MAX_DEPTH - 1)}${']'.repeat(MAX_DEPTH - 1)}\n`), undefined);
    assert.equal(tooDeep(`authenticationConfiguration:\n  publicKeyUrls: ${'['.repeat(30)}${']'.repeat(30)}\n`).length, 0);
  });

  it('brackets in quotes, comments and block scalars do not count', () => {
    const many = '['.repeat(200);
    assert.equal(tooDeepAt(`a: "${many}"\nb: '${many}'\nc: x # ${many}\nd: |\n  ${many}\n  ${' '.repeat(300)}x\ne: 1\n`), undefined);
  });

  it('no sample, fixture or corpus file is too deep', () => {
    const texts = corpusYamlTexts();
    assert.ok(texts.length > 5);
    for (const text of texts) assert.equal(tooDeepAt(text), undefined, text.slice(0, 200));
  });
});
