// Inlay hints: the effective value of each `${VAR:-default}`, and the server key each Helm or env entry sets.
import { InlayHintKind } from 'vscode-languageserver-types';
import type { InlayHint, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from './analyze';

/** Inlay hints within a range of the document. */
export function inlayHints(document: TextDocument, analysis: Analysis, range: Range): InlayHint[] {
  if (!analysis.shape) return [];
  const from = document.offsetAt(range.start);
  const to = document.offsetAt(range.end);
  const hints: InlayHint[] = [];
  // Where the file's names are not the server's, each entry says which server key it sets.
  const mapped = analysis.model.profile.naming !== 'server' || analysis.model.profile.textValues;
  for (const entry of analysis.model.entries.values()) {
    const at = entry.valueSpan?.end ?? entry.keySpan.end + 1;
    if (at < from || at > to) continue;
    const p = entry.placeholder;
    const parts: string[] = [];
    if (p) parts.push(p.defaultText === undefined ? `= $${p.variable}` : `= ${entry.key.secret && p.defaultText ? '••••' : p.defaultText || '""'} unless $${p.variable}`);
    if (mapped) parts.push(`→ ${entry.path}`);
    if (!parts.length) continue;
    hints.push({
      position: document.positionAt(at),
      label: parts.join('  '),
      kind: InlayHintKind.Parameter,
      paddingLeft: true,
      tooltip: p ? `OpenMetadata reads \${${p.variable}} at startup; when it is unset the default applies.` : `Sets ${entry.path} in OpenMetadata's server configuration.`,
    });
  }
  return hints;
}
