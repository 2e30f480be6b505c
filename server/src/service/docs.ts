// Markdown documentation of a schema key, shared by hover and completion.
import { namesIn, schemaIndex, versionRange } from './schema';
import type { SchemaKey } from './schema';

const show = (v: unknown) => (typeof v === 'string' ? (v === '' ? '`""`' : `\`${v}\``) : `\`${JSON.stringify(v)}\``);

const TYPE_NAMES: Record<SchemaKey['type'], string> = {
  string: 'string',
  boolean: 'boolean',
  integer: 'integer',
  stringList: 'list of strings',
  object: 'object',
  map: 'map of strings',
};

/** Meaning, type, default, env var, Helm key and versions of a key. */
export function keyDocs(key: SchemaKey, path: string, helmPath?: string): string {
  const facts = [`**Type:** ${TYPE_NAMES[key.type]}${key.enum ? ` (one of ${key.enum.map((e) => `\`${e}\``).join(', ')})` : ''}`];
  if (key.default !== undefined) facts.push(`**Default:** ${show(key.default)}`);
  if (key.required) facts.push('**Required**');
  facts.push(`**Server key:** \`${path}\``);
  if (key.env) facts.push(`**Env var:** \`${key.env}\``);
  if (helmPath) facts.push(`**Helm:** \`${helmPath}\``);
  else if (path.includes('Configuration') && !key.helm && key.type !== 'object') facts.push('**Helm:** none (use `extraEnvs`)');
  facts.push(`**OpenMetadata:** ${versionRange(key, schemaIndex.schema)}`);
  const lines = [`**${key.key}**${key.deprecated ? ' (deprecated)' : ''}`, '', key.description];
  if (key.deprecated) lines.push('', `_Deprecated:_ ${key.deprecated}`);
  lines.push('', facts.join('  \n'));
  return lines.join('\n');
}

/** The Helm values path of a canonical path (`openmetadata.config.authentication.publicKeys`), if the chart has one. */
export function helmPathOf(path: string): string | undefined {
  const named = namesIn(path, 'helm');
  return named && `openmetadata.config.${named.names.join('.')}`;
}
