// Env shapes: `.env` files and the `environment:`/`env:` blocks of compose files and Kubernetes manifests.
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node, Pair, Scalar } from 'yaml';
import { schemaIndex } from '../../schema';
import { isDeployTimeValue, parsePlaceholder, yamlTextValue } from '../../placeholders';
import { lineIndexOf, lineStarts } from '../../text';
import { anyEnvNameSuggestion, envNameSuggestion } from '../../suggest';
import type { ConfigModel, EnvAssignment, EnvForm, EnvTarget, ModelEntry, SecretKeyRef, Span } from '../../model';
import { secretKeyRefOf } from '../../surfaces/yamlTree';

export const AUTH_PREFIXES = ['AUTHENTICATION_', 'AUTHORIZER_', 'OIDC_', 'SAML_', 'JWT_', 'RSA_', 'CUSTOM_OIDC_', 'OM_AUTH_'];

/** Whether a variable name belongs to OpenMetadata's auth settings (known, legacy or invented). */
export function isAuthVariable(name: string): boolean {
  const s = schemaIndex.schema;
  return schemaIndex.envToPath.has(name) || name in s.legacyEnv || name in s.inventedEnv;
}

/** A variable some release of OpenMetadata's stock config reads, auth or not. */
const isKnownVariable = (name: string) => isAuthVariable(name) || name in schemaIndex.schema.otherEnv;

/** Prefixes of the stock config's non-auth variables that no other kind of application uses. */
const OPENMETADATA_PREFIXES = ['OM_', 'OPENMETADATA_', 'PIPELINE_SERVICE_CLIENT_'];
/** Auth variables OpenMetadata reads under names any OIDC or JWT client may use. */
const GENERIC_AUTH = new Set(['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_DISCOVERY_URI', 'OIDC_SCOPE']);

/** A name that, on its own, says the file is OpenMetadata's. */
function isOpenMetadataName(name: string): boolean {
  if (name in schemaIndex.schema.otherEnv) return OPENMETADATA_PREFIXES.some((p) => name.startsWith(p));
  return isAuthVariable(name) && !GENERIC_AUTH.has(name) && !name.startsWith('JWT_') && !name.startsWith('RSA_');
}

/**
 * Whether the variables of an env file or block are OpenMetadata's: one name only OpenMetadata uses, or at least
 * three of its auth variables. A Node app's `.env` with `JWT_SECRET`, `OIDC_CLIENT_ID` and `DB_HOST` is not.
 */
export function looksLikeOpenMetadataEnv(names: Iterable<string>): boolean {
  const auth = new Set<string>();
  for (const name of names) {
    if (!isKnownVariable(name)) continue;
    if (isOpenMetadataName(name)) return true;
    if (isAuthVariable(name)) auth.add(name);
    if (auth.size >= 3) return true;
  }
  return false;
}

/** The words of a text that could be variable names, for a text too large to parse (found lazily, one pass). */
export function* variableNamesIn(text: string): Generator<string> {
  for (const m of text.matchAll(/[A-Z_][A-Z0-9_]*/g)) yield m[0];
}

/**
 * What a reader knows of an assignment; `addAssignment` derives the rest. `decoded` is the variable's text as the
 * process gets it, when the loader's quoting makes it differ from the text between the quotes.
 */
type Written = Omit<EnvAssignment, 'path' | 'openmetadata'> & { decoded?: string; secretKeyRef?: SecretKeyRef };

/** Adds an assignment to the model: records it, maps it to its canonical path, flags names OpenMetadata ignores. */
function addAssignment(model: ConfigModel, a: Written, quote: '"' | "'" | undefined, deployTime = false): void {
  const s = schemaIndex.schema;
  const path = schemaIndex.envToPath.get(a.name);
  const { decoded: _decoded, secretKeyRef, ...assignment } = a;
  model.env.push({ ...assignment, path, openmetadata: Boolean(path) || isAuthVariable(a.name) });
  if (!path) {
    // Legacy names are the legacy-setting rule's; variables of the stock config's other sections are real.
    if (a.name in s.legacyEnv || a.name in s.otherEnv) return;
    const invented = s.inventedEnv[a.name];
    const suggestion = invented ?? envNameSuggestion(a.name);
    if (invented || suggestion || AUTH_PREFIXES.some((p) => a.name.startsWith(p))) {
      model.issues.push({
        code: 'unknown-env-var',
        severity: 'warning',
        span: a.nameSpan,
        message: `OpenMetadata does not read \`${a.name}\`, so this setting is silently ignored.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
        data: { name: a.name, suggestion },
      });
    }
    return;
  }
  const inner = quote ? a.raw.slice(1, -1) : a.raw;
  const placeholder = inner.startsWith('${') ? parsePlaceholder(inner) : undefined;
  let value: ModelEntry['value'];
  if (placeholder) value = placeholder.defaultText === undefined ? undefined : yamlTextValue(placeholder.defaultText + placeholder.trailing);
  // OpenMetadata pastes the variable's text into its YAML, so `"[a,b]"` is a list once the env quotes are gone.
  else value = deployTime || isDeployTimeValue(inner) ? undefined : yamlTextValue(a.decoded ?? inner);
  const key = schemaIndex.byPath.get(path)!;
  const items = Array.isArray(value) ? listItems(a.raw, a.valueSpan.start, value) : undefined;
  model.entries.set(path, {
    path,
    key,
    sourceKey: a.name,
    keySpan: a.nameSpan,
    valueSpan: a.valueSpan,
    textStart: a.valueSpan.start + (quote ? 1 : 0),
    raw: a.raw,
    value,
    placeholder,
    items,
    lineSpan: a.lineSpan,
    quote,
    external: deployTime || undefined,
    envForm: a.form,
    secretKeyRef,
    ...(a.flow ? { flow: a.flow } : {}),
  });
}

/** Spans of the items of a flow list written as text (`[a, b]`), so rules can point at one item. */
function listItems(raw: string, base: number, values: unknown[]): NonNullable<ModelEntry['items']> {
  const items: NonNullable<ModelEntry['items']> = [];
  let from = 0;
  for (const v of values) {
    const text = typeof v === 'string' ? v : JSON.stringify(v);
    const at = raw.indexOf(text, from);
    const start = at === -1 ? 0 : at;
    items.push({ value: v as NonNullable<ModelEntry['value']>, span: { start: base + start, end: base + (at === -1 ? raw.length : start + text.length) } });
    if (at !== -1) from = at + text.length;
  }
  return items;
}

/** Where a quoted `.env` value ends: compose's loader skips a quote with a backslash before it. */
function closingQuote(text: string, quote: string, from: number): number {
  for (let i = text.indexOf(quote, from); i !== -1; i = text.indexOf(quote, i + 1)) if (text[i - 1] !== '\\') return i;
  return -1;
}

/** The text of a double-quoted `.env` value as compose's loader gives it: `\n`, `\r`, and `\x` for any other x but `$`. */
function composeUnescape(text: string): string {
  return text.replace(/\\(.)/g, (match, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c === '$' ? match : c));
}

/** The text a process gets for a `.env` value as written (`raw`, quotes included), as compose's loader reads it. */
export function dotenvValue(raw: string): string {
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) return composeUnescape(raw.slice(1, -1));
  if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'")) return raw.slice(1, -1);
  return raw;
}

const DOTENV_LINE = /^(\s*)(export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)(\s*)([=:])(.*)$/;

/** Reads a `.env` file: `NAME=value` lines, `#` comments, quoted values, `export`; with `onlyAuth`, only auth-like names. */
export function readDotenv(text: string, model: ConfigModel, onlyAuth = false): void {
  let offset = 0;
  let lastEnd = 0;
  let lineIndex = -1;
  for (const line of text.split('\n')) {
    lineIndex++;
    const lineStart = offset;
    offset += line.length + 1;
    const body = line.replace(/\r$/, '');
    if (!body.trim() || body.trim().startsWith('#')) continue;
    lastEnd = lineStart + body.length;
    const m = DOTENV_LINE.exec(body);
    if (!m) {
      if (!AUTH_PREFIXES.some((p) => body.includes(p))) continue; // other tools' lines are not ours to judge
      model.issues.push({
        code: 'yaml-syntax',
        severity: 'error',
        span: { start: lineStart, end: lineStart + body.length },
        message: 'This line is not `NAME=value`; env loaders skip or reject it.',
        data: { kind: 'dotenv-line' },
      });
      continue;
    }
    const [, lead, exp, name, gap, sep, rest] = m;
    if (onlyAuth && !AUTH_PREFIXES.some((p) => name.startsWith(p)) && !isAuthVariable(name)) continue;
    const nameStart = lineStart + lead.length + (exp?.length ?? 0);
    let valueText = rest;
    const valueOffset = nameStart + name.length + gap.length + 1;
    let skip = 0;
    while (skip < valueText.length && valueText[skip] === ' ') skip++;
    let raw: string;
    let quote: '"' | "'" | undefined;
    const q = valueText[skip];
    let decoded: string | undefined;
    if (q === '"' || q === "'") {
      const close = closingQuote(valueText, q, skip + 1);
      raw = close === -1 ? valueText.slice(skip) : valueText.slice(skip, close + 1);
      quote = close === -1 ? undefined : q;
      if (quote === '"') decoded = composeUnescape(raw.slice(1, -1));
    } else {
      const comment = valueText.search(/\s#/);
      raw = (comment === -1 ? valueText : valueText.slice(0, comment)).slice(skip).trimEnd();
    }
    valueText = raw;
    const valueStart = valueOffset + skip;
    addAssignment(
      model,
      {
        name,
        nameSpan: { start: nameStart, end: nameStart + name.length },
        raw: valueText,
        valueSpan: { start: valueStart, end: valueStart + valueText.length },
        lineSpan: { start: lineStart, end: lineStart + body.length },
        malformed: sep === ':' ? 'yaml-in-env' : undefined,
        form: 'dotenv',
        block: 0,
        line: lineIndex,
        separator: text.slice(nameStart + name.length, valueStart),
        separatorStart: nameStart + name.length,
        decoded,
      },
      quote,
    );
  }
  model.envTarget = { form: 'dotenv', insertAt: lastEnd, indent: 0 };
}

/** Finds `environment:` (compose) and `env:` (Kubernetes) blocks that set OpenMetadata variables and reads them. */
export function readYamlEnv(doc: Document, text: string, model: ConfigModel): void {
  const blocks: { node: Node; k8s: boolean }[] = [];
  const visit = (node: unknown, depth: number) => {
    if (depth > 12) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        if (name === 'environment' && (isMap(pair.value) || isSeq(pair.value))) blocks.push({ node: pair.value as Node, k8s: false });
        else if (name === 'env' && isSeq(pair.value)) blocks.push({ node: pair.value as Node, k8s: true });
        else visit(pair.value, depth + 1);
      }
    } else if (isSeq(node)) for (const item of node.items) visit(item, depth + 1);
  };
  visit(doc.contents, 0);
  if (!blocks.length) return;
  const starts = lineStarts(text);
  for (const { node, k8s } of blocks) {
    const before = model.env.length;
    const target = readBlock(node, k8s, text, starts, model);
    if (model.env.length > before && !model.envTarget) model.envTarget = target;
  }
}

/**
 * Helm `extraEnvs` (`- name: X` items): variables the chart hands the server untouched. `values` is the top of the
 * values: a document's contents, or the mapping a manifest holds them in.
 */
export function readExtraEnvs(values: unknown, model: ConfigModel): void {
  const list = isMap(values) ? values.get('extraEnvs', true) : undefined;
  if (!isSeq(list)) return;
  for (const item of list.items) {
    const name = isMap(item) ? item.get('name', true) : undefined;
    if (isScalar(name) && name.range) model.extraEnv.push({ name: String(name.value), nameSpan: { start: name.range[0], end: name.range[1] } });
  }
}

function lineSpanOf(text: string, start: number, end: number): Span {
  const s = text.lastIndexOf('\n', start - 1) + 1;
  const e = text.indexOf('\n', Math.max(end - 1, start));
  return { start: s, end: e === -1 ? text.length : e };
}

function readBlock(node: Node, k8s: boolean, text: string, starts: number[], model: ConfigModel): EnvTarget {
  const col = (offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1);
  const form: EnvForm = isMap(node) ? 'map' : k8s ? 'k8s' : 'list';
  const block = node.range?.[0] ?? 0;
  const flow = (isMap(node) || isSeq(node)) && node.flow;
  let insertAt = 0;
  let indent = 0;
  const add = (
    name: string,
    nameSpan: Span,
    valueNode: Scalar | undefined,
    raw: string | undefined,
    valueStart: number | undefined,
    end: number,
    deployTime = false,
    itemStart = nameSpan.start,
    secretKeyRef?: SecretKeyRef,
  ) => {
    if (!isAuthVariable(name) && !name.startsWith('OM_AUTH_') && !AUTH_PREFIXES.some((p) => name.startsWith(p)) && !anyEnvNameSuggestion(name)) return;
    let quote: '"' | "'" | undefined;
    let valueSpan: Span;
    let rawText: string;
    let decoded: string | undefined;
    if (valueNode?.range) {
      valueSpan = { start: valueNode.range[0], end: valueNode.range[1] };
      rawText = text.slice(valueSpan.start, valueSpan.end);
      quote = valueNode.type === 'QUOTE_DOUBLE' ? '"' : valueNode.type === 'QUOTE_SINGLE' ? "'" : undefined;
      // Escapes, doubled quotes and block scalars are YAML's: the container gets the scalar's string.
      if (valueNode.type !== 'PLAIN' && typeof valueNode.value === 'string') decoded = valueNode.value;
    } else {
      rawText = raw ?? '';
      valueSpan = { start: valueStart ?? end, end: (valueStart ?? end) + rawText.length };
    }
    const separator = form === 'k8s' || valueSpan.start < nameSpan.end ? '' : text.slice(nameSpan.end, valueSpan.start);
    const written = {
      name,
      nameSpan,
      raw: rawText,
      valueSpan,
      // In a flow collection the line holds the other variables too: the item's lines are its own extent.
      lineSpan: flow ? { start: itemStart, end } : lineSpanOf(text, nameSpan.start, end),
      ...(flow ? { flow: true as const } : {}),
      form,
      block,
      line: lineIndexOf(starts, nameSpan.start),
      separator,
      separatorStart: nameSpan.end,
      decoded,
      secretKeyRef,
    };
    addAssignment(model, written, quote, deployTime);
  };
  if (isMap(node)) {
    for (const pair of node.items as Pair[]) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const k = pair.key.range;
      indent = col(k[0]);
      const v = isScalar(pair.value) ? pair.value : undefined;
      insertAt = Math.max(insertAt, lineSpanOf(text, k[0], v?.range?.[1] ?? k[1]).end);
      add(String(pair.key.value), { start: k[0], end: k[1] }, v, v ? undefined : '', v ? undefined : k[1], v?.range?.[1] ?? k[1]);
    }
    return { form: 'map', insertAt, indent };
  }
  if (!isSeq(node)) return { form: k8s ? 'k8s' : 'list', insertAt, indent };
  for (const item of node.items) {
    if (k8s && isMap(item)) {
      const nameNode = item.get('name', true) as Scalar | undefined;
      const valueNode = item.get('value', true) as Scalar | undefined;
      if (!isScalar(nameNode) || !nameNode.range) continue;
      indent = col(item.range?.[0] ?? 0) - 2;
      insertAt = Math.max(insertAt, lineSpanOf(text, item.range?.[0] ?? 0, item.range?.[1] ?? 0).end);
      const hasValue = isScalar(valueNode);
      const from = item.get('valueFrom', true);
      const ref = isMap(from) ? from.get('secretKeyRef', true) : undefined;
      // `valueFrom` (a Secret or ConfigMap) is only known in the cluster.
      add(
        String(nameNode.value),
        { start: nameNode.range[0], end: nameNode.range[1] },
        hasValue ? valueNode : undefined,
        '',
        nameNode.range[1],
        item.range?.[1] ?? nameNode.range[1],
        !hasValue,
        item.range?.[0],
        // An optional reference starts the pod without the key: nothing to check.
        isMap(ref) && ref.get('optional') !== true ? secretKeyRefOf(ref.get('name', true), ref.get('key', true)) : undefined,
      );
    } else if (!k8s && isScalar(item) && item.range && typeof item.value === 'string') {
      const s = item.value;
      const eq = s.indexOf('=');
      const textStart = item.range[0] + (item.type === 'PLAIN' ? 0 : 1);
      indent = col(item.range[0]) - 2;
      insertAt = Math.max(insertAt, lineSpanOf(text, item.range[0], item.range[1]).end);
      const name = eq === -1 ? s : s.slice(0, eq);
      add(
        name,
        { start: textStart, end: textStart + name.length },
        undefined,
        eq === -1 ? '' : s.slice(eq + 1),
        textStart + eq + 1,
        item.range[1],
        false,
        item.range[0],
      );
    }
  }
  return { form: k8s ? 'k8s' : 'list', insertAt, indent };
}
