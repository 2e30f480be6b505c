// Checks OpenMetadata's auth settings against what Keycloak actually serves, like OM 1.10+'s "Test Configuration".
import type { CanonicalValue, ReadValuesResult } from '../common/protocol';
import { Paths } from '../common/protocol';
import type { FetchJson } from './http';
import { isRedirectAllowed } from './redirect';
import type { ClientRepresentation } from './types';
import { keycloakUrls, parseRealmUrl, trimSlash } from '../common/keycloakUrls';
import type { Reader } from './values';
import { reader } from './values';

export const FindingCode = {
  issuerMismatch: 'kc-issuer-mismatch',
  jwksNotListed: 'kc-jwks-not-listed',
  scopeUnsupported: 'kc-scope-unsupported',
  responseTypeUnsupported: 'kc-response-type-unsupported',
  algorithmUnsupported: 'kc-algorithm-unsupported',
  authMethodUnsupported: 'kc-auth-method-unsupported',
  discoveryUnreachable: 'kc-discovery-unreachable',
  jwksEmpty: 'kc-jwks-empty',
  clientMissing: 'kc-client-missing',
  clientTypeMismatch: 'kc-client-type-mismatch',
  flowDisabled: 'kc-flow-disabled',
  redirectNotRegistered: 'kc-redirect-not-registered',
  pkceRequired: 'kc-pkce-required',
} as const;
export type FindingCode = (typeof FindingCode)[keyof typeof FindingCode];

export interface Finding {
  code: FindingCode;
  severity: 'error' | 'warning';
  /** Canonical path of the setting to change. */
  path: string;
  message: string;
  /** A value that fixes it, ready for `Commands.applyValues`. */
  fix?: CanonicalValue;
}

export interface CheckInput {
  values: ReadValuesResult['values'];
  fetchJson: FetchJson;
  /** The Keycloak client named by clientId: undefined = not looked up, null = looked up and absent. */
  client?: ClientRepresentation | null;
}

interface Discovery {
  issuer?: string;
  jwks_uri?: string;
  scopes_supported?: string[];
  response_types_supported?: string[];
  id_token_signing_alg_values_supported?: string[];
  token_endpoint_auth_methods_supported?: string[];
}

export async function checkAgainstKeycloak({ values, fetchJson, client }: CheckInput): Promise<Finding[]> {
  const read = reader(values);
  const confidential = read.text(Paths.clientType) === 'confidential';
  // OpenMetadata's defaults when a key is left out (reference section b).
  const responseType = confidential ? (read.text(Paths.oidcResponseType) ?? 'code') : (read.text(Paths.responseType) ?? 'id_token');
  const responsePath = confidential ? Paths.oidcResponseType : Paths.responseType;
  const findings: Finding[] = [];

  const discovered = await discover(read, confidential, fetchJson, findings);
  if (discovered) checkDiscovery(discovered, read, confidential, responseType, responsePath, findings);
  if (discovered?.jwks_uri) await checkJwks(discovered.jwks_uri, fetchJson, findings);
  if (client !== undefined) checkClient(client, read, confidential, responseType, responsePath, findings);
  return findings;
}

// The UI reads discovery from the authority, the server from discoveryUri; a bad authority such as
// `.../protocol/openid-connect/auth` still leads to the realm's own document so the mismatch can be named.
async function discover(read: Reader, confidential: boolean, fetchJson: FetchJson, findings: Finding[]): Promise<Discovery | undefined> {
  const authority = read.text(Paths.authority);
  const configured = confidential ? read.text(Paths.discoveryUri) : undefined;
  const realm = authority ? parseRealmUrl(authority) : undefined;
  const candidates = [
    configured,
    authority && `${trimSlash(authority)}/.well-known/openid-configuration`,
    realm && keycloakUrls(realm.kcUrl, realm.realm).discovery,
  ];
  const urls = [...new Set(candidates.filter((url): url is string => !!url))];
  if (urls.length === 0) {
    findings.push({
      code: FindingCode.discoveryUnreachable,
      severity: 'error',
      path: Paths.authority,
      message:
        'authority is not set, so there is no Keycloak realm to check against: set it to the realm URL, e.g. https://keycloak.example.com/realms/openmetadata.',
    });
    return undefined;
  }
  let firstError: string | undefined;
  for (const url of urls) {
    try {
      const doc = (await fetchJson(url)) as Discovery;
      if (firstError !== undefined && url !== urls[0] && urls[0] === configured) {
        findings.push({
          code: FindingCode.discoveryUnreachable,
          severity: 'error',
          path: Paths.discoveryUri,
          message: `discoveryUri cannot be read (${firstError}), so the OpenMetadata server cannot start the login: use ${url}.`,
          fix: { path: Paths.discoveryUri, value: url },
        });
      }
      return doc;
    } catch (error) {
      firstError ??= error instanceof Error ? error.message : String(error);
    }
  }
  findings.push({
    code: FindingCode.discoveryUnreachable,
    severity: 'error',
    path: configured ? Paths.discoveryUri : Paths.authority,
    message: `Keycloak's discovery document at ${urls[0]} cannot be read: ${firstError}`,
  });
  return undefined;
}

function checkDiscovery(doc: Discovery, read: Reader, confidential: boolean, responseType: string, responsePath: string, findings: Finding[]): void {
  const authority = read.text(Paths.authority);
  if (doc.issuer && authority && trimSlash(authority) !== trimSlash(doc.issuer)) {
    findings.push({
      code: FindingCode.issuerMismatch,
      severity: 'error',
      path: Paths.authority,
      message: `authority is ${authority}, but Keycloak's issuer is ${doc.issuer}: the login page looks up the realm from authority and tokens carry the issuer, so set authority to ${doc.issuer}.`,
      fix: { path: Paths.authority, value: doc.issuer },
    });
  }
  const keyUrls = read.list(Paths.publicKeyUrls);
  if (doc.jwks_uri && !keyUrls.includes(doc.jwks_uri)) {
    findings.push({
      code: FindingCode.jwksNotListed,
      severity: 'error',
      path: Paths.publicKeyUrls,
      message: `publicKeyUrls does not list Keycloak's key set ${doc.jwks_uri}, so OpenMetadata cannot verify Keycloak's tokens ("No key found"): add it, exactly as written.`,
      fix: { path: Paths.publicKeyUrls, value: [...keyUrls, doc.jwks_uri] },
    });
  }
  const scope = read.text(Paths.scope) ?? 'openid email profile';
  const unsupported = notIn(scope.split(/\s+/).filter(Boolean), doc.scopes_supported);
  if (unsupported.length > 0) {
    findings.push({
      code: FindingCode.scopeUnsupported,
      severity: 'error',
      path: Paths.scope,
      message: `Keycloak does not offer the scope${unsupported.length > 1 ? 's' : ''} ${unsupported.join(', ')} (realm client scopes: ${doc.scopes_supported?.join(', ')}): create the client scope in the realm or remove it from scope.`,
    });
  }
  if (notIn([responseType], doc.response_types_supported).length > 0) {
    findings.push({
      code: FindingCode.responseTypeUnsupported,
      severity: 'error',
      path: responsePath,
      message: `Keycloak does not support responseType '${responseType}' (it supports ${doc.response_types_supported?.join(', ')}): use ${confidential ? 'code' : 'id_token'}.`,
      fix: { path: responsePath, value: confidential ? 'code' : 'id_token' },
    });
  }
  if (!confidential) return;
  const algorithm = read.text(Paths.preferredJwsAlgorithm) ?? 'RS256';
  if (notIn([algorithm], doc.id_token_signing_alg_values_supported).length > 0) {
    findings.push({
      code: FindingCode.algorithmUnsupported,
      severity: 'error',
      path: Paths.preferredJwsAlgorithm,
      message: `Keycloak cannot sign ID tokens with ${algorithm} (it offers ${doc.id_token_signing_alg_values_supported?.join(', ')}): use RS256.`,
      fix: { path: Paths.preferredJwsAlgorithm, value: 'RS256' },
    });
  }
  const method = read.text(Paths.clientAuthenticationMethod) ?? 'client_secret_post';
  if (notIn([method], doc.token_endpoint_auth_methods_supported).length > 0) {
    findings.push({
      code: FindingCode.authMethodUnsupported,
      severity: 'error',
      path: Paths.clientAuthenticationMethod,
      message: `Keycloak does not accept the client authentication method ${method} (it accepts ${doc.token_endpoint_auth_methods_supported?.join(', ')}): use client_secret_post.`,
      fix: { path: Paths.clientAuthenticationMethod, value: 'client_secret_post' },
    });
  }
}

async function checkJwks(url: string, fetchJson: FetchJson, findings: Finding[]): Promise<void> {
  let problem: string | undefined;
  try {
    const keys = ((await fetchJson(url)) as { keys?: unknown })?.keys;
    if (!Array.isArray(keys) || keys.length === 0) problem = 'has no keys';
  } catch (error) {
    problem = `cannot be read (${error instanceof Error ? error.message : String(error)})`;
  }
  if (problem) {
    findings.push({
      code: FindingCode.jwksEmpty,
      severity: 'error',
      path: Paths.publicKeyUrls,
      message: `Keycloak's key set ${url} ${problem}, so no token can be verified: check the realm's Keys (an active RS256 key) and that the URL is reachable.`,
    });
  }
}

function checkClient(
  client: ClientRepresentation | null,
  read: Reader,
  confidential: boolean,
  responseType: string,
  responsePath: string,
  findings: Finding[],
): void {
  const clientId = read.text(Paths.clientId) ?? '';
  if (!client) {
    findings.push({
      code: FindingCode.clientMissing,
      severity: 'error',
      path: Paths.clientId,
      message: `Keycloak has no client '${clientId}' in this realm, so every login fails with "Client not found": create it (command "Create Keycloak client") or fix clientId.`,
    });
    return;
  }
  const isPublic = client.publicClient ?? false;
  if (confidential && isPublic) {
    findings.push({
      code: FindingCode.clientTypeMismatch,
      severity: 'error',
      path: Paths.clientType,
      message: `Keycloak client '${clientId}' is public, but clientType is confidential: the server's code exchange fails with "unauthorized_client"; turn on Client authentication in Keycloak or use clientType public.`,
    });
  } else if (!confidential && !isPublic) {
    findings.push({
      code: FindingCode.clientTypeMismatch,
      severity: 'warning',
      path: Paths.clientType,
      message: `Keycloak client '${clientId}' is confidential, but clientType is public: the browser cannot use its secret, so login works only through the implicit flow; make the client public or use clientType confidential.`,
    });
  }

  const implicit = /\b(id_token|token)\b/.test(responseType) && !responseType.includes('code');
  if (implicit && client.implicitFlowEnabled !== true) {
    findings.push({
      code: FindingCode.flowDisabled,
      severity: 'error',
      path: responsePath,
      message: `Keycloak client '${clientId}' has the implicit flow off, but OpenMetadata asks for response type ${responseType}: Keycloak answers "Implicit flow is disabled"; turn on Implicit flow for the client.`,
    });
  } else if (!implicit && client.standardFlowEnabled === false) {
    findings.push({
      code: FindingCode.flowDisabled,
      severity: 'error',
      path: responsePath,
      message: `Keycloak client '${clientId}' has the standard flow off, but OpenMetadata uses the authorization code flow: turn on Standard flow for the client.`,
    });
  }

  const callbacks = [Paths.callbackUrl, ...(confidential ? [Paths.oidcCallbackUrl] : [])];
  for (const path of callbacks) {
    const url = read.text(path);
    if (url && !isRedirectAllowed(client.redirectUris ?? [], url, client.rootUrl)) {
      // A typo in the file is likelier than a missing registration when the client has a callback of its own.
      const registered = registeredCallback(client, url);
      findings.push({
        code: FindingCode.redirectNotRegistered,
        severity: 'error',
        path,
        message: `Keycloak client '${clientId}' does not allow the redirect URI ${url}, so login stops at "Invalid parameter: redirect_uri": ${registered ? `use the URI the client has, ${registered}, or add ${url}` : 'add it'} to the client's Valid redirect URIs.`,
        ...(registered ? { fix: { path, value: registered } } : {}),
      });
    }
  }

  const pkce = client.attributes?.['pkce.code.challenge.method'];
  if (!implicit && pkce && read.bool(Paths.disablePkce, true)) {
    findings.push({
      code: FindingCode.pkceRequired,
      severity: 'error',
      path: Paths.disablePkce,
      message: `Keycloak client '${clientId}' requires PKCE (${pkce}), but disablePkce is true (the default), so Keycloak rejects the login for a missing code_challenge: set disablePkce to false.`,
      fix: { path: Paths.disablePkce, value: false },
    });
  }
}

function notIn(wanted: string[], supported: string[] | undefined): string[] {
  return Array.isArray(supported) ? wanted.filter((item) => !supported.includes(item)) : [];
}

/** The client's own OpenMetadata callback (`…/callback`, no wildcard), on the URL's origin when there are several. */
function registeredCallback(client: ClientRepresentation, url: string): string | undefined {
  const absolute = (client.redirectUris ?? [])
    .map((u) => (u.startsWith('/') && client.rootUrl ? `${trimSlash(client.rootUrl)}${u}` : u))
    .filter((u) => /^https?:\/\/[^*]+\/callback$/.test(u));
  const origin = /^https?:\/\/[^/]+/.exec(url)?.[0];
  return absolute.find((u) => u.startsWith(`${origin}/`)) ?? absolute[0];
}

/** What Check Configuration tells the user: Keycloak's verdict and the file's own errors, in one message. */
export function checkVerdict(file: string, findings: Finding[], fileErrors: string[], clientChecked: boolean): { level: 'info' | 'warning'; text: string } {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const own = fileErrors.length ? `${plural(fileErrors.length, 'error')} of its own` : '';
  const notConnected = clientChecked ? '' : ' (connect to Keycloak to check the client too)';
  if (!findings.length && !own) return { level: 'info', text: `${file} agrees with Keycloak${notConnected}.` };
  if (!findings.length)
    return {
      level: 'warning',
      text: `${file} agrees with Keycloak, but the file has ${own}: ${fileErrors[0]}${fileErrors.length > 1 ? ' (see the Problems panel for the rest)' : ''}${notConnected}.`,
    };
  return {
    level: 'warning',
    text: `${file}: ${plural(findings.length, 'problem')} against Keycloak${own ? ` and ${own}` : ''}; the Problems panel lists them with their fixes${notConnected}.`,
  };
}
