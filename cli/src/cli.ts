// The `openmetadata-auth` executable (dist/cli.js): process in, exit status out.
import { run } from './main';

run(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdin: () => process.stdin,
  stdoutBytes: (b) => process.stdout.write(b),
  stdoutIsTty: Boolean(process.stdout.isTTY),
  stderrIsTty: Boolean(process.stderr.isTTY),
}).then(
  (status) => (process.exitCode = status),
  (error: unknown) => {
    process.stderr.write(`openmetadata-auth: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
