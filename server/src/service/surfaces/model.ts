// The canonical auth model every file shape is read into: values at canonical paths, with their source ranges.
import type { JsonValue, SchemaKey } from '../schema';
import type { Placeholder } from '../placeholders';
import type { DiagnosticCode, Shape } from '../../../../common/protocol';
import type { Profile } from './profile';
import { profileOf } from './profiles';

export type { DiagnosticCode, Shape };

/** Half-open document offsets. */
export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A problem found in the document, in offsets; the server turns it into an LSP diagnostic. */
export interface Issue {
  code: DiagnosticCode;
  severity: Severity;
  span: Span;
  message: string;
  data?: Record<string, unknown>;
}

/** One value of the canonical config as the file sets it. */
export interface ModelEntry {
  /** Canonical dotted path, e.g. `authenticationConfiguration.oidcConfiguration.secret`. */
  path: string;
  key: SchemaKey;
  /** The name as written in the file (`publicKeys`, `AUTHENTICATION_PUBLIC_KEYS`). */
  sourceKey: string;
  keySpan: Span;
  /** The value as written, quotes included; undefined for `key:` with nothing after it. */
  valueSpan?: Span;
  /** Where the value's text starts inside its quotes (placeholder offsets are relative to it). */
  textStart: number;
  raw: string;
  /** The value OpenMetadata ends up with: placeholder defaults resolved; undefined when only known at deploy time. */
  value: JsonValue | undefined;
  placeholder?: Placeholder;
  /** List items with their own spans, so a rule can point at one URL of `publicKeyUrls`. */
  items?: { value: JsonValue; span: Span }[];
  /** A list value read item by item, also from text (`[a, b]` in env files, `${VAR:-[a, b]}`); see lists.ts. */
  list?: ListValue;
  /** Env shapes: how the assignment that sets this entry is written. */
  envForm?: EnvForm;
  /** Helm `{secretRef, secretKey}`: the value comes from a Kubernetes Secret. */
  secretRef?: boolean;
  /** The value comes from outside the file (a Kubernetes `valueFrom`): it is never edited. */
  external?: boolean;
  /** Whole lines the entry occupies, for removing it. */
  lineSpan: Span;
  /** Quoting of the value as written: keeps the user's style when the value is replaced. */
  quote?: '"' | "'";
}

/** An object (mapping) of the canonical config that is present in the file, for inserting keys into it. */
export interface ObjectEntry {
  path: string;
  key: SchemaKey;
  keySpan: Span;
  /** Offset at the end of the object's last line; new keys are inserted there. */
  insertAt: number;
  /** Indentation of the object's children (the key's indentation + 2 when it has none yet). */
  childIndent: number;
  /** Names of the children present, as written. */
  childNames: string[];
  /** Flow mappings (`{a: 1}`) are not edited in place. */
  flow: boolean;
}

/** How an env assignment is written: a `.env` line, a compose mapping or list item, or a Kubernetes `name`/`value` item. */
export type EnvForm = 'dotenv' | 'map' | 'list' | 'k8s';

/** An env assignment as written (env shapes only), kept in order, duplicates included. */
export interface EnvAssignment {
  name: string;
  nameSpan: Span;
  raw: string;
  valueSpan: Span;
  lineSpan: Span;
  /** The line was not `NAME=value` (e.g. `NAME: value` inside a `.env` file). */
  malformed?: string;
  /** Canonical path the variable sets, when it is one of OpenMetadata's. */
  path?: string;
  form: EnvForm;
  /** Which `environment:`/`env:` block (or .env file) it belongs to: the last assignment of a block wins there. */
  block: number;
  /** 0-based line of the name. */
  line: number;
  /** The text between the name and the value as written (`=`, `= `, `: `), and where it starts. */
  separator: string;
  separatorStart: number;
  /** One of OpenMetadata's auth variables (known, legacy or invented), so its syntax is this extension's to judge. */
  openmetadata: boolean;
}

/** One item of a list value: what OpenMetadata reads, the text inside its quotes and its span, and the item as written. */
export interface ListItem {
  value: JsonValue;
  text: string;
  span: Span;
  whole: Span;
}

/** A list value item by item, and how a new item is written: a YAML block or flow list, or the text of an env value. */
export interface ListValue {
  items: ListItem[];
  style: 'block' | 'flow' | 'text';
  append: { at: number; indent?: number; separator?: string; quote?: '"' | "'" } | undefined;
}

/** A key of a top-level block as a line scan or the parser sees it, and the extent of its lines. */
export interface BlockChild {
  name: string;
  span: Span;
  /** From the key to the end of its value. */
  extent: Span;
}

export interface TopLevelKey {
  name: string;
  span: Span;
  /** The direct children of a block mapping under the key, when the section holding it was parsed. */
  children?: BlockChild[];
}

export interface ConfigModel {
  shape: Shape;
  entries: Map<string, ModelEntry>;
  objects: Map<string, ObjectEntry>;
  /** Env shapes: every assignment of an OpenMetadata variable. */
  env: EnvAssignment[];
  /** Structural problems found while reading (syntax, unknown keys, types...). */
  issues: Issue[];
  /** Top-level keys of the document(s), for shape-level rules (`global:` in Helm values). */
  topLevel: TopLevelKey[];
  /** Helm `extraEnvs`: variables the chart passes to the server as they are, past its own rendering. */
  extraEnv: { name: string; nameSpan: Span }[];
  /** The file shape's profile: its names, defaults, secret references and own rules. */
  profile: Profile;
  /** Env shapes: where new assignments go and how they are written. */
  envTarget?: EnvTarget;
  /** YAML shapes: the mapping that holds the schema roots (`openmetadata.config` in Helm), when present. */
  base?: { yamlPath: string[]; insertAt: number; childIndent: number };
}

/** How an env shape writes a new variable: `.env` lines, a compose map or list, or a Kubernetes env list. */
export interface EnvTarget {
  form: EnvForm;
  insertAt: number;
  indent: number;
}

export function emptyModel(shape: Shape): ConfigModel {
  return { shape, entries: new Map(), objects: new Map(), env: [], issues: [], topLevel: [], extraEnv: [], profile: profileOf(shape) };
}

/** A text replacement in offsets. */
export interface TextChange {
  start: number;
  end: number;
  newText: string;
}
