// The `openmetadataAuth` settings object as it arrives (initializationOptions, workspace/configuration, a pushed
// change): checked against its schema, so a value of the wrong type is reported and ignored instead of failing checks.
import type { ServiceSettings } from './validate';

const SEVERITIES = ['off', 'error', 'warning', 'information', 'hint'] as const;
type RuleSeverity = (typeof SEVERITIES)[number];

export interface ReadSettings {
  settings: ServiceSettings;
  /** One sentence per value that was ignored, naming the setting and what it must be. */
  problems: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const shown = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v === 'object' ? 'an object' : String(v).slice(0, 40));

/**
 * The schema of the settings the server reads, one entry per key of the `openmetadataAuth` section (package.json
 * declares the same ones for VS Code's editor): each reads its raw value into the service settings, or says why not.
 */
const SCHEMA: Record<string, (value: unknown, into: ServiceSettings) => string | undefined> = {
  openmetadataVersion(value, into) {
    if (typeof value === 'string') into.openmetadataVersion = value;
    // A number is refused rather than turned into text: 1.10 would arrive as 1.1.
    else return `must be text such as "1.12", not ${shown(value)}`;
    return undefined;
  },
  rules(value, into) {
    if (!isObject(value)) return `must be an object of code → severity, not ${shown(value)}`;
    const rules: Record<string, RuleSeverity> = {};
    const bad: string[] = [];
    for (const [code, severity] of Object.entries(value)) {
      if (SEVERITIES.includes(severity as RuleSeverity)) rules[code] = severity as RuleSeverity;
      else bad.push(`${code}: ${shown(severity)}`);
    }
    into.rules = rules;
    return bad.length ? `takes ${SEVERITIES.join(', ')} for each code; ignored ${bad.slice(0, 3).join(', ')}${bad.length > 3 ? ', …' : ''}` : undefined;
  },
  inlayHints(value, into) {
    // initializationOptions may give the list itself, as the service settings hold it.
    if (Array.isArray(value)) value = { show: value };
    if (!isObject(value)) return `must be an object with a "show" list, not ${shown(value)}`;
    if (value.show === undefined) return undefined;
    if (!Array.isArray(value.show)) return `.show must be a list such as ["serverKey"], not ${shown(value.show)}`;
    into.inlayHints = value.show;
    return undefined;
  },
};

/** Reads a settings section of any shape; unknown keys (the client's own, such as `trace`) are left alone. */
export function readSettings(section: unknown): ReadSettings {
  const settings: ServiceSettings = {};
  const problems: string[] = [];
  if (section === undefined || section === null) return { settings, problems };
  if (!isObject(section)) return { settings, problems: [`The openmetadataAuth settings must be an object, not ${shown(section)}; the defaults apply.`] };
  for (const [key, read] of Object.entries(SCHEMA)) {
    if (section[key] === undefined || section[key] === null) continue;
    const problem = read(section[key], settings);
    if (problem) problems.push(`The setting openmetadataAuth.${key} ${problem}; ${key === 'rules' ? 'the other codes apply' : 'the default applies'}.`);
  }
  return { settings, problems };
}
