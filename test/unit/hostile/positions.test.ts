// Positions after hostile edits: the line table stays right and a change out of bounds is clamped (issue 12, item 6).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ClampedTextDocument, clampPosition, clampRange } from '../../../server/src/documents';
import { analyze, HUGE_FILE } from '../../../server/src/service/analyze';
import { diagnose } from '../../../server/src/service/diagnostics';

const TEXT = 'authenticationConfiguration:\n  provider: customOidc\n  clientType: public\n';

function edited(text: string, range: unknown, inserted: string): TextDocument {
  const document = ClampedTextDocument.create('file:///ws/openmetadata.yaml', 'yaml', 1, text);
  return ClampedTextDocument.update(document, [{ range: range as never, text: inserted }], 2);
}

/** Every position the document answers for its offsets is a whole position inside it. */
function assertLineTable(document: TextDocument): void {
  const text = document.getText();
  const fresh = TextDocument.create(document.uri, 'yaml', 1, text);
  assert.equal(document.lineCount, fresh.lineCount);
  for (let offset = 0; offset <= text.length; offset++) assert.deepEqual(document.positionAt(offset), fresh.positionAt(offset), `offset ${offset}`);
}

describe('positions after hostile edits', () => {
  it('a `\\r` inserted before a `\\n` joins them into one line break: the next diagnostic stays on its line', () => {
    const document = edited(TEXT, { start: { line: 0, character: 28 }, end: { line: 0, character: 28 } }, '\r');
    assert.equal(document.getText(), TEXT.replace('\n', '\r\n'));
    assertLineTable(document);
    const d = diagnose(document, analyze(document.uri, document.getText()), {}).find((x) => x.code === 'invalid-value')!;
    assert.equal(d.range.start.line, 1);
  });

  it('a change whose range lies past the end, or is negative, fractional, reversed or missing a number, is clamped', () => {
    const cases: [unknown, string][] = [
      [{ start: { line: 40, character: 3 }, end: { line: 99, character: 0 } }, `${TEXT}X`],
      [{ start: { line: 1, character: 500 }, end: { line: 1, character: 900 } }, TEXT.replace('customOidc', 'customOidcX')],
      [{ start: { line: -3, character: -1 }, end: { line: 0, character: 0 } }, `X${TEXT}`],
      [{ start: { line: 0.7, character: 2.9 }, end: { line: 0, character: 4 } }, `auX${TEXT.slice(4)}`],
      [{ start: { line: 1, character: 0 }, end: { line: 0, character: 0 } }, `X${TEXT.slice(TEXT.indexOf('\n') + 1)}`],
      [{ start: { line: 2 }, end: { line: 2 } }, TEXT.replace('  clientType', 'X  clientType')],
      [{ start: { line: Number.NaN, character: 'a' }, end: null }, `X${TEXT}`],
    ];
    for (const [range, expected] of cases) {
      const document = edited(TEXT, range, 'X');
      assert.equal(document.getText(), expected, JSON.stringify(range));
      assertLineTable(document);
      for (const d of diagnose(document, analyze(document.uri, document.getText()), {})) {
        for (const p of [d.range.start, d.range.end])
          assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character) && p.line < document.lineCount, JSON.stringify(p));
      }
    }
  });

  it('a change that starts or ends between the halves of a surrogate pair applies where the client says (issue 22, item 17)', () => {
    const document = TextDocument.create('file:///ws/openmetadata.yaml', 'yaml', 1, 'a: 😀\n');
    assert.deepEqual(clampPosition(document, { line: 0, character: 4 }), { line: 0, character: 4 });
    const ranges = [
      { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } },
      { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } },
      { start: { line: 0, character: 4 }, end: { line: 0, character: 5 } },
    ];
    for (const range of ranges) {
      // What the client's own copy of the text becomes.
      const client = TextDocument.update(TextDocument.create('file:///c', 'yaml', 1, 'a: 😀\n'), [{ range, text: 'X' }], 2).getText();
      assert.equal(edited('a: 😀\n', range, 'X').getText(), client, JSON.stringify(range));
    }
    assert.equal(edited('a: 😀\n', ranges[0], 'X').getText(), 'a: \ud83dX\ude00\n');
  });

  it('a file past the document limit takes its changes without a line table, to the same text the table gives', () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `    - https://h${i}.example.org/x${i % 97 === 0 ? ' 😀' : ''}`);
    const text = `authenticationConfiguration:\n  publicKeyUrls:\n${lines.join('\n')}\n`;
    assert.ok(text.length > HUGE_FILE && !text.includes('\r'));
    const emoji = text.indexOf('😀');
    const at = TextDocument.create('file:///x', 'yaml', 1, text).positionAt(emoji);
    const ranges = [
      { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } },
      { start: { line: 100_000, character: 3 }, end: { line: 100_001, character: 500 } },
      { start: { line: at.line, character: at.character + 1 }, end: { line: at.line, character: at.character + 1 } },
      { start: { line: 9_999_999, character: 0 }, end: { line: 9_999_999, character: 4 } },
      { start: { line: 5, character: 9 }, end: { line: 2, character: -3 } },
      { start: { line: 3, character: Number.NaN }, end: { line: 3.5, character: 1e9 } },
    ];
    for (const range of ranges) {
      const huge = edited(text, range, 'X\n');
      const byTable = TextDocument.create('file:///ws/openmetadata.yaml', 'yaml', 1, text);
      const expected = TextDocument.update(byTable, [{ range: clampRange(byTable, range as never), text: 'X\n' }], 2).getText();
      assert.equal(huge.getText(), expected, JSON.stringify(range));
      assert.equal(huge.version, 2);
    }
  });
});
