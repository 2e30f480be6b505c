// The extension's settings, read in one place: every other module asks here instead of calling getConfiguration.
import * as vscode from 'vscode';
import { readFileSync } from 'node:fs';
import { parseProjectFile, PROJECT_FILE } from '../../server/src/projectSettings';

const SECTION = 'openmetadataAuth';

export interface KeycloakSettings {
  /** The Keycloak the commands use, without a trailing slash; '' when none is set. */
  url: string;
  /** PEM file of an extra trusted CA. */
  caFile?: string;
  timeoutMs: number;
}

export interface ClientConfig {
  /** Extra glob patterns of files to check, beyond the YAML and env files the extension always offers the server. */
  files: string[];
  keycloak: KeycloakSettings;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** A list of non-empty strings, whatever the settings file holds (a hand-edited settings.json may hold anything). */
function patterns(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

/**
 * The `files` of each workspace folder's `.openmetadata-auth.json`, the file the CLI reads in CI. Its patterns are
 * relative to the folder; a document selector matches a pattern against the whole path, so they are made absolute.
 */
function projectFilePatterns(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).flatMap((folder) => {
    let text: string;
    try {
      text = readFileSync(vscode.Uri.joinPath(folder.uri, PROJECT_FILE).fsPath, 'utf8');
    } catch {
      return [];
    }
    const base = folder.uri.fsPath.replace(/\\/g, '/');
    return (parseProjectFile(text).settings.files ?? []).map((pattern) => (pattern.startsWith('**/') ? pattern : `${base}/${pattern.replace(/^\.\//, '')}`));
  });
}

export function readConfig(): ClientConfig {
  const config = vscode.workspace.getConfiguration(SECTION);
  const timeout = config.get<unknown>('keycloak.timeoutSeconds');
  const caFile = config.get<unknown>('keycloak.caFile');
  const url = config.get<unknown>('keycloak.url');
  return {
    files: [...patterns(config.get<unknown>('files')), ...projectFilePatterns()],
    keycloak: {
      url: typeof url === 'string' ? trimSlash(url.trim()) : '',
      caFile: typeof caFile === 'string' && caFile.trim() ? caFile.trim() : undefined,
      timeoutMs: (typeof timeout === 'number' && timeout > 0 ? timeout : 15) * 1000,
    },
  };
}

/** Remembers the Keycloak the user connected to (user settings: the URL is not a secret, the credentials are). */
export async function setKeycloakUrl(url: string): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update('keycloak.url', trimSlash(url), vscode.ConfigurationTarget.Global);
}

/** Calls `listener` when one of the given settings (relative to `openmetadataAuth`) changes. */
export function onConfigChange(keys: string[], listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (keys.some((key) => event.affectsConfiguration(`${SECTION}.${key}`))) listener();
  });
}
