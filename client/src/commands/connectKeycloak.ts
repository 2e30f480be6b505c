// Connect to Keycloak… / Disconnect: asks for the server and admin credentials, verifies them by listing realms.
import * as vscode from 'vscode';
import type { AdminAuth } from '../keycloak/gateway';
import type { Services } from './services';
import { orCancel } from './services';

/** Arguments for tests and other extensions; anything missing is asked for. */
export interface ConnectArgs {
  url?: string;
  adminRealm?: string;
  username?: string;
  password?: string;
  clientId?: string;
  clientSecret?: string;
}

async function askAuth(args: ConnectArgs): Promise<AdminAuth> {
  if (args.username && args.password) return { kind: 'password', username: args.username, password: args.password };
  if (args.clientId && args.clientSecret) return { kind: 'clientCredentials', clientId: args.clientId, clientSecret: args.clientSecret };
  const kind = orCancel(
    await vscode.window.showQuickPick(
      [
        { label: 'Admin username and password', description: 'signs in through admin-cli', auth: 'password' as const },
        { label: 'Service-account client', description: 'client ID and secret with realm-management roles', auth: 'clientCredentials' as const },
      ],
      { title: 'Connect to Keycloak (2/3): how to sign in', ignoreFocusOut: true },
    ),
  ).auth;
  if (kind === 'password') {
    const username = orCancel(await vscode.window.showInputBox({ title: 'Connect to Keycloak (3/3): admin username', value: 'admin', ignoreFocusOut: true }));
    const password = orCancel(await vscode.window.showInputBox({ title: `Password of ${username}`, password: true, ignoreFocusOut: true }));
    return { kind, username, password };
  }
  const clientId = orCancel(await vscode.window.showInputBox({ title: 'Connect to Keycloak (3/3): service-account client ID', ignoreFocusOut: true }));
  const clientSecret = orCancel(await vscode.window.showInputBox({ title: `Secret of ${clientId}`, password: true, ignoreFocusOut: true }));
  return { kind, clientId, clientSecret };
}

export async function connectKeycloak(services: Services, args: ConnectArgs = {}): Promise<{ url: string; realms: string[] }> {
  const url =
    args.url ??
    orCancel(
      await vscode.window.showInputBox({
        title: 'Connect to Keycloak (1/3): server URL',
        value: services.keycloak.url || 'http://localhost:8080',
        prompt: 'The base URL, without /realms/… (add /auth for Keycloak 16 and older)',
        ignoreFocusOut: true,
        validateInput: (v) => (/^https?:\/\/[^/\s]+/.test(v.trim()) ? undefined : 'A URL such as https://keycloak.example.org'),
      }),
    );
  const adminRealm = args.adminRealm ?? (args.username || args.clientId ? 'master' : orCancel(await vscode.window.showInputBox({ title: 'Admin realm (where the admin account lives)', value: 'master', ignoreFocusOut: true })));
  const auth = await askAuth(args);
  const gateway = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Connecting to Keycloak at ${url}…` }, () =>
    services.keycloak.connect(url.trim(), adminRealm, auth),
  );
  const realms = (await gateway.listRealms()).map((r) => r.realm);
  services.log.info(`Connected to Keycloak at ${gateway.url} (admin realm ${adminRealm}, ${realms.length} realms).`);
  void vscode.window.showInformationMessage(`Connected to Keycloak at ${gateway.url}: ${realms.length} realm${realms.length === 1 ? '' : 's'}.`);
  return { url: gateway.url, realms };
}

export async function disconnectKeycloak(services: Services): Promise<void> {
  const url = services.keycloak.url;
  await services.keycloak.disconnect();
  services.log.info(`Forgot the Keycloak credentials for ${url || '(no URL)'}.`);
  void vscode.window.showInformationMessage(url ? `Disconnected from Keycloak; the credentials for ${url} are forgotten.` : 'Disconnected from Keycloak.');
}
