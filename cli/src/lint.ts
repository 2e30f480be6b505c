// One file through the language service, exactly as the server computes its diagnostics, and --fix on top of it.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyze } from '../../server/src/service/analyze';
import type { Analysis } from '../../server/src/service/analyze';
import { fixesFor } from '../../server/src/service/codeActions';
import { diagnose } from '../../server/src/service/diagnostics';
import { applyChanges } from '../../server/src/service/edits';
import { releaseFor, withRelease } from '../../server/src/service/release';
import { syntaxIssues } from '../../server/src/service/syntax';
import type { Neighbour } from '../../common/neighbours';
import type { Fix } from '../../server/src/service/rules/types';
import type { ServiceSettings } from '../../server/src/service/validate';
import type { TextChange } from '../../server/src/service/surfaces/model';

/** What a file is checked with besides its text: the run's settings and the files beside it that may name the release. */
export interface FileContext {
  uri: string;
  settings: ServiceSettings;
  neighbours: Neighbour[];
}

export interface Checked {
  document: TextDocument;
  analysis: Analysis;
  /** The run's settings with the release the file or its neighbours name, as the server's documentSettings. */
  settings: ServiceSettings;
  /** Empty for a file that is not an OpenMetadata config (then `analysis.shape` is null). */
  diagnostics: Diagnostic[];
}

export function checkText(file: FileContext, text: string): Checked {
  const { uri } = file;
  const document = TextDocument.create(uri, 'yaml', 1, text);
  const analysis = analyze(uri, text);
  const settings = withRelease(file.settings, releaseFor(file.settings, text, uri.slice(uri.lastIndexOf('/') + 1), file.neighbours));
  // The server runs the whole-file syntax check off the keystroke path; a batch run simply runs it to the end.
  const diagnostics = analysis.shape ? diagnose(document, analysis, settings, syntaxIssues(uri, text, analysis) ?? []) : [];
  return { document, analysis, settings, diagnostics };
}

export function fixesOf(checked: Checked, diagnostic: Diagnostic): Fix[] {
  const { document, analysis, settings } = checked;
  const start = document.offsetAt(diagnostic.range.start);
  const end = document.offsetAt(diagnostic.range.end);
  return fixesFor(document.getText(), analysis, { code: String(diagnostic.code), start, end, data: diagnostic.data }, settings);
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

/** Passes before --fix gives up on a file whose fixes keep producing new fixable diagnostics. */
export const MAX_FIX_PASSES = 10;

const overlaps = (a: TextChange[], b: TextChange[]) => a.some((x) => b.some((y) => x.start <= y.end && y.start <= x.end));

/**
 * Applies the safe fix of every diagnostic, re-checks and repeats until nothing is left to fix (or the bound). In one
 * pass only fixes whose edits do not touch each other are applied; the others wait for the re-check.
 */
export function fixText(file: FileContext, text: string): { text: string; applied: Applied[]; passes: number } {
  const applied: Applied[] = [];
  let current = text;
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const checked = checkText(file, current);
    const chosen: { fix: Fix; diagnostic: Diagnostic }[] = [];
    for (const diagnostic of checked.diagnostics) {
      const fix = safeFix(fixesOf(checked, diagnostic));
      if (fix && !chosen.some((c) => overlaps(c.fix.changes, fix.changes))) chosen.push({ fix, diagnostic });
    }
    if (!chosen.length) break;
    const next = applyChanges(current, chosen.flatMap((c) => c.fix.changes));
    passes++;
    if (next === current) break;
    current = next;
    for (const { fix, diagnostic } of chosen) applied.push({ code: String(diagnostic.code), title: fix.title, line: diagnostic.range.start.line + 1 });
  }
  return { text: current, applied, passes };
}
