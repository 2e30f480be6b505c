// Reads the auth subtrees of a YAML document (server config, Helm values, workflow) into the canonical model.
import { isDocument, isMap, isPair, isScalar, isSeq, isAlias, Scalar } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { childNamed, childrenIn, nameIn, schemaIndex } from '../schema';
import type { Naming, SchemaKey } from '../schema';
import { isDeployTimeValue, parsePlaceholder, yamlTextValue } from '../placeholders';
import { didYouMean, indentOf, nodeColumn } from '../text';
import type { ConfigModel, Issue, ModelEntry, SecretKeyRef, Span } from '../model';
import { MAX_UNKNOWN_KEYS } from '../limits';
import { parseValue } from '../yamlParse';

/** Where a schema root sits in a document: the key path of the mapping that holds the root's children. */
export interface Mount {
  yamlPath: string[];
  root: SchemaKey;
  naming: Naming;
}

/**
 * The mapping at a key path from a document or a node (the values an Argo CD Application holds), or undefined when a
 * step is missing or not a mapping.
 */
export function mapAt(from: Document | Node | null | undefined, path: string[]): { map: YAMLMap; pair?: Pair } | undefined {
  let node: unknown = isDocument(from) ? from.contents : from;
  let pair: Pair | undefined;
  for (const segment of path) {
    if (!isMap(node)) return undefined;
    pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
    if (!pair) return undefined;
    node = pair.value;
  }
  return isMap(node) ? { map: node, pair } : undefined;
}

const lineStartOf = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
function lineEndOf(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i === -1 ? text.length : i;
}

/** End offset of the node's last meaningful character (before trailing comments and blank lines). */
function nodeValueEnd(node: Node | null | undefined, fallback: number): number {
  return node?.range ? node.range[1] : fallback;
}

/**
 * The text of a piece of a quoted scalar as YAML reads it: OpenMetadata substitutes `${VAR:-default}` in the file's
 * text, so the default is unescaped with the scalar around it (`\"` is a quote, `''` one apostrophe).
 */
function unquoted(quote: '"' | "'", inner: string): string {
  if (!inner.includes(quote === '"' ? '\\' : "'")) return inner;
  const read = parseValue(`${quote}${inner}${quote}`);
  return 'value' in read && typeof read.value === 'string' ? read.value : inner;
}

/** Value, placeholder and spans of a scalar node, as OpenMetadata will read it. */
export function scalarValue(node: Scalar, text: string): Pick<ModelEntry, 'value' | 'placeholder' | 'raw' | 'textStart' | 'quote' | 'valueSpan'> {
  const [start, end] = node.range ?? [0, 0];
  const raw = text.slice(start, end);
  const quote = node.type === Scalar.QUOTE_DOUBLE ? '"' : node.type === Scalar.QUOTE_SINGLE ? "'" : undefined;
  const textStart = quote ? start + 1 : start;
  const inner = quote ? raw.slice(1, -1) : raw;
  const placeholder = inner.startsWith('${') ? parsePlaceholder(inner) : undefined;
  let value: ModelEntry['value'] = node.value as ModelEntry['value'];
  if (placeholder) {
    if (placeholder.defaultText === undefined) value = undefined;
    else value = quote ? unquoted(quote, placeholder.defaultText + placeholder.trailing) : yamlTextValue(placeholder.defaultText + placeholder.trailing);
  } else if (typeof value === 'string' && isDeployTimeValue(value)) {
    value = undefined;
  }
  return { value, placeholder, raw, textStart, quote, valueSpan: { start, end } };
}

/** Reads every mount of one document, or of the values mapping a manifest holds, into the model (entries, objects, unknown keys). */
export function readMounts(doc: Document | YAMLMap, text: string, mounts: Mount[], model: ConfigModel): void {
  for (const mount of mounts) {
    const basePath = mount.yamlPath.slice(0, -1);
    const base = basePath.length ? mapAt(doc, basePath) : undefined;
    if (base && !model.base) {
      const first = base.map.items[0]?.key as Node | undefined;
      const lastItem = base.map.items[base.map.items.length - 1];
      const end = nodeValueEnd((lastItem?.value as Node | null) ?? (lastItem?.key as Node | undefined), base.map.range?.[1] ?? 0);
      model.base = {
        yamlPath: basePath,
        insertAt: lineEndOf(text, Math.max(end - 1, 0)),
        childIndent: first?.range ? nodeColumn(text, first.range[0]) : 2,
      };
    }
    const found = mapAt(doc, mount.yamlPath);
    if (!found) continue;
    walkMap(found.map, found.pair, mount.root, mount.root.key, mount.naming, text, model);
  }
}

function walkMap(map: YAMLMap, owner: Pair | undefined, key: SchemaKey, path: string, naming: Naming, text: string, model: ConfigModel): void {
  const keyNode = owner?.key as Node | undefined;
  const keySpan: Span = keyNode?.range ? { start: keyNode.range[0], end: keyNode.range[1] } : { start: 0, end: 0 };
  const pairs = map.items.filter((p): p is Pair<Scalar, unknown> => isPair(p) && isScalar(p.key));
  const last = pairs[pairs.length - 1];
  const ownerIndent = keyNode?.range ? indentOf(text.slice(lineStartOf(text, keyNode.range[0]))) : -2;
  const firstKey = pairs[0]?.key.range;
  const childIndent = firstKey ? nodeColumn(text, firstKey[0]) : ownerIndent + 2;
  const lastEnd = last ? nodeValueEnd((last.value as Node | null) ?? last.key, last.key.range?.[1] ?? 0) : keySpan.end;
  model.objects.set(path, {
    path,
    key,
    keySpan,
    insertAt: lineEndOf(text, Math.max(lastEnd - 1, 0)),
    childIndent,
    childNames: pairs.map((p) => String(p.key.value)),
    flow: Boolean(map.flow),
  });
  let unknown = 0;
  let firstUnlisted: Span | undefined;
  for (const pair of pairs) {
    const name = String(pair.key.value);
    const span: Span = { start: pair.key.range?.[0] ?? 0, end: pair.key.range?.[1] ?? 0 };
    const child = childNamed(key, name, naming);
    if (!child) {
      if (++unknown <= MAX_UNKNOWN_KEYS) model.issues.push(missingSpace(name, key, naming, span, text) ?? unknownKey(name, key, naming, span, path));
      else firstUnlisted ??= span;
      continue;
    }
    const childPath = `${path}.${child.key}`;
    const valueNode = pair.value as Node | null;
    // In a flow mapping the line holds the neighbours too: the entry's lines are its own extent.
    const lineSpan = map.flow
      ? { start: span.start, end: nodeValueEnd(valueNode, span.end) }
      : { start: lineStartOf(text, span.start), end: lineEndOf(text, Math.max(nodeValueEnd(valueNode, span.end) - 1, span.end)) };
    if (child.type === 'object') {
      if (isMap(valueNode)) walkMap(valueNode, pair, child, childPath, naming, text, model);
      else if (valueNode && !(isScalar(valueNode) && valueNode.value === null)) {
        model.issues.push({
          code: 'invalid-type',
          severity: 'error',
          span: rangeOf(valueNode, span),
          message: `\`${name}\` must be a mapping of keys.`,
          data: { path: childPath, expected: 'object' },
        });
      } else {
        model.objects.set(childPath, {
          path: childPath,
          key: child,
          keySpan: span,
          insertAt: lineSpan.end,
          childIndent: indentOf(text.slice(lineSpan.start)) + 2,
          childNames: [],
          flow: false,
        });
      }
      continue;
    }
    const entry = entryOf(child, childPath, name, span, lineSpan, valueNode, naming, text);
    // A value that is a collection starts where it is written, not at the key.
    if (entry.valueSpan && !isScalar(valueNode)) entry.textStart = entry.valueSpan.start;
    if (map.flow) entry.flow = true;
    model.entries.set(childPath, entry);
  }
  if (firstUnlisted) {
    const more = unknown - MAX_UNKNOWN_KEYS;
    model.issues.push({
      code: 'unknown-key',
      severity: 'error',
      span: firstUnlisted,
      message: `This key and ${more - 1} more of \`${key.key}\` are not OpenMetadata's (${unknown} in all; the first ${MAX_UNKNOWN_KEYS} are listed one by one); OpenMetadata refuses unknown keys at startup.`,
      data: { parent: key.key, object: path, more },
    });
  }
}

/** The Secret and key two scalars name (`secretRef`/`secretKey`, or `name`/`key` of a `secretKeyRef`). */
export function secretKeyRefOf(name: unknown, key: unknown): SecretKeyRef | undefined {
  if (!isScalar(name) || !isScalar(key) || !name.range || !key.range) return undefined;
  if (typeof name.value !== 'string' || typeof key.value !== 'string' || !name.value || !key.value) return undefined;
  return { name: name.value, nameSpan: { start: name.range[0], end: name.range[1] }, key: key.value, keySpan: { start: key.range[0], end: key.range[1] } };
}

function rangeOf(node: Node, fallback: Span): Span {
  return node.range ? { start: node.range[0], end: node.range[1] } : fallback;
}

function entryOf(key: SchemaKey, path: string, sourceKey: string, keySpan: Span, lineSpan: Span, node: Node | null, naming: Naming, text: string): ModelEntry {
  // Filled in with Object.assign: an object made by spreading gets a hidden class of its own in V8, and entries made
  // that way were a third of the memory an open document's analysis holds (measured with a heap snapshot).
  const base: ModelEntry = { path, key, sourceKey, keySpan, lineSpan, textStart: keySpan.end, raw: '', value: undefined };
  if (!node || (isScalar(node) && node.value === null && node.range && node.range[0] === node.range[1])) return Object.assign(base, { value: null });
  if (isAlias(node)) return Object.assign(base, { valueSpan: rangeOf(node, keySpan), raw: text.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0) });
  if (isScalar(node)) return Object.assign(base, scalarValue(node, text));
  if (naming === 'helm' && key.helmSecretRef && isMap(node)) {
    return Object.assign(base, {
      valueSpan: rangeOf(node, keySpan),
      raw: text.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0),
      secretRef: true,
      secretKeyRef: secretKeyRefOf(node.get('secretRef', true), node.get('secretKey', true)),
      value: undefined,
    });
  }
  const valueSpan = rangeOf(node, keySpan);
  // A block collection's range runs into the next line; the value ends where its last item ends.
  const lastItem = (isSeq(node) || isMap(node)) && !node.flow ? (node.items[node.items.length - 1] as Node | Pair | undefined) : undefined;
  const lastNode = lastItem && isPair(lastItem) ? ((lastItem.value ?? lastItem.key) as Node | null) : (lastItem as Node | undefined);
  if (lastNode?.range) valueSpan.end = lastNode.range[1];
  const raw = text.slice(valueSpan.start, valueSpan.end);
  if (isSeq(node)) {
    const items = node.items.map((item) => {
      if (isScalar(item)) {
        const v = scalarValue(item, text);
        return { value: v.value === undefined ? v.raw : v.value, span: v.valueSpan as Span };
      }
      const n = item as Node;
      return { value: text.slice(n.range?.[0] ?? 0, n.range?.[1] ?? 0), span: rangeOf(n, valueSpan) };
    });
    // A mapping inside a list (`- {http://...}`) is kept as its text so rules can see it.
    return Object.assign(base, { valueSpan, raw, items, value: items.map((i) => i.value) });
  }
  if (isMap(node)) return Object.assign(base, { valueSpan, raw, value: yamlTextValue(raw) });
  return Object.assign(base, { valueSpan, raw });
}

/** `discoveryUri:"https://..."`: without a space after the colon YAML reads the whole line as one key. */
function missingSpace(name: string, parent: SchemaKey, naming: Naming, span: Span, text: string): Issue | undefined {
  const m = /^([A-Za-z][\w-]*):(\S.*)$/.exec(name);
  if (!m || !childNamed(parent, m[1], naming)) return undefined;
  // The value the user meant, as written after the colon: rules still compare it (a discovery URI, say). Its offset
  // is relative to the key, since a reused section moves.
  // String operations, not a regular expression: a run of blanks inside the value made one backtrack quadratically.
  const keyText = text.slice(span.start, span.end).split('\n')[0];
  const written = keyText.slice(m[1].length + 1).trim();
  const quoted = written.length >= 2 && (written[0] === '"' || written[0] === "'") && written.endsWith(written[0]);
  const meant = quoted ? written.slice(1, -1) : written;
  const value = meant ? { text: meant, offset: keyText.indexOf(meant, m[1].length + 1) } : undefined;
  return {
    code: 'malformed-value',
    severity: 'error' as const,
    span,
    message: `There is no space after \`${m[1]}:\`, so YAML reads the whole line as one key and \`${m[1]}\` is never set. Add a space after the colon.`,
    data: { kind: 'missing-space', key: m[1], value, mapping: childNamed(parent, m[1], naming)?.type === 'object' },
  };
}

function unknownKey(name: string, parent: SchemaKey, naming: Naming, span: Span, object: string): Issue {
  const names = childrenIn(parent, naming).map((c) => nameIn(c, naming) ?? c.key);
  const renamed = schemaIndex.schema.renamedKeys[name];
  // A server name the chart writes otherwise (`samlConfiguration` is the chart's `saml`): its own name, not the nearest spelling.
  const chartNamed = naming === 'helm' ? childrenIn(parent, naming).find((c) => c.key === name && nameIn(c, naming)) : undefined;
  const suggestion = chartNamed ? nameIn(chartNamed, naming) : renamed && names.includes(renamed) ? renamed : didYouMean(name, names);
  const serverOnly = naming === 'helm' ? (parent.children ?? []).find((c) => c.key === name && !c.helm) : undefined;
  let message = `\`${name}\` is not a key of \`${parent.key}\`; OpenMetadata refuses unknown keys at startup.`;
  if (serverOnly?.env) message = `The Helm chart has no value \`${name}\`; set it with \`extraEnvs\` (\`${serverOnly.env}\`).`;
  else if (suggestion) message += ` Did you mean \`${suggestion}\`?`;
  return {
    code: 'unknown-key',
    severity: 'error' as const,
    span,
    message,
    data: { key: name, parent: parent.key, object, suggestion, env: serverOnly?.env },
  };
}
