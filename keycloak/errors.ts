// The one place that turns any Keycloak failure into a kind and one sentence the user can act on.

export type KeycloakErrorKind =
  | 'unreachable'
  | 'tls'
  | 'bad-credentials'
  | 'forbidden'
  | 'realm-not-found'
  | 'client-type-conflict'
  | 'missing-scope'
  | 'conflict'
  | 'rejected'
  | 'timeout'
  | 'stopped'
  | 'unexpected';

export class KeycloakError extends Error {
  override readonly name = 'KeycloakError';
  constructor(
    readonly kind: KeycloakErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export type Operation =
  | 'connect'
  | 'listRealms'
  | 'createRealm'
  | 'deleteRealm'
  | 'findClient'
  | 'createClient'
  | 'updateClient'
  | 'deleteClient'
  | 'getClientSecret'
  | 'regenerateClientSecret'
  | 'addDefaultClientScope'
  | 'removeDefaultClientScope'
  | 'createUser'
  | 'deleteUser'
  | 'fetch';

/** What was being done when the failure happened. Holds no secret by construction. */
export interface ErrorContext {
  op: Operation;
  /** Keycloak base URL, or the fetched URL for `fetch`. */
  url: string;
  adminRealm?: string;
  realm?: string;
  clientId?: string;
  scope?: string;
  authKind?: 'password' | 'clientCredentials';
  /** Username or client id used to sign in. */
  principal?: string;
  /** A request already succeeded, so a refused connection now means Keycloak went away. */
  connected?: boolean;
  timeoutMs?: number;
}

/** The longest answer read from a realm's documents and pages (a few KB each in practice). */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;
/** The longest answer read from the admin API, whose lists grow with the realms and clients. */
export const MAX_ADMIN_BYTES = 64 * 1024 * 1024;

export const CA_FILE_SETTING = 'openmetadataAuth.keycloak.caFile';
export const URL_SETTING = 'openmetadataAuth.keycloak.url';

const TLS_TRUST_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);
const TLS_OTHER_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO']);
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EADDRNOTAVAIL']);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Maps anything a Keycloak call can throw (HTTP error, transport error, timeout) to a KeycloakError. */
export function toKeycloakError(error: unknown, ctx: ErrorContext): KeycloakError {
  if (error instanceof KeycloakError) return error;
  const host = hostOf(ctx.url);
  const status = httpStatus(error);
  if (status !== undefined) return fromHttp(status, responseData(error), ctx, locationOf(error));

  const cause = causeOf(error);
  const code = stringField(cause, 'code') ?? stringField(error, 'code');
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') {
    const limit = (ctx.op === 'fetch' ? MAX_DOCUMENT_BYTES : MAX_ADMIN_BYTES) / 1024 / 1024;
    const who = ctx.op === 'fetch' ? pathOf(ctx.url) : `Keycloak at ${host}`;
    return new KeycloakError(
      'unexpected',
      `${who} answered with more than ${limit} MB, more than is read from Keycloak: check that the URL points at Keycloak and not at a file or another service.`,
    );
  }
  if (isTimeout(error) || isTimeout(cause) || (code && TIMEOUT_CODES.has(code))) {
    const within = ctx.timeoutMs ? ` within ${ctx.timeoutMs / 1000} s` : '';
    return new KeycloakError(
      'timeout',
      `Keycloak at ${host} did not answer${within}: check the URL, proxy and firewall, or try again when Keycloak is less busy.`,
    );
  }
  if (code && TLS_TRUST_CODES.has(code)) {
    return new KeycloakError(
      'tls',
      `The TLS certificate of ${host} is not trusted (${code}): if Keycloak uses a private or self-signed CA, set ${CA_FILE_SETTING} to that CA's PEM file.`,
    );
  }
  if (code && TLS_OTHER_CODES.has(code)) {
    return new KeycloakError(
      'tls',
      `The TLS connection to ${host} failed (${code}): check that ${URL_SETTING} uses the host name and scheme the certificate was issued for, and that the certificate is valid.`,
    );
  }
  if (code && (DROPPED_CODES.has(code) || (ctx.connected && code === 'ECONNREFUSED'))) {
    if (ctx.connected) return stopped(host, code);
    return new KeycloakError(
      'unreachable',
      `Keycloak at ${host} closed the connection (${code}): check that the URL points at Keycloak and whether http/https is right.`,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new KeycloakError('unreachable', `The host of ${host} cannot be resolved (${code}): check ${URL_SETTING} and your DNS or VPN.`);
  }
  if ((code && UNREACHABLE_CODES.has(code)) || /bad port/i.test(messageOf(cause))) {
    return new KeycloakError(
      'unreachable',
      `Nothing answers at ${host} (${code ?? messageOf(cause)}): check that Keycloak is running and that ${URL_SETTING} is right.`,
    );
  }
  // The admin client's own refresh logic fails like this once the session is over.
  if (/refresh token|Cannot refresh/i.test(messageOf(error))) {
    return new KeycloakError('bad-credentials', `The Keycloak session at ${host} has expired: connect again.`);
  }
  return new KeycloakError('unexpected', `Keycloak request (${ctx.op}) to ${host} failed: ${safeText(messageOf(cause) || messageOf(error))}.`);
}

function fromHttp(status: number, data: unknown, ctx: ErrorContext, location?: string): KeycloakError {
  const host = hostOf(ctx.url);
  // Requests that carry credentials do not follow redirects: a 307/308 would re-send the password to wherever it points.
  if (status >= 300 && status < 400) {
    const target = location ? ` to ${pathOf(location, ctx.url)}` : '';
    return new KeycloakError(
      'unreachable',
      `Keycloak at ${host} answered with a redirect${target} (HTTP ${status}); credentials are not sent after a redirect: set ${URL_SETTING} to the URL Keycloak really answers at.`,
      status,
    );
  }
  const oauthError = stringField(data, 'error');
  const detail = safeText(stringField(data, 'error_description') ?? stringField(data, 'errorMessage') ?? oauthError ?? '');
  if (ctx.op === 'connect') return signInFailure(status, oauthError, detail, ctx);
  const realm = ctx.realm ?? realmInUrl(ctx.url);
  // Keycloak 24 puts "Realm not found." in `error` and a generic hint in `error_description`.
  if (status === 404 && realm && /realm/i.test(`${oauthError ?? ''} ${detail}`)) return realmNotFound(realm, host);
  if (ctx.op === 'fetch') {
    return new KeycloakError(
      'unexpected',
      `${pathOf(ctx.url)} answered HTTP ${status}${detail ? ` (${detail})` : ''}: check that the URL points at Keycloak's realm and is reachable from here.`,
      status,
    );
  }
  if (status === 401) return new KeycloakError('bad-credentials', `Keycloak at ${host} no longer accepts this session (HTTP 401): connect again.`, status);
  if (status === 403) return forbidden(ctx, status);
  if (status === 404) {
    if (ctx.op === 'addDefaultClientScope' && ctx.scope) return missingClientScope(ctx.realm ?? '?', ctx.scope);
    return clientVanished(ctx.realm ?? '?', ctx.clientId);
  }
  if (status === 409) {
    const what = ctx.op === 'createRealm' ? `Realm '${ctx.realm}'` : `Client '${ctx.clientId ?? '?'}'`;
    const where = ctx.op === 'createRealm' ? '' : ` in realm '${ctx.realm}'`;
    return new KeycloakError('conflict', `${what} already exists${where} (created meanwhile?): run the command again to adopt it.`, status);
  }
  if (status >= 400 && status < 500) {
    return new KeycloakError(
      'rejected',
      `Keycloak rejected ${describeOp(ctx)} (HTTP ${status}${detail ? `: ${detail}` : ''}): check the values, or the Keycloak server log for details.`,
      status,
    );
  }
  return new KeycloakError(
    'unexpected',
    `Keycloak failed to ${describeOp(ctx)} (HTTP ${status}${detail ? `: ${detail}` : ''}): see the Keycloak server log.`,
    status,
  );
}

function signInFailure(status: number, oauthError: string | undefined, detail: string, ctx: ErrorContext): KeycloakError {
  const realm = ctx.adminRealm ?? 'master';
  const host = hostOf(ctx.url);
  const because = detail ? ` (${detail})` : '';
  if (status === 404) return realmNotFound(realm, host);
  if (ctx.authKind === 'clientCredentials') {
    // Keycloak 26 answers unauthorized_client both for a wrong secret and for service accounts being off.
    if (/service account/i.test(detail)) {
      return new KeycloakError(
        'bad-credentials',
        `Client '${ctx.principal}' in realm '${realm}' cannot sign in with its secret${because}: make it confidential and turn on "Service accounts roles".`,
        status,
      );
    }
    return new KeycloakError(
      'bad-credentials',
      `Keycloak rejected the secret of client '${ctx.principal}' in realm '${realm}'${because}: copy the current secret from the client's Credentials tab.`,
      status,
    );
  }
  if (oauthError === 'unauthorized_client' || oauthError === 'invalid_client') {
    return new KeycloakError(
      'bad-credentials',
      `Realm '${realm}' does not allow password sign-in through 'admin-cli'${because}: turn on "Direct access grants" for admin-cli, or use a service-account client.`,
      status,
    );
  }
  return new KeycloakError(
    'bad-credentials',
    `Keycloak refused to sign in user '${ctx.principal}' to realm '${realm}'${because}: check the username and password.`,
    status,
  );
}

// Which role each operation needs; Keycloak's 403 names none, so this is what makes the message actionable.
const ROLE: Record<Operation, string> = {
  connect: 'view-realm',
  listRealms: 'view-realm',
  createRealm: 'create-realm',
  deleteRealm: 'manage-realm',
  findClient: 'view-clients',
  createClient: 'manage-clients',
  updateClient: 'manage-clients',
  deleteClient: 'manage-clients',
  getClientSecret: 'view-clients',
  regenerateClientSecret: 'manage-clients',
  addDefaultClientScope: 'manage-clients',
  removeDefaultClientScope: 'manage-clients',
  createUser: 'manage-users',
  deleteUser: 'manage-users',
  fetch: 'view-realm',
};

/** 403: Keycloak names no role, so say which one the operation needs. */
export function forbidden(ctx: ErrorContext, status = 403): KeycloakError {
  const who = ctx.authKind === 'clientCredentials' ? `The service account of client '${ctx.principal}'` : `User '${ctx.principal}'`;
  const role = ROLE[ctx.op];
  const realm = ctx.realm ?? ctx.adminRealm ?? 'master';
  let grant: string;
  if (ctx.op === 'createRealm') grant = `the realm role 'create-realm' (or 'admin') in realm 'master'`;
  else if ((ctx.adminRealm ?? 'master') === 'master' && realm !== 'master')
    grant = `the role '${role}' of client '${realm}-realm' in realm 'master' (or the 'admin' realm role)`;
  else grant = `the role '${role}' of client 'realm-management' in realm '${realm}' (or 'realm-admin')`;
  return new KeycloakError('forbidden', `${who} may not ${describeOp(ctx)}: give it ${grant}.`, status);
}

export function realmNotFound(realm: string, host: string): KeycloakError {
  return new KeycloakError('realm-not-found', `Realm '${realm}' does not exist on ${host}: pick an existing realm or create it first.`, 404);
}

export function missingClientScope(realm: string, scope: string): KeycloakError {
  return new KeycloakError(
    'missing-scope',
    `Realm '${realm}' has no openid-connect client scope '${scope}', which OpenMetadata requests at login: recreate it under Client scopes, then run again.`,
  );
}

export function clientTypeConflict(realm: string, clientId: string, existingIsPublic: boolean, wantPublic: boolean, protocol?: string): KeycloakError {
  const kind = (isPublic: boolean) => (isPublic ? 'public' : 'confidential');
  const existing = protocol && protocol !== 'openid-connect' ? `a ${protocol} client` : `a ${kind(existingIsPublic)} client`;
  return new KeycloakError(
    'client-type-conflict',
    `Client ID '${clientId}' in realm '${realm}' is taken by ${existing}, but this flow needs a ${kind(wantPublic)} openid-connect client: confirm the type change or choose another client ID.`,
  );
}

export function clientVanished(realm: string, clientId: string | undefined): KeycloakError {
  const client = clientId ? `Client '${clientId}'` : 'The client';
  return new KeycloakError('conflict', `${client} no longer exists in realm '${realm}' (removed meanwhile?): run the command again.`, 404);
}

export function noClientSecret(realm: string): KeycloakError {
  return new KeycloakError(
    'conflict',
    `The client in realm '${realm}' has no secret (Client authentication is off?): turn Client authentication on, or run again with "regenerate secret".`,
  );
}

export function caFileUnreadable(path: string, error: unknown): KeycloakError {
  const code = stringField(error, 'code') ?? messageOf(error);
  return new KeycloakError('tls', `The CA file '${path}' set in ${CA_FILE_SETTING} cannot be read (${code}): point it at a readable PEM file.`);
}

/** A rollback that failed leaves a client behind, or changed; say so next to the original failure. */
export function withRollbackFailure(error: KeycloakError, realm: string, clientId: string, existing = false): KeycloakError {
  const todo = existing
    ? `check client '${clientId}' in realm '${realm}' (its redirect URIs, flows, scopes and secret) by hand`
    : `delete client '${clientId}' in realm '${realm}' by hand`;
  return new KeycloakError(error.kind, `${error.message} Undoing failed too: ${todo}.`, error.status);
}

function stopped(host: string, code: string): KeycloakError {
  return new KeycloakError(
    'stopped',
    `Keycloak at ${host} stopped answering in the middle of the run (${code}): start it again and re-run the command, which picks up what is already there.`,
  );
}

function describeOp(ctx: ErrorContext): string {
  const client = ctx.clientId ? `client '${ctx.clientId}'` : 'the client';
  const inRealm = `in realm '${ctx.realm ?? ctx.adminRealm ?? '?'}'`;
  switch (ctx.op) {
    case 'connect':
    case 'listRealms':
      return 'list realms';
    case 'createRealm':
      return `create realm '${ctx.realm}'`;
    case 'deleteRealm':
      return `delete realm '${ctx.realm}'`;
    case 'findClient':
      return `read clients ${inRealm}`;
    case 'createClient':
      return `create ${client} ${inRealm}`;
    case 'updateClient':
      return `update ${client} ${inRealm}`;
    case 'deleteClient':
      return `delete ${client} ${inRealm}`;
    case 'getClientSecret':
      return `read the secret of ${client} ${inRealm}`;
    case 'regenerateClientSecret':
      return `regenerate the secret of ${client} ${inRealm}`;
    case 'addDefaultClientScope':
      return `add scope '${ctx.scope}' to ${client} ${inRealm}`;
    case 'removeDefaultClientScope':
      return `remove scope '${ctx.scope}' from ${client} ${inRealm}`;
    case 'createUser':
      return `create a test user ${inRealm}`;
    case 'deleteUser':
      return `delete the test user ${inRealm}`;
    case 'fetch':
      return `the request for ${ctx.url}`;
  }
}

// Only the origin: a URL may carry user:password.
function hostOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the Keycloak URL';
  }
}

// Origin and path, without user:password or query.
function pathOf(url: string, base?: string): string {
  try {
    const parsed = new URL(url, base);
    return parsed.origin + parsed.pathname;
  } catch {
    return 'the URL';
  }
}

function realmInUrl(url: string): string | undefined {
  const match = /\/realms\/([^/?#]+)/.exec(url);
  return match ? decodeURIComponent(match[1]) : undefined;
}

function httpStatus(error: unknown): number | undefined {
  const response = field(error, 'response');
  const status = field(response, 'status');
  return typeof status === 'number' ? status : undefined;
}

function locationOf(error: unknown): string | undefined {
  const headers = field(field(error, 'response'), 'headers');
  const location = headers instanceof Headers ? headers.get('location') : undefined;
  return location ?? undefined;
}

function responseData(error: unknown): unknown {
  return field(error, 'responseData');
}

function causeOf(error: unknown): unknown {
  const cause = field(error, 'cause');
  // Happy-eyeballs connects fail with an AggregateError whose members carry the codes.
  const errors = field(cause, 'errors');
  return Array.isArray(errors) && errors.length > 0 ? errors[0] : cause;
}

function isTimeout(error: unknown): boolean {
  const name = stringField(error, 'name');
  return name === 'TimeoutError' || name === 'AbortError';
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function stringField(value: unknown, key: string): string | undefined {
  const result = field(value, key);
  return typeof result === 'string' ? result : undefined;
}

function messageOf(error: unknown): string {
  return stringField(error, 'message') ?? (typeof error === 'string' ? error : '');
}

// Server texts are short and secret-free, but keep them to one line and bounded.
function safeText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}
