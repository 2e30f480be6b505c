// Activation on an OpenMetadata config, diagnostics with stable codes, and silence on an unrelated YAML file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeOf, completionLabel, describeDiagnostics, fixtureUri, hasCode, lineOf, openEditor, ours, revertAll, waitForDiagnostics } from './helpers';

suite('activation and diagnostics', () => {
  teardown(revertAll);

  test('environment info', () => {
    const ui = vscode.env.uiKind === vscode.UIKind.Web ? 'Web' : 'Desktop';
    console.log(`environment info: vscode ${vscode.version}, appName ${vscode.env.appName}, remoteName ${vscode.env.remoteName ?? '(local)'}, uiKind ${ui}, node ${process.version}`);
  });

  test('activates on openmetadata.yaml and reports diagnostics with source "openmetadata" and stable codes', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    const uri = fixtureUri('openmetadata.yaml');
    const editor = await openEditor(uri);
    assert.equal(editor.document.languageId, 'yaml');
    // Diagnostics arriving at all means the extension activated (by its activation events, not by this test) and its server answers.
    const list = await waitForDiagnostics(uri, 'an invalid-value diagnostic', hasCode('invalid-value'));
    assert.ok(extension.isActive, 'diagnostics arrived but the extension is not active');
    for (const d of list) assert.match(codeOf(d) ?? '', /^[a-z]+(-[a-z]+)*$/, `code of "${d.message}" is not a stable kebab-case code`);
    const invalid = list.find((d) => codeOf(d) === 'invalid-value')!;
    const line = lineOf(editor.document, 'provider: customOidc');
    assert.equal(invalid.range.start.line, line, `invalid-value should be on line ${line + 1} (provider), got ${describeDiagnostics([invalid])}`);
    assert.equal(editor.document.getText(invalid.range), 'customOidc');
    assert.equal(invalid.severity, vscode.DiagnosticSeverity.Error);
    assert.match(invalid.message, /custom-oidc/, 'the message should name the valid value');
    console.log(`    openmetadata.yaml: ${describeDiagnostics(list)}`);
  });

  test('stays silent on an unrelated YAML file (GitHub Actions workflow): no diagnostics, no completion', async () => {
    const workflow = fixtureUri('.github', 'workflows', 'ci.yml');
    const config = fixtureUri('openmetadata.yaml');
    const seen: string[] = [];
    const spy = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === workflow.toString()) && ours(workflow).length) seen.push(describeDiagnostics(ours(workflow)));
    });
    try {
      const ci = await openEditor(workflow);
      // Give the workflow keys an OpenMetadata config would be checked for: a server that mistook it for one would complain.
      const edit = new vscode.WorkspaceEdit();
      edit.insert(workflow, new vscode.Position(ci.document.lineCount, 0), 'provider: customOidc\nclientType: public\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      // The client pulls diagnostics over one ordered connection: once the config opened *after* the workflow has its
      // diagnostics, the workflow's answer has been applied too. No sleep needed.
      await openEditor(config);
      await waitForDiagnostics(config, 'the diagnostics of openmetadata.yaml (opened after ci.yml)', hasCode('invalid-value'));
      assert.deepEqual(ours(workflow), [], `ci.yml got diagnostics from "openmetadata": ${describeDiagnostics(ours(workflow))}`);
      assert.deepEqual(seen, [], `ci.yml had diagnostics from "openmetadata" at some point: ${seen.join(' | ')}`);

      // Completion: at a key position in the workflow, nothing but VS Code's own word suggestions (kind Text).
      const jobLine = lineOf(ci.document, 'runs-on:');
      const inWorkflow = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', workflow, new vscode.Position(jobLine, 4));
      const foreign = inWorkflow.items.filter((i) => i.kind !== vscode.CompletionItemKind.Text);
      assert.deepEqual(foreign.map(completionLabel), [], 'ci.yml got language completion items');
      // The same kind of request in the config does get ours (so the request itself works).
      const configDoc = await vscode.workspace.openTextDocument(config);
      const inConfig = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', config, new vscode.Position(lineOf(configDoc, '  clientId:'), 2));
      assert.ok(inConfig.items.some((i) => i.kind === vscode.CompletionItemKind.Property), 'control: openmetadata.yaml got no key completions');
    } finally {
      spy.dispose();
    }
  });
});
