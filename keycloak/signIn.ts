// Test Sign-in (pure core, no vscode): runs the login OpenMetadata runs for a config against the live Keycloak, without
// a browser, then judges the token as OpenMetadata's JWT filter does. Every failure names the canonical path to change.
import * as jose from 'jose';
import * as oauth from 'oauth4webapi';
import type { CanonicalValue } from '../common/protocol';
import { Paths } from '../common/protocol';
import type { Page } from './browser';
import { createBrowser, loginForm, pageMessage, pageTitle } from './browser';
import { toKeycloakError } from './errors';
import { createTransport } from './http';
import type { PrincipalCheck, StepStatus } from './principal';
import { judgePrincipal } from './principal';
import { parseRealmUrl, trimSlash } from '../common/keycloakUrls';
import type { Values } from './values';
import { reader } from './values';

export type StepId = 'config' | 'discovery' | 'authorize' | 'login' | 'callback' | 'token' | 'issuer' | 'signature' | PrincipalCheck['id'];

export interface SignInStep {
  id: StepId;
  status: StepStatus;
  /** One sentence: what happened. */
  detail: string;
  /** Canonical path of the setting responsible for a failure or warning. */
  path?: string;
  /** One sentence: what to change. */
  fix?: string;
  /** The fix as a value for the file, when it is certain (applied with applyValues). */
  fixValue?: CanonicalValue;
}

export interface SignInInput {
  /** The file's canonical values, as `readValues` returns them (secrets masked). */
  values: Values;
  username: string;
  password: string;
  /** The confidential client's secret; the file's copy is masked, so it comes from Keycloak or the person. */
  clientSecret?: string;
  /** PEM file of an extra trusted CA, as the gateway takes it. */
  caFile?: string;
  timeoutMs?: number;
  /** Progress lines; they never carry a password, secret, code or token. */
  log?: (line: string) => void;
}

export interface SignInReport {
  ok: boolean;
  flow: 'implicit' | 'code';
  clientType: 'public' | 'confidential';
  username: string;
  steps: SignInStep[];
  /** Who OpenMetadata takes the person for, once the token is accepted. */
  user?: { name: string; email: string; claim: string; admin: boolean; admins: string[] };
  /** One line, e.g. "jane@example.org signs in as `jane`; not an admin (admins: `admin`)". */
  summary: string;
}

/** Stops the run at a failed step; the steps so far make the report. */
class Stop extends Error {}

const DEFAULT_SCOPE = 'openid email profile';

export async function signIn(input: SignInInput): Promise<SignInReport> {
  const read = reader(input.values);
  const confidential = read.text(Paths.clientType) === 'confidential';
  const responseType = confidential ? (read.text(Paths.oidcResponseType) ?? 'code') : (read.text(Paths.responseType) ?? 'id_token');
  const flow = /\bcode\b/.test(responseType) ? 'code' : 'implicit';
  const steps: SignInStep[] = [];
  const secrets = [input.password, input.clientSecret].filter((s): s is string => !!s && s.length > 0);
  const step = (s: SignInStep): void => {
    steps.push(s);
    input.log?.(`${s.status.toUpperCase()} ${s.id}: ${s.detail}`);
  };
  const stop = (s: Omit<SignInStep, 'status'>): never => {
    step({ ...s, status: 'fail' });
    throw new Stop();
  };
  const report = (user?: SignInReport['user']): SignInReport => {
    const ok = steps.every((s) => s.status !== 'fail');
    return {
      ok,
      flow,
      clientType: confidential ? 'confidential' : 'public',
      username: input.username,
      steps,
      user,
      summary: summarize(ok, input.username, steps, user),
    };
  };

  const timeoutMs = input.timeoutMs ?? 15_000;
  let transport: ReturnType<typeof createTransport>;
  try {
    transport = createTransport(input.caFile);
  } catch (error) {
    step({ id: 'config', status: 'fail', detail: (error as Error).message });
    return report();
  }
  const fetchImpl = (url: string, options: RequestInit = {}) => fetch(url, { ...options, ...transport.init, signal: AbortSignal.timeout(timeoutMs) });
  const http = { [oauth.customFetch]: fetchImpl as typeof fetch, [oauth.allowInsecureRequests]: true };

  try {
    const settings = configuration(read, confidential, input, stop);
    step({
      id: 'config',
      status: 'pass',
      detail: `${confidential ? 'Confidential' : 'Public'} client '${settings.clientId}': ${flow === 'code' ? 'authorization code' : 'implicit'} flow (response type ${responseType}) with redirect URI ${settings.redirectUri}.`,
    });

    const as = await discover(settings.discovery, fetchImpl, stop);
    step({ id: 'discovery', status: 'pass', detail: `Read the realm's metadata from ${settings.discovery.url} (issuer ${as.issuer}).` });
    const client: oauth.Client = { client_id: settings.clientId };

    // The request OpenMetadata's UI (public) or server (confidential) sends to Keycloak.
    const state = oauth.generateRandomState();
    const nonce = settings.useNonce ? oauth.generateRandomNonce() : undefined;
    const verifier = settings.pkce ? oauth.generateRandomCodeVerifier() : undefined;
    const authorizeUrl = new URL(as.authorization_endpoint ?? '');
    const params: Record<string, string> = {
      client_id: settings.clientId,
      response_type: responseType,
      redirect_uri: settings.redirectUri,
      scope: settings.scope,
      state,
    };
    if (nonce) params.nonce = nonce;
    if (confidential) params.response_mode = 'query';
    if (verifier) Object.assign(params, { code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' });
    for (const [key, value] of Object.entries(params)) authorizeUrl.searchParams.set(key, value);

    const browser = createBrowser(transport.init, timeoutMs);
    const page = await browser.get(authorizeUrl.href).catch((error: unknown) => stop({ id: 'authorize', detail: transportMessage(error, authorizeUrl.href) }));
    const callback = callbackOf(page, settings.redirectUri);
    // Keycloak answered at once: an error it sends to the app (flow disabled, PKCE), never a token without login.
    if (callback) return authorizeError(callback, settings, stop);
    const form = loginForm(page, authorizeUrl.href);
    if (!form) return authorizePage(page, settings, read, stop);
    step({ id: 'authorize', status: 'pass', detail: `Keycloak accepted the login request of client '${settings.clientId}' for ${settings.redirectUri}.` });
    // The password goes only to the Keycloak under test (the issuer the settings name), whatever the page says.
    const keycloakOrigin = new URL(as.issuer).origin;
    const actionUrl = new URL(form.action);
    if (actionUrl.origin !== keycloakOrigin)
      stop({
        id: 'login',
        path: settings.discovery.path,
        detail: `The login form posts to ${actionUrl.origin}${actionUrl.pathname}, not to ${keycloakOrigin}, the Keycloak being tested: the password was not sent.`,
        fix: `Check that ${settings.discovery.path.split('.').pop()} names the Keycloak realm itself, not a page that forwards elsewhere.`,
      });

    const body = new URLSearchParams(form.hidden);
    body.set('username', input.username);
    body.set('password', input.password);
    const submitted = await browser.post(form.action, body).catch((error: unknown) => stop({ id: 'login', detail: transportMessage(error, form.action) }));
    const landed = callbackOf(submitted, settings.redirectUri);
    if (!landed) return loginPage(submitted, input.username, settings, read, stop);
    step({ id: 'login', status: 'pass', detail: `Keycloak signed in '${input.username}' and redirected to ${settings.redirectUri}.` });

    const values = callbackParams(landed);
    if (values.get('error')) return authorizeError(landed, settings, stop);
    if (values.get('state') !== state)
      stop({
        id: 'callback',
        detail: 'The redirect to the callback carried another state than the request: something between Keycloak and this machine rewrites the redirect.',
      });

    let idToken: string;
    if (flow === 'code') {
      step({ id: 'callback', status: 'pass', detail: 'The redirect to the callback carried an authorization code.' });
      idToken = await exchange(as, client, settings, landed, state, verifier, nonce, http, stop);
      step({
        id: 'token',
        status: 'pass',
        detail: `Keycloak exchanged the code for tokens (${settings.authMethodName}${confidential ? ' with the client secret' : ', no secret'}).`,
      });
    } else {
      const token = values.get('id_token');
      if (!token)
        return stop({
          id: 'callback',
          path: Paths.responseType,
          detail: `The redirect to the callback carried no ID token (response type ${responseType}).`,
          fix: 'Set responseType to id_token.',
          fixValue: { path: Paths.responseType, value: 'id_token' },
        });
      idToken = token;
      if (nonce && jose.decodeJwt(idToken).nonce !== nonce)
        return stop({ id: 'callback', detail: 'The ID token carries another nonce than the request, so the login page would reject it.' });
      step({ id: 'callback', status: 'pass', detail: "The redirect to the callback carried an ID token with the request's nonce." });
    }

    const claims = jose.decodeJwt(idToken);
    const authority = read.text(Paths.authority);
    if (authority && claims.iss && trimSlash(authority) !== trimSlash(claims.iss)) {
      step({
        id: 'issuer',
        status: 'fail',
        path: Paths.authority,
        detail: `authority is ${authority}, but the token was issued by ${claims.iss}.`,
        fix: `Set authority to ${claims.iss}.`,
        fixValue: { path: Paths.authority, value: claims.iss },
      });
    } else {
      step({ id: 'issuer', status: 'pass', detail: `The token's issuer ${claims.iss} is authority.` });
    }

    await verifyLikeJwtFilter(idToken, read, fetchImpl, step);
    if (steps.some((s) => s.id === 'signature' && s.status === 'fail')) return report();

    const verdict = judgePrincipal(input.values, claims as Record<string, unknown>);
    for (const check of verdict.checks) step(check);
    return report(verdict.principal && { ...verdict.principal });
  } catch (error) {
    if (!(error instanceof Stop)) step({ id: steps.length ? steps[steps.length - 1].id : 'config', status: 'fail', detail: unexpected(error, secrets) });
    return report();
  } finally {
    await transport.close();
  }
}

interface Settings {
  clientId: string;
  redirectUri: string;
  redirectPath: string;
  scope: string;
  useNonce: boolean;
  pkce: boolean;
  clientAuth: oauth.ClientAuth;
  authMethodName: string;
  discovery: { url: string; issuer: string; path: string };
  confidential: boolean;
}

type Stopper = (s: Omit<SignInStep, 'status'>) => never;

function configuration(read: ReturnType<typeof reader>, confidential: boolean, input: SignInInput, stop: Stopper): Settings {
  const need = (path: string, what: string): string =>
    read.text(path) ??
    stop({ id: 'config', path, detail: `${path.split('.').pop()} is not set, so there is no ${what}.`, fix: `Set ${path.split('.').pop()}.` });
  const clientId = confidential ? (read.text(Paths.oidcId) ?? need(Paths.clientId, 'client to sign in with')) : need(Paths.clientId, 'client to sign in with');
  // The server sends oidcConfiguration.callbackUrl (OpenMetadata's default when unset); the UI sends callbackUrl.
  const redirectPath = confidential ? Paths.oidcCallbackUrl : Paths.callbackUrl;
  const redirectUri = confidential ? (read.text(redirectPath) ?? 'http://localhost:8585/callback') : need(redirectPath, 'redirect URI for the login');
  const url = (path: string, value: string): string => {
    try {
      if (/^https?:$/.test(new URL(value).protocol)) return value;
    } catch {
      // Worded below.
    }
    return stop({
      id: 'config',
      path,
      detail: `${path.split('.').pop()} is '${value}', not an http(s) URL.`,
      fix: `Set ${path.split('.').pop()} to a full URL such as https://openmetadata.example.org/callback.`,
    });
  };
  url(redirectPath, redirectUri);
  let discovery: Settings['discovery'];
  const configured = confidential ? read.text(Paths.discoveryUri) : undefined;
  if (configured) {
    url(Paths.discoveryUri, configured);
    discovery = { url: configured, issuer: configured.replace(/\/\.well-known\/openid-configuration\/?$/, ''), path: Paths.discoveryUri };
  } else {
    const authority = trimSlash(url(Paths.authority, need(Paths.authority, 'Keycloak realm to sign in to')));
    discovery = { url: `${authority}/.well-known/openid-configuration`, issuer: authority, path: confidential ? Paths.discoveryUri : Paths.authority };
  }
  let clientAuth = oauth.None();
  let authMethodName = 'none';
  if (confidential) {
    if (!input.clientSecret)
      stop({
        id: 'config',
        path: Paths.oidcSecret,
        detail: 'A confidential client needs its secret for the code exchange, and none was given.',
        fix: 'Connect to Keycloak as an admin so the secret is read from there, or enter it when asked.',
      });
    authMethodName = read.text(Paths.clientAuthenticationMethod) ?? 'client_secret_post';
    if (authMethodName === 'client_secret_post') clientAuth = oauth.ClientSecretPost(input.clientSecret!);
    else if (authMethodName === 'client_secret_basic') clientAuth = oauth.ClientSecretBasic(input.clientSecret!);
    else
      stop({
        id: 'config',
        path: Paths.clientAuthenticationMethod,
        detail: `clientAuthenticationMethod ${authMethodName} cannot be tested with a client secret.`,
        fix: 'Use client_secret_post or client_secret_basic.',
      });
  }
  return {
    clientId,
    redirectUri,
    redirectPath,
    scope: (confidential && read.text(Paths.scope)) || DEFAULT_SCOPE,
    useNonce: confidential ? read.bool(Paths.useNonce, true) : true,
    // The UI's code flow always uses PKCE; the server unless disablePkce (true by default).
    pkce: confidential ? !read.bool(Paths.disablePkce, true) : true,
    clientAuth,
    authMethodName,
    discovery,
    confidential,
  };
}

async function discover(discovery: Settings['discovery'], fetchImpl: (url: string) => Promise<Response>, stop: Stopper): Promise<oauth.AuthorizationServer> {
  const name = discovery.path.split('.').pop();
  let response: Response;
  try {
    response = await fetchImpl(discovery.url);
  } catch (error) {
    return stop({ id: 'discovery', path: discovery.path, detail: transportMessage(error, discovery.url), fix: `Check ${name}.` });
  }
  const realm = parseRealmUrl(discovery.url);
  if (!response.ok) {
    const suggestion = realm
      ? ` Set it to ${trimSlash(realm.kcUrl)}/realms/${realm.realm}${discovery.path === Paths.discoveryUri ? '/.well-known/openid-configuration' : ''}.`
      : '';
    return stop({
      id: 'discovery',
      path: discovery.path,
      detail: `${discovery.url} answered HTTP ${response.status}, so ${name} does not lead to a Keycloak realm.`,
      fix: `${name} must be the realm URL${discovery.path === Paths.discoveryUri ? "'s discovery document" : ' (the issuer)'}.${suggestion}`,
    });
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    return stop({ id: 'discovery', path: discovery.path, detail: transportMessage(error, discovery.url), fix: `Check ${name}.` });
  }
  const issuer = (() => {
    try {
      return (JSON.parse(text) as { issuer?: unknown }).issuer;
    } catch {
      return undefined;
    }
  })();
  if (typeof issuer === 'string' && trimSlash(issuer) !== trimSlash(discovery.issuer)) {
    const value = discovery.path === Paths.discoveryUri ? `${trimSlash(issuer)}/.well-known/openid-configuration` : issuer;
    return stop({
      id: 'discovery',
      path: discovery.path,
      detail: `${discovery.url} describes the issuer ${issuer}, not ${discovery.issuer}.`,
      fix: `Set ${name} to ${value}.`,
      fixValue: { path: discovery.path, value },
    });
  }
  try {
    return await oauth.processDiscoveryResponse(
      new URL(discovery.issuer),
      new Response(text, { status: 200, headers: { 'content-type': 'application/json' } }),
    );
  } catch (error) {
    return stop({
      id: 'discovery',
      path: discovery.path,
      detail: `${discovery.url} is not a usable discovery document (${(error as Error).message}).`,
      fix: `Point ${name} at the Keycloak realm.`,
    });
  }
}

/** The redirect to the callback, if that is where Keycloak sends the browser. */
function callbackOf(page: Page, redirectUri: string): URL | undefined {
  if (!page.location || page.status < 300 || page.status >= 400) return undefined;
  const target = new URL(page.location);
  const expected = new URL(redirectUri);
  return target.origin === expected.origin && target.pathname === expected.pathname ? target : undefined;
}

/** Implicit responses come in the fragment, code responses (response_mode query) in the query. */
function callbackParams(url: URL): URLSearchParams {
  return url.hash.length > 1 ? new URLSearchParams(url.hash.slice(1)) : url.searchParams;
}

function authorizeError(callback: URL, settings: Settings, stop: Stopper): never {
  const params = callbackParams(callback);
  const error = params.get('error') ?? 'unknown';
  const description = params.get('error_description') ?? '';
  const said = `Keycloak refused the login request: ${error}${description ? ` (${description})` : ''}`;
  const responsePath = settings.confidential ? Paths.oidcResponseType : Paths.responseType;
  if (/implicit flow is disabled/i.test(description))
    return stop({
      id: 'authorize',
      path: responsePath,
      detail: `${said}.`,
      fix: `Turn on "Implicit flow" for client '${settings.clientId}' in Keycloak (Create Keycloak Client repairs it), or use the authorization code flow.`,
    });
  if (/standard flow is disabled/i.test(description))
    return stop({ id: 'authorize', path: responsePath, detail: `${said}.`, fix: `Turn on "Standard flow" for client '${settings.clientId}' in Keycloak.` });
  if (/code_challenge/i.test(description))
    return stop({
      id: 'authorize',
      path: Paths.disablePkce,
      detail: `${said}: the client requires PKCE.`,
      fix: 'Set disablePkce to false.',
      fixValue: { path: Paths.disablePkce, value: false },
    });
  if (/scope/i.test(error) || /scope/i.test(description))
    return stop({ id: 'authorize', path: Paths.scope, detail: `${said}.`, fix: `Use scope ${DEFAULT_SCOPE}.` });
  return stop({ id: 'authorize', path: Paths.clientId, detail: `${said}.`, fix: `Check client '${settings.clientId}' in Keycloak.` });
}

/** Keycloak showed a page instead of the login form: its message says why. */
function authorizePage(page: Page, settings: Settings, read: ReturnType<typeof reader>, stop: Stopper): never {
  const message = pageMessage(page) ?? pageTitle(page) ?? `HTTP ${page.status}`;
  const realmOf = (url: string | undefined) => (url ? parseRealmUrl(url)?.realm : undefined);
  const realm = realmOf(settings.discovery.url);
  if (/redirect_uri/i.test(message)) {
    return stop({
      id: 'authorize',
      path: settings.redirectPath,
      detail: `Keycloak answered "${message}": client '${settings.clientId}' does not list ${settings.redirectUri} among its Valid redirect URIs.`,
      fix: `Add ${settings.redirectUri} to the client's Valid redirect URIs (Create Keycloak Client does it), or correct ${settings.redirectPath.split('.').pop()}.`,
    });
  }
  if (/client not found/i.test(message)) {
    // A realm other than the one the key URLs name points at authority rather than at the client ID.
    const keyRealms = read
      .list(Paths.publicKeyUrls)
      .map(realmOf)
      .filter((r): r is string => !!r && r !== realm);
    if (keyRealms.length > 0) {
      return stop({
        id: 'authorize',
        path: settings.discovery.path,
        detail: `Keycloak answered "${message}": realm '${realm}' has no client '${settings.clientId}', while publicKeyUrls names realm '${keyRealms[0]}'.`,
        fix: `Point ${settings.discovery.path.split('.').pop()} at realm '${keyRealms[0]}'.`,
      });
    }
    return stop({
      id: 'authorize',
      path: settings.confidential ? Paths.oidcId : Paths.clientId,
      detail: `Keycloak answered "${message}": realm '${realm}' has no client '${settings.clientId}'.`,
      fix: `Create the client (Create Keycloak Client), or correct clientId.`,
    });
  }
  return stop({
    id: 'authorize',
    path: settings.discovery.path,
    detail: `Keycloak showed "${message}" instead of its login form (HTTP ${page.status}).`,
    fix: 'Open the login URL in a browser to see the page, and check the client in Keycloak.',
  });
}

/** After the form was sent, Keycloak either redirected or showed a page: wrong credentials or a required action. */
function loginPage(page: Page, username: string, settings: Settings, read: ReturnType<typeof reader>, stop: Stopper): never {
  const message = pageMessage(page);
  if (loginForm(page, 'http://x/') && message) {
    // Users live in one realm: a login page of another realm than the other settings name is the likelier cause.
    const loginRealm = parseRealmUrl(settings.discovery.url)?.realm;
    const named = [read.text(Paths.authority), ...read.list(Paths.publicKeyUrls)]
      .map((u) => (u ? parseRealmUrl(u)?.realm : undefined))
      .find((r) => r && r !== loginRealm);
    if (named) {
      return stop({
        id: 'login',
        path: settings.discovery.path,
        detail: `Keycloak refused the credentials of '${username}' ("${message}") in realm '${loginRealm}', while the other settings name realm '${named}'.`,
        fix: `Point ${settings.discovery.path.split('.').pop()} at realm '${named}', or check the test user's name and password.`,
      });
    }
    return stop({
      id: 'login',
      detail: `Keycloak refused the credentials of '${username}': "${message}".`,
      fix: "Check the test user's name and password (and that the user is enabled).",
    });
  }
  const title = pageTitle(page);
  if (page.status === 200 && title) {
    return stop({
      id: 'login',
      detail: `Keycloak stopped at "${title}" for '${username}' instead of returning to OpenMetadata${message ? ` ("${message}")` : ''}.`,
      fix: `Complete the pending action of '${username}' in Keycloak (profile, password, email verification) and run the test again.`,
    });
  }
  return stop({
    id: 'login',
    detail: `Keycloak answered the login form with HTTP ${page.status}${message ? ` ("${message}")` : ''}.`,
    fix: 'Run the test again; if it persists, see the Keycloak server log.',
  });
}

async function exchange(
  as: oauth.AuthorizationServer,
  client: oauth.Client,
  settings: Settings,
  callback: URL,
  state: string,
  verifier: string | undefined,
  nonce: string | undefined,
  http: object,
  stop: Stopper,
): Promise<string> {
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, client, callback.searchParams, state);
  } catch (error) {
    // E.g. an `iss` in the redirect that is not the discovered issuer: OpenMetadata's server refuses it as a mix-up.
    return stop({
      id: 'callback',
      path: Paths.discoveryUri,
      detail: `The redirect to the callback was refused: ${(error as Error).message}.`,
      fix: 'Set discoveryUri to the discovery document of the realm that signs users in.',
    });
  }
  let response: Response;
  try {
    response = await oauth.authorizationCodeGrantRequest(as, client, settings.clientAuth, params, settings.redirectUri, verifier ?? oauth.nopkce, http);
  } catch (error) {
    return stop({ id: 'token', detail: transportMessage(error, as.token_endpoint ?? '') });
  }
  try {
    const result = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: nonce ?? oauth.expectNoNonce, requireIdToken: true });
    return result.id_token!;
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError) {
      const said = `Keycloak's token endpoint answered HTTP ${error.status} ${error.error}${error.error_description ? ` (${error.error_description})` : ''}`;
      if (error.error === 'unauthorized_client' || error.error === 'invalid_client') {
        if (!settings.confidential)
          return stop({
            id: 'token',
            path: Paths.clientType,
            detail: `${said}: client '${settings.clientId}' is confidential in Keycloak.`,
            fix: 'Set clientType to confidential with the client secret, or make the Keycloak client public.',
          });
        return stop({
          id: 'token',
          path: Paths.oidcSecret,
          detail: `${said}: Keycloak refused the client secret.`,
          fix: `Use the current secret from the Credentials tab of client '${settings.clientId}' (the OIDC_CLIENT_SECRET the file references).`,
        });
      }
      if (/code_verifier|pkce/i.test(`${error.error_description}`))
        return stop({ id: 'token', path: Paths.disablePkce, detail: `${said}.`, fix: "Set disablePkce to match the client's PKCE setting." });
      return stop({
        id: 'token',
        path: Paths.oidcCallbackUrl,
        detail: `${said}.`,
        fix: 'Check that oidcConfiguration.callbackUrl is the redirect URI the client registers.',
      });
    }
    return stop({ id: 'token', detail: `The token response was refused: ${(error as Error).message}.` });
  }
}

/**
 * OpenMetadata's JwtFilter: expiry first, then the key found by `kid` in the first of publicKeyUrls that has it
 * (a URL that fails is skipped), then the signature under tokenValidationAlgorithm. It checks neither iss nor aud.
 */
async function verifyLikeJwtFilter(
  token: string,
  read: ReturnType<typeof reader>,
  fetchImpl: (url: string) => Promise<Response>,
  step: (s: SignInStep) => void,
): Promise<void> {
  const header = jose.decodeProtectedHeader(token);
  const claims = jose.decodeJwt(token);
  const kid = header.kid ?? '';
  const algorithm = read.text(Paths.tokenValidationAlgorithm) ?? 'RS256';
  if (claims.exp !== undefined && claims.exp * 1000 < Date.now()) {
    step({ id: 'signature', status: 'fail', detail: 'The token has already expired when it arrives: check the clocks of Keycloak and this machine.' });
    return;
  }
  const urls = read.list(Paths.publicKeyUrls);
  const notes: string[] = [];
  for (const url of urls) {
    let jwks: jose.JSONWebKeySet;
    try {
      const response = await fetchImpl(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      jwks = (await response.json()) as jose.JSONWebKeySet;
      if (!Array.isArray(jwks?.keys)) throw new Error('no "keys" list');
    } catch (error) {
      notes.push(`${url} could not be read (${shortReason(error)})`);
      continue;
    }
    // The library picks the key by the token's kid (and alg), as the server's key provider does by kid.
    let key: jose.CryptoKey;
    try {
      key = await jose.createLocalJWKSet(jwks)(header);
    } catch {
      notes.push(`${url} has no key '${kid}'`);
      continue;
    }
    try {
      await jose.jwtVerify(token, key, { algorithms: [algorithm] });
    } catch (error) {
      const wrongAlg = error instanceof jose.errors.JOSEAlgNotAllowed;
      step({
        id: 'signature',
        status: 'fail',
        path: wrongAlg ? Paths.tokenValidationAlgorithm : Paths.publicKeyUrls,
        detail: wrongAlg
          ? `Keycloak signs with ${header.alg}, but tokenValidationAlgorithm is ${algorithm}, so OpenMetadata cannot verify the token.`
          : `The token's signature does not verify with key '${kid}' of ${url} (${(error as Error).message}).`,
        fix: wrongAlg ? `Set tokenValidationAlgorithm to ${header.alg}.` : `Check that ${url} is the key set of the realm that issued the token.`,
        fixValue: wrongAlg && header.alg ? { path: Paths.tokenValidationAlgorithm, value: header.alg } : undefined,
      });
      return;
    }
    const skipped = notes.length ? ` (${notes.join('; ')})` : '';
    step({ id: 'signature', status: 'pass', detail: `Key '${kid}' found in ${url}, signature valid under ${algorithm}, not expired${skipped}.` });
    return;
  }
  // Not found: say where the key is, from the issuer's own metadata, so the fix names the URL to list.
  let home: string | undefined;
  if (typeof claims.iss === 'string') {
    try {
      const doc = (await (await fetchImpl(`${trimSlash(claims.iss)}/.well-known/openid-configuration`)).json()) as { jwks_uri?: string };
      if (doc.jwks_uri) {
        await jose.createLocalJWKSet((await (await fetchImpl(doc.jwks_uri)).json()) as jose.JSONWebKeySet)(header);
        home = doc.jwks_uri;
      }
    } catch {
      // The fix then names no URL.
    }
  }
  const realm = home ? parseRealmUrl(home)?.realm : undefined;
  step({
    id: 'signature',
    status: 'fail',
    path: Paths.publicKeyUrls,
    detail: `The token's key '${kid}' is in none of publicKeyUrls${notes.length ? ` (${notes.join('; ')})` : ' (the list is empty)'}, so OpenMetadata rejects every login ("Token signing key not found").`,
    fix: home
      ? `Add ${home}, the key set of realm '${realm}' that issued the token, to publicKeyUrls.`
      : "Add the Keycloak realm's key set (…/protocol/openid-connect/certs) to publicKeyUrls.",
    // Keycloak key sets of other realms cannot verify this realm's tokens: the fix swaps them for the issuer's.
    fixValue: home
      ? { path: Paths.publicKeyUrls, value: [home, ...urls.filter((u) => u !== home && !(parseRealmUrl(u) && /\/protocol\/openid-connect\/certs$/.test(u)))] }
      : undefined,
  });
}

function summarize(ok: boolean, username: string, steps: SignInStep[], user?: SignInReport['user']): string {
  const failed = steps.filter((s) => s.status === 'fail');
  if (user && ok) {
    const admin = user.admin ? 'an admin' : `not an admin (admins: ${user.admins.map((a) => `\`${a}\``).join(', ') || 'none'})`;
    return `${user.email} signs in as \`${user.name}\`; ${admin}.`;
  }
  if (user)
    return `${user.email} would sign in as \`${user.name}\`, but ${failed.length} check${failed.length === 1 ? '' : 's'} failed: ${failed.map((s) => s.detail).join(' ')}`;
  return `${username} cannot sign in: ${failed.map((s) => s.detail).join(' ')}`;
}

function transportMessage(error: unknown, url: string): string {
  return toKeycloakError(error, { op: 'fetch', url }).message;
}

function shortReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error as Error).message;
}

/**
 * The steps are built from the file's values and Keycloak's answers, never from a credential, so nothing in them is masked
 * (masking by searching text blanked a realm named like the password, and told the reader which word it was). Only an
 * error nobody foresaw may echo a request: its message is left out whole when it holds a credential.
 */
function unexpected(error: unknown, secrets: string[]): string {
  const message = (error as Error).message ?? String(error);
  return secrets.some((secret) => message.includes(secret))
    ? 'Unexpected failure; its message is not shown because it repeats a credential of this run.'
    : `Unexpected failure: ${message}`;
}
