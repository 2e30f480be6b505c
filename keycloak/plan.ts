// The Keycloak client OpenMetadata needs for a flow, and what it takes to get an existing client there (pure).
import { isOriginAllowed, isRedirectAllowed, originOf } from './redirect';
import type { ClientRepresentation, Flow } from './types';
import { trimSlash } from '../common/keycloakUrls';

export interface DesiredClientInput {
  flow: Flow;
  clientId: string;
  /** OpenMetadata's URL as the browser sees it, e.g. `https://om.example.com`. */
  omUrl: string;
}

const POST_LOGOUT = 'post.logout.redirect.uris';
/** OpenMetadata asks for `openid email profile`; without these scopes tokens lack the email claim. */
export const REQUIRED_SCOPES = ['profile', 'email'];

/** Reference c.1 (implicit: public SPA client) and c.2 (auth code: confidential client). */
export function desiredClient({ flow, clientId, omUrl }: DesiredClientInput): ClientRepresentation {
  const om = trimSlash(omUrl);
  const implicit = flow === 'implicit';
  return {
    clientId,
    name: 'OpenMetadata',
    protocol: 'openid-connect',
    enabled: true,
    publicClient: implicit,
    ...(implicit ? {} : { clientAuthenticatorType: 'client-secret' }),
    standardFlowEnabled: true,
    implicitFlowEnabled: implicit,
    directAccessGrantsEnabled: false,
    serviceAccountsEnabled: false,
    // The SPA also renews silently; the confidential flow's server sends only callbackUrl.
    redirectUris: implicit ? [`${om}/callback`, `${om}/silent-callback`] : [`${om}/callback`],
    webOrigins: [originOf(om) ?? om],
    attributes: { [POST_LOGOUT]: `${om}/*` },
    defaultClientScopes: REQUIRED_SCOPES,
  };
}

export interface Drift {
  field: string;
  from: unknown;
  to: unknown;
}

export type ClientPlan =
  | { action: 'create'; desired: ClientRepresentation }
  | {
      action: 'update';
      drift: Drift[];
      /** Public ↔ confidential (or another protocol): existing logins break, so the user must confirm. */
      typeChange: boolean;
      existing: ClientRepresentation;
      desired: ClientRepresentation;
      /** The representation to send; unchanged fields and extra redirect URIs are kept. */
      next: ClientRepresentation;
    }
  | { action: 'none'; existing: ClientRepresentation; desired: ClientRepresentation };

// What Keycloak assumes when a representation leaves a flag out.
const DEFAULTS: ClientRepresentation = {
  enabled: true,
  protocol: 'openid-connect',
  publicClient: false,
  standardFlowEnabled: true,
  implicitFlowEnabled: false,
  clientAuthenticatorType: 'client-secret',
};
// Only these decide whether OpenMetadata's login works; names, descriptions and other flags are the admin's.
const FLAGS = ['enabled', 'protocol', 'publicClient', 'standardFlowEnabled', 'implicitFlowEnabled', 'clientAuthenticatorType'] as const;

export function planClient(existing: ClientRepresentation | undefined, desired: ClientRepresentation): ClientPlan {
  if (!existing) return { action: 'create', desired };
  const drift: Drift[] = [];
  const next: ClientRepresentation = { ...existing, attributes: { ...existing.attributes } };

  for (const flag of FLAGS) {
    if (desired[flag] === undefined) continue;
    const current = existing[flag] ?? DEFAULTS[flag];
    if (current !== desired[flag]) {
      drift.push({ field: flag, from: current, to: desired[flag] });
      Object.assign(next, { [flag]: desired[flag] });
    }
  }

  const redirectUris = existing.redirectUris ?? [];
  const missingRedirects = (desired.redirectUris ?? []).filter((uri) => !isRedirectAllowed(redirectUris, uri, existing.rootUrl));
  if (missingRedirects.length > 0) {
    next.redirectUris = [...redirectUris, ...missingRedirects];
    drift.push({ field: 'redirectUris', from: redirectUris, to: next.redirectUris });
  }

  const webOrigins = existing.webOrigins ?? [];
  const allRedirects = next.redirectUris ?? redirectUris;
  const missingOrigins = (desired.webOrigins ?? []).filter((origin) => !isOriginAllowed(webOrigins, origin, allRedirects));
  if (missingOrigins.length > 0) {
    next.webOrigins = [...webOrigins, ...missingOrigins];
    drift.push({ field: 'webOrigins', from: webOrigins, to: next.webOrigins });
  }

  const logoutUris = splitUris(existing.attributes?.[POST_LOGOUT]);
  // `+` means "the same as the redirect URIs", which already cover OpenMetadata after this plan.
  const missingLogout = logoutUris.includes('+')
    ? []
    : splitUris(desired.attributes?.[POST_LOGOUT]).filter((uri) => !isRedirectAllowed(logoutUris, uri.replace(/\*$/, '')));
  if (missingLogout.length > 0) {
    const merged = [...logoutUris, ...missingLogout];
    next.attributes = { ...next.attributes, [POST_LOGOUT]: merged.join('##') };
    drift.push({ field: `attributes.${POST_LOGOUT}`, from: logoutUris, to: merged });
  }

  const scopes = missingScopes(existing, desired);
  if (scopes.length > 0) {
    const current = existing.defaultClientScopes ?? [];
    drift.push({ field: 'defaultClientScopes', from: current, to: [...current, ...scopes] });
  }

  if (drift.length === 0) return { action: 'none', existing, desired };
  const typeChange = drift.some((d) => d.field === 'publicClient' || d.field === 'protocol');
  return { action: 'update', drift, typeChange, existing, desired, next };
}

/** Default client scopes the flow needs that the client lacks. Keycloak adds them one by one, not via update. */
export function missingScopes(existing: ClientRepresentation, desired: ClientRepresentation): string[] {
  const have = new Set(existing.defaultClientScopes ?? []);
  return (desired.defaultClientScopes ?? []).filter((scope) => !have.has(scope));
}

/**
 * What an existing client admits beyond OpenMetadata: a redirect URI wildcard that spans hosts (Keycloak sends tokens
 * to any site it matches) or a `*` web origin. The plan keeps them, as it keeps every extra URI, but says so.
 */
export function planWarnings(plan: ClientPlan): string[] {
  if (plan.action === 'create') return [];
  return clientWarnings(plan.action === 'update' ? plan.next : plan.existing);
}

/** The same warnings for a client taken as it is (Insert Keycloak Settings). */
export function clientWarnings(client: ClientRepresentation): string[] {
  return [
    ...(client.redirectUris ?? [])
      .filter((uri) => spansHosts(uri, client.rootUrl))
      .map((uri) => `Warning: redirect URI \`${uri}\` lets Keycloak send tokens to any site it matches; list OpenMetadata's own callback instead.`),
    ...(client.webOrigins ?? [])
      .filter((origin) => origin === '*')
      .map(() => "Warning: web origin `*` lets any site call Keycloak for this client from a browser; list OpenMetadata's origin instead."),
  ];
}

// As Keycloak matches (redirect.ts): a trailing `*` without a query is a prefix, safe only when it ends inside one origin's path.
function spansHosts(pattern: string, rootUrl: string | undefined): boolean {
  const resolved = pattern.startsWith('/') && rootUrl ? trimSlash(rootUrl) + pattern : pattern;
  if (!resolved.endsWith('*') || resolved.includes('?')) return false;
  const prefix = resolved.slice(0, -1);
  const origin = originOf(prefix);
  return !origin || !prefix.startsWith(`${origin}/`);
}

/** Lines for the preview shown before anything is written. */
export function describePlan(plan: ClientPlan, realm?: string): string[] {
  return [...describeChanges(plan, realm), ...planWarnings(plan).map((w) => `  ${w}`)];
}

function describeChanges(plan: ClientPlan, realm?: string): string[] {
  const { desired } = plan;
  const id = `'${desired.clientId}'${realm ? ` in realm '${realm}'` : ''}`;
  const type = desired.publicClient ? 'public client, standard + implicit flow' : 'confidential client, standard flow (authorization code)';
  switch (plan.action) {
    case 'none':
      return [`Client ${id} already fits (${type}); nothing to change.`];
    case 'create':
      return [
        `Create client ${id} (${type}).`,
        `  redirect URIs: ${desired.redirectUris?.join(', ')}`,
        `  web origins: ${desired.webOrigins?.join(', ')}`,
        `  post-logout redirect URIs: ${splitUris(desired.attributes?.[POST_LOGOUT]).join(', ')}`,
        `  default client scopes: the realm's defaults, plus ${REQUIRED_SCOPES.join(' and ')} if missing`,
        ...(desired.publicClient ? [] : ['  the client secret is read afterwards and never shown here']),
      ];
    case 'update':
      return [
        `Update client ${id} (${plan.drift.length} change${plan.drift.length === 1 ? '' : 's'}):`,
        ...plan.drift.map((d) => `  ${d.field}: ${show(d.from)} → ${show(d.to)}`),
        ...(plan.typeChange
          ? [`  Warning: this turns a ${typeName(plan.existing)} client into a ${typeName(desired)} one; apps that use it today will stop signing in.`]
          : []),
      ];
  }
}

function typeName(client: ClientRepresentation): string {
  if (client.protocol && client.protocol !== 'openid-connect') return client.protocol;
  return (client.publicClient ?? false) ? 'public' : 'confidential';
}

function splitUris(value: string | undefined): string[] {
  return (value ?? '').split('##').filter((uri) => uri !== '');
}

function show(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(', ');
  return String(value);
}
