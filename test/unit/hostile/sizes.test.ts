// What is too large to read in one piece gets one note, and what is read stays cheap (issue 12, item 5).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, URI } from '../helpers';
import { PARSE_CAP } from '../../../server/src/service/limits';

const kinds = (text: string, uri: string) => check(text, uri).diagnostics.map((d) => `${d.code}:${(d.data as { kind?: string })?.kind ?? ''}@${d.range.start.line}`);

describe('auth sections and files too large to parse', () => {
  it('a 30 MB auth list of a million items: one note at its section, the other section still checked', () => {
    const items = Array.from({ length: 1_000_000 }, (_, i) => `    - https://h${i}.example.org/x`).join('\n');
    const text = `authorizerConfiguration:\n  botPrincipals: x\nauthenticationConfiguration:\n  publicKeyUrls:\n${items}\n`;
    assert.ok(text.length > 30_000_000);
    const found = kinds(text, URI.server);
    assert.ok(found.includes('file-skipped:too-large@2'), found.join());
    assert.ok(found.includes('invalid-type:@1'), found.join());
    assert.ok(found.length < 6, found.join());
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

  it('a compose file past the cap that sets auth variables gets one note; unrelated YAML gets none', () => {
    const services = Array.from({ length: 5_000 }, (_, i) => `  s${i}:\n    image: x:${i}\n    environment:\n      - AUTHENTICATION_PROVIDER=basic`).join('\n');
    assert.ok(services.length > PARSE_CAP);
    assert.deepEqual(kinds(`services:\n${services}\n`, URI.compose), ['file-skipped:too-large@0']);
    assert.deepEqual(kinds(`services:\n${services.replaceAll('AUTHENTICATION_PROVIDER', 'OTHER')}\n`, URI.compose), []);
  });
});
