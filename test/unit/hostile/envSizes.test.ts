// .env files get the treatment of large YAML, and the did-you-mean for unknown names stays cheap (issue 12, item 4).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, seeded, URI } from '../helpers';
import { LARGE_FILE } from '../../../server/src/service/analyze';
import { fixesFor } from '../../../server/src/service/codeActions';
import { ENV_LARGE, MAX_UNKNOWN_KEYS } from '../../../server/src/service/limits';
import { schemaIndex } from '../../../server/src/service/schema';
import { envNameSuggestion, suggester } from '../../../server/src/service/suggest';
import { didYouMean, editDistance } from '../../../server/src/service/text';

const kinds = (text: string) => check(text, URI.dotenv).diagnostics.map((d) => `${d.code}:${(d.data as { kind?: string })?.kind ?? ''}@${d.range.start.line}`);
const unknown = (n: number, prefix = 'SOME_UNKNOWN_VARIABLE_') => Array.from({ length: n }, (_, i) => `${prefix}${i}=value${i}`).join('\n');
const timed = <T>(run: () => T): { value: T; ms: number } => {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
};

describe('.env files past the size limits', () => {
  it('150,000 unknown variables (3.4 MB): one note, answered at once', () => {
    const text = `AUTHENTICATION_PROVIDER=custom-oidc\n${unknown(150_000)}\n`;
    assert.ok(text.length > LARGE_FILE);
    const { value, ms } = timed(() => kinds(text));
    assert.deepEqual(value, ['file-skipped:too-large@0']);
    assert.ok(ms < 1000, `${Math.round(ms)} ms`);
  });

  it('a large file of another application stays silent', () => {
    assert.deepEqual(kinds(`${unknown(150_000, 'DB_SETTING_')}\n`), []);
  });

  it('a large file is read for OpenMetadata-like names only: their typos are still found', () => {
    const text = `${unknown(10_000)}\nAUTHENTICATION_PROVDER=custom-oidc\nAUTHENTICATION_PROVIDER=google\nAUTHORIZER_ADMIN_PRINCIPALS=[alice]\n`;
    assert.ok(text.length > ENV_LARGE && text.length < LARGE_FILE);
    const { diagnostics } = check(text, URI.dotenv);
    assert.deepEqual(diagnostics.map((d) => `${d.code}@${d.range.start.line}`).sort(), ['file-skipped@0', 'unknown-env-var@10000']);
    assert.equal((diagnostics.find((d) => d.code === 'unknown-env-var')!.data as { suggestion?: string }).suggestion, 'AUTHENTICATION_PROVIDER');
  });

  it('12,000 distinct near-miss names under the size limit cost well under a second a read', () => {
    // Each name is a plausible typo family of an auth variable, so every one goes through the did-you-mean.
    const text = `AUTHENTICATION_PROVIDER=google\n${unknown(12_000, 'AUTHENTICATON_X')}\n`;
    assert.ok(text.length < ENV_LARGE * 3);
    const { ms } = timed(() => check(text, URI.dotenv));
    assert.ok(ms < 1500, `${Math.round(ms)} ms`);
  });
});

describe('a variable set again thousands of times', () => {
  const duplicatesOf = (text: string) => check(text, URI.dotenv).diagnostics.filter((d) => (d.data as { kind?: string })?.kind === 'duplicate');

  it('20,000 assignments of one variable: the first hundred earlier ones listed one by one, one note for the rest, no fix for it', () => {
    const text = `AUTHENTICATION_PROVIDER=custom-oidc\n${'AUTHENTICATION_CLIENT_TYPE=public\n'.repeat(20_000)}`;
    assert.ok(text.length < LARGE_FILE);
    const duplicates = duplicatesOf(text);
    assert.equal(duplicates.length, MAX_UNKNOWN_KEYS + 1);
    assert.deepEqual(
      duplicates.slice(0, MAX_UNKNOWN_KEYS).map((d) => d.range.start.line),
      Array.from({ length: MAX_UNKNOWN_KEYS }, (_, i) => i + 1),
    );
    assert.match(duplicates[0].message, /set again on line 3/);
    const note = duplicates[MAX_UNKNOWN_KEYS];
    assert.equal(note.range.start.line, MAX_UNKNOWN_KEYS + 1);
    // 19,999 earlier assignments in all: 100 listed, the note's own line and 19,898 more.
    assert.match(note.message, /19,898 more .*19,999 in all/);
    const { analysis } = check(text, URI.dotenv);
    const start = text.indexOf('AUTHENTICATION_CLIENT_TYPE');
    assert.deepEqual(
      fixesFor(text, analysis, { code: 'malformed-value', start, end: start + 26, data: duplicates[0].data }).map((f) => f.title),
      ['Remove this earlier `AUTHENTICATION_CLIENT_TYPE`'],
    );
    const noteStart = text.indexOf('AUTHENTICATION_CLIENT_TYPE', start + 35 * MAX_UNKNOWN_KEYS);
    assert.deepEqual(fixesFor(text, analysis, { code: 'malformed-value', start: noteStart, end: noteStart + 26, data: note.data }), []);
  });

  it('at the limit every earlier assignment is listed', () => {
    const text = `AUTHENTICATION_PROVIDER=custom-oidc\n${'AUTHENTICATION_CLIENT_TYPE=public\n'.repeat(MAX_UNKNOWN_KEYS + 1)}`;
    const duplicates = duplicatesOf(text);
    assert.equal(duplicates.length, MAX_UNKNOWN_KEYS);
    assert.ok(duplicates.every((d) => /set again on line/.test(d.message)));
  });
});

describe('did-you-mean index', () => {
  const names = [...schemaIndex.envToPath.keys()];
  const next = seeded(3);
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ_';
  const mutate = (w: string) => {
    const at = Math.floor(next() * (w.length + 1));
    const c = letters[Math.floor(next() * letters.length)];
    const r = next();
    return r < 0.33 ? w.slice(0, at) + c + w.slice(at) : r < 0.66 ? w.slice(0, at) + w.slice(at + 1) : w.slice(0, at) + c + w.slice(at + 1);
  };
  const words: string[] = [];
  for (const name of names) {
    let w = name;
    for (let i = 0; i < 4; i++) words.push((w = mutate(w)));
  }
  for (let i = 0; i < 200; i++) words.push(Array.from({ length: 3 + Math.floor(next() * 30) }, () => letters[Math.floor(next() * letters.length)]).join(''));
  words.push('A'.repeat(5000), '');

  it('suggester answers as didYouMean does, for typos of every env name and random words, twice', () => {
    const suggest = suggester(names);
    for (const w of words) {
      assert.equal(suggest(w), didYouMean(w, names), w);
      assert.equal(suggest(w), didYouMean(w, names), `${w}, remembered`);
    }
  });

  it('envNameSuggestion keeps to the name family, as the linear search did', () => {
    const family = (n: string) => n.split('_')[0];
    const linear = (w: string) =>
      didYouMean(
        w,
        names.filter((c) => family(c) === family(w) || editDistance(family(c), family(w), 3) <= Math.floor(Math.max(family(c).length, family(w).length) / 4)),
      );
    for (const w of words) assert.equal(envNameSuggestion(w), linear(w), w);
    assert.equal(envNameSuggestion('OM_SM_CLIENT_ID'), undefined);
  });
});
