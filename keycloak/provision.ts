// Applies a client plan to Keycloak: create or update, read the secret, and undo a half-made client.
import { clientTypeConflict, clientVanished, toKeycloakError, withRollbackFailure } from './errors';
import type { KeycloakGateway } from './gateway';
import type { ClientPlan } from './plan';
import { missingScopes } from './plan';
import type { ClientRepresentation } from './types';

export type ProvisionGateway = Pick<
  KeycloakGateway,
  'url' | 'findClient' | 'createClient' | 'updateClient' | 'deleteClient' | 'getClientSecret' | 'regenerateClientSecret' | 'addDefaultClientScope'
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
}

/** Throws a KeycloakError; a client created by this call is deleted again first. */
export async function applyPlan(gateway: ProvisionGateway, realm: string, plan: ClientPlan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const { desired } = plan;
  const clientId = desired.clientId ?? '';
  if (plan.action === 'update' && plan.typeChange && !options.confirmTypeChange) {
    throw clientTypeConflict(realm, clientId, plan.existing.publicClient ?? false, desired.publicClient ?? false, plan.existing.protocol);
  }

  let createdId: string | undefined;
  try {
    let client: ClientRepresentation | undefined;
    if (plan.action === 'create') {
      // Listing default scopes on create replaces the realm's defaults (basic carries `sub`), so add them after.
      const { defaultClientScopes: _scopes, ...payload } = desired;
      createdId = await gateway.createClient(realm, payload);
      client = await gateway.findClient(realm, clientId);
    } else if (plan.action === 'update') {
      if (plan.drift.some((d) => d.field !== 'defaultClientScopes')) await gateway.updateClient(realm, plan.existing.id ?? '', plan.next);
      client = plan.drift.length > 0 ? await gateway.findClient(realm, clientId) : plan.existing;
    } else {
      client = plan.existing;
    }
    if (!client?.id) throw clientVanished(realm, clientId);

    const { id } = client;
    const scopes = missingScopes(client, desired);
    for (const scope of scopes) await gateway.addDefaultClientScope(realm, id, scope);
    if (scopes.length > 0) client = { ...client, defaultClientScopes: [...(client.defaultClientScopes ?? []), ...scopes] };

    let secret: string | undefined;
    if (!desired.publicClient) {
      secret = options.regenerateSecret ? await gateway.regenerateClientSecret(realm, id) : await gateway.getClientSecret(realm, id);
    }
    return { client, secret, created: createdId !== undefined };
  } catch (error) {
    const mapped = toKeycloakError(error, { op: plan.action === 'create' ? 'createClient' : 'updateClient', url: gateway.url, realm, clientId });
    if (createdId === undefined) throw mapped;
    try {
      await gateway.deleteClient(realm, createdId);
    } catch {
      throw withRollbackFailure(mapped, realm, clientId);
    }
    throw mapped;
  }
}
