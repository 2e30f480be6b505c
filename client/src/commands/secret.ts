// Where a confidential client's secret goes: the file keeps a reference; the value is offered, never logged.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { DefaultSecret, Paths } from '../../../common/protocol';
import type { ReadValuesResult, SecretAction } from '../../../common/protocol';
import { secretChoices, secretEdit, secretReleaseQuestion, withEnvVariable } from '../../../keycloak/settings';
import { isEnvFilePath } from '../selector';
import type { Services } from './services';
import { previewValues, readValues } from './services';

export type { SecretAction };

const SECRET_PATH = Paths.oidcSecret;
const ENV_VAR = DefaultSecret.envVar;
const K8S_SECRET = { name: DefaultSecret.secretName, key: DefaultSecret.secretKey, idKey: DefaultSecret.idKey };

export const isDotenvDocument = (document: vscode.TextDocument) => isEnvFilePath(document.uri.path);

/** Asks (or takes `action`) what to do with the secret the file references. */
export async function offerSecret(
  services: Services,
  document: vscode.TextDocument,
  shape: ReadValuesResult['shape'],
  secret: string,
  action?: SecretAction,
  clientId = '',
): Promise<void> {
  const dotenv = isDotenvDocument(document);
  const items: Record<SecretAction, vscode.QuickPickItem> = {
    reference: { label: 'Keep only the reference', description: shape === 'helm' ? `secretRef ${K8S_SECRET.name}/${K8S_SECRET.key}` : `\${${ENV_VAR}}` },
    clipboard: { label: 'Copy the secret to the clipboard' },
    dotenv: { label: dotenv ? 'Write it into this .env file' : 'Append it to a .env file beside this file', description: 'and offer to git-ignore it' },
    k8s: { label: 'Open a Kubernetes Secret manifest', description: `${K8S_SECRET.name} with key ${K8S_SECRET.key}` },
    literal: { label: 'Write the secret into this file in plain text', description: 'not recommended' },
  };
  // The person picks in the quick pick; a destination named by the arguments is asked about, as the call may come from
  // another extension and the secret would leave Keycloak.
  const question = action && secretReleaseQuestion(action, clientId);
  if (question) {
    const answer = await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, question.button);
    if (answer !== question.button) return;
  }
  const choice =
    action ??
    (
      await vscode.window.showQuickPick(
        secretChoices(shape, dotenv).map((a) => ({ ...items[a], action: a })),
        {
          title: 'The client secret',
          placeHolder: dotenv ? 'Where should the client secret go?' : 'The file references the secret; where should its value go?',
          ignoreFocusOut: true,
        },
      )
    )?.action ??
    // Dismissed: the file keeps what it has.
    'reference';
  switch (choice) {
    case 'reference':
      return;
    case 'clipboard':
      await vscode.env.clipboard.writeText(secret);
      void vscode.window.showInformationMessage(`The client secret is on the clipboard; store it as ${ENV_VAR} in your secret store.`);
      return;
    case 'literal':
      await writeLiteral(services, document, secret);
      return;
    case 'k8s': {
      const manifest = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${K8S_SECRET.name}\ntype: Opaque\nstringData:\n  ${K8S_SECRET.idKey}: ${JSON.stringify(clientId)}\n  ${K8S_SECRET.key}: ${JSON.stringify(secret)}\n`;
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'yaml', content: manifest }));
      void vscode.window.showWarningMessage('Apply this Secret with kubectl in the release namespace; do not commit it.');
      return;
    }
    case 'dotenv':
      await writeDotenv(document, secret);
  }
}

/**
 * Writes the secret into the config itself. The server (whose requests a verbose trace logs) computes the edit for a
 * random marker; the secret replaces the marker here, in one edit refused if the document changed meanwhile.
 */
async function writeLiteral(services: Services, document: vscode.TextDocument, secret: string): Promise<void> {
  const read = await readValues(services, document);
  const marker = `OM_AUTH_SECRET_${randomBytes(12).toString('hex')}`;
  const preview = await previewValues(services, document, read.version, [{ path: SECRET_PATH, value: marker }]);
  const edit = preview.text === undefined || document.version !== read.version ? undefined : secretEdit(document.getText(), preview.text, marker, secret);
  const change = new vscode.WorkspaceEdit();
  if (edit) change.replace(document.uri, new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.text);
  if (edit && (await vscode.workspace.applyEdit(change))) return;
  // Not lost: the person may still take it, by a click of their own.
  const why = preview.reason ?? (edit ? 'the editor refused the edit' : 'the file changed, or the secret cannot be written unquoted');
  const copy = 'Copy Secret';
  const choice = await vscode.window.showWarningMessage(
    `The client secret was not written into ${vscode.workspace.asRelativePath(document.uri)}: ${why}.`,
    copy,
  );
  if (choice === copy) await vscode.env.clipboard.writeText(secret);
}

/** Sets OIDC_CLIENT_SECRET in the .env beside the document (or in the document itself when it is one). */
async function writeDotenv(document: vscode.TextDocument, secret: string): Promise<void> {
  const target = isDotenvDocument(document) ? document.uri : vscode.Uri.joinPath(document.uri, '..', '.env');
  const line = `${ENV_VAR}=${secret}`;
  if (isDotenvDocument(document)) {
    const text = document.getText();
    const existing = new RegExp(`^${ENV_VAR}=.*$`, 'm').exec(text);
    const edit = new vscode.WorkspaceEdit();
    if (existing)
      edit.replace(document.uri, new vscode.Range(document.positionAt(existing.index), document.positionAt(existing.index + existing[0].length)), line);
    else edit.insert(document.uri, document.positionAt(text.length), `${text && !text.endsWith('\n') ? '\n' : ''}${line}\n`);
    await vscode.workspace.applyEdit(edit);
  } else {
    let text = '';
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    } catch {
      // No .env yet: it is created.
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(withEnvVariable(text, ENV_VAR, secret)));
  }
  await offerGitignore(target);
}

async function offerGitignore(envFile: vscode.Uri): Promise<void> {
  const folder = vscode.workspace.getWorkspaceFolder(envFile);
  if (!folder) return;
  const gitignore = vscode.Uri.joinPath(folder.uri, '.gitignore');
  let text = '';
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(gitignore));
  } catch {
    // No .gitignore yet.
  }
  const relative = vscode.workspace.asRelativePath(envFile, false);
  if (text.split(/\r?\n/).some((l) => ['.env', `/${relative}`, relative, '*.env', '.env*'].includes(l.trim()))) return;
  const add = await vscode.window.showWarningMessage(`${relative} now holds the client secret. Add it to .gitignore?`, 'Add to .gitignore');
  if (add) await vscode.workspace.fs.writeFile(gitignore, new TextEncoder().encode(`${text}${text && !text.endsWith('\n') ? '\n' : ''}${relative}\n`));
}
