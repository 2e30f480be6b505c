// The one grammar of Keycloak URLs (`{base}[/auth]/realms/{realm}{suffix}`), read by the language service's rules and
// written and read by the Keycloak core, so the file's checks and the commands never disagree on what a realm URL is;
// and OpenMetadata's JWKS paths.
import { docPlaceholders } from './docPlaceholders';

/** OpenMetadata's own JWKS, which bot, PAT and OpenMetadata-issued session tokens are verified with. */
export const OM_JWKS_PATH = '/api/v1/system/config/jwks';
/** The pre-1.0 path of the same endpoint. */
export const LEGACY_OM_JWKS_PATH = '/api/v1/config/jwks';
export const KC_CERTS_SUFFIX = '/protocol/openid-connect/certs';
export const DISCOVERY_SUFFIX = '/.well-known/openid-configuration';

export interface KcUrl {
  /** Offset of the URL inside the text it was parsed from (1 when a `{...}` doc placeholder wraps it). */
  offset: number;
  /** `scheme://host:port` (or a placeholder such as `{Keycloak-server-URL}`) before the path. */
  origin: string;
  /** Path between the origin and `/realms/`: `''` on Keycloak 17+, `/auth` on older or relative-path setups. */
  prefix: string;
  realm: string;
  /** Everything after the realm, e.g. `/protocol/openid-connect/certs`. */
  suffix: string;
  /** Offset (inside the parsed text) just after the realm: `[offset, realmEnd)` is the issuer part. */
  realmEnd: number;
  /** Parts that still hold documentation placeholders, so they cannot be compared. */
  unknown: { origin: boolean; prefix: boolean; realm: boolean };
}

const KC = /^(.*?)\/realms\/([^/?#\s]+)([^?#\s]*)/;
const ORIGIN = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*|\{[^{}]*\}|<[^<>]*>|[^/]*)/;

const hasDocPlaceholder = (s: string) => docPlaceholders(s).length > 0;

/** Parses a Keycloak URL; undefined when the text has no `/realms/<name>` part. */
export function parseKcUrl(text: string): KcUrl | undefined {
  let inner = text.trim();
  let offset = text.indexOf(inner);
  // `{http://kc/realms/x}` is a doc placeholder wrapped around a real URL: judge the URL inside.
  if (/^\{.*\}$/.test(inner) && /:\/\/|\/realms\//.test(inner)) {
    inner = inner.slice(1, -1);
    offset += 1;
  }
  const m = KC.exec(inner);
  if (!m) return undefined;
  const base = m[1];
  const origin = ORIGIN.exec(base)?.[0] ?? '';
  const prefix = base.slice(origin.length);
  return {
    offset,
    origin,
    prefix,
    realm: m[2],
    suffix: m[3],
    realmEnd: offset + base.length + '/realms/'.length + m[2].length,
    unknown: { origin: !origin || hasDocPlaceholder(origin), prefix: hasDocPlaceholder(prefix), realm: hasDocPlaceholder(m[2]) },
  };
}

export interface Origin {
  scheme: string;
  host: string;
  port: string;
}

/** Scheme, host and port (default ports filled in) of a concrete origin; undefined for placeholders. */
export function parseOrigin(origin: string): Origin | undefined {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/?#]+)(?::(\d+))?$/.exec(origin);
  if (!m || hasDocPlaceholder(origin)) return undefined;
  const scheme = m[1].toLowerCase();
  let host = m[2].toLowerCase();
  if (host === '127.0.0.1' || host === '[::1]') host = 'localhost';
  return { scheme, host, port: m[3] ?? (scheme === 'https' ? '443' : '80') };
}

/**
 * How a host is reached: `loopback` (the browser's or the container's own machine), `internal` (a name only
 * Docker or Kubernetes resolves, such as `host.docker.internal` or a service name) or `public`.
 */
export function hostClass(host: string): 'loopback' | 'internal' | 'public' {
  if (host === 'localhost' || host === '0.0.0.0') return 'loopback';
  if (host === 'host.docker.internal' || host === 'gateway.docker.internal' || !host.includes('.')) return 'internal';
  if (/\.(svc|cluster\.local|internal|local|lan)$/.test(host)) return 'internal';
  if (/^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(host)) return 'internal';
  return 'public';
}

/** The origin (`scheme://host[:port]`) of an absolute URL without placeholders; undefined otherwise. */
export function urlOrigin(url: string): string | undefined {
  if (hasDocPlaceholder(url) || url.includes('${')) return undefined;
  const m = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#\s"']+)/.exec(url.trim());
  return m?.[1];
}

/** Whether a `publicKeyUrls` item is OpenMetadata's own JWKS (current or legacy path). */
export function isOmJwks(url: string): boolean {
  return url.includes(OM_JWKS_PATH) || url.includes(LEGACY_OM_JWKS_PATH);
}

/** The URL without trailing slashes; a loop, because `/\/+$/` backtracks quadratically on a long run of slashes. */
export function trimSlash(url: string): string {
  const trimmed = url.trim();
  let end = trimmed.length;
  while (end > 0 && trimmed[end - 1] === '/') end--;
  return trimmed.slice(0, end);
}

/** The Keycloak URLs OpenMetadata needs for a realm (reference c.0). */
export interface KeycloakUrls {
  /** The issuer; OpenMetadata's `authority`. */
  authority: string;
  jwks: string;
  discovery: string;
}

export function keycloakUrls(kcUrl: string, realm: string): KeycloakUrls {
  const authority = `${trimSlash(kcUrl)}/realms/${encodeURIComponent(realm)}`;
  return { authority, jwks: `${authority}${KC_CERTS_SUFFIX}`, discovery: `${authority}${DISCOVERY_SUFFIX}` };
}

/**
 * The way back from an authority, for a request: the base URL (`https://kc/auth`) and the realm, decoded; undefined
 * unless it is an http(s) URL with a host part before `/realms/`, since a request cannot go to a doc placeholder.
 */
export function parseRealmUrl(url: string): { kcUrl: string; realm: string } | undefined {
  const trimmed = url.trim();
  if (!/^https?:\/\//.test(trimmed)) return undefined;
  const parsed = parseKcUrl(trimmed);
  const kcUrl = parsed && parsed.origin + parsed.prefix;
  return parsed && kcUrl && /^https?:\/\/./.test(kcUrl) ? { kcUrl, realm: decodeURIComponent(parsed.realm) } : undefined;
}
