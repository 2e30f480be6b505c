// Rule family "safety": the production warnings of the seed guide: default admin, shipped JWT keys, clear-text secrets, DB-held settings (R38, R40).
import { Paths } from '../../../../common/protocol';
import { removeListItem } from '../edits';
import { factsOf, principalName } from '../facts';
import { docPlaceholders, entryHoles, parsePlaceholder } from '../placeholders';
import { compareVersions, schemaIndex } from '../schema';
import type { ConfigModel, EnvAssignment, Fix, FixProvider, Issue, ModelEntry, Rule, RuleFamily, Severity, Span, TextChange } from '../model';
import { wholeLines } from '../text';

const ADMINS = Paths.adminPrincipals;

// --- default-admin-principal -------------------------------------------------------------------------------------

const defaultAdmin: Rule = (model, settings) => {
  const provider = factsOf(model, settings).ssoProvider;
  const entry = model.entries.get(ADMINS);
  const items = provider && entry && Array.isArray(entry.value) ? entry.list?.items : undefined;
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
  const list = entry && Array.isArray(entry.value) ? entry.list : undefined;
  if (!entry || !list || !data.removable || typeof data.index !== 'number' || !list.items[data.index]) return [];
  return [{ title: `Remove \`${list.items[data.index].text}\` from the admins`, changes: removeListItem(text, model, entry, data.index), preferred: true }];
};

// --- no-admin-principal ------------------------------------------------------------------------------------------

/** With SSO, an admin list that names nobody (`initialAdmins: [""]`): after the switch nobody can administer OpenMetadata. */
const noAdmin: Rule = (model, settings) => {
  const provider = factsOf(model, settings).ssoProvider;
  const entry = model.entries.get(ADMINS);
  if (!provider || !entry || !Array.isArray(entry.value)) return [];
  if (entry.value.some((v) => (typeof v === 'string' ? v.trim() !== '' : v !== null))) return [];
  return [
    {
      code: 'no-admin-principal',
      severity: 'warning',
      span: entry.valueSpan ?? entry.keySpan,
      message: `\`${entry.sourceKey}\` names nobody, so with \`${provider}\` login no user is an OpenMetadata admin and nobody can manage users, bots or settings (helm-charts issue 316). Add your username (the part before \`@\` of your email).`,
      data: { path: ADMINS },
    },
  ];
};

// --- default-jwt-keys ------------------------------------------------------------------------------------------

const JWT_DEFAULTS: Record<string, string> = {
  'jwtTokenConfiguration.keyId': 'Gb389a-9f76-gdjs-a92j-0242bk94356',
  'jwtTokenConfiguration.rsapublicKeyFilePath': 'conf/public_key.der',
  'jwtTokenConfiguration.rsaprivateKeyFilePath': 'conf/private_key.der',
};

const isShippedDefault = (path: string, value: string) => value.trim().replace(/^\.\//, '') === JWT_DEFAULTS[path];

const defaultJwtKeys: Rule = (model, settings) => {
  // `${JWT_KEY_ID:-...}` is OpenMetadata's own conf pattern: the deployment decides, so only literal values count.
  const literal = Object.keys(JWT_DEFAULTS)
    .map((path) => model.entries.get(path))
    .filter((e): e is ModelEntry => Boolean(e && !e.placeholder && typeof e.value === 'string' && e.value.trim() && e.valueSpan));
  const shipped = literal.filter((e) => isShippedDefault(e.path, e.value as string));
  if (!shipped.length) return [];
  // Untouched quick-start values (the chart's own defaults, basic auth) get a note; a config someone customised
  // half-way, or one already set up for SSO, is headed for production and gets the warning.
  const customised = literal.length > shipped.length;
  const severity: Severity = customised || factsOf(model, settings).ssoProvider ? 'warning' : 'information';
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

function secretIssue(span: Span, message: string, data: Record<string, unknown>): Issue {
  return { code: 'plaintext-secret', severity: 'warning', span, message, data };
}

const ROTATE = 'Rotate it if this file was ever shared or committed.';

function entrySecret(model: ConfigModel, entry: ModelEntry): Issue | undefined {
  if (!entry.key.secret || entry.secretRef || !entry.valueSpan) return undefined;
  // Docs placeholders are placeholder-left's business, and `<jwt-token>` is a deliberate slot (see entryHoles).
  if (docPlaceholders(entry.raw).length || entryHoles(entry).length) return undefined;
  if (!literalSecret(entry.raw, entry.quote)) return undefined;
  const variable = model.profile.secretVariable(entry);
  const advice = model.profile.secretAdvice(entry, variable);
  return secretIssue(entry.valueSpan, `\`${entry.sourceKey}\` holds a secret in clear text, so anyone who can read this file can use it. ${advice} ${ROTATE}`, {
    path: entry.path,
    form: entry.envForm,
    variable,
  });
}

function legacySecret(a: EnvAssignment, version: string, gone: boolean): Issue | undefined {
  if (!isLegacySecret(a.name) || docPlaceholders(a.raw).length) return undefined;
  const quote = /^(["']).*\1$/.test(a.raw) ? a.raw[0] : undefined;
  if (!literalSecret(a.raw, quote)) return undefined;
  return secretIssue(
    a.valueSpan,
    `\`${a.name}\` holds a secret in clear text, so anyone who can read this file can use it.${gone ? ` OpenMetadata ${version} no longer reads this variable: remove the line.` : ''} ${ROTATE}`,
    { name: a.name, legacy: gone, line: gone ? a.lineSpan : undefined, form: a.form },
  );
}

const plaintextSecret: Rule = (model, settings) => {
  const out: Issue[] = [];
  for (const entry of model.entries.values()) {
    const issue = entrySecret(model, entry);
    if (issue) out.push(issue);
  }
  const facts = factsOf(model, settings);
  for (const a of model.env) {
    const issue = legacySecret(a, facts.version, facts.atLeast('1.1'));
    if (issue) out.push(issue);
  }
  return out;
};

const plaintextFixes: FixProvider = ({ text, model, data }) => {
  const line = data.line as Span | undefined;
  if (line) return [{ title: `Remove \`${String(data.name)}\` (no longer read)`, changes: [wholeLines(text, line)], preferred: true }];
  const entry = model.entries.get(String(data.path));
  if (!entry?.valueSpan) return [];
  const own = model.profile.secretReferenceEdit?.(text, entry);
  if (model.profile.secretReferenceEdit) return own ? [{ ...own, preferred: true }] : [];
  const variable = typeof data.variable === 'string' ? data.variable : undefined;
  if (!variable || data.form === 'k8s') return [];
  const reference = `\${${variable}}`;
  // Its braces are flow indicators inside a flow collection: written plain there, `{a: ${X}}` is no longer YAML.
  const written = entry.flow && !entry.quote ? JSON.stringify(reference) : reference;
  const p = entry.placeholder;
  // `${VAR:-secret}` already reads the variable: the literal default is the secret, so only the default goes.
  if (p?.defaultStart !== undefined && p.defaultEnd !== undefined) {
    return [
      {
        title: `Leave the default empty: \`\${${p.variable}:-}\``,
        changes: [{ start: entry.textStart + p.defaultStart, end: entry.textStart + p.defaultEnd, newText: '' }],
        preferred: true,
      },
    ];
  }
  const change: TextChange = p
    ? { start: entry.textStart, end: entry.textStart + p.end, newText: written }
    : { start: entry.textStart, end: entry.quote ? entry.valueSpan.end - 1 : entry.valueSpan.end, newText: written };
  const fix: Fix =
    data.form === 'dotenv'
      ? // Only Docker Compose expands `${VAR}` in a .env file (from the shell); other loaders would pass it literally.
        { title: `Take it from the shell environment: \`${reference}\` (Docker Compose only)`, changes: [change] }
      : { title: `Reference \`${reference}\` instead`, changes: [change], preferred: true };
  return [fix];
};

// --- db-config-overrides-yaml -----------------------------------------------------------------------------------

const SEEDED = ['authenticationConfiguration', 'authorizerConfiguration'];

const dbOverrides: Rule = (model, settings) => {
  const facts = factsOf(model, settings);
  const version = facts.version;
  if (!model.profile.configuresServer || !facts.atLeast('1.10') || compareVersions(version, '2.0') > 0) return [];
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
  rules: [defaultAdmin, noAdmin, defaultJwtKeys, plaintextSecret, dbOverrides],
  fixes: { 'default-admin-principal': defaultAdminFixes, 'plaintext-secret': plaintextFixes },
};
