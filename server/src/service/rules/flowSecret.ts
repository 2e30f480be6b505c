// Rule family "flowSecret": the client type, its secret and the server-side (Auth Code) keys must fit together.
import { Commands, Paths } from '../../../../common/protocol';
import type { CanonicalValue } from '../../../../common/protocol';
import { replaceValue, setValues } from '../edits';
import { anchorSpan, cleanValue, factsOf, spanOf } from '../facts';
import type { Facts } from '../facts';
import { deriveValues } from '../derive';
import { docPlaceholders } from '../placeholders';
import type { ConfigModel, Fix, FixContext, Rule, RuleFamily } from '../model';
import { trimEnd, trimStart, wholeLines } from '../text';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const code = (s: string) => `\`${s}\``;

function setFix(title: string, context: FixContext, values: CanonicalValue[], preferred = false): Fix[] {
  const { changes } = setValues(context.text, context.model, values);
  return changes.length ? [{ title, changes, preferred }] : [];
}

// ---- derived values for the confidential flow ----------------------------------------------------------------

/**
 * `oidcConfiguration.type` azure or google makes the server build pac4j's Azure client (its discovery from the tenant,
 * `common` by default) or Google's (its discovery built in), so a blank discovery URI is no failure there.
 */
function buildsOwnDiscovery(facts: Facts): boolean {
  const type = facts.effective(Paths.oidcType);
  return type.state === 'set' && typeof type.value === 'string' && /^(azure|google)$/i.test(type.value.trim());
}

/** The canonical paths the confidential flow needs and this file leaves blank, in the order the server checks them. */
function missingKeys(model: ConfigModel, facts: Facts): string[] {
  // `discoveryUri:"..."` without a space is not set, but malformed-value says so and how to fix it.
  const miswritten = (path: string) => model.issues.some((i) => i.data?.kind === 'missing-space' && path.endsWith(`.${String(i.data.key)}`));
  const blank = (path: string) => facts.effective(path).state === 'blank' && !miswritten(path);
  const out: string[] = [];
  if (blank(Paths.oidcId)) out.push(Paths.oidcId);
  // The 1.10+ validator accepts a blank discoveryUri when authority or serverUrl is set, but the runtime builds its
  // OIDC client from the discovery URI only, so the login still fails without one (a.7).
  if (blank(Paths.discoveryUri) && !buildsOwnDiscovery(facts)) out.push(Paths.discoveryUri);
  if (blank(Paths.oidcCallbackUrl)) out.push(Paths.oidcCallbackUrl);
  if (blank(Paths.serverUrl)) out.push(Paths.serverUrl);
  return out;
}

/** Everything a switch to the confidential flow needs: the type, the missing keys and, in Helm, the chart switch. */
function confidentialValues(model: ConfigModel, facts: Facts): CanonicalValue[] {
  const values: CanonicalValue[] = [{ path: Paths.clientType, value: 'confidential' }];
  const { oidcSwitch, secret } = model.profile;
  if (oidcSwitch && facts.oidcDelivered !== true) values.push({ path: oidcSwitch, value: true });
  const missing = missingKeys(model, facts);
  if (facts.effective(Paths.oidcSecret).state === 'blank') missing.push(Paths.oidcSecret);
  values.push(
    ...deriveValues(
      model,
      facts,
      missing.filter((p) => p !== Paths.oidcSecret),
    ),
  );
  if (missing.includes(Paths.oidcSecret)) values.push({ path: Paths.oidcSecret, value: '', secretRef: secret.reference });
  return values;
}

// ---- rules ---------------------------------------------------------------------------------------------------

const publicClientWithSecret: Rule = (model, settings) => {
  const facts = factsOf(model, settings);
  if (!facts.flowApplies || facts.clientType !== 'public' || facts.provider.kind !== 'oidc') return [];
  const entry = model.entries.get(Paths.oidcSecret);
  const state = facts.effective(Paths.oidcSecret).state;
  if (!entry || (state !== 'set' && state !== 'supplied')) return [];
  if (facts.oidcDelivered !== true) return []; // the shape hands the server nothing then
  const oidcSwitch = model.profile.oidcSwitch;
  return [
    {
      code: 'public-client-with-secret',
      severity: 'error',
      span: spanOf(entry),
      message: `This public (implicit-flow) client is given a client secret${oidcSwitch ? ` through ${code(model.profile.setting(oidcSwitch, 'true'))}` : ''}: the docs warn that an SPA client with a secret fails to log in, and the server ignores \`oidcConfiguration\` for public clients. Remove the secret, or switch to ${code(model.profile.setting(Paths.clientType, 'confidential'))} for the Auth Code flow.`,
      data: { path: Paths.oidcSecret },
    },
  ];
};

const confidentialClientWithoutSecret: Rule = (model, settings) => {
  const facts = factsOf(model, settings);
  if (!facts.serverFlowActive) return [];
  const secret = facts.effective(Paths.oidcSecret);
  if (secret.state !== 'blank') return [];
  const clientId = cleanValue(facts.effective(Paths.oidcId)) ?? cleanValue(facts.effective(Paths.clientId));
  return [
    {
      code: 'confidential-client-without-secret',
      severity: 'error',
      span: secret.entry ? spanOf(secret.entry) : anchorSpan(model),
      message: `This confidential (Auth Code) client has no client secret, so the server cannot build its OIDC client ("Client ID and Client Secret is required") and login fails. Reference the secret (${model.profile.secret.wording}) or fetch it from Keycloak; or switch to ${code(model.profile.setting(Paths.clientType, 'public'))} for the implicit flow.`,
      data: { path: Paths.oidcSecret, clientId },
    },
  ];
};

const confidentialClientIncomplete: Rule = (model, settings) => {
  const facts = factsOf(model, settings);
  if (!facts.serverFlowActive) return [];
  const missing = missingKeys(model, facts);
  if (!missing.length) return [];
  const first = missing.map((p) => model.entries.get(p)).find((e) => e);
  const names = missing.map((p) => code(model.profile.nameOf(p))).join(', ');
  // Only where a left-out key binds null is a missing block the whole story; elsewhere defaults fill it in.
  const absent = !model.profile.inheritsDefaults && !model.objects.has(Paths.oidc);
  return [
    {
      code: 'confidential-client-incomplete',
      severity: 'error',
      span: first ? spanOf(first) : anchorSpan(model),
      message: absent
        ? `${code(model.profile.setting(Paths.clientType, 'confidential'))} needs an \`oidcConfiguration\` block for the server-side Auth Code flow; without it the server refuses the config ("OIDC configuration is required") and nobody can log in. Add it (${names}).`
        : `The confidential (Auth Code) flow needs ${names}, which ${missing.length > 1 ? 'are' : 'is'} blank here: the server cannot build its OIDC client or redirect back, so login fails.${missing.includes(Paths.discoveryUri) ? ' The server builds that client from the discovery URI only, even where the validator accepts `serverUrl` or `authority` instead.' : ''} Fill ${missing.length > 1 ? 'them' : 'it'} in.`,
      data: { missing },
    },
  ];
};

const publicClientCodeFlow: Rule = (model, settings) => {
  const facts = factsOf(model, settings);
  if (!facts.flowApplies || facts.clientType !== 'public') return [];
  const provider = facts.provider;
  if (provider.kind !== 'oidc' || provider.value === 'aws-cognito') return []; // Cognito's UI flow always uses `code`
  // 2.x signs a public client in with the code flow and PKCE (schemas/evidence.md); before, the browser could not.
  if (facts.atLeast('2.0')) return [];
  const entry = model.entries.get(Paths.responseType);
  if (!entry || entry.value !== 'code') return [];
  return [
    {
      code: 'public-client-code-flow',
      severity: 'warning',
      span: spanOf(entry),
      message:
        '`responseType: code` with a public client makes the browser start an Authorization Code flow it has no secret to finish; the public (implicit) flow expects `id_token`. Use `id_token`, or switch to `clientType: confidential`.',
      data: { path: Paths.responseType, suggestion: 'id_token' },
    },
  ];
};

const clientIdMismatch: Rule = (model, settings) => {
  const facts = factsOf(model, settings);
  if (!facts.serverFlowActive) return [];
  const top = facts.effective(Paths.clientId);
  const id = facts.effective(Paths.oidcId);
  if (!top.entry || !id.entry || top.value === undefined || id.value === undefined || id.entry.secretRef) return [];
  if (docPlaceholders(top.value).length || docPlaceholders(id.value).length || top.value.trim() === id.value.trim()) return [];
  return [
    {
      code: 'client-id-mismatch',
      severity: 'error',
      span: spanOf(id.entry),
      message: `${code(model.profile.nameOf(Paths.oidcId))} (${code(id.value)}) differs from ${code(model.profile.nameOf(Paths.clientId))} (${code(top.value)}): the browser and the server would log in with two different clients, so tokens and sessions do not match. Use the same client ID in both.`,
      data: { path: Paths.oidcId, clientId: top.value, id: id.value },
    },
  ];
};

/** A stray quote left from a docs snippet is `malformed-value`'s to report, not a different URL. */
const normalizeUrl = (s: string) => trimEnd(trimStart(s.trim(), `"'`), `"'`);

const callbackMismatch: Rule = (model, settings) => {
  const facts = factsOf(model, settings);
  if (!facts.serverFlowActive) return [];
  const top = facts.effective(Paths.callbackUrl);
  const oidc = facts.effective(Paths.oidcCallbackUrl);
  if (top.value === undefined || oidc.value === undefined || !(top.entry || oidc.entry) || top.entry?.secretRef || oidc.entry?.secretRef) return [];
  if (docPlaceholders(top.value).length || docPlaceholders(oidc.value).length || normalizeUrl(top.value) === normalizeUrl(oidc.value)) return [];
  const where = oidc.entry ?? top.entry!;
  const fromDefault = oidc.fromDefault ? ` (${model.profile.defaultsOwner})` : '';
  return [
    {
      code: 'callback-mismatch',
      severity: 'warning',
      span: spanOf(where),
      message: `The server sends ${code(model.profile.nameOf(Paths.oidcCallbackUrl))} (${code(oidc.value)}${fromDefault}) as redirect_uri, but ${code(model.profile.nameOf(Paths.callbackUrl))} is ${code(top.value)}; they must be the same \`/callback\` URL registered in Keycloak, or login ends in "Invalid parameter: redirect_uri". Align them.`,
      data: { path: Paths.oidcCallbackUrl, callbackUrl: top.value, oidcCallbackUrl: oidc.value },
    },
  ];
};

// ---- fixes ---------------------------------------------------------------------------------------------------

function removeSecret(context: FixContext): Fix[] {
  const { text, model } = context;
  // An env file may set the variable more than once: every assignment goes.
  const assigned = model.env.filter((a) => a.path === Paths.oidcSecret).map((a) => a.lineSpan);
  const entry = model.entries.get(Paths.oidcSecret);
  const lines = (assigned.length ? assigned : entry ? [entry.lineSpan] : []).map((span) => wholeLines(text, span));
  // Where the shape has a switch for the whole block, turning it off is the smaller change.
  return lines.length ? [{ title: `Remove ${code(model.profile.nameOf(Paths.oidcSecret))}`, changes: lines, preferred: !model.profile.oidcSwitch }] : [];
}

function insertSecretReference(context: FixContext): Fix[] {
  const { model } = context;
  const entry = model.entries.get(Paths.oidcSecret);
  const { reference, fixTitle: title } = model.profile.secret;
  // Where the server substitutes `${VAR}`, the reference replaces the blank value where it stands.
  if (model.profile.substitutes && entry && !entry.secretRef) {
    const change = entry.valueSpan
      ? { start: entry.valueSpan.start, end: entry.valueSpan.end, newText: `\${${reference.envVar}}` }
      : { start: entry.keySpan.end + 1, end: entry.keySpan.end + 1, newText: ` \${${reference.envVar}}` };
    return [{ title, changes: [change], preferred: true }];
  }
  return setFix(title, context, [{ path: Paths.oidcSecret, value: '', secretRef: reference }], true);
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
  return [
    {
      title: `Set ${code(context.model.profile.nameOf(path))} to ${code(value)}`,
      changes: [replaceValue(context.text, context.model, entry, value)],
      preferred,
    },
  ];
}

export const family: RuleFamily = {
  rules: [publicClientWithSecret, confidentialClientWithoutSecret, confidentialClientIncomplete, publicClientCodeFlow, clientIdMismatch, callbackMismatch],
  fixes: {
    'public-client-with-secret': (context) => {
      const profile = context.model.profile;
      const oidcSwitch = profile.oidcSwitch;
      return [
        ...(oidcSwitch ? setFix(`Set ${code(profile.setting(oidcSwitch, 'false'))}`, context, [{ path: oidcSwitch, value: false }], true) : []),
        ...removeSecret(context),
        ...setFix(
          `Switch to ${code(profile.setting(Paths.clientType, 'confidential'))} (Auth Code flow)`,
          context,
          confidentialValues(context.model, factsOf(context.model, context.settings)),
        ),
      ];
    },
    'confidential-client-without-secret': (context) => [
      ...insertSecretReference(context),
      ...setFix(`Switch to ${code(context.model.profile.setting(Paths.clientType, 'public'))} (implicit flow)`, context, [
        { path: Paths.clientType, value: 'public' },
      ]),
      fetchFromKeycloak(context),
    ],
    'confidential-client-incomplete': (context) => {
      const missing = Array.isArray(context.data.missing) ? (context.data.missing as string[]) : [];
      const values = deriveValues(context.model, factsOf(context.model, context.settings), missing);
      const names = values.map((v) => code(context.model.profile.nameOf(v.path))).join(', ');
      return values.length ? setFix(`Add ${names} (derived from this file)`, context, values, true) : [];
    },
    'public-client-code-flow': (context) => replaceFix(context, Paths.responseType, 'id_token', true),
    'client-id-mismatch': (context) => {
      const clientId = str(context.data.clientId);
      const id = str(context.data.id);
      return [...(clientId ? replaceFix(context, Paths.oidcId, clientId, true) : []), ...(id ? replaceFix(context, Paths.clientId, id, false) : [])];
    },
    'callback-mismatch': (context) => {
      const top = str(context.data.callbackUrl);
      const oidc = str(context.data.oidcCallbackUrl);
      const m = context.model;
      return [
        ...(top
          ? setFix(`Set ${code(m.profile.nameOf(Paths.oidcCallbackUrl))} to ${code(top)}`, context, [{ path: Paths.oidcCallbackUrl, value: top }], true)
          : []),
        ...(oidc ? setFix(`Set ${code(m.profile.nameOf(Paths.callbackUrl))} to ${code(oidc)}`, context, [{ path: Paths.callbackUrl, value: oidc }]) : []),
      ];
    },
  },
};
