// Test helpers: documents from inline text with a `|` caret, diagnostics in one call, edits applied as whole texts.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, syntaxIssues } from '../../server/src/service/analyze';
import { diagnose } from '../../server/src/service/diagnostics';
import type { ServiceSettings } from '../../server/src/service/validate';
import { applyChanges } from '../../server/src/service/edits';
import { fixesFor } from '../../server/src/service/codeActions';

/** A document from text; a `|` marks the cursor and is removed. */
export function doc(text: string, uri = 'file:///ws/openmetadata.yaml'): { document: TextDocument; offset: number } {
  const offset = text.indexOf('|');
  const clean = offset === -1 ? text : text.slice(0, offset) + text.slice(offset + 1);
  return { document: TextDocument.create(uri, 'yaml', 1, clean), offset: offset === -1 ? 0 : offset };
}

/** Diagnostics of a text as `code@line` plus the full list. */
export function check(text: string, uri = 'file:///ws/openmetadata.yaml', settings: ServiceSettings = {}) {
  const document = TextDocument.create(uri, 'yaml', 1, text);
  const analysis = analyze(uri, text);
  const diagnostics = diagnose(document, analysis, settings, syntaxIssues(uri, text, analysis));
  return { analysis, diagnostics, codes: diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}`) };
}

/** Applies the fix with the given title (or the preferred one) for the first diagnostic with `code`; returns the new text. */
export function fix(text: string, code: string, title?: string, uri = 'file:///ws/openmetadata.yaml', settings: ServiceSettings = {}): string {
  const { analysis, diagnostics } = check(text, uri, settings);
  const document = TextDocument.create(uri, 'yaml', 1, text);
  const d = diagnostics.find((x) => x.code === code);
  if (!d) throw new Error(`no ${code} diagnostic in:\n${text}`);
  const fixes = fixesFor(text, analysis, { code, start: document.offsetAt(d.range.start), end: document.offsetAt(d.range.end), data: d.data });
  const chosen = title ? fixes.find((f) => f.title.includes(title)) : (fixes.find((f) => f.preferred) ?? fixes[0]);
  if (!chosen) throw new Error(`no fix ${title ?? '(preferred)'} for ${code}; have: ${fixes.map((f) => f.title).join(', ')}`);
  return applyChanges(text, chosen.changes);
}
