// Check Configuration against Keycloak: discovery, JWKS and (when connected) the client, reported as diagnostics with fixes.
import { plainText } from '../../../common/plainText';
import * as vscode from 'vscode';
import { readConfig } from '../config';
import { checkAgainstKeycloak, checkVerdict } from '../../../keycloak/check';
import { Commands, DiagnosticSource, Paths } from '../../../common/protocol';
import type { Finding } from '../../../keycloak/check';
import { createFetchJson } from '../../../keycloak/http';
import type { ClientRepresentation } from '../../../keycloak/types';
import { parseRealmUrl, trimSlash } from '../../../common/keycloakUrls';
import type { Services } from './services';
import { applyValues, readValues, targetDocument, UserError } from './services';

export const KEYCLOAK_SOURCE = 'openmetadata-keycloak';

/** The findings of the last check per document, for their quick fixes. */
const findingsByUri = new Map<string, { diagnostic: vscode.Diagnostic; finding: Finding }[]>();

/** The collection of check findings; it and its listener go with `subscriptions` when the extension is deactivated. */
export function createCheckDiagnostics(subscriptions: vscode.Disposable[]): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection(KEYCLOAK_SOURCE);
  // A check describes the file as it was; once the file changes the findings may be wrong, so they go.
  const changes = vscode.workspace.onDidChangeTextDocument((event) => {
    if (event.contentChanges.length && collection.has(event.document.uri)) {
      collection.delete(event.document.uri);
      findingsByUri.delete(event.document.uri.toString());
    }
  });
  subscriptions.push(collection, changes);
  return collection;
}

export async function checkKeycloak(services: Services, collection: vscode.DiagnosticCollection, args: { uri?: string } = {}): Promise<Finding[]> {
  const document = await targetDocument(args.uri);
  const read = await readValues(services, document);
  if (!read.shape) throw new UserError(`${vscode.workspace.asRelativePath(document.uri)} is not an OpenMetadata config.`);
  const gateway = await services.keycloak.current().catch(() => undefined);
  const caFile = readConfig().keycloak.caFile;
  const fetchJson = gateway?.fetchJson ?? createFetchJson({ caFile });
  let client: ClientRepresentation | null | undefined;
  const authority = read.values[Paths.authority];
  const realmUrl = typeof authority === 'string' ? parseRealmUrl(authority) : undefined;
  const clientId = read.values[Paths.clientId];
  // The client is only looked up in the Keycloak we are signed in to.
  if (gateway && realmUrl && typeof clientId === 'string' && trimSlash(realmUrl.kcUrl) === trimSlash(gateway.url)) {
    client = (await gateway.findClient(realmUrl.realm, clientId)) ?? null;
  }
  const findings = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Checking against Keycloak…' }, () =>
    checkAgainstKeycloak({ values: read.values, fetchJson, client }),
  );
  const entries = findings.map((finding) => {
    const r = read.ranges[finding.path] ?? read.ranges[Paths.authority];
    const range = r ? new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) : new vscode.Range(0, 0, 0, 0);
    const diagnostic = new vscode.Diagnostic(
      range,
      plainText(finding.message),
      finding.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
    );
    diagnostic.source = KEYCLOAK_SOURCE;
    diagnostic.code = finding.code;
    return { diagnostic, finding };
  });
  collection.set(
    document.uri,
    entries.map((e) => e.diagnostic),
  );
  findingsByUri.set(document.uri.toString(), entries);
  // The file's own errors (the language server's) belong in the verdict: "agrees with Keycloak" over them misleads.
  const fileErrors = vscode.languages
    .getDiagnostics(document.uri)
    .filter((d) => d.source === DiagnosticSource && d.severity === vscode.DiagnosticSeverity.Error)
    .map((d) => d.message.split(/(?<=\.)\s/)[0]);
  const verdict = checkVerdict(vscode.workspace.asRelativePath(document.uri), findings, fileErrors, client !== undefined);
  services.log.info(`Check Configuration: ${verdict.text}`);
  void (verdict.level === 'info' ? vscode.window.showInformationMessage(verdict.text) : vscode.window.showWarningMessage(verdict.text));
  return findings;
}

/** Fixes of check findings: the file side (values from Keycloak) and, when connected, repairing the client. */
export class CheckFixes implements vscode.CodeActionProvider {
  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const entries = findingsByUri.get(document.uri.toString()) ?? [];
    const actions: vscode.CodeAction[] = [];
    for (const { diagnostic, finding } of entries) {
      if (!context.diagnostics.includes(diagnostic)) continue;
      if (finding.fix) {
        const action = new vscode.CodeAction(`Set ${finding.fix.path.split('.').pop()} from Keycloak`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        action.command = { title: action.title, command: Commands.applyCheckFix, arguments: [document.uri.toString(), finding] };
        actions.push(action);
      }
      if (finding.code.startsWith('kc-client') || finding.code === 'kc-flow-disabled' || finding.code === 'kc-redirect-not-registered') {
        const action = new vscode.CodeAction('Repair the client in Keycloak…', vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.command = { title: action.title, command: Commands.createKeycloakClient, arguments: [{ uri: document.uri.toString(), fromQuickFix: true }] };
        actions.push(action);
      }
    }
    return actions;
  }

  static async apply(services: Services, uri: string, finding: Finding): Promise<void> {
    if (!finding.fix) return;
    const document = await targetDocument(uri);
    const read = await readValues(services, document);
    await applyValues(services, document, read.version, [finding.fix]);
  }
}
