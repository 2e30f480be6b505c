// The extension's settings, read in one place: every other module asks here instead of calling getConfiguration.
import * as vscode from 'vscode';
import { readBoundedFileAsync } from '../../common/boundedRead';
import { MAX_SETTINGS_FILE_BYTES, parseProjectFile, PROJECT_FILE } from '../../common/projectSettings';
import { trimSlash } from '../../common/keycloakUrls';

const SECTION = 'openmetadataAuth';

export interface KeycloakSettings {
  /** The Keycloak the commands use, without a trailing slash; '' when none is set. */
  url: string;
  /** PEM file of an extra trusted CA. */
  caFile?: string;
  timeoutMs: number;
}

export interface ClientConfig {
  keycloak: KeycloakSettings;
}

/** A list of non-empty strings, whatever the settings file holds (a hand-edited settings.json may hold anything). */
function patterns(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

/**
 * The `files` of each workspace folder's `.openmetadata-auth.json`, the file the CLI reads in CI. Its patterns are
 * relative to the folder; a document selector matches a pattern against the whole path, so they are made absolute.
 * Read without blocking and only as a regular file within its bound: activation reads it, in Restricted Mode too, and
 * a repository may commit it as a link to /dev/zero or a FIFO. One that is not read is passed to `skipped`.
 */
async function projectFilePatterns(skipped: (path: string, reason: string) => void): Promise<string[]> {
  const perFolder = await Promise.all(
    (vscode.workspace.workspaceFolders ?? []).map(async (folder) => {
      const path = vscode.Uri.joinPath(folder.uri, PROJECT_FILE).fsPath;
      const read = await readBoundedFileAsync(path, MAX_SETTINGS_FILE_BYTES);
      if (!('text' in read)) {
        if (read.skipped !== 'missing') skipped(path, read.reason);
        return [];
      }
      const base = folder.uri.fsPath.replace(/\\/g, '/');
      return (parseProjectFile(read.text).settings.files ?? []).map((pattern) =>
        pattern.startsWith('**/') ? pattern : `${base}/${pattern.replace(/^\.\//, '')}`,
      );
    }),
  );
  return perFolder.flat();
}

/** Extra glob patterns of files to check, beyond the YAML and env files the extension always offers the server. */
export async function filePatterns(skipped: (path: string, reason: string) => void): Promise<string[]> {
  return [...patterns(vscode.workspace.getConfiguration(SECTION).get<unknown>('files')), ...(await projectFilePatterns(skipped))];
}

export function readConfig(): ClientConfig {
  const config = vscode.workspace.getConfiguration(SECTION);
  const timeout = config.get<unknown>('keycloak.timeoutSeconds');
  const caFile = config.get<unknown>('keycloak.caFile');
  const url = config.get<unknown>('keycloak.url');
  return {
    keycloak: {
      url: typeof url === 'string' ? trimSlash(url.trim()) : '',
      caFile: typeof caFile === 'string' && caFile.trim() ? caFile.trim() : undefined,
      timeoutMs: (typeof timeout === 'number' && timeout > 0 ? timeout : 15) * 1000,
    },
  };
}

/**
 * The section as plain JSON, for the server's initialize request: the first document opened at start is then checked
 * with these settings instead of with none until the server's first configuration pull comes back. VS Code's object
 * carries the values as properties beside its methods; a value JSON cannot hold leaves the server to pull them.
 */
export function serverSettings(): Record<string, unknown> {
  try {
    const copy = JSON.parse(JSON.stringify(vscode.workspace.getConfiguration(SECTION))) as unknown;
    return copy && typeof copy === 'object' && !Array.isArray(copy) ? (copy as Record<string, unknown>) : {};
  } catch {
    return {};
  }
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
