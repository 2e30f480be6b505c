// Small text helpers shared by the service: lines, whole-line removal, indentation and did-you-mean suggestions.
import type { Span, TextChange } from './model';

/**
 * The text with each lone CR written as LF: YAML 1.2 and LSP both read a lone CR as a line break, and the service reads
 * line breaks as `\n`. One character for one, so every offset and position holds for the text as it is.
 */
export function readableText(text: string): string {
  if (!text.includes('\r')) return text;
  const parts: string[] = [];
  let from = 0;
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    if (text[i + 1] === '\n') continue;
    parts.push(text.slice(from, i), '\n');
    from = i + 1;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** The line break a text uses (its first one): `\r\n`, a lone `\r`, or `\n` (also for a text of one line). */
export function lineBreakOf(text: string): string {
  const cr = text.indexOf('\r');
  const lf = text.indexOf('\n');
  if (cr === -1 || (lf !== -1 && lf < cr)) return '\n';
  return text[cr + 1] === '\n' ? '\r\n' : '\r';
}

/**
 * A change as written into the text itself: its line breaks the text's own, and an end that falls between the CR and
 * LF of a line break moved before the CR (no LSP position names that point; VS Code would put it there).
 */
export function inLineBreaksOf(text: string, change: TextChange): TextChange {
  const eol = lineBreakOf(text);
  const named = (o: number) => (o > 0 && text[o - 1] === '\r' && text[o] === '\n' ? o - 1 : o);
  const newText = eol === '\n' && !change.newText.includes('\r') ? change.newText : change.newText.replace(/\r\n|\r|\n/g, eol);
  return { ...change, start: named(change.start), end: named(change.end), newText };
}

/** Offsets where each line starts; `lineStarts[i]` is the offset of line i. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Index of the line holding an offset (binary search over line starts). */
export function lineIndexOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Offset where the line holding `offset` starts. */
export const lineStartOf = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;

/** Offset of the line break ending the line holding `offset` (or the end of the text). */
export function lineEndOf(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i === -1 ? text.length : i;
}

/**
 * The edit that removes the whole lines a span touches, with their line break: the one way lines are removed. An item
 * of a flow collection (`[A=x, B=y]`, `{a: x}`, JSON) shares its lines with its neighbours and the brackets: only the
 * item goes, with one separating comma.
 */
export function wholeLines(text: string, span: Span): TextChange {
  const start = lineStartOf(text, span.start);
  let end = text.indexOf('\n', Math.max(span.end - 1, span.start));
  end = end === -1 ? text.length : end + 1;
  const before = text.slice(start, span.start).trimEnd();
  const after = text.slice(span.end, end).trimStart();
  if ('[{,'.includes(before[before.length - 1] || '.') || ']}'.includes(after[0] || '.')) return flowItem(text, span);
  return { start, end, newText: '' };
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** The edit that removes an item of a flow collection with the comma after it (the one before it for the last item). */
function flowItem(text: string, span: Span): TextChange {
  let after = span.end;
  while (isBlank(text[after])) after++;
  if (text[after] === ',') {
    after++;
    while (text[after] === ' ' || text[after] === '\t') after++;
    return { start: span.start, end: after, newText: '' };
  }
  let before = span.start;
  while (before > 0 && isBlank(text[before - 1])) before--;
  return { start: text[before - 1] === ',' ? before - 1 : span.start, end: span.end, newText: '' };
}

/** An edit stored relative to a diagnostic's start, so it still applies when the client sends the range back. */
export interface RelativeEdit {
  offset: number;
  length: number;
  newText: string;
}

export function relative(spanStart: number, change: TextChange): RelativeEdit {
  return { offset: change.start - spanStart, length: change.end - change.start, newText: change.newText };
}

/** The edit a diagnostic's data carries, back in offsets of the text; undefined when it does not fit the text. */
export function absolute(context: { text: string; start: number }, edit: unknown): TextChange | undefined {
  const e = edit as Partial<RelativeEdit> | undefined;
  if (!e || typeof e.offset !== 'number' || typeof e.length !== 'number' || typeof e.newText !== 'string') return undefined;
  const start = context.start + e.offset;
  if (start < 0 || start + e.length > context.text.length) return undefined;
  return { start, end: start + e.length, newText: e.newText };
}

/** `text` without the run of `chars` at its end: what `replace(/x+$/, '')` does, without a regex that backtracks. */
export function trimEnd(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end--;
  return text.slice(0, end);
}

/** `text` without the run of `chars` at its start. */
export function trimStart(text: string, chars: string): string {
  let start = 0;
  while (start < text.length && chars.includes(text[start])) start++;
  return text.slice(start);
}

/**
 * The column where the node whose value starts at `offset` starts: before its tag and anchor (`!!str key`, `&a key`),
 * which the parser leaves out of the value's range but which set the indentation of the mapping.
 */
export function nodeColumn(text: string, offset: number): number {
  const lineStart = lineStartOf(text, offset);
  let at = offset;
  for (;;) {
    let end = at;
    while (end > lineStart && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    let start = end;
    while (start > lineStart && text[start - 1] !== ' ' && text[start - 1] !== '\t') start--;
    if (start === end || (text[start] !== '!' && text[start] !== '&')) break;
    at = start;
  }
  return at - lineStart;
}

/** Count of leading spaces of a line. */
export function indentOf(line: string): number {
  let n = 0;
  while (n < line.length && line[n] === ' ') n++;
  return n;
}

/** Levenshtein distance, bounded: returns `max + 1` as soon as the distance exceeds `max`. */
export function editDistance(a: string, b: string, max = 8): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The candidate closest to `word` (case-insensitive), if close enough to be a plausible typo:
 * within a third of the word's length, or one being a prefix/suffix of the other.
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const limit = Math.max(2, Math.floor(Math.max(c.length, lower.length) / 3));
    const d = editDistance(lower, c, limit);
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
