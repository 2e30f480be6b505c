// Rule family "values": values OpenMetadata or Keycloak refuse or mishandle, and settings older releases used (R24, R28, R29, R27, R31).
import { compareVersions, existsIn, schemaIndex } from '../schema';
import { removeEntry, replaceValue, setValues } from '../edits';
import { effectiveVersion } from '../validate';
import type { ConfigModel, Issue, ModelEntry, Span, TextChange } from '../surfaces/model';
import type { ServiceSettings } from '../validate';
import type { Fix, FixProvider, Rule, RuleFamily } from './types';
import { envForm, wholeLines } from './malformed';

const OIDC = 'authenticationConfiguration.oidcConfiguration';
const CUSTOM_PARAMS = `${OIDC}.customParams`;
const PROMPT = `${OIDC}.prompt`;
const MAX_AGE = `${OIDC}.maxAge`;
const AUTH_METHOD = `${OIDC}.clientAuthenticationMethod`;
const CLASS_PATHS = ['authorizerConfiguration.className', 'authorizerConfiguration.containerRequestFilter'];
const BOT_PRINCIPALS = 'authorizerConfiguration.botPrincipals';
const WORKFLOW_SECURITY = 'workflowConfig.openMetadataServerConfig.securityConfig';
const WORKFLOW_PROVIDER = 'workflowConfig.openMetadataServerConfig.authProvider';

const atLeast = (version: string, release: string) => compareVersions(version, release) >= 0;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const valueSpan = (e: ModelEntry): Span => e.valueSpan ?? e.keySpan;

/**
 * Whether `oidcConfiguration` is used at all: only for confidential clients (public, the default, ignores it; a
 * deploy-time client type counts as used), and in Helm only when `oidcConfiguration.enabled` makes the chart render it.
 */
function oidcInUse(model: ConfigModel): boolean {
  const clientType = model.entries.get('authenticationConfiguration.clientType');
  if (!clientType || clientType.value === 'public') return false;
  if (model.shape !== 'helm') return true;
  const enabled = model.entries.get(`${OIDC}.enabled`)?.value;
  return enabled === true || enabled === 'true';
}

// --- custom-params-empty ---------------------------------------------------------------------------------------

const isQuotedEmpty = (s: string | undefined) => s !== undefined && /^\s*(""|'')\s*$/.test(s);

/**
 * Whether the customParams OpenMetadata binds is the empty string. The conf reads `customParams: ${OIDC_CUSTOM_PARAMS:-}`,
 * so an unset or empty variable gives null (fine) while a variable holding two quote characters gives `""` (broken).
 */
function customParamsEmpty(text: string, model: ConfigModel, entry: ModelEntry): boolean {
  const p = entry.placeholder;
  if (model.shape === 'env') {
    if (p) return isQuotedEmpty(p.defaultText === undefined ? undefined : p.defaultText + p.trailing);
    // A .env line keeps its quotes under `docker run --env-file` and `kubectl --from-env-file`; YAML unquotes its own.
    return isQuotedEmpty(entry.quote && envForm(text, model, entry.keySpan.start) !== 'dotenv' ? entry.raw.slice(1, -1) : entry.raw);
  }
  if (entry.value !== '') return false;
  // `${VAR:-}` unquoted leaves `customParams:` with nothing, which YAML reads as null.
  return !(p && !entry.quote && `${p.defaultText ?? ''}${p.trailing}`.trim() === '');
}

/** Helm charts 1.3.2 to 1.6.3 pipe customParams through `| quote`, so OpenMetadata always receives a string. */
function helmQuotesCustomParams(settings: ServiceSettings): boolean {
  const version = effectiveVersion(settings);
  if (compareVersions(version, '1.3') < 0 || compareVersions(version, '1.6') > 0) return false;
  const raw = settings.openmetadataVersion?.trim() ?? '';
  return !(/^\d+\.\d+\.\d+/.test(raw) && (compareVersions(raw, '1.6.4') >= 0 || compareVersions(raw, '1.3.2') < 0));
}

const customParams: Rule = (model, text, settings) => {
  const entry = model.entries.get(CUSTOM_PARAMS);
  if (model.shape === 'helm') {
    if (!oidcInUse(model) || !helmQuotesCustomParams(settings) || /name:\s*["']?OIDC_CUSTOM_PARAMS\b/.test(text)) return [];
    const object = model.objects.get(OIDC);
    const span = entry ? valueSpan(entry) : object?.keySpan;
    if (!span) return [];
    return [
      {
        code: 'custom-params-empty',
        severity: 'error',
        span,
        message: `Helm charts 1.3.2 to 1.6.3 quote \`customParams\` into \`OIDC_CUSTOM_PARAMS\`, so OpenMetadata gets a string (\`""\` by default) that cannot bind to a map and the server does not start. Upgrade the chart to 1.6.4 or later, or override the variable with \`extraEnvs\` (\`OIDC_CUSTOM_PARAMS: "{}"\`).`,
        data: { path: CUSTOM_PARAMS, helm: true },
      },
    ];
  }
  if (!entry || !entry.valueSpan || !customParamsEmpty(text, model, entry)) return [];
  return [
    {
      code: 'custom-params-empty',
      severity: 'error',
      span: entry.valueSpan,
      message: `\`${entry.sourceKey}\` ends up as the empty string, which OpenMetadata cannot bind to a map ("Cannot coerce empty String to LinkedHashMap"), so the server does not start. ${entry.placeholder ? 'Leave the default empty' : 'Use `{}`'}.`,
      data: { path: CUSTOM_PARAMS },
    },
  ];
};

/** The `extraEnvs` item that overrides OIDC_CUSTOM_PARAMS, appended to an existing block list or added at the end. */
function helmExtraEnv(text: string, model: ConfigModel): TextChange | undefined {
  const top = model.topLevel.find((t) => t.name === 'extraEnvs');
  const item = (pad: string) => `${pad}- name: OIDC_CUSTOM_PARAMS\n${pad}  value: "{}"`;
  if (!top) {
    const nl = text === '' || text.endsWith('\n') ? '' : '\n';
    return { start: text.length, end: text.length, newText: `${nl}extraEnvs:\n${item('  ')}\n` };
  }
  const after = text.slice(top.span.end).match(/^:[ \t]*(#.*)?\n/);
  if (!after) return undefined; // `extraEnvs: []` and the like are left to the user
  let at = top.span.end + after[0].length;
  let pad: string | undefined;
  let end = at;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const line = text.slice(at, nl === -1 ? text.length : nl);
    const next = nl === -1 ? text.length : nl + 1;
    if (line.trim() && !line.trimStart().startsWith('#')) {
      if (!/^\s/.test(line) && !line.startsWith('-')) break;
      if (pad === undefined) pad = line.slice(0, line.length - line.trimStart().length);
      end = nl === -1 ? text.length : nl;
    }
    at = next;
  }
  if (pad === undefined) return undefined;
  return { start: end, end, newText: `\n${item(pad)}` };
}

const customParamsFixes: FixProvider = ({ text, model, data }) => {
  if (data.helm) {
    const change = helmExtraEnv(text, model);
    return change ? [{ title: 'Override `OIDC_CUSTOM_PARAMS` with `{}` in `extraEnvs`', changes: [change], preferred: true }] : [];
  }
  const entry = model.entries.get(CUSTOM_PARAMS);
  if (!entry?.valueSpan) return [];
  const p = entry.placeholder;
  let change: TextChange;
  if (p) {
    // An empty default binds to null; `{}` inside the default would end at its `}` (see env-default-brace).
    change = model.shape === 'env' || !entry.quote ? { start: entry.textStart, end: entry.textStart + p.end + p.trailing.length, newText: `\${${p.variable}:-}` } : { ...entry.valueSpan, newText: `\${${p.variable}:-}` };
    return [{ title: `Leave the default empty: \`\${${p.variable}:-}\``, changes: [change], preferred: true }];
  }
  if (model.shape === 'env') {
    const form = envForm(text, model, entry.keySpan.start);
    change = { ...entry.valueSpan, newText: form === 'dotenv' || form === 'list' ? '{}' : `"{}"` };
  }
  else change = { ...entry.valueSpan, newText: '{}' };
  return [{ title: 'Change to `{}`', changes: [change], preferred: true }];
};

// --- prompt-none, max-age-zero, unsupported-auth-method -----------------------------------------------------------

const promptNone: Rule = (model, _text, settings) => {
  const entry = model.entries.get(PROMPT);
  const version = effectiveVersion(settings);
  if (!entry || typeof entry.value !== 'string' || !existsIn(entry.key, version) || !oidcInUse(model) || !entry.value.split(/\s+/).includes('none')) return [];
  const validator = atLeast(version, '1.12') ? ' OpenMetadata 1.12+ also refuses it when it validates the config.' : '';
  return [
    {
      code: 'prompt-none',
      severity: 'error',
      span: valueSpan(entry),
      message: `\`prompt: none\` asks Keycloak not to show any login page, so a user without a Keycloak session gets \`login_required\` instead of a login form.${validator} Use \`consent\` (the default), \`login\` or \`select_account\`.`,
      data: { path: PROMPT },
    },
  ];
};

const promptFixes: FixProvider = ({ text, model }) => {
  const entry = model.entries.get(PROMPT);
  if (!entry) return [];
  return ['consent', 'login', 'select_account'].map((v, i) => ({ title: `Change to \`${v}\``, changes: [replaceValue(text, entry, v, model.shape)], preferred: i === 0 }));
};

const maxAgeZero: Rule = (model, _text, settings) => {
  const entry = model.entries.get(MAX_AGE);
  if (!entry || !existsIn(entry.key, effectiveVersion(settings)) || !oidcInUse(model)) return [];
  if (entry.value !== 0 && !(typeof entry.value === 'string' && entry.value.trim() === '0')) return [];
  return [
    {
      code: 'max-age-zero',
      severity: 'warning',
      span: valueSpan(entry),
      message: '`maxAge: 0` sends `max_age=0`, so Keycloak asks for the password on every login even with a live session, which defeats single sign-on. Use `""` to send no max_age.',
      data: { path: MAX_AGE },
    },
  ];
};

const maxAgeFixes: FixProvider = ({ text, model }) => {
  const entry = model.entries.get(MAX_AGE);
  if (!entry) return [];
  // An empty compose mapping value means "take it from the shell", not "empty": write the quotes.
  const bare = model.shape === 'env' && !entry.placeholder && !entry.quote && entry.valueSpan && envForm(text, model, entry.keySpan.start) === 'map';
  const change = bare && entry.valueSpan ? { ...entry.valueSpan, newText: '""' } : replaceValue(text, entry, '', model.shape);
  return [{ title: 'Change to `""` (no max_age)', changes: [change], preferred: true }];
};

const authMethod: Rule = (model) => {
  const entry = model.entries.get(AUTH_METHOD);
  const reason = typeof entry?.value === 'string' ? entry.key.unsupported?.[entry.value] : undefined;
  if (!entry || !reason) return [];
  return [
    {
      code: 'unsupported-auth-method',
      severity: 'error',
      span: valueSpan(entry),
      message: `\`${String(entry.value)}\`: ${reason} The code exchange then fails and nobody can log in. Use \`client_secret_post\` (Keycloak's "Client Id and Secret").`,
      data: { path: AUTH_METHOD },
    },
  ];
};

const authMethodFixes: FixProvider = ({ text, model }) => {
  const entry = model.entries.get(AUTH_METHOD);
  if (!entry) return [];
  return ['client_secret_post', 'client_secret_basic'].map((v, i) => ({ title: `Change to \`${v}\``, changes: [replaceValue(text, entry, v, model.shape)], preferred: i === 0 }));
};

// --- legacy-setting --------------------------------------------------------------------------------------------

/** The first release where a legacy env variable is no longer read. */
const legacyEnvGoneIn = (name: string) => (name === 'AUTHORIZER_INGESTION_PRINCIPALS' ? '1.0' : '1.1');

const legacy = (span: Span, message: string, data: Record<string, unknown>): Issue => ({ code: 'legacy-setting', severity: 'warning', span, message, data });

function legacyClasses(model: ConfigModel, version: string, out: Issue[]): void {
  if (!atLeast(version, '0.13')) return;
  for (const path of CLASS_PATHS) {
    const entry = model.entries.get(path);
    if (!entry?.valueSpan) continue;
    const m = /org\.openmetadata\.catalog\.[\w.$]*/.exec(entry.raw);
    if (!m) continue;
    const start = entry.valueSpan.start + m.index;
    const rewritten = m[0].replace('org.openmetadata.catalog.', 'org.openmetadata.service.');
    out.push(
      legacy({ start, end: start + m[0].length }, `\`${m[0]}\` is the pre-0.12.1 package; OpenMetadata ${version} has no such class and does not start. Use \`${rewritten}\`.`, {
        kind: 'catalog-package',
        replace: { start: start + 'org.openmetadata.'.length, end: start + 'org.openmetadata.catalog'.length },
        rewritten,
      }),
    );
  }
}

/** `airflowConfiguration.authProvider` and its `authConfig` block (not in the schema: found by indentation). */
function airflowAuth(text: string, model: ConfigModel): { keySpan: Span; remove: TextChange[] } | undefined {
  const top = model.shape === 'server' ? model.topLevel.find((t) => t.name === 'airflowConfiguration') : undefined;
  if (!top) return undefined;
  const lines: { start: number; end: number; indent: number; key?: string }[] = [];
  let at = text.indexOf('\n', top.span.end) + 1;
  while (at > 0 && at < text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(at, end);
    if (line.trim() && !line.trimStart().startsWith('#')) {
      const indent = line.length - line.trimStart().length;
      if (indent === 0) break;
      lines.push({ start: at, end, indent, key: /^\s*([\w-]+)\s*:/.exec(line)?.[1] });
    }
    at = end + 1;
  }
  const childIndent = lines[0]?.indent;
  const provider = lines.find((l) => l.indent === childIndent && l.key === 'authProvider');
  if (!provider) return undefined;
  const keyStart = provider.start + provider.indent;
  const remove: TextChange[] = [wholeLines(text, provider)];
  const configAt = lines.findIndex((l) => l.indent === childIndent && l.key === 'authConfig');
  if (configAt !== -1) {
    let last = configAt;
    while (last + 1 < lines.length && lines[last + 1].indent > childIndent) last++;
    remove.push({ start: lines[configAt].start, end: wholeLines(text, lines[last]).end, newText: '' });
  }
  return { keySpan: { start: keyStart, end: keyStart + 'authProvider'.length }, remove };
}

function legacyIngestion(text: string, model: ConfigModel, version: string, out: Issue[]): void {
  if (!atLeast(version, '1.1')) return;
  const airflow = airflowAuth(text, model);
  if (airflow) {
    out.push(
      legacy(airflow.keySpan, '`airflowConfiguration.authProvider` and its `authConfig` were read up to 1.0; since 1.1 ingestion authenticates as the ingestion bot with an OpenMetadata JWT, so these settings do nothing. Remove them.', {
        kind: 'remove-text',
        changes: airflow.remove,
        title: 'Remove `authProvider` and `authConfig`',
      }),
    );
  }
  const provider = model.entries.get(WORKFLOW_PROVIDER);
  if (model.shape === 'workflow' && provider && typeof provider.value === 'string' && provider.value !== 'openmetadata' && provider.value !== 'no-auth') {
    out.push(
      legacy(valueSpan(provider), `Ingestion through an SSO service account (\`authProvider: ${provider.value}\` with \`clientId\`/\`secretKey\`/\`tokenEndpoint\`) ended with 1.0; since 1.1 the server only accepts the ingestion bot's JWT. Use \`authProvider: openmetadata\` with \`securityConfig.jwtToken\` (Settings → Bots → ingestion-bot).`, {
        kind: 'workflow-sso',
      }),
    );
  }
}

function legacyPrincipals(text: string, model: ConfigModel, version: string, out: Issue[]): void {
  const bots = model.entries.get(BOT_PRINCIPALS);
  if (bots && atLeast(version, '1.0')) {
    out.push(legacy(bots.keySpan, `\`botPrincipals\` was read up to 0.13; bots are now managed under Settings → Bots and use OpenMetadata-issued JWTs, so this list does nothing. Remove it.`, { kind: 'remove-text', changes: [removeEntry(text, bots)], title: 'Remove `botPrincipals`' }));
  }
  const legacyEnv = schemaIndex.schema.legacyEnv;
  for (const a of model.env) {
    const message = legacyEnv[a.name];
    if (!message || !atLeast(version, legacyEnvGoneIn(a.name))) continue;
    out.push(legacy(a.nameSpan, `OpenMetadata ${version} no longer reads \`${a.name}\`. ${message}`, { kind: 'remove-text', changes: [wholeLines(text, a.lineSpan)], title: `Remove \`${a.name}\`` }));
  }
}

const legacySetting: Rule = (model, text, settings) => {
  const version = effectiveVersion(settings);
  const out: Issue[] = [];
  legacyClasses(model, version, out);
  legacyPrincipals(text, model, version, out);
  legacyIngestion(text, model, version, out);
  return out;
};

/** Moves a workflow from an SSO service account to the ingestion bot's JWT, read from `OM_JWT_TOKEN` at run time. */
function workflowToJwt(text: string, model: ConfigModel): TextChange[] {
  const provider = model.entries.get(WORKFLOW_PROVIDER);
  if (!provider) return [];
  const changes: TextChange[] = [replaceValue(text, provider, 'openmetadata', model.shape)];
  const old = ['clientId', 'secretKey', 'tokenEndpoint']
    .map((k) => model.entries.get(`${WORKFLOW_SECURITY}.${k}`))
    .filter((e): e is ModelEntry => Boolean(e))
    .sort((a, b) => a.keySpan.start - b.keySpan.start);
  // The ingestion CLI expands `${VAR}` in its config file (os.path.expandvars), so the token stays out of the file.
  const token = '"${OM_JWT_TOKEN}"';
  const hasToken = model.entries.has(`${WORKFLOW_SECURITY}.jwtToken`);
  old.forEach((entry, i) => {
    const line = removeEntry(text, entry);
    if (i === 0 && !hasToken) {
      const indent = entry.keySpan.start - entry.lineSpan.start;
      changes.push({ start: entry.lineSpan.start, end: entry.lineSpan.end, newText: `${' '.repeat(indent)}jwtToken: ${token}` });
    } else changes.push(line);
  });
  if (!old.length && !hasToken) changes.push(...setValues(text, model, [{ path: `${WORKFLOW_SECURITY}.jwtToken`, value: '${OM_JWT_TOKEN}' }]).changes);
  return changes;
}

const legacyFixes: FixProvider = ({ text, model, data }) => {
  const fixes: Fix[] = [];
  switch (data.kind) {
    case 'catalog-package': {
      const replace = data.replace as Span | undefined;
      if (replace) fixes.push({ title: `Use \`${str(data.rewritten)}\``, changes: [{ ...replace, newText: 'service' }], preferred: true });
      break;
    }
    case 'remove-text':
      fixes.push({ title: str(data.title) ?? 'Remove it', changes: data.changes as TextChange[], preferred: true });
      break;
    case 'workflow-sso': {
      const changes = workflowToJwt(text, model);
      if (changes.length) fixes.push({ title: 'Use `authProvider: openmetadata` with the bot JWT from `${OM_JWT_TOKEN}`', changes, preferred: true });
      break;
    }
  }
  return fixes;
};

export const family: RuleFamily = {
  rules: [customParams, promptNone, maxAgeZero, authMethod, legacySetting],
  fixes: {
    'custom-params-empty': customParamsFixes,
    'prompt-none': promptFixes,
    'max-age-zero': maxAgeFixes,
    'unsupported-auth-method': authMethodFixes,
    'legacy-setting': legacyFixes,
  },
};
