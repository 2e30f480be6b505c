// Rule family "malformed": docs placeholders left in values (R15) and value strings broken by copy and paste (R16).
import { existsIn } from '../schema';
import { isAuthVariable } from '../surfaces/env';
import { effectiveVersion } from '../validate';
import type { ConfigModel, EnvAssignment, Issue, ModelEntry, Span, TextChange } from '../surfaces/model';
import type { Fix, FixProvider, Rule, RuleFamily } from './types';

/** A documentation placeholder inside a value, in offsets relative to the value text. */
export interface DocHole {
  start: number;
  end: number;
  text: string;
  /** `{http://...}`: braces around a URL, which are docs notation and can simply be dropped. */
  wrapsUrl: boolean;
  /** `<name>` rather than `{name}`. */
  angle: boolean;
}

const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Index of the `}` that closes the `{` at `open`, or -1. */
function closingBrace(s: string, open: number, to: number): number {
  let depth = 0;
  for (let i = open; i < to; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function scanHoles(s: string, from: number, to: number, out: DocHole[]): void {
  let i = from;
  while (i < to) {
    const c = s[i];
    if (c === '{') {
      // `{{ .Values.x }}` is a Helm/Go template filled at deploy time, `${VAR}` a substitution: neither is a hole.
      if (s[i + 1] === '{') {
        const close = s.indexOf('}}', i + 2);
        i = close === -1 || close >= to ? to : close + 2;
        continue;
      }
      if (s[i - 1] === '$') {
        i++;
        continue;
      }
      const close = closingBrace(s, i, to);
      if (close === -1) {
        i++;
        continue;
      }
      const inner = s.slice(i + 1, close);
      // JSON (`{"a": "b"}`) and YAML flow mappings (`{customParamKey1: x}`) are values, not placeholders.
      const isMapping = /^\s*["']/.test(inner) || /^\s*[\w.-]+\s*:(\s|$)/.test(inner);
      if (/[A-Za-z]/.test(inner) && !isMapping) {
        const wrapsUrl = URL_START.test(inner.trim());
        out.push({ start: i, end: close + 1, text: s.slice(i, close + 1), wrapsUrl, angle: false });
        if (wrapsUrl) scanHoles(s, i + 1, close, out);
      }
      i = close + 1;
      continue;
    }
    if (c === '<') {
      // `<path:...>` is argocd-vault-plugin's reference, filled at deploy time.
      const m = /^<(?!path:)[A-Za-z][^<>\n]*>/.exec(s.slice(i, to));
      if (m) {
        out.push({ start: i, end: i + m[0].length, text: m[0], wrapsUrl: false, angle: true });
        i += m[0].length;
        continue;
      }
    }
    i++;
  }
}

/** Docs placeholders (`{your domain}`, `<myrealm>`, `{Client ID}`, `{http://...}`) in a value as written. */
export function findDocHoles(raw: string): DocHole[] {
  const out: DocHole[] = [];
  scanHoles(raw, 0, raw.length, out);
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The holes of an entry that are really left over from the docs. In a secret-typed key a `<name>` is skipped: it is
 * how templates leave the slot for a credential that must never be committed (`jwtToken: <jwt-token>` in the
 * ingestion docs), and argocd-vault-plugin fills bare `<name>` placeholders at deploy time, so it is no mistake here.
 */
export function entryHoles(entry: ModelEntry): DocHole[] {
  if (!entry.valueSpan || entry.secretRef) return [];
  return findDocHoles(entry.raw).filter((h) => !(h.angle && entry.key.secret));
}

/** Whether an env assignment is one of OpenMetadata's, so this extension may judge its syntax. */
export function isOpenMetadataVariable(a: EnvAssignment): boolean {
  return Boolean(a.path) || isAuthVariable(a.name);
}

/** The whole line of a span, with its line break, for removing it. */
export function wholeLines(text: string, span: Span): TextChange {
  const start = text.lastIndexOf('\n', span.start - 1) + 1;
  let end = text.indexOf('\n', Math.max(span.end - 1, span.start));
  end = end === -1 ? text.length : end + 1;
  return { start, end, newText: '' };
}

/** How an env assignment is written: a `.env` line, a compose mapping or list item, or a Kubernetes `name`/`value` item. */
export function envForm(text: string, model: ConfigModel, nameStart: number): 'dotenv' | 'map' | 'list' | 'k8s' {
  if (model.envTarget?.form === 'dotenv') return 'dotenv';
  const lineStart = text.lastIndexOf('\n', nameStart - 1) + 1;
  const lead = text.slice(lineStart, nameStart).trim();
  if (/(^|-\s*)name:\s*["']?$/.test(lead)) return 'k8s';
  return lead.startsWith('-') ? 'list' : 'map';
}

const placeholderLeft: Rule = (model, _text, settings) => {
  const version = effectiveVersion(settings);
  const out: Issue[] = [];
  for (const entry of model.entries.values()) {
    // A key the version no longer has is reported as such; filling in its placeholder would be wasted work.
    if (!existsIn(entry.key, version)) continue;
    const base = entry.valueSpan?.start ?? 0;
    for (const hole of entryHoles(entry)) {
      const span = { start: base + hole.start, end: base + hole.end };
      const inner = hole.text.slice(1, -1);
      out.push({
        code: 'placeholder-left',
        severity: 'error',
        span,
        message: hole.wrapsUrl
          ? `The braces around \`${inner}\` are docs notation: OpenMetadata reads \`${hole.text}\` literally (or as a YAML mapping), so this URL is never used and login fails. Remove the braces.`
          : `\`${hole.text}\` is a placeholder from the docs, not a value: OpenMetadata uses it literally and login fails. Replace it with the real value.`,
        data: { path: entry.path, placeholder: hole.text, unwrap: hole.wrapsUrl ? { open: span.start, close: span.end - 1 } : undefined },
      });
    }
  }
  return out;
};

const placeholderFixes: FixProvider = ({ data }) => {
  const unwrap = data.unwrap as { open: number; close: number } | undefined;
  if (!unwrap) return [];
  return [
    {
      title: 'Remove the braces around the URL',
      changes: [
        { start: unwrap.open, end: unwrap.open + 1, newText: '' },
        { start: unwrap.close, end: unwrap.close + 1, newText: '' },
      ],
      preferred: true,
    },
  ];
};

/** The value text inside its quotes. */
const innerText = (entry: ModelEntry) => (entry.quote ? entry.raw.slice(1, -1) : entry.raw);

function repeatedKey(entry: ModelEntry): Issue | undefined {
  if (entry.placeholder || !entry.valueSpan || typeof entry.value !== 'string') return undefined;
  const names = [...new Set([entry.sourceKey, entry.key.env, entry.key.key, entry.key.helm].filter((n): n is string => Boolean(n)))];
  const inner = innerText(entry);
  for (const name of names) {
    const m = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*[=:]\\s*(?=\\S)`).exec(inner);
    if (!m) continue;
    const span = { start: entry.textStart, end: entry.textStart + m[0].length };
    return {
      code: 'malformed-value',
      severity: 'error',
      span,
      message: `The value repeats its own name (\`${m[0].trim()}\`), so OpenMetadata gets \`${inner}\` instead of \`${inner.slice(m[0].length)}\` and login fails. Remove the repeated \`${m[0].trim()}\`.`,
      data: { kind: 'repeated-key', path: entry.path, remove: span },
    };
  }
  return undefined;
}

function strayQuote(entry: ModelEntry): Issue | undefined {
  // Passwords may legitimately contain quotes; placeholders and lists are read differently.
  if (entry.quote || entry.placeholder || entry.key.secret || !entry.valueSpan || typeof entry.value !== 'string') return undefined;
  const raw = entry.raw;
  for (const q of ['"', "'"]) {
    if (raw.split(q).length !== 2) continue;
    const at = raw.endsWith(q) ? raw.length - 1 : raw.startsWith(q) ? 0 : -1;
    if (at === -1 || raw.length === 1) continue;
    const offset = entry.valueSpan.start + at;
    const clean = raw.slice(0, at) + raw.slice(at + 1);
    return {
      code: 'malformed-value',
      severity: 'error',
      span: { start: offset, end: offset + 1 },
      message: `This value has an unmatched \`${q}\`, so OpenMetadata gets \`${raw}\` (quote included) instead of \`${clean}\` and login fails. Remove the stray quote.`,
      data: { kind: 'stray-quote', path: entry.path, remove: { start: offset, end: offset + 1 } },
    };
  }
  return undefined;
}

function yamlInEnv(text: string, a: EnvAssignment): Issue {
  const colon = text.indexOf(':', a.nameSpan.end);
  return {
    code: 'malformed-value',
    // Docker Compose's own parser tolerates `NAME: value`; every other loader does not, hence a warning.
    severity: 'warning',
    span: { start: a.nameSpan.start, end: colon + 1 },
    message: `\`${a.name}: ...\` is YAML syntax in an env file: Docker Compose tolerates it, but \`docker run --env-file\`, \`kubectl create configmap --from-env-file\`, systemd and shells do not, and the setting is lost there. Write \`${a.name}=...\`.`,
    data: { kind: 'yaml-in-env', name: a.name, replace: { start: a.nameSpan.end, end: a.valueSpan.start } },
  };
}

/** `NAME= value` in a .env file: the space is part of the value for every loader but Docker Compose. */
function leadingSpace(text: string, a: EnvAssignment): Issue | undefined {
  let from = a.valueSpan.start;
  while (from > a.nameSpan.end && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  if (from === a.valueSpan.start || text[from - 1] !== '=' || !a.raw || a.raw.startsWith('#')) return undefined;
  const spaces = { start: from, end: a.valueSpan.start };
  return {
    code: 'malformed-value',
    severity: 'warning',
    span: spaces,
    message: `There is whitespace after \`${a.name}=\`: Docker Compose trims it, but \`docker run --env-file\` and Kubernetes keep it, so OpenMetadata gets \`${text.slice(from, a.valueSpan.end)}\` with a leading space and does not recognise it. Remove the space.`,
    data: { kind: 'leading-space', name: a.name, remove: spaces },
  };
}

/** Line starts of a text, for line numbers and line-by-line scans without re-splitting it. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Index of the line holding an offset (binary search over line starts). */
function lineIndexOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * For each env assignment of a YAML file, the line that owns its block (compose `environment:`, Kubernetes `env:`),
 * to tell blocks apart: the nearest line above the item's dash that is less indented, or as indented but no item.
 * One forward sweep over the lines keeps this linear however long the lists are.
 */
function envBlocks(text: string, assignments: EnvAssignment[]): Map<EnvAssignment, number> {
  const starts = lineStarts(text);
  const lineAt = (i: number) => text.slice(starts[i], i + 1 < starts.length ? starts[i + 1] - 1 : text.length);
  const indent = (l: string) => l.length - l.trimStart().length;
  const blank = (l: string) => !l.trim() || l.trimStart().startsWith('#');
  const queries = assignments.map((a) => {
    let i = lineIndexOf(starts, a.nameSpan.start);
    let line = lineAt(i);
    // A Kubernetes item may put `name:` below its `- value:` line: climb to the item's dash (a few lines at most).
    for (let j = i - 1; j >= 0 && !line.trimStart().startsWith('-'); j--) {
      const l = lineAt(j);
      if (blank(l) || indent(l) >= indent(line)) continue;
      i = j;
      line = l;
      break;
    }
    return { a, line: i, dash: line.trimStart().startsWith('-') ? indent(line) : indent(line) + 1 };
  });
  queries.sort((x, y) => x.line - y.line);
  const MAX = 256;
  const lastAny = new Array<number>(MAX).fill(-1);
  const lastPlain = new Array<number>(MAX).fill(-1);
  const out = new Map<EnvAssignment, number>();
  let q = 0;
  for (let i = 0; i < starts.length && q < queries.length; i++) {
    while (q < queries.length && queries[q].line === i) {
      const d = Math.min(queries[q].dash, MAX - 1);
      let owner = lastPlain[d];
      for (let k = 0; k < d; k++) owner = Math.max(owner, lastAny[k]);
      out.set(queries[q].a, owner);
      q++;
    }
    const l = lineAt(i);
    if (blank(l)) continue;
    const n = Math.min(indent(l), MAX - 1);
    lastAny[n] = i;
    if (!l.trimStart().startsWith('-')) lastPlain[n] = i;
  }
  return out;
}

/** Duplicates of OpenMetadata variables in one env block; YAML mappings are left to the parser's duplicate-key. */
function duplicates(text: string, model: ConfigModel): Issue[] {
  const dotenv = model.envTarget?.form === 'dotenv';
  const counts = new Map<string, number>();
  for (const a of model.env) counts.set(a.name, (counts.get(a.name) ?? 0) + 1);
  const afterName = /["']?[ \t]*(.)/y;
  const candidates = model.env.filter((a) => {
    if ((counts.get(a.name) ?? 0) < 2 || !isOpenMetadataVariable(a)) return false;
    if (dotenv) return true;
    const lineStart = text.lastIndexOf('\n', a.nameSpan.start - 1) + 1;
    afterName.lastIndex = a.nameSpan.end;
    // A compose mapping's duplicate is a YAML duplicate key, which the parser reports.
    return !(text.slice(lineStart, a.nameSpan.start).trim() === '' && afterName.exec(text)?.[1] === ':');
  });
  if (!candidates.length) return [];
  const blocks = dotenv ? undefined : envBlocks(text, candidates);
  const starts = lineStarts(text);
  const seen = new Map<string, EnvAssignment>();
  const out: Issue[] = [];
  for (const a of candidates) {
    const id = `${blocks?.get(a) ?? 0}\u0000${a.name}`;
    const earlier = seen.get(id);
    seen.set(id, a);
    if (!earlier) continue;
    out.push({
      code: 'malformed-value',
      severity: 'warning',
      span: earlier.nameSpan,
      message: `\`${a.name}\` is set again on line ${lineIndexOf(starts, a.nameSpan.start) + 1}; the last assignment wins, so this one is ignored and misleads whoever edits it. Remove it.`,
      data: { kind: 'duplicate', name: a.name, remove: wholeLines(text, earlier.lineSpan) },
    });
  }
  return out;
}

const malformedValue: Rule = (model, text) => {
  const out: Issue[] = [];
  for (const entry of model.entries.values()) {
    const issue = repeatedKey(entry) ?? strayQuote(entry);
    if (issue) out.push(issue);
  }
  if (model.shape === 'env') {
    for (const a of model.env) {
      if (!isOpenMetadataVariable(a)) continue;
      if (a.malformed === 'yaml-in-env') out.push(yamlInEnv(text, a));
      else if (model.envTarget?.form === 'dotenv') {
        const issue = leadingSpace(text, a);
        if (issue) out.push(issue);
      }
    }
    out.push(...duplicates(text, model));
  }
  return out;
};

const span = (v: unknown) => v as { start: number; end: number } | undefined;

const malformedFixes: FixProvider = ({ data }) => {
  const fixes: Fix[] = [];
  const remove = span(data.remove);
  const replace = span(data.replace);
  switch (data.kind) {
    case 'repeated-key':
      if (remove) fixes.push({ title: 'Remove the repeated name', changes: [{ ...remove, newText: '' }], preferred: true });
      break;
    case 'stray-quote':
      if (remove) fixes.push({ title: 'Remove the stray quote', changes: [{ ...remove, newText: '' }], preferred: true });
      break;
    case 'yaml-in-env':
      if (replace) fixes.push({ title: `Write \`${String(data.name)}=...\``, changes: [{ ...replace, newText: '=' }], preferred: true });
      break;
    case 'leading-space':
      if (remove) fixes.push({ title: 'Remove the space after `=`', changes: [{ ...remove, newText: '' }], preferred: true });
      break;
    case 'duplicate':
      if (remove) fixes.push({ title: `Remove this earlier \`${String(data.name)}\``, changes: [{ ...remove, newText: '' }], preferred: true });
      break;
  }
  return fixes;
};

export const family: RuleFamily = {
  rules: [placeholderLeft, malformedValue],
  fixes: { 'placeholder-left': placeholderFixes, 'malformed-value': malformedFixes },
};
