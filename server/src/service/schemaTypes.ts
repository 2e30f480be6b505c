// The shape of schemas/openmetadata-auth.schema.json: the single source of keys, types, docs, env and Helm names.

/** A value type as OpenMetadata binds it (Jackson), not as YAML spells it. */
/** Whose key names a YAML file uses: the server config's or the Helm chart's. */
export type Naming = 'server' | 'helm';

export type ValueType = 'string' | 'boolean' | 'integer' | 'stringList' | 'object' | 'map';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One key of the canonical (server `openmetadata.yaml`) configuration tree. */
export interface SchemaKey {
  /** The key as written in `openmetadata.yaml` (camelCase). */
  key: string;
  type: ValueType;
  /** Markdown: what it means, what breaks when it is wrong. One or two short paragraphs. */
  description: string;
  enum?: string[];
  /** Names users write for a value (a product's name), each mapped to the value it stands for (`keycloak` → `custom-oidc`). */
  aliases?: Record<string, string>;
  /** Values older releases accepted, each mapped to the first release that refuses it (`no-auth` → `1.0`). */
  retiredValues?: Record<string, string>;
  /** Values the schema accepts but OpenMetadata refuses or ignores, with the reason (e.g. `client_secret_jwt`). */
  unsupported?: Record<string, string>;
  /** Default in the shipped `conf/openmetadata.yaml` (or the schema when conf has none). */
  default?: JsonValue;
  /** Required as OpenMetadata really enforces it (at start or by the 1.10+ validator). */
  required?: boolean;
  /** Env var that `conf/openmetadata.yaml` substitutes into this key. */
  env?: string;
  /**
   * Key name under the parent's Helm object (`publicKeys` for `publicKeyUrls`); absent when the Helm
   * chart has no value for it (it must then go through `extraEnvs`).
   */
  helm?: string;
  /** In Helm the value is a `{secretRef, secretKey}` object instead of a plain string. */
  helmSecretRef?: boolean;
  /** First OpenMetadata release that has the key, e.g. "1.3". */
  since?: string;
  /** First release that no longer has it. */
  removedIn?: string;
  /** Why it is deprecated and what replaces it. */
  deprecated?: string;
  /** The shipped default is unsafe or breaks Keycloak logins: completion does not insert it. */
  unsafeDefault?: boolean;
  /** The value is a credential: never log it, prefer an env reference. */
  secret?: boolean;
  minimum?: number;
  /** Integer carried in a string (`maxClockSkew`, `useNonce`-like): checked as `type` says but quoted. */
  numericString?: boolean;
  /** Text the server parses as a JSON object (the LDAP roles mapping): a YAML mapping there is the invalid-json rule's. */
  jsonObject?: boolean;
  children?: SchemaKey[];
  /** Keys that exist only in Helm values under this object (e.g. `oidcConfiguration.enabled`). */
  helmOnly?: SchemaKey[];
}

export interface AuthSchema {
  $comment: string;
  /** Known OpenMetadata releases, oldest first; the last one is the default version. */
  versions: string[];
  /** Top-level keys: authenticationConfiguration, authorizerConfiguration, jwtTokenConfiguration, workflowConfig. */
  roots: SchemaKey[];
  /** Env var names that do not exist but are seen in docs or configs, mapped to the real name. */
  inventedEnv: Record<string, string>;
  /** Env var names OpenMetadata no longer reads, mapped to a message saying what replaced them. */
  legacyEnv: Record<string, string>;
  /** Keys seen under the wrong name in server YAML (Helm names, old names), mapped to the right key. */
  renamedKeys: Record<string, string>;
  /**
   * The Helm chart's own defaults where they differ from the server conf's, by the chart release that introduced
   * them (the chart's version follows OpenMetadata's): the newest entry not after the checked release applies.
   */
  helmDefaults: { since: string; values: Record<string, string> }[];
  /** Non-auth env vars that `conf/openmetadata.yaml` reads (some release), mapped to the top-level section they feed. */
  otherEnv: Record<string, string>;
}
