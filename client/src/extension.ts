// Activation: starts the language client, the Keycloak connection and registers the commands.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { DocumentSelector, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { Commands, ReadValuesRequest } from '../../common/protocol';
import { KeycloakError } from '../../keycloak/errors';
import type { Finding } from '../../keycloak/check';
import { CheckFixes, checkKeycloak, createCheckDiagnostics } from './commands/checkKeycloak';
import { connectKeycloak, disconnectKeycloak } from './commands/connectKeycloak';
import { KeycloakConnection } from './commands/connection';
import { createKeycloakClient, insertKeycloakSettings } from './commands/keycloakClient';
import type { Services } from './commands/services';
import { REPORT_SCHEME, SignInReports, testSignIn } from './commands/testSignIn';
import { PREVIEW_SCHEME, PreviewDocuments } from './commands/preview';
import { EFFECTIVE_SCHEME, EffectiveDocuments, showEffectiveConfiguration } from './commands/effective';
import { Cancelled, rememberConfig, UserError } from './commands/services';
import { filePatterns, onConfigChange, serverSettings } from './config';
import { createReleaseStatus } from './commands/releaseStatus';
import { PROJECT_FILE } from '../../common/projectSettings';
import { configSelector } from './selector';

let client: LanguageClient | undefined;

/** Every document a config can be is offered to the server, which answers only for OpenMetadata configs. */
async function documentSelector(log: vscode.LogOutputChannel): Promise<DocumentSelector> {
  return configSelector(await filePatterns((path, reason) => log.warn(`${path}: skipped, ${reason}.`)));
}

/** The palette, walkthrough links and menus pass no arguments; our own quick fixes say so. */
const calledFromUi = (args: unknown[]) =>
  args.length === 0 ||
  args[0] === undefined ||
  (typeof args[0] === 'object' && args[0] !== null && (args[0] as { fromQuickFix?: unknown }).fromQuickFix === true);

/**
 * Registers a command whose failures become one message with the next step. Keycloak commands refuse to run in
 * an untrusted workspace: its settings could point stored admin credentials at another server.
 */
function register(services: Services, id: string, handler: (...args: never[]) => Promise<unknown>, needsTrust = true, fromUi = calledFromUi): void {
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
        // From the palette, a button or a quick fix the message above is the report: VS Code would add a second one
        // ("Command … resulted in an error"). Callers such as tests and other extensions get the failure.
        if (fromUi(args)) return undefined;
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
  // The server reads the project file's settings itself; the watcher tells it (and the selector below) when it changes.
  const projectFile = vscode.workspace.createFileSystemWatcher(`**/${PROJECT_FILE}`);
  // A deployment is several files: an edit to a `.env` or compose file that is not open changes the findings of the
  // ones that are. The server asks for nothing more: it reads a file again only when told it changed.
  // YAML files too: a Secret manifest anywhere in the workspace answers a values file's `secretRef`.
  const deploymentFiles = ['**/.env*', '**/*.env', '**/*env_file*', '**/*.{yml,yaml}'].map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  context.subscriptions.push(projectFile, ...deploymentFiles);
  const selector = await documentSelector(log);
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    outputChannel: log,
    synchronize: { configurationSection: 'openmetadataAuth', fileEvents: [projectFile, ...deploymentFiles] },
    // Read at each (re)start, so a restarted server begins with the settings of that moment.
    initializationOptions: () => ({ settings: serverSettings() }),
  };
  const languageClient = new LanguageClient('openmetadataAuth', 'OpenMetadata Auth', serverOptions, clientOptions);
  // A server that does not start must not take the Keycloak commands with it: the failure is reported and activation
  // goes on, so Connect and Disconnect work and the file commands say why they cannot. Only a running client is kept
  // for restarts and deactivation (stopping one that never started throws).
  try {
    await languageClient.start();
    client = languageClient;
    context.subscriptions.push(languageClient);
  } catch (error) {
    log.error(`The language server did not start: ${(error as Error).stack ?? String(error)}`);
    void vscode.window
      .showErrorMessage(`The OpenMetadata Auth language server did not start: ${(error as Error).message}`, 'Show Log')
      .then((choice) => choice && log.show());
  }

  const releaseStatus = createReleaseStatus(languageClient, selector);
  context.subscriptions.push(releaseStatus);

  const keycloak = new KeycloakConnection(context.secrets, selector);
  const services: Services = { client: languageClient, log, keycloak, context };
  const checkDiagnostics = createCheckDiagnostics(context.subscriptions);
  const checkFixes = new CheckFixes();
  let checkFixesRegistration = vscode.languages.registerCodeActionsProvider(selector, checkFixes, {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  });
  context.subscriptions.push(keycloak, { dispose: () => checkFixesRegistration.dispose() });
  // New file patterns take effect at once: the language client's selector is fixed when it starts, so it restarts.
  // One change at a time, so a slow read of the project file cannot put an older selector back after a newer one.
  let selectorChange = Promise.resolve();
  const changeSelector = async () => {
    const selector = await documentSelector(log);
    checkFixesRegistration.dispose();
    checkFixesRegistration = vscode.languages.registerCodeActionsProvider(selector, checkFixes, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] });
    releaseStatus.item.selector = selector;
    keycloak.selector = selector;
    if (!client) return;
    client.clientOptions.documentSelector = selector;
    client.restart().catch((error: unknown) => log.error(`The language server did not restart: ${(error as Error).message}`));
  };
  const filesChanged = () => {
    selectorChange = selectorChange
      .then(changeSelector)
      .catch((error: unknown) => log.error(`The file patterns were not applied: ${(error as Error).message}`));
  };
  context.subscriptions.push(
    onConfigChange(['files'], filesChanged),
    projectFile.onDidCreate(filesChanged),
    projectFile.onDidChange(filesChanged),
    projectFile.onDidDelete(filesChanged),
  );

  // The walkthrough ticks a step once it is done, not when its button is pressed: these contexts say so. The active
  // one shows the file commands for a config in a language of the user's `files` globs.
  let tracked = 0;
  const trackConfig = async (editor: vscode.TextEditor | undefined) => {
    const ask = ++tracked;
    const read = editor && client ? await client.sendRequest(ReadValuesRequest, { uri: editor.document.uri.toString() }).catch(() => null) : null;
    // The config stays remembered when focus moved on meanwhile (to the walkthrough, say); only the context that
    // follows the active editor must not be set from an older answer.
    if (editor && read?.shape) rememberConfig(editor.document.uri);
    if (ask === tracked) await vscode.commands.executeCommand('setContext', 'openmetadataAuth.activeConfig', Boolean(read?.shape));
    if (read?.shape) await vscode.commands.executeCommand('setContext', 'openmetadataAuth.configOpened', true);
  };
  // A change of language mode reopens the document under the same editor, which is not an editor change.
  const reopened = (document: vscode.TextDocument) => document === vscode.window.activeTextEditor?.document && void trackConfig(vscode.window.activeTextEditor);
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor((editor) => void trackConfig(editor)),
    vscode.workspace.onDidOpenTextDocument(reopened),
  );
  void trackConfig(vscode.window.activeTextEditor);

  // Signed in by Connect or on the way through Create Keycloak Client: either ticks the step.
  context.subscriptions.push(keycloak.onDidChange(() => void vscode.commands.executeCommand('setContext', 'openmetadataAuth.connected', keycloak.connected)));
  register(services, Commands.connectKeycloak, (args?: Parameters<typeof connectKeycloak>[1]) => connectKeycloak(services, args));
  register(services, Commands.disconnectKeycloak, () => disconnectKeycloak(services), false);
  register(services, Commands.createKeycloakClient, async (args?: Parameters<typeof createKeycloakClient>[1]) =>
    done('openmetadataAuth.clientCreated', await createKeycloakClient(services, args)),
  );
  register(services, Commands.insertKeycloakSettings, (args?: Parameters<typeof insertKeycloakSettings>[1]) => insertKeycloakSettings(services, args));
  register(services, Commands.checkKeycloak, (args?: { uri?: string }) => checkKeycloak(services, checkDiagnostics, args));
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, new SignInReports()));
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, new PreviewDocuments()));
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(EFFECTIVE_SCHEME, new EffectiveDocuments()));
  // Reads files only: no Keycloak, so it works in an untrusted workspace too.
  register(
    services,
    Commands.showEffectiveConfiguration,
    (args?: Parameters<typeof showEffectiveConfiguration>[1]) => showEffectiveConfiguration(services, args),
    false,
  );
  register(services, Commands.testSignIn, (args?: Parameters<typeof testSignIn>[1]) => testSignIn(services, args));
  register(
    services,
    Commands.applyCheckFix,
    (uri: string, finding: Finding) => CheckFixes.apply(services, uri, finding),
    true,
    () => true,
  );
}

/** Sets a walkthrough context once a command succeeded (a cancelled command returns undefined and ticks nothing). */
async function done<T>(key: string, result: T): Promise<T> {
  if (result !== undefined) await vscode.commands.executeCommand('setContext', key, true);
  return result;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
