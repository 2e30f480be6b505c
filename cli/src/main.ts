// `openmetadata-auth check`: the language server's checks over a folder, for CI and pre-commit hooks.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DIAGNOSTIC_CODES } from '../../common/protocol';
import { effectiveSettings, mergeSettings, parseVscodeSettings, PROJECT_FILE, VSCODE_SETTINGS } from '../../common/projectSettings';
import type { ProjectSettings, RuleSeverity } from '../../common/projectSettings';
import { neighboursOf } from '../../common/neighbours';
import { readBoundedFile } from '../../common/boundedRead';
import { MAX_SETTINGS_FILE_BYTES } from '../../server/src/service/limits';
import type { ServiceSettings } from '../../server/src/service/validate';
import { github, json, sarif, severityOf, stylish, TOOL } from './formats';
import type { FileReport } from './formats';
import { checkText, fixesOf, fixText } from './lint';
import type { KeycloakChecker } from './keycloak';
import { EXIT, Refused, replaceFile } from './io';
import type { Io } from './io';
import { findFiles, repositoryRoot, within } from './walk';
import type { Walked } from './walk';


/** Above this the file is not read at all; below it the service itself reads only the auth sections of a large file. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];
const SEVERITIES = ['off', 'error', 'warning', 'information', 'hint'];

const HELP = `Usage: openmetadata-auth check [paths or globs…] [options]
       openmetadata-auth sign-in <config> [options]   (Test Sign-in against the live Keycloak; see sign-in --help)

Checks OpenMetadata auth configs (openmetadata.yaml, Helm values, compose/.env files, ingestion workflows) with the
same rules as the editor. With no paths it walks the current folder, skipping .gitignore'd files and node_modules.

Options:
  --format <name>               stylish (default), json, sarif or github
  --max-warnings <n>            exit 1 when there are more than n warnings
  --openmetadata-version <v>    the OpenMetadata release you deploy, e.g. 1.12
  --rule <code=severity>        off, error, warning, information or hint (repeatable)
  --fix                         apply each problem's safe preferred fix, then report what is left
  --keycloak <url>              also check each config against this Keycloak (discovery, keys; the client too when
                                KEYCLOAK_ADMIN/KEYCLOAK_ADMIN_PASSWORD or KEYCLOAK_CLIENT_ID/KEYCLOAK_CLIENT_SECRET are set)
  -h, --help                    this help
  -v, --version                 the version

Settings come from ${PROJECT_FILE} at the repository root, else the openmetadataAuth.* keys of
${VSCODE_SETTINGS}; options override both.
Exit status: 0 clean, 1 errors (or more warnings than --max-warnings), 2 usage error or unreadable file.`;

class UsageError extends Error {}


interface Options {
  paths: string[];
  format: Format;
  maxWarnings?: number;
  version?: string;
  rules: Record<string, RuleSeverity>;
  fix: boolean;
  keycloak?: string;
}

function parse(argv: string[]): Options | 'help' | 'version' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      'max-warnings': { type: 'string' },
      'openmetadata-version': { type: 'string' },
      rule: { type: 'string', multiple: true },
      fix: { type: 'boolean' },
      keycloak: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
  const [command, ...paths] = positionals;
  if (command !== 'check') throw new UsageError(command ? `unknown command "${command}" (the commands are "check" and "sign-in").` : 'missing the command: openmetadata-auth check [paths…].');
  const format = (values.format ?? 'stylish') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}".`);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!/^\d+$/.test(values['max-warnings'])) throw new UsageError(`--max-warnings takes a whole number ≥ 0, not "${values['max-warnings']}".`);
  }
  const rules: Record<string, RuleSeverity> = {};
  for (const rule of values.rule ?? []) {
    const [code, severity] = rule.split('=');
    if (!(DIAGNOSTIC_CODES as readonly string[]).includes(code)) throw new UsageError(`--rule ${rule}: there is no code "${code}".`);
    if (!SEVERITIES.includes(severity)) throw new UsageError(`--rule ${rule}: the severity must be one of ${SEVERITIES.join(', ')}.`);
    rules[code] = severity as RuleSeverity;
  }
  if (values.keycloak !== undefined && !/^https?:\/\/[^/]/.test(values.keycloak)) throw new UsageError(`--keycloak takes the Keycloak URL, e.g. https://keycloak.example.org, not "${values.keycloak}".`);
  return { paths, format, maxWarnings, version: values['openmetadata-version'], rules, fix: Boolean(values.fix), keycloak: values.keycloak };
}

/** A settings file of the repository, if there is one to read; one that is not read otherwise is said on stderr. */
function readSettingsFile(root: string, name: string, io: Io): string | undefined {
  const read = readBoundedFile(join(root, name), MAX_SETTINGS_FILE_BYTES);
  if ('text' in read) return read.text;
  if (read.skipped !== 'missing') io.stderr(`openmetadata-auth: ${name}: skipped, ${read.reason}.`);
  return undefined;
}

/** The project's settings, as the editor reads them (see projectSettings.ts), then the command line on top. */
function settingsFor(root: string, options: Options, io: Io): ProjectSettings {
  const vscode = readSettingsFile(root, VSCODE_SETTINGS, io);
  const editor = vscode === undefined ? { settings: {}, problems: [] } : parseVscodeSettings(vscode);
  const project = effectiveSettings(editor.settings, readSettingsFile(root, PROJECT_FILE, io));
  for (const problem of [...editor.problems, ...project.problems]) io.stderr(`openmetadata-auth: ${problem}`);
  return mergeSettings(project.settings, { openmetadataVersion: options.version, rules: options.rules });
}

/** Only a file inside the folders given, never through a link (see replaceFile): a checkout cannot steer the write elsewhere. */
function writeFixed(path: string, text: string, roots: string[]): void {
  if (!within(roots, realpathSync(path))) throw new Refused('it is outside the folders given on the command line');
  replaceFile(path, text);
}

// `ignoreBOM` keeps a byte order mark in the text, as reading with 'utf8' did, so a rewrite keeps it too.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text and whether it is the file's exact bytes: a file that is not UTF-8 is checked, but never rewritten from its lossy decoding. */
function decode(bytes: Buffer): { text: string; exact: boolean } {
  try {
    return { text: strictUtf8.decode(bytes), exact: true };
  } catch {
    return { text: bytes.toString('utf8'), exact: false };
  }
}

function nothingChecked(walked: Walked): string {
  if (walked.files.length) return 'every file found was skipped (see above)';
  if (walked.ignored) return `all ${walked.ignored} file${walked.ignored === 1 ? '' : 's'} found ${walked.ignored === 1 ? 'is' : 'are'} ignored by .gitignore`;
  return 'none found (YAML files and env files are checked, plus the files globs of the settings)';
}

const why = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'it no longer exists (removed during the run)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC' || code === 'EFBIG' || code === 'EDQUOT') return 'the disk is full or the file is past the size limit; the file is unchanged';
  return (error as Error).message;
};

function progress(io: Io): { tick(done: number, total: number): void; done(): void } {
  if (!io.stderrIsTty) return { tick: () => {}, done: () => {} };
  let last = 0;
  return {
    tick(done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      io.stderr(`\r\u001b[Kchecked ${done}/${total} files`);
    },
    done: () => io.stderr('\r\u001b[K'),
  };
}

export async function run(argv: string[], io: Io): Promise<number> {
  if (argv[0] === 'sign-in') {
    // Loaded only for sign-in: the login engine (jose, oauth4webapi) is not needed to check files.
    const { signInCommand } = await import('./signIn');
    return signInCommand(argv.slice(1), io);
  }
  let options: Options | 'help' | 'version';
  try {
    options = parse(argv);
  } catch (error) {
    io.stderr(`openmetadata-auth: ${(error as Error).message} Run openmetadata-auth --help for the options.\n`);
    return EXIT.usage;
  }
  if (options === 'help') return io.stdout(`${HELP}\n`), EXIT.clean;
  if (options === 'version') return io.stdout(`${TOOL.version}\n`), EXIT.clean;

  const root = repositoryRoot(io.cwd);
  const line = (s: string) => io.stderr(`${s}\n`);
  const project = settingsFor(root, options, { ...io, stderr: line });
  const settings: ServiceSettings = { openmetadataVersion: project.openmetadataVersion, rules: project.rules };
  const walked = await findFiles(options.paths, { cwd: io.cwd, root, patterns: project.files ?? [] });
  for (const notice of walked.notices) line(notice);
  for (const error of walked.errors) line(error);
  let unreadable = walked.errors.length > 0;

  let keycloak: KeycloakChecker | undefined;
  if (options.keycloak) {
    try {
      // Loaded only for --keycloak: the admin client and its HTTP stack are most of the bundle's start-up time.
      const { keycloakChecker } = await import('./keycloak');
      keycloak = await keycloakChecker(options.keycloak, io.env);
    } catch (error) {
      line(`openmetadata-auth: cannot use Keycloak at ${options.keycloak}: ${(error as Error).message}`);
      return EXIT.usage;
    }
  }

  const show = (path: string) => relative(io.cwd, path).split(sep).join('/');
  // Every file of a folder has the same neighbours: one that is skipped is said once.
  const skippedNeighbours = new Set<string>();
  const skippedNeighbour = (path: string, reason: string) => {
    if (!skippedNeighbours.has(path)) line(`${show(path)}: skipped, ${reason}.`);
    skippedNeighbours.add(path);
  };
  const reports: FileReport[] = [];
  let filesChecked = 0;
  const bar = progress(io);
  for (const [i, path] of walked.files.entries()) {
    bar.tick(i, walked.files.length);
    io.beforeRead?.(path);
    let text: string;
    let exact: boolean;
    try {
      const stat = statSync(path);
      if (!stat.isFile()) {
        line(`${show(path)}: skipped, not a regular file.`);
        continue;
      }
      if (stat.size > MAX_FILE_BYTES) {
        line(`${show(path)}: skipped, ${(stat.size / 1024 / 1024).toFixed(0)} MB is more than the ${MAX_FILE_BYTES / 1024 / 1024} MB a check reads.`);
        continue;
      }
      ({ text, exact } = decode(readFileSync(path)));
      filesChecked++;
    } catch (error) {
      line(`${show(path)}: cannot be read: ${why(error)}.`);
      unreadable = true;
      continue;
    }
    const file = { uri: pathToFileURL(path).href, settings, neighbours: neighboursOf(path, skippedNeighbour) };
    if (options.fix) {
      const fixed = fixText(file, text);
      if (fixed.text !== text && !exact) {
        line(`${show(path)}: not fixed, it is not valid UTF-8 (a rewrite would change its other bytes).`);
        unreadable = true;
      } else if (fixed.text !== text) {
        try {
          writeFixed(path, fixed.text, walked.roots);
          for (const a of fixed.applied) line(`fixed ${show(path)}:${a.line} ${a.code}: ${a.title}`);
          text = fixed.text;
        } catch (error) {
          line(error instanceof Refused ? `${show(path)}: not fixed, ${error.message}.` : `${show(path)}: cannot be written: ${why(error)}.`);
          unreadable = true;
        }
      }
    }
    const checked = checkText(file, text);
    if (!checked.analysis.shape) continue;
    const report: FileReport = { path: show(path), fromRoot: relative(root, path).split(sep).join('/'), text, diagnostics: checked.diagnostics };
    if (options.format === 'json') {
      report.fixes = checked.diagnostics.map((d) => fixesOf(checked, d).map((f) => ({ title: f.title, preferred: Boolean(f.preferred), needsInput: Boolean(f.command) || !f.changes.length })));
    }
    if (keycloak) {
      try {
        const found = await keycloak.check(checked.document, checked.analysis);
        if (typeof found === 'string') line(`${show(path)}: ${found}`);
        else {
          report.diagnostics.push(...found);
          report.fixes?.push(...found.map(() => []));
        }
      } catch (error) {
        line(`${show(path)}: the Keycloak check failed: ${(error as Error).message}`);
        unreadable = true;
      }
    }
    reports.push(report);
  }
  bar.done();
  await keycloak?.close();

  const output = options.format === 'json' ? json(reports) : options.format === 'sarif' ? sarif(reports, keycloak ? (await import('./keycloak')).KEYCLOAK_RULES : []) : options.format === 'github' ? github(reports) : stylish(reports, io.stdoutIsTty && !io.env.NO_COLOR);
  if (output) io.stdout(`${output}\n`);
  // A run that checked nothing must not pass as clean: a wrong folder or a .gitignore'd config would go unnoticed.
  if (!filesChecked) return line(`openmetadata-auth: no file checked: ${nothingChecked(walked)}.`), EXIT.usage;
  // Machine formats keep stdout for their document.
  (options.format === 'stylish' ? io.stdout : io.stderr)(`${filesChecked} file${filesChecked === 1 ? '' : 's'} checked.\n`);

  if (unreadable) return EXIT.usage;
  const all = reports.flatMap((r) => r.diagnostics);
  const errors = all.filter((d) => severityOf(d) === 'error').length;
  const warnings = all.filter((d) => severityOf(d) === 'warning').length;
  if (errors > 0 || (options.maxWarnings !== undefined && warnings > options.maxWarnings)) return EXIT.problems;
  return EXIT.clean;
}
