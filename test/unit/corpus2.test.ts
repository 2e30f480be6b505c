// Corpus conformance, second set: real files of many releases (../shared/corpus2) against the checks of its EXPECT.json,
// each with the release set as the file's era and again with the release left to detection.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { corpusMissing, findCorpus2 } from '../corpusDir';
import { check } from './helpers';
import type { ServiceSettings } from '../../server/src/service/validate';

const { dir: CORPUS, looked } = findCorpus2();

/** One check of EXPECT.json; every field is optional and all given ones must hold. */
interface Expectation {
  id: string;
  file: string;
  /** The release the file was written for. */
  version?: string;
  mustInclude?: string[];
  mustExclude?: string[];
  /** At least one of these codes. */
  anyOf?: string[];
  noErrors?: boolean;
  /** No error and no warning, except the `allow` codes. */
  noErrorsOrWarnings?: boolean;
  allow?: string[];
  /** Not an OpenMetadata config at all: nothing is reported. */
  none?: boolean;
}

/** The problems that break the expectation, empty when it holds. */
export function unmet(e: Expectation, diagnostics: { code?: unknown; severity?: number; range: { start: { line: number } }; message: string }[]): string[] {
  const codes = diagnostics.map((d) => String(d.code));
  const out: string[] = [];
  const shown = (filter: (d: (typeof diagnostics)[number]) => boolean) =>
    diagnostics.filter(filter).map((d) => `${String(d.code)}@${d.range.start.line + 1}: ${d.message.slice(0, 140)}`);
  for (const code of e.mustInclude ?? []) if (!codes.includes(code)) out.push(`missing ${code}`);
  for (const code of e.mustExclude ?? []) if (codes.includes(code)) out.push(`unexpected ${code}: ${shown((d) => d.code === code).join(' | ')}`);
  if (e.anyOf && !e.anyOf.some((c) => codes.includes(c))) out.push(`none of ${e.anyOf.join(', ')}`);
  if (e.noErrors) out.push(...shown((d) => d.severity === 1).map((s) => `error ${s}`));
  if (e.noErrorsOrWarnings)
    out.push(...shown((d) => (d.severity === 1 || d.severity === 2) && !(e.allow ?? []).includes(String(d.code))).map((s) => `finding ${s}`));
  if (e.none && diagnostics.length) out.push(`not an OpenMetadata config, yet: ${shown(() => true).join(' | ')}`);
  return out;
}

describe('corpus conformance, second set', () => {
  if (!CORPUS) {
    it('reads the second corpus', { skip: corpusMissing(looked) }, () => {});
    return;
  }
  const expectations = JSON.parse(readFileSync(join(CORPUS, 'EXPECT.json'), 'utf8')) as Expectation[];
  for (const e of expectations) {
    const runs: [string, ServiceSettings][] = e.version
      ? [
          [`release ${e.version} set`, { openmetadataVersion: e.version }],
          ['release detected', {}],
        ]
      : [['release detected', {}]];
    for (const [how, settings] of runs) {
      it(`${e.id}/${e.file}, ${how}`, () => {
        const text = readFileSync(join(CORPUS, e.id, e.file), 'utf8');
        const { diagnostics } = check(text, `file:///corpus2/${e.id}/${e.file}`, settings);
        assert.deepEqual(unmet(e, diagnostics), []);
      });
    }
  }

  it('reads every file of the set, including those without checks of their own, without throwing', () => {
    let read = 0;
    for (const id of readdirSync(CORPUS).filter((f) => statSync(join(CORPUS, f)).isDirectory())) {
      for (const file of readdirSync(join(CORPUS, id), { recursive: true }).map(String)) {
        if (!statSync(join(CORPUS, id, file)).isFile()) continue;
        check(readFileSync(join(CORPUS, id, file), 'utf8'), `file:///corpus2/${id}/${file}`);
        read++;
      }
    }
    assert.ok(read >= expectations.length, `only ${read} files read`);
  });
});
