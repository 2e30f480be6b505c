// The documents the server keeps, with every change's range clamped into the document before it is applied.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { HUGE_FILE } from './service/analyze';

const whole = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 0);

/**
 * A position a client sent, made one the document has: whole non-negative numbers (a missing or non-numeric one is 0,
 * where the library would compute NaN offsets and replace the whole text), at most the end of its line or of the
 * document. One between the two halves of a surrogate pair stays there: the client changed its text at that point, and
 * a change applied anywhere else would leave the server's text different from the client's for good.
 */
export function clampPosition(document: TextDocument, position: Partial<Position> | undefined): Position {
  return document.positionAt(document.offsetAt({ line: whole(position?.line), character: whole(position?.character) }));
}

/** A range made of clamped positions, its ends in order. */
export function clampRange(document: TextDocument, range: Partial<Range>): Range {
  const [a, b] = [clampPosition(document, range.start), clampPosition(document, range.end)];
  return document.offsetAt(a) <= document.offsetAt(b) ? { start: a, end: b } : { start: b, end: a };
}

/**
 * The offset of a clamped position found by scanning for line breaks, without the document's line table: for a text
 * with `\n` line breaks only (a `\r` is a line break too for LSP, and then the caller uses the table).
 */
function scannedOffset(text: string, position: Partial<Position> | undefined): number {
  let start = 0;
  for (let line = whole(position?.line); line > 0; line--) {
    const newline = text.indexOf('\n', start);
    if (newline === -1) return text.length;
    start = newline + 1;
  }
  const newline = text.indexOf('\n', start);
  return Math.min(start + whole(position?.character), newline === -1 ? text.length : newline);
}

/**
 * A change to a document past the size the service reads, applied without its line table: the library builds that
 * table on the first change, 300 ms for 30 MB, for positions no request of such a file needs. Undefined when the
 * text has a `\r` (the table handles those line breaks) or is not that large.
 */
function hugeUpdate(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument | undefined {
  let text = document.getText();
  if (text.length <= HUGE_FILE || text.includes('\r') || changes.some((c) => String(c.text ?? '').includes('\r'))) return undefined;
  for (const change of changes) {
    if (!('range' in change) || !change.range) {
      text = String(change.text ?? '');
      continue;
    }
    const [a, b] = [scannedOffset(text, change.range.start), scannedOffset(text, change.range.end)];
    text = text.slice(0, Math.min(a, b)) + String(change.text ?? '') + text.slice(Math.max(a, b));
  }
  return TextDocument.create(document.uri, document.languageId, version, text);
}

/** `TextDocument`'s own create and update, for `TextDocuments`, with each incremental change clamped first. */
export const ClampedTextDocument = {
  create: TextDocument.create,
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    const huge = hugeUpdate(document, changes, version);
    if (huge) return huge;
    // Changes apply one after another, so each is clamped against the text the ones before it left.
    for (const change of changes) {
      const clamped =
        'range' in change && change.range
          ? { range: clampRange(document, change.range), text: String(change.text ?? '') }
          : { text: String(change.text ?? '') };
      TextDocument.update(document, [clamped], version);
    }
    if (!changes.length) TextDocument.update(document, [], version);
    return document;
  },
};
