// Rule family "urls": the issuer, JWKS and discovery URLs point at one Keycloak realm and list both token signers.
import { Paths } from '../../../../common/protocol';
import { appendItem, replaceValue } from '../edits';
import { cleanValue, entryText, factsOf, locate, spanOf } from '../facts';
import type { Facts } from '../facts';
import { KC_CERTS_SUFFIX, LEGACY_OM_JWKS_PATH, OM_JWKS_PATH, hostClass, isOmJwks, parseKcUrl, parseOrigin, urlOrigin } from '../../../../common/keycloakUrls';
import type { KcUrl } from '../../../../common/keycloakUrls';
import { docPlaceholders, isDeployTimeValue } from '../placeholders';
import type { ConfigModel, Fix, FixContext, Issue, ListValue, ModelEntry, Rule, RuleFamily, Span } from '../model';
import { absolute, relative, trimEnd } from '../text';

const code = (s: string) => `\`${s}\``;
const hasDocPlaceholder = (s: string) => docPlaceholders(s).length > 0;

/** A URL of the config: the text OpenMetadata reads, where that text starts, and the span to squiggle. */
interface UrlRef {
  path: string;
  role: 'authority' | 'discovery' | 'jwks';
  text: string;
  start: number;
  span: Span;
}

function entryRef(model: ConfigModel, path: string, role: UrlRef['role']): UrlRef | undefined {
  const entry = model.entries.get(path);
  const value = entry ? entryText(entry) : undefined;
  if (!entry || value === undefined || isDeployTimeValue(value)) return undefined;
  return { path, role, text: value, start: locate(entry, value), span: spanOf(entry) };
}

/**
 * The discovery URI, also when written `discoveryUri:"..."` without a space: YAML then reads the line as one key
 * (`malformed-value` reports that, and the reader keeps the URL it holds), but the URL is still what the user means.
 */
function discoveryRef(model: ConfigModel): UrlRef | undefined {
  const ref = entryRef(model, Paths.discoveryUri, 'discovery');
  if (ref || model.entries.has(Paths.discoveryUri)) return ref;
  const issue = model.issues.find((i) => i.code === 'malformed-value' && i.data?.kind === 'missing-space' && i.data.key === 'discoveryUri');
  const joined = issue?.data?.value as { text: string; offset: number } | undefined;
  if (!issue || !joined) return undefined;
  return { path: Paths.discoveryUri, role: 'discovery', text: joined.text, start: issue.span.start + joined.offset, span: issue.span };
}

const listItemsOf = (list: ListValue | undefined) => list?.items ?? [];

function jwksRefs(list: ListValue | undefined): UrlRef[] {
  return listItemsOf(list).map((item) => ({ path: Paths.publicKeyUrls, role: 'jwks' as const, text: item.text, start: item.span.start, span: item.whole }));
}

/** The JWKS list entry with its items, unless an item is only known at deploy time (then nothing about it is sure). */
function knownList(model: ConfigModel): { entry: ModelEntry; list: ListValue } | undefined {
  const entry = model.entries.get(Paths.publicKeyUrls);
  const list = entry?.list;
  return entry && list && !list.items.some((i) => isDeployTimeValue(i.text)) ? { entry, list } : undefined;
}

/** Basic, LDAP and the obsolete no-auth never send the browser to Keycloak, so its URLs are unused there. */
const usesIdpUrls = (facts: Facts) => facts.provider.kind !== 'other' || facts.provider.value === 'saml';

// ---- authority-not-issuer -------------------------------------------------------------------------------------

/**
 * The authorize or token endpoint of a well-known provider written where its issuer belongs (OpenMetadata issue
 * 18865), and how to turn it into the issuer: Azure `…/{tenant}/oauth2/v2.0/authorize` → `…/{tenant}/v2.0`, Okta
 * `…/oauth2/default/v1/authorize` → `…/oauth2/default`, Auth0 `…/authorize` → the tenant, Google's → its accounts host.
 */
function providerEndpoint(url: string): { from: number; to: number; insert?: string } | undefined {
  const text = url.trimEnd().replace(/\/$/, '');
  const end = text.length;
  const azure = /\/oauth2\/v2\.0\/(authorize|token)$/.exec(text);
  if (azure && /login\.microsoftonline\.com|\.ciamlogin\.com|\.b2clogin\.com/.test(text)) return { from: azure.index, to: end, insert: '/v2.0' };
  const okta = /(\/oauth2)?\/v1\/(authorize|token)$/.exec(text);
  if (okta && /\.okta(preview)?\.com|\.oktapreview\.com/.test(text)) return { from: okta.index, to: end };
  const auth0 = /\/(authorize|oauth\/token)$/.exec(text);
  if (auth0 && /\.auth0\.com/.test(text)) return { from: auth0.index, to: end };
  const google = /^(https:\/\/accounts\.google\.com)\/o\/oauth2\/(v2\/)?auth$/.exec(text);
  if (google) return { from: google[1].length, to: end };
  return undefined;
}

const authorityNotIssuer: Rule = (model, settings) => {
  const facts = factsOf(model, settings);
  if (facts.provider.kind === 'other') return [];
  const ref = entryRef(model, Paths.authority, 'authority');
  if (!ref) return [];
  const kc = parseKcUrl(ref.text);
  let cut: { from: number; to: number; insert?: string } | undefined;
  let flagged = false;
  if (kc && /^\/(protocol\/|\.well-known\/)/.test(kc.suffix)) {
    cut = { from: kc.realmEnd, to: kc.realmEnd + kc.suffix.length };
    flagged = true;
  } else if (!kc) {
    const wellKnown = ref.text.search(/\/\.well-known\//);
    if (wellKnown > 0) cut = { from: wellKnown, to: ref.text.trimEnd().length };
    else cut = providerEndpoint(ref.text);
    flagged = Boolean(cut) || /\/(certs|protocol\/openid-connect\/auth)\/?$/.test(ref.text.trim());
  }
  if (!flagged) return [];
  const issuer = cut ? ref.text.slice(0, cut.from) + (cut.insert ?? '') + ref.text.slice(cut.to) : undefined;
  const change = cut ? { start: ref.start + cut.from, end: ref.start + cut.to, newText: cut.insert ?? '' } : undefined;
  const cutTo = issuer ? ` Cut it to ${code(issuer)}.` : ' Use the issuer URL of your identity provider.';
  // The confidential flow builds its client from discoveryUri: a deployment can sign in for weeks with this wrong.
  const serverDiscovers = facts.serverFlowActive && facts.effective(Paths.discoveryUri).state === 'set';
  return [
    {
      code: 'authority-not-issuer',
      severity: serverDiscovers ? 'warning' : 'error',
      span: ref.span,
      message: serverDiscovers
        ? `${code(model.profile.nameOf(Paths.authority))} should be the issuer${kc ? ' (`…/realms/<realm>`)' : ''}, not an endpoint. Sign-in works while the confidential client starts it from ${code(model.profile.nameOf(Paths.discoveryUri))}, but a public client (or a switch to one) appends \`/.well-known/openid-configuration\` to this value, and discovery fails.${cutTo}`
        : `${code(model.profile.nameOf(Paths.authority))} must be the issuer${kc ? ' (`…/realms/<realm>`)' : ''}, not an endpoint: the UI and the server append \`/.well-known/openid-configuration\` to it, so discovery fails and login never starts.${cutTo}`,
      data: { path: Paths.authority, suggestion: issuer, edit: change ? relative(ref.span.start, change) : undefined },
    },
  ];
};

// ---- JWKS lists ---------------------------------------------------------------------------------------------

/** OpenMetadata's external URL as far as this file tells: the callback's origin, the OIDC serverUrl, the default. */
function omUrl(model: ConfigModel, facts: Facts): string {
  const callback = cleanValue(facts.effective(Paths.callbackUrl));
  const serverUrl = model.entries.has(Paths.serverUrl) ? cleanValue(facts.effective(Paths.serverUrl)) : undefined;
  return trimEnd(urlOrigin(callback ?? '') ?? (serverUrl ? urlOrigin(serverUrl) : undefined) ?? model.profile.defaultOmUrl, '/');
}

const missingIdpJwks: Rule = (model, settings) => {
  const provider = factsOf(model, settings).provider;
  if (provider.kind !== 'oidc') return [];
  const known = knownList(model);
  if (!known) return [];
  const list = known.list;
  const authority = entryRef(model, Paths.authority, 'authority');
  const authorityKc = authority ? parseKcUrl(authority.text) : undefined;
  const isIdp = (url: string) => !isOmJwks(url) && (!authorityKc || Boolean(parseKcUrl(url)) || hasDocPlaceholder(url));
  if (list.items.some((i) => isIdp(i.text))) return [];
  let suggestion: string | undefined;
  if (authorityKc && authority && !hasDocPlaceholder(authority.text)) suggestion = `${authority.text.slice(0, authorityKc.realmEnd).trim()}${KC_CERTS_SUFFIX}`;
  // The browser may reach Keycloak at localhost; the server in its container cannot (localhost-in-container).
  if (suggestion && model.profile.inContainer(model)) suggestion = suggestion.replace(/^(\w+:\/\/)(localhost|127\.0\.0\.1)(?=[:/])/, '$1host.docker.internal');
  else if (provider.value === 'google') suggestion = 'https://www.googleapis.com/oauth2/v3/certs';
  return [
    {
      code: 'missing-idp-jwks',
      severity: 'error',
      span: spanOf(known.entry),
      message: `${code(model.profile.nameOf(Paths.publicKeyUrls))} has no JWKS of the identity provider${authorityKc ? ' (Keycloak)' : ''}, so every login token is rejected ("No key found in with kid"). Add ${suggestion ? code(suggestion) : "your provider's JWKS URL"}.`,
      data: { path: Paths.publicKeyUrls, suggestion },
    },
  ];
};

/** Okta's hosted domains; a custom domain is not recognised, so nothing is said about it. */
const OKTA_HOST = /^https:\/\/[^/]+\.(okta|oktapreview|okta-emea)\.com$/i;

/**
 * Okta signs a token with the keys of the authorization server that issued it: the org server (issuer
 * `https://{domain}`) publishes them at `/oauth2/v1/keys`, a custom one (issuer `https://{domain}/oauth2/{id}`) at
 * `/oauth2/{id}/v1/keys`. Keys of the other server on the same domain find no `kid` (OpenMetadata issue 2773).
 */
function oktaJwksFor(issuer: string): string | undefined {
  const m = /^(https:\/\/[^/]+?)(\/oauth2\/[^/]+)?\/?$/i.exec(issuer.trim());
  if (!m || !OKTA_HOST.test(m[1])) return undefined;
  return m[2] ? `${m[1]}${m[2]}/v1/keys` : `${m[1]}/oauth2/v1/keys`;
}

const oktaJwksServer: Rule = (model, settings) => {
  if (factsOf(model, settings).provider.value !== 'okta') return [];
  const known = knownList(model);
  const authority = entryRef(model, Paths.authority, 'authority');
  const expected = authority && !hasDocPlaceholder(authority.text) ? oktaJwksFor(authority.text) : undefined;
  if (!known || !expected) return [];
  const origin = urlOrigin(expected);
  const sameDomain = known.list.items.filter((i) => urlOrigin(i.text) === origin && /\/v1\/keys\/?$/.test(i.text.trim()));
  // Only a list that names keys on the issuer's own domain, all of another server, is certainly wrong.
  if (!sameDomain.length || known.list.items.some((i) => trimEnd(i.text.trim(), '/') === expected)) return [];
  return [
    {
      code: 'missing-idp-jwks',
      severity: 'error',
      span: spanOf(known.entry),
      message: `${code(model.profile.nameOf(Paths.publicKeyUrls))} lists ${code(sameDomain[0].text.trim())}, the keys of another Okta authorization server than the issuer ${code(authority!.text.trim())}: its tokens are signed with the keys at ${code(expected)}, so every login token is rejected ("No key found in with kid"). Add ${code(expected)}.`,
      data: { path: Paths.publicKeyUrls, suggestion: expected },
    },
  ];
};

const missingOmJwks: Rule = (model, settings) => {
  const facts = factsOf(model, settings);
  // Up to 1.0 ingestion could sign in with the SSO provider's service account (OM_AUTH_AIRFLOW_*, workflow
  // `custom-oidc`), so a list without OpenMetadata's JWKS worked; from 1.1 the bot JWT is the only way in.
  if (facts.provider.value === 'no-auth' || !facts.atLeast('1.1')) return [];
  const known = knownList(model);
  if (!known || known.list.items.some((i) => isOmJwks(i.text))) return [];
  const path = OM_JWKS_PATH;
  const suggestion = `${omUrl(model, facts)}${path}`;
  return [
    {
      code: 'missing-om-jwks',
      severity: 'error',
      span: spanOf(known.entry),
      message: `${code(model.profile.nameOf(Paths.publicKeyUrls))} lacks OpenMetadata's own JWKS (${code(path)}), so the tokens OpenMetadata signs itself (bots, ingestion, personal access tokens, its own sessions) are rejected. Add ${code(suggestion)}.`,
      data: { path: Paths.publicKeyUrls, suggestion },
    },
  ];
};

const legacyOmJwksPath: Rule = (model, settings) => {
  if (!factsOf(model, settings).atLeast('1.0')) return []; // before 1.0 this was the right path
  const out: Issue[] = [];
  for (const item of listItemsOf(model.entries.get(Paths.publicKeyUrls)?.list)) {
    const at = item.text.indexOf(LEGACY_OM_JWKS_PATH);
    if (at === -1) continue;
    const insert = item.span.start + at + '/api/v1'.length;
    out.push({
      code: 'legacy-om-jwks-path',
      severity: 'warning',
      span: item.whole,
      message: `\`${LEGACY_OM_JWKS_PATH}\` is the pre-1.0 path of OpenMetadata's JWKS; current servers serve it at \`${OM_JWKS_PATH}\`, so the tokens OpenMetadata signs (bots, ingestion, sessions) cannot be verified. Use the new path.`,
      data: { path: Paths.publicKeyUrls, edit: relative(item.whole.start, { start: insert, end: insert, newText: '/system' }) },
    });
  }
  return out;
};

// ---- URLs the server itself fetches -------------------------------------------------------------------------

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0']);

/**
 * JWKS and discovery URLs are fetched by the server; in a container `localhost` is the container, so the keys are
 * never found ("No key found in with kid", OpenMetadata issue 7567). OpenMetadata's own JWKS is the server itself,
 * and the browser-facing authority and callback may well be localhost.
 */
const localhostInContainer: Rule = (model) => {
  if (!model.profile.inContainer(model)) return [];
  const refs: UrlRef[] = [...jwksRefs(model.entries.get(Paths.publicKeyUrls)?.list).filter((r) => !isOmJwks(r.text))];
  const discovery = discoveryRef(model);
  if (discovery) refs.push(discovery);
  const out: Issue[] = [];
  for (const ref of refs) {
    const raw = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#]+)/i.exec(ref.text.trim());
    const host = raw?.[1].toLowerCase();
    if (!raw || !host || !LOOPBACK.has(host)) continue;
    const at = ref.text.indexOf(raw[1]);
    const origin = { host: raw[1] };
    if (ref.role === 'jwks') {
      out.push({
        code: 'localhost-in-container',
        severity: 'warning',
        span: ref.span,
        message: `The server fetches this JWKS URL from inside its container, where \`${origin.host}\` is the container itself, so it finds no keys and every login fails ("No key found in with kid"). Use the identity provider's service name (e.g. \`keycloak\`) or \`host.docker.internal\`; the browser-facing authority and callback may stay on localhost.`,
        data: {
          path: ref.path,
          edit:
            at === -1
              ? undefined
              : relative(ref.span.start, { start: ref.start + at, end: ref.start + at + origin.host.length, newText: 'host.docker.internal' }),
        },
      });
      continue;
    }
    // Discovery names the issuer too: with the browser on localhost, another host here splits it (the issuer-split
    // warning), so no single edit of this value is right and none is offered then.
    const authority = entryRef(model, Paths.authority, 'authority');
    const authorityHost = authority ? /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#]+)/i.exec(authority.text.trim())?.[1].toLowerCase() : undefined;
    const browserOnLoopback = authorityHost !== undefined && LOOPBACK.has(authorityHost);
    out.push({
      code: 'localhost-in-container',
      severity: 'warning',
      span: ref.span,
      message: `The server reads Keycloak's metadata from this discovery URI, and exchanges the login code at the token endpoint it names, from inside its container, where \`${origin.host}\` is the container itself: the Auth Code login fails before any token is checked. Give the server a name it reaches (the service name, e.g. \`keycloak\`, or \`host.docker.internal\`)${browserOnLoopback ? `, and since the browser signs in on \`${authorityHost}\`, set Keycloak's hostname to the browser's URL (\`KC_HOSTNAME\`, with \`KC_HOSTNAME_BACKCHANNEL_DYNAMIC=true\` so the server may keep the in-container name) so that both name one issuer` : ''}.`,
      data: {
        path: ref.path,
        edit:
          at === -1 || browserOnLoopback
            ? undefined
            : relative(ref.span.start, { start: ref.start + at, end: ref.start + at + origin.host.length, newText: 'host.docker.internal' }),
      },
    });
  }
  return out;
};

// ---- Keycloak consistency -----------------------------------------------------------------------------------

interface KcRef extends UrlRef {
  kc: KcUrl;
}

function keycloakRefs(model: ConfigModel): KcRef[] {
  const refs = [
    entryRef(model, Paths.authority, 'authority'),
    discoveryRef(model),
    ...jwksRefs(model.entries.get(Paths.publicKeyUrls)?.list).filter((r) => !isOmJwks(r.text)),
  ];
  return refs.flatMap((r) => {
    const kc = r ? parseKcUrl(r.text) : undefined;
    return r && kc ? [{ ...r, kc }] : [];
  });
}

type Difference = 'realm' | 'prefix' | 'host' | 'port' | 'scheme';

/**
 * Where two Keycloak URLs disagree. Parts still holding doc placeholders are not compared. A different host is
 * fine when one side is a Docker/Kubernetes-internal name: the server fetches JWKS and discovery from inside the
 * container (`host.docker.internal`, a service name) while the browser uses `localhost` or a public name.
 */
function differences(a: KcUrl, b: KcUrl): Difference[] {
  const out: Difference[] = [];
  if (!a.unknown.realm && !b.unknown.realm && a.realm !== b.realm) out.push('realm');
  if (!a.unknown.prefix && !b.unknown.prefix && trimEnd(a.prefix, '/') !== trimEnd(b.prefix, '/')) out.push('prefix');
  const oa = a.unknown.origin ? undefined : parseOrigin(a.origin);
  const ob = b.unknown.origin ? undefined : parseOrigin(b.origin);
  if (oa && ob) {
    if (oa.host !== ob.host) {
      if (hostClass(oa.host) !== 'internal' && hostClass(ob.host) !== 'internal') out.push('host');
    } else {
      if (oa.port !== ob.port) out.push('port');
      if (oa.scheme !== ob.scheme) out.push('scheme');
    }
  }
  return out;
}

function describe(d: Difference, own: KcUrl, ref: KcUrl): string {
  const o = parseOrigin(own.origin);
  const r = parseOrigin(ref.origin);
  switch (d) {
    case 'realm':
      return `realm ${code(own.realm)} vs ${code(ref.realm)}`;
    case 'prefix':
      return `${own.prefix ? code(`${own.prefix}/realms`) : code('/realms')} vs ${ref.prefix ? code(`${ref.prefix}/realms`) : code('/realms')}`;
    case 'host':
      return `host ${code(o?.host ?? own.origin)} vs ${code(r?.host ?? ref.origin)}`;
    case 'port':
      return `port ${o?.port} vs ${r?.port}`;
    case 'scheme':
      return `${o?.scheme} vs ${r?.scheme}`;
  }
}

const ROLE_NAME: Record<UrlRef['role'], string> = { authority: 'authority', discovery: 'discovery URI', jwks: 'Keycloak JWKS' };

const keycloakUrlMismatch: Rule = (model, settings) => {
  if (!usesIdpUrls(factsOf(model, settings))) return [];
  const refs = keycloakRefs(model);
  const reference = refs.find((r) => r.role === 'authority') ?? refs.find((r) => r.role === 'discovery') ?? refs[0];
  if (!reference) return [];
  const out: Issue[] = [];
  // A JWKS list may trust several realms on purpose; it is fine as long as one of them is the authority's.
  const jwksMatches = refs.some((r) => r.role === 'jwks' && r !== reference && differences(r.kc, reference.kc).length === 0);
  for (const ref of refs) {
    if (ref === reference || (ref.role === 'jwks' && jwksMatches)) continue;
    const diffs = differences(ref.kc, reference.kc);
    if (!diffs.length) continue;
    const origin = diffs.some((d) => d === 'host' || d === 'port' || d === 'scheme') ? reference.kc.origin : ref.kc.origin;
    const prefix = diffs.includes('prefix') ? reference.kc.prefix : ref.kc.prefix;
    const realm = diffs.includes('realm') ? reference.kc.realm : ref.kc.realm;
    const base = `${origin}${prefix}/realms/${realm}`;
    const change = { start: ref.start + ref.kc.offset, end: ref.start + ref.kc.realmEnd, newText: base };
    out.push({
      code: 'keycloak-url-mismatch',
      severity: 'warning',
      span: ref.span,
      message: `This ${ROLE_NAME[ref.role]} and the ${ROLE_NAME[reference.role]} point at different Keycloak bases (${diffs.map((d) => describe(d, ref.kc, reference.kc)).join(', ')}): tokens issued by one are checked against the keys or metadata of the other, so login fails. Use one Keycloak base and realm everywhere.`,
      data: { path: ref.path, role: ref.role, differences: diffs, suggestion: base, edit: relative(ref.span.start, change) },
    });
  }
  return out;
};

/**
 * The confidential flow's split horizon: the server discovers Keycloak on an in-cluster host while the browser signs
 * in on another. Keycloak writes into `iss` the URL the browser used, unless its hostname is set; pac4j compares `iss`
 * with the issuer of the discovery document it fetched and refuses the login ("Issuer mismatch, possible mix-up
 * attack"). The file cannot tell whether the hostname is set, so this is a warning that says what makes it work.
 */
const issuerSplit: Rule = (model, settings) => {
  const facts = factsOf(model, settings);
  if (!facts.serverFlowActive) return [];
  const refs = keycloakRefs(model);
  const discovery = refs.find((r) => r.role === 'discovery');
  const authority = refs.find((r) => r.role === 'authority');
  if (!discovery || !authority || discovery.kc.unknown.origin || authority.kc.unknown.origin) return [];
  // Another realm or path is keycloak-url-mismatch's finding; this one is only about the host.
  if (differences(discovery.kc, authority.kc).length) return [];
  const inside = parseOrigin(discovery.kc.origin);
  const outside = parseOrigin(authority.kc.origin);
  if (!inside || !outside || inside.host === outside.host || hostClass(inside.host) !== 'internal' || hostClass(outside.host) === 'internal') return [];
  const base = `${authority.kc.origin}${authority.kc.prefix}/realms/${authority.kc.realm}`;
  const change = { start: discovery.start + discovery.kc.offset, end: discovery.start + discovery.kc.realmEnd, newText: base };
  return [
    {
      code: 'keycloak-url-mismatch',
      severity: 'warning',
      span: discovery.span,
      message: `The server discovers Keycloak at ${code(discovery.kc.origin)} while the browser signs in at ${code(authority.kc.origin)}. Keycloak writes the address the browser used into each token's \`iss\`, and the server refuses a token whose issuer differs from the one its discovery document names ("Issuer mismatch, possible mix-up attack"), so login fails unless Keycloak's hostname is set to ${code(authority.kc.origin)} (\`KC_HOSTNAME\`, or the realm's Frontend URL): then both addresses report the same issuer and the server may keep fetching in-cluster. Otherwise give ${code(model.profile.nameOf(Paths.discoveryUri))} the browser's Keycloak base ${code(base)}.`,
      data: { path: Paths.discoveryUri, role: 'discovery', differences: ['issuer-host'], suggestion: base, edit: relative(discovery.span.start, change) },
    },
  ];
};

const masterRealm: Rule = (model, settings) => {
  if (!usesIdpUrls(factsOf(model, settings))) return [];
  const refs = keycloakRefs(model).filter((r) => !r.kc.unknown.realm && r.kc.realm === 'master');
  if (!refs.length) return [];
  return [
    {
      code: 'master-realm',
      severity: 'warning',
      span: refs[0].span,
      message:
        "OpenMetadata's client lives in the Keycloak `master` realm, which Keycloak and the OpenMetadata docs reserve for administration. Create a dedicated realm with the OpenMetadata client and point the authority, JWKS and discovery URLs at it.",
      data: { paths: [...new Set(refs.map((r) => r.path))] },
    },
  ];
};

// ---- fixes ---------------------------------------------------------------------------------------------------

// --- saml-acs-path ---------------------------------------------------------------------------------------------

const SAML_ACS = `${Paths.auth}.samlConfiguration.sp.acs`;
const SAML_ACS_PATH = '/api/v1/saml/acs';

/** The ACS URL on the same origin, when the configured one has another path. */
function acsFor(url: string): string | undefined {
  const origin = urlOrigin(url);
  const path = trimEnd(url.trim().slice(origin?.length ?? 0), '/');
  return origin && path !== SAML_ACS_PATH ? `${origin}${SAML_ACS_PATH}` : undefined;
}

const samlAcsPath: Rule = (model, settings) => {
  const facts = factsOf(model, settings);
  const entry = model.entries.get(SAML_ACS);
  const url = entry && facts.provider.value === 'saml' ? cleanValue(facts.effective(SAML_ACS)) : undefined;
  const suggestion = url && acsFor(url);
  if (!entry || !suggestion) return [];
  return [
    {
      code: 'saml-acs-path',
      severity: 'error',
      span: spanOf(entry),
      message: `${code(model.profile.nameOf(SAML_ACS))} is where the identity provider posts its SAML response, and OpenMetadata reads it only at \`${SAML_ACS_PATH}\`; at ${code(url)} nobody can log in. Use ${code(suggestion)}.`,
      data: { path: SAML_ACS, suggestion },
    },
  ];
};

function samlAcsFix({ text, model, data }: FixContext): Fix[] {
  const entry = model.entries.get(SAML_ACS);
  const suggestion = typeof data.suggestion === 'string' ? data.suggestion : undefined;
  if (!entry || !suggestion) return [];
  const p = entry.placeholder;
  const own = entry.key.env;
  // A default fed by another setting's variable (the callback's) would follow that variable when it is set.
  const change =
    p && own && p.variable !== own && !p.trailing
      ? { start: entry.textStart, end: entry.textStart + p.end, newText: `\${${own}:-${suggestion}}` }
      : replaceValue(text, model, entry, suggestion);
  return [{ title: `Use ${code(suggestion)}${p && own && p.variable !== own ? ` from \`\${${own}}\`` : ''}`, changes: [change], preferred: true }];
}

function editFix(title: string, preferred: boolean) {
  return (context: FixContext): Fix[] => {
    const change = absolute(context, context.data.edit);
    return change ? [{ title: title.replace('%s', String(context.data.suggestion ?? '')), changes: [change], preferred }] : [];
  };
}

function appendFix(context: FixContext): Fix[] {
  const suggestion = typeof context.data.suggestion === 'string' ? context.data.suggestion : undefined;
  const list = suggestion ? context.model.entries.get(Paths.publicKeyUrls)?.list : undefined;
  const change = list && suggestion ? appendItem(list, suggestion) : undefined;
  return change
    ? [{ title: `Add ${code(suggestion!)} to ${code(context.model.profile.nameOf(Paths.publicKeyUrls))}`, changes: [change], preferred: true }]
    : [];
}

export const family: RuleFamily = {
  rules: [
    authorityNotIssuer,
    missingIdpJwks,
    oktaJwksServer,
    missingOmJwks,
    legacyOmJwksPath,
    keycloakUrlMismatch,
    issuerSplit,
    masterRealm,
    localhostInContainer,
    samlAcsPath,
  ],
  fixes: {
    'authority-not-issuer': editFix('Cut the authority to the issuer `%s`', true),
    'missing-idp-jwks': appendFix,
    'missing-om-jwks': appendFix,
    'legacy-om-jwks-path': editFix(`Use \`${OM_JWKS_PATH}\``, true),
    'keycloak-url-mismatch': editFix('Use the Keycloak base `%s`', false),
    // Not preferred: a Kubernetes pod needs the service name instead, which only the user knows.
    'localhost-in-container': editFix('Use `host.docker.internal` (Docker)', false),
    'saml-acs-path': samlAcsFix,
  },
};
