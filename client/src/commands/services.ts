// What every command needs: the language client, the log, the Keycloak connection and document helpers.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ApplyValuesRequest, PreviewValuesRequest, ReadValuesRequest } from '../../../server/src/protocol';
import type { ApplyValuesResult, CanonicalValue, PreviewValuesResult, ReadValuesResult } from '../../../server/src/protocol';
import type { KeycloakConnection } from './connection';

export interface Services {
  client: LanguageClient;
  log: vscode.LogOutputChannel;
  keycloak: KeycloakConnection;
  context: vscode.ExtensionContext;
}

/** The OpenMetadata config a command works on: the one named by `uri`, else the active editor's. */
export async function targetDocument(uri?: string): Promise<vscode.TextDocument> {
  if (uri) return vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const active = vscode.window.activeTextEditor?.document;
  if (!active) throw new UserError('Open an OpenMetadata config (openmetadata.yaml, Helm values, a compose file or .env) first.');
  return active;
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
export async function previewValues(services: Services, document: vscode.TextDocument, version: number, values: CanonicalValue[]): Promise<PreviewValuesResult> {
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
