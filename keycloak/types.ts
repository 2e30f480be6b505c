// Plain data shared by the Keycloak modules, so only gateway.ts depends on the admin client.

/** The OpenMetadata login flow a Keycloak client is provisioned for (reference c.1 and c.2). */
export type { Flow } from '../common/protocol';

/** The part of Keycloak's ClientRepresentation this extension reads and writes. */
export interface ClientRepresentation {
  id?: string;
  clientId?: string;
  name?: string;
  enabled?: boolean;
  protocol?: string;
  publicClient?: boolean;
  bearerOnly?: boolean;
  clientAuthenticatorType?: string;
  standardFlowEnabled?: boolean;
  implicitFlowEnabled?: boolean;
  directAccessGrantsEnabled?: boolean;
  serviceAccountsEnabled?: boolean;
  rootUrl?: string;
  baseUrl?: string;
  redirectUris?: string[];
  webOrigins?: string[];
  attributes?: Record<string, string>;
  defaultClientScopes?: string[];
  optionalClientScopes?: string[];
  /** Only ever sent, to put back a secret a failed run rotated; findClient drops the one Keycloak returns. */
  secret?: string;
}
