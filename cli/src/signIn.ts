// `openmetadata-auth sign-in <config>`: the editor's Test Sign-in for a pipeline stage after deploy, on the same engine.
import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../server/src/service/analyze';
import { readableValues } from '../../server/src/service/canonicalValues';
import { Paths } from '../../common/protocol';
import { keyName } from '../../keycloak/fileKeys';
import { plainHttpWarning } from '../../keycloak/http';
import { signIn } from '../../keycloak/signIn';
import type { SignInReport, SignInStep, StepId } from '../../keycloak/signIn';
import { reportText, STEP_TITLES } from '../../keycloak/signInReport';
import { github, json, sarif, stylish } from './formats';
import type { ExtraRule, FileReport } from './formats';
import { EXIT } from './io';
import type { Io } from './io';
import { repositoryRoot } from './walk';

/** The environment a pipeline sets; nothing secret is ever taken from the command line, where `ps` shows it. */
export const SIGN_IN_ENV = {
  user: 'OM_AUTH_TEST_USER',
  password: 'OM_AUTH_TEST_PASSWORD',
  clientSecret: 'OM_AUTH_CLIENT_SECRET',
  caFile: 'KEYCLOAK_CA_FILE',
  timeout: 'KEYCLOAK_TIMEOUT_SECONDS',
} as const;

const envRows = (rows: [string, string][]) => rows.map(([name, what]) => `  ${name.padEnd(42)} ${what}`).join('\n');

export const SIGN_IN_HELP = `Usage: openmetadata-auth sign-in <config> [--format stylish|json|sarif|github] [--ca-file <pem>]

Runs the login OpenMetadata runs for the config (server YAML, Helm values, compose file or .env) against its Keycloak,
as a test user and without a browser, then judges the token as OpenMetadata does: who the user is, email domain, admin.

Environment:
${envRows([
  [`${SIGN_IN_ENV.user}, ${SIGN_IN_ENV.password}`, 'the Keycloak test user (required)'],
  [SIGN_IN_ENV.clientSecret, 'the client secret, for a confidential client (the file only references it)'],
  [SIGN_IN_ENV.caFile, 'PEM file of an extra trusted CA (or --ca-file)'],
  [SIGN_IN_ENV.timeout, 'seconds per HTTP request (default 15)'],
])}

Exit status: 0 the user signs in and is judged as expected, 1 the sign-in fails (each failed step reported as a
finding on the setting to change), 2 usage error or unreadable file.`;

const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];

const kebab = (id: string) => id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
/** One code per step, so code scanning groups failures by what failed: `sign-in-callback`, `sign-in-self-signup`. */
export const signInCode = (id: StepId) => `sign-in-${kebab(id)}`;
export const SIGN_IN_RULES: ExtraRule[] = (Object.entries(STEP_TITLES) as [StepId, string][]).map(([id, title]) => ({
  id: signInCode(id),
  text: `Test Sign-in: the step "${title}" failed against the live Keycloak.`,
  section: { title: 'Test Sign-in in a pipeline', anchor: 'test-sign-in-in-a-pipeline' },
}));

/** Failed and warned steps as findings on the setting each names (else the authority, else the file's start). */
export function signInDiagnostics(
  report: SignInReport,
  document: TextDocument,
  spans: Record<string, { start: number; end: number }>,
  nameOf: (path: string) => string,
): Diagnostic[] {
  return report.steps
    .filter((s): s is SignInStep & { status: 'fail' | 'warn' } => s.status !== 'pass')
    .map((s) => {
      const span = (s.path && spans[s.path]) || spans[Paths.authority];
      const range = span
        ? { start: document.positionAt(span.start), end: document.positionAt(span.end) }
        : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      const setting = s.path ? ` (${nameOf(s.path)})` : '';
      return {
        range,
        severity: s.status === 'fail' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        code: signInCode(s.id),
        source: 'openmetadata-sign-in',
        message: `${s.detail}${setting}${s.fix ? ` Fix: ${s.fix}` : ''}`,
      };
    });
}

export async function signInCommand(argv: string[], io: Io): Promise<number> {
  const usage = (message: string) => (io.stderr(`openmetadata-auth sign-in: ${message} Run openmetadata-auth sign-in --help for the options.\n`), EXIT.usage);
  let values: { format?: string; 'ca-file'?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { format: { type: 'string', short: 'f' }, 'ca-file': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    return usage((error as Error).message);
  }
  if (values.help) return (io.stdout(`${SIGN_IN_HELP}\n`), EXIT.clean);
  const format = (values.format ?? 'stylish') as Format;
  if (!FORMATS.includes(format)) return usage(`--format must be one of ${FORMATS.join(', ')}, not "${values.format}".`);
  if (positionals.length !== 1) return usage(positionals.length ? 'give one config file.' : 'give the config file to test.');
  const username = io.env[SIGN_IN_ENV.user];
  const password = io.env[SIGN_IN_ENV.password];
  if (!username || !password) return usage(`set ${SIGN_IN_ENV.user} and ${SIGN_IN_ENV.password} to a Keycloak test user.`);
  const caFile = values['ca-file'] || io.env[SIGN_IN_ENV.caFile] || undefined;
  const timeoutSeconds = Number(io.env[SIGN_IN_ENV.timeout]);

  const path = resolve(io.cwd, positionals[0]);
  const shown = relative(io.cwd, path).split(sep).join('/');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return usage(`${shown} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  const uri = pathToFileURL(path).href;
  const analysis = analyze(uri, text);
  if (!analysis.shape)
    return usage(`${shown} is not an OpenMetadata config (no authenticationConfiguration, Helm openmetadata.config or OpenMetadata variables).`);
  const { values: canonical, spans } = readableValues(analysis.model);
  // As the editor's Test Sign-in names them, so its report and this one read the same.
  const nameOf = (p: string) => keyName(analysis.shape, p);

  // The test user's password goes to the realm the file names: said before it travels, not refused (a pipeline may
  // test a staging Keycloak on a private network on purpose).
  const insecure = [canonical[Paths.authority], canonical[Paths.discoveryUri]]
    .map((url) => (typeof url === 'string' ? plainHttpWarning(url) : undefined))
    .find((w) => w);
  if (insecure) io.stderr(`openmetadata-auth sign-in: warning: the test user's password goes to ${insecure}\n`);
  const report = await signIn({
    values: canonical,
    username,
    password,
    clientSecret: io.env[SIGN_IN_ENV.clientSecret] || undefined,
    caFile,
    timeoutMs: timeoutSeconds > 0 ? timeoutSeconds * 1000 : undefined,
  });
  const document = TextDocument.create(uri, 'yaml', 1, text);
  const file: FileReport = {
    path: shown,
    fromRoot: relative(repositoryRoot(io.cwd), path).split(sep).join('/'),
    text,
    diagnostics: signInDiagnostics(report, document, spans, nameOf),
  };
  if (format === 'stylish') {
    const findings = stylish([file], io.stdoutIsTty && !io.env.NO_COLOR);
    io.stdout(`${reportText(report, shown, nameOf)}\n${findings ? `\n${findings}\n` : ''}`);
  } else {
    io.stdout(`${format === 'json' ? json([file]) : format === 'sarif' ? sarif([file], SIGN_IN_RULES) : github([file])}\n`);
    // Standard output is for the machine; the verdict in words goes beside it for the person reading the log.
    io.stderr(`${report.ok ? 'PASS' : 'FAIL'}: ${report.summary}\n`);
  }
  return report.ok ? EXIT.clean : EXIT.problems;
}
