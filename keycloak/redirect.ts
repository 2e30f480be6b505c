// Keycloak's redirect URI matching (RedirectUtils.matchesRedirects), so plans and checks agree with the server.
import { trimSlash } from '../common/keycloakUrls';

/** True when Keycloak would accept `uri` for a client registered with `patterns`. */
export function isRedirectAllowed(patterns: readonly string[], uri: string, rootUrl?: string): boolean {
  return patterns.some((pattern) => matches(resolve(pattern, rootUrl), uri));
}

// Keycloak resolves relative redirect URIs against the client's root URL.
function resolve(pattern: string, rootUrl: string | undefined): string {
  return pattern.startsWith('/') && rootUrl ? trimSlash(rootUrl) + pattern : pattern;
}

function matches(pattern: string, uri: string): boolean {
  if (pattern.endsWith('*') && !pattern.includes('?')) {
    // With a wildcard Keycloak ignores the query, and `https://om/*` also accepts `https://om`.
    const path = uri.split('?')[0];
    const prefix = pattern.slice(0, -1);
    return path.startsWith(prefix) || (prefix.endsWith('/') && path === prefix.slice(0, -1));
  }
  return pattern === uri;
}

/** True when a client's web origins let a browser on `origin` call Keycloak (`*` any, `+` its redirect URIs). */
export function isOriginAllowed(webOrigins: readonly string[], origin: string, redirectUris: readonly string[]): boolean {
  if (webOrigins.includes('*') || webOrigins.includes(origin)) return true;
  return webOrigins.includes('+') && redirectUris.some((uri) => originOf(uri) === origin);
}

export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
