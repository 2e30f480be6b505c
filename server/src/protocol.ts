// The contract shared by the client and the server: command ids, diagnostic codes, payload types.

/** Commands contributed by the extension (client side). */
export const Commands = {
  connectKeycloak: 'openmetadataAuth.connectKeycloak',
  disconnectKeycloak: 'openmetadataAuth.disconnectKeycloak',
  createKeycloakClient: 'openmetadataAuth.createKeycloakClient',
  insertKeycloakSettings: 'openmetadataAuth.insertKeycloakSettings',
  checkKeycloak: 'openmetadataAuth.checkKeycloak',
  /** Server-side (workspace/executeCommand): write canonical values into a document. Sent by the client. */
  applyValues: 'openmetadataAuth.applyValues',
  /** Server-side: read the canonical values of a document (used to prefill Keycloak commands). */
  readValues: 'openmetadataAuth.readValues',
} as const;

/** Stable diagnostic codes of the language server (structure and types). Rule codes live with the rules. */
export const DiagnosticCode = {
  yamlSyntax: 'yaml-syntax',
  unknownKey: 'unknown-key',
  invalidType: 'invalid-type',
  invalidValue: 'invalid-value',
  missingRequired: 'missing-required',
  notInVersion: 'not-in-version',
  unknownEnvVar: 'unknown-env-var',
  envDefaultBrace: 'env-default-brace',
  duplicateKey: 'duplicate-key',
  fileSkipped: 'file-skipped',
} as const;

export const DiagnosticSource = 'openmetadata';

/**
 * A value to write at a canonical path, e.g. `authenticationConfiguration.publicKeyUrls`.
 * `secretRef` asks for a reference instead of a literal (env `${VAR}`, Helm `{secretRef, secretKey}`).
 */
export interface CanonicalValue {
  path: string;
  value: string | boolean | number | string[];
  secretRef?: { envVar: string; secretName: string; secretKey: string };
  /** Helm only: the chart takes this value from a Kubernetes Secret (e.g. `oidcConfiguration.clientId`); other shapes get `value`. */
  helmSecretRef?: { secretName: string; secretKey: string };
}

/** Payload of `Commands.applyValues`, sent by the client after Keycloak succeeded. */
export interface ApplyValuesParams {
  uri: string;
  /** Document version the values were computed for; a newer version makes the server refuse (stale). */
  version: number;
  values: CanonicalValue[];
}

export interface ApplyValuesResult {
  applied: boolean;
  reason?: 'stale' | 'not-a-config' | 'not-open' | 'rejected';
  /** Canonical paths that changed. */
  changed?: string[];
}

/** Payload of `Commands.readValues`. */
export interface ReadValuesParams {
  uri: string;
}

/** The canonical values found in a document, flattened to dotted paths; secrets are masked. */
export interface ReadValuesResult {
  shape: 'server' | 'helm' | 'env' | 'workflow' | null;
  version: number;
  values: Record<string, string | boolean | number | string[] | null>;
  /** Where each value is written (its value, or its key when it has none), for diagnostics on the file. */
  ranges: Record<string, { start: { line: number; character: number }; end: { line: number; character: number } }>;
}
