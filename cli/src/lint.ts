// One file through the language service, exactly as the server computes its diagnostics, and --fix on top of it.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Analysis } from '../../server/src/service/analyze';
import { checkText as checkDocument } from '../../server/src/service/check';
import type { DocumentCheck, NeighbourText } from '../../server/src/service/check';
import { applyChanges } from '../../server/src/service/edits';
import type { Fix, TextChange } from '../../server/src/service/model';
import type { ServiceSettings } from '../../server/src/service/validate';

/** What a file is checked with besides its text: the run's settings and the files beside it that may name the release. */
export interface FileContext {
  uri: string;
  settings: ServiceSettings;
  neighbours: NeighbourText[];
}

export interface Checked {
  document: TextDocument;
  analysis: Analysis;
  /** The run's settings with the release the file or its neighbours name, as the server's documentSettings. */
  settings: ServiceSettings;
  /** Empty for a file that is not an OpenMetadata config (then `analysis.shape` is null). */
  diagnostics: Diagnostic[];
  check: DocumentCheck;
  /** The settings of the run, before the release was filled in. */
  given: ServiceSettings;
}

/** The whole pipeline on one text: the server runs the syntax check off the keystroke path, a batch run to the end. */
export function checkText(file: FileContext, text: string): Checked {
  const { check, settings, diagnostics } = checkDocument({ uri: file.uri, text, settings: file.settings, neighbours: file.neighbours });
  return { document: check.document, analysis: check.analysis, settings, diagnostics, check, given: file.settings };
}

export function fixesOf(checked: Checked, diagnostic: Diagnostic): Fix[] {
  return checked.check.fixes(diagnostic, checked.given);
}

/** The fix `--fix` may apply on its own: the preferred one, with an edit and no question to the user. */
export function safeFix(fixes: Fix[]): Fix | undefined {
  return fixes.find((f) => f.preferred && !f.command && f.changes.length > 0);
}

export interface Applied {
  code: string;
  title: string;
  /** 1-based line of the diagnostic in the text the fix was applied to. */
  line: number;
}

/** Fixes --fix applies to one file at most: a bound on the re-checks, whatever the fixes do. */
export const MAX_FIX_PASSES = 50;

/** Where an offset of the text before the changes is after them; undefined when a change replaced it. */
function mapped(offset: number, changes: readonly TextChange[]): number | undefined {
  let shift = 0;
  for (const c of changes) {
    if (c.end <= offset) shift += c.newText.length - (c.end - c.start);
    else if (c.start < offset) return undefined;
  }
  return offset + shift;
}

const BROKEN = new Set(['yaml-syntax', 'duplicate-key']);

/**
 * Whether a fix applied did its work: its diagnostic is gone (none with the same code and message where it was) and
 * it broke no YAML (no more syntax errors or duplicate keys than before).
 */
function worked(before: Checked, diagnostic: Diagnostic, changes: readonly TextChange[], after: Checked): boolean {
  const count = (c: Checked, code: string) => c.diagnostics.filter((d) => d.code === code).length;
  if ([...BROKEN].some((code) => count(after, code) > count(before, code))) return false;
  const at = mapped(before.document.offsetAt(diagnostic.range.start), changes);
  return !after.diagnostics.some((d) => d.code === diagnostic.code && d.message === diagnostic.message && after.document.offsetAt(d.range.start) === at);
}

/**
 * Applies the safe fix of one diagnostic at a time, re-checking after each, until none is left to apply (or the bound):
 * two fixes of one problem (a rename and an "Add" of the same key) are never applied together, and a fix whose
 * diagnostic stays, or that breaks the YAML, is undone and not tried again, so it is not applied over and over.
 */
export function fixText(file: FileContext, text: string): { text: string; applied: Applied[]; passes: number } {
  const applied: Applied[] = [];
  const refused = new Set<string>();
  let checked = checkText(file, text);
  let passes = 0;
  let tries = 0;
  for (let progress = true; progress && passes < MAX_FIX_PASSES;) {
    progress = false;
    for (const diagnostic of checked.diagnostics) {
      const fix = safeFix(fixesOf(checked, diagnostic));
      const key = fix && `${String(diagnostic.code)}\u0000${diagnostic.message}\u0000${fix.title}`;
      if (!fix || !key || refused.has(key)) continue;
      if (++tries > 4 * MAX_FIX_PASSES) return { text: checked.document.getText(), applied, passes };
      const current = checked.document.getText();
      const changes = [...fix.changes].sort((a, b) => a.start - b.start);
      const next = applyChanges(current, changes);
      const after = next === current ? undefined : checkText(file, next);
      if (!after || !worked(checked, diagnostic, changes, after)) {
        refused.add(key);
        continue;
      }
      applied.push({ code: String(diagnostic.code), title: fix.title, line: diagnostic.range.start.line + 1 });
      checked = after;
      passes++;
      progress = true;
      break;
    }
  }
  return { text: checked.document.getText(), applied, passes };
}
