// The canonical auth model every file shape is read into: values at canonical paths, with their source ranges.
// A leaf: it imports types only, and nothing that knows a shape, so every module may depend on it and none of it
// depends back up.
import type { JsonValue, Naming, SchemaKey } from './schemaTypes';
import type { CanonicalValue, DiagnosticCode, Shape } from '../../../common/protocol';

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
  /** The Secret and key the value comes from, as written (Helm `secretRef`/`secretKey`, Kubernetes `secretKeyRef`). */
  secretKeyRef?: SecretKeyRef;
  /** The value comes from outside the file (a Kubernetes `valueFrom`): it is never edited. */
  external?: boolean;
  /** Whole lines the entry occupies, for removing it. */
  lineSpan: Span;
  /** Quoting of the value as written: keeps the user's style when the value is replaced. */
  quote?: '"' | "'";
  /**
   * Written inside a flow collection (`{a: x}`, `[A=x]`): a value written there must be a flow scalar, and `lineSpan` is
   * the item's own extent, since the line holds its neighbours too.
   */
  flow?: true;
}

export interface SecretKeyRef {
  name: string;
  nameSpan: Span;
  key: string;
  keySpan: Span;
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
  /** Written inside a flow collection: `lineSpan` is the item's own extent. */
  flow?: true;
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
  /**
   * A file read section by section: the top-level keys named like an auth section (`topLevelNamed`), found from those
   * sections. `topLevel` scans every line when first read, which a keystroke in a file of 300,000 keys cannot pay.
   */
  sectionKeys?: TopLevelKey[];
  /** Helm `extraEnvs`: variables the chart passes to the server as they are, past its own rendering. */
  extraEnv: { name: string; nameSpan: Span }[];
  /** The file shape's profile: its names, defaults, secret references and own rules. */
  profile: Profile;
  /** Env shapes: where new assignments go and how they are written. */
  envTarget?: EnvTarget;
  /** YAML shapes: the mapping that holds the schema roots (`openmetadata.config` in Helm), when present. */
  base?: { yamlPath: string[]; insertAt: number; childIndent: number };
  /**
   * Helm values that are not a file of their own but a field of another manifest (an Argo CD Application's
   * `helm.valuesObject`): where they sit. `topLevel` and `extraEnv` are then the keys of those values, not of the file.
   */
  host?: ValuesHost;
  /**
   * Helm values as `helm install` reads them, for the check against the chart's own schema: every key of a mapping the
   * chart's schema declares, and below it only what that schema declares (surfaces/chartValues.ts).
   */
  values?: ValueNode;
}

/** A JSON type, as Helm sees a YAML value once its parser (YAML 1.1: `yes` is true) has read it. */
export type ValueKind = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

/** A value of the Helm values, as the chart-schema check reads it. */
export interface ValueNode {
  /** Undefined when Helm's reading is not certain (an alias, a custom tag, a date-like plain scalar). */
  kind?: ValueKind;
  span: Span;
  /** A plain scalar as written (the quoting fix), or a string's value (the enum check). */
  text?: string;
  plain?: boolean;
  /** Mapping entries, in order; only for mappings the chart's schema declares. */
  entries?: ValueEntry[];
  /** List items; only where the chart's schema describes them. */
  items?: ValueNode[];
  /** A flow collection (`{a: 1}`, `[a]`), which no fix rewrites. */
  flow?: boolean;
  /** A mapping with a `<<` merge key: what it merges in is not known here, so its keys are not judged. */
  merges?: boolean;
}

export interface ValueEntry {
  key: string;
  keySpan: Span;
  value: ValueNode;
}

/** The manifests that carry Helm values in a field, as the status and messages name them. */
export type HostKind = 'argocd-application' | 'argocd-applicationset' | 'flux-helmrelease' | 'kustomization';

/** Where a manifest keeps the chart's values. */
export interface ValuesHost {
  kind: HostKind;
  /** The field that holds the values, e.g. `spec.sources[1].helm.valuesObject`. */
  field: string;
  /**
   * The lines of the values: from the line of their first key to the first line after them that is less indented
   * (the scalar itself for pinned values). A request at an offset inside them is about these values.
   */
  region: Span;
  /**
   * The values' own top level: the column of their keys and the end of their last line, where new top-level values
   * go. Undefined when nothing may be written there (pinned values, a flow mapping).
   */
  top?: { indent: number; insertAt: number };
  /**
   * The values are a YAML string (quoted, folded or plain) whose positions do not map back into the file: every span
   * is the scalar's, and nothing is written into it.
   */
  pinned?: boolean;
  /** The chart version the manifest pins (`targetRevision`, `spec.chart.spec.version`, `helmCharts[].version`). */
  chartVersion?: string;
}

/** How an env shape writes a new variable: `.env` lines, a compose map or list, or a Kubernetes env list. */
export interface EnvTarget {
  form: EnvForm;
  insertAt: number;
  indent: number;
}

/** A text replacement in offsets. */
export interface TextChange {
  start: number;
  end: number;
  newText: string;
}

/** A placeholder that spans a whole value. Offsets are relative to the start of the value text. */
export interface Placeholder {
  variable: string;
  /** The default text as Dropwizard reads it: up to the first `}`. Undefined for `${VAR}`. */
  defaultText?: string;
  defaultStart?: number;
  defaultEnd?: number;
  /** Offset just after the closing `}` Dropwizard uses. */
  end: number;
  /** Text left after the closing brace (e.g. `}` of `${X:-{}}`), which Dropwizard leaves in the YAML. */
  trailing: string;
}

/** The settings every check runs with. */
export interface ServiceSettings {
  /** OpenMetadata release to check against; empty: the one the file names, else the newest known (version findings as notes). */
  openmetadataVersion?: string;
  /** Per-code severity overrides: `off` silences a code. */
  rules?: Record<string, 'off' | 'error' | 'warning' | 'information' | 'hint'>;
  /** Which inlay hints show (`openmetadataAuth.inlayHints.show`); see inlayHints.ts. */
  inlayHints?: unknown;
  /** Compose deployments the project declares (paths relative to the project root); see deployments/discover.ts. */
  deployments?: { name: string; compose?: string[]; envFiles?: string[]; values?: string[] }[];
  /**
   * Set by release detection, never by a user: the file is the values.yaml of the chart itself (its Chart.yaml is
   * beside it), so what it leaves out is absent when the templates render, not a default it inherits.
   */
  vendoredChart?: boolean;
  /**
   * Set by release detection, never by a user: the file is a copy of the chart's defaults that fits every release of
   * this range (the release is the newest of them), so the chart-schema check reports only what all of them refuse.
   */
  releaseRange?: [string, string];
}

/** How a client secret is referenced in a file of this shape. */
export interface SecretReference {
  /** The reference the extension writes for the client secret (`${OIDC_CLIENT_SECRET}`, a Kubernetes Secret). */
  reference: NonNullable<CanonicalValue['secretRef']>;
  /** The same for the client ID, where the shape takes it from a Secret too (the Helm chart). */
  idReference?: NonNullable<CanonicalValue['secretRef']>;
  /** Says in a message how a secret is referenced here. */
  wording: string;
  /** The title of the quick fix that writes the reference. */
  fixTitle: string;
}

export interface Profile {
  shape: Shape;
  /** Whose key names the YAML of this shape uses (env files have none: they name variables). */
  naming: Naming;
  /**
   * A key the file leaves out still gets a value (the chart's or the conf's default): nothing is missing then. Where
   * it binds null (the server config, a workflow), a required key that is left out is reported.
   */
  inheritsDefaults: boolean;
  /** How a canonical path is named in this shape: key, Helm value (with its `oidcConfiguration.` block) or env var. */
  nameOf(path: string): string;
  /** A setting as a user of this shape writes it: `clientType: public`, `AUTHENTICATION_CLIENT_TYPE=public`. */
  setting(path: string, value: string): string;
  /**
   * The value the server gets for a path the file leaves out: the server config binds null, env files and Helm values
   * fall back to the conf's or the chart's defaults. `secret` when the shape takes it from a Secret by default.
   */
  absentValue(path: string, version: string): string | 'secret' | undefined;
  /** Who set a default the server gets, in a message ("the chart's default"). */
  defaultsOwner: string;
  /**
   * The key that must be on for the shape to deliver `oidcConfiguration` to the server at all (the chart's
   * `oidcConfiguration.enabled`, which it honours only for a confidential client); undefined when the block always
   * reaches it.
   */
  oidcSwitch?: string;
  /** Values are `${VAR}`-substituted by the server (Dropwizard): a missing value may be written as a reference. */
  substitutes: boolean;
  /** Values are env text that OpenMetadata pastes into its YAML, not YAML nodes of their own. */
  textValues: boolean;
  /** The file configures the OpenMetadata server (not an ingestion workflow): flow and database rules apply. */
  configuresServer: boolean;
  /** OpenMetadata's URL when the file names none (the chart's service, or a local server). */
  defaultOmUrl: string;
  /**
   * The server runs in a container (a compose service, a Kubernetes pod, the chart's pod): `localhost` in a URL the
   * server fetches is then the container itself.
   */
  inContainer(model: ConfigModel): boolean;
  secret: SecretReference;
  /** The variable a literal secret of this entry should come from, for the reference that replaces it. */
  secretVariable(entry: ModelEntry): string | undefined;
  /** One sentence: where a secret written in clear text here belongs instead. */
  secretAdvice(entry: ModelEntry, variable: string | undefined): string;
  /** The edit that replaces a literal secret by this shape's reference, when the shape has its own (a Helm secretRef). */
  secretReferenceEdit?(text: string, entry: ModelEntry): { title: string; changes: TextChange[] } | undefined;
  /** Rules about the shape itself (Helm's `global:` layout, the chart's own switches), with their fixes. */
  rules: Rule[];
  fixes: Partial<Record<Issue['code'], FixProvider>>;
}

/**
 * A semantic rule: the canonical model and the settings in, issues out. It never sees the text: whatever it needs
 * from the file, the surface puts on the model.
 */
export type Rule = (model: ConfigModel, settings: ServiceSettings) => Issue[];

/** A fix in offsets; `preferred` marks the safest one for "auto fix". */
export interface Fix {
  title: string;
  changes: TextChange[];
  preferred?: boolean;
  /** A client command to run instead of (or after) the edit, e.g. fetching a value from Keycloak. */
  command?: { title: string; command: string; arguments?: unknown[] };
}

export interface FixContext {
  text: string;
  model: ConfigModel;
  settings: ServiceSettings;
  /** The diagnostic's span in offsets. */
  start: number;
  end: number;
  data: Record<string, unknown>;
}

export type FixProvider = (context: FixContext) => Fix[];

/** What a rule family exports: its rules and the quick fixes of its codes. */
export interface RuleFamily {
  rules: Rule[];
  fixes: Partial<Record<Issue['code'], FixProvider>>;
}
