// The canonical auth model every file shape is read into: values at canonical paths, with their source ranges.
import type { JsonValue, SchemaKey } from '../schema';
import type { Placeholder } from '../placeholders';
import type { DiagnosticCode, Shape } from '../../protocol';

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
  topLevel: { name: string; span: Span }[];
  /** Env shapes: where new assignments go and how they are written. */
  envTarget?: EnvTarget;
  /** YAML shapes: the mapping that holds the schema roots (`openmetadata.config` in Helm), when present. */
  base?: { yamlPath: string[]; insertAt: number; childIndent: number };
}

/** How an env shape writes a new variable: `.env` lines, a compose map or list, or a Kubernetes env list. */
export interface EnvTarget {
  form: 'dotenv' | 'map' | 'list' | 'k8s';
  insertAt: number;
  indent: number;
}

export function emptyModel(shape: Shape): ConfigModel {
  return { shape, entries: new Map(), objects: new Map(), env: [], issues: [], topLevel: [] };
}

/** A text replacement in offsets. */
export interface TextChange {
  start: number;
  end: number;
  newText: string;
}
