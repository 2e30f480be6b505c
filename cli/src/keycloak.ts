// `check --keycloak URL`: the editor's Check against Keycloak for a pipeline, credentials from environment variables.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { readableValues } from '../../server/src/service/canonicalValues';
import type { Analysis } from '../../server/src/service/analyze';
import { Paths } from '../../common/protocol';
import { checkAgainstKeycloak, FindingCode } from '../../keycloak/check';
import { KeycloakError } from '../../keycloak/errors';
import { connect } from '../../keycloak/gateway';
import type { AdminAuth, KeycloakGateway } from '../../keycloak/gateway';
import { createFetchJson, plainHttpWarning } from '../../keycloak/http';
import type { FetchJson } from '../../keycloak/http';
import type { ClientRepresentation } from '../../keycloak/types';
import { parseRealmUrl, trimSlash } from '../../common/keycloakUrls';

import type { ExtraRule } from './formats';

/** The findings of Check against Keycloak, which the README describes with that command rather than in the codes table. */
export const KEYCLOAK_RULES: ExtraRule[] = Object.values(FindingCode).map((id) => ({
  id,
  text: `Check against Keycloak: ${id.replace(/^kc-/, '').replace(/-/g, ' ')}.`,
  section: { title: 'Keycloak commands', anchor: 'keycloak-commands-category-openmetadata' },
}));
export const KEYCLOAK_SOURCE = 'openmetadata-keycloak';

/** The admin sign-in from the environment: a user and password, or a service-account client; none = no client check. */
export function adminAuthFromEnv(env: NodeJS.ProcessEnv): AdminAuth | undefined {
  if (env.KEYCLOAK_ADMIN && env.KEYCLOAK_ADMIN_PASSWORD) return { kind: 'password', username: env.KEYCLOAK_ADMIN, password: env.KEYCLOAK_ADMIN_PASSWORD };
  if (env.KEYCLOAK_CLIENT_ID && env.KEYCLOAK_CLIENT_SECRET)
    return { kind: 'clientCredentials', clientId: env.KEYCLOAK_CLIENT_ID, clientSecret: env.KEYCLOAK_CLIENT_SECRET };
  return undefined;
}

export interface KeycloakChecker {
  /** Findings for one config as diagnostics, or a sentence saying why the file was not checked against this Keycloak. */
  check(document: TextDocument, analysis: Analysis): Promise<Diagnostic[] | string>;
  close(): Promise<void>;
}

/** `warn` gets a line for the person reading the log, e.g. that credentials are about to travel unencrypted. */
export async function keycloakChecker(url: string, env: NodeJS.ProcessEnv, warn: (line: string) => void = () => {}): Promise<KeycloakChecker> {
  const base = trimSlash(url);
  const caFile = env.KEYCLOAK_CA_FILE || undefined;
  const timeoutMs = Number(env.KEYCLOAK_TIMEOUT_SECONDS) > 0 ? Number(env.KEYCLOAK_TIMEOUT_SECONDS) * 1000 : 15_000;
  const auth = adminAuthFromEnv(env);
  const insecure = auth && plainHttpWarning(base);
  if (insecure) warn(`openmetadata-auth: warning: the admin credentials go to ${insecure}`);
  const gateway: KeycloakGateway | undefined = auth
    ? await connect({ url: base, adminRealm: env.KEYCLOAK_ADMIN_REALM || 'master', auth, caFile, timeoutMs })
    : undefined;
  const fetchJson: FetchJson = gateway?.fetchJson ?? createFetchJson({ caFile, timeoutMs });
  return {
    async check(document, analysis) {
      const { values, spans } = readableValues(analysis.model);
      const authority = values[Paths.authority];
      const realm = typeof authority === 'string' ? parseRealmUrl(authority) : undefined;
      if (!realm || trimSlash(realm.kcUrl) !== base)
        return `not checked against ${base}: its authority is ${typeof authority === 'string' ? authority : 'not set'}.`;
      const clientId = values[Paths.clientId];
      let client: ClientRepresentation | null | undefined;
      if (gateway && typeof clientId === 'string') {
        try {
          client = (await gateway.findClient(realm.realm, clientId)) ?? null;
        } catch (error) {
          // A realm that does not exist is the file's mistake, and the discovery check reports it on the authority.
          if (!(error instanceof KeycloakError && error.kind === 'realm-not-found')) throw error;
        }
      }
      const findings = await checkAgainstKeycloak({ values, fetchJson, client });
      return findings.map((finding) => {
        const span = spans[finding.path] ?? spans[Paths.authority];
        const range = span
          ? { start: document.positionAt(span.start), end: document.positionAt(span.end) }
          : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        return {
          range,
          severity: finding.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
          code: finding.code,
          source: KEYCLOAK_SOURCE,
          message: finding.message,
        };
      });
    },
    close: async () => {
      await gateway?.close();
    },
  };
}
