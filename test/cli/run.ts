// Runs the real bundle (dist/cli.js) as a child process, in fixture folders the tests write into a temp dir.
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '../corpusDir';

export const CLI = join(repoRoot(), 'dist/cli.js');

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** How a test changes the process the CLI runs in: a shell line run first (`ulimit -f 1`, `umask 022`), another user. */
export interface ProcessSetup {
  shell?: string;
  /** What the CLI reads on stdin (`check -`); without it stdin is empty. */
  input?: string | Buffer;
  uid?: number;
  gid?: number;
}

/** The CLI as a pipeline runs it: its own process, only PATH and the environment given; async, so a test can go on meanwhile. */
/**
 * The bundle as another user can run it: the checkout may sit in a folder only its owner reads (a clean clone under
 * a private temp folder), so that user gets a copy of the self-contained bundle in a folder anyone reads.
 */
function bundleFor(setup: ProcessSetup): { cli: string; done: () => void } {
  if (setup.uid === undefined) return { cli: CLI, done: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'om-auth-cli-bin-'));
  chmodSync(dir, 0o755);
  const cli = join(dir, 'cli.js');
  copyFileSync(CLI, cli);
  chmodSync(cli, 0o644);
  return { cli, done: () => rmSync(dir, { recursive: true, force: true }) };
}

export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, setup: ProcessSetup = {}): Promise<Ran> {
  const { cli: CLI, done } = bundleFor(setup);
  return new Promise<Ran>((resolve, reject) => {
    // The limits a shell sets (ulimit, umask) hold for what it execs: the CLI itself, with its arguments untouched.
    const [command, argv]: [string, string[]] = setup.shell
      ? ['bash', ['-c', `${setup.shell}; exec "$0" "$@"`, process.execPath, CLI, ...args]]
      : [process.execPath, [CLI, ...args]];
    const child = spawn(command, argv, {
      cwd,
      env: { PATH: process.env.PATH, ...env },
      stdio: [setup.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      uid: setup.uid,
      gid: setup.gid,
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    if (setup.input !== undefined) child.stdin!.end(setup.input);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  }).finally(done);
}

/** A fresh folder with the given files (path → content); removed by the returned cleanup. */
export function fixture(files: Record<string, string | Buffer>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'om-auth-cli-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An implicit-flow server config with exactly one problem: an invalid provider (error). */
export const BROKEN = `authenticationConfiguration:
  provider: customOidc
  providerName: Keycloak
  clientType: public
  publicKeyUrls:
    - http://keycloak:8080/realms/om/protocol/openid-connect/certs
    - http://localhost:8585/api/v1/system/config/jwks
  authority: http://keycloak:8080/realms/om
  clientId: open-metadata
  callbackUrl: http://localhost:8585/callback
  jwtPrincipalClaims: [email, preferred_username, sub]
authorizerConfiguration:
  adminPrincipals: [alice]
  principalDomain: example.com
`;

/** The same config without the error: clean for the rules. */
export const CLEAN = BROKEN.replace('customOidc', 'custom-oidc');

/** Only a warning: the `master` realm. */
export const WARNING_ONLY = CLEAN.replace(/realms\/om/g, 'realms/master');

/** One finding of `check --format json`, as the README documents it. */
export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
  range: { start: { line: number; character: number } };
  fixes: { title: string; preferred: boolean; needsInput: boolean }[];
}

/** The findings of a `check --format json` run. */
export const jsonFindings = (stdout: string) => JSON.parse(stdout) as JsonFinding[];
