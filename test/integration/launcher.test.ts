// The Keycloak launcher (scripts/keycloak.mjs) with the real distribution: failing fast, stale locks, one preparation.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

interface StartOptions {
  log?: (line: string) => void;
  url?: string;
  cacheDir?: string;
  relativePath?: string;
  args?: string[];
  timeoutMs?: number;
  lockTimeoutMs?: number;
}

interface Launcher {
  KEYCLOAK_VERSION: string;
  startKeycloak(options?: StartOptions): Promise<{ url: string; stop(): Promise<void> }>;
  prepareKeycloak(options?: StartOptions): Promise<void>;
  releasePaths(version: string, cacheDir?: string): { dir: string; lock: string; build(consoles: boolean, path: string): string };
}

let launcher: Launcher;
// `url: ''`: these tests are about starting Keycloak, even when the other suites use KEYCLOAK_URL's.
const own = { url: '' };

before(
  async () => {
    const script = pathToFileURL(resolve(__dirname, '../../../scripts/keycloak.mjs')).href;
    launcher = (await import(script)) as Launcher;
    await launcher.prepareKeycloak({ ...own });
  },
  { timeout: 600_000 },
);

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => assert.fail('expected the start to fail'),
    (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
  );
}

/** A pid that no longer exists: a process that has run and been reaped. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  assert.ok(pid);
  return pid;
}

describe('the Keycloak launcher', () => {
  test('an option Keycloak refuses fails the start within seconds, with its own message and the command line', async () => {
    const started = performance.now();
    const error = await failure(launcher.startKeycloak({ ...own, args: ['--no-such-option=1'], log: () => {}, timeoutMs: 120_000 }));
    const seconds = (performance.now() - started) / 1000;
    assert.match(error.message, /Unknown option: '--no-such-option'/);
    assert.match(error.message, /kc\.sh start-dev .*--no-such-option=1/);
    assert.ok(seconds < 30, `took ${seconds.toFixed(1)} s`);
  });

  test('a lock left by a killed run is taken over', async () => {
    const { lock } = launcher.releasePaths(launcher.KEYCLOAK_VERSION);
    const pid = deadPid();
    mkdirSync(lock, { recursive: true });
    writeFileSync(join(lock, 'owner.json'), JSON.stringify({ pid, since: new Date().toISOString(), command: 'a killed test run' }));
    const lines: string[] = [];
    await launcher.prepareKeycloak({ ...own, log: (line) => lines.push(line), lockTimeoutMs: 60_000 });
    assert.ok(
      lines.some((line) => line.includes(`pid ${pid}`) && /gone/.test(line)),
      lines.join('\n'),
    );
    assert.equal(existsSync(lock), false);
  });

  test('a lock held by a live process is waited for within the bound, naming its holder', { timeout: 60_000 }, async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'kc-lock-'));
    try {
      const { lock } = launcher.releasePaths(launcher.KEYCLOAK_VERSION, cacheDir);
      mkdirSync(lock, { recursive: true });
      writeFileSync(join(lock, 'owner.json'), JSON.stringify({ pid: process.pid, since: '2026-01-01T00:00:00.000Z', command: 'another test run' }));
      const error = await failure(launcher.startKeycloak({ ...own, cacheDir, log: () => {}, lockTimeoutMs: 1_000 }));
      assert.match(error.message, new RegExp(`held by pid ${process.pid} \\(another test run\\) since 2026-01-01T00:00:00.000Z`));
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  test('two concurrent starts of one release share one preparation', { timeout: 600_000 }, async () => {
    // A build of its own (a relative path nothing else uses) is what the first start prepares: it builds it once.
    const relativePath = '/launcher-test';
    const build = launcher.releasePaths(launcher.KEYCLOAK_VERSION).build(false, relativePath);
    rmSync(build, { recursive: true, force: true });
    try {
      const logs: string[][] = [[], []];
      const settled = await Promise.allSettled(logs.map((lines) => launcher.startKeycloak({ ...own, relativePath, log: (line) => lines.push(line) })));
      const servers = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      try {
        for (const s of settled) if (s.status === 'rejected') throw s.reason;
        const preparing = logs.map((lines) => lines.filter((line) => /first start/.test(line)).length);
        assert.deepEqual([...preparing].sort(), [0, 1], logs.map((lines) => lines.join('\n')).join('\n---\n'));
        const waited = logs[preparing.indexOf(0)];
        assert.ok(
          waited.some((line) => /waiting for pid \d+/.test(line)),
          waited.join('\n'),
        );
        assert.notEqual(servers[0].url, servers[1].url);
        for (const kc of servers) {
          assert.ok(kc.url.endsWith(relativePath), kc.url);
          assert.ok((await fetch(`${kc.url}/realms/master`)).ok);
        }
      } finally {
        await Promise.all(servers.map((kc) => kc.stop()));
      }
    } finally {
      rmSync(build, { recursive: true, force: true });
    }
  });
});
