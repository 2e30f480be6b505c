// Issues → LSP diagnostics: stable codes, source, data, disable comments and per-code severity overrides.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSource } from '../../../common/protocol';
import { modelsOf } from './analyze';
import type { Analysis } from './analyze';
import type { ConfigModel, Issue, Severity } from './model';
import { releaseStanding, structuralIssues } from './validate';
import { schemaIndex } from './schema';
import type { ServiceSettings } from './validate';
import { runRules } from './rules/index';
import { rangeOf } from './spans';
import { readableText } from './text';

export const SEVERITY: Record<Severity, DiagnosticSeverity> = {
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

// Checked against the oldest release it knows, a file of an older one would get findings that are wrong for it.
function olderRelease(settings: ServiceSettings): Issue {
  const oldest = schemaIndex.schema.versions[0];
  return {
    code: 'file-skipped',
    severity: 'information',
    span: { start: 0, end: 0 },
    message: `This file is for OpenMetadata ${settings.openmetadataVersion?.trim()}, older than the oldest release OpenMetadata Auth knows (${oldest}): its keys, classes and chart layout differ, so it is not checked. If it is for a later release, set \`openmetadataAuth.openmetadataVersion\`.`,
    data: { kind: 'release-too-old', version: settings.openmetadataVersion?.trim(), oldest },
  };
}

/** Every issue of an analysed document, structural and semantic, before suppression. */
export function allIssues(analysis: Analysis, text: string, settings: ServiceSettings): Issue[] {
  if (!analysis.shape) return [];
  if (releaseStanding(settings) === 'older') return [olderRelease(settings)];
  // Each field of values in a manifest is checked on its own, as the chart gets each on its own.
  return modelsOf(analysis).flatMap((model) => modelIssues(model, settings));
}

function modelIssues(model: ConfigModel, settings: ServiceSettings): Issue[] {
  const structural = structuralIssues(model, settings);
  // A file that could not be read at all gets no semantic noise on top of its one message.
  if (structural.some((i) => i.code === 'file-skipped' && (i.data?.kind === 'binary' || i.data?.kind === 'parser-failure'))) return structural;
  return withoutRepeats([...structural, ...runRules(model, settings)]);
}

/** Findings about a key or value that say more about it than the chart's schema does (`unknown-key` with its did-you-mean). */
const EXPLAINED_BY = new Set<Issue['code']>(['unknown-key', 'invalid-type', 'invalid-value']);

/**
 * One finding per mistake: where the auth checks already explain a key or value (an unknown auth key, a word where a
 * boolean belongs), the chart-schema finding at the same place would repeat it.
 */
function withoutRepeats(issues: Issue[]): Issue[] {
  const explained = new Set(issues.filter((i) => EXPLAINED_BY.has(i.code)).map((i) => i.span.start));
  return explained.size ? issues.filter((i) => i.code !== 'helm-chart-schema' || !explained.has(i.span.start)) : issues;
}

/** The diagnostics to show for a document; `extra` are issues computed elsewhere (the whole-file syntax check). */
export function diagnose(document: TextDocument, analysis: Analysis, settings: ServiceSettings, extra: Issue[] = []): Diagnostic[] {
  const overrides = settings.rules ?? {};
  const out: Diagnostic[] = [];
  const text = readableText(document.getText());
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
