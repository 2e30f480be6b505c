// Activation: starts the language client and registers the commands.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { DocumentSelector, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** YAML files are all offered to the server, which answers only for OpenMetadata configs; env files go by name. */
function documentSelector(): DocumentSelector {
  const extra = vscode.workspace.getConfiguration('openmetadataAuth').get<string[]>('files', []);
  return [
    { scheme: 'file', language: 'yaml' },
    { scheme: 'untitled', language: 'yaml' },
    { scheme: 'file', pattern: '**/.env' },
    { scheme: 'file', pattern: '**/.env.*' },
    { scheme: 'file', pattern: '**/*.env' },
    ...extra.map((pattern) => ({ scheme: 'file', pattern })),
  ];
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
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
