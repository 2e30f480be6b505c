// What the fixes write and what the service reads stay sound on hostile text (issue 22, items 12 and 15 to 27).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, codesOf, URI } from '../helpers';

/** Milliseconds one call takes. */
function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

describe('item 12: a key without the space after its colon', () => {
  it('is read in linear time when a long run of blanks follows the value', () => {
    const text = `authenticationConfiguration:\n  provider: custom-oidc\n  clientId:x${' '.repeat(60_000)}y: v\n`;
    let codes: string[] = [];
    const ms = timed(() => (codes = codesOf(text, URI.server, 'malformed-value')));
    assert.deepEqual(codes, ['malformed-value@3']);
    assert.ok(ms < 1000, `${Math.round(ms)} ms`);
  });
  it('still reads the value meant, quoted or not', () => {
    for (const [line, meant] of [
      ['clientId:"abc"', 'abc'],
      ["clientId:'abc' ", 'abc'],
      ['clientId:"abc', '"abc'],
    ]) {
      const text = `authenticationConfiguration:\n  provider: custom-oidc\n  ${line}\n`;
      const d = check(text).diagnostics.find((x) => x.code === 'malformed-value');
      assert.equal((d?.data as { value?: { text: string } })?.value?.text, meant, line);
    }
  });
});

describe('item 15: one mistake, one short list of syntax errors', () => {
  const storms = {
    'adjacent flow collections': '[a]'.repeat(2000),
    'stray closing brackets': '}'.repeat(6000),
  };
  for (const [name, junk] of Object.entries(storms)) {
    it(`${name} in an auth section: a capped list, fast`, () => {
      const text = `authenticationConfiguration:\n  provider: custom-oidc\n  publicKeyUrls: ${junk}\n`;
      let syntax: string[] = [];
      const ms = timed(() => (syntax = codesOf(text, URI.server, 'yaml-syntax')));
      assert.ok(syntax.length > 0 && syntax.length <= 21, `${syntax.length} syntax errors`);
      assert.ok(ms < 150, `${Math.round(ms)} ms`);
    });
    it(`${name} in a section the whole-file syntax check reads: a capped list, fast`, () => {
      const text = `other:\n  key: ${junk}\nauthenticationConfiguration:\n  provider: basic\n`;
      let syntax: string[] = [];
      const ms = timed(() => (syntax = codesOf(text, URI.server, 'yaml-syntax')));
      assert.ok(syntax.length > 0 && syntax.length <= 21, `${syntax.length} syntax errors`);
      assert.ok(ms < 150, `${Math.round(ms)} ms`);
    });
    it(`${name} in a \${VAR:-…} default and a .env value: read as text, fast`, () => {
      const conf = `authenticationConfiguration:\n  provider: custom-oidc\n  publicKeyUrls: \${KEYS:-${junk}}\n`;
      const env = `AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_PUBLIC_KEYS=${junk}\n`;
      for (const [text, uri] of [
        [conf, URI.server],
        [env, URI.dotenv],
      ]) {
        let n = 0;
        const ms = timed(() => (n = check(text, uri).diagnostics.length));
        assert.ok(n < 25, `${n} diagnostics`);
        assert.ok(ms < 150, `${Math.round(ms)} ms`);
      }
    });
  }
  it('a later document after a storm is still read', () => {
    const text = `other: ${'}'.repeat(3000)}\n---\nauthenticationConfiguration:\n  provider: basic\n  clientType: pubic\n`;
    assert.deepEqual(codesOf(text, URI.server, 'invalid-value'), ['invalid-value@5']);
  });
});
