// Inlay hints: the server key a Helm or env entry sets where its name differs, and (on request) placeholder values.
import { InlayHintKind } from 'vscode-languageserver-types';
import type { InlayHint, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { modelsOf } from './analyze';
import type { Analysis } from './analyze';
import { nameIn } from './schema';
import type { ConfigModel, ModelEntry } from './model';
import { lineEndOf } from './text';
import type { ServiceSettings } from './validate';

/** The kinds of hint, as the `openmetadataAuth.inlayHints.show` setting names them. */
export const INLAY_HINT_KINDS = ['serverKey', 'placeholderValue'] as const;
export type InlayHintKindName = (typeof INLAY_HINT_KINDS)[number];

/**
 * The server key is the hint that says what the file cannot: placeholder values are already written in the line
 * (`${VAR:-default}`), so hinting them on every line of a stock config only pushes lines past the editor's width.
 */
export const DEFAULT_INLAY_HINTS: readonly InlayHintKindName[] = ['serverKey'];

/** The kinds a setting asks for; anything else (a hand-edited settings.json) falls back to the default. */
export function inlayHintKinds(value: unknown): InlayHintKindName[] {
  if (!Array.isArray(value)) return [...DEFAULT_INLAY_HINTS];
  return INLAY_HINT_KINDS.filter((k) => value.includes(k));
}

/**
 * Where a hint about an entry goes: after its value when the value is on the key's line, else right after the key's
 * colon (a Helm `clientId:` with `secretRef` below it), never at the start of the next line.
 */
function hintOffset(text: string, entry: ModelEntry): number {
  const lineEnd = lineEndOf(text, entry.keySpan.start);
  if (entry.valueSpan && entry.valueSpan.end <= lineEnd) return entry.valueSpan.end;
  const colon = text.indexOf(':', entry.keySpan.end);
  return colon !== -1 && colon < lineEnd ? colon + 1 : entry.keySpan.end;
}

/** The server key without its root section (`oidcConfiguration.id`, `publicKeyUrls`): the part that matters, short. */
const shortPath = (path: string) => path.slice(path.indexOf('.') + 1);

/** Inlay hints within a range of the document. */
export function inlayHints(document: TextDocument, analysis: Analysis, range: Range, settings: ServiceSettings = {}): InlayHint[] {
  if (!analysis.shape) return [];
  const kinds = new Set(inlayHintKinds(settings.inlayHints));
  const text = document.getText();
  const from = document.offsetAt(range.start);
  const to = document.offsetAt(range.end);
  const hints: InlayHint[] = [];
  // Pinned values share the scalar's span: a hint there could not say which line it is about.
  for (const model of modelsOf(analysis)) if (!model.host?.pinned) hints.push(...hintsOf(document, text, model, from, to, kinds));
  return hints;
}

function hintsOf(document: TextDocument, text: string, model: ConfigModel, from: number, to: number, kinds: Set<InlayHintKindName>): InlayHint[] {
  const hints: InlayHint[] = [];
  const { profile } = model;
  for (const entry of model.entries.values()) {
    const at = hintOffset(text, entry);
    if (at < from || at > to) continue;
    const p = entry.placeholder;
    const parts: string[] = [];
    if (p && kinds.has('placeholderValue'))
      parts.push(p.defaultText === undefined ? `= $${p.variable}` : `= ${entry.key.secret && p.defaultText ? '••••' : p.defaultText || '""'}`);
    // Env files name variables; Helm renames some keys (`publicKeys`): only there does the server key say something new.
    const renamed = profile.textValues || (profile.naming !== 'server' && nameIn(entry.key, profile.naming) !== entry.key.key);
    if (renamed && kinds.has('serverKey')) parts.push(`→ ${shortPath(entry.path)}`);
    if (!parts.length) continue;
    hints.push({
      position: document.positionAt(at),
      label: parts.join('  '),
      kind: InlayHintKind.Parameter,
      paddingLeft: true,
      tooltip: [
        p ? `OpenMetadata reads \${${p.variable}} at startup; when it is unset the default applies.` : '',
        renamed ? `Sets ${entry.path} in OpenMetadata's server configuration.` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    });
  }
  return hints;
}
