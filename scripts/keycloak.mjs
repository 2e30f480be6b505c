#!/usr/bin/env node
// Downloads, starts and stops a throwaway Keycloak on loopback for the integration tests (module and CLI).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync, symlinkSync, writeSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const KEYCLOAK_VERSION = '26.7.3';
const ARTIFACT = `org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:tar.gz`;
const CENTRAL_URL = `https://repo1.maven.org/maven2/org/keycloak/keycloak-quarkus-dist/${KEYCLOAK_VERSION}/keycloak-quarkus-dist-${KEYCLOAK_VERSION}.tar.gz`;

const root = fileURLToPath(new URL('..', import.meta.url));
const cacheDir = join(root, '.cache', 'keycloak');
const tarball = join(cacheDir, `keycloak-quarkus-dist-${KEYCLOAK_VERSION}.tar.gz`);
const distDir = join(cacheDir, `keycloak-${KEYCLOAK_VERSION}`);
// A database right after Keycloak's first boot (schema + master realm): copying it skips ~7 s of Liquibase per run.
const templateDir = join(cacheDir, `template-db-${KEYCLOAK_VERSION}`);
const lockDir = join(cacheDir, '.lock');

// The template database holds this admin, so local servers always use it (loopback only).
const ADMIN_USER = 'admin';
const ADMIN_PASSWORD = 'admin';
// Features the tests never use; dropping them saves ~6 s per start. A build-time option: keep it constant
// or every start re-augments Keycloak (~40 s).
const FEATURES_DISABLED = [
  'account', 'admin', 'ciba', 'device-flow', 'impersonation', 'kerberos', 'organization', 'par', 'web-authn',
  'passkeys', 'recovery-codes', 'workflows', 'opentelemetry', 'log-mdc', 'update-email', 'user-event-metrics',
  'twitter-broker', 'instagram-broker', 'logout-all-sessions',
];

/**
 * Starts a Keycloak for tests, or returns the one named by KEYCLOAK_URL.
 * @param {{ log?: (line: string) => void, timeoutMs?: number }} [options]
 * @returns {Promise<{ url: string, adminUser: string, adminPassword: string, stop: () => Promise<void> }>}
 */
export async function startKeycloak({ log = console.error, timeoutMs = 300_000, consoles = false } = {}) {
  if (process.env.KEYCLOAK_URL) {
    return {
      url: process.env.KEYCLOAK_URL.replace(/\/+$/, ''),
      adminUser: process.env.KEYCLOAK_ADMIN || ADMIN_USER,
      adminPassword: process.env.KEYCLOAK_ADMIN_PASSWORD || ADMIN_PASSWORD,
      stop: async () => {},
    };
  }
  const started = performance.now();
  const javaHome = findJavaHome();
  await withLock(log, async () => {
    await download(log);
    extract(log);
    if (!existsSync(templateDir)) await makeTemplate(log, javaHome, timeoutMs);
  });
  // The sandbox wants the admin and account consoles. Features are fixed when Keycloak is built, so it gets a copy
  // of the distribution of its own rather than rebuilding the tests' one back and forth.
  const dist = consoles ? await withLock(log, async () => consolesDist(log)) : distDir;
  const server = await launch({ log, javaHome, timeoutMs, template: true, dist, features: consoles ? [] : FEATURES_DISABLED });
  log(`Keycloak ${KEYCLOAK_VERSION} ready at ${server.url} in ${seconds(started)} s`);
  return { url: server.url, adminUser: ADMIN_USER, adminPassword: ADMIN_PASSWORD, stop: server.stop };
}

/** Fills .cache/keycloak (tarball and extracted distribution) without starting anything. */
export async function downloadKeycloak({ log = console.error } = {}) {
  await withLock(log, async () => {
    await download(log);
    extract(log);
  });
  return distDir;
}

/** Keycloak 26 needs Java 21+; the default java on many machines is older, so look for a JDK explicitly. */
export function findJavaHome() {
  const candidates = [process.env.JAVA_HOME, ...subdirs('/usr/lib/jvm'), ...subdirs('/Library/Java/JavaVirtualMachines').map((d) => join(d, 'Contents', 'Home'))];
  const found = candidates
    .filter(Boolean)
    .map((home) => ({ home, major: javaMajor(home) }))
    .filter((c) => c.major >= 21 && existsSync(join(c.home, 'bin', 'java')));
  const pick = found.find((c) => c.home === process.env.JAVA_HOME) ?? found.sort((a, b) => b.major - a.major)[0];
  if (!pick) {
    throw new Error(`Keycloak ${KEYCLOAK_VERSION} needs Java 21 or newer, and none was found in JAVA_HOME or /usr/lib/jvm. Install a JDK 21+ (e.g. Temurin 21) or point JAVA_HOME at one.`);
  }
  return pick.home;
}

function subdirs(dir) {
  try {
    return readdirSync(dir).map((name) => join(dir, name));
  } catch {
    return [];
  }
}

function javaMajor(home) {
  try {
    const version = /^JAVA_VERSION="([^"]+)"/m.exec(readFileSync(join(home, 'release'), 'utf8'))?.[1] ?? '';
    const [first, second] = version.split('.').map(Number);
    return first === 1 ? second : first;
  } catch {
    return 0;
  }
}

async function download(log) {
  if (existsSync(tarball)) return;
  mkdirSync(cacheDir, { recursive: true });
  // Maven honours the user's mirrors and proxies and reuses ~/.m2; plain HTTPS is the fallback.
  if (spawnSync('mvn', ['-v'], { stdio: 'ignore' }).status === 0) {
    log(`Keycloak: fetching ${ARTIFACT} with Maven...`);
    const mvn = spawnSync('mvn', ['-q', 'dependency:copy', `-Dartifact=${ARTIFACT}`, `-DoutputDirectory=${cacheDir}`], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (mvn.status === 0 && existsSync(tarball)) return;
    log('Keycloak: Maven could not fetch it; downloading from Maven Central directly.');
  }
  await httpDownload(log);
}

async function httpDownload(log) {
  const expectedSha1 = (await (await fetchOk(`${CENTRAL_URL}.sha1`)).text()).trim().split(/\s+/)[0];
  const response = await fetchOk(CENTRAL_URL);
  const total = Number(response.headers.get('content-length')) || 0;
  const part = `${tarball}.part`;
  const out = openSync(part, 'w');
  const hash = createHash('sha1');
  let received = 0;
  let reported = 0;
  try {
    for await (const chunk of response.body) {
      writeSync(out, chunk);
      hash.update(chunk);
      received += chunk.length;
      const percent = total ? Math.floor((received / total) * 100) : 0;
      if (percent >= reported + 10) {
        reported = percent;
        log(`Keycloak: downloaded ${percent}% of ${(total / 1e6).toFixed(0)} MB`);
      }
    }
  } finally {
    closeSync(out);
  }
  if (hash.digest('hex') !== expectedSha1) {
    rmSync(part, { force: true });
    throw new Error(`The Keycloak download from ${CENTRAL_URL} does not match its published SHA-1; try again.`);
  }
  renameSync(part, tarball);
}

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Downloading ${url} failed: HTTP ${response.status}.`);
  return response;
}

function extract(log) {
  if (existsSync(distDir)) return;
  log('Keycloak: extracting...');
  const scratch = join(cacheDir, `extract-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const tar = spawnSync('tar', ['xzf', tarball, '-C', scratch], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (tar.status !== 0) {
    rmSync(scratch, { recursive: true, force: true });
    throw new Error(`Extracting ${tarball} failed: ${tar.stderr}. Delete it to download again.`);
  }
  renameSync(join(scratch, `keycloak-${KEYCLOAK_VERSION}`), distDir);
  rmSync(scratch, { recursive: true, force: true });
}

// The first start also augments (builds) Keycloak into the shared lib/ folder; afterwards lib/ is only read.
async function makeTemplate(log, javaHome, timeoutMs) {
  log('Keycloak: first start (build and database setup, about a minute)...');
  const server = await launch({ log, javaHome, timeoutMs, template: false, keepData: true });
  await server.stop();
  const scratch = `${templateDir}.tmp`;
  rmSync(scratch, { recursive: true, force: true });
  cpSync(join(server.runDir, 'data', 'h2'), scratch, { recursive: true, filter: (src) => !src.endsWith('.trace.db') });
  rmSync(server.runDir, { recursive: true, force: true });
  renameSync(scratch, templateDir);
}

// Keeps Keycloak tied to this process: the shell reads our pipe and stops Keycloak on EOF, which also
// happens when Node dies from a signal or a crash. It then removes the run folder unless told to keep it.
const WATCHDOG = `
"$@" </dev/null &
kc=$!
cat >/dev/null
kill -TERM "$kc" 2>/dev/null
wait "$kc"
[ -n "$KEEP_DATA" ] || rm -rf "$RUN_DIR"
`;

function consolesDist(log) {
  const dir = `${distDir}-consoles`;
  if (!existsSync(dir)) {
    log('Keycloak: preparing a copy with the admin and account consoles (once)...');
    cpSync(distDir, `${dir}.tmp`, { recursive: true });
    renameSync(`${dir}.tmp`, dir);
  }
  return dir;
}

async function launch({ log, javaHome, timeoutMs, template, keepData = false, dist = distDir, features = FEATURES_DISABLED }) {
  const runDir = await mkdtemp(join(tmpdir(), 'keycloak-run-'));
  // kc.sh takes its home from its own real path, so bin/ is copied; the rest is shared read-only.
  cpSync(join(dist, 'bin'), join(runDir, 'bin'), { recursive: true });
  for (const dir of ['lib', 'conf', 'providers', 'themes']) symlinkSync(join(dist, dir), join(runDir, dir));
  if (template) cpSync(templateDir, join(runDir, 'data', 'h2'), { recursive: true });

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(runDir, 'keycloak.log');
  const out = openSync(logFile, 'a');
  const args = [
    'start-dev', `--http-port=${port}`, '--http-host=127.0.0.1', '--hostname-strict=false',
    ...(features.length ? [`--features-disabled=${features.join(',')}`] : []),
  ];
  const child = spawn('/bin/sh', ['-c', WATCHDOG, 'keycloak-watchdog', join(runDir, 'bin', 'kc.sh'), ...args], {
    detached: true, // own process group: a Ctrl+C in the terminal reaches us, and we stop Keycloak in order
    stdio: ['pipe', out, out],
    env: {
      ...process.env,
      JAVA_HOME: javaHome,
      KC_BOOTSTRAP_ADMIN_USERNAME: ADMIN_USER,
      KC_BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      RUN_DIR: runDir,
      KEEP_DATA: keepData ? '1' : '',
    },
  });
  closeSync(out);
  // Neither the child nor its pipe may keep a finished test process alive; exiting closes the pipe anyway.
  child.unref();
  child.stdin.unref();
  const exited = new Promise((resolve) => child.once('exit', resolve));

  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      child.stdin.end();
      const escalate = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 20_000);
      await exited;
      clearTimeout(escalate);
      killGroup(child.pid, 'SIGKILL'); // anything left in the group, should kc.sh have lost track of java
      if (!keepData) rmSync(runDir, { recursive: true, force: true });
    })());

  log(`Keycloak: starting on ${url} (log: ${logFile})`);
  try {
    await waitUntilUp(url, exited, timeoutMs, log);
  } catch (error) {
    const tail = logTail(logFile);
    await stop();
    throw new Error(`${error.message}\n--- last lines of the Keycloak log ---\n${tail}`);
  }
  return { url, runDir, stop };
}

async function waitUntilUp(url, exited, timeoutMs, log) {
  const started = performance.now();
  let died = false;
  void exited.then(() => (died = true));
  let nextReport = 15;
  for (;;) {
    try {
      const response = await fetch(`${url}/realms/master/.well-known/openid-configuration`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (died) throw new Error('Keycloak exited before it was ready.');
    const elapsed = (performance.now() - started) / 1000;
    if (elapsed * 1000 > timeoutMs) throw new Error(`Keycloak did not answer within ${timeoutMs / 1000} s.`);
    if (elapsed >= nextReport) {
      log(`Keycloak: still starting (${Math.round(elapsed)} s)...`);
      nextReport += 15;
    }
    // Polling is the only readiness signal Keycloak gives in dev mode (health endpoints are off).
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 250)), exited]);
  }
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function logTail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Two test runs must not extract or build into the same folder at once.
async function withLock(log, fn) {
  mkdirSync(cacheDir, { recursive: true });
  let waiting = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (Date.now() - statSync(lockDir).mtimeMs > 15 * 60_000) rmSync(lockDir, { recursive: true, force: true });
      if (!waiting) log(`Keycloak: waiting for another run to finish preparing ${cacheDir}...`);
      waiting = true;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

const seconds = (since) => ((performance.now() - since) / 1000).toFixed(1);

async function main(argv) {
  if (argv.includes('--download-only')) {
    const started = performance.now();
    const dir = await downloadKeycloak();
    console.log(`Keycloak ${KEYCLOAK_VERSION} is in ${dir} (${seconds(started)} s)`);
    return;
  }
  const kc = await startKeycloak();
  console.log(`URL:      ${kc.url}\nAdmin:    ${kc.adminUser}\nPassword: ${kc.adminPassword}\nPress Ctrl+C to stop.`);
  const keepAlive = setInterval(() => {}, 1 << 30);
  await new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(keepAlive);
  console.error('Keycloak: stopping...');
  await kc.stop();
}

if (process.argv[1] && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
