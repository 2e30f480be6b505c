// Connect to Keycloak… / Disconnect: asks for the server and admin credentials, verifies them by listing realms.
import * as vscode from 'vscode';
import { readConfig } from '../config';
import { KeycloakError } from '../../../keycloak/errors';
import { probeKeycloak } from '../../../keycloak/gateway';
import type { AdminAuth } from '../../../keycloak/gateway';
import { plainHttpWarning } from '../../../keycloak/http';
import type { Services } from './services';
import { Cancelled, orCancel } from './services';

/** Arguments for tests and other extensions; anything missing is asked for. */
export interface ConnectArgs {
  url?: string;
  adminRealm?: string;
  username?: string;
  password?: string;
  clientId?: string;
  clientSecret?: string;
}

const STEPS = 4;
const title = (step: number, what: string) => `Connect to Keycloak (${step}/${STEPS}): ${what}`;

/** The URL, checked as soon as it is given: a wrong one is asked again with the reason, before any password. */
async function askUrl(services: Services, given: string | undefined): Promise<string> {
  const { caFile, timeoutMs } = readConfig().keycloak;
  if (given) {
    await probeKeycloak(given.trim(), { caFile, timeoutMs });
    return given.trim();
  }
  let value = services.keycloak.url || 'http://localhost:8080';
  let problem: string | undefined;
  for (;;) {
    value = orCancel(
      await vscode.window.showInputBox({
        title: title(1, 'server URL'),
        value,
        prompt: problem ?? 'The base URL, without /realms/… (add /auth for Keycloak 16 and older)',
        ignoreFocusOut: true,
        validateInput: (v) => (/^https?:\/\/[^/\s]+/.test(v.trim()) ? undefined : 'A URL such as https://keycloak.example.org'),
      }),
    ).trim();
    try {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Checking ${value}…` }, () =>
        probeKeycloak(value, { caFile, timeoutMs }),
      );
      return value;
    } catch (error) {
      if (!(error instanceof KeycloakError)) throw error;
      problem = error.message;
    }
  }
}

async function askKind(args: ConnectArgs): Promise<AdminAuth['kind']> {
  if (args.username || args.password) return 'password';
  if (args.clientId || args.clientSecret) return 'clientCredentials';
  return orCancel(
    await vscode.window.showQuickPick(
      [
        { label: 'Admin username and password', description: 'signs in through admin-cli', auth: 'password' as const },
        { label: 'Service-account client', description: 'client ID and secret with realm-management roles', auth: 'clientCredentials' as const },
      ],
      { title: title(3, 'how to sign in'), ignoreFocusOut: true },
    ),
  ).auth;
}

/**
 * Asks before `what` travels unencrypted (plain http:// off this machine); asked even when another extension passed
 * the URL and the credentials, since the person is the one whose password it is.
 */
export async function confirmPlainHttp(url: string, what: string): Promise<void> {
  const warning = plainHttpWarning(url);
  if (!warning) return;
  const send = 'Send Unencrypted';
  const choice = await vscode.window.showWarningMessage(`Send ${what} over plain HTTP?`, { modal: true, detail: warning }, send);
  if (choice !== send) throw new Cancelled();
}

export async function connectKeycloak(services: Services, args: ConnectArgs = {}): Promise<{ url: string; realms: string[] }> {
  const url = await askUrl(services, args.url);
  await confirmPlainHttp(url, 'the admin credentials');
  const adminRealm =
    args.adminRealm ??
    (args.username || args.clientId
      ? 'master'
      : orCancel(await vscode.window.showInputBox({ title: title(2, 'admin realm (where the admin account lives)'), value: 'master', ignoreFocusOut: true })));
  const kind = await askKind(args);
  const name =
    kind === 'password'
      ? (args.username ?? orCancel(await vscode.window.showInputBox({ title: title(4, 'admin username'), value: 'admin', ignoreFocusOut: true })))
      : (args.clientId ?? orCancel(await vscode.window.showInputBox({ title: title(4, 'service-account client ID'), ignoreFocusOut: true })));
  let secret = kind === 'password' ? args.password : args.clientSecret;
  let problem: string | undefined;
  for (;;) {
    // Only the password (or secret) is asked again after a refusal: the URL, realm and name were fine.
    secret ??= orCancel(
      await vscode.window.showInputBox({
        title: title(4, kind === 'password' ? `password of ${name}` : `secret of ${name}`),
        prompt: problem,
        password: true,
        ignoreFocusOut: true,
      }),
    );
    const auth: AdminAuth = kind === 'password' ? { kind, username: name, password: secret } : { kind, clientId: name, clientSecret: secret };
    try {
      const gateway = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Connecting to Keycloak at ${url}…` }, () =>
        services.keycloak.connect(url, adminRealm, auth),
      );
      const realms = (await gateway.listRealms()).map((r) => r.realm);
      services.log.info(`Connected to Keycloak at ${gateway.url} (admin realm ${adminRealm}, ${realms.length} realms).`);
      void vscode.window.showInformationMessage(`Connected to Keycloak at ${gateway.url}: ${realms.length} realm${realms.length === 1 ? '' : 's'}.`);
      return { url: gateway.url, realms };
    } catch (error) {
      const given = kind === 'password' ? args.password : args.clientSecret;
      if (!(error instanceof KeycloakError) || error.kind !== 'bad-credentials' || given) throw error;
      problem = error.message;
      secret = undefined;
    }
  }
}

export async function disconnectKeycloak(services: Services): Promise<void> {
  const forgotten = await services.keycloak.disconnect();
  const which = forgotten.join(', ');
  services.log.info(`Forgot the Keycloak credentials for ${which || '(no URL)'}.`);
  void vscode.window.showInformationMessage(
    forgotten.length ? `Disconnected from Keycloak; the credentials for ${which} are forgotten.` : 'Disconnected from Keycloak.',
  );
}
