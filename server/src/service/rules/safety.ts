// Rule family "safety": the production warnings of the seed guide: default admin, shipped JWT keys, clear-text secrets, DB-held settings (R38, R40).
import { DefaultSecret, Paths } from '../../protocol';
import { compareVersions, schemaIndex } from '../schema';
import { parsePlaceholder } from '../placeholders';
import { effectiveVersion } from '../validate';
import type { ConfigModel, EnvAssignment, Issue, ModelEntry, Severity, Span, TextChange } from '../surfaces/model';
import type { Fix, FixProvider, Rule, RuleFamily } from './types';
import { entryHoles, envForm, findDocHoles, wholeLines } from './malformed';
import { listItems, principalName, removeItem } from './principals';

const PROVIDER = 'authenticationConfiguration.provider';
const ADMINS = 'authorizerConfiguration.adminPrincipals';
/** Providers where users log in through an identity provider, so a principal named `admin` is whoever that IdP calls admin. */
const SSO_PROVIDERS = new Set(['custom-oidc', 'google', 'okta', 'auth0', 'azure', 'aws-cognito', 'saml']);

function ssoProvider(model: ConfigModel): string | undefined {
  const provider = model.entries.get(PROVIDER)?.value;
  return typeof provider === 'string' && SSO_PROVIDERS.has(provider) ? provider : undefined;
}

// --- default-admin-principal -------------------------------------------------------------------------------------

const defaultAdmin: Rule = (model, text) => {
  const provider = ssoProvider(model);
  const entry = model.entries.get(ADMINS);
  const items = provider && entry ? listItems(text, entry) : undefined;
  if (!provider || !items) return [];
  const others = items.filter((i) => typeof i.value === 'string' && principalName(i.value) !== 'admin');
  return items.flatMap((item, index) => {
    if (typeof item.value !== 'string' || principalName(item.value) !== 'admin') return [];
    return [
      {
        code: 'default-admin-principal',
        severity: 'warning' as const,
        span: item.span,
        message: `${item.value === 'admin' ? '`admin` is' : `\`${item.value}\` stands for \`admin\`,`} basic auth's default administrator; with \`${provider}\` login, whoever the identity provider knows as \`admin\` becomes an OpenMetadata admin. ${others.length ? 'Remove it' : 'Replace it with your own username (the part before `@` of your email)'} and delete the default admin account.`,
        data: { path: ADMINS, index, removable: others.length > 0 },
      },
    ];
  });
};

const defaultAdminFixes: FixProvider = ({ text, model, data }) => {
  const entry = model.entries.get(ADMINS);
  const items = entry ? listItems(text, entry) : undefined;
  if (!entry || !items || !data.removable || typeof data.index !== 'number' || !items[data.index]) return [];
  return [{ title: `Remove \`${items[data.index].text}\` from the admins`, changes: removeItem(text, model, entry, items, data.index), preferred: true }];
};

// --- default-jwt-keys ------------------------------------------------------------------------------------------

const JWT_DEFAULTS: Record<string, string> = {
  'jwtTokenConfiguration.keyId': 'Gb389a-9f76-gdjs-a92j-0242bk94356',
  'jwtTokenConfiguration.rsapublicKeyFilePath': 'conf/public_key.der',
  'jwtTokenConfiguration.rsaprivateKeyFilePath': 'conf/private_key.der',
};

const isShippedDefault = (path: string, value: string) => value.trim().replace(/^\.\//, '') === JWT_DEFAULTS[path];

const defaultJwtKeys: Rule = (model) => {
  // `${JWT_KEY_ID:-...}` is OpenMetadata's own conf pattern: the deployment decides, so only literal values count.
  const literal = Object.keys(JWT_DEFAULTS)
    .map((path) => model.entries.get(path))
    .filter((e): e is ModelEntry => Boolean(e && !e.placeholder && typeof e.value === 'string' && e.value.trim() && e.valueSpan));
  const shipped = literal.filter((e) => isShippedDefault(e.path, e.value as string));
  if (!shipped.length) return [];
  // Untouched quick-start values (the chart's own defaults, basic auth) get a note; a config someone customised
  // half-way, or one already set up for SSO, is headed for production and gets the warning.
  const customised = literal.length > shipped.length;
  const severity: Severity = customised || ssoProvider(model) ? 'warning' : 'information';
  return shipped.map((entry) => ({
    code: 'default-jwt-keys',
    severity,
    span: entry.valueSpan as Span,
    message: entry.path.endsWith('keyId')
      ? `\`${entry.sourceKey}\` is the keyId shipped with OpenMetadata; together with the shipped key pair anyone can mint tokens this server accepts. Generate your own RSA key pair and a fresh keyId (a UUID) before going to production.`
      : `\`${String(entry.value)}\` is the key pair shipped with OpenMetadata, so its private key is public and anyone can sign bot and user tokens this server accepts${customised ? ' (a custom keyId does not change that)' : ''}. Generate your own pair (\`openssl genrsa\`, DER) and point to it with absolute paths.`,
    data: { path: entry.path },
  }));
};

// --- plaintext-secret ------------------------------------------------------------------------------------------

/** Legacy variables that carried credentials (the Airflow service-account secrets of 1.0 and older). */
const isLegacySecret = (name: string) => name in schemaIndex.schema.legacyEnv && /SECRET|PASSWORD|PRIVATE_KEY/.test(name) && !/_PATH$/.test(name);

/** The literal a value hands OpenMetadata: the text itself or the default of a `${VAR:-default}`; '' when there is none. */
function literalSecret(raw: string, quote: string | undefined): string {
  const inner = quote ? raw.slice(1, -1) : raw;
  const p = inner.startsWith('${') ? parsePlaceholder(inner) : undefined;
  if (p) return (p.defaultText ?? '').replace(/^\s*(["'])(.*)\1\s*$/, '$2').trim();
  if (inner.includes('${') || inner.includes('<path:') || inner.includes('{{')) return '';
  return inner.trim();
}

const HELM_SECRET_REFS: Record<string, { secretName: string; secretKey: string }> = {
  [Paths.oidcSecret]: { secretName: DefaultSecret.secretName, secretKey: DefaultSecret.secretKey },
  'authenticationConfiguration.ldapConfiguration.dnAdminPassword': { secretName: 'ldap-admin-secret', secretKey: 'openmetadata-ldap-secret' },
};

/** The variable a secret should come from in a file of this shape. */
function secretVariable(model: ConfigModel, entry: ModelEntry): string | undefined {
  if (entry.placeholder) return entry.placeholder.variable;
  if (model.shape === 'env') return entry.sourceKey;
  if (entry.key.env) return entry.key.env;
  return entry.path.endsWith('.jwtToken') ? 'OM_JWT_TOKEN' : undefined;
}

function secretIssue(span: Span, message: string, data: Record<string, unknown>): Issue {
  return { code: 'plaintext-secret', severity: 'warning', span, message, data };
}

const ROTATE = 'Rotate it if this file was ever shared or committed.';

function entrySecret(text: string, model: ConfigModel, entry: ModelEntry): Issue | undefined {
  if (!entry.key.secret || entry.secretRef || !entry.valueSpan) return undefined;
  // Docs placeholders are placeholder-left's business, and `<jwt-token>` is a deliberate slot (see entryHoles).
  if (findDocHoles(entry.raw).length || entryHoles(entry).length) return undefined;
  if (!literalSecret(entry.raw, entry.quote)) return undefined;
  const variable = secretVariable(model, entry);
  const form = model.shape === 'env' ? envForm(text, model, entry.keySpan.start) : undefined;
  let advice: string;
  if (form === 'dotenv') advice = `A \`.env\` file is part of the deployment and is easily committed (public demo repositories carry them): keep it out of version control or load \`${entry.sourceKey}\` from a secret store.`;
  else if (form === 'k8s') advice = 'Read it from a Kubernetes Secret with `valueFrom.secretKeyRef`.';
  else if (model.shape === 'helm') advice = 'Reference a Kubernetes Secret with `secretRef`/`secretKey`.';
  else advice = variable ? `Reference an environment variable instead: \`\${${variable}}\`.` : 'Reference an environment variable instead.';
  return secretIssue(entry.valueSpan, `\`${entry.sourceKey}\` holds a secret in clear text, so anyone who can read this file can use it. ${advice} ${ROTATE}`, { path: entry.path, form, variable });
}

function legacySecret(text: string, model: ConfigModel, a: EnvAssignment, version: string): Issue | undefined {
  if (!isLegacySecret(a.name) || findDocHoles(a.raw).length) return undefined;
  const quote = /^(["']).*\1$/.test(a.raw) ? a.raw[0] : undefined;
  if (!literalSecret(a.raw, quote)) return undefined;
  const gone = compareVersions(version, '1.1') >= 0;
  return secretIssue(
    a.valueSpan,
    `\`${a.name}\` holds a secret in clear text, so anyone who can read this file can use it.${gone ? ` OpenMetadata ${version} no longer reads this variable: remove the line.` : ''} ${ROTATE}`,
    { name: a.name, legacy: gone, remove: gone ? wholeLines(text, a.lineSpan) : undefined, form: envForm(text, model, a.nameSpan.start) },
  );
}

const plaintextSecret: Rule = (model, text, settings) => {
  const out: Issue[] = [];
  for (const entry of model.entries.values()) {
    const issue = entrySecret(text, model, entry);
    if (issue) out.push(issue);
  }
  const version = effectiveVersion(settings);
  for (const a of model.env) {
    const issue = legacySecret(text, model, a, version);
    if (issue) out.push(issue);
  }
  return out;
};

const plaintextFixes: FixProvider = ({ model, data }) => {
  const remove = data.remove as TextChange | undefined;
  if (remove) return [{ title: `Remove \`${String(data.name)}\` (no longer read)`, changes: [remove], preferred: true }];
  const entry = model.entries.get(String(data.path));
  if (!entry?.valueSpan) return [];
  if (model.shape === 'helm') {
    const ref = HELM_SECRET_REFS[entry.path];
    if (!ref) return [];
    // The key's own line becomes `clientSecret:` with the reference below it; a trailing comment moves down with it.
    const indent = ' '.repeat(entry.keySpan.start - entry.lineSpan.start + 2);
    const newText = `:\n${indent}secretRef: ${ref.secretName}\n${indent}secretKey: ${ref.secretKey}`;
    return [{ title: `Read it from the Kubernetes Secret \`${ref.secretName}\``, changes: [{ start: entry.keySpan.end, end: entry.valueSpan.end, newText }], preferred: true }];
  }
  const variable = typeof data.variable === 'string' ? data.variable : undefined;
  if (!variable || data.form === 'k8s') return [];
  const reference = `\${${variable}}`;
  const p = entry.placeholder;
  const change: TextChange = p ? { start: entry.textStart, end: entry.textStart + p.end, newText: reference } : { start: entry.textStart, end: entry.quote ? entry.valueSpan.end - 1 : entry.valueSpan.end, newText: reference };
  const fix: Fix =
    data.form === 'dotenv'
      ? // Only Docker Compose expands `${VAR}` in a .env file (from the shell); other loaders would pass it literally.
        { title: `Take it from the shell environment: \`${reference}\` (Docker Compose only)`, changes: [change] }
      : { title: `Reference \`${reference}\` instead`, changes: [change], preferred: true };
  return [fix];
};

// --- db-config-overrides-yaml -----------------------------------------------------------------------------------

const SEEDED = ['authenticationConfiguration', 'authorizerConfiguration'];

const dbOverrides: Rule = (model, _text, settings) => {
  const version = effectiveVersion(settings);
  if (model.shape === 'workflow' || compareVersions(version, '1.10') < 0 || compareVersions(version, '2.0') > 0) return [];
  const spans = [...model.entries.values(), ...model.objects.values()]
    .filter((e) => SEEDED.some((root) => e.path === root || e.path.startsWith(`${root}.`)) && e.keySpan.end > e.keySpan.start)
    .map((e) => e.keySpan)
    .sort((a, b) => a.start - b.start);
  if (!spans.length) return [];
  return [
    {
      code: 'db-config-overrides-yaml',
      severity: 'information',
      span: spans[0],
      message: `OpenMetadata ${version} copies the authentication and authorizer settings into its database on first start and from then on uses that copy, so changes here are ignored by a server that has already started once. To apply this file, run \`./bootstrap/openmetadata-ops.sh remove-security-config --force\` and restart the server.`,
      data: { version },
    },
  ];
};

export const family: RuleFamily = {
  rules: [defaultAdmin, defaultJwtKeys, plaintextSecret, dbOverrides],
  fixes: { 'default-admin-principal': defaultAdminFixes, 'plaintext-secret': plaintextFixes },
};
