// Create Keycloak Client for OpenMetadata… and Insert Keycloak Settings: plan, preview, apply, then edit the file.
import * as vscode from 'vscode';
import type { CanonicalValue, CreateClientArgs } from '../../../common/protocol';
import type { KeycloakGateway } from '../../../keycloak/gateway';
import { clientWarnings, desiredClient, describePlan, planClient, planWarnings } from '../../../keycloak/plan';
import { applyPlan, undoApply } from '../../../keycloak/provision';
import { commandSettings, defaultsFrom, flowChoices } from '../../../keycloak/settings';
import type { ClientRepresentation, Flow } from '../../../keycloak/types';
import { trimSlash } from '../../../common/keycloakUrls';
import { connectKeycloak } from './connectKeycloak';
import { isDotenvDocument, offerSecret } from './secret';
import type { SecretAction } from './secret';
import type { Services } from './services';
import { applyValues, Cancelled, orCancel, previewValues, readValues, targetDocument, UserError } from './services';
import { showFilePreview } from './preview';

export type { CreateClientArgs };

export interface CreateClientResult {
  realm: string;
  clientId: string;
  flow: Flow;
  keycloak: 'created' | 'updated' | 'unchanged';
  fileChanged: string[];
}

const MASTER_REASON = 'the master realm is for administering Keycloak only; OpenMetadata needs a realm of its own (OpenMetadata docs)';
const FLOWS: { flow: Flow; label: string; detail: string }[] = [
  { flow: 'implicit', label: 'Implicit (public "SPA" client: client ID only)', detail: 'The browser signs in; no secret. OpenMetadata clientType: public.' },
  {
    flow: 'authCode',
    label: 'Auth Code (confidential "Web" client: client ID and secret)',
    detail: 'The OpenMetadata server signs in with a secret. clientType: confidential + oidcConfiguration.',
  },
];

/** The signed-in gateway, asking to connect first when there are no stored credentials. */
async function gatewayOf(services: Services): Promise<KeycloakGateway> {
  const current = await services.keycloak.current();
  if (current) return current;
  const choice = await vscode.window.showInformationMessage('Connect to Keycloak first: the command needs an admin account.', 'Connect…');
  if (choice !== 'Connect…') throw new Cancelled();
  await connectKeycloak(services);
  return orCancel(await services.keycloak.current());
}

/** The realm to use, and whether it is new: a new realm is only planned here, created once the person applies. */
async function pickRealm(gateway: KeycloakGateway, args: CreateClientArgs, suggested?: string): Promise<{ realm: string; isNew: boolean }> {
  const realms = (await gateway.listRealms()).map((r) => r.realm);
  let realm = args.realm;
  let createRealm = args.createRealm;
  if (!realm) {
    const NEW = '$(add) Create a new realm…';
    const items = [
      ...realms.filter((r) => r !== 'master').map((r) => ({ label: r, description: r === suggested ? 'from the open file' : undefined })),
      { label: NEW, description: 'OpenMetadata needs a realm of its own' },
    ];
    items.sort((a, b) => Number(b.description === 'from the open file') - Number(a.description === 'from the open file'));
    const picked = orCancel(
      await vscode.window.showQuickPick(items, {
        title: 'Create Keycloak Client (1/4): realm',
        placeHolder: 'master is not offered: it is for administration only',
        ignoreFocusOut: true,
      }),
    ).label;
    if (picked === NEW) {
      realm = orCancel(
        await vscode.window.showInputBox({
          title: 'New realm name',
          value: 'openmetadata',
          ignoreFocusOut: true,
          validateInput: (v) => (/^[A-Za-z0-9._-]+$/.test(v) ? (v === 'master' ? MASTER_REASON : undefined) : 'Letters, digits, dot, dash and underscore'),
        }),
      );
      createRealm = true;
    } else realm = picked;
  }
  if (realm === 'master') throw new UserError(`Pick another realm: ${MASTER_REASON}.`);
  const isNew = !realms.includes(realm);
  if (isNew && !createRealm) throw new UserError(`Realm "${realm}" does not exist in ${gateway.url}; create it or pick an existing one.`);
  return { realm, isNew };
}

/** Creates or repairs the client for the chosen flow, then writes the settings into the file (only after Keycloak succeeded). */
export async function createKeycloakClient(services: Services, args: CreateClientArgs = {}): Promise<CreateClientResult | undefined> {
  const document = await targetDocument(args.uri);
  const read = await readValues(services, document);
  if (!read.shape)
    throw new UserError(`${vscode.workspace.asRelativePath(document.uri)} is not an OpenMetadata config, so there is nowhere to write the settings.`);
  const gateway = await gatewayOf(services);
  const defaults = defaultsFrom(read.values, gateway.url);
  const { realm, isNew: newRealm } = await pickRealm(gateway, args, defaults.realm);
  const flow =
    args.flow ??
    orCancel(await vscode.window.showQuickPick(flowChoices(FLOWS, defaults.flow), { title: 'Create Keycloak Client (2/4): login flow', ignoreFocusOut: true }))
      .flow;
  const clientId =
    args.clientId ??
    orCancel(
      await vscode.window.showInputBox({
        title: 'Create Keycloak Client (3/4): client ID',
        value: defaults.clientId ?? 'openmetadata',
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : 'A client ID is needed'),
      }),
    );
  const omUrl = trimSlash(
    args.omUrl ??
      orCancel(
        await vscode.window.showInputBox({
          title: "Create Keycloak Client (4/4): OpenMetadata's URL, as the browser sees it",
          value: defaults.omUrl ?? 'http://localhost:8585',
          ignoreFocusOut: true,
          validateInput: (v) => (/^https?:\/\/[^/\s]+/.test(v.trim()) ? undefined : 'A URL such as https://openmetadata.example.org'),
        }),
      ),
  );

  const existing = newRealm ? undefined : await gateway.findClient(realm, clientId);
  const plan = planClient(existing, desiredClient({ flow, clientId, omUrl }));
  const values = commandSettings({ kcUrl: gateway.url, realm, clientId, flow, omUrl }, read.values, { shape: read.shape, dotenv: isDotenvDocument(document) });
  const keycloakLines = [...(newRealm ? [`Create realm '${realm}'.`] : []), ...describePlan(plan, realm)];
  const file = vscode.workspace.asRelativePath(document.uri);
  const preview = await planFile(services, document, read.version, values);
  services.log.info(`Plan for ${clientId} in ${realm}:\n  ${keycloakLines.join('\n  ')}\n  ${file}: ${preview.names.join(', ') || 'nothing to change'}`);
  const keycloakState = plan.action === 'create' ? 'created' : plan.action === 'update' ? 'updated' : 'unchanged';

  let confirmTypeChange = false;
  if (!args.confirm) {
    if (plan.action === 'none' && !preview.names.length) {
      const said = `Keycloak client "${clientId}" in realm ${realm} and ${file} already fit the ${flowName(flow)} flow: nothing to change.`;
      const warnings = planWarnings(plan);
      if (warnings.length) void vscode.window.showWarningMessage(`${said} ${warnings.join(' ')}`);
      else void vscode.window.showInformationMessage(said);
      return { realm, clientId, flow, keycloak: 'unchanged', fileChanged: [] };
    }
    const typeChange = plan.action === 'update' && plan.typeChange;
    const apply = typeChange ? 'Change Client Type and Apply' : 'Apply';
    // An existing confidential client keeps its secret; rotating it is a separate, explicit choice.
    const regenerate = flow === 'authCode' && plan.action !== 'create' && !typeChange ? 'Apply and Regenerate Secret' : undefined;
    const choice = await withFilePreview(document, preview, `${file}: Keycloak settings (preview)`, () =>
      vscode.window.showInformationMessage(
        `${plan.action === 'create' ? 'Create' : plan.action === 'update' ? 'Update' : 'Use'} Keycloak client "${clientId}" (${flowName(flow)})?`,
        {
          modal: true,
          detail: `Keycloak (${gateway.url}, realm ${realm}):\n${keycloakLines.join('\n')}\n\n${fileSummary(file, preview.names, preview.others)}`,
        },
        ...(regenerate ? [apply, regenerate] : [apply]),
      ),
    );
    if (choice !== apply && (!regenerate || choice !== regenerate)) return undefined;
    if (choice === regenerate) args = { ...args, regenerateSecret: true };
    confirmTypeChange = typeChange;
  } else confirmTypeChange = true;

  // Nothing in Keycloak changes before Apply; a failure after it takes back what this run created (a new realm holds
  // the new client, so removing the realm removes both).
  let result: Awaited<ReturnType<typeof applyPlan>> | undefined;
  let realmMade = false; // a realm someone else made meanwhile (409) is not ours to remove
  let fileChanged: string[];
  try {
    result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Keycloak: ${newRealm ? `creating realm ${realm} and ` : ''}${plan.action === 'create' ? 'creating' : plan.action === 'update' ? 'updating' : 'checking'} client ${clientId}…`,
      },
      async () => {
        if (newRealm) {
          await gateway.createRealm(realm);
          realmMade = true;
        }
        return applyPlan(gateway, realm, plan, { regenerateSecret: args.regenerateSecret, confirmTypeChange });
      },
    );
    fileChanged = await writeSettings(services, document, read.version, values);
  } catch (error) {
    const undone = await undoRun(services, gateway, realm, realmMade, result);
    // Keycloak keeps what this run made (and a rotated secret is the only one that works now): the secret is offered
    // rather than lost with the error.
    if (!undone && result?.secret) await offerSecret(services, document, read.shape, result.secret, undefined, clientId).catch(() => undefined);
    throw error;
  }
  if (result?.secret) await offerSecret(services, document, read.shape, result.secret, args.secretAction, clientId);
  const summary: CreateClientResult = { realm, clientId, flow, keycloak: keycloakState, fileChanged };
  services.log.info(
    `Client ${clientId} in realm ${realm}: ${summary.keycloak}; ${fileChanged.length ? `${fileChanged.length} settings written to ${file}` : `nothing to change in ${file}`}.`,
  );
  if (!args.confirm)
    void vscode.window.showInformationMessage(
      `Keycloak client "${clientId}" ${summary.keycloak} in realm ${realm}; ${fileChanged.length ? `${fileChanged.length} setting${fileChanged.length === 1 ? '' : 's'} written to ${file}` : `nothing to change in ${file}`}.`,
    );
  return summary;
}

/**
 * Takes back what a failed run did in Keycloak: a realm it made, a client it made or updated, a secret it rotated. A
 * failure to do so is logged beside the original error, never hides it; returns whether Keycloak is as it was.
 */
async function undoRun(
  services: Services,
  gateway: KeycloakGateway,
  realm: string,
  realmMade: boolean,
  result: Awaited<ReturnType<typeof applyPlan>> | undefined,
): Promise<boolean> {
  try {
    if (realmMade) await gateway.deleteRealm(realm);
    else if (result) await undoApply(gateway, realm, result);
    return true;
  } catch (error) {
    services.log.error(`Could not take back what the failed run changed in realm ${realm}: ${(error as Error).message}`);
    return false;
  }
}

const flowName = (flow: Flow) => (flow === 'implicit' ? 'Implicit, public client' : 'Auth Code, confidential client');

/** One line for the modal: the keys as the file names them; the values are in the diff editor beside it. */
function fileSummary(file: string, names: string[], others: { label: string; names: string[] }[] = []): string {
  if (!names.length) return `${file}: nothing to change.`;
  const also = others.map((o) => `\n${o.label}: passes ${o.names.join(', ')} to the OpenMetadata server (compose would not hand them on otherwise).`);
  return `${file}: ${names.length} setting${names.length === 1 ? '' : 's'} change, shown in the diff editor: ${names.join(', ')}.${also.join('')}`;
}

/** What the values would change in the file; a refusal (stale, not a config) becomes the same error as writing. */
async function planFile(
  services: Services,
  document: vscode.TextDocument,
  version: number,
  values: CanonicalValue[],
): Promise<{ names: string[]; text: string; others: { label: string; names: string[] }[] }> {
  const result = await previewValues(services, document, version, values);
  if (result.reason) throw notWritten(document, result);
  return { names: result.names ?? [], text: result.text ?? document.getText(), others: result.others ?? [] };
}

/** Shows the file's diff while `ask` runs (only when the file changes), then brings the file itself back. */
async function withFilePreview<T>(
  document: vscode.TextDocument,
  preview: { names: string[]; text: string },
  title: string,
  ask: () => Thenable<T>,
): Promise<T> {
  const shown = preview.names.length ? await showFilePreview(document, preview.text, title) : undefined;
  try {
    return await ask();
  } finally {
    shown?.dispose();
    if (shown) await vscode.window.showTextDocument(document);
  }
}

function notWritten(document: vscode.TextDocument, result: { reason?: string; detail?: string }): UserError {
  const why = {
    stale: 'the file changed while the command ran',
    'not-a-config': 'it is not an OpenMetadata config',
    'not-open': 'it is not open',
    rejected: 'the editor refused the edit',
    invalid: `the language server refused the values (${result.detail ?? 'malformed request'})`,
  }[result.reason ?? 'rejected'];
  return new UserError(`The settings were not written to ${vscode.workspace.asRelativePath(document.uri)}: ${why}. Run the command again.`);
}

/** Applies the settings through the server; a stale or refused edit becomes a clear error. */
async function writeSettings(services: Services, document: vscode.TextDocument, version: number, values: CanonicalValue[]): Promise<string[]> {
  const result = await applyValues(services, document, version, values);
  if (result.applied) return result.changed ?? [];
  throw notWritten(document, result);
}

export interface InsertSettingsArgs {
  uri?: string;
  realm?: string;
  clientId?: string;
  omUrl?: string;
  secretAction?: SecretAction;
  /** Skip the preview confirmation (tests, other extensions). */
  confirm?: boolean;
  /** With `confirm`: the file may switch flow to the client's; without it a mismatch is refused. */
  allowFlowChange?: boolean;
}

/** Writes the settings of an existing Keycloak client into the open file in its own shape, after a preview. */
export async function insertKeycloakSettings(services: Services, args: InsertSettingsArgs = {}): Promise<string[] | undefined> {
  const document = await targetDocument(args.uri);
  const read = await readValues(services, document);
  if (!read.shape) throw new UserError(`${vscode.workspace.asRelativePath(document.uri)} is not an OpenMetadata config.`);
  const file = vscode.workspace.asRelativePath(document.uri);
  const gateway = await gatewayOf(services);
  const defaults = defaultsFrom(read.values, gateway.url);
  const { realm } = await pickRealm(gateway, { realm: args.realm ?? defaults.realm }, defaults.realm);
  const clientId =
    args.clientId ??
    orCancel(await vscode.window.showInputBox({ title: `Client ID in realm ${realm}`, value: defaults.clientId ?? 'openmetadata', ignoreFocusOut: true }));
  const client: ClientRepresentation | undefined = await gateway.findClient(realm, clientId);
  if (!client) throw new UserError(`Realm ${realm} has no client "${clientId}"; run "Create Keycloak Client for OpenMetadata…" to create it.`);
  const flow: Flow = client.publicClient ? 'implicit' : 'authCode';
  // The client decides the flow; a file on the other flow is switched only when the user says so.
  const switching = defaults.flow !== undefined && defaults.flow !== flow ? defaults.flow : undefined;
  const omUrl = trimSlash(
    args.omUrl ??
      defaults.omUrl ??
      client.rootUrl ??
      client.redirectUris?.map((u) => u.replace(/\/(callback|\*)$/, '')).find((u) => /^https?:/.test(u)) ??
      'http://localhost:8585',
  );
  const values = commandSettings({ kcUrl: gateway.url, realm, clientId, flow, omUrl }, read.values, { shape: read.shape, dotenv: isDotenvDocument(document) });
  const preview = await planFile(services, document, read.version, values);
  const what = `the settings of Keycloak client "${clientId}" (realm ${realm}, ${flowName(flow)})`;
  // The file will trust this client as it is: what it admits beyond OpenMetadata is said before anything is written.
  const warnings = clientWarnings(client);
  services.log.info(
    `Insert Keycloak Settings: ${what} into ${file}${switching ? ` (the file is ${flowName(switching)})` : ''}: ${preview.names.join(', ') || 'nothing to change'}.`,
  );
  if (switching && args.confirm && !args.allowFlowChange) {
    throw new UserError(
      `${file} uses the ${flowName(switching)} flow, but client "${clientId}" in realm ${realm} is ${flowName(flow)}: its settings would switch the file's flow. Pick a client of the file's flow, or run "Create Keycloak Client for OpenMetadata…" to make one.`,
    );
  }
  if (!args.confirm) {
    if (!preview.names.length) {
      const said = `${file} already has ${what}: nothing to change.`;
      if (warnings.length) void vscode.window.showWarningMessage(`${said} ${warnings.join(' ')}`);
      else void vscode.window.showInformationMessage(said);
      return [];
    }
    const write = switching ? `Switch to ${flow === 'implicit' ? 'Implicit' : 'Auth Code'} and Write` : 'Write';
    const choice = await withFilePreview(document, preview, `${file}: settings of ${clientId} (preview)`, () =>
      vscode.window.showInformationMessage(
        `Write ${what} into ${file}?`,
        {
          modal: true,
          detail: `${switching ? `This switches the file from the ${flowName(switching)} flow to ${flowName(flow)}.\n\n` : ''}${fileSummary(file, preview.names, preview.others)}${warnings.length ? `\n\n${warnings.join('\n')}` : ''}`,
        },
        write,
      ),
    );
    if (choice !== write) return undefined;
  }
  const changed = await writeSettings(services, document, read.version, values);
  if (flow === 'authCode' && client.id)
    await offerSecret(services, document, read.shape, await gateway.getClientSecret(realm, client.id), args.secretAction, clientId);
  if (!args.confirm)
    void vscode.window.showInformationMessage(
      `Wrote ${changed.length} setting${changed.length === 1 ? '' : 's'} of client "${clientId}" (${flowName(flow)}) to ${file}.`,
    );
  return changed;
}
