// `sign-in <config>`: Test Sign-in from the command line, on the same engine as the VS Code command.
//   OM_AUTH_TEST_USER, OM_AUTH_TEST_PASSWORD: the Keycloak test user; OM_AUTH_CLIENT_SECRET: a confidential client's secret.
//   Exit 0 when the user signs in, 1 when the sign-in fails, 2 on a usage error.
import { signIn } from '../keycloak/signIn';
import { reportText } from '../keycloak/signInReport';
import { readConfig } from './readConfig';

const USAGE = `Usage: sign-in [--json] [--ca-file <pem>] <openmetadata config: server YAML, Helm values, compose file or .env>
Environment: OM_AUTH_TEST_USER, OM_AUTH_TEST_PASSWORD (the Keycloak test user), OM_AUTH_CLIENT_SECRET (confidential clients).`;

export interface Io {
  env: Record<string, string | undefined>;
  out(text: string): void;
  err(text: string): void;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const usage = (message: string) => {
    io.err(`${message}\n${USAGE}`);
    return 2;
  };
  let json = false;
  let caFile: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--ca-file') caFile = argv[++i] ?? '';
    else if (arg === '-h' || arg === '--help') return usage('Test Sign-in: runs the login OpenMetadata runs for the config against Keycloak.');
    else if (arg.startsWith('-')) return usage(`Unknown option ${arg}.`);
    else files.push(arg);
  }
  if (files.length !== 1) return usage(files.length ? 'Give one config file.' : 'Give the config file to test.');
  if (caFile === '') return usage('--ca-file needs the path of a PEM file.');
  const username = io.env.OM_AUTH_TEST_USER;
  const password = io.env.OM_AUTH_TEST_PASSWORD;
  if (!username || !password) return usage('Set OM_AUTH_TEST_USER and OM_AUTH_TEST_PASSWORD to a Keycloak test user.');

  let config: ReturnType<typeof readConfig>;
  try {
    config = readConfig(files[0]);
  } catch (error) {
    return usage(`${files[0]} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  if (!config.shape) return usage(`${files[0]} is not an OpenMetadata config (no authenticationConfiguration, Helm openmetadata.config or OpenMetadata variables).`);

  const report = await signIn({ values: config.values, username, password, clientSecret: io.env.OM_AUTH_CLIENT_SECRET || undefined, caFile });
  io.out(json ? JSON.stringify(report, null, 2) : reportText(report, files[0]));
  return report.ok ? 0 : 1;
}

if (require.main === module) {
  void main(process.argv.slice(2), { env: process.env, out: (t) => console.log(t), err: (t) => console.error(t) }).then((code) => {
    process.exitCode = code;
  });
}
