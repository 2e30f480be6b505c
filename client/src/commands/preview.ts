// The file side of a command's preview: a diff editor between the open file and what the command would make of it.
import * as vscode from 'vscode';

export const PREVIEW_SCHEME = 'openmetadata-auth-preview';

const texts = new Map<string, string>();

/** Serves the proposed texts; they are read-only, so nothing typed there is lost when the preview closes. */
export class PreviewDocuments implements vscode.TextDocumentContentProvider {
  provideTextDocumentContent(uri: vscode.Uri): string {
    return texts.get(uri.toString()) ?? '';
  }
}

/** Opens the diff of `document` against `text`; disposing closes it again. */
export async function showFilePreview(document: vscode.TextDocument, text: string, title: string): Promise<vscode.Disposable> {
  // A query per preview: VS Code caches a virtual document by URI, and a second run proposes another text.
  const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: document.uri.path, query: `${Date.now()}` });
  texts.set(uri.toString(), text);
  await vscode.commands.executeCommand('vscode.diff', document.uri, uri, title, { preview: true });
  return {
    dispose: () => {
      texts.delete(uri.toString());
      const tabs = vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === uri.toString());
      if (tabs.length) void vscode.window.tabGroups.close(tabs);
    },
  };
}
