// Syntax errors of the parts of a YAML file the auth reading skipped, one top-level section at a time.
import { parseYaml } from './yamlParse';
import { isDotenvName, LARGE_FILE, yamlIssue } from './analyze';
import type { Analysis } from './analyze';
import { detached, isTopLevelLine, keyAt, topLevelSections } from './sections';
import type { Issue } from './model';
import { parseLimitIssue } from './limits';
import { readableText } from './text';

/** Each top-level section's text with its errors at offset 0: what the next version of a document reuses. */
export type SyntaxReadings = Map<string, Issue[]>;

/**
 * Syntax errors outside the auth sections (which the analysis parsed and reported already). Each top-level section is
 * parsed alone and remembered in `readings` by its text, so after an edit only the sections it changed are parsed
 * again. `more` is asked before each parse; when it answers no, the result is undefined and the readings made so far
 * stay, so the caller can go on later. Readings of sections no longer in the text are dropped.
 */
export function syntaxIssues(
  uri: string,
  text: string,
  analysis: Analysis,
  readings: SyntaxReadings = new Map(),
  more: () => boolean = () => true,
): Issue[] | undefined {
  text = readableText(text);
  if (!analysis.blocks || isDotenvName(uri) || text.length > LARGE_FILE) return [];
  const read = new Set(analysis.blocks.slice(0, analysis.blocksRead).map((b) => b.start));
  const sections = topLevelSections(text);
  const kept = new Set<string>();
  const issues: Issue[] = [];
  for (const section of sections) {
    if (read.has(section.start)) continue;
    const source = text.slice(section.start, section.end);
    let errors = readings.get(source);
    if (!errors) {
      if (!more()) return undefined;
      errors = sectionErrors(source);
      readings.set(detached(source), errors);
    }
    kept.add(source);
    for (const e of errors) issues.push({ ...e, span: { start: e.span.start + section.start, end: e.span.end + section.start } });
  }
  for (const source of readings.keys()) if (!kept.has(source)) readings.delete(source);
  issues.push(
    ...acrossSections(
      text,
      sections.map((s) => s.start),
    ),
  );
  const reported = new Set(analysis.model.issues.map((i) => `${i.code}@${i.span.start}`));
  return issues.filter((i) => !reported.has(`${i.code}@${i.span.start}`));
}

function sectionErrors(source: string): Issue[] {
  const limit = parseLimitIssue(source);
  if (limit) return [limit];
  try {
    return parseYaml(source).flatMap((doc) => doc.errors.map(yamlIssue));
  } catch {
    // Nesting deep enough to overflow the parser: the analysis reports that kind of file once, not per section.
    return [];
  }
}

/** A line holding a mapping key: a quoted key, or a plain one (which may start with `:`, `?` or `-` before a non-space). */
const KEY_LINE = /^("[^"\n]*"[ \t]*|'[^'\n]*'[ \t]*|([^\s#\-?:,[\]{}&*!|>'"%@`]|[?:-]\S)[^\n]*?):([ \t\r]|$)/;

/** What a top-level section holds, as far as the document around it is concerned. */
function kindOf(text: string, start: number, end: number, line: string): 'key' | 'item' | 'other' | 'marker' | 'none' {
  if (/^(---|\.\.\.)(\s|$)/.test(line)) return 'marker';
  // The text before the first top-level line: comments, or indented content.
  if (start === 0 && !isTopLevelLine(text, 0)) return /^[ \t]*[^\s#]/m.test(text.slice(0, end)) ? 'other' : 'none';
  if (KEY_LINE.test(line)) return 'key';
  return /^-(\s|$)/.test(line) ? 'item' : 'other';
}

/**
 * What parsing sections one by one cannot see: a top-level key twice in one YAML document, and top-level entries of
 * different kinds in one document (a mapping key after a list item or a bare scalar), which YAML refuses.
 */
function acrossSections(text: string, starts: number[]): Issue[] {
  const issues: Issue[] = [];
  let seen = new Set<string>();
  let first: string | undefined;
  starts.forEach((start, i) => {
    const end = starts[i + 1] ?? text.length;
    const lineEnd = text.indexOf('\n', start) === -1 ? text.length : text.indexOf('\n', start);
    const kind = kindOf(text, start, end, text.slice(start, lineEnd));
    if (kind === 'marker') [seen, first] = [new Set(), undefined];
    if (kind === 'marker' || kind === 'none') return;
    if (first !== undefined && (kind !== first || kind === 'other')) {
      issues.push(
        yamlIssue({
          code: 'UNEXPECTED_TOKEN',
          message: 'this top-level line does not continue the document above it (a key after a list item, a value or indented content)',
          pos: [start, Math.max(start + 1, lineEnd)],
        }),
      );
    }
    first ??= kind;
    const name = kind === 'key' ? keyAt(text, start) : undefined;
    if (!name) return;
    if (seen.has(name)) issues.push(yamlIssue({ code: 'DUPLICATE_KEY', message: 'duplicate key', pos: [start, start + name.length] }));
    seen.add(name);
  });
  return issues;
}
