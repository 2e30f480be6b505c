// The Keycloak admin connection: credentials in SecretStorage keyed by URL, a language status item, lazy sign-in.
import * as vscode from 'vscode';
import { readConfig, setKeycloakUrl } from '../config';
import { connect } from '../../../keycloak/gateway';
import type { AdminAuth, KeycloakGateway } from '../../../keycloak/gateway';
import { Commands } from '../../../common/protocol';
import { KeycloakCredentials } from './credentials';

export class KeycloakConnection implements vscode.Disposable {
  private gateway: KeycloakGateway | undefined;
  private readonly credentials: KeycloakCredentials;
  private readonly status: vscode.LanguageStatusItem;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(secrets: vscode.SecretStorage, selector: vscode.DocumentSelector) {
    this.credentials = new KeycloakCredentials(secrets);
    this.status = vscode.languages.createLanguageStatusItem('openmetadataAuth.keycloak', selector);
    this.status.name = 'OpenMetadata: Keycloak connection';
    this.render();
  }

  /** Follows the client's selector when the user's file patterns change. */
  set selector(selector: vscode.DocumentSelector) {
    this.status.selector = selector;
  }

  get url(): string {
    return readConfig().keycloak.url;
  }

  get connected(): boolean {
    return this.gateway !== undefined;
  }

  private options() {
    const { caFile, timeoutMs } = readConfig().keycloak;
    return { caFile, timeoutMs };
  }

  /** Signs in, verifies by listing realms, then stores the credentials for this URL. Throws a KeycloakError. */
  async connect(url: string, adminRealm: string, auth: AdminAuth): Promise<KeycloakGateway> {
    const gateway = await connect({ url, adminRealm, auth, ...this.options() });
    await this.gateway?.close();
    this.gateway = gateway;
    await setKeycloakUrl(url);
    await this.credentials.store(url, { adminRealm, auth });
    this.render();
    this.changed.fire();
    return gateway;
  }

  /** The signed-in gateway; signs in with the stored credentials of the configured URL; undefined when there are none. */
  async current(): Promise<KeycloakGateway | undefined> {
    if (this.gateway && this.gateway.url === this.url) return this.gateway;
    if (!this.url) return undefined;
    const stored = await this.credentials.get(this.url);
    if (!stored) return undefined;
    const { adminRealm, auth } = stored;
    this.gateway = await connect({ url: this.url, adminRealm, auth, ...this.options() });
    this.render();
    return this.gateway;
  }

  /** Signs out and forgets the credentials of every Keycloak URL, not only the one configured now; returns those URLs. */
  async disconnect(): Promise<string[]> {
    await this.gateway?.close();
    this.gateway = undefined;
    const forgotten = await this.credentials.forgetAll(this.url || undefined);
    this.render();
    this.changed.fire();
    return forgotten;
  }

  private render(): void {
    if (this.gateway) {
      this.status.text = `$(plug) Keycloak: ${new URL(this.gateway.url).host}`;
      this.status.detail = `signed in to realm ${this.gateway.adminRealm}`;
      this.status.severity = vscode.LanguageStatusSeverity.Information;
      this.status.command = { title: 'Disconnect', command: Commands.disconnectKeycloak };
    } else {
      this.status.text = '$(debug-disconnect) Keycloak: not connected';
      this.status.detail = this.url ? `credentials for ${this.url} are not stored` : undefined;
      this.status.command = { title: 'Connect…', command: Commands.connectKeycloak };
    }
  }

  dispose(): void {
    void this.gateway?.close();
    this.status.dispose();
    this.changed.dispose();
  }
}
