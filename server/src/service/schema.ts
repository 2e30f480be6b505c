// Typed, indexed view of schemas/openmetadata-auth.schema.json: lookups by canonical path, env var and Helm name.
import schemaJson from '../../../schemas/openmetadata-auth.schema.json';
import type { AuthSchema, Naming, SchemaKey } from './schemaTypes';
import { didYouMean } from './text';
import { compareVersions } from './versions';
import { chartTypesOf } from './chartSchema';

export { compareVersions };

export type { AuthSchema, SchemaKey, JsonValue, ValueType } from './schemaTypes';

/** How keys are named in a file shape: the server's own names or the Helm chart's. */
export type { Naming };

export interface SchemaIndex {
  schema: AuthSchema;
  /** Canonical dotted path → key. */
  byPath: ReadonlyMap<string, SchemaKey>;
  pathOf: ReadonlyMap<SchemaKey, string>;
  /** Env var name → canonical path. */
  envToPath: ReadonlyMap<string, string>;
  /** Newest known OpenMetadata release, the default version. */
  newest: string;
}

function buildIndex(schema: AuthSchema): SchemaIndex {
  const byPath = new Map<string, SchemaKey>();
  const pathOf = new Map<SchemaKey, string>();
  const envToPath = new Map<string, string>();
  const visit = (key: SchemaKey, parent: string) => {
    const path = parent ? `${parent}.${key.key}` : key.key;
    byPath.set(path, key);
    pathOf.set(key, path);
    if (key.env) envToPath.set(key.env, path);
    for (const child of key.children ?? []) visit(child, path);
  };
  for (const root of schema.roots) visit(root, '');
  return { schema, byPath, pathOf, envToPath, newest: schema.versions[schema.versions.length - 1] };
}

/** The bundled schema, indexed once. */
export const schemaIndex: SchemaIndex = buildIndex(schemaJson as unknown as AuthSchema);

/** The key's name in a file shape, or undefined when that shape cannot set it (Helm without a value). */
export function nameIn(key: SchemaKey, naming: Naming): string | undefined {
  return naming === 'server' ? key.key : key.helm;
}

/**
 * A value as a file shape holds it: in Helm values a number is written as a string where the server reads a numeric
 * string, or where the chart's own schema types it as one (chartSchema.ts), since `helm install` checks the values
 * against that schema before anything renders.
 */
export function heldAs<T>(key: SchemaKey | undefined, naming: Naming, value: T): T | string {
  if (naming !== 'helm' || typeof value !== 'number' || !key) return value;
  if (key.numericString) return String(value);
  const names = namesIn(schemaIndex.pathOf.get(key) ?? '', 'helm')?.names;
  const types = names && chartTypesOf(['openmetadata', 'config', ...names]);
  return types?.has('string') && !types.has('integer') && !types.has('number') ? String(value) : value;
}

/** Children of an object key as the file shape names them (Helm adds its own keys such as `enabled`). */
export function childrenIn(key: SchemaKey, naming: Naming): SchemaKey[] {
  const children = (key.children ?? []).filter((child) => nameIn(child, naming) !== undefined);
  return naming === 'helm' ? [...children, ...(key.helmOnly ?? [])] : children;
}

/** The child of an object key with the given name in a file shape. */
export function childNamed(key: SchemaKey, name: string, naming: Naming): SchemaKey | undefined {
  return childrenIn(key, naming).find((child) => nameIn(child, naming) === name);
}

/** Whether the key exists in the given OpenMetadata release. */
export function existsIn(key: SchemaKey, version: string): boolean {
  if (key.since && compareVersions(version, key.since) < 0) return false;
  if (key.removedIn && compareVersions(version, key.removedIn) >= 0) return false;
  return true;
}

/** Whether `version` accepts the value of an enum key: a current value, or a retired one before it was retired. */
export function acceptedIn(key: SchemaKey, value: string, version: string): boolean {
  if (!key.enum || key.enum.includes(value)) return true;
  const refusedFrom = key.retiredValues?.[value];
  return refusedFrom !== undefined && compareVersions(version, refusedFrom) < 0;
}

/** The valid value a refused one most likely means: an alias spelt alike (`keycloack` → `custom-oidc`), else a value spelt alike. */
export function closestValue(key: SchemaKey, value: string): string | undefined {
  const alias = key.aliases ? didYouMean(value, Object.keys(key.aliases)) : undefined;
  if (alias) return key.aliases?.[alias];
  return key.enum ? didYouMean(value, key.enum) : undefined;
}

/** "1.3+", "up to 1.0", "1.3 to 1.12", or "all versions". */
export function versionRange(key: SchemaKey, schema: AuthSchema): string {
  if (!key.since && !key.removedIn) return 'all known versions';
  if (!key.removedIn) return `${key.since}+`;
  const i = schema.versions.indexOf(key.removedIn);
  const last = i > 0 ? schema.versions[i - 1] : key.removedIn;
  return key.since ? `${key.since} to ${last}` : `up to ${last}`;
}

/**
 * The key names from the root to a canonical path in a file shape's naming (Helm names, and Helm-only keys such as
 * `oidcConfiguration.enabled`); undefined when that shape cannot hold the path.
 */
export function namesIn(path: string, naming: Naming): { names: string[]; keys: SchemaKey[] } | undefined {
  const segments = path.split('.');
  const names: string[] = [];
  const keys: SchemaKey[] = [];
  for (let i = 1; i <= segments.length; i++) {
    const parent = i > 1 ? schemaIndex.byPath.get(segments.slice(0, i - 1).join('.')) : undefined;
    const key =
      schemaIndex.byPath.get(segments.slice(0, i).join('.')) ?? (naming === 'helm' ? parent?.helmOnly?.find((k) => k.key === segments[i - 1]) : undefined);
    const name = key && nameIn(key, naming);
    if (!key || !name) return undefined;
    names.push(name);
    keys.push(key);
  }
  return { names, keys };
}
