// Helm values read for the check against the chart's own schema: the keys and JSON types `helm install` validates.
// Only what the chart's schema declares somewhere is descended into, so a 20,000-line values file with a big
// free-form block (`extraEnvs` items, an umbrella chart's other values) costs no more than its declared parts.
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import type { Node } from 'yaml';
import { chartTree } from '../chartSchema';
import type { ChartNode } from '../chartSchema';
import type { Span, ValueKind, ValueNode } from '../model';

const NULL = /^(?:~|null|Null|NULL|)$/;
// Helm parses values with a YAML 1.1 parser: these plain words are booleans there (the "Norway problem").
const BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const INT = /^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/;
// Dates, sexagesimal numbers and the special floats: how Helm's parser and JSON read them is not worth guessing.
const UNSURE = /^(?:\d{4}-\d\d?-\d\d?|[-+]?\d+(?::[0-5]?\d)+(?:\.\d*)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))/;

/** The JSON type Helm gives a plain scalar; undefined when unsure. */
export function plainKind(raw: string): ValueKind | undefined {
  if (NULL.test(raw)) return 'null';
  if (BOOL.test(raw)) return 'boolean';
  if (UNSURE.test(raw)) return undefined;
  if (INT.test(raw)) return 'integer';
  if (FLOAT.test(raw)) return Number.isInteger(Number(raw.replace(/_/g, ''))) ? 'integer' : 'number';
  return 'string';
}

const TAGGED: Record<string, ValueKind> = {
  'tag:yaml.org,2002:str': 'string',
  'tag:yaml.org,2002:int': 'integer',
  'tag:yaml.org,2002:float': 'number',
  'tag:yaml.org,2002:bool': 'boolean',
  'tag:yaml.org,2002:null': 'null',
};

const spanOf = (node: { range?: [number, number, number] | null } | null | undefined, fallback: number): Span =>
  node?.range ? { start: node.range[0], end: node.range[1] } : { start: fallback, end: fallback };

/**
 * A YAML node as a value node: a mapping keeps all its keys when the chart's schema declares it (`schema`), and
 * descends only into the keys declared there; a list keeps its items only where the schema describes them.
 */
export function valueNode(node: unknown, text: string, schema: ChartNode | undefined, at = 0): ValueNode {
  if (isAlias(node)) return { span: spanOf(node, at) };
  if (isScalar(node)) {
    const span = spanOf(node, at);
    const explicit = node.tag ? TAGGED[node.tag] : undefined;
    if (node.tag && !explicit) return { span };
    if (node.type === Scalar.PLAIN || node.type === undefined) {
      const raw = text.slice(span.start, span.end);
      return { kind: explicit ?? plainKind(raw), span, text: raw, plain: true };
    }
    return { kind: explicit ?? 'string', span, text: typeof node.value === 'string' ? node.value : undefined };
  }
  if (isMap(node)) {
    const out: ValueNode = { kind: 'object', span: spanOf(node, at), flow: Boolean(node.flow) };
    if (!schema || (!schema.p && !schema.c)) return out;
    out.entries = [];
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
      const key = String(pair.key.value);
      if (key === '<<') {
        out.merges = true;
        continue;
      }
      const keySpan = { start: pair.key.range[0], end: pair.key.range[1] };
      const child = schema.p?.[key];
      const value =
        pair.value === null ? { kind: 'null' as const, span: { start: keySpan.end, end: keySpan.end } } : valueNode(pair.value, text, child, keySpan.end);
      // Below an undeclared key only its type is known: nothing under it is judged.
      if (!child) delete value.entries;
      out.entries.push({ key, keySpan, value });
    }
    return out;
  }
  if (isSeq(node)) {
    const out: ValueNode = { kind: 'array', span: spanOf(node, at), flow: Boolean(node.flow) };
    if (schema?.i) out.items = node.items.map((item) => valueNode(item, text, schema.i, at));
    return out;
  }
  return { span: spanOf(node as Node | undefined, at) };
}

/** The values of a document or of a manifest's field, from their root mapping. */
export function readValues(root: unknown, text: string): ValueNode | undefined {
  return isMap(root) ? valueNode(root, text, chartTree) : undefined;
}

/** Every span of a value tree, to move or pin them. */
export function eachValueSpan(node: ValueNode, visit: (span: Span) => void): void {
  visit(node.span);
  for (const e of node.entries ?? []) {
    visit(e.keySpan);
    eachValueSpan(e.value, visit);
  }
  for (const i of node.items ?? []) eachValueSpan(i, visit);
}

/** A deep copy of a value tree, whose spans can then be moved without touching the original. */
export function copyValues(node: ValueNode): ValueNode {
  return {
    ...node,
    span: { ...node.span },
    entries: node.entries?.map((e) => ({ ...e, keySpan: { ...e.keySpan }, value: copyValues(e.value) })),
    items: node.items?.map(copyValues),
  };
}
