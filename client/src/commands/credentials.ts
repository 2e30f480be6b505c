// The admin credentials kept per Keycloak URL in the editor's secret storage, and the list of URLs they are kept for:
// the storage cannot list its keys, and Disconnect must forget every URL, not only the one configured now.
import type { AdminAuth } from '../../../keycloak/gateway';
import { trimSlash } from '../../../common/keycloakUrls';

/** The three calls of VS Code's SecretStorage this needs. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

export interface StoredCredentials {
  adminRealm: string;
  auth: AdminAuth;
}

const PREFIX = 'openmetadataAuth.keycloak:';
/** Holds URLs only, which are no secret; kept beside the credentials so both live and go together. */
const INDEX = 'openmetadataAuth.keycloak.urls';

export class KeycloakCredentials {
  constructor(private readonly secrets: SecretStore) {}

  async get(url: string): Promise<StoredCredentials | undefined> {
    const stored = await this.secrets.get(PREFIX + trimSlash(url));
    return stored ? (JSON.parse(stored) as StoredCredentials) : undefined;
  }

  async store(url: string, credentials: StoredCredentials): Promise<void> {
    const urls = await this.urls();
    if (!urls.includes(trimSlash(url))) await this.secrets.store(INDEX, JSON.stringify([...urls, trimSlash(url)]));
    await this.secrets.store(PREFIX + trimSlash(url), JSON.stringify(credentials));
  }

  /** Forgets the credentials of every URL ever stored, and of `current` (stored before the list existed); returns the URLs. */
  async forgetAll(current?: string): Promise<string[]> {
    const urls = [...new Set([...(await this.urls()), ...(current ? [trimSlash(current)] : [])])];
    for (const url of urls) await this.secrets.delete(PREFIX + url);
    await this.secrets.delete(INDEX);
    return urls;
  }

  private async urls(): Promise<string[]> {
    try {
      const list: unknown = JSON.parse((await this.secrets.get(INDEX)) ?? '[]');
      return Array.isArray(list) ? list.filter((u): u is string => typeof u === 'string') : [];
    } catch {
      return [];
    }
  }
}
