// What every command needs: the language client, the log, the Keycloak connection and document helpers.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ApplyValuesRequest, PreviewValuesRequest, ReadValuesRequest } from '../../../common/protocol';
import type { ApplyValuesResult, CanonicalValue, PreviewValuesResult, ReadValuesResult } from '../../../common/protocol';
import type { KeycloakConnection } from './connection';
import { mayBeConfig } from '../selector';

export interface Services {
  client: LanguageClient;
  log: vscode.LogOutputChannel;
  keycloak: KeycloakConnection;
  context: vscode.ExtensionContext;
}

let lastConfig: vscode.Uri | undefined;

/** Remembers the OpenMetadata config the user last had in an editor (the walkthrough's buttons run without one). */
export function rememberConfig(uri: vscode.Uri): void {
  lastConfig = uri;
}

/**
 * The OpenMetadata config a command works on: the one named by `uri`, else the active editor's; with no active
 * editor (the walkthrough has the focus) the config last in an editor, else the one open config, else a pick.
 */
export async function targetDocument(uri?: string): Promise<vscode.TextDocument> {
  if (uri) return vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const active = vscode.window.activeTextEditor?.document;
  if (active) return active;
  const open = vscode.workspace.textDocuments.filter((d) => !d.isClosed && mayBeConfig(d));
  const last = lastConfig && open.find((d) => d.uri.toString() === lastConfig?.toString());
  if (last) return last;
  if (open.length === 1) return open[0];
  if (open.length > 1) {
    const picked = await vscode.window.showQuickPick(
      open.map((d) => ({ label: vscode.workspace.asRelativePath(d.uri), document: d })),
      { title: 'Which OpenMetadata config?', ignoreFocusOut: true },
    );
    return orCancel(picked).document;
  }
  throw new UserError('Open an OpenMetadata config (openmetadata.yaml, Helm values, a compose file or .env) first.');
}

/** The canonical values the server reads from a document (secrets masked). */
export async function readValues(services: Services, document: vscode.TextDocument): Promise<ReadValuesResult> {
  const result = await services.client.sendRequest(ReadValuesRequest, { uri: document.uri.toString() });
  if (!result) throw new UserError(`${vscode.workspace.asRelativePath(document.uri)} is not open in the OpenMetadata language server.`);
  return result;
}

/** Writes values into a document as one undoable edit; refuses when the document changed since `version`. */
export async function applyValues(services: Services, document: vscode.TextDocument, version: number, values: CanonicalValue[]): Promise<ApplyValuesResult> {
  return services.client.sendRequest(ApplyValuesRequest, { uri: document.uri.toString(), version, values });
}

/** What `applyValues` would change, and the text it would make, without changing anything. */
export async function previewValues(
  services: Services,
  document: vscode.TextDocument,
  version: number,
  values: CanonicalValue[],
): Promise<PreviewValuesResult> {
  return services.client.sendRequest(PreviewValuesRequest, { uri: document.uri.toString(), version, values });
}

/** A failure the user can act on: shown as is, without "Show Log". */
export class UserError extends Error {}

/** The quick pick / input box result, or a cancellation that ends the command quietly. */
export class Cancelled extends Error {}

export function orCancel<T>(value: T | undefined): T {
  if (value === undefined) throw new Cancelled();
  return value;
}
