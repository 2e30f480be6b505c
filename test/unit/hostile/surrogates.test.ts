// Ranges never split a surrogate pair: an emoji is one character to the user and to VS Code (issue 12, item 7).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { check, URI } from '../helpers';
import { analyze } from '../../../server/src/service/analyze';
import { codeActions } from '../../../server/src/service/codeActions';
import { splitsPair, wholeSpan } from '../../../server/src/service/spans';

const E = '😀';

function assertWhole(
  document: TextDocument,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
  what: string,
): void {
  const text = document.getText();
  for (const p of [range.start, range.end]) assert.ok(!splitsPair(text, document.offsetAt(p)), `${what} splits ${E} at ${JSON.stringify(p)}`);
}

describe('surrogate pairs', () => {
  it('a syntax error at an emoji covers the whole emoji', () => {
    const text = `authorizerConfiguration:\n  adminPrincipals: ${E}: x\n`;
    const document = TextDocument.create(URI.server, 'yaml', 1, text);
    const { diagnostics } = check(text);
    const error = diagnostics.find((d) => d.code === 'yaml-syntax');
    assert.ok(error, diagnostics.map((d) => d.code).join());
    for (const d of diagnostics) assertWhole(document, d.range, d.code as string);
    assert.equal(document.getText(error.range), E);
  });

  it('fix edits never split one, wherever an emoji sits in a file with fixes', () => {
    const base =
      'authenticationConfiguration:\n  provider: customOidc\n  clientType: pubic\n  callbackUrl: http://x/callback\nauthorizerConfiguration:\n  adminPrincipals: [admin]\n';
    for (let at = 0; at <= base.length; at++) {
      const text = base.slice(0, at) + E + base.slice(at);
      const document = TextDocument.create(URI.server, 'yaml', 1, text);
      const { diagnostics } = check(text);
      for (const d of diagnostics) assertWhole(document, d.range, `${d.code} with ${E} at ${at}`);
      for (const action of codeActions(document, analyze(document.uri, text), diagnostics)) {
        for (const change of action.edit?.documentChanges ?? [])
          for (const edit of 'edits' in change ? change.edits : []) assertWhole(document, edit.range, `${action.title} with ${E} at ${at}`);
      }
    }
  });

  it('wholeSpan widens to whole characters and clamps into the text', () => {
    assert.deepEqual(wholeSpan(`a${E}b`, 2, 3), { start: 1, end: 3 });
    assert.deepEqual(wholeSpan(`a${E}b`, 1, 2), { start: 1, end: 3 });
    assert.deepEqual(wholeSpan('ab', -4, 99), { start: 0, end: 2 });
    assert.deepEqual(wholeSpan('ab', 2, 1), { start: 2, end: 2 });
  });
});
