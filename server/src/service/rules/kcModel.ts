// Model helpers shared by the flow, URL and Helm rules: effective values with shape defaults, list items, block scans.
import { compareVersions, schemaIndex } from '../schema';
import { effectiveVersion } from '../validate';
import type { ServiceSettings } from '../validate';
import { docPlaceholders, isDeployTimeValue } from '../placeholders';
import { yamlScalar } from '../edits';
import type { ConfigModel, ModelEntry, Span, TextChange } from '../surfaces/model';
import type { FixContext } from './types';

export const AUTH = 'authenticationConfiguration';
export const OIDC = `${AUTH}.oidcConfiguration`;
export const PATHS = {
  provider: `${AUTH}.provider`,
  clientType: `${AUTH}.clientType`,
  responseType: `${AUTH}.responseType`,
  clientId: `${AUTH}.clientId`,
  callbackUrl: `${AUTH}.callbackUrl`,
  authority: `${AUTH}.authority`,
  publicKeyUrls: `${AUTH}.publicKeyUrls`,
  oidcEnabled: `${OIDC}.enabled`,
  id: `${OIDC}.id`,
  secret: `${OIDC}.secret`,
  discoveryUri: `${OIDC}.discoveryUri`,
  oidcCallbackUrl: `${OIDC}.callbackUrl`,
  serverUrl: `${OIDC}.serverUrl`,
} as const;

/** Providers whose login goes through an OIDC identity provider. */
export const OIDC_PROVIDERS = new Set(['custom-oidc', 'okta', 'google', 'auth0', 'azure', 'aws-cognito']);

/** Whether the checked OpenMetadata release is at least `version`. */
export function atLeast(settings: ServiceSettings, version: string): boolean {
  return compareVersions(effectiveVersion(settings), version) >= 0;
}

export interface Provider {
  /** `oidc`: an OIDC provider; `absent`: not in the file; `deploy`: only known at deploy time; `other`: basic, ldap, saml... */
  kind: 'oidc' | 'absent' | 'deploy' | 'other';
  value?: string;
}

export function providerOf(model: ConfigModel): Provider {
  const entry = model.entries.get(PATHS.provider);
  if (!entry) return { kind: 'absent' };
  if (entry.value === undefined) return { kind: 'deploy' };
  const value = typeof entry.value === 'string' ? entry.value : String(entry.value);
  return { kind: OIDC_PROVIDERS.has(value) ? 'oidc' : 'other', value };
}

/** `public` / `confidential` as OpenMetadata reads it (absent means `public`); undefined when unknown or invalid. */
export function clientTypeOf(model: ConfigModel): 'public' | 'confidential' | undefined {
  const entry = model.entries.get(PATHS.clientType);
  if (!entry) return 'public';
  if (entry.value === null) return 'public';
  return entry.value === 'public' || entry.value === 'confidential' ? entry.value : undefined;
}

/**
 * How a value stands once the shape's defaults are applied:
 * `set` (a value), `blank` (empty: OpenMetadata gets nothing), `supplied` (a `${VAR}` or vault/Helm template
 * reference: the user means to supply one at deploy time), `template` (`${VAR:-}` with an empty default, the
 * shipped conf's "fill me from the environment" pattern, which a file alone cannot judge).
 */
export type Presence = 'set' | 'blank' | 'supplied' | 'template';

export interface Effective {
  state: Presence;
  /** The value as text when `set` (doc placeholders included). */
  value?: string;
  entry?: ModelEntry;
  /** The value comes from the chart's or conf's default, not from the file. */
  fromDefault?: boolean;
}

/** The Helm chart's own defaults where they differ from the server conf's (values.yaml 1.13.1). */
const HELM_DEFAULTS: Record<string, string> = {
  [PATHS.oidcCallbackUrl]: 'http://openmetadata:8585/callback',
  [PATHS.serverUrl]: 'http://openmetadata:8585',
};

/** The text of an entry's value as OpenMetadata reads it; undefined when only known at deploy time. */
export function entryText(entry: ModelEntry): string | undefined {
  if (entry.value === undefined || entry.value === null) return undefined;
  if (typeof entry.value === 'string') return entry.value;
  // A doc placeholder such as `{Client ID}` parses as a mapping: keep the text as written.
  if (entry.placeholder) return entry.placeholder.defaultText;
  return entry.quote ? entry.raw.slice(1, -1) : entry.raw;
}

export function effective(model: ConfigModel, path: string): Effective {
  const entry = model.entries.get(path);
  if (entry) {
    if (entry.secretRef) return { state: 'set', entry };
    if (entry.value === undefined) return { state: 'supplied', entry };
    const blank = entry.value === null || (typeof entry.value === 'string' && entry.value.trim() === '');
    if (blank) return { state: entry.placeholder ? 'template' : 'blank', entry };
    return { state: 'set', value: entryText(entry), entry };
  }
  // Not in the file: the server conf binds null; env files and Helm values fall back to the conf's or chart's defaults.
  if (model.shape === 'server' || model.shape === 'workflow') return { state: 'blank' };
  const key = schemaIndex.byPath.get(path);
  if (model.shape === 'helm' && key?.helmSecretRef) return { state: 'set', fromDefault: true };
  const fallback = model.shape === 'helm' && HELM_DEFAULTS[path] !== undefined ? HELM_DEFAULTS[path] : key?.default;
  if (typeof fallback === 'string' && fallback.trim() !== '') return { state: 'set', value: fallback, fromDefault: true };
  return { state: 'blank' };
}

/** A concrete string (set, no doc placeholder, no reference), else undefined: what a fix may copy. */
export function cleanValue(e: Effective): string | undefined {
  if (e.state !== 'set' || e.value === undefined || e.entry?.secretRef) return undefined;
  if (docPlaceholders(e.value).length || isDeployTimeValue(e.value)) return undefined;
  return e.value;
}

/** The span a diagnostic about an entry points at: its value, or its key when the value is a block or missing. */
export function spanOf(entry: ModelEntry): Span {
  return entry.valueSpan && !entry.secretRef && !entry.raw.includes('\n') && !entry.raw.startsWith('-') ? entry.valueSpan : entry.keySpan;
}

/** Document offset of `needle` inside an entry's value text (inside a placeholder's default first). */
export function locate(text: string, entry: ModelEntry, needle: string): number {
  const span = entry.valueSpan ?? { start: entry.textStart, end: entry.textStart };
  const from = entry.placeholder?.defaultStart !== undefined ? entry.textStart + entry.placeholder.defaultStart : span.start;
  const at = text.indexOf(needle, from);
  return at !== -1 && at + needle.length <= span.end ? at : entry.textStart;
}

/** One item of a list value: its text as OpenMetadata reads it, where that text starts, and its span. */
export interface ListItem {
  text: string;
  start: number;
  span: Span;
}

export interface ListValue {
  entry: ModelEntry;
  items: ListItem[];
  /** Where a new item goes and how it is written. */
  append: { kind: 'block'; at: number; indent: number; quote?: '"' | "'" } | { kind: 'flow'; at: number; separator: string; quote?: '"' | "'" } | { kind: 'none' };
}

/**
 * The items of a list entry with their spans. Env values (`[a, b]` text) and `${VAR:-[a,b]}` defaults are split
 * from their text, because doc placeholders such as `{your domain}` make them unreadable as YAML.
 */
export function listOf(text: string, model: ConfigModel, path: string): ListValue | undefined {
  const entry = model.entries.get(path);
  if (!entry || entry.value === undefined || entry.value === null || !entry.valueSpan) return undefined;
  if (entry.items && model.shape !== 'env') {
    const items = entry.items.map((item) => {
      const raw = text.slice(item.span.start, item.span.end);
      const quoted = raw.startsWith('"') || raw.startsWith("'");
      return { text: quoted ? raw.slice(1, -1) : raw, start: item.span.start + (quoted ? 1 : 0), span: item.span };
    });
    if (entry.raw.startsWith('[')) {
      const close = entry.valueSpan.end - 1;
      return { entry, items, append: { kind: 'flow', at: close, separator: items.length ? ', ' : '', quote: quoteOf(text, entry.items[0]?.span) } };
    }
    const last = entry.items[entry.items.length - 1];
    const dash = text.lastIndexOf('-', last.span.start);
    const lineStart = text.lastIndexOf('\n', dash) + 1;
    const lineEnd = text.indexOf('\n', last.span.end);
    return { entry, items, append: { kind: 'block', at: lineEnd === -1 ? text.length : lineEnd, indent: dash - lineStart, quote: quoteOf(text, last.span) } };
  }
  // Text form: the whole value, or the default of a `${VAR:-...}`.
  let start = entry.valueSpan.start;
  let body = text.slice(entry.valueSpan.start, entry.valueSpan.end);
  if (entry.placeholder?.defaultStart !== undefined && entry.placeholder.defaultEnd !== undefined) {
    start = entry.textStart + entry.placeholder.defaultStart;
    body = text.slice(start, entry.textStart + entry.placeholder.defaultEnd + entry.placeholder.trailing.length);
  } else if (entry.quote) {
    start += 1;
    body = body.slice(1, -1);
  }
  return splitList(body, start, entry, model.shape === 'env');
}

function quoteOf(text: string, span: Span | undefined): '"' | "'" | undefined {
  const c = span ? text[span.start] : undefined;
  return c === '"' || c === "'" ? c : undefined;
}

/** Splits `[a, {b, c}, "d"]` at top-level commas; a value without brackets is one item. */
function splitList(body: string, base: number, entry: ModelEntry, env: boolean): ListValue {
  const lead = body.length - body.trimStart().length;
  const trimmed = body.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) {
    const item = trimmed ? [{ text: trimmed, start: base + lead, span: { start: base + lead, end: base + lead + trimmed.length } }] : [];
    return { entry, items: item, append: { kind: 'none' } };
  }
  const open = base + lead;
  const inner = trimmed.slice(1, -1);
  const items: ListItem[] = [];
  let depth = 0;
  let from = 0;
  const push = (to: number) => {
    const piece = inner.slice(from, to);
    const text = piece.trim();
    if (!text) return;
    const s = open + 1 + from + (piece.length - piece.trimStart().length);
    const quoted = (text.startsWith('"') && text.endsWith('"')) || (text.startsWith("'") && text.endsWith("'"));
    items.push({ text: quoted ? text.slice(1, -1) : text, start: quoted ? s + 1 : s, span: { start: s, end: s + text.length } });
  };
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      push(i);
      from = i + 1;
    }
  }
  push(inner.length);
  const separator = items.length === 0 ? '' : inner.includes(', ') || !env ? ', ' : ',';
  const firstQuote = items.length && (inner.trimStart().startsWith('"') || inner.trimStart().startsWith("'")) ? (inner.trimStart()[0] as '"' | "'") : undefined;
  return { entry, items, append: { kind: 'flow', at: open + trimmed.length - 1, separator, quote: firstQuote } };
}

/** The edit that adds one item at the end of a list, in the list's own style; undefined when it cannot. */
export function appendItem(text: string, list: ListValue, value: string, env: boolean): TextChange | undefined {
  const a = list.append;
  if (a.kind === 'none') return undefined;
  const written = a.quote ? yamlScalar(value, a.quote) : env ? value : yamlScalar(value);
  if (a.kind === 'flow') return { start: a.at, end: a.at, newText: `${a.separator}${written}` };
  return { start: a.at, end: a.at, newText: `\n${' '.repeat(a.indent)}- ${written}` };
}

/** An edit stored relative to the diagnostic's start, so it still applies when the client sends the range back. */
export interface RelativeEdit {
  offset: number;
  length: number;
  newText: string;
}

export function relative(spanStart: number, change: TextChange): RelativeEdit {
  return { offset: change.start - spanStart, length: change.end - change.start, newText: change.newText };
}

export function absolute(context: FixContext, edit: unknown): TextChange | undefined {
  const e = edit as Partial<RelativeEdit> | undefined;
  if (!e || typeof e.offset !== 'number' || typeof e.length !== 'number' || typeof e.newText !== 'string') return undefined;
  const start = context.start + e.offset;
  if (start < 0 || start + e.length > context.text.length) return undefined;
  return { start, end: start + e.length, newText: e.newText };
}

/** A child key of a block mapping found by a line scan (for keys no mount reads, such as `global:` or `configuration:`). */
export interface BlockChild {
  name: string;
  span: Span;
}

/**
 * The direct children of the block under a top-level key, by indentation, and where the block's content ends.
 * A line scan, because the keys it looks for are exactly the ones the adapters do not read.
 */
export function blockOf(text: string, keySpan: Span): { children: BlockChild[]; contentStart: number; end: number; flow: boolean } {
  const keyLineStart = text.lastIndexOf('\n', keySpan.start - 1) + 1;
  const keyIndent = keySpan.start - keyLineStart;
  const keyLineEnd = text.indexOf('\n', keySpan.end);
  const afterKey = text.slice(keySpan.end, keyLineEnd === -1 ? text.length : keyLineEnd);
  const flow = /^\s*:\s*[^\s#]/.test(afterKey);
  const children: BlockChild[] = [];
  let childIndent = -1;
  let end = keyLineEnd === -1 ? text.length : keyLineEnd;
  const contentStart = end === text.length ? end : end + 1;
  let offset = contentStart;
  while (offset < text.length) {
    const next = text.indexOf('\n', offset);
    const lineEnd = next === -1 ? text.length : next;
    const line = text.slice(offset, lineEnd).replace(/\r$/, '');
    const trimmed = line.trim();
    const indent = line.length - line.trimStart().length;
    if (trimmed && !trimmed.startsWith('#')) {
      if (indent <= keyIndent || /^(---|\.\.\.)(\s|$)/.test(line)) break;
      if (childIndent === -1) childIndent = indent;
      const m = indent === childIndent ? /^("[^"]*"|'[^']*'|[^\s#'"][^:#]*?)\s*:(\s|$)/.exec(trimmed) : null;
      if (m) children.push({ name: m[1].replace(/^["']|["']$/g, ''), span: { start: offset + indent, end: offset + indent + m[1].length } });
      end = lineEnd;
    }
    if (next === -1) break;
    offset = next + 1;
  }
  return { children, contentStart, end, flow };
}

/** The flow rules need `clientType` (1.3+) and an auth block; the ingestion workflow has neither. */
export function flowApplies(model: ConfigModel, settings: ServiceSettings): boolean {
  return model.shape !== 'workflow' && atLeast(settings, '1.3');
}

/** Helm `oidcConfiguration.enabled`: the chart default is false; undefined when templated. */
export function helmOidcEnabled(model: ConfigModel): boolean | undefined {
  const entry = model.entries.get(PATHS.oidcEnabled);
  if (!entry || entry.value === null) return false;
  if (entry.value === undefined) return undefined;
  return entry.value === true || entry.value === 'true';
}

/** A confidential client whose provider is an OIDC one, or not known from this file. */
export function isConfidential(model: ConfigModel, settings: ServiceSettings): boolean {
  return flowApplies(model, settings) && clientTypeOf(model) === 'confidential' && providerOf(model).kind !== 'other';
}

/**
 * The server-side Auth Code flow is configured: confidential, and in Helm also `oidcConfiguration.enabled`
 * (without it `helm-oidc-not-enabled` says the one thing that matters).
 */
export function serverFlowActive(model: ConfigModel, settings: ServiceSettings): boolean {
  return isConfidential(model, settings) && (model.shape !== 'helm' || helmOidcEnabled(model) === true);
}

/** How a canonical path is named in this file: env var, Helm value or server key (with its block for OIDC keys). */
export function nameOf(model: ConfigModel, path: string): string {
  const key = schemaIndex.byPath.get(path);
  if (model.shape === 'env' && key?.env) return key.env;
  const segments = path.split('.');
  const last = model.shape === 'helm' ? (key?.helm ?? segments[segments.length - 1]) : segments[segments.length - 1];
  return path.startsWith(`${OIDC}.`) ? `oidcConfiguration.${last}` : last;
}

/** Where to point when the offending value is not in the file: the OIDC block, the clientType, the auth block. */
export function anchorSpan(model: ConfigModel): Span {
  const oidc = model.objects.get(OIDC);
  if (oidc && oidc.keySpan.end > 0) return oidc.keySpan;
  const clientType = model.entries.get(PATHS.clientType);
  if (clientType) return spanOf(clientType);
  const auth = model.objects.get(AUTH);
  if (auth && auth.keySpan.end > 0) return auth.keySpan;
  return { start: 0, end: 0 };
}
