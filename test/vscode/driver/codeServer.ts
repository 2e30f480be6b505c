// Starts code-server (installed by scripts/install-vscode-e2e.sh) and headless Debian chromium: shared by the
// extension-host shim and the UI suite. Everything code-server, VS Code and chromium write goes under one temp folder.
import { spawn, execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { codeServerLauncher, root } from './paths';

/** The code-server launcher: CODE_SERVER_BIN, or the one the installer writes. */
export function codeServerBin(): string {
  const bin = process.env.CODE_SERVER_BIN || codeServerLauncher;
  if (!existsSync(bin)) throw new Error(`code-server not found at ${bin}: run scripts/install-vscode-e2e.sh first`);
  return bin;
}

export const chromiumBin = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

/**
 * The folder for every temporary file (one `cs-*` folder per run, removed when the run passes). Unix socket paths
 * (VS Code puts vscode-ipc-*.sock into TMPDIR, here `<run>/t/`) are limited to about 107 bytes, so a long checkout path
 * falls back to the system temp folder.
 */
export function e2eTmp(): string {
  const preferred = process.env.E2E_TMP || join(root, 'tmp', 'e2e');
  const dir = preferred.length <= 40 ? preferred : join(tmpdir(), 'om-auth-e2e');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function mkTmp(prefix: string): string {
  return mkdtempSync(join(e2eTmp(), prefix));
}

/**
 * Environment for code-server: XDG and TMPDIR point into the run's folder, so nothing lands in the home directory and
 * the run's sockets (vscode-ipc-*.sock) go when the folder does.
 */
function codeServerEnv(stateDir: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  mkdirSync(join(stateDir, 't'), { recursive: true });
  return {
    ...process.env,
    TMPDIR: join(stateDir, 't'),
    XDG_DATA_HOME: join(stateDir, 'xdg-data'),
    XDG_CONFIG_HOME: join(stateDir, 'xdg-config'),
    XDG_CACHE_HOME: join(stateDir, 'xdg-cache'),
    ...extra,
  };
}

/** Quiet, offline user settings: no welcome page, no update checks, trusted workspace. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'files.autoSave': 'off',
  // Sticky scroll overlays the top lines of a scrolled editor, which makes screenshots misleading.
  'editor.stickyScroll.enabled': false,
};

export interface RunDirs {
  /** Holds user-data, extensions, config and XDG folders of one code-server run. */
  state: string;
  userData: string;
  extensions: string;
  config: string;
}

/** Fresh folders for one code-server run; `extensions` may be given (test-electron passes --extensions-dir). */
export function runDirs(extensions?: string): RunDirs {
  const state = mkTmp('cs-');
  const dirs = { state, userData: join(state, 'user-data'), extensions: extensions ?? join(state, 'extensions'), config: join(state, 'config.yaml') };
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  writeFileSync(dirs.config, 'auth: none\ncert: false\n');
  return dirs;
}

/** Installs a .vsix into the run's extensions folder (code-server's own CLI, about a second). */
export function installVsix(dirs: RunDirs, vsix: string): string {
  return execFileSync(
    codeServerBin(),
    ['--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix, '--force'],
    {
      encoding: 'utf8',
      env: codeServerEnv(dirs.state),
    },
  ).trim();
}

let signalsHooked = false;
/** Ctrl+C or a CI timeout: exit through process.exit, so the 'exit' listeners stop every code-server started here. */
function exitOnSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => process.exit(130));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface CodeServer {
  url: string;
  /** The remote authority the browser sees (`host:port`), for `vscode-remote://` URIs. */
  authority: string;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts code-server on a free loopback port and resolves when it logs "HTTP server listening" (its readiness event).
 * Its output goes to `logFile`.
 */
export async function startCodeServer(
  dirs: RunDirs,
  options: { env?: Record<string, string | undefined>; logFile?: string; timeoutMs?: number } = {},
): Promise<CodeServer> {
  const port = await freePort();
  const logFile = options.logFile ?? join(dirs.state, 'code-server.log');
  mkdirSync(dirname(logFile), { recursive: true });
  const args = [
    '--config',
    dirs.config,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--log',
    process.env.CODE_SERVER_LOG_LEVEL || 'info',
  ];
  const proc: ChildProcess = spawn(codeServerBin(), args, { env: codeServerEnv(dirs.state, options.env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  // code-server runs in its own process group (so stop() can end its extension host and language server too); it must
  // not outlive this process, also when the run is interrupted.
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-proc.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);
  exitOnSignals();
  const fd = openSync(logFile, 'a');
  let closed = false;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`code-server did not report "HTTP server listening" within ${(options.timeoutMs ?? 60000) / 1000}s; log: ${logFile}`)),
      options.timeoutMs ?? 60000,
    );
    const onData = (chunk: Buffer) => {
      if (!closed) writeSync(fd, chunk);
      seen = (seen + chunk.toString()).slice(-4096);
      if (seen.includes('HTTP server listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code ?? signal}) before it was ready; log: ${logFile}`));
    });
  });
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) {
      killGroup('SIGTERM');
      const killer = setTimeout(() => killGroup('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    }
    process.removeListener('exit', onExit);
    if (!closed) {
      closed = true;
      closeSync(fd);
    }
  };
  return { url: `http://127.0.0.1:${port}`, authority: `127.0.0.1:${port}`, logFile, stop };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Headless Debian chromium with a fresh profile, driven by playwright-core (no browser download). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumBin)) throw new Error(`chromium not found at ${chromiumBin}: run scripts/install-vscode-e2e.sh first`);
  const profile = mkTmp('chromium-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumBin,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The workbench URL of a folder; `payload` carries extensionDevelopmentPath / extensionTestsPath as vscode-remote URIs. */
export function workbenchUrl(server: CodeServer, folder: string, payload?: [string, string][]): string {
  let url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

export const remoteUri = (server: CodeServer, path: string) => `vscode-remote://${server.authority}${path}`;
