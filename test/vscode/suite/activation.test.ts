// Activation on an OpenMetadata config, diagnostics with stable codes, and silence on an unrelated YAML file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { serverSettings } from '../../../client/src/config';
import {
  EXTENSION_ID,
  codeOf,
  completionLabel,
  describeDiagnostics,
  fixtureUri,
  hasCode,
  hoverText,
  lineOf,
  openEditor,
  ours,
  revertAll,
  waitForDiagnostics,
} from './helpers';

suite('activation and diagnostics', () => {
  teardown(revertAll);

  test('environment info', () => {
    const ui = vscode.env.uiKind === vscode.UIKind.Web ? 'Web' : 'Desktop';
    console.log(
      `environment info: vscode ${vscode.version}, appName ${vscode.env.appName}, remoteName ${vscode.env.remoteName ?? '(local)'}, uiKind ${ui}, node ${process.version}`,
    );
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

  test('the settings the server is started with are the workspace settings, as plain JSON (issue 23)', async () => {
    const config = vscode.workspace.getConfiguration('openmetadataAuth');
    await config.update('openmetadataVersion', '1.6', vscode.ConfigurationTarget.Workspace);
    try {
      const snapshot = serverSettings();
      assert.equal(snapshot.openmetadataVersion, '1.6');
      // What goes into the initialize request survives a JSON round trip unchanged.
      assert.deepEqual(JSON.parse(JSON.stringify(snapshot)), snapshot);
    } finally {
      await config.update('openmetadataVersion', undefined, vscode.ConfigurationTarget.Workspace);
    }
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
      const inWorkflow = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        workflow,
        new vscode.Position(jobLine, 4),
      );
      const foreign = inWorkflow.items.filter((i) => i.kind !== vscode.CompletionItemKind.Text);
      assert.deepEqual(foreign.map(completionLabel), [], 'ci.yml got language completion items');
      // The same kind of request in the config does get ours (so the request itself works).
      const configDoc = await vscode.workspace.openTextDocument(config);
      const inConfig = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        config,
        new vscode.Position(lineOf(configDoc, '  clientId:'), 2),
      );
      assert.ok(
        inConfig.items.some((i) => i.kind === vscode.CompletionItemKind.Property),
        'control: openmetadata.yaml got no key completions',
      );
    } finally {
      spy.dispose();
    }
  });

  test('serves configs in the languages VS Code gives them: a compose file (Compose) and a .env file (Properties)', async () => {
    const compose = fixtureUri('docker-compose.yml');
    const editor = await openEditor(compose);
    // The id VS Code itself assigns: if it ever changes, this says so instead of passing on a file opened as YAML.
    assert.equal(editor.document.languageId, 'dockercompose');
    const list = await waitForDiagnostics(compose, 'missing-idp-jwks in the compose file', hasCode('missing-idp-jwks'));
    assert.equal(list.find((d) => codeOf(d) === 'missing-idp-jwks')!.range.start.line, lineOf(editor.document, 'AUTHENTICATION_PUBLIC_KEYS:'));

    const provider = lineOf(editor.document, 'AUTHENTICATION_PROVIDER:');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', compose, new vscode.Position(provider, 8));
    assert.match(hoverText(hovers), /provider/i, 'no hover on AUTHENTICATION_PROVIDER in the compose file');
    // A new variable in the server's environment block is completed with OpenMetadata's names.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(compose, new vscode.Position(provider, 0), '      AUTHENTICATION_\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const names = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      compose,
      new vscode.Position(provider, 21),
    );
    assert.ok(
      names.items.map(completionLabel).includes('AUTHENTICATION_JWT_PRINCIPAL_CLAIMS'),
      `no env var names offered: ${names.items.map(completionLabel).slice(0, 10).join(', ')}`,
    );
    const undo = new vscode.WorkspaceEdit();
    undo.delete(compose, new vscode.Range(provider, 0, provider + 1, 0));
    assert.ok(await vscode.workspace.applyEdit(undo));

    // "Change Language Mode → YAML" reopens the document; it stays served.
    const asYaml = await vscode.languages.setTextDocumentLanguage(editor.document, 'yaml');
    assert.equal(asYaml.languageId, 'yaml');
    await waitForDiagnostics(compose, 'missing-idp-jwks after switching the compose file to YAML', hasCode('missing-idp-jwks'));

    const env = fixtureUri('.env');
    const envEditor = await openEditor(env);
    assert.equal(envEditor.document.languageId, 'properties');
    await waitForDiagnostics(env, 'confidential-client-without-secret in .env', hasCode('confidential-client-without-secret'));
  });
});
