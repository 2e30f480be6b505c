// What the extension-host tests share: the fixture files, waits on VS Code events (never on sleeps), edits and reverts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'openmetadata-auth.openmetadata-auth';
export const SOURCE = 'openmetadata';
/** How long an event may take before the test fails with a message saying what was awaited. */
export const EVENT_TIMEOUT_MS = Number(process.env.OM_AUTH_EVENT_TIMEOUT_MS || 20_000);

/** A file of the fixture workspace (test/fixtures/workspace), whatever the URI scheme (file, or vscode-remote in code-server). */
export function fixtureUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open: runTests must open test/fixtures/workspace');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Opens a file in a pinned editor (a preview editor would be replaced, and closing its tab stops diagnostics). */
export async function openEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

export const codeOf = (d: vscode.Diagnostic): string | undefined =>
  typeof d.code === 'object' && d.code !== null ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);

/** Our diagnostics of a file (source `openmetadata`). */
export const ours = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);

export const describeDiagnostics = (list: vscode.Diagnostic[]): string =>
  list.length ? list.map((d) => `${codeOf(d)}@${d.range.start.line + 1}:${d.range.start.character + 1}`).join(', ') : '(none)';

/**
 * Resolves with our diagnostics of `uri` once `accept` holds for them: checked now, then on every
 * `onDidChangeDiagnostics` event that names `uri`. Fails after EVENT_TIMEOUT_MS with `what` and the last diagnostics seen.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  accept: (list: vscode.Diagnostic[]) => boolean,
  timeoutMs = EVENT_TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  const key = uri.toString();
  return new Promise((resolve, reject) => {
    const check = () => {
      const list = ours(uri);
      if (!accept(list)) return false;
      done();
      resolve(list);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      done();
      reject(
        new Error(
          `timed out after ${timeoutMs / 1000}s waiting for ${what} in ${vscode.workspace.asRelativePath(uri)}; its diagnostics from "${SOURCE}": ${describeDiagnostics(ours(uri))}`,
        ),
      );
    }, timeoutMs);
    function done() {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

export const hasCode = (code: string) => (list: vscode.Diagnostic[]) => list.some((d) => codeOf(d) === code);

/** The 0-based line of the first line containing `needle`. */
export function lineOf(document: vscode.TextDocument, needle: string): number {
  for (let line = 0; line < document.lineCount; line++) if (document.lineAt(line).text.includes(needle)) return line;
  assert.fail(`"${needle}" is not in ${vscode.workspace.asRelativePath(document.uri)}`);
}

/**
 * The quick fixes VS Code offers at a diagnostic's range (the request the light bulb makes). `vscode.executeCodeActionProvider`
 * drops `CodeAction.diagnostics`, so fixes of other diagnostics on the same range are included: tests pick by title.
 */
export async function quickFixesAt(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    )) ?? [];
  return actions.filter((a): a is vscode.CodeAction => typeof a.command !== 'string');
}

/** Applies a code action as the light bulb does: its workspace edit, then its command. */
export async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `VS Code refused the edit of "${action.title}"`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** Reverts every modified document (fixtures are never saved) and closes all editors. */
export async function revertAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.ok(!document.isDirty, `could not revert ${vscode.workspace.asRelativePath(document.uri)}`);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Text of a hover's contents, markdown or plain. */
export const hoverText = (hovers: vscode.Hover[]): string =>
  hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');

export const hintLabel = (hint: vscode.InlayHint): string => (typeof hint.label === 'string' ? hint.label : hint.label.map((p) => p.value).join(''));

export const completionLabel = (item: vscode.CompletionItem): string => (typeof item.label === 'string' ? item.label : item.label.label);

/** Undoes until the text is `original` again (one step per edit made), waiting on each document change. */
export async function undoTo(document: vscode.TextDocument, original: string, steps: number): Promise<void> {
  for (let i = 0; i < steps; i++) {
    const changed = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === document) {
          sub.dispose();
          resolve();
        }
      });
    });
    await vscode.commands.executeCommand('undo');
    await changed;
  }
  assert.equal(document.getText(), original, 'undo did not restore the file byte for byte');
}
