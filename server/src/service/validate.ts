// Structural checks on the canonical model: types, enums, versions, required keys and placeholder defaults.
import { OIDC_PROVIDERS, Paths } from '../../../common/protocol';
import { acceptedIn, closestValue, compareVersions, existsIn, schemaIndex, versionRange } from './schema';
import { providerOf } from './provider';
import type { JsonValue, SchemaKey } from './schema';
import { docPlaceholders } from './placeholders';
import type { ConfigModel, Issue, ModelEntry, ServiceSettings } from './model';

export type { ServiceSettings };

/** Settings that change what the service reports. */
/** The release to check against: the setting when it is a known release, else the newest known. */
export function effectiveVersion(settings: ServiceSettings): string {
  const v = settings.openmetadataVersion?.trim();
  if (!v) return schemaIndex.newest;
  const known = schemaIndex.schema.versions.find((k) => compareVersions(k, v) === 0 || v.startsWith(`${k}.`));
  return known ?? schemaIndex.newest;
}

/**
 * How the release to check against relates to the ones the schema knows: none given (the newest is assumed), one of
 * them, older than the oldest (its keys, classes and chart layout differ: the file is not checked), or otherwise
 * unknown (newer, or not a release number: checked as the newest, version findings as notes).
 */
export function releaseStanding(settings: ServiceSettings): 'assumed' | 'known' | 'older' | 'unknown' {
  const v = settings.openmetadataVersion?.trim();
  if (!v) return 'assumed';
  const versions = schemaIndex.schema.versions;
  if (versions.some((k) => compareVersions(k, v) === 0 || v.startsWith(`${k}.`))) return 'known';
  if (!/^\d+(\.\d+)*$/.test(v)) return 'unknown';
  return compareVersions(v, versions[0]) < 0 ? 'older' : 'unknown';
}

const describe = (v: JsonValue) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));

function typeProblem(key: SchemaKey, value: JsonValue, helm: boolean, text: boolean): string | undefined {
  const isScalar = value === null || typeof value !== 'object';
  switch (key.type) {
    case 'string':
      if (key.jsonObject && !Array.isArray(value)) return undefined; // invalid-json says how to write the JSON as text
      return isScalar ? undefined : 'a single value, not a list or mapping';
    case 'boolean':
      return typeof value === 'boolean' || value === 'true' || value === 'false' ? undefined : '`true` or `false`';
    case 'integer': {
      if (typeof value === 'number' && Number.isInteger(value)) return undefined;
      if (typeof value === 'string' && (/^-?\d+$/.test(value.trim()) || (key.numericString && value.trim() === ''))) return undefined;
      return 'a whole number';
    }
    case 'stringList':
      return Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object') ? undefined : 'a list of values, e.g. `[a, b]`';
    case 'map':
      if (helm) return typeof value === 'string' ? undefined : "a JSON string such as `'{}'` (the chart passes it through as text)";
      if (text && typeof value === 'string') return undefined; // env text that is no mapping: invalid-json says why
      if (value === '') return undefined; // the custom-params-empty rule explains this one
      return value === null || (typeof value === 'object' && !Array.isArray(value)) ? undefined : 'a mapping, e.g. `{}`';
    case 'object':
      return value === null || (typeof value === 'object' && !Array.isArray(value)) ? undefined : 'a mapping of keys';
  }
}

/**
 * Without a release set or named by the file, the newest is only assumed: a key that an older release has may be
 * right for the release the file is really for, so it is a note, not a warning.
 */
function versionIssue(name: string, key: SchemaKey, path: string, version: string, assumed: boolean, consequence: string): Issue {
  const range = versionRange(key, schemaIndex.schema);
  if (assumed) {
    return {
      code: 'not-in-version',
      severity: 'information',
      span: { start: 0, end: 0 },
      message: `\`${name}\` exists in OpenMetadata ${range} only. No release is set and the file names none: if it is for a later one, ${consequence}. Set \`openmetadataAuth.openmetadataVersion\` to check it against its release.`,
      data: { path, since: key.since, removedIn: key.removedIn, version, assumed: true },
    };
  }
  return {
    code: 'not-in-version',
    severity: 'warning',
    span: { start: 0, end: 0 },
    message: `\`${name}\` exists in OpenMetadata ${range}, not in ${version}; ${consequence}.`,
    data: { path, since: key.since, removedIn: key.removedIn, version },
  };
}

function checkEntry(entry: ModelEntry, model: ConfigModel, version: string, assumed: boolean, out: Issue[]): void {
  const { key, value } = entry;
  const span = entry.valueSpan ?? entry.keySpan;
  if (!existsIn(key, version)) {
    out.push({
      ...versionIssue(entry.sourceKey, key, entry.path, version, assumed, `the server ${key.removedIn ? 'ignores or refuses it' : 'refuses it at startup'}`),
      span: entry.keySpan,
    });
  }
  if (model.profile.substitutes && entry.placeholder?.defaultText?.includes('{')) {
    const p = entry.placeholder;
    out.push({
      code: 'env-default-brace',
      severity: 'error',
      span: { start: entry.textStart + (p.defaultStart ?? 0), end: entry.textStart + p.end + p.trailing.length },
      message: `OpenMetadata ends the default of \`\${${p.variable}:-...}\` at the first \`}\`, leaving \`${p.trailing || '}'}\` behind and breaking the YAML. Use a default without braces${key.type === 'map' ? ' (leave it empty: `${' + p.variable + ':-}`)' : ''}.`,
      data: { path: entry.path, variable: p.variable },
    });
    return;
  }
  if (value === undefined || entry.secretRef) return;
  // An empty string the sign-in needs is as empty as nothing: a fix that wrote `""` must not pass unflagged.
  const emptyNeeded = value === '' && key.required ? neededBy(entry.path, model, version) : undefined;
  if ((value === null && key.type !== 'object' && key.type !== 'map') || emptyNeeded) {
    // `key:` with nothing (also `${VAR:-}` with the variable unset) binds null and the server starts; it matters
    // only where the active provider needs the key.
    const needed = emptyNeeded ?? (key.required ? neededBy(entry.path, model, version) : undefined);
    if (needed) {
      out.push({
        code: 'missing-required',
        severity: 'warning',
        span,
        message: `\`${entry.sourceKey}\` is empty${entry.placeholder ? ` (\`\${${entry.placeholder.variable}:-}\` while the variable is unset)` : ''}, and ${needed}. Set it.`,
        data: { path: entry.path, empty: true },
      });
    }
    return;
  }
  // A docs placeholder such as `{Client ID}` reads as a mapping; placeholder-left says what is really wrong.
  const expected = docPlaceholders(entry.raw).length ? undefined : typeProblem(key, value, model.profile.naming === 'helm', model.profile.textValues);
  if (expected) {
    out.push({
      code: 'invalid-type',
      severity: 'error',
      span,
      message: `\`${entry.sourceKey}\` must be ${expected}; OpenMetadata fails to start when it cannot bind ${describe(value)}.`,
      data: { path: entry.path, expected: key.type },
    });
    return;
  }
  if (key.enum && typeof value === 'string' && !acceptedIn(key, value, version)) {
    const suggestion = closestValue(key, value);
    out.push({
      code: 'invalid-value',
      severity: 'error',
      span,
      message: `${describe(value)} is not a valid \`${entry.sourceKey}\`; use one of ${key.enum.map((e) => `\`${e}\``).join(', ')}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
      data: { path: entry.path, allowed: key.enum, suggestion },
    });
  }
  if (key.minimum !== undefined && (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) && Number(value) < key.minimum) {
    out.push({
      code: 'invalid-value',
      severity: 'error',
      span,
      message: `\`${entry.sourceKey}\` must be at least ${key.minimum}; OpenMetadata refuses ${describe(value)}.`,
      data: { path: entry.path, minimum: key.minimum },
    });
  }
}

/** What an empty required key breaks, when the active provider uses its block; undefined when nothing reads it. */
function neededBy(path: string, model: ConfigModel, version: string): string | undefined {
  const provider = providerOf(model, version).value;
  if (provider === 'ldap' && path.startsWith(`${Paths.auth}.ldapConfiguration.`))
    return 'with `provider: ldap` the server cannot reach the LDAP server, so nobody can log in';
  if (typeof provider !== 'string' || !OIDC_PROVIDERS.has(provider) || model.entries.get(Paths.clientType)?.value === 'confidential') return undefined;
  // A public client's sign-in request is built in the browser from these three.
  if (path === Paths.authority || path === Paths.clientId || path === Paths.callbackUrl)
    return `with \`provider: ${provider}\` the browser builds the sign-in request from it, so login never starts`;
  if (path === Paths.providerName && provider === 'custom-oidc')
    return 'with `provider: custom-oidc` the login page names the identity provider by it, so its button has no label';
  return undefined;
}

function checkRequired(model: ConfigModel, version: string, out: Issue[]): void {
  if (model.profile.inheritsDefaults) return;
  const provider = providerOf(model, version).value;
  for (const object of model.objects.values()) {
    if (object.path === 'authenticationConfiguration' && !(typeof provider === 'string' && OIDC_PROVIDERS.has(provider))) continue;
    if (!object.path.startsWith('authenticationConfiguration') && !object.path.startsWith('jwtTokenConfiguration') && !object.path.startsWith('workflowConfig'))
      continue;
    for (const child of object.key.children ?? []) {
      if (!child.required || !existsIn(child, version)) continue;
      const path = `${object.path}.${child.key}`;
      // Only the login pages of custom-oidc and SAML show the label; every other provider's button has its own name.
      if (path === Paths.providerName && provider !== 'custom-oidc' && provider !== 'saml') continue;
      if (model.entries.has(path) || model.objects.has(path)) continue;
      out.push({
        code: 'missing-required',
        severity: 'warning',
        span: object.keySpan,
        message: `\`${object.key.key}\` has no \`${child.key}\`, which OpenMetadata requires${typeof provider === 'string' && object.path === 'authenticationConfiguration' ? ` for provider \`${provider}\`` : ''}; login fails or the server refuses the config without it. Add it.`,
        data: { path, parent: object.path, key: child.key, default: child.default },
      });
    }
  }
}

/** Every structural issue of the model: what the reader found plus type, enum, version and required checks. */
export function structuralIssues(model: ConfigModel, settings: ServiceSettings): Issue[] {
  const version = effectiveVersion(settings);
  const assumed = releaseStanding(settings) !== 'known';
  const out = [...model.issues];
  for (const entry of model.entries.values()) checkEntry(entry, model, version, assumed, out);
  for (const object of model.objects.values()) {
    if (!existsIn(object.key, version) && object.keySpan.end > 0) {
      out.push({ ...versionIssue(object.key.key, object.key, object.path, version, assumed, 'the server ignores or refuses it'), span: object.keySpan });
    }
  }
  checkRequired(model, version, out);
  return out;
}
