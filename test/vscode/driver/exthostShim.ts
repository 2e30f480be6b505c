// A stand-in "VS Code executable" for @vscode/test-electron's runTests: runs the extension-host suite in code-server.
// It takes the flags test-electron passes (--extensionDevelopmentPath, --extensionTestsPath, --extensions-dir, a
// workspace folder), opens the workbench in headless chromium with the same `payload` URL parameter @vscode/test-web
// uses, and exits with the code the workbench reports through window.codeAutomationExit (0 pass, 1 fail, 124 timeout).
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { launchBrowser, mkTmp, remoteUri, runDirs, startCodeServer, workbenchUrl } from './codeServer';

interface ShimArgs {
  development: string[];
  tests?: string;
  extensionsDir?: string;
  folder?: string;
  ignored: string[];
}

export function parseArgs(argv: string[]): ShimArgs {
  const out: ShimArgs = { development: [], ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (!m) {
      out.folder = resolve(arg);
      continue;
    }
    const [, key, inline] = m;
    const value = () => inline ?? argv[++i];
    if (key === 'extensionDevelopmentPath') out.development.push(resolve(value()));
    else if (key === 'extensionTestsPath') out.tests = resolve(value());
    else if (key === 'extensions-dir') out.extensionsDir = resolve(value());
    // A fresh user-data-dir per run (below) keeps restored editors and state of an earlier run out of this one.
    else if (key === 'user-data-dir') value();
    else out.ignored.push(arg); // --no-sandbox, --disable-gpu-sandbox, --disable-updates, --skip-welcome, --disable-extensions …
  }
  return out;
}

/** Browser console lines that are offline noise, not test output. */
const NOISE =
  /ENOTFOUND open-vsx\.org|^Resolv|^Creating a socket|^\[Service Worker\]|^Updating additional builtin|Timed out waiting for authentication provider/;

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (!args.development.length || !args.tests) {
    console.error('[shim] need --extensionDevelopmentPath and --extensionTestsPath');
    return 2;
  }
  const timeoutMs = Number(process.env.EXTHOST_TEST_TIMEOUT_MS || 300_000);
  const dirs = runDirs(args.extensionsDir);
  const folder = args.folder ?? mkTmp('ws-');
  const server = await startCodeServer(dirs, { logFile: join(dirs.state, 'code-server.log') });
  const browser = await launchBrowser();
  let code = 1;
  try {
    const { page } = browser;
    let reportExit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((r) => (reportExit = r));
    await page.exposeFunction('codeAutomationLog', (_type: string, logArgs: unknown[]) => {
      const text = format(...(logArgs ?? []));
      if (process.env.EXTHOST_VERBOSE || !NOISE.test(text)) console.log(text);
    });
    await page.exposeFunction('codeAutomationExit', (c: number) => reportExit(c));
    if (process.env.EXTHOST_VERBOSE) page.on('console', (m) => console.log('[browser]', m.text()));
    page.on('crash', () => reportExit(3));
    const payload: [string, string][] = [
      ...args.development.map((d): [string, string] => ['extensionDevelopmentPath', remoteUri(server, d)]),
      ['extensionTestsPath', remoteUri(server, args.tests)],
    ];
    await page.goto(workbenchUrl(server, folder, payload));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<number>((r) => (timer = setTimeout(() => r(124), timeoutMs)));
    code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (code === 124) {
      const shot = process.env.EXTHOST_TIMEOUT_SHOT || join(dirs.state, 'timeout.png');
      await page.screenshot({ path: shot }).catch(() => undefined);
      console.error(`[shim] no result from the extension host within ${timeoutMs / 1000}s (screenshot: ${shot})`);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  if (code === 0 && !process.env.E2E_KEEP) rmSync(dirs.state, { recursive: true, force: true });
  else console.log(`[shim] code-server log: ${server.logFile}`);
  console.log(`[shim] extension host test exit code: ${code}`);
  return code;
}
