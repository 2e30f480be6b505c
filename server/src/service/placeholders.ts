// `${VAR:-default}` placeholders as Dropwizard substitutes them, env values as YAML text, and docs placeholders left in values.
import { parseValue } from './yamlParse';
import type { JsonValue } from './schemaTypes';
import { parseLimitIssue } from './limits';
import type { ModelEntry, Placeholder } from './model';
import { docPlaceholders } from '../../../common/docPlaceholders';
import type { DocHole } from '../../../common/docPlaceholders';

// The docs-placeholder grammar lives in common/, beside the Keycloak URL grammar that reads it.
export { docPlaceholders };
export type { DocHole };

export type { Placeholder };

const PLACEHOLDER = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/;

/** Parses a value that starts with `${`; undefined when it is not a placeholder. */
export function parsePlaceholder(value: string): Placeholder | undefined {
  const m = PLACEHOLDER.exec(value);
  if (!m) return undefined;
  const variable = m[1];
  const end = m[0].length;
  if (m[2] === undefined) return { variable, end, trailing: value.slice(end) };
  const defaultStart = m[0].indexOf('-', 2 + variable.length) + 1;
  return {
    variable,
    defaultText: m[2],
    defaultStart,
    defaultEnd: defaultStart + m[2].length,
    end,
    trailing: value.slice(end),
  };
}

/** True when the text holds a `${...}` anywhere, so its value is only known at deploy time. */
export function hasPlaceholder(value: string): boolean {
  return value.includes('${');
}

/**
 * The value a piece of text becomes when OpenMetadata substitutes it into its YAML, e.g. an env value
 * `[a,b]` is a list and `true` a boolean. Text that is not valid YAML stays a string.
 */
export function yamlTextValue(text: string): JsonValue {
  const trimmed = text.trim();
  // `port: ${AUTHENTICATION_LDAP_PORT:-}` becomes `port:`, which YAML reads as null (and Jackson binds), not as "".
  if (trimmed === '') return null;
  // Most values are plain scalars; the YAML parser is only needed for collections, quotes and the like.
  if (!/^[[{"'&*!|>%@`]/.test(trimmed) && !trimmed.includes(': ') && !trimmed.includes(' #')) return plainScalar(trimmed);
  const cached = parsedValues.get(trimmed);
  if (cached !== undefined) return cached;
  if (parseLimitIssue(trimmed)) return trimmed; // a value too large or deep to parse stays text, as unparsable ones do
  const parsed = parseValue(trimmed);
  const value: JsonValue = 'error' in parsed ? trimmed : parsed.value === undefined ? '' : (parsed.value as JsonValue);
  if (parsedValues.size > 500) parsedValues.clear();
  parsedValues.set(trimmed, value);
  return value;
}

/** Results of parsing value texts: the same defaults come back on every keystroke. */
const parsedValues = new Map<string, JsonValue>();

/** A YAML 1.2 core-schema plain scalar: booleans, null, numbers, else the string itself. */
function plainScalar(text: string): JsonValue {
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  if (/^(null|Null|NULL|~)$/.test(text)) return null;
  if (/^[-+]?(\d+|\d*\.\d+|\d+\.\d*)([eE][-+]?\d+)?$/.test(text) || /^0x[0-9a-fA-F]+$/.test(text) || /^0o[0-7]+$/.test(text)) return Number(text);
  return text;
}

/**
 * True when the value is filled in at deploy time by a tool other than OpenMetadata: argocd-vault-plugin
 * `<path:...>`, Helm/Go templates `{{ ... }}`, or a `${...}` reference.
 */
export function isDeployTimeValue(raw: string): boolean {
  return raw.includes('${') || raw.includes('<path:') || raw.includes('{{');
}

/**
 * The holes of an entry that are really left over from the docs. In a secret-typed key a `<name>` is skipped: it is
 * how templates leave the slot for a credential that must never be committed (`jwtToken: <jwt-token>` in the
 * ingestion docs), and argocd-vault-plugin fills bare `<name>` placeholders at deploy time, so it is no mistake here.
 */
export function entryHoles(entry: ModelEntry): DocHole[] {
  if (!entry.valueSpan || entry.secretRef) return [];
  return docPlaceholders(entry.raw).filter((h) => !(h.angle && entry.key.secret));
}
