// The contract shared by the client and the server: file shapes, canonical paths, diagnostic codes, the default secret
// references, command arguments and the typed custom requests. Nothing else in the codebase declares these.
import { RequestType } from 'vscode-languageserver-protocol';

/** The file shapes that carry OpenMetadata's auth configuration. */
export type Shape = 'server' | 'helm' | 'env' | 'workflow';

/** Commands contributed by the extension (client side). */
export const Commands = {
  connectKeycloak: 'openmetadataAuth.connectKeycloak',
  disconnectKeycloak: 'openmetadataAuth.disconnectKeycloak',
  createKeycloakClient: 'openmetadataAuth.createKeycloakClient',
  insertKeycloakSettings: 'openmetadataAuth.insertKeycloakSettings',
  checkKeycloak: 'openmetadataAuth.checkKeycloak',
  testSignIn: 'openmetadataAuth.testSignIn',
  showEffectiveConfiguration: 'openmetadataAuth.showEffectiveConfiguration',
  /** The quick fix of a Check Configuration finding; not in the palette. */
  applyCheckFix: 'openmetadataAuth.applyCheckFix',
} as const;

const AUTH = 'authenticationConfiguration';
const OIDC = `${AUTH}.oidcConfiguration`;
const AUTHZ = 'authorizerConfiguration';
const WORKFLOW_SECURITY = 'workflowConfig.openMetadataServerConfig';

/**
 * The canonical paths code refers to by name; every other path comes from the schema as data. Each is a path of
 * `schemas/openmetadata-auth.schema.json` (a unit test walks them), so a renamed key fails there, not in a user's file.
 */
export const Paths = {
  auth: AUTH,
  provider: `${AUTH}.provider`,
  providerName: `${AUTH}.providerName`,
  clientType: `${AUTH}.clientType`,
  responseType: `${AUTH}.responseType`,
  clientId: `${AUTH}.clientId`,
  callbackUrl: `${AUTH}.callbackUrl`,
  authority: `${AUTH}.authority`,
  publicKeyUrls: `${AUTH}.publicKeyUrls`,
  tokenValidationAlgorithm: `${AUTH}.tokenValidationAlgorithm`,
  jwtPrincipalClaims: `${AUTH}.jwtPrincipalClaims`,
  jwtPrincipalClaimsMapping: `${AUTH}.jwtPrincipalClaimsMapping`,
  enableSelfSignup: `${AUTH}.enableSelfSignup`,
  oidc: OIDC,
  oidcEnabled: `${OIDC}.enabled`,
  oidcId: `${OIDC}.id`,
  oidcSecret: `${OIDC}.secret`,
  oidcType: `${OIDC}.type`,
  discoveryUri: `${OIDC}.discoveryUri`,
  oidcCallbackUrl: `${OIDC}.callbackUrl`,
  serverUrl: `${OIDC}.serverUrl`,
  scope: `${OIDC}.scope`,
  useNonce: `${OIDC}.useNonce`,
  preferredJwsAlgorithm: `${OIDC}.preferredJwsAlgorithm`,
  oidcResponseType: `${OIDC}.responseType`,
  disablePkce: `${OIDC}.disablePkce`,
  clientAuthenticationMethod: `${OIDC}.clientAuthenticationMethod`,
  tokenValidity: `${OIDC}.tokenValidity`,
  customParams: `${OIDC}.customParams`,
  prompt: `${OIDC}.prompt`,
  maxAge: `${OIDC}.maxAge`,
  authorizer: AUTHZ,
  adminPrincipals: `${AUTHZ}.adminPrincipals`,
  principalDomain: `${AUTHZ}.principalDomain`,
  enforcePrincipalDomain: `${AUTHZ}.enforcePrincipalDomain`,
  allowedDomains: `${AUTHZ}.allowedDomains`,
  botPrincipals: `${AUTHZ}.botPrincipals`,
  className: `${AUTHZ}.className`,
  containerRequestFilter: `${AUTHZ}.containerRequestFilter`,
  workflowProvider: `${WORKFLOW_SECURITY}.authProvider`,
  workflowSecurity: `${WORKFLOW_SECURITY}.securityConfig`,
  workflowJwtToken: `${WORKFLOW_SECURITY}.securityConfig.jwtToken`,
} as const;

export type CanonicalPath = (typeof Paths)[keyof typeof Paths];

/** Providers whose login goes through an OIDC identity provider. */
export const OIDC_PROVIDERS: ReadonlySet<string> = new Set(['custom-oidc', 'okta', 'google', 'auth0', 'azure', 'aws-cognito']);

/**
 * Where a client secret (and, for the Helm chart, the client ID) lives when the extension writes a reference to it:
 * one env variable and one Kubernetes Secret, used by every quick fix, prompt and command.
 */
export const DefaultSecret = {
  envVar: 'OIDC_CLIENT_SECRET',
  idEnvVar: 'OIDC_CLIENT_ID',
  secretName: 'oidc-secrets',
  secretKey: 'openmetadata-oidc-client-secret',
  idKey: 'openmetadata-oidc-client-id',
} as const;

/** Every diagnostic code of the language server; a rule cannot report a code that is not listed here. */
export const DIAGNOSTIC_CODES = [
  // structure and types
  'yaml-syntax',
  'duplicate-key',
  'unknown-key',
  'invalid-type',
  'invalid-value',
  'missing-required',
  'not-in-version',
  'unknown-env-var',
  'env-default-brace',
  'file-skipped',
  // semantic rules
  'public-client-with-secret',
  'confidential-client-without-secret',
  'confidential-client-incomplete',
  'public-client-code-flow',
  'client-id-mismatch',
  'callback-mismatch',
  'authority-not-issuer',
  'keycloak-url-mismatch',
  'localhost-in-container',
  'saml-acs-path',
  'missing-om-jwks',
  'missing-idp-jwks',
  'legacy-om-jwks-path',
  'master-realm',
  'helm-obsolete-global',
  'helm-oidc-not-enabled',
  'helm-chart-schema',
  'admin-principal-format',
  'default-admin-principal',
  'no-admin-principal',
  'principal-domain-format',
  'claims-mapping-invalid',
  'custom-params-empty',
  'invalid-json',
  'prompt-none',
  'max-age-zero',
  'unsupported-auth-method',
  'legacy-setting',
  'plaintext-secret',
  'default-jwt-keys',
  'db-config-overrides-yaml',
  'placeholder-left',
  'malformed-value',
  'setting-ignored',
  // deployments (several files together)
  'env-not-passed',
  'env-unset',
  'secret-key-missing',
  'layer-overrides',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export const DiagnosticSource = 'openmetadata';

export type Flow = 'implicit' | 'authCode';

/** Where a confidential client's secret goes after Create Keycloak Client; the file keeps a reference unless `literal`. */
export type SecretAction = 'reference' | 'clipboard' | 'dotenv' | 'k8s' | 'literal';

/** The argument object of Create Keycloak Client (palette, quick fixes, tests). */
export interface CreateClientArgs {
  uri?: string;
  realm?: string;
  /** Create the realm when it does not exist (asked in the UI). */
  createRealm?: boolean;
  flow?: Flow;
  clientId?: string;
  omUrl?: string;
  /** Skip the preview confirmation (tests, other extensions). */
  confirm?: boolean;
  regenerateSecret?: boolean;
  /** What to do with a confidential client's secret; asked in the UI. */
  secretAction?: SecretAction;
  /** Set by the quick fix that runs this command. */
  fromQuickFix?: boolean;
}

export type CanonicalScalar = string | boolean | number;

/**
 * A value to write at a canonical path, e.g. `authenticationConfiguration.publicKeyUrls`.
 * `secretRef` asks for a reference instead of a literal (env `${VAR}`, Helm `{secretRef, secretKey}`).
 */
export interface CanonicalValue {
  path: string;
  value: CanonicalScalar | string[];
  secretRef?: { envVar: string; secretName: string; secretKey: string };
  /** Helm only: the chart takes this value from a Kubernetes Secret (e.g. `oidcConfiguration.clientId`); other shapes get `value`. */
  helmSecretRef?: { secretName: string; secretKey: string };
  /** Take the key out of the file instead (e.g. a public client's leftover secret); `value` is then ignored. */
  remove?: boolean;
}

/** Payload of the apply request, sent by the client after Keycloak succeeded. */
export interface ApplyValuesParams {
  uri: string;
  /** Document version the values were computed for; a newer version makes the server refuse (stale). */
  version: number;
  values: CanonicalValue[];
}

export interface ApplyValuesResult {
  applied: boolean;
  reason?: 'stale' | 'not-a-config' | 'not-open' | 'rejected' | 'invalid';
  /** What was wrong with the request, when `reason` is `invalid`. */
  detail?: string;
  /** Canonical paths that changed (a value that was already right is not among them). */
  changed?: string[];
  /** The same keys as the file names them (`OIDC_CLIENT_ID`, Helm `oidcConfiguration.clientSecret`). */
  names?: string[];
  /**
   * Other files the edit also changes: for an env file of a compose deployment, the compose file that then passes the
   * variables written (otherwise the server would never see them), with the variables' names.
   */
  others?: { uri: string; label: string; names: string[]; text?: string }[];
}

/** What applying the values would do, without doing it: the document's text afterwards, for a diff preview. */
export interface PreviewValuesResult extends ApplyValuesResult {
  text?: string;
}

export interface ReadValuesParams {
  uri: string;
}

export interface Position {
  line: number;
  character: number;
}

/** The canonical values found in a document, flattened to dotted paths; secrets are masked. */
export interface ReadValuesResult {
  shape: Shape | null;
  version: number;
  values: Record<string, CanonicalScalar | string[] | null>;
  /** Where each value is written (its value, or its key when it has none), for diagnostics on the file. */
  ranges: Record<string, { start: Position; end: Position }>;
}

/** Reads the canonical values of an open document (prefills the Keycloak commands, checks the file against Keycloak). */
export const ReadValuesRequest = new RequestType<ReadValuesParams, ReadValuesResult | null, void>('openmetadataAuth/readValues');

/** Writes canonical values into an open document as one versioned, undoable edit. */
export const ApplyValuesRequest = new RequestType<ApplyValuesParams, ApplyValuesResult, void>('openmetadataAuth/applyValues');

/** Computes the apply request's edit without applying it (the preview before anything is written). */
export const PreviewValuesRequest = new RequestType<ApplyValuesParams, PreviewValuesResult, void>('openmetadataAuth/previewValues');

/** The release a document is checked against and where that came from, for the language status item. */
export interface ReleaseResult {
  /** The release as configured or found, e.g. `1.6.4`; the newest known when nothing says. */
  version: string;
  source: 'setting' | 'detected' | 'default';
  /** "docker-compose.yml (openmetadata/server:1.6.4)", "the openmetadataAuth.openmetadataVersion setting". */
  evidence: string;
  /** The deployments the file is checked in besides on its own (a compose project, a Helm release of several files). */
  deployments?: string[];
}

export const ReleaseRequest = new RequestType<ReadValuesParams, ReleaseResult | null, void>('openmetadataAuth/release');

/** Show Effective Configuration: each deployment the file belongs to, its auth settings and their origins (Markdown). */
export const EffectiveConfigurationRequest = new RequestType<ReadValuesParams, { text: string } | null, void>('openmetadataAuth/effectiveConfiguration');

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is CanonicalScalar => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

function secretRefProblem(v: unknown, keys: string[]): string | undefined {
  if (v === undefined) return undefined;
  if (!isRecord(v) || keys.some((k) => typeof v[k] !== 'string' || !v[k])) return `must be an object with ${keys.join(', ')}`;
  return undefined;
}

/** What is wrong with a value that arrived over the wire, or undefined when it is a well-formed `CanonicalValue`. */
export function canonicalValueProblem(v: unknown): string | undefined {
  if (!isRecord(v)) return 'a value must be an object';
  if (typeof v.path !== 'string' || !v.path) return 'a value needs a path';
  const value = v.value;
  if (!isScalar(value) && !(Array.isArray(value) && value.every((item) => typeof item === 'string')))
    return `${v.path}: the value must be a string, number, boolean or list of strings`;
  if (v.remove !== undefined && typeof v.remove !== 'boolean') return `${v.path}: remove must be true or false`;
  const problem = secretRefProblem(v.secretRef, ['envVar', 'secretName', 'secretKey']) ?? secretRefProblem(v.helmSecretRef, ['secretName', 'secretKey']);
  return problem ? `${v.path}: the secret reference ${problem}` : undefined;
}

/** Checks the apply request's parameters instead of trusting a cast: the result says what was wrong. */
export function parseApplyValues(params: unknown): { ok: true; params: ApplyValuesParams } | { ok: false; detail: string } {
  if (!isRecord(params) || typeof params.uri !== 'string') return { ok: false, detail: 'the request needs a document uri' };
  if (typeof params.version !== 'number' || !Number.isInteger(params.version)) return { ok: false, detail: 'the request needs the document version' };
  if (!Array.isArray(params.values)) return { ok: false, detail: 'the request needs a list of values' };
  for (const value of params.values) {
    const problem = canonicalValueProblem(value);
    if (problem) return { ok: false, detail: problem };
  }
  return { ok: true, params: params as unknown as ApplyValuesParams };
}

export function parseReadValues(params: unknown): ReadValuesParams | undefined {
  return isRecord(params) && typeof params.uri === 'string' ? { uri: params.uri } : undefined;
}
