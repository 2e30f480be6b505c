// Rule family "flowSecret": the client type, its secret and the server-side (Auth Code) keys must fit together.
import { Commands, DefaultSecret } from '../../protocol';
import type { CanonicalValue } from '../../protocol';
import { replaceValue, setValues } from '../edits';
import type { ConfigModel, Span, TextChange } from '../surfaces/model';
import { docPlaceholders } from '../placeholders';
import type { Fix, FixContext, Rule, RuleFamily } from './types';
import {
  PATHS,
  OIDC,
  anchorSpan,
  clientTypeOf,
  cleanValue,
  effective,
  flowApplies,
  helmOidcEnabled,
  nameOf,
  providerOf,
  serverFlowActive,
  spanOf,
} from './kcModel';
import { DISCOVERY_SUFFIX, parseKcUrl, urlOrigin } from './kcUrls';

type SecretRef = NonNullable<CanonicalValue['secretRef']>;
const SECRET_REF: SecretRef = { envVar: DefaultSecret.envVar, secretName: DefaultSecret.secretName, secretKey: DefaultSecret.secretKey };
const ID_REF: SecretRef = { envVar: DefaultSecret.idEnvVar, secretName: DefaultSecret.secretName, secretKey: DefaultSecret.idKey };
const envRef = (envVar: string): SecretRef => ({ envVar, secretName: '', secretKey: '' });

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const code = (s: string) => `\`${s}\``;

/** Removes whole lines (with their line break). */
function removeLines(text: string, span: Span): TextChange {
  const end = text[span.end] === '\n' ? span.end + 1 : span.end;
  return { start: span.start, end, newText: '' };
}

function setFix(title: string, context: FixContext, values: CanonicalValue[], preferred = false): Fix[] {
  const { changes } = setValues(context.text, context.model, values);
  return changes.length ? [{ title, changes, preferred }] : [];
}

// ---- derived values for the confidential flow ----------------------------------------------------------------

/** The issuer behind an authority, even when it was written as a discovery, auth or certs URL. */
export function issuerOf(authority: string): string {
  const kc = parseKcUrl(authority);
  if (kc) return authority.slice(0, kc.realmEnd).trim();
  return authority.replace(/\/\.well-known\/.*$/, '').replace(/\/+$/, '');
}

/** The canonical paths the confidential flow needs and this file leaves blank, in the order the server checks them. */
function missingKeys(model: ConfigModel): string[] {
  const blank = (path: string) => effective(model, path).state === 'blank';
  const out: string[] = [];
  if (blank(PATHS.id)) out.push(PATHS.id);
  // The server accepts a blank discoveryUri when serverUrl is set ("Discovery URI or Server URL is required").
  if (blank(PATHS.serverUrl) && blank(PATHS.discoveryUri)) out.push(PATHS.discoveryUri);
  if (blank(PATHS.oidcCallbackUrl)) out.push(PATHS.oidcCallbackUrl);
  if (blank(PATHS.serverUrl)) out.push(PATHS.serverUrl);
  return out;
}

/**
 * Values for missing confidential-flow keys, derived from the file: `id` from `clientId`, `discoveryUri` from the
 * authority, `serverUrl` from the callback's origin. In the server config an underivable value becomes a `${VAR}`
 * reference (Dropwizard fills it from the environment); env files and Helm values skip it.
 */
function deriveValues(model: ConfigModel, paths: string[]): CanonicalValue[] {
  // Only what the file says: a chart or conf default (Google's authority) is no basis for Keycloak values.
  const written = (path: string) => (model.entries.has(path) ? cleanValue(effective(model, path)) : undefined);
  const clientId = written(PATHS.clientId);
  const authority = written(PATHS.authority);
  const topCallback = written(PATHS.callbackUrl);
  const serverUrl = cleanValue(effective(model, PATHS.serverUrl)) ?? urlOrigin(topCallback ?? '') ?? urlOrigin(written(PATHS.oidcCallbackUrl) ?? '');
  const canReference = model.shape === 'server';
  const out: CanonicalValue[] = [];
  const put = (path: string, value: string | undefined, ref: SecretRef) => {
    if (value !== undefined) out.push({ path, value });
    else if (canReference) out.push({ path, value: '', secretRef: ref });
  };
  for (const path of paths) {
    if (path === PATHS.id) {
      if (model.shape === 'helm') out.push({ path, value: '', secretRef: ID_REF });
      else put(path, clientId, ID_REF);
    } else if (path === PATHS.discoveryUri) put(path, authority ? `${issuerOf(authority)}${DISCOVERY_SUFFIX}` : undefined, envRef('OIDC_DISCOVERY_URI'));
    else if (path === PATHS.serverUrl) put(path, serverUrl, envRef('OIDC_SERVER_URL'));
    else if (path === PATHS.oidcCallbackUrl) put(path, topCallback ?? (serverUrl ? `${serverUrl.replace(/\/+$/, '')}/callback` : undefined), envRef('OIDC_CALLBACK'));
  }
  return out;
}

/** Everything a switch to the confidential flow needs: the type, the missing keys and, in Helm, the chart switch. */
function confidentialValues(model: ConfigModel): CanonicalValue[] {
  const values: CanonicalValue[] = [{ path: PATHS.clientType, value: 'confidential' }];
  if (model.shape === 'helm' && helmOidcEnabled(model) !== true) values.push({ path: PATHS.oidcEnabled, value: true });
  const missing = missingKeys(model);
  if (effective(model, PATHS.secret).state === 'blank') missing.push(PATHS.secret);
  values.push(...deriveValues(model, missing.filter((p) => p !== PATHS.secret)));
  if (missing.includes(PATHS.secret)) values.push({ path: PATHS.secret, value: '', secretRef: SECRET_REF });
  return values;
}

// ---- rules ---------------------------------------------------------------------------------------------------

const publicClientWithSecret: Rule = (model, _text, settings) => {
  if (!flowApplies(model, settings) || clientTypeOf(model) !== 'public' || providerOf(model).kind !== 'oidc') return [];
  const entry = model.entries.get(PATHS.secret);
  const state = effective(model, PATHS.secret).state;
  if (!entry || (state !== 'set' && state !== 'supplied')) return [];
  if (model.shape === 'helm' && helmOidcEnabled(model) !== true) return []; // the chart renders nothing then
  const helm = model.shape === 'helm';
  return [
    {
      code: 'public-client-with-secret',
      severity: 'error',
      span: spanOf(entry),
      message: `This public (implicit-flow) client is given a client secret${helm ? ' through `oidcConfiguration.enabled: true`' : ''}: the docs warn that an SPA client with a secret fails to log in, and the server ignores \`oidcConfiguration\` for public clients. Remove the secret, or switch to \`clientType: confidential\` for the Auth Code flow.`,
      data: { path: PATHS.secret },
    },
  ];
};

const confidentialClientWithoutSecret: Rule = (model, _text, settings) => {
  if (!serverFlowActive(model, settings)) return [];
  const secret = effective(model, PATHS.secret);
  if (secret.state !== 'blank') return [];
  const clientId = cleanValue(effective(model, PATHS.id)) ?? cleanValue(effective(model, PATHS.clientId));
  return [
    {
      code: 'confidential-client-without-secret',
      severity: 'error',
      span: secret.entry ? spanOf(secret.entry) : anchorSpan(model),
      message: `This confidential (Auth Code) client has no client secret, so the server cannot build its OIDC client ("Client ID and Client Secret is required") and login fails. Reference the secret (${model.shape === 'helm' ? 'a Kubernetes Secret' : '`${OIDC_CLIENT_SECRET}`'}) or fetch it from Keycloak; or switch to \`clientType: public\` for the implicit flow.`,
      data: { path: PATHS.secret, clientId },
    },
  ];
};

const confidentialClientIncomplete: Rule = (model, _text, settings) => {
  if (!serverFlowActive(model, settings)) return [];
  const missing = missingKeys(model);
  if (!missing.length) return [];
  const first = missing.map((p) => model.entries.get(p)).find((e) => e);
  const names = missing.map((p) => code(nameOf(model, p))).join(', ');
  const absent = model.shape === 'server' && !model.objects.has(OIDC);
  return [
    {
      code: 'confidential-client-incomplete',
      severity: 'error',
      span: first ? spanOf(first) : anchorSpan(model),
      message: absent
        ? `\`clientType: confidential\` needs an \`oidcConfiguration\` block for the server-side Auth Code flow; without it the server refuses the config ("OIDC configuration is required") and nobody can log in. Add it (${names}).`
        : `The confidential (Auth Code) flow needs ${names}, which ${missing.length > 1 ? 'are' : 'is'} blank here: the server cannot build its OIDC client or redirect back, so login fails. Fill ${missing.length > 1 ? 'them' : 'it'} in.`,
      data: { missing },
    },
  ];
};

const publicClientCodeFlow: Rule = (model, _text, settings) => {
  if (!flowApplies(model, settings) || clientTypeOf(model) !== 'public') return [];
  const provider = providerOf(model);
  if (provider.kind !== 'oidc' || provider.value === 'aws-cognito') return []; // Cognito's UI flow always uses `code`
  const entry = model.entries.get(PATHS.responseType);
  if (!entry || entry.value !== 'code') return [];
  return [
    {
      code: 'public-client-code-flow',
      severity: 'warning',
      span: spanOf(entry),
      message: '`responseType: code` with a public client makes the browser start an Authorization Code flow it has no secret to finish; the public (implicit) flow expects `id_token`. Use `id_token`, or switch to `clientType: confidential`.',
      data: { path: PATHS.responseType, suggestion: 'id_token' },
    },
  ];
};

const clientIdMismatch: Rule = (model, _text, settings) => {
  if (!serverFlowActive(model, settings)) return [];
  const top = effective(model, PATHS.clientId);
  const id = effective(model, PATHS.id);
  if (!top.entry || !id.entry || top.value === undefined || id.value === undefined || id.entry.secretRef) return [];
  if (docPlaceholders(top.value).length || docPlaceholders(id.value).length || top.value.trim() === id.value.trim()) return [];
  return [
    {
      code: 'client-id-mismatch',
      severity: 'error',
      span: spanOf(id.entry),
      message: `${code(nameOf(model, PATHS.id))} (${code(id.value)}) differs from ${code(nameOf(model, PATHS.clientId))} (${code(top.value)}): the browser and the server would log in with two different clients, so tokens and sessions do not match. Use the same client ID in both.`,
      data: { path: PATHS.id, clientId: top.value, id: id.value },
    },
  ];
};

/** A stray quote left from a docs snippet is `malformed-value`'s to report, not a different URL. */
const normalizeUrl = (s: string) => s.trim().replace(/^["']+|["']+$/g, '');

const callbackMismatch: Rule = (model, _text, settings) => {
  if (!serverFlowActive(model, settings)) return [];
  const top = effective(model, PATHS.callbackUrl);
  const oidc = effective(model, PATHS.oidcCallbackUrl);
  if (top.value === undefined || oidc.value === undefined || !(top.entry || oidc.entry) || top.entry?.secretRef || oidc.entry?.secretRef) return [];
  if (docPlaceholders(top.value).length || docPlaceholders(oidc.value).length || normalizeUrl(top.value) === normalizeUrl(oidc.value)) return [];
  const where = oidc.entry ?? top.entry!;
  const fromDefault = oidc.fromDefault ? ` (the ${model.shape === 'helm' ? "chart's" : "server's"} default)` : '';
  return [
    {
      code: 'callback-mismatch',
      severity: 'warning',
      span: spanOf(where),
      message: `The server sends ${code(nameOf(model, PATHS.oidcCallbackUrl))} (${code(oidc.value)}${fromDefault}) as redirect_uri, but ${code(nameOf(model, PATHS.callbackUrl))} is ${code(top.value)}; they must be the same \`/callback\` URL registered in Keycloak, or login ends in "Invalid parameter: redirect_uri". Align them.`,
      data: { path: PATHS.oidcCallbackUrl, callbackUrl: top.value, oidcCallbackUrl: oidc.value },
    },
  ];
};

// ---- fixes ---------------------------------------------------------------------------------------------------

function removeSecret(context: FixContext): Fix[] {
  const { text, model } = context;
  const lines =
    model.shape === 'env'
      ? model.env.filter((a) => a.path === PATHS.secret).map((a) => removeLines(text, a.lineSpan))
      : [model.entries.get(PATHS.secret)].flatMap((e) => (e ? [removeLines(text, e.lineSpan)] : []));
  return lines.length ? [{ title: `Remove ${code(nameOf(model, PATHS.secret))}`, changes: lines, preferred: model.shape !== 'helm' }] : [];
}

function insertSecretReference(context: FixContext): Fix[] {
  const { model } = context;
  const entry = model.entries.get(PATHS.secret);
  const title =
    model.shape === 'helm'
      ? `Read ${code('clientSecret')} from the Kubernetes Secret ${code(SECRET_REF.secretName)}`
      : `Use ${code('${OIDC_CLIENT_SECRET}')} for the client secret`;
  // In the server config the reference replaces the blank value where it stands.
  if (model.shape === 'server' && entry && !entry.secretRef) {
    const change = entry.valueSpan
      ? { start: entry.valueSpan.start, end: entry.valueSpan.end, newText: `\${${SECRET_REF.envVar}}` }
      : { start: entry.keySpan.end + 1, end: entry.keySpan.end + 1, newText: ` \${${SECRET_REF.envVar}}` };
    return [{ title, changes: [change], preferred: true }];
  }
  return setFix(title, context, [{ path: PATHS.secret, value: '', secretRef: SECRET_REF }], true);
}

function fetchFromKeycloak(context: FixContext): Fix {
  const clientId = str(context.data.clientId);
  return {
    title: 'Fetch from Keycloak…',
    changes: [],
    command: { title: 'Fetch from Keycloak…', command: Commands.createKeycloakClient, arguments: [{ clientId, flow: 'authCode', fromQuickFix: true }] },
  };
}

function replaceFix(context: FixContext, path: string, value: string, preferred: boolean): Fix[] {
  const entry = context.model.entries.get(path);
  if (!entry) return [];
  return [{ title: `Set ${code(nameOf(context.model, path))} to ${code(value)}`, changes: [replaceValue(context.text, entry, value, context.model.shape)], preferred }];
}

export const family: RuleFamily = {
  rules: [publicClientWithSecret, confidentialClientWithoutSecret, confidentialClientIncomplete, publicClientCodeFlow, clientIdMismatch, callbackMismatch],
  fixes: {
    'public-client-with-secret': (context) => [
      ...(context.model.shape === 'helm' ? setFix(`Set ${code('oidcConfiguration.enabled: false')}`, context, [{ path: PATHS.oidcEnabled, value: false }], true) : []),
      ...removeSecret(context),
      ...setFix(`Switch to ${code('clientType: confidential')} (Auth Code flow)`, context, confidentialValues(context.model)),
    ],
    'confidential-client-without-secret': (context) => [
      ...insertSecretReference(context),
      ...setFix(`Switch to ${code('clientType: public')} (implicit flow)`, context, [{ path: PATHS.clientType, value: 'public' }]),
      fetchFromKeycloak(context),
    ],
    'confidential-client-incomplete': (context) => {
      const missing = Array.isArray(context.data.missing) ? (context.data.missing as string[]) : [];
      const values = deriveValues(context.model, missing);
      const names = values.map((v) => code(nameOf(context.model, v.path))).join(', ');
      return values.length ? setFix(`Add ${names} (derived from this file)`, context, values, true) : [];
    },
    'public-client-code-flow': (context) => replaceFix(context, PATHS.responseType, 'id_token', true),
    'client-id-mismatch': (context) => {
      const clientId = str(context.data.clientId);
      const id = str(context.data.id);
      return [...(clientId ? replaceFix(context, PATHS.id, clientId, true) : []), ...(id ? replaceFix(context, PATHS.clientId, id, false) : [])];
    },
    'callback-mismatch': (context) => {
      const top = str(context.data.callbackUrl);
      const oidc = str(context.data.oidcCallbackUrl);
      const m = context.model;
      return [
        ...(top ? setFix(`Set ${code(nameOf(m, PATHS.oidcCallbackUrl))} to ${code(top)}`, context, [{ path: PATHS.oidcCallbackUrl, value: top }], true) : []),
        ...(oidc ? setFix(`Set ${code(nameOf(m, PATHS.callbackUrl))} to ${code(oidc)}`, context, [{ path: PATHS.callbackUrl, value: oidc }]) : []),
      ];
    },
  },
};
