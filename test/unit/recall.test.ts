// The recall suite (issue 23, item 7): mistakes upstream identified, each as a fixture of its own, run through the
// pipeline the server and the CLI use. Every mistake a file alone can show must be caught with its code at its line,
// and its corrected file (the near miss) must not raise that code; the ones that need a deployment, Keycloak, a
// sign-in or the chart's schema are listed with why. The summary line counts both, and misses are printed, not hidden.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../corpusDir';
import { check } from './helpers';
import { CASES } from '../recall/cases';
import type { RecallCase } from '../recall/cases';

const DIR = join(repoRoot(), 'test/recall');
const fixture = (c: RecallCase, fixed = false) => join(DIR, c.id, ...(fixed ? ['fixed'] : []), c.file);
const codesOf = (c: RecallCase, fixed = false) => check(readFileSync(fixture(c, fixed), 'utf8'), `file:///ws/${c.file}`, c.settings ?? {}).codes;
const name = (codeAtLine: string) => codeAtLine.split('@')[0];

const fileAlone = CASES.filter((c) => !c.needs);
const outside = CASES.filter((c) => c.needs);
const caught = new Set<string>();

describe('recall on upstream-identified mistakes', () => {
  it('the index is sound: at least 30 cases, ids unique, each cited with a cause and a fixture, no fixture without a case', () => {
    assert.ok(CASES.length >= 30, `only ${CASES.length} cases`);
    assert.equal(new Set(CASES.map((c) => c.id)).size, CASES.length, 'duplicate ids');
    for (const c of CASES) {
      assert.match(c.cite, /(#\d+|@[0-9a-f]{7,}|PR #\d+)/, `${c.id}: the citation names no issue, PR or commit`);
      assert.ok(c.cause.length > 20, `${c.id}: no cause`);
      assert.ok(existsSync(fixture(c)), `${c.id}: no fixture ${c.file}`);
      if (c.nearMiss) assert.ok(existsSync(fixture(c, true)), `${c.id}: no near miss`);
      if (c.needs || c.missed) assert.ok(c.why, `${c.id}: says not why it is not caught`);
      if (!c.needs) assert.ok(c.expect.length, `${c.id}: a file-alone case with no expected code`);
    }
    const folders = readdirSync(DIR).filter((f) => statSync(join(DIR, f)).isDirectory());
    assert.deepEqual(
      folders.filter((f) => !CASES.some((c) => c.id === f)),
      [],
      'fixtures without a case',
    );
  });

  for (const c of fileAlone.filter((x) => !x.missed)) {
    it(`${c.id} (${c.cite}): ${c.expect.join(', ')}`, () => {
      const codes = codesOf(c);
      for (const e of c.expect) assert.ok(codes.includes(e), `${c.id}: expected ${e}, got ${codes.join(' ') || 'nothing'}`);
      caught.add(c.id);
      if (c.nearMiss) {
        const fixed = codesOf(c, true).filter((x) => c.expect.some((e) => name(e) === name(x)));
        assert.deepEqual(fixed, [], `${c.id}: the corrected file still raises it`);
      }
    });
  }

  // A known miss must really be missed: once a rule catches it, it belongs among the caught cases.
  for (const c of fileAlone.filter((x) => x.missed)) {
    it(`${c.id} is a known miss (${c.why})`, () => {
      const codes = codesOf(c);
      assert.ok(!c.expect.every((e) => codes.includes(e)), `${c.id} is caught now: drop its missed mark`);
    });
  }

  after(() => {
    const line = (c: RecallCase, what: string) => `  ${c.id} [${c.cite}] ${what}`;
    const missed = fileAlone.filter((c) => !caught.has(c.id));
    const lines = [
      `recall: caught ${caught.size} / known ${CASES.length} (file alone: ${caught.size}/${fileAlone.length}; needing a deployment, Keycloak or a sign-in: ${outside.length})`,
      ...missed.map((c) => line(c, `missed: ${c.why ?? 'expected ' + c.expect.join(', ')}`)),
      ...outside.map((c) => line(c, `needs ${c.needs}: ${c.why}`)),
    ];
    console.log(lines.join('\n'));
  });
});
