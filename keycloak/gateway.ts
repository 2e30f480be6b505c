// The only door to Keycloak's admin REST API: a few typed operations, every failure mapped by errors.ts.
import KcAdminClient from '@keycloak/keycloak-admin-client';
import type { ErrorContext } from './errors';
import { KeycloakError, missingClientScope, noClientSecret, toKeycloakError } from './errors';
import type { FetchJson } from './http';
import { createTransport, fetchJsonWith, MAX_ADMIN_BYTES } from './http';
import type { ClientRepresentation } from './types';
import { trimSlash } from '../common/keycloakUrls';

export type AdminAuth = { kind: 'password'; username: string; password: string } | { kind: 'clientCredentials'; clientId: string; clientSecret: string };

export interface ConnectOptions {
  url: string;
  /** The realm the admin signs in to. */
  adminRealm?: string;
  auth: AdminAuth;
  timeoutMs?: number;
  /** PEM file of an extra trusted CA (setting `openmetadataAuth.keycloak.caFile`). */
  caFile?: string;
}

export interface TestUser {
  username: string;
  email: string;
  password: string;
}

export interface RealmSummary {
  realm: string;
  enabled: boolean;
}

export interface KeycloakGateway {
  readonly url: string;
  readonly adminRealm: string;
  listRealms(): Promise<RealmSummary[]>;
  createRealm(realm: string): Promise<void>;
  /** Removes a realm and all it holds: only for undoing a realm this run created. */
  deleteRealm(realm: string): Promise<void>;
  /** The client with exactly this client ID, without its secret; undefined when there is none. */
  findClient(realm: string, clientId: string): Promise<ClientRepresentation | undefined>;
  /** Returns the new client's internal id. */
  createClient(realm: string, client: ClientRepresentation): Promise<string>;
  updateClient(realm: string, id: string, client: ClientRepresentation): Promise<void>;
  deleteClient(realm: string, id: string): Promise<void>;
  getClientSecret(realm: string, id: string): Promise<string>;
  regenerateClientSecret(realm: string, id: string): Promise<string>;
  addDefaultClientScope(realm: string, id: string, scopeName: string): Promise<void>;
  removeDefaultClientScope(realm: string, id: string, scopeName: string): Promise<void>;
  /** A user who can sign in with `password` at once (no required actions); returns the user's id. */
  createUser(realm: string, user: TestUser): Promise<string>;
  deleteUser(realm: string, id: string): Promise<void>;
  /** GET JSON with the same TLS settings (discovery documents, JWKS). */
  fetchJson: FetchJson;
  close(): Promise<void>;
}

/**
 * Checks that a URL is a Keycloak before anyone types a password: its master realm's public endpoint answers as a
 * realm. Throws a KeycloakError (unreachable, TLS, timeout, or a URL that is not Keycloak's base).
 */
export async function probeKeycloak(url: string, options: { caFile?: string; timeoutMs?: number } = {}): Promise<void> {
  const base = trimSlash(url);
  const transport = createTransport(options.caFile);
  try {
    const realm = await fetchJsonWith(
      transport.init,
      options.timeoutMs ?? 15_000,
    )(`${base}/realms/master`).catch((error: unknown) => {
      // Nothing there, TLS or time: said as errors.ts says it. Any other answer means the URL is not Keycloak's base.
      if (error instanceof KeycloakError && ['unreachable', 'tls', 'timeout'].includes(error.kind)) throw error;
      return undefined;
    });
    if ((realm as { realm?: unknown } | undefined)?.realm !== 'master') {
      throw new KeycloakError(
        'unreachable',
        `${base} answers, but not as a Keycloak base URL (no realm at ${base}/realms/master): give the URL without /realms/…, and add /auth for Keycloak 16 and older.`,
      );
    }
  } finally {
    await transport.close();
  }
}

/** Signs in and checks the connection by listing realms. Throws a KeycloakError. */
export async function connect(options: ConnectOptions): Promise<KeycloakGateway> {
  const url = trimSlash(options.url);
  const adminRealm = options.adminRealm ?? 'master';
  const timeoutMs = options.timeoutMs ?? 15_000;
  const { auth } = options;
  const principal = auth.kind === 'password' ? auth.username : auth.clientId;
  const base = { url, adminRealm, authKind: auth.kind, principal, timeoutMs } as const;

  const transport = createTransport(options.caFile, MAX_ADMIN_BYTES);
  const documents = createTransport(options.caFile);
  // Keep realmName = the sign-in realm and pass `realm` per call: setConfig would send re-auth to the wrong realm.
  // Every admin request carries the password, the secret or a token: a redirect (a 307/308 re-sends the body) is
  // reported, never followed.
  const kc = new KcAdminClient({
    baseUrl: url,
    realmName: adminRealm,
    timeout: timeoutMs,
    requestOptions: { ...transport.init, redirect: 'manual' },
  });
  const credentials =
    auth.kind === 'password'
      ? { grantType: 'password' as const, clientId: 'admin-cli', username: auth.username, password: auth.password }
      : { grantType: 'client_credentials' as const, clientId: auth.clientId, clientSecret: auth.clientSecret };

  let connected = false;
  const call = async <T>(ctx: Omit<ErrorContext, keyof typeof base>, run: () => Promise<T>): Promise<T> => {
    try {
      // client_credentials tokens come without a refresh token and sessions end: sign in again instead.
      if (kc.isTokenExpired() && (!kc.refreshToken || kc.isRefreshTokenExpired())) await kc.auth(credentials);
      const result = await run();
      connected = true;
      return result;
    } catch (error) {
      throw toKeycloakError(error, { ...base, ...ctx, connected });
    }
  };

  try {
    await call({ op: 'connect' }, () => kc.auth(credentials));
    await call({ op: 'listRealms' }, () => kc.realms.find());
  } catch (error) {
    await Promise.all([transport.close(), documents.close()]);
    throw error;
  }

  return {
    url,
    adminRealm,
    listRealms: () => call({ op: 'listRealms' }, async () => (await kc.realms.find()).map((r) => ({ realm: r.realm ?? '', enabled: r.enabled ?? false }))),
    createRealm: (realm) =>
      call({ op: 'createRealm', realm }, async () => {
        await kc.realms.create({ realm, enabled: true });
      }),
    deleteRealm: (realm) => call({ op: 'deleteRealm', realm }, () => kc.realms.del({ realm })),
    findClient: (realm, clientId) =>
      call({ op: 'findClient', realm, clientId }, async () => {
        const [found] = await kc.clients.find({ realm, clientId });
        if (!found) return undefined;
        // Keycloak includes the secret in the representation; keep it out of plans, previews and logs.
        const { secret: _secret, ...client } = found;
        return client as ClientRepresentation;
      }),
    createClient: (realm, client) =>
      call({ op: 'createClient', realm, clientId: client.clientId }, async () => (await kc.clients.create({ realm, ...client })).id),
    updateClient: (realm, id, client) => call({ op: 'updateClient', realm, clientId: client.clientId }, () => kc.clients.update({ realm, id }, client)),
    deleteClient: (realm, id) => call({ op: 'deleteClient', realm }, () => kc.clients.del({ realm, id })),
    getClientSecret: (realm, id) =>
      call({ op: 'getClientSecret', realm }, async () => {
        const { value } = await kc.clients.getClientSecret({ realm, id });
        if (!value) throw noClientSecret(realm);
        return value;
      }),
    regenerateClientSecret: (realm, id) =>
      call({ op: 'regenerateClientSecret', realm }, async () => {
        const { value } = await kc.clients.generateNewClientSecret({ realm, id });
        if (!value) throw noClientSecret(realm);
        return value;
      }),
    addDefaultClientScope: (realm, id, scopeName) =>
      call({ op: 'addDefaultClientScope', realm, scope: scopeName }, async () => {
        const scope = await kc.clientScopes.findOneByName({ realm, name: scopeName });
        // Keycloak silently ignores a scope of another protocol (e.g. a SAML `email`), so refuse it here.
        if (!scope?.id || (scope.protocol ?? 'openid-connect') !== 'openid-connect') throw missingClientScope(realm, scopeName);
        await kc.clients.addDefaultClientScope({ realm, id, clientScopeId: scope.id });
      }),
    removeDefaultClientScope: (realm, id, scopeName) =>
      call({ op: 'removeDefaultClientScope', realm, scope: scopeName }, async () => {
        const scope = await kc.clientScopes.findOneByName({ realm, name: scopeName });
        if (scope?.id) await kc.clients.delDefaultClientScope({ realm, id, clientScopeId: scope.id });
      }),
    createUser: (realm, user) =>
      call({ op: 'createUser', realm }, async () => {
        const credentials = [{ type: 'password', value: user.password, temporary: false }];
        // First and last name too: Keycloak 24+ asks for a missing profile at the first login.
        const created = await kc.users.create({
          realm,
          username: user.username,
          email: user.email,
          emailVerified: true,
          enabled: true,
          firstName: 'OpenMetadata',
          lastName: 'Sign-in test',
          credentials,
        });
        return created.id;
      }),
    deleteUser: (realm, id) => call({ op: 'deleteUser', realm }, () => kc.users.del({ realm, id })),
    fetchJson: fetchJsonWith(documents.init, timeoutMs),
    close: async () => {
      await Promise.all([transport.close(), documents.close()]);
    },
  };
}
