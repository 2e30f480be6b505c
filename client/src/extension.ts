// Activation: starts the language client, the Keycloak connection and registers the commands.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { DocumentSelector, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { Commands } from '../../server/src/protocol';
import { KeycloakError } from './keycloak/errors';
import type { Finding } from './keycloak/check';
import { CheckFixes, checkKeycloak, createCheckDiagnostics } from './commands/checkKeycloak';
import { connectKeycloak, disconnectKeycloak } from './commands/connectKeycloak';
import { KeycloakConnection } from './commands/connection';
import { createKeycloakClient, insertKeycloakSettings } from './commands/keycloakClient';
import type { Services } from './commands/services';
import { REPORT_SCHEME, SignInReports, testSignIn } from './commands/testSignIn';
import { PREVIEW_SCHEME, PreviewDocuments } from './commands/preview';
import { Cancelled, UserError } from './commands/services';
import { onConfigChange, readConfig } from './config';
import { createReleaseStatus } from './commands/releaseStatus';

let client: LanguageClient | undefined;

/** YAML files are all offered to the server, which answers only for OpenMetadata configs; env files go by name. */
function documentSelector(): DocumentSelector {
  const extra = readConfig().files;
  return [
    { scheme: 'file', language: 'yaml' },
    { scheme: 'untitled', language: 'yaml' },
    { scheme: 'file', pattern: '**/.env' },
    { scheme: 'file', pattern: '**/.env.*' },
    { scheme: 'file', pattern: '**/*.env' },
    ...extra.map((pattern) => ({ scheme: 'file', pattern })),
  ];
}

/**
 * Registers a command whose failures become one message with the next step. Keycloak commands refuse to run in
 * an untrusted workspace: its settings could point stored admin credentials at another server.
 */
function register(services: Services, id: string, handler: (...args: never[]) => Promise<unknown>, needsTrust = true): void {
  services.context.subscriptions.push(
    vscode.commands.registerCommand(id, async (...args: never[]) => {
      if (needsTrust && !vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage('Keycloak commands are disabled in an untrusted workspace. Trust the workspace to use them.');
        return undefined;
      }
      try {
        return await handler(...args);
      } catch (error) {
        if (error instanceof Cancelled) return undefined;
        const known = error instanceof UserError || error instanceof KeycloakError;
        services.log.error(known ? (error as Error).message : ((error as Error).stack ?? String(error)));
        void vscode.window.showErrorMessage((error as Error).message, 'Show Log').then((choice) => choice && services.log.show());
        // Callers such as tests and other extensions get the failure too.
        throw error;
      }
    }),
  );
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('OpenMetadata Auth', { log: true });
  context.subscriptions.push(log);
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel: log,
    synchronize: { configurationSection: 'openmetadataAuth' },
  };
  client = new LanguageClient('openmetadataAuth', 'OpenMetadata Auth', serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push(client);

  context.subscriptions.push(createReleaseStatus(client));

  const keycloak = new KeycloakConnection(context.secrets);
  const services: Services = { client, log, keycloak, context };
  const checkDiagnostics = createCheckDiagnostics();
  const checkFixes = new CheckFixes();
  let checkFixesRegistration = vscode.languages.registerCodeActionsProvider(documentSelector(), checkFixes, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] });
  context.subscriptions.push(keycloak, checkDiagnostics, { dispose: () => checkFixesRegistration.dispose() });
  // New file patterns take effect at once: the language client's selector is fixed when it starts, so it restarts.
  context.subscriptions.push(
    onConfigChange(['files'], () => {
      const selector = documentSelector();
      checkFixesRegistration.dispose();
      checkFixesRegistration = vscode.languages.registerCodeActionsProvider(selector, checkFixes, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] });
      if (!client) return;
      client.clientOptions.documentSelector = selector;
      client.restart().catch((error: unknown) => log.error(`The language server did not restart: ${(error as Error).message}`));
    }),
  );

  register(services, Commands.connectKeycloak, (args?: Parameters<typeof connectKeycloak>[1]) => connectKeycloak(services, args));
  register(services, Commands.disconnectKeycloak, () => disconnectKeycloak(services), false);
  register(services, Commands.createKeycloakClient, (args?: Parameters<typeof createKeycloakClient>[1]) => createKeycloakClient(services, args));
  register(services, Commands.insertKeycloakSettings, (args?: Parameters<typeof insertKeycloakSettings>[1]) => insertKeycloakSettings(services, args));
  register(services, Commands.checkKeycloak, (args?: { uri?: string }) => checkKeycloak(services, checkDiagnostics, args));
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, new SignInReports()));
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, new PreviewDocuments()));
  register(services, 'openmetadataAuth.testSignIn', (args?: Parameters<typeof testSignIn>[1]) => testSignIn(services, args));
  register(services, 'openmetadataAuth.applyCheckFix', (uri: string, finding: Finding) => CheckFixes.apply(services, uri, finding));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
