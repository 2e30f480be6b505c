// List values item by item, however the file writes them: YAML block or flow lists, env text, `${VAR:-[a, b]}` defaults.
import type { ConfigModel, ListItem, ListValue, ModelEntry, Span } from '../model';

const quoteAt = (text: string, at: number | undefined): '"' | "'" | undefined => {
  const c = at === undefined ? undefined : text[at];
  return c === '"' || c === "'" ? c : undefined;
};

/** The text inside an item's quotes, and before the line break a block node may end with. */
function unquoted(text: string, whole: Span): Span {
  const span = { ...whole };
  while (span.end > span.start && /\s/.test(text[span.end - 1])) span.end--;
  const q = text[span.start];
  return (q === '"' || q === "'") && text[span.end - 1] === q && span.end - span.start >= 2 ? { start: span.start + 1, end: span.end - 1 } : span;
}

/** Items of a YAML sequence node, with the spans the reader recorded. */
function nodeList(text: string, entry: ModelEntry, items: NonNullable<ModelEntry['items']>): ListValue {
  const list: ListItem[] = items.map((item) => {
    const span = unquoted(text, item.span);
    return { value: item.value, text: text.slice(span.start, span.end), span, whole: item.span };
  });
  if (entry.raw.startsWith('[')) {
    return {
      items: list,
      style: 'flow',
      append: entry.valueSpan ? { at: entry.valueSpan.end - 1, separator: list.length ? ', ' : '', quote: quoteAt(text, items[0]?.span.start) } : undefined,
    };
  }
  const last = items[items.length - 1];
  const dash = text.lastIndexOf('-', last.span.start);
  const lineStart = text.lastIndexOf('\n', dash) + 1;
  const lineEnd = text.indexOf('\n', last.span.end);
  return {
    items: list,
    style: 'block',
    append: { at: lineEnd === -1 ? text.length : lineEnd, indent: dash - lineStart, quote: quoteAt(text, last.span.start) },
  };
}

/**
 * Splits `[a, {b, c}, "d"]` at top-level commas, because docs placeholders such as `{your domain}` make such text
 * unreadable as YAML; a value without brackets is one item.
 */
function textList(body: string, base: number, values: unknown, env: boolean): ListValue {
  const lead = body.length - body.trimStart().length;
  const trimmed = body.trim();
  const valueAt = (i: number, text: string) => (Array.isArray(values) && values[i] !== undefined ? values[i] : text);
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) {
    const span = { start: base + lead, end: base + lead + trimmed.length };
    return { items: trimmed ? [{ value: valueAt(0, trimmed), text: trimmed, span, whole: span }] : [], style: 'text', append: undefined };
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
    const quoted = text.length >= 2 && ((text.startsWith('"') && text.endsWith('"')) || (text.startsWith("'") && text.endsWith("'")));
    const whole = { start: s, end: s + text.length };
    const span = quoted ? { start: s + 1, end: s + text.length - 1 } : whole;
    const itemText = quoted ? text.slice(1, -1) : text;
    items.push({ value: valueAt(items.length, itemText), text: itemText, span, whole });
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
  const first = inner.trimStart()[0];
  const quote = items.length && (first === '"' || first === "'") ? first : undefined;
  return { items, style: env ? 'text' : 'flow', append: { at: open + trimmed.length - 1, separator, quote } };
}

/** The list an entry holds, item by item; undefined when the value is unset or only known at deploy time. */
export function listOf(text: string, entry: ModelEntry, env: boolean): ListValue | undefined {
  if (entry.value === undefined || entry.value === null || !entry.valueSpan) return undefined;
  if (entry.items?.length && !env && !entry.placeholder) return nodeList(text, entry, entry.items);
  let start = entry.valueSpan.start;
  let body = text.slice(entry.valueSpan.start, entry.valueSpan.end);
  const p = entry.placeholder;
  if (p?.defaultStart !== undefined && p.defaultEnd !== undefined) {
    start = entry.textStart + p.defaultStart;
    body = text.slice(start, entry.textStart + p.defaultEnd + p.trailing.length);
  } else if (entry.quote) {
    start += 1;
    body = body.slice(1, -1);
  }
  return textList(body, start, entry.value, env);
}

/**
 * Gives every list-typed entry its items. Run on the finished model of each version: lists are few and short, and
 * computing them from the whole text keeps section reuse free of list offsets to move.
 */
export function attachLists(text: string, model: ConfigModel): void {
  for (const entry of model.entries.values()) {
    if (entry.key.type !== 'stringList' && !Array.isArray(entry.value)) continue;
    const list = listOf(text, entry, model.profile.textValues);
    if (list) entry.list = list;
    else delete entry.list;
  }
}
