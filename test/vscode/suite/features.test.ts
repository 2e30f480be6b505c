// Completion, hover and inlay hints answer in openmetadata.yaml through VS Code's own provider commands.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { completionLabel, fixtureUri, hasCode, hintLabel, hoverText, lineOf, openEditor, revertAll, waitForDiagnostics } from './helpers';

suite('completion, hover, inlay hints', () => {
  let editor: vscode.TextEditor;
  const uri = () => fixtureUri('openmetadata.yaml');

  setup(async () => {
    editor = await openEditor(uri());
    // The server has read the file once its diagnostics are in.
    await waitForDiagnostics(uri(), 'the first diagnostics of openmetadata.yaml', hasCode('invalid-value'));
  });
  teardown(revertAll);

  test('completion offers `authority` (missing) in authenticationConfiguration, not keys already present', async () => {
    const at = new vscode.Position(lineOf(editor.document, '  clientId: open-metadata'), 2);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri(), at);
    const labels = list.items.map(completionLabel);
    const authority = list.items.find((i) => completionLabel(i) === 'authority');
    assert.ok(authority, `no \`authority\` among: ${labels.join(', ')}`);
    assert.equal(authority.kind, vscode.CompletionItemKind.Property);
    assert.ok(!labels.includes('provider') && !labels.includes('clientType'), `keys already present are offered: ${labels.join(', ')}`);
  });

  test('hover on `provider` shows the key documentation', async () => {
    const line = lineOf(editor.document, 'provider: customOidc');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri(), new vscode.Position(line, 4));
    const text = hoverText(hovers);
    for (const part of ['**provider**', 'Keycloak uses `custom-oidc`', 'AUTHENTICATION_PROVIDER'])
      assert.ok(text.includes(part), `hover lacks ${part}: ${text}`);
  });

  test('inlay hint shows the effective value of `${AUTHENTICATION_CLIENT_TYPE:-public}` when placeholder values are asked for', async () => {
    const document = editor.document;
    const line = lineOf(document, 'clientType: ${AUTHENTICATION_CLIENT_TYPE:-public}');
    // Placeholder values are shown on request (openmetadataAuth.inlayHints.show); the server pulls the new setting.
    const config = vscode.workspace.getConfiguration('openmetadataAuth');
    await config.update('inlayHints.show', ['serverKey', 'placeholderValue'], vscode.ConfigurationTarget.Workspace);
    try {
      const deadline = Date.now() + 10_000;
      let onLine: string[] = [];
      while (Date.now() < deadline) {
        const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>(
          'vscode.executeInlayHintProvider',
          uri(),
          new vscode.Range(0, 0, document.lineCount, 0),
        );
        onLine = hints.filter((h) => h.position.line === line).map(hintLabel);
        if (onLine.length) break;
        // The server applies the setting once its configuration request returns: ask again shortly.
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.deepEqual(onLine, ['= public'], `hints on line ${line + 1}: ${JSON.stringify(onLine)}`);
    } finally {
      await config.update('inlayHints.show', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
