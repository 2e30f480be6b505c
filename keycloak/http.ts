// TLS and timeouts for every request to Keycloak: verification always on, a CA file adds one trusted CA.
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { Agent } from 'undici';
import { caFileUnreadable, KeycloakError, toKeycloakError } from './errors';

/** Reads JSON from a URL; throws a KeycloakError. A parameter of check.ts so tests can feed recorded JSON. */
export type FetchJson = (url: string) => Promise<unknown>;

/** Options for the global fetch (which the admin client uses), and how to release them. */
export interface Transport {
  init: RequestInit;
  close(): Promise<void>;
}

/**
 * Trusts `caFile` on top of the system CAs, for this connection only. The global fetch takes TLS settings
 * only from an undici dispatcher; Node's https.Agent and globalAgent do not apply to it.
 */
export function createTransport(caFile: string | undefined): Transport {
  if (!caFile) return { init: {}, close: async () => {} };
  let pem: string;
  try {
    pem = readFileSync(caFile, 'utf8');
  } catch (error) {
    throw caFileUnreadable(caFile, error);
  }
  const agent = new Agent({ connect: { ca: [...rootCertificates, pem] } });
  // The undici package's types are a newer release than the ones @types/node gives fetch; the runtime
  // contract (Dispatcher.dispatch) is the same.
  return { init: { dispatcher: agent as unknown as RequestInit['dispatcher'] }, close: () => agent.close() };
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
