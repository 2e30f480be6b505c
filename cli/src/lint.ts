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
    const next = applyChanges(
      current,
      chosen.flatMap((c) => c.fix.changes),
    );
    passes++;
    if (next === current) break;
    current = next;
    for (const { fix, diagnostic } of chosen) applied.push({ code: String(diagnostic.code), title: fix.title, line: diagnostic.range.start.line + 1 });
  }
  return { text: current, applied, passes };
}
