// Show Effective Configuration: what the OpenMetadata server of each compose deployment gets for its auth settings,
// and where each value is written, as a read-only Markdown document the server composes (secrets masked there).
import * as vscode from 'vscode';
import { EffectiveConfigurationRequest } from '../../../common/protocol';
import { targetDocument, UserError } from './services';
import type { Services } from './services';

export const EFFECTIVE_SCHEME = 'openmetadata-effective';
const documents = new Map<string, string>();
let shown = 0;

/** Read-only virtual documents: never dirty, nothing to save, gone with the window. */
export class EffectiveDocuments implements vscode.TextDocumentContentProvider {
  provideTextDocumentContent(uri: vscode.Uri): string {
    return documents.get(uri.toString()) ?? '# Effective configuration\n\nNo longer available: run Show Effective Configuration again.\n';
  }
}

export async function showEffectiveConfiguration(services: Services, args: { uri?: string; preview?: boolean } = {}): Promise<{ uri: string; text: string }> {
  const document = await targetDocument(args.uri);
  const answer = await services.client.sendRequest(EffectiveConfigurationRequest, { uri: document.uri.toString() });
  if (!answer) throw new UserError(`${vscode.workspace.asRelativePath(document.uri)} is not open in the language server.`);
  const uri = vscode.Uri.from({ scheme: EFFECTIVE_SCHEME, path: `/Effective configuration ${++shown}.md` });
  documents.set(uri.toString(), answer.text);
  for (const key of [...documents.keys()].slice(0, -10)) documents.delete(key);
  if (args.preview !== false) await vscode.commands.executeCommand('markdown.showPreview', uri);
  return { uri: uri.toString(), text: answer.text };
}
