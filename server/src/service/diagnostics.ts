// Issues → LSP diagnostics: stable codes, source, data, disable comments and per-code severity overrides.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSource } from '../../../common/protocol';
import type { Analysis } from './analyze';
import type { Issue, Severity } from './model';
import { structuralIssues } from './validate';
import type { ServiceSettings } from './validate';
import { runRules } from './rules/index';
import { rangeOf } from './spans';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const DISABLE = /#\s*openmetadata-disable-next-line\b([^\n]*)/;

/** Whether the line above the issue says `# openmetadata-disable-next-line [codes]` for its code. */
function isDisabled(document: TextDocument, issue: Issue): boolean {
  // Nothing is above the first line, and asking where offset 0 is would build the line table of a 30 MB file.
  if (issue.span.start === 0) return false;
  const line = document.positionAt(issue.span.start).line;
  if (line === 0) return false;
  const above = document.getText({ start: { line: line - 1, character: 0 }, end: { line, character: 0 } });
  const m = DISABLE.exec(above);
  if (!m) return false;
  const codes = m[1].split(/[\s,]+/).filter(Boolean);
  return codes.length === 0 || codes.includes(issue.code);
}

/** Every issue of an analysed document, structural and semantic, before suppression. */
export function allIssues(analysis: Analysis, text: string, settings: ServiceSettings): Issue[] {
  if (!analysis.shape) return [];
  const structural = structuralIssues(analysis.model, settings);
  // A file that could not be read at all gets no semantic noise on top of its one message.
  if (structural.some((i) => i.code === 'file-skipped' && (i.data?.kind === 'binary' || i.data?.kind === 'parser-failure'))) return structural;
  return [...structural, ...runRules(analysis.model, settings)];
}

/** The diagnostics to show for a document; `extra` are issues computed elsewhere (the whole-file syntax check). */
export function diagnose(document: TextDocument, analysis: Analysis, settings: ServiceSettings, extra: Issue[] = []): Diagnostic[] {
  const overrides = settings.rules ?? {};
  const out: Diagnostic[] = [];
  const text = document.getText();
  for (const issue of [...extra, ...allIssues(analysis, text, settings)]) {
    const override = overrides[issue.code];
    if (override === 'off' || isDisabled(document, issue)) continue;
    out.push({
      range: rangeOf(document, issue.span, text),
      severity: SEVERITY[override ?? issue.severity],
      code: issue.code,
      source: DiagnosticSource,
      message: issue.message,
      data: issue.data,
    });
  }
  return out;
}
