// The Keycloak URLs OpenMetadata needs for a realm (reference c.0), and the way back from an authority.

export const trimSlash = (url: string): string => url.trim().replace(/\/+$/, '');

export interface KeycloakUrls {
  /** The issuer; OpenMetadata's `authority`. */
  authority: string;
  jwks: string;
  discovery: string;
}

export function keycloakUrls(kcUrl: string, realm: string): KeycloakUrls {
  const authority = `${trimSlash(kcUrl)}/realms/${encodeURIComponent(realm)}`;
  return {
    authority,
    jwks: `${authority}/protocol/openid-connect/certs`,
    discovery: `${authority}/.well-known/openid-configuration`,
  };
}

/** Splits `https://kc/auth/realms/R[/...]` into the base URL and realm; undefined when it is not a realm URL. */
export function parseRealmUrl(url: string): { kcUrl: string; realm: string } | undefined {
  const match = /^(https?:\/\/.+?)\/realms\/([^/?#]+)/.exec(url.trim());
  return match ? { kcUrl: match[1], realm: decodeURIComponent(match[2]) } : undefined;
}
