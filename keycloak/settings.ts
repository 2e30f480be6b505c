// The OpenMetadata settings that go with a provisioned Keycloak client, as canonical values (pure).
import { DefaultSecret, Paths } from '../common/protocol';
import type { CanonicalValue, ReadValuesResult, SecretAction, Shape } from '../common/protocol';
import type { Flow } from './types';
import { hostClass, keycloakUrls, parseRealmUrl, trimSlash } from '../common/keycloakUrls';

type FileValues = ReadValuesResult['values'];

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
    { path: Paths.provider, value: 'custom-oidc' },
    { path: Paths.providerName, value: 'Keycloak' },
    { path: Paths.clientType, value: flow === 'implicit' ? 'public' : 'confidential' },
    { path: Paths.authority, value: urls.authority },
    { path: Paths.clientId, value: clientId },
    { path: Paths.callbackUrl, value: callbackUrl },
    // OpenMetadata's own JWKS too: without it bot and personal access tokens are rejected.
    { path: Paths.publicKeyUrls, value: [urls.jwks, `${om}/api/v1/system/config/jwks`] },
  ];
  if (flow === 'implicit') return [...common, { path: Paths.responseType, value: 'id_token' }];
  return [
    ...common,
    // The chart reads the client ID and secret from a Kubernetes Secret, and renders OIDC settings only when enabled.
    { path: Paths.oidcEnabled, value: true },
    { path: Paths.oidcId, value: clientId, helmSecretRef: { secretName, secretKey: secretIdKey } },
    { path: Paths.oidcSecret, value: '', secretRef: { envVar: secretEnvVar, secretName, secretKey } },
    { path: Paths.oidcType, value: 'Keycloak' },
    { path: Paths.discoveryUri, value: urls.discovery },
    { path: Paths.oidcCallbackUrl, value: callbackUrl },
    { path: Paths.serverUrl, value: om },
    { path: Paths.scope, value: 'openid email profile' },
    { path: Paths.useNonce, value: true },
    { path: Paths.preferredJwsAlgorithm, value: 'RS256' },
    { path: Paths.oidcResponseType, value: 'code' },
    // Keycloak does not require PKCE unless the client says so; check.ts reports it when it does.
    { path: Paths.disablePkce, value: true },
    { path: Paths.clientAuthenticationMethod, value: 'client_secret_post' },
    { path: Paths.tokenValidity, value: 3600 },
  ];
}

const text = (v: unknown) => (typeof v === 'string' && v && !v.includes('{') && !v.includes('<') ? v : undefined);
const OM_JWKS = '/api/v1/system/config/jwks';

/** Defaults from the open file: client ID, OpenMetadata URL and realm. */
export function defaultsFrom(values: FileValues, kcUrl: string): { clientId?: string; omUrl?: string; realm?: string; flow?: Flow } {
  const origin = (u: unknown) => {
    try {
      return text(u) ? new URL(String(u)).origin : undefined;
    } catch {
      return undefined;
    }
  };
  const realmUrl = text(values[Paths.authority]) ? parseRealmUrl(String(values[Paths.authority])) : undefined;
  const clientType = values[Paths.clientType];
  return {
    clientId: text(values[Paths.clientId]) ?? text(values[Paths.oidcId]),
    // "As the browser sees it": an in-cluster name (`http://openmetadata:8585`, the chart's) is the server's own view.
    omUrl: [origin(values[Paths.callbackUrl]), origin(values[Paths.serverUrl])].find((o) => o !== undefined && hostClass(new URL(o).hostname) !== 'internal'),
    realm: realmUrl && trimSlash(realmUrl.kcUrl) === trimSlash(kcUrl) && realmUrl.realm !== 'master' ? realmUrl.realm : undefined,
    flow: clientType === 'confidential' ? 'authCode' : clientType === 'public' ? 'implicit' : undefined,
  };
}

/**
 * The settings a command writes into a file: the flow's settings, fitted to what the file already says, plus the
 * values in the file that would break the new settings. OpenMetadata's own JWKS keeps a host the file gives it apart
 * from the browser's (the server fetches it, often by a service name such as `openmetadata:8585`).
 */
export function commandSettings(input: KeycloakSettingsInput, current: FileValues, file: { shape: Shape; dotenv: boolean }): CanonicalValue[] {
  const has = (path: string) => current[path] !== undefined && current[path] !== null && current[path] !== '';
  const keys = current[Paths.publicKeyUrls];
  const origin = (u: string) => /^https?:\/\/[^/]+/.exec(u)?.[0];
  const browserOm = typeof current[Paths.callbackUrl] === 'string' ? origin(String(current[Paths.callbackUrl])) : undefined;
  // Kept only when it is a name of its own; on the browser's URL it follows the URL the user gives now.
  const omJwks = (Array.isArray(keys) ? keys : typeof keys === 'string' ? keys.replace(/^\[|\]$/g, '').split(',') : [])
    .map((k) => k.trim())
    .find((k) => k.endsWith(OM_JWKS) && text(k) && origin(k) !== browserOm);
  const values = keycloakSettings(input).map((v) =>
    v.path === Paths.publicKeyUrls && omJwks && Array.isArray(v.value) ? { ...v, value: v.value.map((u) => (u.endsWith(OM_JWKS) ? omJwks : u)) } : v,
  );
  const extra: CanonicalValue[] = [];
  // Reference c.1/c.2: without the claims OpenMetadata cannot tell who signed in; the file's own choice stays.
  if (!has(Paths.jwtPrincipalClaims)) extra.push({ path: Paths.jwtPrincipalClaims, value: ['email', 'preferred_username', 'sub'] });
  if (input.flow === 'implicit') {
    // A discovery URI left on the old realm disagrees with the new authority.
    if (has(Paths.discoveryUri)) extra.push({ path: Paths.discoveryUri, value: keycloakUrls(input.kcUrl, input.realm).discovery });
    // A public client given a secret fails to log in; the chart sends none for a public client, so Helm keeps it.
    if (has(Paths.oidcSecret) && file.shape !== 'helm') extra.push({ path: Paths.oidcSecret, value: '', remove: true });
  }
  const prompt = current[Paths.prompt];
  if (typeof prompt === 'string' && prompt.split(/\s+/).includes('none')) extra.push({ path: Paths.prompt, value: 'select_account' });
  const maxAge = current[Paths.maxAge];
  if (maxAge === 0 || (typeof maxAge === 'string' && maxAge.trim() === '0')) extra.push({ path: Paths.maxAge, value: '' });
  // A .env file is where the secret itself goes (offered after the settings); a reference to itself would be meaningless.
  return [...values, ...extra].filter((v) => !(v.secretRef && file.dotenv));
}

/**
 * Where a client secret can go from a file of this shape. Helm values never read a `.env` file and take the secret
 * only from a Kubernetes Secret; a `.env` file holds the value itself, so it has no reference to keep.
 */
export function secretChoices(shape: Shape | null, dotenv: boolean): SecretAction[] {
  if (dotenv) return ['dotenv', 'clipboard'];
  if (shape === 'helm') return ['reference', 'k8s', 'clipboard'];
  return ['reference', 'clipboard', 'dotenv', 'literal'];
}

/**
 * The question for the person before a client secret leaves Keycloak for `action`, when a command's arguments chose the
 * destination (another extension can run the command); undefined when the secret stays where it is.
 */
export function secretReleaseQuestion(action: SecretAction, clientId: string): { message: string; detail: string; button: string } | undefined {
  const detail = 'A command call asked for this, not a choice made in this window.';
  switch (action) {
    case 'reference':
      return undefined;
    case 'clipboard':
      return {
        message: `Copy the secret of client '${clientId}' to the clipboard?`,
        detail: `${detail} Any application can read the clipboard.`,
        button: 'Copy',
      };
    case 'dotenv':
      return { message: `Write the secret of client '${clientId}' into a .env file?`, detail, button: 'Write' };
    case 'k8s':
      return { message: `Open a Kubernetes Secret manifest holding the secret of client '${clientId}'?`, detail, button: 'Open' };
    case 'literal':
      return { message: `Write the secret of client '${clientId}' into the file in plain text?`, detail, button: 'Write' };
  }
}

/** The flows to pick from, the one the open file uses first: a quick pick highlights its first item. */
export function flowChoices<T extends { flow: Flow }>(flows: T[], fileFlow: Flow | undefined): (T & { description?: string })[] {
  const items = flows.map((f) => ({ ...f, description: f.flow === fileFlow ? 'as in the open file' : undefined }));
  return [...items.filter((f) => f.flow === fileFlow), ...items.filter((f) => f.flow !== fileFlow)];
}

/** `text` of a .env file with `name` set to `value`: the first assignment replaced, else one appended. */
export function withEnvVariable(text: string, name: string, value: string): string {
  const line = `${name}=${value}`;
  const pattern = new RegExp(`^${name}=.*$`, 'm');
  // A function, not a string: `$'`, `$&` and `$$` in a replacement string are patterns, and a secret may hold them.
  return pattern.test(text) ? text.replace(pattern, () => line) : `${text}${text && !text.endsWith('\n') ? '\n' : ''}${line}\n`;
}

/**
 * The edit that writes `secret` into a file without sending it to the language server (whose verbose trace logs every
 * request): the server previews the file with `marker` as the value, and the secret takes the marker's place here.
 * Undefined when the marker is not in the preview exactly once, or when the secret, written plain, would read back as
 * something else (only Keycloak's long letters-and-digits secrets are written so; others go by the clipboard).
 */
export function secretEdit(before: string, preview: string, marker: string, secret: string): { start: number; end: number; text: string } | undefined {
  const at = preview.indexOf(marker);
  if (at === -1 || preview.indexOf(marker, at + 1) !== -1) return undefined;
  // Sixteen or more of these, with a letter that cannot make a number: never a YAML number, boolean, null or comment.
  if (!/^[A-Za-z0-9_-]{16,}$/.test(secret) || !/[A-DF-Za-df-z]/.test(secret)) return undefined;
  const after = preview.slice(0, at) + secret + preview.slice(at + marker.length);
  // The one changed span, so the editor keeps the cursor and the undo step is the value alone.
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { start, end: before.length - end, text: after.slice(start, after.length - end) };
}
