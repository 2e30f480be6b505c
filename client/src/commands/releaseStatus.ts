// The language status item "OpenMetadata 1.6, from docker-compose.yml": which release the open config is checked against.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReleaseRequest } from '../../../common/protocol';
import type { ReleaseResult } from '../../../common/protocol';

/** "1.6" of "1.6.4": the status names the release line, the detail the exact tag. */
const line = (version: string) => version.split('.').slice(0, 2).join('.');

export function describeRelease(release: ReleaseResult): { text: string; detail: string } {
  if (release.source === 'setting') return { text: `OpenMetadata ${line(release.version)}`, detail: 'from the openmetadataAuth.openmetadataVersion setting' };
  if (release.source === 'detected')
    return { text: `OpenMetadata ${line(release.version)}, from ${release.evidence.split(' (')[0]}`, detail: release.evidence };
  return { text: `OpenMetadata ${release.version} (newest known)`, detail: 'nothing names the release this file runs; set it to check against yours' };
}

/** The item shows on the documents `selector` names; the caller keeps it in step with the client's selector. */
export function createReleaseStatus(client: LanguageClient, selector: vscode.DocumentSelector): vscode.Disposable & { item: vscode.LanguageStatusItem } {
  const item = vscode.languages.createLanguageStatusItem('openmetadataAuth.release', selector);
  item.name = 'OpenMetadata: release checked against';
  item.command = { title: 'Set the Release', command: 'workbench.action.openSettings', arguments: ['openmetadataAuth.openmetadataVersion'] };
  // A second item names the deployments the file is checked in, only while there are some; it opens their table.
  let deploymentItem: vscode.LanguageStatusItem | undefined;
  const showDeployments = (names: string[] | undefined) => {
    if (!names?.length) {
      deploymentItem?.dispose();
      deploymentItem = undefined;
      return;
    }
    deploymentItem ??= vscode.languages.createLanguageStatusItem('openmetadataAuth.deployment', selector);
    deploymentItem.name = 'OpenMetadata: deployment';
    deploymentItem.text = names.length === 1 ? `Deployment: ${names[0]}` : `${names.length} deployments`;
    deploymentItem.detail = `checked with the other files of ${names.join(', ')}`;
    deploymentItem.command = { title: 'Show Effective Configuration', command: 'openmetadataAuth.showEffectiveConfiguration' };
  };
  let asked = 0;
  const refresh = async () => {
    const document = vscode.window.activeTextEditor?.document;
    const ask = ++asked;
    const release = document ? await client.sendRequest(ReleaseRequest, { uri: document.uri.toString() }).catch(() => null) : null;
    if (ask !== asked) return; // a newer editor was activated meanwhile
    showDeployments(release?.deployments);
    if (!release) {
      item.text = 'OpenMetadata';
      item.detail = 'not an OpenMetadata config';
      return;
    }
    const { text, detail } = describeRelease(release);
    item.text = text;
    item.detail = detail;
  };
  void refresh();
  const disposable = vscode.Disposable.from(
    item,
    { dispose: () => deploymentItem?.dispose() },
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('openmetadataAuth.openmetadataVersion') && void refresh()),
    vscode.workspace.onDidSaveTextDocument(() => void refresh()),
    // A change of language mode reopens the document in the same editor: no editor change is announced.
    vscode.workspace.onDidOpenTextDocument((document) => document === vscode.window.activeTextEditor?.document && void refresh()),
  );
  return Object.assign(disposable, { item });
}
