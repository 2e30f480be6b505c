// Test Sign-in…: asks for a test user (or makes a temporary one), runs the sign-in engine, shows the report.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { Paths } from '../../../common/protocol';
import { keyName } from '../../../keycloak/fileKeys';
import type { KeycloakGateway } from '../../../keycloak/gateway';
import type { SignInReport } from '../../../keycloak/signIn';
import { signIn } from '../../../keycloak/signIn';
import { reportMarkdown, reportText } from '../../../keycloak/signInReport';
import { parseRealmUrl, trimSlash } from '../../../common/keycloakUrls';
import { reader } from '../../../keycloak/values';
import { readConfig } from '../config';
import { confirmPlainHttp } from './connectKeycloak';
import type { Services } from './services';
import { applyValues, orCancel, readValues, targetDocument, UserError } from './services';

/** Reports are read-only virtual documents: never dirty, nothing to save or revert, gone with the window. */
export const REPORT_SCHEME = 'openmetadata-signin';
const reports = new Map<string, string>();
let runs = 0;

export class SignInReports implements vscode.TextDocumentContentProvider {
  provideTextDocumentContent(uri: vscode.Uri): string {
    return reports.get(uri.toString()) ?? '# Test Sign-in\n\nThis report is no longer available: run Test Sign-in again.\n';
  }
}

/** Arguments for tests and other extensions; anything missing is asked for. Nothing here is stored. */
export interface TestSignInArgs {
  uri?: string;
  username?: string;
  password?: string;
  /** Create a temporary test user in the realm (needs the admin connection); it is deleted afterwards. */
  temporaryUser?: boolean;
  clientSecret?: string;
  /** Open the Markdown preview of the report (default true). */
  preview?: boolean;
  /** Apply the fixes whose value is certain, as one edit, without asking (tests, other extensions). */
  applyFixes?: boolean;
}

/** The report, plus the URI of its Markdown document when a preview was opened. */
export async function testSignIn(services: Services, args: TestSignInArgs = {}): Promise<SignInReport & { reportUri?: string }> {
  const document = await targetDocument(args.uri);
  const file = vscode.workspace.asRelativePath(document.uri);
  const read = await readValues(services, document);
  if (!read.shape) throw new UserError(`${file} is not an OpenMetadata config.`);
  const values = reader(read.values);
  const confidential = values.text(Paths.clientType) === 'confidential';
  const realmUrl = parseRealmUrl(values.text(confidential ? Paths.discoveryUri : Paths.authority) ?? values.text(Paths.authority) ?? '');
  // The admin connection helps only when it is to the Keycloak the file names.
  const connected = await services.keycloak.current().catch(() => undefined);
  const gateway = connected && realmUrl && trimSlash(realmUrl.kcUrl) === trimSlash(connected.url) ? connected : undefined;

  if (realmUrl) await confirmPlainHttp(realmUrl.kcUrl, "the test user's password");
  let temporary: { id: string; realm: string } | undefined;
  try {
    const user = await testUser(args, gateway, realmUrl?.realm, values);
    if (user.create && gateway && realmUrl) {
      temporary = { id: await gateway.createUser(realmUrl.realm, user), realm: realmUrl.realm };
      services.log.info(`Created the temporary test user ${user.username} <${user.email}> in realm ${realmUrl.realm}.`);
    }
    const clientSecret = confidential ? await secretOf(args, gateway, realmUrl?.realm, values) : undefined;
    const { caFile, timeoutMs } = readConfig().keycloak;
    const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Test Sign-in as ${user.username}…` }, () =>
      signIn({
        values: read.values,
        username: user.username,
        password: user.password,
        clientSecret,
        caFile,
        timeoutMs,
      }),
    );
    const name = (path: string) => keyName(read.shape, path);
    services.log.info(reportText(report, file, name));
    let reportUri: string | undefined;
    if (args.preview !== false) {
      const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/Test Sign-in ${++runs}.md` });
      reports.set(uri.toString(), reportMarkdown(report, file, name));
      // Keep the last few; an old preview then says so instead of growing the memory.
      for (const key of [...reports.keys()].slice(0, -10)) reports.delete(key);
      await vscode.commands.executeCommand('markdown.showPreview', uri);
      reportUri = uri.toString();
    }
    // Fixes whose value is certain are offered as buttons; the edit is refused if the file changed meanwhile.
    const fixes = new Map(
      report.steps.flatMap((s) => (s.status === 'fail' && s.fixValue ? [[`Set ${keyName(read.shape, s.fixValue.path)}`, s.fixValue] as const] : [])),
    );
    if (args.applyFixes && fixes.size > 0) await applyValues(services, document, read.version, [...fixes.values()]);
    else if (report.ok) void vscode.window.showInformationMessage(report.summary);
    else {
      void vscode.window
        .showWarningMessage(`Test Sign-in failed: ${report.steps.find((s) => s.status === 'fail')?.detail ?? report.summary}`, ...fixes.keys())
        .then(async (choice) => {
          const value = choice && fixes.get(choice);
          if (value) await applyValues(services, document, read.version, [value]);
        });
    }
    return { ...report, reportUri };
  } finally {
    if (temporary && gateway) {
      try {
        await gateway.deleteUser(temporary.realm, temporary.id);
        services.log.info(`Deleted the temporary test user from realm ${temporary.realm}.`);
      } catch (error) {
        void vscode.window.showWarningMessage(
          `The temporary test user could not be deleted (${(error as Error).message}); delete it in realm ${temporary.realm} by hand.`,
        );
      }
    }
  }
}

async function testUser(
  args: TestSignInArgs,
  gateway: KeycloakGateway | undefined,
  realm: string | undefined,
  values: ReturnType<typeof reader>,
): Promise<{ username: string; email: string; password: string; create: boolean }> {
  let create = args.temporaryUser ?? false;
  if (create && !gateway)
    throw new UserError(
      'A temporary test user needs the admin connection to the Keycloak the file names: run "Connect to Keycloak…" first, or give a test user.',
    );
  if (!args.username && !create && gateway) {
    const choice = orCancel(
      await vscode.window.showQuickPick(
        [
          { label: 'Create a temporary test user', description: `in realm ${realm}, deleted afterwards`, create: true },
          { label: 'Sign in as an existing user…', description: 'name and password, never stored', create: false },
        ],
        { title: 'Test Sign-in: who signs in?', ignoreFocusOut: true },
      ),
    );
    create = choice.create;
  }
  if (create) {
    const username = `om-signin-test-${randomBytes(3).toString('hex')}`;
    // An email in a domain OpenMetadata accepts, so the test shows what a real colleague gets.
    const domain = values.list(Paths.allowedDomains)[0] ?? values.text(Paths.principalDomain) ?? 'open-metadata.org';
    // Random, plus one of each character class for realms with a password policy.
    return { username, email: `${username}@${domain}`, password: `${randomBytes(18).toString('base64url')}aA1!`, create };
  }
  const username =
    args.username ??
    orCancel(
      await vscode.window.showInputBox({
        title: 'Test Sign-in: test user (Keycloak username or email)',
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : 'A user name is needed'),
      }),
    );
  const password =
    args.password ??
    orCancel(
      await vscode.window.showInputBox({
        title: `Test Sign-in: password of ${username}`,
        password: true,
        ignoreFocusOut: true,
        prompt: 'Used for this one sign-in; never stored or logged.',
      }),
    );
  return { username: username.trim(), email: '', password, create };
}

async function secretOf(
  args: TestSignInArgs,
  gateway: KeycloakGateway | undefined,
  realm: string | undefined,
  values: ReturnType<typeof reader>,
): Promise<string> {
  if (args.clientSecret) return args.clientSecret;
  const clientId = values.text(Paths.oidcId) ?? values.text(Paths.clientId);
  if (gateway && realm && clientId) {
    const client = await gateway.findClient(realm, clientId);
    if (client?.id) return gateway.getClientSecret(realm, client.id);
  }
  return orCancel(
    await vscode.window.showInputBox({
      title: `Test Sign-in: secret of client ${clientId ?? ''}`,
      password: true,
      ignoreFocusOut: true,
      prompt: 'The file only references it. Used for this one sign-in; never stored or logged.',
    }),
  );
}
