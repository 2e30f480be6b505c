// The OpenMetadata settings that go with a provisioned Keycloak client, as canonical values (pure).
import { DefaultSecret } from '../../../server/src/protocol';
import type { CanonicalValue } from '../../../server/src/protocol';
import type { Flow } from './types';
import { keycloakUrls, trimSlash } from './urls';

export interface KeycloakSettingsInput {
  kcUrl: string;
  realm: string;
  clientId: string;
  flow: Flow;
  omUrl: string;
  /** Where the client secret lives: an env var for server YAML and compose, a Kubernetes Secret for Helm. */
  secretEnvVar?: string;
  secretName?: string;
  secretKey?: string;
  /** Key of the client ID in that Secret (Helm). */
  secretIdKey?: string;
}

const AUTH = 'authenticationConfiguration';
const OIDC = `${AUTH}.oidcConfiguration`;

/** Reference c.1 / c.2. The secret is only ever a reference; the literal never leaves SecretStorage. */
export function keycloakSettings({
  kcUrl,
  realm,
  clientId,
  flow,
  omUrl,
  secretEnvVar = DefaultSecret.envVar,
  secretName = DefaultSecret.secretName,
  secretKey = DefaultSecret.secretKey,
  secretIdKey = DefaultSecret.idKey,
}: KeycloakSettingsInput): CanonicalValue[] {
  const om = trimSlash(omUrl);
  const urls = keycloakUrls(kcUrl, realm);
  const callbackUrl = `${om}/callback`;
  const common: CanonicalValue[] = [
    { path: `${AUTH}.provider`, value: 'custom-oidc' },
    { path: `${AUTH}.providerName`, value: 'Keycloak' },
    { path: `${AUTH}.clientType`, value: flow === 'implicit' ? 'public' : 'confidential' },
    { path: `${AUTH}.authority`, value: urls.authority },
    { path: `${AUTH}.clientId`, value: clientId },
    { path: `${AUTH}.callbackUrl`, value: callbackUrl },
    // OpenMetadata's own JWKS too: without it bot and personal access tokens are rejected.
    { path: `${AUTH}.publicKeyUrls`, value: [urls.jwks, `${om}/api/v1/system/config/jwks`] },
  ];
  if (flow === 'implicit') return [...common, { path: `${AUTH}.responseType`, value: 'id_token' }];
  return [
    ...common,
    // The chart reads the client ID and secret from a Kubernetes Secret, and renders OIDC settings only when enabled.
    { path: `${OIDC}.enabled`, value: true },
    { path: `${OIDC}.id`, value: clientId, helmSecretRef: { secretName, secretKey: secretIdKey } },
    { path: `${OIDC}.secret`, value: '', secretRef: { envVar: secretEnvVar, secretName, secretKey } },
    { path: `${OIDC}.type`, value: 'Keycloak' },
    { path: `${OIDC}.discoveryUri`, value: urls.discovery },
    { path: `${OIDC}.callbackUrl`, value: callbackUrl },
    { path: `${OIDC}.serverUrl`, value: om },
    { path: `${OIDC}.scope`, value: 'openid email profile' },
    { path: `${OIDC}.useNonce`, value: true },
    { path: `${OIDC}.preferredJwsAlgorithm`, value: 'RS256' },
    { path: `${OIDC}.responseType`, value: 'code' },
    // Keycloak does not require PKCE unless the client says so; check.ts reports it when it does.
    { path: `${OIDC}.disablePkce`, value: true },
    { path: `${OIDC}.clientAuthenticationMethod`, value: 'client_secret_post' },
    { path: `${OIDC}.tokenValidity`, value: 3600 },
  ];
}
