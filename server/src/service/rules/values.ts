// Rule family "values": values OpenMetadata or Keycloak refuse or mishandle, and settings older releases used (R24, R28, R29, R27, R31).
import { parseValue } from '../yamlParse';
import { Paths } from '../../../../common/protocol';
import { envWritten, removeEntry, replaceValue, setValues, yamlScalar } from '../edits';
import { factsOf, spanOf } from '../facts';
import { docPlaceholders, yamlTextValue } from '../placeholders';
import { compareVersions, existsIn, schemaIndex } from '../schema';
import type { ConfigModel, Fix, FixProvider, Issue, ModelEntry, Rule, RuleFamily, Span, TextChange } from '../model';
import { wholeLines } from '../text';
import { topLevelNamed } from '../sections';

const CUSTOM_PARAMS = Paths.customParams;
const ROLES_MAPPING = `${Paths.auth}.ldapConfiguration.authRolesMapping`;
const PROMPT = Paths.prompt;
const MAX_AGE = Paths.maxAge;
const AUTH_METHOD = Paths.clientAuthenticationMethod;
const CLASS_PATHS = [Paths.className, Paths.containerRequestFilter];
const BOT_PRINCIPALS = Paths.botPrincipals;
const WORKFLOW_SECURITY = Paths.workflowSecurity;
const WORKFLOW_PROVIDER = Paths.workflowProvider;

const atLeast = (version: string, release: string) => compareVersions(version, release) >= 0;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const valueSpan = (e: ModelEntry): Span => e.valueSpan ?? e.keySpan;
const code = (s: string) => `\`${s}\``;

// --- custom-params-empty ---------------------------------------------------------------------------------------

const isQuotedEmpty = (s: string | undefined) => s !== undefined && /^\s*(""|'')\s*$/.test(s);

/**
 * Whether the customParams OpenMetadata binds is the empty string. The conf reads `customParams: ${OIDC_CUSTOM_PARAMS:-}`,
 * so an unset or empty variable gives null (fine) while a variable holding two quote characters gives `""` (broken).
 */
function customParamsEmpty(model: ConfigModel, entry: ModelEntry): boolean {
  const p = entry.placeholder;
  if (model.profile.textValues) {
    if (p) return isQuotedEmpty(p.defaultText === undefined ? undefined : p.defaultText + p.trailing);
    // A .env line keeps its quotes under `docker run --env-file` and `kubectl --from-env-file`; YAML unquotes its own.
    return isQuotedEmpty(entry.quote && entry.envForm !== 'dotenv' ? entry.raw.slice(1, -1) : entry.raw);
  }
  if (entry.value !== '') return false;
  // `${VAR:-}` unquoted leaves `customParams:` with nothing, which YAML reads as null.
  return !(p && !entry.quote && `${p.defaultText ?? ''}${p.trailing}`.trim() === '');
}

// The chart's own quoting of customParams (Helm charts 1.3.2 to 1.6.3) is a rule of the Helm profile.
const customParams: Rule = (model) => {
  const entry = model.entries.get(CUSTOM_PARAMS);
  if (model.profile.oidcSwitch) return [];
  if (!entry || !entry.valueSpan || !customParamsEmpty(model, entry)) return [];
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

// Only the roles mapping has a safe rewrite: the same JSON, written as text in the file's shape.
const invalidJsonFixes: FixProvider = ({ model, data }) => {
  const entry = model.entries.get(ROLES_MAPPING);
  const write = str(data.write);
  if (data.path !== ROLES_MAPPING || !entry?.valueSpan || write === undefined) return [];
  return [
    {
      title: `Write the mapping as JSON text: \`${write.length > 60 ? `${write.slice(0, 57)}...` : write}\``,
      changes: [{ ...entry.valueSpan, newText: write }],
      preferred: true,
    },
  ];
};

const customParamsFixes: FixProvider = ({ model, data }) => {
  if (data.helm) return [];
  const entry = model.entries.get(CUSTOM_PARAMS);
  if (!entry?.valueSpan) return [];
  const p = entry.placeholder;
  let change: TextChange;
  if (p) {
    // An empty default binds to null; `{}` inside the default would end at its `}` (see env-default-brace).
    change =
      model.profile.textValues || !entry.quote
        ? { start: entry.textStart, end: entry.textStart + p.end + p.trailing.length, newText: `\${${p.variable}:-}` }
        : { ...entry.valueSpan, newText: `\${${p.variable}:-}` };
    return [{ title: `Leave the default empty: \`\${${p.variable}:-}\``, changes: [change], preferred: true }];
  }
  if (entry.envForm) change = { ...entry.valueSpan, newText: entry.envForm === 'dotenv' || entry.envForm === 'list' ? '{}' : `"{}"` };
  else change = { ...entry.valueSpan, newText: '{}' };
  return [{ title: 'Change to `{}`', changes: [change], preferred: true }];
};

// --- invalid-json ----------------------------------------------------------------------------------------------

const isPlainObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Why a text is not what the setting needs, or undefined when it is. */
function jsonProblem(text: string, strict: boolean): string | undefined {
  // OpenMetadata reads the roles mapping with a JSON parser; customParams is text pasted into its YAML, so any YAML
  // mapping (JSON included) binds.
  if (!strict) {
    const parsed = parseValue(text);
    return 'error' in parsed ? parsed.error : isPlainObject(parsed.value) ? undefined : 'it is not an object';
  }
  try {
    return isPlainObject(JSON.parse(text)) ? undefined : 'it is not an object';
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  }
}

/** The text of a JSON-valued setting as OpenMetadata gets it, when the file holds one that can be judged. */
function jsonText(entry: ModelEntry | undefined): string | undefined {
  if (!entry?.valueSpan || typeof entry.value !== 'string' || entry.value.trim() === '') return undefined;
  return docPlaceholders(entry.value).length ? undefined : entry.value;
}

const EXAMPLE_MAPPING = '{"cn=admins,ou=groups,dc=example,dc=com":["Admin"]}';

const isJsonObject = (text: string) => jsonProblem(text, true) === undefined;

/**
 * The roles mapping as this entry's shape must write it for the server to get `json` as text. The server's YAML reads
 * `authRolesMapping: ${AUTH_ROLES_MAPPING:-""}` after pasting the variable in (Dropwizard substitutes text), so env
 * shapes carry YAML quotes inside the value; the chart passes its value through Helm's `quote` itself.
 */
function mappingWritten(model: ConfigModel, entry: ModelEntry, json: string): string {
  const quoted = yamlScalar(json, "'");
  return model.profile.textValues ? envWritten(entry.envForm ?? 'dotenv', quoted) : quoted;
}

/** What is wrong with the roles mapping as the server gets it, and the text that fixes it when there is a safe one. */
function mappingProblem(model: ConfigModel, entry: ModelEntry): { message: string; write?: string } | undefined {
  const v = entry.value;
  const name = code(entry.sourceKey);
  const shown = (json: string) => code(mappingWritten(model, entry, json.length <= 100 ? json : EXAMPLE_MAPPING));
  const helm = model.profile.naming === 'helm';
  if (isPlainObject(v)) {
    const json = JSON.stringify(v);
    const write = mappingWritten(model, entry, json);
    const refused = 'OpenMetadata wants the JSON as text and does not start ("Cannot deserialize value of type `java.lang.String` from Object value")';
    if (model.profile.textValues) {
      return {
        write,
        message: `OpenMetadata pastes ${name} into its YAML (\`authRolesMapping: \${AUTH_ROLES_MAPPING:-""}\`), which reads this \`{...}\` as a mapping: ${refused}. Env quotes are the loader's and do not reach that YAML, so the YAML quotes go inside the value: ${shown(json)}.`,
      };
    }
    if (helm)
      return {
        write,
        message: `The chart passes ${name} to the server as text, and a mapping turns into Go's \`map[...]\` text, which is not JSON, so LDAP logins fail. Write it as a string: ${shown(json)}.`,
      };
    return { write, message: `YAML reads this \`{...}\` as a mapping, but ${refused}. Quote it: ${shown(json)}.` };
  }
  const text = jsonText(entry);
  const problem = text === undefined ? undefined : jsonProblem(text, true);
  if (text === undefined || !problem) return undefined;
  const inner = yamlTextValue(text);
  if (helm && typeof inner === 'string' && inner !== text && isJsonObject(inner)) {
    return {
      write: mappingWritten(model, entry, inner),
      message: `The chart quotes ${name} itself, so the quotes inside this value reach the server and what it gets is not JSON; LDAP logins fail. Drop them: ${shown(inner)}.`,
    };
  }
  return {
    message: `${name} must be a JSON object from LDAP group to roles, written here as ${shown(EXAMPLE_MAPPING)}; OpenMetadata cannot parse this one (${problem}), so LDAP logins fail.`,
  };
}

const invalidJson: Rule = (model, settings) => {
  const facts = factsOf(model, settings);
  const out: Issue[] = [];
  const mapping = model.entries.get(ROLES_MAPPING);
  // Only LDAP reads the mapping; a provider the file leaves to the deployment may be LDAP. A brace inside a
  // placeholder default is env-default-brace's.
  const ldapRead = facts.provider.kind === 'absent' || facts.provider.kind === 'deploy' || facts.provider.value === 'ldap';
  const judged = mapping?.valueSpan && ldapRead && !mapping.placeholder?.defaultText?.includes('{') && !docPlaceholders(mapping.raw).length;
  const problem = judged ? mappingProblem(model, mapping) : undefined;
  if (mapping?.valueSpan && problem) {
    out.push({
      code: 'invalid-json',
      severity: 'error',
      span: mapping.valueSpan,
      message: problem.message,
      data: { path: ROLES_MAPPING, write: problem.write },
    });
  }
  // In server YAML customParams is a YAML node (a string there is a type error); env text and the chart's string
  // are pasted into the server's YAML, and only a mapping binds.
  const params = model.entries.get(CUSTOM_PARAMS);
  const shapeReadsText = model.profile.textValues || (model.profile.oidcSwitch !== undefined && facts.oidcDelivered === true);
  const paramsText = shapeReadsText && !isQuotedEmpty(params?.raw) ? jsonText(params) : undefined;
  const paramsProblem = paramsText !== undefined ? jsonProblem(paramsText, false) : undefined;
  if (params?.valueSpan && paramsProblem) {
    out.push({
      code: 'invalid-json',
      severity: 'error',
      span: params.valueSpan,
      message: `${code(params.sourceKey)} must be a JSON object such as \`{"customParamKey1": "prompt", "customParamValue1": "login"}\`; OpenMetadata cannot bind this text to a map (${paramsProblem}) and does not start.`,
      data: { path: CUSTOM_PARAMS },
    });
  }
  return out;
};

// --- prompt-none, max-age-zero, unsupported-auth-method -----------------------------------------------------------

// OpenMetadata's OidcPromptPolicy (1.12+) refuses `none` for every provider, `login` for Google and `consent` for
// Cognito (neither provider knows them), and recommends `select_account` (a.7).
const PROMPT_VALUES = ['select_account', 'login', 'consent'];
const PROMPT_REFUSED: Record<string, string[]> = { google: ['login'], 'aws-cognito': ['consent'] };
const refusedPrompts = (provider: string | undefined) => ['none', ...(provider ? (PROMPT_REFUSED[provider] ?? []) : [])];

const promptNone: Rule = (model, settings) => {
  const entry = model.entries.get(PROMPT);
  const facts = factsOf(model, settings);
  const version = facts.version;
  if (!entry || typeof entry.value !== 'string' || !existsIn(entry.key, version) || !facts.oidcMeant) return [];
  const provider = facts.provider.value;
  const refused = entry.value.split(/\s+/).filter((v) => refusedPrompts(provider).includes(v));
  if (!refused.length) return [];
  const validator = atLeast(version, '1.12') ? ' OpenMetadata 1.12+ also refuses it when it validates the config.' : '';
  const accepted = PROMPT_VALUES.filter((v) => !refusedPrompts(provider).includes(v))
    .map(code)
    .join(', ');
  const what = refused.includes('none')
    ? `${code(model.profile.setting(PROMPT, 'none'))} asks the identity provider not to show any login page, so a user without a session there gets \`login_required\` instead of a login form.`
    : `${code(model.profile.setting(PROMPT, refused[0]))} is a prompt ${provider === 'google' ? 'Google' : 'Cognito'} does not accept, so the authorize request fails.`;
  return [
    {
      code: 'prompt-none',
      severity: 'error',
      span: valueSpan(entry),
      message: `${what}${validator} Use ${accepted} (\`select_account\` is what OpenMetadata recommends).`,
      data: { path: PROMPT, provider },
    },
  ];
};

const promptFixes: FixProvider = ({ text, model, data }) => {
  const entry = model.entries.get(PROMPT);
  if (!entry) return [];
  const provider = typeof data.provider === 'string' ? data.provider : undefined;
  return PROMPT_VALUES.filter((v) => !refusedPrompts(provider).includes(v)).map((v, i) => ({
    title: `Change to \`${v}\``,
    changes: [replaceValue(text, model, entry, v)],
    preferred: i === 0,
  }));
};

const maxAgeZero: Rule = (model, settings) => {
  const entry = model.entries.get(MAX_AGE);
  const facts = factsOf(model, settings);
  if (!entry || !existsIn(entry.key, facts.version) || !facts.oidcMeant) return [];
  if (entry.value !== 0 && !(typeof entry.value === 'string' && entry.value.trim() === '0')) return [];
  return [
    {
      code: 'max-age-zero',
      severity: 'warning',
      span: valueSpan(entry),
      message: `${code(model.profile.setting(MAX_AGE, '0'))} sends \`max_age=0\`, so Keycloak asks for the password on every login even with a live session, which defeats single sign-on. Use \`""\` to send no max_age.`,
      data: { path: MAX_AGE },
    },
  ];
};

const maxAgeFixes: FixProvider = ({ text, model }) => {
  const entry = model.entries.get(MAX_AGE);
  if (!entry) return [];
  // An empty compose mapping value means "take it from the shell", not "empty": write the quotes.
  const bare = entry.envForm === 'map' && !entry.placeholder && !entry.quote && entry.valueSpan;
  const change = bare && entry.valueSpan ? { ...entry.valueSpan, newText: '""' } : replaceValue(text, model, entry, '');
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
  return ['client_secret_post', 'client_secret_basic'].map((v, i) => ({
    title: `Change to \`${v}\``,
    changes: [replaceValue(text, model, entry, v)],
    preferred: i === 0,
  }));
};

// --- legacy-setting --------------------------------------------------------------------------------------------

/**
 * The first release line a legacy variable is reported in. AUTHORIZER_INGESTION_PRINCIPALS is last read by 0.12.x and
 * the Airflow ones by 0.13.0 (schemas/evidence.md), but 0.13 quickstarts still ship them harmlessly: from 1.0 they
 * are plainly dead weight.
 */
const legacyEnvGoneIn = (_name: string) => '1.0';

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
      legacy(
        { start, end: start + m[0].length },
        `\`${m[0]}\` is the pre-0.12.1 package; OpenMetadata ${version} has no such class and does not start. Use \`${rewritten}\`.`,
        {
          kind: 'catalog-package',
          replace: { start: start + 'org.openmetadata.'.length, end: start + 'org.openmetadata.catalog'.length },
          rewritten,
        },
      ),
    );
  }
}

/** `airflowConfiguration.authProvider` and its `authConfig` block (not in the schema: read as a top-level block). */
function airflowAuth(model: ConfigModel): { keySpan: Span; extents: Span[] } | undefined {
  const children = topLevelNamed(model, 'airflowConfiguration')[0]?.children ?? [];
  const provider = children.find((c) => c.name === 'authProvider');
  if (!provider) return undefined;
  const config = children.find((c) => c.name === 'authConfig');
  return { keySpan: provider.span, extents: config ? [provider.extent, config.extent] : [provider.extent] };
}

function legacyIngestion(model: ConfigModel, version: string, out: Issue[]): void {
  if (!atLeast(version, '1.1')) return;
  const airflow = airflowAuth(model);
  if (airflow) {
    out.push(
      legacy(
        airflow.keySpan,
        '`airflowConfiguration.authProvider` and its `authConfig` were read up to 1.0; since 1.1 ingestion authenticates as the ingestion bot with an OpenMetadata JWT, so these settings do nothing. Remove them.',
        {
          kind: 'remove-lines',
          lines: airflow.extents,
          title: 'Remove `authProvider` and `authConfig`',
        },
      ),
    );
  }
  // Only a workflow file has this key.
  const provider = model.entries.get(WORKFLOW_PROVIDER);
  if (provider && typeof provider.value === 'string' && provider.value !== 'openmetadata' && provider.value !== 'no-auth') {
    out.push(
      legacy(
        valueSpan(provider),
        `Ingestion through an SSO service account (\`authProvider: ${provider.value}\` with \`clientId\`/\`secretKey\`/\`tokenEndpoint\`) ended with 1.0; since 1.1 the server only accepts the ingestion bot's JWT. Use \`authProvider: openmetadata\` with \`securityConfig.jwtToken\` (Settings → Bots → ingestion-bot).`,
        {
          kind: 'workflow-sso',
        },
      ),
    );
  }
}

function legacyPrincipals(model: ConfigModel, version: string, out: Issue[]): void {
  const bots = model.entries.get(BOT_PRINCIPALS);
  if (bots && atLeast(version, '1.0')) {
    out.push(
      legacy(
        bots.keySpan,
        `\`botPrincipals\` was read up to 0.12; bots are now managed under Settings → Bots and use OpenMetadata-issued JWTs, so this list does nothing. Remove it.`,
        { kind: 'remove-lines', lines: [bots.lineSpan], title: 'Remove `botPrincipals`' },
      ),
    );
  }
  const legacyEnv = schemaIndex.schema.legacyEnv;
  for (const a of model.env) {
    const message = legacyEnv[a.name];
    if (!message || !atLeast(version, legacyEnvGoneIn(a.name))) continue;
    out.push(
      legacy(a.nameSpan, `OpenMetadata ${version} no longer reads \`${a.name}\`. ${message}`, {
        kind: 'remove-lines',
        lines: [a.lineSpan],
        title: `Remove \`${a.name}\``,
      }),
    );
  }
}

const legacySetting: Rule = (model, settings) => {
  const version = factsOf(model, settings).version;
  const out: Issue[] = [];
  legacyClasses(model, version, out);
  legacyPrincipals(model, version, out);
  legacyIngestion(model, version, out);
  return out;
};

/** Moves a workflow from an SSO service account to the ingestion bot's JWT, read from `OM_JWT_TOKEN` at run time. */
function workflowToJwt(text: string, model: ConfigModel): TextChange[] {
  const provider = model.entries.get(WORKFLOW_PROVIDER);
  if (!provider) return [];
  const changes: TextChange[] = [replaceValue(text, model, provider, 'openmetadata')];
  const old = ['clientId', 'secretKey', 'tokenEndpoint']
    .map((k) => model.entries.get(`${WORKFLOW_SECURITY}.${k}`))
    .filter((e): e is ModelEntry => Boolean(e))
    .sort((a, b) => a.keySpan.start - b.keySpan.start);
  // The ingestion CLI expands `${VAR}` in its config file (os.path.expandvars), so the token stays out of the file.
  const token = '"${OM_JWT_TOKEN}"';
  const hasToken = model.entries.has(`${WORKFLOW_SECURITY}.jwtToken`);
  if (old.length && model.objects.get(WORKFLOW_SECURITY)?.flow) {
    // `securityConfig: {clientId: a, secretKey: b}` is one line: its entries are replaced in place, once.
    const last = old[old.length - 1];
    changes.push({ start: old[0].keySpan.start, end: last.valueSpan?.end ?? last.keySpan.end, newText: hasToken ? '' : `jwtToken: ${token}` });
    return changes;
  }
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
    case 'remove-lines': {
      const lines = Array.isArray(data.lines) ? (data.lines as Span[]) : [];
      fixes.push({ title: str(data.title) ?? 'Remove it', changes: lines.map((span) => wholeLines(text, span)), preferred: true });
      break;
    }
    case 'workflow-sso': {
      const changes = workflowToJwt(text, model);
      if (changes.length) fixes.push({ title: 'Use `authProvider: openmetadata` with the bot JWT from `${OM_JWT_TOKEN}`', changes, preferred: true });
      break;
    }
  }
  return fixes;
};

// --- missing-required: the LDAP address of an env file ---------------------------------------------------------

const LDAP_HOST = `${Paths.auth}.ldapConfiguration.host`;
const LDAP_PORT = `${Paths.auth}.ldapConfiguration.port`;

/**
 * An env file that switches to LDAP and names the LDAP host but leaves the port out: the stock config reads
 * `port: ${AUTHENTICATION_LDAP_PORT:-}`, so the server gets null and stops at start with a NullPointerException from
 * the LDAP connection pool (OpenMetadata issue 21875). An empty port, in any shape, is the empty-value check's;
 * Helm's chart has a default port. Without a host set here the LDAP settings may live elsewhere, so nothing is said.
 */
const ldapPortMissing: Rule = (model, settings) => {
  if (!model.profile.inheritsDefaults || model.profile.naming === 'helm') return [];
  const facts = factsOf(model, settings);
  const provider = model.entries.get(Paths.provider);
  if (facts.provider.value !== 'ldap' || facts.provider.written || !provider) return [];
  if (model.entries.has(LDAP_PORT) || facts.effective(LDAP_HOST).state !== 'set' || facts.effective(LDAP_PORT).state !== 'blank') return [];
  const name = model.profile.nameOf(LDAP_PORT);
  return [
    {
      code: 'missing-required',
      severity: 'warning',
      span: spanOf(provider),
      message: `With \`provider: ldap\` the server opens its LDAP connection pool at start, and \`${name}\` is not set: the stock config then binds no port and the server stops with a NullPointerException. Set \`${name}\` (389, or 636 with SSL).`,
      // Which port the directory listens on only the person knows: no fix writes one.
      data: { path: LDAP_PORT, empty: true },
    },
  ];
};

export const family: RuleFamily = {
  rules: [customParams, invalidJson, promptNone, maxAgeZero, authMethod, legacySetting, ldapPortMissing],
  fixes: {
    'custom-params-empty': customParamsFixes,
    'invalid-json': invalidJsonFixes,
    'prompt-none': promptFixes,
    'max-age-zero': maxAgeFixes,
    'unsupported-auth-method': authMethodFixes,
    'legacy-setting': legacyFixes,
  },
};
