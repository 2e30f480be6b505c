// `openmetadata-auth check`: the language server's checks over a folder, for CI and pre-commit hooks.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DIAGNOSTIC_CODES } from '../../common/protocol';
import { effectiveSettings, mergeSettings, parseVscodeSettings, PROJECT_FILE, VSCODE_SETTINGS } from '../../common/projectSettings';
import type { ProjectSettings, RuleSeverity } from '../../common/projectSettings';
import { neighboursOf } from '../../common/neighbours';
import { readBoundedFile } from '../../common/boundedRead';
import { MAX_SETTINGS_FILE_BYTES } from '../../server/src/service/limits';
import type { ServiceSettings } from '../../server/src/service/validate';
import { checkstyle, github, gitlab, json, junit, sarif, severityOf, stylish, TOOL } from './formats';
import type { FileReport } from './formats';
import { checkText, fixesOf, fixText } from './lint';
import { addDeploymentFindings, secretFindings, workspaceSecrets } from './deployments';
import { modelsOf } from '../../server/src/service/analyze';
import { isComposeName } from '../../server/src/service/deployments/discover';
import type { KeycloakChecker } from './keycloak';
import { applyBaseline, BaselineError, baselineText, entriesOf, parseBaseline } from './baseline';
import type { Baseline } from './baseline';
import { EXIT, Refused, replaceFile, writeOutputFile } from './io';
import type { Io } from './io';
import { findFiles, repositoryRoot, settingsIgnores, within } from './walk';
import type { Walked } from './walk';

/** Above this the file is not read at all; below it the service itself reads only the auth sections of a large file. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

const FORMATS = ['stylish', 'json', 'sarif', 'github', 'gitlab', 'checkstyle', 'junit'] as const;
type Format = (typeof FORMATS)[number];
const SEVERITIES = ['off', 'error', 'warning', 'information', 'hint'];

const HELP = `Usage: openmetadata-auth check [paths or globs…] [options]
       openmetadata-auth check - --stdin-filename <name> [options]   (the text on stdin, checked as a file of that name)
       openmetadata-auth sign-in <config> [options]   (Test Sign-in against the live Keycloak; see sign-in --help)

Checks OpenMetadata auth configs (openmetadata.yaml, Helm values, compose/.env files, ingestion workflows) with the
same rules as the editor. With no paths it walks the current folder, skipping .gitignore'd files and node_modules.

Options:
  --format <name>               stylish (default), json, sarif, github, gitlab (Code Quality), checkstyle or junit
  -o, --output <file>           write the report to this file instead of stdout (never through a symbolic link)
  --stdin-filename <name>       with "-": the name the text on stdin is checked as (values.yaml, .env…); with
                                --fix, stdout gets the fixed text and the report goes to --output or stderr
  --config <path>               the project settings file to read instead of ${PROJECT_FILE} at the root
  --baseline <file>             findings recorded in this file are not reported and do not fail the run
  --update-baseline             write today's findings to the --baseline file (then none of them is reported)
  --max-warnings <n>            exit 1 when there are more than n warnings
  --openmetadata-version <v>    the OpenMetadata release you deploy, e.g. 1.12
  --rule <code=severity>        off, error, warning, information or hint (repeatable)
  --fix                         apply each problem's safe preferred fix, then report what is left
  --env-file <file>             as \`docker compose --env-file\`: the compose files checked are interpolated with this
                                env file instead of the .env beside them (repeatable)
  --keycloak <url>              also check each config against this Keycloak (discovery, keys; the client too when
                                KEYCLOAK_ADMIN/KEYCLOAK_ADMIN_PASSWORD or KEYCLOAK_CLIENT_ID/KEYCLOAK_CLIENT_SECRET are set)
  -h, --help                    this help
  -v, --version                 the version

Settings come from ${PROJECT_FILE} at the repository root (or --config), over the openmetadataAuth.* keys of
${VSCODE_SETTINGS}; options override both. Its "ignore" list (.gitignore syntax, e.g. "charts/**") leaves paths out.
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
  output?: string;
  /** Set when the one path is `-`: the name the text on stdin is checked as. */
  stdinFilename?: string;
  config?: string;
  baseline?: string;
  updateBaseline: boolean;
  /** `--env-file`s, as compose takes them: the env files the compose files are interpolated with. */
  envFiles: string[];
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
      output: { type: 'string', short: 'o' },
      'stdin-filename': { type: 'string' },
      config: { type: 'string' },
      baseline: { type: 'string' },
      'update-baseline': { type: 'boolean' },
      'env-file': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
  const [command, ...paths] = positionals;
  if (command !== 'check')
    throw new UsageError(
      command ? `unknown command "${command}" (the commands are "check" and "sign-in").` : 'missing the command: openmetadata-auth check [paths…].',
    );
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
  if (values.keycloak !== undefined && !/^https?:\/\/[^/]/.test(values.keycloak))
    throw new UsageError(`--keycloak takes the Keycloak URL, e.g. https://keycloak.example.org, not "${values.keycloak}".`);
  const stdin = paths.includes('-');
  if (stdin && paths.length > 1) throw new UsageError('"-" (the text on stdin) cannot be combined with other paths.');
  if (stdin && !values['stdin-filename']?.trim())
    throw new UsageError('"-" needs --stdin-filename <name>: the name (values.yaml, .env…) decides how the text is read.');
  if (!stdin && values['stdin-filename'] !== undefined) throw new UsageError('--stdin-filename goes with "-", the text on stdin.');
  for (const option of ['output', 'config', 'baseline'] as const) {
    if (values[option] !== undefined && !values[option].trim()) throw new UsageError(`--${option} takes a file name.`);
  }
  if (values['update-baseline'] && !values.baseline) throw new UsageError('--update-baseline needs --baseline <file>: where to write the findings.');
  return {
    paths,
    format,
    maxWarnings,
    version: values['openmetadata-version'],
    rules,
    fix: Boolean(values.fix),
    keycloak: values.keycloak,
    output: values.output,
    stdinFilename: stdin ? values['stdin-filename'] : undefined,
    config: values.config,
    baseline: values.baseline,
    updateBaseline: Boolean(values['update-baseline']),
    envFiles: values['env-file'] ?? [],
  };
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
  let projectText: string | undefined;
  let where = PROJECT_FILE;
  if (options.config) {
    // Named on purpose, so unlike the file found at the root it must be there.
    where = options.config;
    const read = readBoundedFile(resolve(io.cwd, options.config), MAX_SETTINGS_FILE_BYTES);
    if (!('text' in read)) throw new UsageError(`--config ${options.config}: ${read.skipped === 'missing' ? 'no such file' : read.reason}.`);
    projectText = read.text;
  } else projectText = readSettingsFile(root, PROJECT_FILE, io);
  const project = effectiveSettings(editor.settings, projectText, where);
  for (const problem of [...editor.problems, ...project.problems]) io.stderr(`openmetadata-auth: ${problem}`);
  return mergeSettings(project.settings, { openmetadataVersion: options.version, rules: options.rules });
}

/** All of stdin, within the bound a file is read to. */
async function readStdin(io: Io): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin?.() ?? []) {
    size += chunk.length;
    if (size > MAX_FILE_BYTES) throw new UsageError(`the text on stdin is more than the ${MAX_FILE_BYTES / 1024 / 1024} MB a check reads.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
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

/** Above this a baseline file is not read: one line per finding of a large repository stays far below it. */
const MAX_BASELINE_BYTES = 16 * 1024 * 1024;

async function format(name: Format, reports: FileReport[], how: { colour: boolean; keycloak: boolean; root: string }): Promise<string> {
  switch (name) {
    case 'json':
      return json(reports);
    case 'sarif':
      return sarif(reports, how.keycloak ? (await import('./keycloak')).KEYCLOAK_RULES : [], how.root);
    case 'github':
      return github(reports);
    case 'gitlab':
      return gitlab(reports);
    case 'checkstyle':
      return checkstyle(reports);
    case 'junit':
      return junit(reports);
    case 'stylish':
      return stylish(reports, how.colour);
  }
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
  if (options === 'help') return (io.stdout(`${HELP}\n`), EXIT.clean);
  if (options === 'version') return (io.stdout(`${TOOL.version}\n`), EXIT.clean);

  const root = repositoryRoot(io.cwd);
  const line = (s: string) => io.stderr(`${s}\n`);
  const usage = (message: string) => (line(`openmetadata-auth: ${message} Run openmetadata-auth --help for the options.`), EXIT.usage);
  let project: ProjectSettings;
  let stdinBytes: Buffer | undefined;
  let baseline: Baseline | undefined;
  try {
    project = settingsFor(root, options, { ...io, stderr: line });
    if (options.baseline) {
      // Read for --update-baseline too: the findings of files this run did not check are kept, and a file that is not
      // a baseline (a mistyped name) is refused rather than overwritten.
      const read = readBoundedFile(resolve(io.cwd, options.baseline), MAX_BASELINE_BYTES);
      if ('text' in read) baseline = parseBaseline(read.text, options.baseline);
      else if (read.skipped !== 'missing' || !options.updateBaseline)
        throw new UsageError(`--baseline ${options.baseline}: ${read.skipped === 'missing' ? 'no such file (write it with --update-baseline)' : read.reason}.`);
    }
    if (options.stdinFilename !== undefined) stdinBytes = await readStdin(io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof BaselineError) return usage(error.message);
    throw error;
  }
  const settings: ServiceSettings = { openmetadataVersion: project.openmetadataVersion, rules: project.rules };
  const stdinPath = options.stdinFilename === undefined ? undefined : resolve(io.cwd, options.stdinFilename);
  // The text on stdin is checked as the file it names, unless the settings ignore that file (as they would on disk).
  const stdinIgnored = stdinPath !== undefined && settingsIgnores(root, project.ignore)(stdinPath);
  const walked: Walked = stdinPath
    ? { files: stdinIgnored ? [] : [stdinPath], notices: [], errors: [], ignored: 0, settingsIgnored: stdinIgnored ? 1 : 0, roots: [] }
    : await findFiles(options.paths, { cwd: io.cwd, root, patterns: project.files ?? [], ignore: project.ignore });
  for (const notice of walked.notices) line(notice);
  for (const error of walked.errors) line(error);
  let unreadable = walked.errors.length > 0;

  let keycloak: KeycloakChecker | undefined;
  if (options.keycloak) {
    try {
      // Loaded only for --keycloak: the admin client and its HTTP stack are most of the bundle's start-up time.
      const { keycloakChecker } = await import('./keycloak');
      keycloak = await keycloakChecker(options.keycloak, io.env, line);
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
  /** The bytes of stdin back on stdout as they came, for `check - --fix` with nothing it may fix. */
  const echo = (bytes: Buffer) => (io.stdoutBytes ? io.stdoutBytes(bytes) : io.stdout(bytes.toString('utf8')));
  const reports: FileReport[] = [];
  let filesChecked = 0;
  /** The Secrets of the files walked, read once the first config needs them. */
  let secrets: ReturnType<typeof workspaceSecrets> | undefined;
  const bar = progress(io);
  for (const [i, path] of walked.files.entries()) {
    bar.tick(i, walked.files.length);
    io.beforeRead?.(path);
    let text: string;
    let exact: boolean;
    if (stdinBytes) ({ text, exact } = decode(stdinBytes));
    else {
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
      } catch (error) {
        line(`${show(path)}: cannot be read: ${why(error)}.`);
        unreadable = true;
        continue;
      }
    }
    filesChecked++;
    const file = { uri: pathToFileURL(path).href, settings, neighbours: neighboursOf(path, skippedNeighbour) };
    if (options.fix && stdinBytes) {
      // Nothing is written: the fixed text is the output, as an editor or a pipe wants it, the bytes unchanged when
      // there was nothing to fix (or the text is not UTF-8, which a rewrite from its lossy decoding would change).
      const fixed = fixText(file, text);
      if (fixed.text !== text && exact) {
        for (const a of fixed.applied) line(`fixed ${show(path)}:${a.line} ${a.code}: ${a.title}`);
        text = fixed.text;
        io.stdout(text);
      } else {
        if (fixed.text !== text) {
          line(`${show(path)}: not fixed, it is not valid UTF-8 (a rewrite would change its other bytes).`);
          unreadable = true;
        }
        echo(stdinBytes);
      }
    } else if (options.fix) {
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
    secrets ??= stdinBytes ? [] : workspaceSecrets(walked.files, root);
    const diagnostics = [...checked.diagnostics, ...secretFindings(checked.document, modelsOf(checked.analysis), secrets, checked.given)];
    const report: FileReport = { path: show(path), fromRoot: relative(root, path).split(sep).join('/'), text, diagnostics };
    if (options.format === 'json') {
      // A finding about another file (a Secret of the workspace) has no fix in this one.
      report.fixes = report.diagnostics.map((d) =>
        checked.diagnostics.includes(d)
          ? fixesOf(checked, d).map((f) => ({ title: f.title, preferred: Boolean(f.preferred), needsInput: Boolean(f.command) || !f.changes.length }))
          : [],
      );
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
  if (!stdinBytes) {
    // `--env-file`: one deployment of the compose files checked and these env files, as `docker compose` would run it.
    const declared = [...(project.deployments ?? [])];
    const composeFiles = walked.files.filter((f) => isComposeName(basename(f)));
    if (options.envFiles.length && composeFiles.length) {
      declared.push({
        name: 'command line',
        compose: composeFiles.map((f) => relative(root, f).split(sep).join('/')),
        envFiles: options.envFiles.map((f) => relative(root, resolve(io.cwd, f)).split(sep).join('/')),
      });
    }
    addDeploymentFindings(walked.files, reports, { root, cwd: io.cwd, settings: { ...settings, deployments: declared }, skipped: skippedNeighbour });
  }

  // An ignored file given on stdin to --fix comes back unchanged: the pipe expects its text either way.
  if (options.fix && stdinBytes && stdinIgnored) echo(stdinBytes);

  if (options.baseline && options.updateBaseline) {
    try {
      // The files this run did not check keep their entries while they exist: a run over a few files (a pre-commit
      // hook's) updates theirs, and a file deleted since drops out.
      const checked = new Set(walked.files.map((f) => relative(root, f).split(sep).join('/')));
      const kept = (baseline?.entries ?? []).filter((e) => !checked.has(e.file) && existsSync(join(root, e.file)));
      const recorded = entriesOf(reports);
      const text = baselineText([...recorded, ...kept]);
      writeOutputFile(io.cwd, root, options.baseline, text);
      line(
        `openmetadata-auth: ${options.baseline}: ${recorded.length} finding${recorded.length === 1 ? '' : 's'} recorded${kept.length ? `, ${kept.length} of files not checked in this run kept` : ''}.`,
      );
      baseline = parseBaseline(text, options.baseline);
    } catch (error) {
      line(
        error instanceof Refused
          ? `openmetadata-auth: ${options.baseline}: not written, ${error.message}.`
          : `openmetadata-auth: ${options.baseline}: cannot be written: ${why(error)}.`,
      );
      return EXIT.usage;
    }
  }
  if (baseline) {
    const { suppressed, stale } = applyBaseline(reports, baseline);
    if (suppressed) line(`${suppressed} finding${suppressed === 1 ? '' : 's'} in the baseline ${options.baseline} not reported.`);
    if (stale) line(`${stale} finding${stale === 1 ? '' : 's'} of the baseline no longer found (--update-baseline drops ${stale === 1 ? 'it' : 'them'}).`);
  }

  // The report goes to stdout unless --output names a file, or stdout already carries the fixed text of stdin.
  const toStdout = !options.output && !(options.fix && stdinBytes);
  const formatted = await format(options.format, reports, { colour: toStdout && io.stdoutIsTty && !io.env.NO_COLOR, keycloak: Boolean(keycloak), root });
  if (options.output) {
    try {
      writeOutputFile(io.cwd, root, options.output, formatted ? `${formatted}\n` : '');
    } catch (error) {
      line(
        error instanceof Refused
          ? `openmetadata-auth: ${options.output}: not written, ${error.message}.`
          : `openmetadata-auth: ${options.output}: cannot be written: ${why(error)}.`,
      );
      return EXIT.usage;
    }
  } else if (formatted) (toStdout ? io.stdout : io.stderr)(`${formatted}\n`);
  if (!filesChecked) {
    // Paths the project chose to leave out are a choice, not a mistake: a pre-commit hook names them when they change.
    if (walked.settingsIgnored && !walked.files.length && !walked.errors.length)
      return (
        line(
          `openmetadata-auth: no file checked: ${walked.settingsIgnored === 1 ? 'the file is' : `all ${walked.settingsIgnored} files are`} ignored by the settings' "ignore" patterns.`,
        ),
        EXIT.clean
      );
    // A run that checked nothing must not pass as clean: a wrong folder or a .gitignore'd config would go unnoticed.
    return (line(`openmetadata-auth: no file checked: ${nothingChecked(walked)}.`), EXIT.usage);
  }
  // Machine formats keep stdout for their document.
  (options.format === 'stylish' && toStdout ? io.stdout : io.stderr)(`${filesChecked} file${filesChecked === 1 ? '' : 's'} checked.\n`);

  if (unreadable) return EXIT.usage;
  const all = reports.flatMap((r) => r.diagnostics);
  const errors = all.filter((d) => severityOf(d) === 'error').length;
  const warnings = all.filter((d) => severityOf(d) === 'warning').length;
  if (errors > 0 || (options.maxWarnings !== undefined && warnings > options.maxWarnings)) return EXIT.problems;
  return EXIT.clean;
}
