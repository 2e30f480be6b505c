// Minimal, lossless edits that set or remove canonical values in any file shape, keeping comments and placeholders.
import { heldAs, namesIn, schemaIndex } from './schema';
import type { SchemaKey } from './schema';
import type { CanonicalValue } from '../../../common/protocol';
import type { ConfigModel, EnvForm, ListValue, ModelEntry, TextChange } from './model';
import { inLineBreaksOf, lineEndOf, readableText, wholeLines } from './text';
import { parseValue } from './yamlParse';
import { topLevelNamed } from './sections';

type Value = CanonicalValue['value'];

/** The characters a value written plain may hold: words, URLs, lists of scopes; anything else is quoted for clarity. */
const PLAIN_SAFE = /^[A-Za-z0-9_./@-][A-Za-z0-9_ ./@:+=,-]*$/;

/**
 * Whether a string written plain reads back as that very string, as the value of a key (or an item of a flow
 * collection), under YAML 1.2 and under YAML 1.1, which Helm's and SnakeYAML's readers follow (`on` is a boolean
 * there). The parser says so: `1e3` is a number, `@x` an error, `- x` a list, `${X}` in a flow mapping a mapping.
 */
function readsBackPlain(value: string, flow: boolean): boolean {
  return (['1.2', '1.1'] as const).every((version) => {
    const read = parseValue(flow ? `[${value}]` : `key: ${value}`, version);
    if (!('value' in read)) return false;
    const got: unknown = flow
      ? Array.isArray(read.value) && read.value.length === 1
        ? read.value[0]
        : undefined
      : (read.value as { key?: unknown } | null)?.key;
    return got === value;
  });
}

/** A scalar as YAML text: plain when YAML reads it back as the same string (in a flow collection when `flow`), double-quoted otherwise. */
export function yamlScalar(value: string | number | boolean, quote?: '"' | "'", flow = false): string {
  if (typeof value !== 'string') return String(value);
  if (quote === "'") return `'${value.replace(/'/g, "''")}'`;
  if (quote === '"' || !PLAIN_SAFE.test(value) || !readsBackPlain(value, flow)) return JSON.stringify(value);
  return value;
}

/** A value written inline: scalars as YAML scalars (inside a flow collection when `flow`), lists in flow style. */
export function inlineValue(value: Value, quote?: '"' | "'", flow = false): string {
  return Array.isArray(value) ? `[${value.map((v) => yamlScalar(v, undefined, true)).join(', ')}]` : yamlScalar(value, quote, flow);
}

/** A value as the text of an env variable: lists in OpenMetadata's `[a,b]` form. */
const envPlain = (value: Value) => (Array.isArray(value) ? `[${value.join(',')}]` : String(value));

/**
 * A variable's text as its form writes it, quoted once by the form that holds it: dotenv quotes are compose's loader's
 * (it decodes `\"` and `\\` inside double quotes), YAML quotes the container's, and inside a `- NAME=value` item the
 * text is the item's own.
 */
export function envWritten(form: EnvForm, plain: string, quote?: '"' | "'", flow = false): string {
  switch (form) {
    case 'dotenv':
      if (quote === "'" && !plain.includes("'")) return `'${plain}'`;
      return quote === '"' || /[\s#"']/.test(plain) ? JSON.stringify(plain) : plain;
    case 'map':
    case 'k8s':
      return yamlScalar(plain, quote, flow);
    case 'list':
      return plain;
  }
}

const secretRefText = (ref: NonNullable<CanonicalValue['secretRef']>) => `\${${ref.envVar}}`;

/** Replaces an entry's value; inside a `${VAR:-default}` only the default changes, so the variable is kept. */
export function replaceValue(text: string, model: ConfigModel, entry: ModelEntry, value: Value): TextChange {
  const env = model.profile.textValues;
  const form = entry.envForm ?? 'dotenv';
  const p = entry.placeholder;
  if (p) {
    const inner = env ? envWritten('dotenv', envPlain(value)) : entry.quote && !Array.isArray(value) ? String(value) : inlineValue(value);
    // Text left after the placeholder's `}` is part of the value read (`${X:-public}}` reads `public}`): it goes too.
    if (p.defaultStart !== undefined && p.defaultEnd !== undefined && p.trailing)
      return { start: entry.textStart + p.defaultStart, end: entry.textStart + p.end + p.trailing.length, newText: `${inner}}` };
    if (p.defaultStart !== undefined && p.defaultEnd !== undefined)
      return { start: entry.textStart + p.defaultStart, end: entry.textStart + p.defaultEnd, newText: inner };
    const close = entry.textStart + p.end - 1;
    return { start: close, end: close, newText: `:-${inner}` };
  }
  const flow = entry.flow === true;
  if (!entry.valueSpan)
    return {
      start: entry.keySpan.end + 1,
      end: entry.keySpan.end + 1,
      newText: ` ${env ? envWritten(form, envPlain(value), undefined, flow) : inlineValue(value, undefined, flow)}`,
    };
  let newText: string;
  if (env) newText = envWritten(form, envPlain(value), Array.isArray(value) ? undefined : entry.quote, flow);
  else if (Array.isArray(value) && entry.items?.length && !entry.raw.startsWith('[')) {
    // A block list stays a block list, one item per line at the column of its first `-`.
    const column = entry.valueSpan.start - (text.lastIndexOf('\n', entry.valueSpan.start - 1) + 1);
    newText = value.map((v) => `- ${yamlScalar(v)}`).join(`\n${' '.repeat(column)}`);
  } else newText = inlineValue(value, entry.quote, flow);
  return { start: entry.valueSpan.start, end: entry.valueSpan.end, newText };
}

/** Inserts lines at the end of a line (or of the text), adding the line breaks that keep the file well formed. */
function insertLines(text: string, at: number, lines: string): TextChange {
  if (at === text.length && (text === '' || text.endsWith('\n'))) return { start: at, end: at, newText: `${lines}\n` };
  return { start: at, end: at, newText: `\n${lines}` };
}

/** Removes an entry's whole lines (key, value and the line break). */
export function removeEntry(text: string, entry: ModelEntry): TextChange {
  return wholeLines(text, entry.lineSpan);
}

/** The YAML text of one value under a key, at an indentation (block lists and Helm secret refs on their own lines). */
function yamlLine(name: string, v: CanonicalValue, key: SchemaKey | undefined, shape: ConfigModel['shape'], indent: string): string {
  if (v.secretRef && shape === 'helm' && key?.helmSecretRef) {
    return `${indent}${name}:\n${indent}  secretRef: ${yamlScalar(v.secretRef.secretName)}\n${indent}  secretKey: ${yamlScalar(v.secretRef.secretKey)}`;
  }
  if (v.secretRef) return `${indent}${name}: ${secretRefText(v.secretRef)}`;
  if (Array.isArray(v.value))
    return v.value.length ? `${indent}${name}:\n${v.value.map((x: string) => `${indent}  - ${yamlScalar(x)}`).join('\n')}` : `${indent}${name}: []`;
  return `${indent}${name}: ${yamlScalar(v.value)}`;
}

interface Tree {
  children: Map<string, Tree>;
  value?: CanonicalValue;
  key?: SchemaKey;
}

function renderTree(tree: Tree, shape: ConfigModel['shape'], indent: number): string[] {
  const lines: string[] = [];
  for (const [name, node] of tree.children) {
    const pad = ' '.repeat(indent);
    if (node.value) lines.push(yamlLine(name, node.value, node.key, shape, pad));
    else lines.push(`${pad}${name}:`, ...renderTree(node, shape, indent + 2));
  }
  return lines;
}

export interface SetValuesResult {
  changes: TextChange[];
  /** Canonical paths this shape cannot hold (e.g. `oidcConfiguration.enabled` in an env file). */
  skipped: string[];
  /** Canonical paths whose value the changes really change (a value already equal is not among them). */
  changed: string[];
}

/**
 * Edits that give each canonical path its value: existing values are replaced in place, missing keys are inserted
 * into the closest existing object with the file's indentation. Values already equal are left alone.
 */
export function setValues(text: string, model: ConfigModel, values: CanonicalValue[]): SetValuesResult {
  const result = valuesSet(readableText(text), model, values);
  return { ...result, changes: result.changes.map((c) => inLineBreaksOf(text, c)) };
}

function valuesSet(text: string, model: ConfigModel, values: CanonicalValue[]): SetValuesResult {
  // Values in a quoted or folded string of a manifest: their positions do not map back into the file.
  if (model.host?.pinned) return { changes: [], skipped: values.map((v) => v.path), changed: [] };
  const changes: TextChange[] = [];
  const skipped: string[] = [];
  const changed: string[] = [];
  const inserts = new Map<string, { at: number; indent: number; tree: Tree }>();
  const envLines: { name: string; value: Value }[] = [];
  const extraEnvItems: { name: string; value: string; path: string }[] = [];
  for (const asked of values) {
    const given = model.shape === 'helm' ? { ...asked, value: heldAs(schemaIndex.byPath.get(asked.path), 'helm', asked.value) } : asked;
    const v: CanonicalValue =
      model.shape === 'helm' && given.helmSecretRef && !given.secretRef ? { ...given, secretRef: { envVar: '', ...given.helmSecretRef } } : given;
    const entry = model.entries.get(v.path);
    if (entry?.external) {
      skipped.push(v.path);
      continue;
    }
    if (setOne(v, entry)) changed.push(v.path);
  }
  // At one place the deeper block goes first, so it stays inside its parent, which then continues at its own depth.
  const slots = [...inserts.values()].sort((a, b) => a.at - b.at || b.indent - a.indent);
  for (const { at, indent, tree } of slots) changes.push(insertLines(text, at, renderTree(tree, model.shape, indent).join('\n')));
  if (envLines.length && model.shape === 'env') changes.push(envInsert(text, model, envLines));
  if (extraEnvItems.length) {
    const moved = extraEnvChanges(text, model, extraEnvItems);
    changes.push(...moved);
    // No place to write them (a list in a form of its own): they are not changed, whatever else is.
    for (const { path } of moved.length ? [] : extraEnvItems) {
      if (changed.includes(path)) changed.splice(changed.indexOf(path), 1);
      skipped.push(path);
    }
  }
  return { changes: sortChanges(outsideRemovals(changes)), skipped, changed };

  /** Adds the edits for one value; whether there were any. */
  function setOne(v: CanonicalValue, entry: ModelEntry | undefined): boolean {
    if (v.remove) {
      if (entry) changes.push(removeEntry(text, entry));
      return entry !== undefined;
    }
    if (entry && !entry.secretRef && !v.secretRef) {
      if (JSON.stringify(entry.value) === JSON.stringify(v.value)) return false;
      changes.push(replaceValue(text, model, entry, v.value));
      return true;
    }
    if (entry && (entry.secretRef || v.secretRef)) {
      // Already the reference asked for (`${OIDC_CLIENT_SECRET}`): a second run leaves it.
      if (
        (entry.secretRef && v.secretRef) ||
        (v.secretRef && model.shape !== 'helm' && entry.raw.trim().replace(/^(["'])(.*)\1$/, '$2') === secretRefText(v.secretRef))
      )
        return false;
      if (model.shape === 'env' || !v.secretRef) {
        if (model.shape === 'env' && entry.raw === secretRefText(v.secretRef!)) return false;
        changes.push({
          start: entry.valueSpan?.start ?? entry.keySpan.end,
          end: entry.valueSpan?.end ?? entry.keySpan.end,
          newText: model.shape === 'env' ? secretRefText(v.secretRef!) : inlineValue(v.value),
        });
        return true;
      }
      // A literal becomes a reference block in place (Helm `{secretRef, secretKey}` spans several lines).
      const named = namesIn(v.path, model.profile.naming);
      const lineStart = entry.lineSpan.start;
      const indent = ' '.repeat(entry.keySpan.start - lineStart);
      changes.push({
        start: lineStart,
        end: entry.lineSpan.end,
        newText: yamlLine(entry.sourceKey, v, named?.keys[named.keys.length - 1] ?? entry.key, model.shape, indent),
      });
      return true;
    }
    if (model.shape === 'env') {
      const key = schemaIndex.byPath.get(v.path);
      if (!key?.env) {
        skipped.push(v.path);
        return false;
      }
      envLines.push({ name: key.env, value: v.secretRef ? secretRefText(v.secretRef) : v.value });
      return true;
    }
    const named = namesIn(v.path, model.profile.naming);
    if (!named) {
      const env = schemaIndex.byPath.get(v.path)?.env;
      // The chart has no value for it (`providerName`): it reaches the server through `extraEnvs`, and a key written
      // under `authentication` by mistake goes, since the chart's schema refuses it.
      if (model.shape !== 'helm' || !env || Array.isArray(v.value) || v.secretRef) {
        skipped.push(v.path);
        return false;
      }
      const misplaced = model.issues.filter((i) => i.code === 'unknown-key' && i.data?.env === env);
      changes.push(...misplaced.map((i) => wholeLines(text, i.span)));
      if (model.extraEnv.some((a) => a.name === env)) return misplaced.length > 0;
      extraEnvItems.push({ name: env, value: String(v.value), path: v.path });
      return true;
    }
    const segments = v.path.split('.');
    let depth = segments.length - 1;
    while (depth > 0 && !model.objects.has(segments.slice(0, depth).join('.'))) depth--;
    const parent = depth > 0 ? model.objects.get(segments.slice(0, depth).join('.')) : undefined;
    // A flow mapping is not edited in place; a name the mapping has already (with a value that is no mapping, so the
    // model holds no object for it) would be written a second time, a duplicate key.
    if (parent?.flow || parent?.childNames.includes(named.names[depth])) {
      skipped.push(v.path);
      return false;
    }
    let at: number;
    let indent: number;
    let rest: string[];
    if (parent) {
      at = parent.insertAt;
      indent = parent.childIndent;
      rest = named.names.slice(depth);
    } else if (model.shape === 'helm' && model.base) {
      at = model.base.insertAt;
      indent = model.base.childIndent;
      rest = named.names;
    } else if (model.host) {
      // Values in a manifest: a new `openmetadata.config` goes after their last line, at their own column.
      if (!model.host.top) {
        skipped.push(v.path);
        return false;
      }
      at = model.host.top.insertAt;
      indent = model.host.top.indent;
      rest = ['openmetadata', 'config', ...named.names];
    } else {
      at = text.length;
      indent = 0;
      rest = model.shape === 'helm' ? ['openmetadata', 'config', ...named.names] : named.names;
    }
    // Keyed by place and depth: a parent and its last child block end on the same line, yet take different keys.
    const slotKey = `${at}:${indent}`;
    const slot = inserts.get(slotKey) ?? { at, indent, tree: { children: new Map() } };
    inserts.set(slotKey, slot);
    let node: Tree = slot.tree;
    rest.forEach((name, i) => {
      const child: Tree = node.children.get(name) ?? { children: new Map() };
      node.children.set(name, child);
      node = child;
      if (i === rest.length - 1) {
        node.value = v;
        node.key = named.keys[named.keys.length - 1];
      }
    });
    return true;
  }
}

function envInsert(text: string, model: ConfigModel, lines: { name: string; value: Value }[]): TextChange {
  const target = model.envTarget ?? { form: 'dotenv' as const, insertAt: text.length, indent: 0 };
  const pad = ' '.repeat(target.indent);
  const rendered = lines.map(({ name, value }) => {
    const plain = envPlain(value);
    switch (target.form) {
      case 'dotenv':
        return `${name}=${envWritten('dotenv', plain)}`;
      case 'map':
        return `${pad}${name}: ${envWritten('map', plain)}`;
      case 'list':
        return `${pad}- ${yamlScalar(`${name}=${plain}`)}`;
      case 'k8s':
        return `${pad}- name: ${name}\n${pad}  value: ${envWritten('k8s', plain)}`;
    }
  });
  return insertLines(text, target.insertAt, rendered.join('\n'));
}

/** An `extraEnvs` list item, in the chart's `{name, value}` form. */
export const extraEnvItem = (pad: string, name: string, value: string) => `${pad}- name: ${name}\n${pad}  value: ${yamlScalar(value, '"')}`;

/**
 * Edits that add items to Helm `extraEnvs`: after the last item of a block list, or a new list at the end of the
 * file. None when the list is written in another form (`extraEnvs: []`), which is left to the user.
 */
export function extraEnvChanges(text: string, model: ConfigModel, items: { name: string; value: string }[]): TextChange[] {
  if (model.host?.pinned) return [];
  const key = topLevelNamed(model, 'extraEnvs')[0]?.span;
  if (!key) {
    const top = model.host?.top;
    // In a manifest the list goes after the values' last line, at their column; else at the end of the file.
    if (model.host)
      return top
        ? [
            {
              start: top.insertAt,
              end: top.insertAt,
              newText: `\n${' '.repeat(top.indent)}extraEnvs:\n${items.map((i) => extraEnvItem(' '.repeat(top.indent + 2), i.name, i.value)).join('\n')}`,
            },
          ]
        : [];
    const nl = text === '' || text.endsWith('\n') ? '' : '\n';
    return [{ start: text.length, end: text.length, newText: `${nl}extraEnvs:\n${items.map((i) => extraEnvItem('  ', i.name, i.value)).join('\n')}\n` }];
  }
  /** The column of `extraEnvs:` (0 in a values file): a line less indented, or as indented and not an item, ends its list. */
  const column = key.start - (text.lastIndexOf('\n', key.start - 1) + 1);
  const flow = flowListAfter(text, key.end);
  if (flow) {
    // The chart's own `extraEnvs: []` becomes a block list; items of a flow list with items join them in flow style.
    if (!text.slice(flow.start + 1, flow.end - 1).trim()) {
      const start = text[key.end] === ':' && !text.slice(key.end + 1, flow.start).trim() ? key.end + 1 : flow.start;
      return [{ start, end: flow.end, newText: `\n${items.map((i) => extraEnvItem(' '.repeat(column + 2), i.name, i.value)).join('\n')}` }];
    }
    const flowItems = items.map((i) => `{name: ${i.name}, value: ${yamlScalar(i.value, '"')}}`).join(', ');
    return [{ start: flow.end - 1, end: flow.end - 1, newText: `, ${flowItems}` }];
  }
  const after = text.slice(key.end).match(/^:[ \t]*(#.*)?\n/);
  if (!after) return [];
  let at = key.end + after[0].length;
  let pad: string | undefined;
  let end = at;
  while (at < text.length) {
    const lineEnd = lineEndOf(text, at);
    const line = text.slice(at, lineEnd);
    if (line.trim() && !line.trimStart().startsWith('#')) {
      const indent = line.length - line.trimStart().length;
      if (indent < column || (indent === column && !line.trimStart().startsWith('-'))) break;
      if (pad === undefined) pad = line.slice(0, line.length - line.trimStart().length);
      end = lineEnd;
    }
    at = lineEnd + 1;
  }
  if (pad === undefined) return [];
  const p = pad;
  return [{ start: end, end, newText: `\n${items.map((i) => extraEnvItem(p, i.name, i.value)).join('\n')}` }];
}

/**
 * The brackets of a flow list written after a key (`key: [a, {b: c}]`), found by counting brackets outside quotes;
 * undefined when the value is not a flow list or its brackets do not close.
 */
function flowListAfter(text: string, keyEnd: number): { start: number; end: number } | undefined {
  if (text[keyEnd] !== ':') return undefined;
  let start = keyEnd + 1;
  while (text[start] === ' ' || text[start] === '\t') start++;
  if (text[start] !== '[') return undefined;
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      // A double-quoted scalar escapes with a backslash, a single-quoted one doubles its quote (two closings in a row).
      i++;
      while (i < text.length && text[i] !== c) i += c === '"' && text[i] === '\\' ? 2 : 1;
    } else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') {
      if (--depth === 0) return { start, end: i + 1 };
    } else if (c === '#' && (text[i - 1] === ' ' || text[i - 1] === '\t' || text[i - 1] === '\n')) {
      const newline = text.indexOf('\n', i);
      if (newline === -1) return undefined;
      i = newline;
    }
  }
  return undefined;
}

/** An insert that falls inside removed lines (lines added after the last one, which goes) moves to where they start. */
function outsideRemovals(changes: TextChange[]): TextChange[] {
  const removals = changes.filter((c) => c.end > c.start && c.newText === '');
  return changes.map((c) => {
    if (c.start !== c.end) return c;
    const r = removals.find((x) => x.start < c.start && c.start < x.end);
    return r ? { start: r.start, end: r.start, newText: `${c.newText.replace(/^\n/, '')}\n` } : c;
  });
}

function sortChanges(changes: TextChange[]): TextChange[] {
  return changes.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Applies offset changes as LSP and VS Code apply a list of edits: by position, and in array order where edits start at
 * one offset (so the preview and `--fix` write the text the editor would). Array.prototype.sort is stable.
 */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const c of [...changes].sort((a, b) => a.start - b.start)) {
    parts.push(text.slice(at, c.start), c.newText);
    at = Math.max(at, c.end);
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** The edit that adds one item at the end of a list, in the list's own style; undefined when it cannot. */
export function appendItem(list: ListValue, value: string): TextChange | undefined {
  const a = list.append;
  if (!a) return undefined;
  const written = a.quote ? yamlScalar(value, a.quote) : list.style === 'text' ? value : yamlScalar(value);
  if (list.style === 'block') return { start: a.at, end: a.at, newText: `\n${' '.repeat(a.indent ?? 0)}- ${written}` };
  return { start: a.at, end: a.at, newText: `${a.separator ?? ''}${written}` };
}

/** Edits that drop one item of a list entry: its line in a YAML block list, else the list written again without it. */
export function removeListItem(text: string, model: ConfigModel, entry: ModelEntry, index: number): TextChange[] {
  const items = entry.list?.items ?? [];
  if (!items[index]) return [];
  if (entry.list?.style === 'block') return [wholeLines(text, items[index].span)];
  return setValues(text, model, [{ path: entry.path, value: items.filter((_, i) => i !== index).map((i) => i.text) }]).changes;
}
