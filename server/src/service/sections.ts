// Top-level sections of a YAML text found by scanning lines, without parsing: where the auth settings can be.
import type { ConfigModel, Span, TopLevelKey } from './model';

/**
 * The top-level keys under which a server config, workflow or Helm values file keeps its auth settings, and the
 * blocks rules read next to them (Helm `extraEnvs`, the legacy `airflowConfiguration` auth).
 */
const AUTH_SECTIONS = [
  'authenticationConfiguration',
  'authorizerConfiguration',
  'jwtTokenConfiguration',
  'workflowConfig',
  'openmetadata',
  'global',
  'extraEnvs',
  'airflowConfiguration',
];

/** Whether the line at `pos` starts at column 0 with something other than a comment, i.e. a top-level node. */
export function isTopLevelLine(text: string, pos: number): boolean {
  const c = text.charCodeAt(pos);
  // Not space, tab, newline, carriage return or `#` (and not past the end, where `c` is NaN).
  return c === c && c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 35;
}

/** Whether a name is one under which auth settings (or what their rules read) can sit at the top level. */
export const isAuthSectionName = (name: string): boolean => AUTH_SECTIONS.includes(name);

/**
 * A top-level line whose key is an auth section's name, read as `topLevelKeys` reads keys: the keys of the auth
 * sections are then the top-level keys of those names, which the rules look up without a scan of every line.
 */
function isAuthHeader(text: string, pos: number): boolean {
  return AUTH_SECTIONS.some((name) => text.startsWith(name, pos)) && isAuthSectionName(keyAt(text, pos) ?? '');
}

/** Where the section that starts at `start` ends: the next top-level line, or the end of the text. */
function sectionEnd(text: string, start: number): number {
  for (let pos = text.indexOf('\n', start); pos !== -1; pos = text.indexOf('\n', pos + 1)) {
    if (isTopLevelLine(text, pos + 1)) return pos + 1;
  }
  return text.length;
}

/** Calls `visit` with the offset of every line start in [from, to]; `from` must be a line start. */
function eachLineStart(text: string, from: number, to: number, visit: (offset: number) => void): void {
  for (let pos = from; pos <= to && pos < text.length;) {
    visit(pos);
    const next = text.indexOf('\n', pos);
    if (next === -1) break;
    pos = next + 1;
  }
}

/**
 * Every top-level section: from one top-level line to the next, comments and blank lines included, the text before
 * the first one being a section too. Together they cover the whole text.
 */
export function topLevelSections(text: string): Span[] {
  const starts: number[] = [0];
  eachLineStart(text, 0, text.length, (pos) => {
    if (pos > 0 && isTopLevelLine(text, pos)) starts.push(pos);
  });
  return starts.map((start, i) => ({ start, end: starts[i + 1] ?? text.length }));
}

/**
 * A copy of a slice that does not share memory with the text it came from: V8 slices point into their parent string,
 * so a slice kept for the next version of a document would keep this whole version alive.
 */
export function detached(slice: string): string {
  return JSON.parse(JSON.stringify(slice)) as string;
}

const spansFrom = (text: string, starts: number[]): Span[] => starts.map((start) => ({ start, end: sectionEnd(text, start) }));

/**
 * The top-level sections that carry auth settings, each running to the next top-level line. A single pass of
 * `indexOf('\n')`: a multiline regex over a 20,000-line text costs more than everything else on a keystroke.
 */
export function authSections(text: string): Span[] {
  const starts: number[] = [];
  eachLineStart(text, 0, text.length, (pos) => {
    if (isTopLevelLine(text, pos) && isAuthHeader(text, pos)) starts.push(pos);
  });
  return spansFrom(text, starts);
}

/**
 * The same as `authSections(text)`, computed from the sections of the text's previous version: only the lines an edit
 * touched are scanned, so a keystroke in a big file does not visit its other 20,000 lines (nor the million lines of
 * the section it is in: a section's end moves with the edit unless the edited lines hold a top-level line).
 */
export function authSectionsAfterEdit(previousText: string, previous: Span[], text: string): Span[] {
  if (previousText === text) return previous.map((s) => ({ ...s }));
  const prefix = commonPrefix(previousText, text);
  const suffix = commonSuffix(previousText, text, Math.min(previousText.length, text.length) - prefix);
  const delta = text.length - previousText.length;
  // Lines that start from the edited line up to the first unchanged character may be new, or changed, headers.
  const from = text.lastIndexOf('\n', prefix - 1) + 1;
  const to = text.length - suffix;
  /** Where the unchanged tail starts in the previous text. */
  const tail = previousText.length - suffix;
  const topLevelEdited: number[] = [];
  const spans: Span[] = [];
  eachLineStart(text, from, to, (pos) => {
    if (isTopLevelLine(text, pos)) topLevelEdited.push(pos);
  });
  // A section that ran into the edited lines ends at the first top-level line among them, else where it ended before.
  const endOf = (section: Span): number => {
    if (section.end < from) return section.end;
    const edited = topLevelEdited.find((pos) => pos > section.start);
    if (edited !== undefined) return edited;
    if (section.end === previousText.length) return text.length;
    return section.end - 1 >= tail ? section.end + delta : sectionEnd(text, section.start);
  };
  for (const s of previous) if (s.start < from) spans.push({ start: s.start, end: endOf(s) });
  for (const pos of topLevelEdited) if (isAuthHeader(text, pos)) spans.push({ start: pos, end: sectionEnd(text, pos) });
  // A header whose preceding newline is in the unchanged tail is the same header, moved by the edit, and so is its end.
  for (const s of previous) if (s.start - 1 >= tail) spans.push({ start: s.start + delta, end: s.end + delta });
  return spans;
}

/** Top-level sections of a text, and for each the index of a section of the previous version with the same text. */
export interface SectionIndex {
  sections: Span[];
  /** -1 for a section the edit changed, or that is new. */
  same: number[];
}

/**
 * `topLevelSections(text)` computed from the previous version's: only the lines an edit touched are scanned, and every
 * section wholly before or after the edit is matched to the previous section of the same text, so what was computed
 * from that text can be used again.
 */
export function sectionsAfterEdit(previousText: string, previous: Span[], text: string): SectionIndex {
  if (previousText === text) return { sections: previous.map((s) => ({ ...s })), same: previous.map((_, i) => i) };
  const prefix = commonPrefix(previousText, text);
  const suffix = commonSuffix(previousText, text, Math.min(previousText.length, text.length) - prefix);
  const delta = text.length - previousText.length;
  const from = text.lastIndexOf('\n', prefix - 1) + 1;
  const to = text.length - suffix;
  const tail = previousText.length - suffix;
  const starts: number[] = [0];
  /** For each start, the previous section it continues (before the edit) or is (after it), else -1. */
  const origin: number[] = [0];
  for (let i = 1; i < previous.length && previous[i].start < from; i++) {
    starts.push(previous[i].start);
    origin.push(i);
  }
  eachLineStart(text, from, to, (pos) => {
    if (pos > 0 && isTopLevelLine(text, pos)) {
      starts.push(pos);
      origin.push(-1);
    }
  });
  for (let i = 1; i < previous.length; i++) {
    if (previous[i].start - 1 < tail) continue;
    starts.push(previous[i].start + delta);
    origin.push(i);
  }
  const sections = starts.map((start, i) => ({ start, end: starts[i + 1] ?? text.length }));
  const same = sections.map((s, i) => {
    const j = origin[i];
    if (j < 0) return -1;
    // After the edit, a section and its end (the next section, or the end of the text) moved with it.
    if (s.start - 1 >= to) return j;
    // Before it, only a section that ended where it ended before, within the unchanged start, has the same text.
    return s.end <= prefix && s.end === previous[j].end ? j : -1;
  });
  return { sections, same };
}

const commonPrefix = (a: string, b: string): number => agreeing(Math.min(a.length, b.length), (from, to) => a.slice(from, to) === b.slice(from, to));
const commonSuffix = (a: string, b: string, max: number): number =>
  agreeing(max, (from, to) => a.slice(a.length - to, a.length - from) === b.slice(b.length - to, b.length - from));

/**
 * How far two texts agree, up to `max`, where `same(from, to)` compares them over [from, to): ever larger segments
 * are compared until one differs, which is then halved down to the first difference. V8 compares slices of flat
 * strings natively, so each character is read about twice in a few dozen calls, instead of a JavaScript loop over
 * every character of a 20,000-line file on every keystroke.
 */
function agreeing(max: number, same: (from: number, to: number) => boolean): number {
  let at = 0;
  for (let size = 1024; at < max; size *= 2) {
    const end = Math.min(max, at + size);
    if (!same(at, end)) {
      let [low, high] = [at, end];
      while (high - low > 1) {
        const mid = (low + high) >> 1;
        if (same(low, mid)) low = mid;
        else high = mid;
      }
      return low;
    }
    at = end;
  }
  return max;
}

const TOP_KEY = /([A-Za-z_][\w.-]*)[ \t]*:(?=[ \t\r\n]|$)/y;

/** The plain key a line at `pos` starts with (`name:` followed by a space or the line's end), if any. */
export function keyAt(text: string, pos: number): string | undefined {
  TOP_KEY.lastIndex = pos;
  return TOP_KEY.exec(text)?.[1];
}

/**
 * The top-level keys of a model with one of the auth sections' names: from those sections when the file was read by
 * them (`sectionKeys`), so a rule's look-up costs as many sections as the file has, not as many lines.
 */
export function topLevelNamed(model: ConfigModel, name: string): TopLevelKey[] {
  return (model.sectionKeys && isAuthSectionName(name) ? model.sectionKeys : model.topLevel).filter((t) => t.name === name);
}

/** Every top-level key, for rules that look beyond the auth sections (`global:`, `airflowConfiguration:`). */
export function topLevelKeys(text: string): { name: string; span: Span }[] {
  const keys: { name: string; span: Span }[] = [];
  eachLineStart(text, 0, text.length, (pos) => {
    const name = isTopLevelLine(text, pos) ? keyAt(text, pos) : undefined;
    if (name) keys.push({ name, span: { start: pos, end: pos + name.length } });
  });
  return keys;
}
