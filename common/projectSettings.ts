// The project settings both the CLI and the editor read, so CI and the editor give the same verdict. Pure: text in.
// In common/, not in server/src/service/, because the client (for `files`) imports it and the service fence forbids that.
import { parse, printParseErrorCode } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import { DIAGNOSTIC_CODES } from './protocol';

// For the client, which reads the project file itself (for `files`): the bound its reading keeps to.
export { MAX_SETTINGS_FILE_BYTES } from './fileLimits';

/** At the repository root; its keys are the `openmetadataAuth.*` settings without the prefix. */
export const PROJECT_FILE = '.openmetadata-auth.json';
export const VSCODE_SETTINGS = '.vscode/settings.json';

const SEVERITIES = ['off', 'error', 'warning', 'information', 'hint'] as const;
export type RuleSeverity = (typeof SEVERITIES)[number];

export interface ProjectSettings {
  openmetadataVersion?: string;
  rules?: Record<string, RuleSeverity>;
  /** Extra glob patterns of files to check, relative to the repository root. */
  files?: string[];
  /** Paths not to check, in .gitignore syntax relative to the repository root (`charts/**`): vendored charts, examples. */
  ignore?: string[];
  /** Which inlay hints show (`inlayHints.show`); the editor's own, read here so one reader checks every setting. */
  inlayHints?: string[];
  /**
   * Compose deployments whose files the layout does not say (`docker compose --env-file`): paths relative to the
   * repository root. A compose file, its override and the `.env` beside them need no entry.
   */
  deployments?: { name: string; compose?: string[]; envFiles?: string[]; values?: string[] }[];
}

export interface ReadSettings {
  settings: ProjectSettings;
  /** One sentence per thing that was ignored, e.g. an unknown code or a severity that does not exist. */
  problems: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const CODES: ReadonlySet<string> = new Set(DIAGNOSTIC_CODES);

/**
 * The settings in an object of `openmetadataVersion`/`rules`/`files`/`ignore`/`inlayHints` keys, whatever a hand-edited file
 * or a client sends (initializationOptions, workspace/configuration): a value of the wrong type is said and ignored,
 * the rest applies, and keys of other tools (`trace`) are left alone.
 */
export function settingsFrom(value: unknown, where: string): ReadSettings {
  const problems: string[] = [];
  const settings: ProjectSettings = {};
  if (!isObject(value))
    return { settings, problems: value === undefined || value === null ? [] : [`${where}: expected an object of settings; the defaults apply.`] };
  const version = value.openmetadataVersion;
  if (typeof version === 'string' && version.trim()) settings.openmetadataVersion = version.trim();
  else if (version !== undefined && version !== '')
    problems.push(`${where}: openmetadataVersion must be a string such as "1.12" (as a number, 1.10 reads as 1.1); it is ignored.`);
  if (isObject(value.rules)) {
    const rules: Record<string, RuleSeverity> = {};
    for (const [code, severity] of Object.entries(value.rules)) {
      if (!CODES.has(code)) problems.push(`${where}: rules: there is no code "${code}".`);
      else if (!(SEVERITIES as readonly unknown[]).includes(severity)) problems.push(`${where}: rules: "${code}" must be one of ${SEVERITIES.join(', ')}.`);
      else rules[code] = severity as RuleSeverity;
    }
    settings.rules = rules;
  } else if (value.rules !== undefined) problems.push(`${where}: rules must be an object of code → severity.`);
  if (Array.isArray(value.files)) settings.files = value.files.filter((f): f is string => typeof f === 'string' && f.trim() !== '');
  else if (value.files !== undefined) problems.push(`${where}: files must be a list of glob patterns.`);
  if (Array.isArray(value.ignore)) settings.ignore = value.ignore.filter((f): f is string => typeof f === 'string' && f.trim() !== '');
  else if (value.ignore !== undefined) problems.push(`${where}: ignore must be a list of paths or patterns such as "charts/**".`);
  // The editor sends `{ show: [...] }`; initializationOptions may carry the list itself.
  const hints = isObject(value.inlayHints) ? value.inlayHints.show : value.inlayHints;
  if (Array.isArray(hints)) settings.inlayHints = hints.filter((h): h is string => typeof h === 'string');
  else if (hints !== undefined) problems.push(`${where}: inlayHints.show must be a list such as ["serverKey"].`);
  if (value.deployments !== undefined) settings.deployments = deploymentsFrom(value.deployments, where, problems);
  return { settings, problems };
}

const stringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() !== '');

function deploymentsFrom(value: unknown, where: string, problems: string[]): NonNullable<ProjectSettings['deployments']> {
  if (!Array.isArray(value)) {
    problems.push(`${where}: deployments must be a list such as [{ "name": "prod", "compose": ["docker-compose.yml"], "envFiles": ["prod.env"] }].`);
    return [];
  }
  const out: NonNullable<ProjectSettings['deployments']> = [];
  const listOf = (v: unknown) => (v === undefined ? [] : typeof v === 'string' ? [v] : v);
  value.forEach((d, i) => {
    const compose = isObject(d) ? listOf(d.compose) : undefined;
    const envFiles = isObject(d) ? listOf(d.envFiles) : undefined;
    const values = isObject(d) ? listOf(d.values) : undefined;
    const lists = [compose, envFiles, values].every(stringList);
    if (!isObject(d) || !lists || !((compose as string[]).length || (values as string[]).length > 1)) {
      problems.push(
        `${where}: deployments[${i}] needs "compose" (compose files, with "envFiles" given with --env-file) or "values" (two or more Helm values files in -f order); it is ignored.`,
      );
      return;
    }
    out.push({
      name: typeof d.name === 'string' && d.name.trim() ? d.name.trim() : `deployment ${i + 1}`,
      compose: compose as string[],
      envFiles: envFiles as string[],
      values: values as string[],
    });
  });
  return out;
}

function parseJsonc(text: string, where: string): { value: unknown; problems: string[] } {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true });
  return {
    value,
    problems: errors.length ? [`${where}: not valid JSON (${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset}); it is ignored.`] : [],
  };
}

/** `.openmetadata-auth.json` (comments and trailing commas allowed, as in VS Code's own settings files). */
export function parseProjectFile(text: string, where = PROJECT_FILE): ReadSettings {
  const { value, problems } = parseJsonc(text, where);
  if (problems.length) return { settings: {}, problems };
  const read = settingsFrom(value, where);
  return { settings: read.settings, problems: read.problems };
}

/** The `openmetadataAuth.*` keys of `.vscode/settings.json`, dotted (`"openmetadataAuth.rules"`) or nested. */
export function parseVscodeSettings(text: string, where = VSCODE_SETTINGS): ReadSettings {
  const { value, problems } = parseJsonc(text, where);
  if (problems.length || !isObject(value)) return { settings: {}, problems };
  const nested = isObject(value.openmetadataAuth) ? value.openmetadataAuth : {};
  const own: Record<string, unknown> = { ...nested };
  for (const [key, v] of Object.entries(value)) if (key.startsWith('openmetadataAuth.')) own[key.slice('openmetadataAuth.'.length)] = v;
  return settingsFrom(own, where);
}

/** Later layers win key by key; `rules` merge code by code. */
export function mergeSettings(...layers: ProjectSettings[]): ProjectSettings {
  const out: ProjectSettings = {};
  for (const layer of layers) {
    if (layer.openmetadataVersion) out.openmetadataVersion = layer.openmetadataVersion;
    if (layer.rules) out.rules = { ...out.rules, ...layer.rules };
    if (layer.files) out.files = [...(out.files ?? []), ...layer.files];
    if (layer.ignore) out.ignore = [...(out.ignore ?? []), ...layer.ignore];
    if (layer.deployments) out.deployments = [...(out.deployments ?? []), ...layer.deployments];
  }
  return out;
}

/**
 * The one verdict: the editor's settings (VS Code's configuration, which includes `.vscode/settings.json`; for the
 * CLI, that file read by `parseVscodeSettings`) with the project file on top, because the project file is what the
 * repository shares and CI reads.
 */
export function effectiveSettings(editor: ProjectSettings, projectFileText: string | undefined, where = PROJECT_FILE): ReadSettings {
  const project = projectFileText === undefined ? { settings: {}, problems: [] } : parseProjectFile(projectFileText, where);
  return { settings: mergeSettings(editor, project.settings), problems: project.problems };
}
