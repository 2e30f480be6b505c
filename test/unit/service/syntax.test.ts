// The whole-file syntax check, read section by section: the same verdict as parsing the whole file, at the cost of
// the sections an edit changed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { analyze } from '../../../server/src/service/analyze';
import { corpusYamlTexts, seeded } from '../helpers';
import { syntaxIssues } from '../../../server/src/service/syntax';
import type { SyntaxReadings } from '../../../server/src/service/syntax';

const URI = 'file:///ws/openmetadata.yaml';
const yamlFiles = corpusYamlTexts();

/** Syntax-level issues of a text: the auth sections' from the analysis, the rest from the section-wise check. */
function sectionWise(text: string, readings?: SyntaxReadings) {
  const analysis = analyze(URI, text);
  const own = analysis.model.issues.filter((i) => i.code === 'yaml-syntax' || i.code === 'duplicate-key');
  return { analysis, issues: [...own, ...(syntaxIssues(URI, text, analysis, readings) ?? [])] };
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** Counts the sections a check parses: `more` is asked once before each parse. */
function parses(text: string, readings: SyntaxReadings): number {
  let count = 0;
  syntaxIssues(URI, text, analyze(URI, text), readings, () => ++count > 0);
  return count;
}

const FILE = 'database:\n  host: localhost\nauthenticationConfiguration:\n  provider: basic\nserver:\n  port: 8585\nlogging:\n  level: INFO\n';

describe('syntax check by sections', () => {
  it('agrees with a whole-file parse on whether a file has syntax errors, over random edits of the corpus', () => {
    const next = seeded(3);
    const pieces = [
      '\n',
      ' ',
      '#',
      'x',
      ':',
      '[',
      ']',
      '"',
      "'",
      '{',
      '- ',
      '&a ',
      '*a',
      '\n  - item\n',
      '\nfoo: bar\n',
      '\t',
      '---\n',
      'database:',
      '\r\n',
      '\nkey: value\r\n',
    ];
    let compared = 0;
    for (const original of yamlFiles) {
      let text = original;
      for (let i = 0; i < 30; i++) {
        const start = Math.floor(next() * (text.length + 1));
        text = text.slice(0, start) + pieces[Math.floor(next() * pieces.length)] + text.slice(start + (next() < 0.5 ? 0 : Math.floor(next() * 5)));
        const { analysis, issues } = sectionWise(text);
        if (!analysis.blocks) continue;
        const whole = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: false }).flatMap((d) => d.errors);
        assert.equal(
          issues.length > 0,
          whole.length > 0,
          `${JSON.stringify(text)}\nsections: ${issues.map((x) => `${lineOf(text, x.span.start)} ${x.message}`).join('; ')}\nwhole: ${whole.map((e) => `${lineOf(text, e.pos[0])} ${e.message}`).join('; ')}`,
        );
        compared++;
      }
    }
    assert.ok(compared > 150, `compared ${compared}`);
  });

  it('reports an error outside the auth sections on its line', () => {
    const text = FILE.replace('port: 8585', 'port: [8585');
    const { issues } = sectionWise(text);
    assert.deepEqual(
      issues.map((i) => i.code),
      ['yaml-syntax'],
    );
    // The parser reports an unclosed flow sequence where the section ends.
    assert.ok(issues[0].span.start > text.indexOf('[8585') && issues[0].span.start <= text.indexOf('logging:'));
  });

  it('finds a top-level key twice in one document, not across documents', () => {
    const twice = sectionWise(`${FILE}server:\n  port: 1\n`).issues;
    assert.deepEqual(
      twice.map((i) => [i.code, lineOf(`${FILE}server:\n  port: 1\n`, i.span.start)]),
      [['duplicate-key', 9]],
    );
    assert.deepEqual(sectionWise(`${FILE}---\nserver:\n  port: 1\n`).issues, []);
  });

  it('finds a mapping key after a top-level list item or bare value', () => {
    assert.equal(sectionWise(`- item\n${FILE}`).issues[0]?.code, 'yaml-syntax');
    assert.equal(sectionWise(`just a value\n${FILE}`).issues[0]?.code, 'yaml-syntax');
    assert.deepEqual(sectionWise(`# a comment\n${FILE}`).issues, []);
  });

  it('parses again only the sections an edit changed, and forgets sections that are gone', () => {
    const readings: SyntaxReadings = new Map();
    assert.equal(parses(FILE, readings), 3); // database, server, logging
    assert.equal(parses(FILE.replace('8585', '8586'), readings), 1);
    assert.equal(parses(FILE.replace('8585', '8586').replace('basic', 'google'), readings), 0, 'auth sections are the analysis’s job');
    assert.equal(parses(FILE.replace('8585', '8586').replace('logging:\n  level: INFO\n', ''), readings), 0);
    assert.equal(readings.size, 2);
  });

  it('stops when told to and finishes later with the same result', () => {
    const text = FILE.replace('host: localhost', 'host: [localhost');
    const analysis = analyze(URI, text);
    const readings: SyntaxReadings = new Map();
    let budget = 2;
    assert.equal(
      syntaxIssues(URI, text, analysis, readings, () => budget-- > 0),
      undefined,
    );
    assert.equal(readings.size, 2);
    assert.deepEqual(
      syntaxIssues(URI, text, analysis, readings, () => true),
      syntaxIssues(URI, text, analysis),
    );
  });
});
