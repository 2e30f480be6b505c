// Hover: the documentation of the key under the cursor, with the effective value of a placeholder.
import type { Hover } from 'vscode-languageserver-types';
import { MarkupKind } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { modelAt } from './analyze';
import type { Analysis } from './analyze';
import { helmPathOf, keyDocs } from './docs';
import { schemaIndex } from './schema';
import type { Span } from './model';
import { rangeOf } from './spans';

const inside = (span: Span | undefined, offset: number) => !!span && span.start <= offset && offset <= span.end;

/** Hover for the key or value at an offset; null when the cursor is on nothing we know. */
export function hover(document: TextDocument, analysis: Analysis, offset: number): Hover | null {
  if (!analysis.shape) return null;
  const model = modelAt(analysis, offset);
  // Pinned values share one span, the scalar's: no key of theirs can be told apart under the cursor.
  if (!model || model.host?.pinned) return null;
  const range = (span: Span) => rangeOf(document, span);
  for (const entry of model.entries.values()) {
    const onKey = inside(entry.keySpan, offset);
    if (!onKey && !inside(entry.valueSpan, offset)) continue;
    let value = keyDocs(entry.key, entry.path, helmPathOf(entry.path));
    const p = entry.placeholder;
    if (p) {
      value +=
        p.defaultText === undefined
          ? `\n\n**Value:** from \`${p.variable}\` at deploy time (no default).`
          : `\n\n**Effective value:** \`${p.defaultText}\` unless \`${p.variable}\` is set.`;
    }
    if (entry.key.secret && entry.value) value += '\n\n_This is a credential: keep it in an env var or a Kubernetes Secret, not in the file._';
    return { contents: { kind: MarkupKind.Markdown, value }, range: range(onKey ? entry.keySpan : entry.valueSpan!) };
  }
  for (const object of model.objects.values()) {
    if (object.keySpan.end > object.keySpan.start && inside(object.keySpan, offset)) {
      return { contents: { kind: MarkupKind.Markdown, value: keyDocs(object.key, object.path, helmPathOf(object.path)) }, range: range(object.keySpan) };
    }
  }
  for (const a of model.env) {
    if (!inside(a.nameSpan, offset) || a.path) continue;
    const legacy = schemaIndex.schema.legacyEnv[a.name];
    if (legacy) return { contents: { kind: MarkupKind.Markdown, value: `**${a.name}** (legacy)\n\n${legacy}` }, range: range(a.nameSpan) };
  }
  return null;
}
