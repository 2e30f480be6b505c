// What is too large to read in one piece gets one note, and what is read stays cheap (issue 12, item 5).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, fixesOf, URI } from '../helpers';
import { fixesFor } from '../../../server/src/service/codeActions';
import { MAX_NODES, MAX_UNKNOWN_KEYS, PARSE_CAP } from '../../../server/src/service/limits';
import { HUGE_FILE, LARGE_FILE } from '../../../server/src/service/analyze';

const kinds = (text: string, uri: string) =>
  check(text, uri).diagnostics.map((d) => `${d.code}:${(d.data as { kind?: string })?.kind ?? ''}@${d.range.start.line}`);

describe('auth sections and files too large to parse', () => {
  it('a 3 MB auth list: one note at its section, the other section still checked', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => `    - https://h${i}.example.org/x`).join('\n');
    const text = `authorizerConfiguration:\n  botPrincipals: x\nauthenticationConfiguration:\n  publicKeyUrls:\n${items}\n`;
    assert.ok(text.length > LARGE_FILE && text.length < HUGE_FILE);
    const found = kinds(text, URI.server);
    assert.ok(found.includes('file-skipped:too-large@2'), found.join());
    assert.ok(found.includes('invalid-type:@1'), found.join());
    assert.ok(found.length < 6, found.join());
  });

  it('a 30 MB file is past the document limit: one note at its top, nothing read, no completion, hover or hints', () => {
    const items = Array.from({ length: 1_000_000 }, (_, i) => `    - https://h${i}.example.org/x`).join('\n');
    const text = `# header\nclusterName: om\nauthorizerConfiguration:\n  botPrincipals: x\nauthenticationConfiguration:\n  publicKeyUrls:\n${items}\n`;
    assert.ok(text.length > 30_000_000);
    const { analysis, diagnostics } = check(text, URI.server);
    assert.deepEqual(
      diagnostics.map((d) => `${d.code}:${(d.data as { kind?: string }).kind}@${d.range.start.line}`),
      ['file-skipped:too-large@0'],
    );
    assert.match(diagnostics[0].message, /too large to check \(3\d\.\d MB; the limit is 5 MB\)/);
    assert.equal(analysis.shape, 'server');
    assert.equal(analysis.unread, true);
    // Near miss: unrelated YAML past the limit stays silent.
    assert.deepEqual(kinds(`a: 1\nb:\n${items}\n`, URI.server), []);
  });

  it('answers a 30 MB auth list within seconds (minutes before the cap), at once for an auth section just past it', () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => `    - https://h${i}.example.org/x`).join('\n');
    const justPast = `authenticationConfiguration:\n  publicKeyUrls:\n${items(Math.ceil(PARSE_CAP / 30))}\n`;
    let started = performance.now();
    assert.ok(kinds(justPast, URI.server).includes('file-skipped:too-large@0'));
    assert.ok(performance.now() - started < 2500, `${Math.round(performance.now() - started)} ms`);
    started = performance.now();
    kinds(`authenticationConfiguration:\n  publicKeyUrls:\n${items(1_000_000)}\n`, URI.server);
    assert.ok(performance.now() - started < 10000, `${Math.round(performance.now() - started)} ms`);
  });

  it('thousands of unknown keys in one auth mapping: the first hundred one by one, one note for the rest, no fix for it', () => {
    const keys = (n: number) =>
      `authenticationConfiguration:\n  provider: ldap\n  ldapConfiguration:\n${Array.from({ length: n }, (_, i) => `    k${i}: v${i}`).join('\n')}\n`;
    const text = keys(800);
    assert.ok(text.length < PARSE_CAP);
    const unknown = check(text, URI.server).diagnostics.filter((d) => d.code === 'unknown-key');
    assert.equal(unknown.length, MAX_UNKNOWN_KEYS + 1);
    const note = unknown[MAX_UNKNOWN_KEYS];
    assert.equal(note.range.start.line, 3 + MAX_UNKNOWN_KEYS);
    assert.match(note.message, /699 more .*800 in all/);
    assert.deepEqual(
      fixesOf(text, 'unknown-key').map((f) => f.title),
      ['Remove `k0`'],
    );
    const { analysis, settings } = check(text, URI.server);
    const start = text.indexOf(`k${MAX_UNKNOWN_KEYS}:`);
    assert.deepEqual(fixesFor(text, analysis, { code: 'unknown-key', start, end: start + 4, data: note.data }, settings), []);
    // Near miss: at the limit every key is listed.
    assert.equal(check(keys(MAX_UNKNOWN_KEYS), URI.server).diagnostics.filter((d) => d.code === 'unknown-key').length, MAX_UNKNOWN_KEYS);
  });

  it('a section of thousands of short keys or items under the byte cap: one note, as for one past it', () => {
    const section = (body: string) => `authenticationConfiguration:\n  provider: ldap\n  ldapConfiguration:\n${body}\n`;
    const many = MAX_NODES + 500;
    const texts = {
      keys: section(Array.from({ length: many }, (_, i) => `    k${i}: v${i}`).join('\n')),
      flow: section(`    k: {${Array.from({ length: many }, (_, i) => `k${i}: v${i}`).join(', ')}}`),
      list: section(`    k:\n${Array.from({ length: many }, (_, i) => `      - i${i}`).join('\n')}`),
    };
    for (const [name, text] of Object.entries(texts)) {
      assert.ok(text.length < PARSE_CAP, name);
      const { diagnostics } = check(text, URI.server);
      assert.deepEqual(
        diagnostics.map((d) => `${d.code}:${(d.data as { kind?: string }).kind}@${d.range.start.line}`),
        ['file-skipped:too-large@0'],
        name,
      );
      assert.match(diagnostics[0].message, /too many keys and items to check \(about 1,5\d\d; the limit is 1,000\)/, name);
    }
    // Near misses: what costs the parser little counts little. Long values, comments, block scalar lines and commas
    // inside quotes or comments, as many bytes as above, are read.
    const cheap = {
      'long values': section(Array.from({ length: 800 }, (_, i) => `    key_number_${i}: ${'value'.repeat(9)}${i}`).join('\n')),
      comments: section(`    bindDN: x\n${Array.from({ length: many }, (_, i) => `    # c ${i}, a, b`).join('\n')}`),
      'block scalar': section(`    bindDN: |\n${Array.from({ length: many }, (_, i) => `      line ${i}, a, b`).join('\n')}`),
      'quoted commas': section(`    bindDN: "${Array.from({ length: many }, (_, i) => `${i},`).join('')}"\n    other: '${','.repeat(many)}'`),
    };
    for (const [name, text] of Object.entries(cheap)) {
      assert.ok(text.length < PARSE_CAP, name);
      const found = kinds(text, URI.server);
      assert.ok(!found.some((k) => k.startsWith('file-skipped')), `${name}: ${found.join()}`);
    }
    assert.ok(
      kinds(section(Array.from({ length: 800 }, (_, i) => `    key_number_${i}: ${'value'.repeat(9)}${i}`).join('\n')), URI.server).includes('unknown-key:@3'),
    );
  });

  it('a compose file past the cap that sets auth variables gets one note; unrelated YAML gets none', () => {
    const services = Array.from({ length: 5_000 }, (_, i) => `  s${i}:\n    image: x:${i}\n    environment:\n      - AUTHENTICATION_PROVIDER=basic`).join('\n');
    assert.ok(services.length > PARSE_CAP);
    assert.deepEqual(kinds(`services:\n${services}\n`, URI.compose), ['file-skipped:too-large@0']);
    assert.deepEqual(kinds(`services:\n${services.replaceAll('AUTHENTICATION_PROVIDER', 'OTHER')}\n`, URI.compose), []);
  });
});
