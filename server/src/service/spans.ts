// Offsets made safe to send: inside the text and never between the two UTF-16 halves of one character.
import type { Range, TextDocument } from 'vscode-languageserver-textdocument';

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Whether `offset` falls between a high and a low surrogate, i.e. inside one character such as an emoji. */
export function splitsPair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

/**
 * A span widened to whole characters and clamped into the text: a parser's one-unit error range at an emoji covers
 * the emoji, and an edit never leaves half of one behind.
 */
export function wholeSpan(text: string, start: number, end: number): { start: number; end: number } {
  let s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  if (splitsPair(text, s)) s--;
  if (splitsPair(text, e)) e++;
  return { start: s, end: e };
}

/** The LSP range of a span of a document's text, as `wholeSpan` makes it: the one way service offsets leave. */
export function rangeOf(document: TextDocument, span: { start: number; end: number }, text = document.getText()): Range {
  const whole = wholeSpan(text, span.start, span.end);
  // The note at the top of a file too large to read: the document's line table (300 ms for 30 MB) is not needed.
  if (whole.end === 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { start: document.positionAt(whole.start), end: document.positionAt(whole.end) };
}
