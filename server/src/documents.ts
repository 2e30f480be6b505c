// The documents the server keeps, with every change's range clamped into the document before it is applied.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';

const whole = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 0);
const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * A position a client sent, made one the document has: whole non-negative numbers (a missing or non-numeric one is 0,
 * where the library would compute NaN offsets and replace the whole text), at most the end of its line or of the
 * document, and never between the two halves of a surrogate pair.
 */
export function clampPosition(document: TextDocument, position: Partial<Position> | undefined): Position {
  let offset = document.offsetAt({ line: whole(position?.line), character: whole(position?.character) });
  const text = document.getText();
  if (offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset))) offset--;
  return document.positionAt(offset);
}

/** A range made of clamped positions, its ends in order. */
export function clampRange(document: TextDocument, range: Partial<Range>): Range {
  const [a, b] = [clampPosition(document, range.start), clampPosition(document, range.end)];
  return document.offsetAt(a) <= document.offsetAt(b) ? { start: a, end: b } : { start: b, end: a };
}

/** `TextDocument`'s own create and update, for `TextDocuments`, with each incremental change clamped first. */
export const ClampedTextDocument = {
  create: TextDocument.create,
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    // Changes apply one after another, so each is clamped against the text the ones before it left.
    for (const change of changes) {
      const clamped = 'range' in change && change.range ? { range: clampRange(document, change.range), text: String(change.text ?? '') } : { text: String(change.text ?? '') };
      TextDocument.update(document, [clamped], version);
    }
    if (!changes.length) TextDocument.update(document, [], version);
    return document;
  },
};
