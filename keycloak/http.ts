// TLS, timeouts and size limits for every request to Keycloak: verification always on, a CA file adds one trusted CA.
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { Agent } from 'undici';
import { caFileUnreadable, KeycloakError, MAX_ADMIN_BYTES, MAX_DOCUMENT_BYTES, toKeycloakError } from './errors';

export { MAX_ADMIN_BYTES, MAX_DOCUMENT_BYTES };

/** Reads JSON from a URL; throws a KeycloakError. A parameter of check.ts so tests can feed recorded JSON. */
export type FetchJson = (url: string) => Promise<unknown>;

/** Options for the global fetch (which the admin client uses), and how to release them. */
export interface Transport {
  init: RequestInit;
  close(): Promise<void>;
}

/**
 * Trusts `caFile` on top of the system CAs, for this connection only, and reads no answer longer than `maxBytes`
 * (the dispatcher counts while reading, so a body without a length is cut off too). The global fetch takes TLS
 * settings only from an undici dispatcher; Node's https.Agent and globalAgent do not apply to it.
 */
export function createTransport(caFile: string | undefined, maxBytes = MAX_DOCUMENT_BYTES): Transport {
  let pem: string | undefined;
  if (caFile) {
    try {
      pem = readFileSync(caFile, 'utf8');
    } catch (error) {
      throw caFileUnreadable(caFile, error);
    }
  }
  const agent = new Agent({ maxResponseSize: maxBytes, ...(pem ? { connect: { ca: [...rootCertificates, pem] } } : {}) });
  // The undici package's types are a newer release than the ones @types/node gives fetch; the runtime
  // contract (Dispatcher.dispatch) is the same.
  return { init: { dispatcher: agent as unknown as RequestInit['dispatcher'] }, close: () => agent.close() };
}

/**
 * Why sending credentials to `url` would expose them, or undefined: plain HTTP to anything but this machine.
 * Loopback is spared because a local Keycloak (development, tests) is the one place plain HTTP is normal.
 */
export function plainHttpWarning(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' || isLoopback(parsed.hostname)) return undefined;
  return `${parsed.origin} is plain http://: passwords and secrets sent to it travel unencrypted and anyone on the network path can read them. Use https://.`;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) < 256);
}

export function createFetchJson({ caFile, timeoutMs = 15_000 }: { caFile?: string; timeoutMs?: number } = {}): FetchJson {
  return fetchJsonWith(createTransport(caFile).init, timeoutMs);
}

export function fetchJsonWith(init: RequestInit, timeoutMs: number): FetchJson {
  return async (url) => {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
      if (!response.ok) {
        throw Object.assign(new Error(`HTTP ${response.status}`), { response, responseData: await response.json().catch(() => '') });
      }
      return await response.json();
    } catch (error) {
      if (error instanceof SyntaxError) throw new KeycloakError('unexpected', `${url} did not return JSON: check that it is a Keycloak URL.`);
      throw toKeycloakError(error, { op: 'fetch', url, timeoutMs });
    }
  };
}
