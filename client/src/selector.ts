// Which editor documents the extension serves. VS Code gives a config file whatever language id its name suggests, so
// the extension attaches by every id a config can have, and by name for env files whatever their language.
import type * as vscode from 'vscode';

/** A filter both VS Code's and the language client's selectors accept. */
type Filter = { scheme: string; language: string } | { scheme: string; pattern: string };

/**
 * `yaml`; `dockercompose`, VS Code's own id for `docker-compose*.yml` and `compose*.yaml`; `helm` and `helm-template`,
 * the Kubernetes extension's ids for chart files. The server answers only for OpenMetadata configs among them.
 */
export const CONFIG_LANGUAGES = ['yaml', 'dockercompose', 'helm', 'helm-template'] as const;

/** Env files by name: VS Code opens `.env` as `properties`, `.env.*` as `shellscript`, `*.env` as plain text; extensions say `dotenv`. */
export const ENV_FILE_GLOBS = ['**/.env', '**/.env.*', '**/*.env'] as const;

/** Whether a path names an env file as ENV_FILE_GLOBS do: `.env`, `.env.*`, `*.env` (a loop, not a backtracking pattern). */
export function isEnvFilePath(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.endsWith('.env') || name.startsWith('.env.');
}

/** What the language client and the extension's own providers attach to: the config languages, env files and the user's globs. */
export function configSelector(extraPatterns: readonly string[] = []): Filter[] {
  return [
    ...CONFIG_LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    ...[...ENV_FILE_GLOBS, ...extraPatterns].map((pattern) => ({ scheme: 'file', pattern })),
  ];
}

/** A document the commands may take as the config when none is named (a file on disk, in a config language or an env file). */
export function mayBeConfig(document: { uri: Pick<vscode.Uri, 'scheme' | 'path'>; languageId: string }): boolean {
  return document.uri.scheme === 'file' && ((CONFIG_LANGUAGES as readonly string[]).includes(document.languageId) || isEnvFilePath(document.uri.path));
}

/**
 * Where the file commands show in the palette: a config language, an env file, or any document the server recognised as
 * a config (the user's `files` globs). package.json spells this clause out; a unit test holds the two equal.
 */
export const CONFIG_COMMAND_WHEN = [`editorLangId =~ /^(${CONFIG_LANGUAGES.join('|')})$/`, 'resourceFilename =~ /\\.env/', 'openmetadataAuth.activeConfig']
  .map((clause) => `isWorkspaceTrusted && ${clause}`)
  .join(' || ');
