// Quick fixes: minimal edits per diagnostic code, chosen by `code` and `data`, never by message text.
import { CodeActionKind, TextDocumentEdit } from 'vscode-languageserver-types';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSource } from '../../../common/protocol';
import { modelAt } from './analyze';
import type { Analysis } from './analyze';
import { impliedValue } from './derive';
import { removeEntry, replaceValue, setValues } from './edits';
import { factsOf } from './facts';
import type { Fix, FixProvider, Issue, TextChange } from './model';
import { schemaIndex } from './schema';
import { ruleFixesFor } from './rules/index';
import { inLineBreaksOf, lineEndOf, lineStartOf, readableText, wholeLines } from './text';
import type { ServiceSettings } from './validate';
import { rangeOf } from './spans';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The value after `key:` on the key's own line when it is one plain or quoted scalar; undefined for anything else. */
function scalarAfterKey(text: string, start: number): string | undefined {
  const end = text.indexOf('\n', start);
  const line = text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
  const colon = line.indexOf(': ');
  if (colon <= 0) return undefined;
  let rest = line.slice(colon + 2).trim();
  const quote = rest[0];
  if (quote === '"' || quote === "'") {
    const close = rest.indexOf(quote, 1);
    const after = close === -1 ? '' : rest.slice(close + 1).trim();
    if (close === -1 || (after && !after.startsWith('#'))) return undefined;
    rest = rest.slice(1, close);
    return quote === '"' && rest.includes('\\') ? undefined : rest.trim() || undefined;
  }
  const hash = rest.indexOf(' #');
  if (hash !== -1) rest = rest.slice(0, hash).trim();
  // Block scalars, flow collections, anchors, aliases and tags are not one plain value.
  return rest && !'|>{[&*!#'.includes(rest[0]) ? rest : undefined;
}

/** Fixes of the structural codes; rule families register theirs in `ruleFixes`. */
const structuralFixes: Record<string, FixProvider> = {
  'unknown-key': ({ text, model, start, end, data }) => {
    const fixes: Fix[] = [];
    if (data.more) return fixes; // the note for the keys past the ones listed: no single edit is right for them
    const suggestion = str(data.suggestion);
    // A rename into a name the mapping already has would write a duplicate key; a server-only key belongs in `extraEnvs`.
    const taken = suggestion !== undefined && model.objects.get(str(data.object) ?? '')?.childNames.includes(suggestion);
    if (suggestion && !taken && !data.env)
      fixes.push({ title: `Rename to \`${suggestion}\``, changes: [{ start, end, newText: suggestion }], preferred: true });
    // A server key the chart has no value for reaches the server through `extraEnvs`: move a one-line value there.
    const env = str(data.env);
    const value = env && model.shape === 'helm' ? scalarAfterKey(text, start) : undefined;
    if (env && value !== undefined) {
      const moved = model.extraEnv.some((a) => a.name === env);
      const { changes } = setValues(text, model, [{ path: `${str(data.object)}.${str(data.key)}`, value }]);
      if (changes.length)
        fixes.push({
          title: moved ? `Remove it (\`${env}\` is already in \`extraEnvs\`)` : `Move it to \`extraEnvs\` as \`${env}\``,
          changes,
          preferred: true,
        });
    }
    // The only key of a mapping removed leaves its parent null, which neither the server nor the chart's schema accepts.
    if (!onlyKeyOfItsMapping(text, start)) fixes.push({ title: `Remove \`${str(data.key)}\``, changes: [blockOf(text, start)] });
    return fixes;
  },
  'unknown-env-var': ({ model, start, end, data }) => {
    const suggestion = str(data.suggestion);
    if (!suggestion || model.env.some((a) => a.name === suggestion)) return [];
    return [{ title: `Rename to \`${suggestion}\``, changes: [{ start, end, newText: suggestion }], preferred: true }];
  },
  'invalid-value': ({ model, text, data }) => {
    const entry = model.entries.get(str(data.path) ?? '');
    if (!entry || !Array.isArray(data.allowed)) return [];
    const suggestion = str(data.suggestion);
    return (data.allowed as string[]).map((v) => ({
      title: `Change to \`${v}\``,
      changes: [replaceValue(text, model, entry, v)],
      preferred: v === suggestion,
    }));
  },
  'missing-required': ({ model, text, data, settings }) => {
    // An empty value the user must fill in: no default would be right.
    if (data.empty) return [];
    const path = str(data.path);
    const key = path ? schemaIndex.byPath.get(path) : undefined;
    if (!path || !key) return [];
    // A value the file implies, else a default that is a real answer; nothing when only the person knows the value
    // (an empty or foreign default would be written and then pass unflagged).
    const implied = impliedValue(model, factsOf(model, settings), path);
    const usable =
      !key.unsafeDefault &&
      key.default !== undefined &&
      key.default !== '' &&
      (typeof key.default !== 'object' || (Array.isArray(key.default) && key.default.length > 0));
    const value = implied ?? (usable ? (key.default as string | boolean | number | string[]) : undefined);
    if (value === undefined) return [];
    const { changes } = setValues(text, model, [{ path, value }]);
    return changes.length ? [{ title: `Add \`${key.key}\``, changes, preferred: true }] : [];
  },
  'malformed-value': ({ text, data, start }) => {
    if (data.kind !== 'missing-space' || typeof data.key !== 'string') return [];
    // The colon sits right after the key at the start of the diagnostic (offsets in data would go stale).
    const at = start + data.key.length + 1;
    const rest = text.slice(at, lineEndOf(text, at));
    // `key:child: value` is a mapping: a space would put two keys on one line, which YAML refuses. Under a key that
    // holds a mapping the child goes on its own line; under one that holds text the rest is that text, quoted.
    if (!/^["']/.test(rest) && /:(\s|$)/.test(rest)) {
      if (!data.mapping) {
        const hash = rest.indexOf(' #');
        const value = (hash === -1 ? rest : rest.slice(0, hash)).trim();
        return [
          {
            title: 'Add a space after the colon and quote the value',
            changes: [{ start: at, end: at + (hash === -1 ? rest.length : hash), newText: ` ${JSON.stringify(value)}` }],
            preferred: true,
          },
        ];
      }
      const indent = ' '.repeat(start - lineStartOf(text, start) + 2);
      return [
        {
          title: `Put \`${rest.split(':')[0]}\` on its own line under \`${data.key}\``,
          changes: [{ start: at, end: at, newText: `${text.includes('\r\n') ? '\r\n' : '\n'}${indent}` }],
          preferred: true,
        },
      ];
    }
    return [{ title: 'Add a space after the colon', changes: [{ start: at, end: at, newText: ' ' }], preferred: true }];
  },
  'env-default-brace': ({ model, data }) => {
    const entry = model.entries.get(str(data.path) ?? '');
    const p = entry?.placeholder;
    if (!entry || !p || p.defaultStart === undefined) return [];
    const end = entry.textStart + p.end + p.trailing.length - 1;
    // Quoted, an empty default is the empty string, which a map cannot bind (custom-params-empty); unquoted it is null.
    const whole = entry.quote && entry.valueSpan && !entry.flow && entry.key.type === 'map' && end + 1 === entry.valueSpan.end - 1;
    return [
      {
        title: `Use an empty default: \`\${${p.variable}:-}\``,
        changes: [
          whole && entry.valueSpan ? { ...entry.valueSpan, newText: `\${${p.variable}:-}` } : { start: entry.textStart + p.defaultStart, end, newText: '' },
        ],
        preferred: true,
      },
    ];
  },
  'not-in-version': ({ model, text, start, data }) => {
    // An env file may set the variable more than once (each service of a compose file): every assignment goes.
    const assignment = model.env.find((a) => a.nameSpan.start <= start && start < a.nameSpan.end);
    const all = assignment ? model.env.filter((a) => a.name === assignment.name) : [];
    if (assignment)
      return [
        { title: `Remove \`${assignment.name}\`${all.length > 1 ? ` (${all.length} lines)` : ''}`, changes: all.map((a) => wholeLines(text, a.lineSpan)) },
      ];
    const entry = model.entries.get(str(data.path) ?? '');
    return entry ? [{ title: `Remove \`${entry.sourceKey}\``, changes: [removeEntry(text, entry)] }] : [];
  },
  'duplicate-key': ({ text, start }) => [{ title: 'Remove this duplicate key', changes: [blockOf(text, start)] }],
};

/** The whole lines of a key with everything under it: deeper lines, and list items at the key's own indentation. */
function blockOf(text: string, start: number): TextChange {
  const indent = start - lineStartOf(text, start);
  let end = text.indexOf('\n', start);
  while (end !== -1) {
    const next = text.indexOf('\n', end + 1);
    const line = text.slice(end + 1, next === -1 ? text.length : next);
    const ind = line.length - line.trimStart().length;
    if (line.trim() && (ind < indent || (ind === indent && !/^-(\s|$)/.test(line.trimStart())))) break;
    if (!line.trim() && next === -1) break;
    end = next;
  }
  return wholeLines(text, { start, end: end === -1 ? text.length : end + 1 });
}

/** Whether the key at `start` is alone in its block mapping: no key at its indentation before or after it under its parent. */
function onlyKeyOfItsMapping(text: string, start: number): boolean {
  const lineStart = lineStartOf(text, start);
  const indent = start - lineStart;
  if (text.slice(lineStart, start).trim()) return false; // a `- key:` item or a flow mapping: a sibling is not a line of its own
  const meaningful = (line: string) => line.trim() !== '' && !line.trimStart().startsWith('#');
  const indentOfLine = (line: string) => line.length - line.trimStart().length;
  const before = text.slice(0, lineStart).split('\n').reverse().find(meaningful);
  if (before !== undefined && indentOfLine(before) >= indent) return false;
  const block = blockOf(text, start);
  const after = text.slice(block.end).split('\n').find(meaningful);
  return after === undefined || indentOfLine(after) < indent;
}

/** Whether two edits overlap (inserts at one point do not: they apply in order). */
function overlapping(changes: readonly TextChange[]): boolean {
  const sorted = [...changes].sort((a, b) => a.start - b.start || a.end - b.end);
  return sorted.some((c, i) => i > 0 && c.start < sorted[i - 1].end);
}

/** Fixes for one diagnostic in offsets (the part unit tests check). */
export function fixesFor(
  text: string,
  analysis: Analysis,
  diagnostic: { code: string; start: number; end: number; data?: unknown },
  settings: ServiceSettings = {},
): Fix[] {
  if (!analysis.shape) return [];
  const model = modelAt(analysis, diagnostic.start) ?? analysis.model;
  // Values in a quoted or folded string: their positions do not map back into the file, so nothing is written there.
  if (model.host?.pinned) return [];
  const providers = [...(structuralFixes[diagnostic.code] ? [structuralFixes[diagnostic.code]] : []), ...ruleFixesFor(diagnostic.code as Issue['code'], model)];
  // Fixes are made on the text as the analysis read it (lone CRs as LF) and written with the file's own line breaks.
  const read = readableText(text);
  const context = { text: read, model, settings, start: diagnostic.start, end: diagnostic.end, data: (diagnostic.data ?? {}) as Record<string, unknown> };
  // A fix whose edits write what is there already changes nothing: offered, it would loop a chain of fixes. One whose
  // edits overlap is no edit at all: LSP forbids it and VS Code refuses the whole fix.
  const changesText = (f: Fix) => !f.changes.length || f.changes.some((c) => read.slice(c.start, c.end) !== c.newText);
  return providers
    .flatMap((provider) => provider(context))
    .filter((f) => changesText(f) && !overlapping(f.changes))
    .map((f) => ({ ...f, changes: f.changes.map((c) => inLineBreaksOf(text, c)) }));
}

/** LSP code actions for the diagnostics in a request's context, as versioned workspace edits. */
export function codeActions(document: TextDocument, analysis: Analysis, diagnostics: Diagnostic[], settings: ServiceSettings = {}): CodeAction[] {
  const text = document.getText();
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DiagnosticSource || typeof diagnostic.code !== 'string') continue;
    const fixes = fixesFor(
      text,
      analysis,
      { code: diagnostic.code, start: document.offsetAt(diagnostic.range.start), end: document.offsetAt(diagnostic.range.end), data: diagnostic.data },
      settings,
    );
    for (const fix of fixes) {
      const edits = fix.changes.map((c) => ({ range: rangeOf(document, c, text), newText: c.newText }));
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.preferred,
        edit: edits.length ? { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, edits)] } : undefined,
        command: fix.command,
      });
    }
  }
  return actions;
}
