// Limits that keep hostile input cheap: how deep and how large YAML may be before it is not parsed.
import type { Issue } from './model';

/**
 * Deeper than this, a YAML text is not parsed. Real configs nest about 20 levels; the `yaml` package recurses per
 * level and overflows Node's default stack near 800 flow levels, and a million unclosed `[` cost it seconds and a
 * diagnostic each. 512 keeps a margin below the overflow.
 */
export const MAX_DEPTH = 512;

/**
 * Above this size a `.env` file is read for the variables named like OpenMetadata's only, as a large YAML file is read
 * for its auth sections: the others are not worth a did-you-mean each on every keystroke.
 */
export const ENV_LARGE = 128 * 1024;

/**
 * Unknown keys of one mapping reported one by one; the rest get one note. A mapping of thousands of them is pasted or
 * generated text, and thousands of diagnostics (each with a did-you-mean search) only bury the first ones.
 */
export const MAX_UNKNOWN_KEYS = 100;

// The bounds on files read from disk live beside their readers in common/ (the client reads the project file too);
// re-exported so that this stays the one place to look up any limit.
export { MAX_GITIGNORE_BYTES, MAX_NEIGHBOUR_BYTES, MAX_SETTINGS_FILE_BYTES } from '../../../common/fileLimits';

const SPACE = 32;
const TAB = 9;
const CR = 13;

const isBlank = (c: number) => c === SPACE || c === TAB || c === CR;

/**
 * The offset where the nesting of a YAML text first goes deeper than `limit`, or undefined. Counts block levels (a
 * line indented past the lines it is under, each `- ` of a compact `- - x`) and flow levels (`[`, `{` outside quotes
 * and comments), skipping block scalars' contents. An approximation of YAML's own nesting that never undercounts what
 * a real config does and visits each character once, so it costs about as much as reading the text.
 */
export function tooDeepAt(text: string, limit = MAX_DEPTH, end = text.length): number | undefined {
  return structureOf(text, limit, end).deepAt;
}

/**
 * The nesting of a text (as `tooDeepAt`) and how many nodes it holds, roughly: a line of structure (not a comment,
 * not inside a block scalar) and a `,` between flow items count one each.
 */
function structureOf(text: string, limit: number, end: number): { deepAt?: number; nodes: number } {
  let nodes = 0;
  /** Columns that open the block levels the current line may be inside. */
  const columns: number[] = [];
  let flow = 0;
  /** Lines indented more than this belong to a block scalar (`|`, `>`) and are text, not structure. */
  let scalarIndent = -1;
  for (let lineStart = 0; lineStart < end;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 || newline > end ? end : newline;
    let pos = lineStart;
    while (pos < lineEnd && text.charCodeAt(pos) === SPACE) pos++;
    const indent = pos - lineStart;
    const blank = pos === lineEnd || isBlank(text.charCodeAt(pos)) || text.charCodeAt(pos) === 35; /* # */
    if (scalarIndent >= 0 && (blank || indent > scalarIndent)) {
      lineStart = lineEnd + 1;
      continue;
    }
    scalarIndent = -1;
    if (!blank) {
      if (flow === 0) {
        while (columns.length && columns[columns.length - 1] >= indent) columns.pop();
        columns.push(indent);
        // A compact sequence: each `- ` opens a level of its own on the same line.
        while (text.charCodeAt(pos) === 45 /* - */ && (pos + 1 === lineEnd || isBlank(text.charCodeAt(pos + 1)))) {
          pos++;
          while (pos < lineEnd && isBlank(text.charCodeAt(pos))) pos++;
          columns.push(pos - lineStart);
          if (columns.length + flow > limit) return { deepAt: pos, nodes };
        }
        if (columns.length > limit) return { deepAt: pos, nodes };
      }
      const scanned = scanFlow(text, pos, lineEnd, flow, limit - columns.length);
      if (scanned.at !== undefined) return { deepAt: scanned.at, nodes };
      flow = scanned.flow;
      nodes += 1 + scanned.commas;
      if (flow === 0 && endsWithBlockScalar(text, pos, lineEnd)) scalarIndent = indent;
    }
    lineStart = lineEnd + 1;
  }
  return { nodes };
}

/**
 * Flow brackets of one line: the depth after it, or where it passed `room` levels. A run of `- ` after a key's colon
 * (`key: - - x`, which YAML refuses but parses level by level) counts a level per dash too.
 */
function scanFlow(text: string, from: number, to: number, depth: number, room: number): { flow: number; commas: number; at?: number } {
  let quote = 0;
  let commas = 0;
  let dashes = 0;
  let previous = 58; // the last non-blank character: a line starts as if after a colon
  for (let pos = from; pos < to; pos++) {
    const c = text.charCodeAt(pos);
    if (quote) {
      if (c === quote) quote = 0;
      else if (c === 92 /* \ */ && quote === 34) pos++;
      continue;
    }
    const before = pos === from ? SPACE : text.charCodeAt(pos - 1);
    if (isBlank(c)) continue;
    const last = previous;
    previous = c;
    if (c === 45 /* - */ && (last === 58 || last === 45) && isBlank(before) && (pos + 1 === to || isBlank(text.charCodeAt(pos + 1)))) {
      if (++dashes + depth > room) return { flow: depth, commas, at: pos };
      continue;
    }
    const tokenStart = isBlank(before) || before === 91 || before === 123 || before === 44 || before === 58; // [ { , :
    if ((c === 34 || c === 39) && tokenStart)
      quote = c; // " '
    else if (c === 35 /* # */ && isBlank(before)) break;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth + dashes > room) return { flow: depth, commas, at: pos };
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
    else if (c === 44 /* , */ && depth > 0) commas++;
  }
  return { flow: depth, commas };
}

/** Whether a line's content ends with a block scalar header (`key: |`, `- >-`, `|2`), before any comment. */
function endsWithBlockScalar(text: string, from: number, to: number): boolean {
  let end = to;
  // Searched within the line only: indexOf would look through the rest of the text on every line.
  for (let pos = from; pos + 1 < to; pos++) {
    if (text.charCodeAt(pos) === SPACE && text.charCodeAt(pos + 1) === 35 /* # */) {
      end = pos;
      break;
    }
  }
  while (end > from && isBlank(text.charCodeAt(end - 1))) end--;
  let pos = end;
  // Indentation and chomping indicators: `|-`, `>+`, `|2-`.
  while (pos > from && '0123456789+-'.includes(text[pos - 1])) pos--;
  const c = text.charCodeAt(pos - 1);
  if (c !== 124 && c !== 62) return false; // | >
  return pos - 1 === from || isBlank(text.charCodeAt(pos - 2));
}

/** The one note for a part that is not parsed: where, why, and which limit it passed. */
function skipped(span: Issue['span'], message: string, kind: 'too-deep' | 'too-large', limit: number): Issue {
  return { code: 'file-skipped', severity: 'information', span, message, data: { kind, limit } };
}

/**
 * The most YAML parsed as one piece (an auth section, a file without auth sections, a section of the whole-file
 * syntax check). Real auth sections are a few kilobytes and the largest real config file seen (a compose quickstart)
 * 29 KB. Within it, MAX_NODES bounds what the parse costs.
 */
export const PARSE_CAP = 64 * 1024;

/**
 * The most nodes (as `structureOf` counts them) parsed as one piece. The `yaml` package's time goes with nodes, not
 * bytes (measured on 56 KB: 3,500 short keys 110–250 ms, a flow mapping of as many pairs the same, 1,000 longer keys
 * 30 ms, comments 10 ms), and most on the first large piece a server reads, before V8 has optimised the parser: in a
 * fresh server 1,500 short keys took 190–230 ms. The largest real piece counts 381 (a compose quickstart, read whole;
 * the chart's `openmetadata:` section of 1.13.1 counts 336).
 */
export const MAX_NODES = 1000;

/** How far into a text too large to parse the nesting is still looked at, to say where it goes too deep (a few ms). */
const DEPTH_SCAN = 4 * PARSE_CAP;

/** The note for a text too deeply nested or too large to parse, or undefined when it may be parsed. */
export function parseLimitIssue(text: string): Issue | undefined {
  // Nesting first: its note says where, which helps more than a size. Only through the first DEPTH_SCAN characters,
  // so a 30 MB text costs no more than that.
  const { deepAt, nodes } = structureOf(text, MAX_DEPTH, Math.min(text.length, DEPTH_SCAN));
  if (deepAt !== undefined)
    return skipped(
      { start: deepAt, end: deepAt + 1 },
      `This YAML is nested too deeply to check (more than ${MAX_DEPTH} levels here), so OpenMetadata Auth does not read this part of the file.`,
      'too-deep',
      MAX_DEPTH,
    );
  if (text.length > PARSE_CAP)
    return skipped(
      { start: 0, end: 0 },
      `This part of the file is too large to check (${Math.round(text.length / 1024)} KB of YAML; the limit is ${PARSE_CAP / 1024} KB), so OpenMetadata Auth does not read it.`,
      'too-large',
      PARSE_CAP,
    );
  if (nodes > MAX_NODES)
    return skipped(
      { start: 0, end: 0 },
      `This part of the file has too many keys and items to check (about ${nodes.toLocaleString('en-US')}; the limit is ${MAX_NODES.toLocaleString('en-US')}), so OpenMetadata Auth does not read it.`,
      'too-large',
      MAX_NODES,
    );
  return undefined;
}
