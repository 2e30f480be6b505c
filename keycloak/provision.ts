// Applies a client plan to Keycloak: create or update, read the secret, and take it all back when a step fails, in
// Keycloak or after it (the file write).
import { clientTypeConflict, clientVanished, toKeycloakError, withRollbackFailure } from './errors';
import type { KeycloakGateway } from './gateway';
import type { ClientPlan } from './plan';
import { missingScopes } from './plan';
import type { ClientRepresentation } from './types';

export type ProvisionGateway = Pick<
  KeycloakGateway,
  | 'url'
  | 'findClient'
  | 'createClient'
  | 'updateClient'
  | 'deleteClient'
  | 'getClientSecret'
  | 'regenerateClientSecret'
  | 'addDefaultClientScope'
  | 'removeDefaultClientScope'
>;

export interface ApplyOptions {
  /** Rotate the client secret. Never implied: OpenMetadata servers using the old one stop signing in. */
  regenerateSecret?: boolean;
  /** The user confirmed the public ↔ confidential change the plan flagged. */
  confirmTypeChange?: boolean;
}

export interface ApplyResult {
  client: ClientRepresentation;
  /** For confidential clients only. Goes into a secret store, never into logs or settings. */
  secret?: string;
  created: boolean;
  /** What the run changed, for undoApply; held in memory only (it may hold the secret before a rotation). */
  undo: Undo;
}

/** What one run changed in Keycloak, so it can be taken back. */
export interface Undo {
  /** A client this run created: removed whole. */
  createdId?: string;
  /** The existing client as found (without its secret). */
  before?: ClientRepresentation;
  /** Whether this run sent the client a new representation. */
  updated: boolean;
  /** Default scopes this run added to an existing client. */
  addedScopes: string[];
  /** The secret before this run rotated it, to put back. */
  previousSecret?: string;
  id?: string;
}

/** Throws a KeycloakError; a client created by this call is deleted again first. */
export async function applyPlan(gateway: ProvisionGateway, realm: string, plan: ClientPlan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const { desired } = plan;
  const clientId = desired.clientId ?? '';
  if (plan.action === 'update' && plan.typeChange && !options.confirmTypeChange) {
    throw clientTypeConflict(realm, clientId, plan.existing.publicClient ?? false, desired.publicClient ?? false, plan.existing.protocol);
  }

  const undo: Undo = { addedScopes: [], updated: false };
  try {
    let client: ClientRepresentation | undefined;
    if (plan.action === 'create') {
      // Listing default scopes on create replaces the realm's defaults (basic carries `sub`), so add them after.
      const { defaultClientScopes: _scopes, ...payload } = desired;
      undo.createdId = await gateway.createClient(realm, payload);
      client = await gateway.findClient(realm, clientId);
    } else if (plan.action === 'update') {
      Object.assign(undo, { id: plan.existing.id, before: plan.existing });
      if (plan.drift.some((d) => d.field !== 'defaultClientScopes')) {
        undo.updated = true;
        await gateway.updateClient(realm, plan.existing.id ?? '', plan.next);
      }
      client = plan.drift.length > 0 ? await gateway.findClient(realm, clientId) : plan.existing;
    } else {
      Object.assign(undo, { id: plan.existing.id, before: plan.existing });
      client = plan.existing;
    }
    if (!client?.id) throw clientVanished(realm, clientId);

    const { id } = client;
    const scopes = missingScopes(client, desired);
    for (const scope of scopes) {
      await gateway.addDefaultClientScope(realm, id, scope);
      if (!undo.createdId) undo.addedScopes.push(scope);
    }
    if (scopes.length > 0) client = { ...client, defaultClientScopes: [...(client.defaultClientScopes ?? []), ...scopes] };

    let secret: string | undefined;
    if (!desired.publicClient) {
      if (options.regenerateSecret) {
        // Read first: if a later step fails, the servers that use the old secret get it back.
        if (!undo.createdId) undo.previousSecret = await gateway.getClientSecret(realm, id).catch(() => undefined);
        secret = await gateway.regenerateClientSecret(realm, id);
      } else secret = await gateway.getClientSecret(realm, id);
    }
    return { client, secret, created: undo.createdId !== undefined, undo };
  } catch (error) {
    const mapped = toKeycloakError(error, { op: plan.action === 'create' ? 'createClient' : 'updateClient', url: gateway.url, realm, clientId });
    try {
      await takeBack(gateway, realm, undo);
    } catch {
      throw withRollbackFailure(mapped, realm, clientId, !undo.createdId);
    }
    throw mapped;
  }
}

/**
 * Takes back what applyPlan changed, when what comes after it fails (writing the settings into the file): a created
 * client is removed; an updated one gets its representation and default scopes back, and a rotated secret its old
 * value. Throws a KeycloakError when Keycloak refuses; the caller then still holds the new secret to offer.
 */
export async function undoApply(gateway: ProvisionGateway, realm: string, result: ApplyResult): Promise<void> {
  try {
    await takeBack(gateway, realm, result.undo);
  } catch (error) {
    const clientId = result.client.clientId ?? '';
    throw withRollbackFailure(toKeycloakError(error, { op: 'updateClient', url: gateway.url, realm, clientId }), realm, clientId, !result.undo.createdId);
  }
}

async function takeBack(gateway: ProvisionGateway, realm: string, undo: Undo): Promise<void> {
  if (undo.createdId) return gateway.deleteClient(realm, undo.createdId);
  if (!undo.id) return;
  for (const scope of undo.addedScopes) await gateway.removeDefaultClientScope(realm, undo.id, scope);
  if (undo.before && (undo.updated || undo.previousSecret)) {
    // The representation as found has no secret (findClient drops it), so it leaves the secret alone unless one is put back.
    await gateway.updateClient(realm, undo.id, { ...undo.before, ...(undo.previousSecret ? { secret: undo.previousSecret } : {}) });
  }
}
