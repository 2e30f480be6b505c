// Completion of keys, values, env var names and whole blocks, computed from the schema at the cursor.
import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind } from 'vscode-languageserver-types';
import { Paths } from '../../../common/protocol';
import { emptyModel, profileOf, promisedShape } from './shapes/index';
import { deriveValues, derivedPublicKeys } from './derive';
import { yamlScalar } from './edits';
import { factsOf } from './facts';
import type { CompletionItem } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileNameOf, modelAt } from './analyze';
import type { Analysis } from './analyze';
import { helmPathOf, keyDocs } from './docs';
import { childrenIn, heldAs, nameIn, schemaIndex } from './schema';
import type { Naming, SchemaKey } from './schema';
import type { ConfigModel, ServiceSettings, Shape } from './model';
import { chartRefusesKey } from './chartSchema';
import { indentOf } from './text';
import { PARSE_CAP } from './limits';

/** Where the cursor is in a YAML file, read from indentation so it works on half-typed, invalid YAML. */
interface YamlContext {
  /** Keys from the document root to the mapping the cursor is in. */
  parents: string[];
  kind: 'key' | 'value';
  /** For a value: the key it belongs to. */
  key?: string;
  prefix: string;
  /** The cursor line is a list item (`- `). */
  listItem: boolean;
}

/**
 * Where the keys of the YAML the cursor is in start: the file's top (offset 0, column 0), or the first line and the
 * column of the Helm values a manifest holds, whose keys are then the top.
 */
interface Floor {
  start: number;
  indent: number;
}

function yamlContext(text: string, offset: number, floor: Floor = { start: 0, indent: 0 }): YamlContext {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const listItem = /^\s*-\s/.test(before);
  const body = before.replace(/^(\s*)-\s/, '$1  ');
  const indent = indentOf(body);
  const valueMatch = /^\s*([^\s:#][^:#]*?):\s+(\S.*)?$/.exec(body);
  const parents: string[] = [];
  let limit = indent;
  let pos = lineStart - 1;
  // Parents further back than a parse cap are past what the analysis reads as one section: not worth a keystroke's walk.
  const stop = Math.max(floor.start, lineStart - PARSE_CAP);
  while (pos > stop && limit > floor.indent) {
    const start = text.lastIndexOf('\n', pos - 1) + 1;
    const line = text.slice(start, pos);
    pos = start - 1;
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const ind = indentOf(line);
    const m = /^\s*(?:-\s+)?([^\s:#][^:#]*?):\s*(#.*)?$/.exec(line);
    if (ind < limit && m) {
      parents.unshift(m[1].replace(/^["']|["']$/g, ''));
      limit = ind;
    } else if (ind < limit) limit = ind;
    if (start <= floor.start) break;
  }
  if (valueMatch) return { parents, kind: 'value', key: valueMatch[1].trim(), prefix: valueMatch[2] ?? '', listItem };
  return { parents, kind: 'key', prefix: body.trim(), listItem };
}

interface Place {
  key?: SchemaKey;
  path?: string;
  naming: Naming;
  /** At the level where roots live: their names, for the top of the file. */
  roots?: { name: string; key: SchemaKey; path: string }[];
}

/** The schema object at a YAML key path in a shape, or the level where roots are offered. */
function placeAt(shape: Shape, parents: string[]): Place | undefined {
  const naming: Naming = shape === 'helm' ? 'helm' : 'server';
  let rest = parents;
  if (shape === 'helm') {
    if (parents[0] !== 'openmetadata' && parents[0] !== 'global') return undefined;
    rest = parents[0] === 'global' ? parents.slice(1) : parents.slice(2);
    if (parents[0] === 'openmetadata' && parents[1] !== 'config') return undefined;
  }
  const roots = schemaIndex.schema.roots.filter((r) =>
    shape === 'workflow' ? r.key === 'workflowConfig' : shape === 'helm' ? r.helm : r.key !== 'workflowConfig',
  );
  if (rest.length === 0) {
    if (shape === 'helm' && parents.length < 2 && parents[0] !== 'global') return undefined;
    return { naming, roots: roots.map((r) => ({ name: nameIn(r, naming)!, key: r, path: r.key })) };
  }
  let key = roots.find((r) => nameIn(r, naming) === rest[0]);
  if (!key) return undefined;
  let path = key.key;
  for (const name of rest.slice(1)) {
    key = childrenIn(key, naming).find((c) => nameIn(c, naming) === name);
    if (!key) return undefined;
    path = `${path}.${key.key}`;
  }
  return { key, path, naming };
}

/** Choices with the default first, so accepting the snippet as is keeps the default. */
const choices = (values: string[], first: unknown) => [...values.filter((v) => v === first), ...values.filter((v) => v !== first)];

function valueSnippet(key: SchemaKey, naming: Naming): string {
  // An env reference, never a literal secret; `$` and `}` are escaped inside the tab stop.
  if (key.secret && key.env) return `\${1:\\\${${key.env}\\}}`;
  if (key.unsafeDefault) return '$1';
  if (key.enum) return `\${1|${choices(key.enum, key.default).join(',')}|}`;
  if (key.type === 'boolean') return `\${1|${key.default === true ? 'true,false' : 'false,true'}|}`;
  const held = heldAs(key, naming, key.default);
  if (typeof held === 'string' && typeof key.default === 'number') return `\${1:${escape(yamlScalar(held))}}`;
  if (key.default !== undefined && typeof key.default !== 'object') return `\${1:${String(key.default).replace(/[$}\\]/g, '\\$&') || '""'}}`;
  return '$1';
}

/** Values a completion can take from what the file already says, by canonical path (the rest come from the schema). */
type Derived = Map<string, string | string[]>;

function derivedValues(model: ConfigModel): Derived {
  const facts = factsOf(model, {});
  const out: Derived = new Map();
  for (const v of deriveValues(model, facts, [Paths.oidcId, Paths.discoveryUri, Paths.oidcCallbackUrl, Paths.serverUrl])) {
    if (!v.secretRef && typeof v.value === 'string' && v.value) out.set(v.path, v.value);
  }
  const keys = derivedPublicKeys(model, facts);
  if (keys) out.set(Paths.publicKeyUrls, keys);
  return out;
}

/** Where the Helm chart reads a value from a Kubernetes Secret (`{secretRef, secretKey}`): the default Secret, by path. */
function helmSecretOf(path: string): { secretName: string; secretKey: string } | undefined {
  const { reference, idReference } = profileOf('helm').secret;
  return path === Paths.oidcSecret ? reference : path === Paths.oidcId ? idReference : undefined;
}

const escape = (s: string) => s.replace(/[$}\\]/g, '\\$&');

/**
 * The snippet of a key and its value; objects get their required and defaulted children as a whole block. Lines are
 * indented relative to the key: the editor adds the current line's indentation (LSP `adjustIndentation`).
 */
/** Whether the chart of the file's release refuses a Helm path (chartSchema.ts): such a key is never written. */
type Refuses = (helmPath: string | undefined) => boolean;

function keySnippet(
  name: string,
  key: SchemaKey,
  naming: Naming,
  path: string,
  derived: Derived,
  omit: ReadonlySet<string>,
  refuses: Refuses,
  depth = 0,
): string {
  const helmSecret = naming === 'helm' && key.helmSecretRef ? helmSecretOf(path) : undefined;
  if (helmSecret) return `${name}:\n  secretRef: \${1:${escape(helmSecret.secretName)}}\n  secretKey: \${1:${escape(helmSecret.secretKey)}}`;
  // The chart reads every other credential from a Secret too; which one is the person's to name.
  if (naming === 'helm' && key.helmSecretRef) return `${name}:\n  secretRef: $1\n  secretKey: $1`;
  if (key.type === 'object') {
    const children = childrenIn(key, naming)
      .filter((c) => !omit.has(`${path}.${c.key}`))
      .filter(
        (c) => c.required || (c.default !== undefined && c.type !== 'object' && !c.unsafeDefault) || c.secret || (naming === 'helm' && c.key === 'enabled'),
      )
      .filter((c) => naming !== 'helm' || !refuses(helmPathOf(`${path}.${c.key}`)));
    if (!children.length || depth > 1) return `${name}:\n  $0`;
    const body = children.map((c) =>
      keySnippet(nameIn(c, naming) ?? c.key, c, naming, `${path}.${c.key}`, derived, omit, refuses, depth + 1).replace(/^/gm, '  '),
    );
    return `${name}:\n${body.join('\n')}`;
  }
  // The chart renders the block only when it is switched on: a block inserted to be used is switched on.
  if (path === Paths.oidcEnabled) return `${name}: \${1|true,false|}`;
  const value = derived.get(path);
  if (Array.isArray(value)) return `${name}:\n${value.map((v) => `  - ${escape(yamlScalar(v))}`).join('\n')}`;
  if (value !== undefined) return `${name}: \${1:${escape(yamlScalar(value))}}`;
  if (key.type === 'stringList') {
    if (!Array.isArray(key.default) || !key.default.length) return `${name}: [$1]`;
    return `${name}:\n${key.default.map((d) => `  - ${String(d)}`).join('\n')}`;
  }
  if (key.type === 'map') return `${name}: {}`;
  return `${name}: ${valueSnippet(key, naming)}`;
}

/** Numbers every `$1`-style tab stop of a snippet in order, so a block has one stop per value. */
function renumber(snippet: string): string {
  let n = 0;
  return snippet.replace(/\$\{1(?=[:|])|\$1(?!\d)/g, (m) => (m.startsWith('${') ? `\${${++n}` : `$${++n}`));
}

/** The key items of a place before the keys already present are left out: built once, the same on every keystroke. */
const keyItemCache = new Map<string, { name: string; item: CompletionItem }[]>();

function keyItems(
  place: Place,
  present: Set<string>,
  shape: Shape,
  derived: Derived,
  omit: ReadonlySet<string>,
  refuses: Refuses,
  release: string,
): CompletionItem[] {
  const id = [shape, place.naming, place.path ?? place.roots?.map((r) => r.name).join(), JSON.stringify([...derived]), [...omit].join(), release].join('|');
  let all = keyItemCache.get(id);
  if (!all) {
    const entries = place.roots
      ? place.roots.map((r) => ({ name: r.name, key: r.key, path: r.path }))
      : childrenIn(place.key!, place.naming)
          .map((c) => ({ name: nameIn(c, place.naming) ?? c.key, key: c, path: `${place.path}.${c.key}` }))
          .filter((e) => shape !== 'helm' || !refuses(helmPathOf(e.path)));
    all = entries.map((e, i) => ({
      name: e.name,
      item: {
        label: e.name,
        kind: e.key.type === 'object' ? CompletionItemKind.Module : CompletionItemKind.Property,
        detail: e.key.type === 'object' ? `${e.key.key} block` : e.key.enum ? e.key.enum.join(' | ') : e.key.type,
        documentation: { kind: MarkupKind.Markdown, value: keyDocs(e.key, e.path, shape === 'helm' ? helmPathOf(e.path) : undefined) },
        insertText: renumber(keySnippet(e.name, e.key, place.naming, e.path, derived, omit, refuses)),
        insertTextFormat: InsertTextFormat.Snippet,
        insertTextMode: InsertTextMode.adjustIndentation,
        sortText: `${e.key.required ? '0' : e.key.deprecated ? '2' : '1'}${String(i).padStart(3, '0')}`,
        tags: e.key.deprecated ? [1] : undefined,
      },
    }));
    if (keyItemCache.size >= 500) keyItemCache.clear();
    keyItemCache.set(id, all);
  }
  return all.filter((e) => !present.has(e.name)).map((e) => e.item);
}

function valueItems(key: SchemaKey): CompletionItem[] {
  const values =
    key.enum ?? (key.type === 'boolean' ? ['true', 'false'] : key.default !== undefined && typeof key.default !== 'object' ? [String(key.default)] : []);
  return values.map((v, i) => ({
    label: v,
    kind: key.enum ? CompletionItemKind.EnumMember : CompletionItemKind.Value,
    detail: key.unsupported?.[v] ? 'not supported by the server' : v === String(key.default) ? 'default' : undefined,
    documentation: key.unsupported?.[v],
    sortText: String(i).padStart(3, '0'),
  }));
}

/**
 * Keys already present in the mapping the cursor is in (same indentation, same block), scanning out from the cursor
 * as far as PARSE_CAP each way: a mapping larger than that is not parsed either, and a list of a million items under
 * the cursor's key must not cost a keystroke a million lines.
 */
function siblings(text: string, offset: number, indent: number): Set<string> {
  const from = Math.max(0, offset - PARSE_CAP);
  const to = Math.min(text.length, offset + PARSE_CAP);
  const names = new Set<string>();
  const visit = (line: string): boolean => {
    if (!line.trim() || line.trimStart().startsWith('#')) return true;
    const ind = indentOf(line);
    if (ind < indent) return false;
    const m = /^\s*([^\s:#-][^:#]*?):/.exec(line);
    if (ind === indent && m) names.add(m[1]);
    return true;
  };
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  for (let end = lineStart - 1; end > from;) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    if (!visit(text.slice(start, end))) break;
    end = start - 1;
  }
  for (let start = text.indexOf('\n', offset) + 1; start > 0 && start <= to;) {
    const end = text.indexOf('\n', start);
    if (!visit(text.slice(start, end === -1 ? text.length : end))) break;
    if (end === -1) break;
    start = end + 1;
  }
  return names;
}

/**
 * The value of an env var as a snippet: its default, else a value of its type (an env value is text that OpenMetadata
 * pastes into its YAML, so a boolean is a word and a list is `[a,b]`).
 */
function envValueSnippet(key: SchemaKey, value: string | string[] | undefined): string {
  if (value !== undefined) return `\${1:${escape(Array.isArray(value) ? `[${value.join(',')}]` : value)}}`;
  if (Array.isArray(key.default) && key.default.length) return `\${1:${escape(`[${key.default.join(',')}]`)}}`;
  if (key.type === 'stringList') return '[$1]';
  if (key.enum) return `\${1|${choices(key.enum, key.default).join(',')}|}`;
  if (key.type === 'boolean') return `\${1|${key.default === true ? 'true,false' : 'false,true'}|}`;
  return `\${1:${key.default === undefined ? '' : escape(String(key.default))}}`;
}

/** Env var names (and values after `=`) for `.env` files and compose/Kubernetes env blocks. */
function envItems(analysis: Analysis, text: string, offset: number): CompletionItem[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const assign = /^\s*(?:-\s*)?(?:export\s+)?([A-Z_][A-Z0-9_]*)\s*[=:]\s*(?:["']|(?!\s))[^"']*$/.exec(before);
  if (assign) {
    const path = schemaIndex.envToPath.get(assign[1]);
    return path ? valueItems(schemaIndex.byPath.get(path)!) : [];
  }
  if (!/^\s*(?:-\s*)?[A-Z_0-9]*$/.test(before)) return [];
  const defined = new Set(analysis.model.env.map((a) => a.name));
  const form = analysis.model.envTarget?.form ?? 'dotenv';
  const derived = derivedValues(analysis.model);
  const out: CompletionItem[] = [];
  for (const [env, path] of schemaIndex.envToPath) {
    if (defined.has(env)) continue;
    const key = schemaIndex.byPath.get(path)!;
    // Compose expands `${VAR}` from the shell or its .env; a .env file or a Kubernetes manifest needs the value itself.
    const value = key.secret && (form === 'map' || form === 'list') ? `\${1:\\\${${env}\\}}` : envValueSnippet(key, derived.get(path));
    out.push({
      label: env,
      kind: CompletionItemKind.Variable,
      detail: path,
      documentation: { kind: MarkupKind.Markdown, value: keyDocs(key, path, helmPathOf(path)) },
      // In a compose mapping `[a,b]` unquoted would be a YAML list, not the text OpenMetadata reads.
      insertText: form === 'map' ? `${env}: ${key.type === 'stringList' ? `"${value}"` : value}` : `${env}=${value}`,
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: path.startsWith('authenticationConfiguration.oidc') ? `1${env}` : `0${env}`,
    });
  }
  return out;
}

/**
 * Completion items at an offset; empty when the file is not an OpenMetadata config or the cursor is elsewhere.
 * `settings` are the document's (with its detected release): Helm keys the chart of that release refuses are not offered.
 */
export function complete(document: TextDocument, given: Analysis, offset: number, settings: ServiceSettings = {}): CompletionItem[] {
  const text = document.getText();
  const promised = given.shape ? null : promisedShape(fileNameOf(document.uri), text);
  const analysis: Analysis = promised ? { shape: promised, model: emptyModel(promised) } : given;
  if (!analysis.shape) return [];
  if (analysis.shape === 'env') return envItems(analysis, text, offset);
  const model = modelAt(analysis, offset);
  // Elsewhere in a manifest, or in values written as a quoted string, whose positions do not map back: nothing.
  if (!model || model.host?.pinned) return [];
  const top = model.host?.top;
  if (model.host && !top) return [];
  const floor = top ? { start: model.host!.region.start, indent: top.indent } : undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const indent = indentOf(text.slice(lineStart, offset));
  if (floor && indent < floor.indent) return [];
  const context = yamlContext(text, offset, floor);
  if (context.kind === 'value') {
    const place = placeAt(analysis.shape, context.parents);
    const key = place?.key ? childrenIn(place.key, place.naming).find((c) => nameIn(c, place.naming) === context.key) : undefined;
    return key ? valueItems(key) : [];
  }
  if (context.listItem) return [];
  const place = placeAt(analysis.shape, context.parents);
  if (!place || (place.key && place.key.type !== 'object')) return [];
  const present = indent === (floor?.indent ?? 0) ? new Set(model.topLevel.map((t) => t.name)) : siblings(text, offset, indent);
  const refuses: Refuses = (helmPath) => Boolean(helmPath) && chartRefusesKey(helmPath!.split('.'), settings.openmetadataVersion, settings.releaseRange);
  return keyItems(
    place,
    present,
    analysis.shape,
    derivedValues(model),
    omittedPaths(model),
    refuses,
    `${settings.openmetadataVersion ?? ''}${settings.releaseRange?.join('-') ?? ''}`,
  );
}

const NOTHING: ReadonlySet<string> = new Set();
const PUBLIC_CLIENT: ReadonlySet<string> = new Set([Paths.oidcSecret]);

/** What a block leaves out for this file: a public client's server must hold no secret (public-client-with-secret). */
function omittedPaths(model: ConfigModel): ReadonlySet<string> {
  return factsOf(model, {}).clientType === 'public' ? PUBLIC_CLIENT : NOTHING;
}
