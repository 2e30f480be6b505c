#!/usr/bin/env node
// Downloads, starts and stops a throwaway Keycloak on loopback for the tests and the sandbox (module and CLI).
//   KEYCLOAK_VERSION        the keycloak-quarkus-dist release (default: the newest tested, NEWEST_KEYCLOAK)
//   KEYCLOAK_RELATIVE_PATH  serve under a path, e.g. /auth as Keycloak before 17 did (default: /)
//   KEYCLOAK_URL            use that Keycloak instead (with KEYCLOAK_ADMIN, KEYCLOAK_ADMIN_PASSWORD)
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const NEWEST_KEYCLOAK = '26.7.3';
export const KEYCLOAK_VERSION = process.env.KEYCLOAK_VERSION || NEWEST_KEYCLOAK;

const root = fileURLToPath(new URL('..', import.meta.url));
const defaultCache = join(root, '.cache', 'keycloak');

// The template database holds this admin, so local servers always use it (loopback only).
const ADMIN_USER = 'admin';
const ADMIN_PASSWORD = 'admin';
// Features the tests never use, under the names of every release (24 calls the consoles account2/account3/admin2,
// 26 account/admin); only those the release knows are passed. Dropping them saves ~6 s per start.
const UNUSED_FEATURES = [
  'account',
  'account2',
  'account3',
  'admin',
  'admin2',
  'ciba',
  'device-flow',
  'impersonation',
  'kerberos',
  'organization',
  'par',
  'web-authn',
  'passkeys',
  'recovery-codes',
  'workflows',
  'opentelemetry',
  'log-mdc',
  'update-email',
  'user-event-metrics',
  'twitter-broker',
  'instagram-broker',
  'logout-all-sessions',
];
const LOCK_TIMEOUT_MS = 10 * 60_000;

/** One folder per release, so that switching KEYCLOAK_VERSION back and forth never rebuilds or mixes anything. */
export function releasePaths(version = KEYCLOAK_VERSION, cacheDir = defaultCache) {
  const dir = join(cacheDir, version);
  return {
    dir,
    // As extracted, then built (augmented) by its first start for the tests' features at `/`.
    dist: join(dir, 'dist'),
    // A database right after the first boot (schema + master realm): copying it skips ~7 s of Liquibase per run.
    template: join(dir, 'template-db'),
    // The feature names this release knows, read once from its --help.
    features: join(dir, 'features.json'),
    lock: join(dir, '.lock'),
    // Build-time options (features, the relative path) are fixed when Keycloak is built; changing them re-augments it
    // (~40 s). So each set has a copy of the distribution of its own rather than rebuilding one back and forth.
    build: (consoles, path) => join(dir, ['dist', consoles && 'consoles', path && path.slice(1).replace(/[^A-Za-z0-9]+/g, '-')].filter(Boolean).join('-')),
  };
}

/**
 * Starts a Keycloak for tests, or returns the one named by KEYCLOAK_URL.
 * `consoles` keeps the admin and account consoles (the sandbox); `args` are passed to `kc.sh start-dev` as well.
 * @param {{ log?: (line: string) => void, timeoutMs?: number, consoles?: boolean, version?: string, relativePath?: string,
 *   args?: string[], url?: string, cacheDir?: string, lockTimeoutMs?: number }} [options]
 * @returns {Promise<{ url: string, version: string, adminUser: string, adminPassword: string, stop: () => Promise<void> }>}
 */
export async function startKeycloak(options = {}) {
  const { log = console.error, url = process.env.KEYCLOAK_URL, version = KEYCLOAK_VERSION } = options;
  if (url) {
    return {
      url: url.replace(/\/+$/, ''),
      version,
      adminUser: process.env.KEYCLOAK_ADMIN || ADMIN_USER,
      adminPassword: process.env.KEYCLOAK_ADMIN_PASSWORD || ADMIN_PASSWORD,
      stop: async () => {},
    };
  }
  const started = performance.now();
  const setup = await prepare(options);
  let server;
  try {
    server = await launch({ ...setup, log, template: true, args: options.args ?? [] });
    // The first start of a build folder builds it; later ones only read it, so they need not wait for each other.
    if (!setup.built) writeFileSync(setup.builtMarker, '');
  } finally {
    setup.unlock();
  }
  log(`Keycloak ${version} ready at ${server.url} in ${seconds(started)} s`);
  return { url: server.url, version, adminUser: ADMIN_USER, adminPassword: ADMIN_PASSWORD, stop: server.stop };
}

/** Everything a start needs (download, extraction, template database, build folder), without starting a server. */
export async function prepareKeycloak(options = {}) {
  const setup = await prepare(options);
  try {
    if (!setup.built) {
      const server = await launch({ ...setup, log: options.log ?? console.error, template: true, args: [] });
      await server.stop();
      writeFileSync(setup.builtMarker, '');
    }
  } finally {
    setup.unlock();
  }
}

/** Fills the release's cache folder (extracted distribution) without starting anything. */
export async function downloadKeycloak({ log = console.error, version = KEYCLOAK_VERSION, cacheDir = defaultCache, lockTimeoutMs = LOCK_TIMEOUT_MS } = {}) {
  const paths = releasePaths(version, cacheDir);
  const unlock = await lock(paths, version, log, lockTimeoutMs);
  try {
    download(paths, version, log);
  } finally {
    unlock();
  }
  return paths.dist;
}

// Under the release's lock: what is missing is made once, however many runs start at the same time. Returns with the
// lock still held when the build folder is new, so that its first start (which builds it) is not shared either.
async function prepare({
  log = console.error,
  timeoutMs = 300_000,
  consoles = false,
  version = KEYCLOAK_VERSION,
  cacheDir = defaultCache,
  relativePath = process.env.KEYCLOAK_RELATIVE_PATH ?? '',
  lockTimeoutMs = LOCK_TIMEOUT_MS,
} = {}) {
  const path = normalisePath(relativePath);
  const javaHome = findJavaHome(version);
  const paths = releasePaths(version, cacheDir);
  const unlock = await lock(paths, version, log, lockTimeoutMs);
  try {
    download(paths, version, log);
    const known = knownFeatures(paths, javaHome);
    const testFeatures = UNUSED_FEATURES.filter((f) => known.includes(f));
    const common = { log, javaHome, timeoutMs, version, paths };
    if (!existsSync(paths.template)) await makeTemplate({ ...common, dist: paths.dist, buildArgs: buildArgs(testFeatures, '') });
    const dist = buildDir(paths, consoles, path);
    const builtMarker = join(dist, '.built');
    const built = existsSync(builtMarker);
    if (built) unlock();
    else log(`Keycloak ${version}: first start of ${dist} (builds it, about a minute)...`);
    return { ...common, dist, builtMarker, built, unlock, path, buildArgs: buildArgs(consoles ? [] : testFeatures, path) };
  } catch (error) {
    unlock();
    throw error;
  }
}

function buildDir(paths, consoles, path) {
  const dir = paths.build(consoles, path);
  if (!existsSync(dir)) {
    cpSync(paths.dist, `${dir}.tmp`, { recursive: true, filter: (src) => !src.endsWith('.built') });
    renameSync(`${dir}.tmp`, dir);
  }
  return dir;
}

function buildArgs(features, path) {
  return [...(features.length ? [`--features-disabled=${features.join(',')}`] : []), ...(path ? [`--http-relative-path=${path}`] : [])];
}

function normalisePath(path) {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed && !trimmed.startsWith('/')) throw new Error(`KEYCLOAK_RELATIVE_PATH must start with '/' (got '${path}').`);
  return trimmed;
}

const majorOf = (version) => Number(version.split('.')[0]);

/** Keycloak 26 needs Java 21+; 24 and 25 run on 17 or 21. The default java is often another, so look for a JDK explicitly. */
export function findJavaHome(version = KEYCLOAK_VERSION) {
  const [min, max] = majorOf(version) >= 26 ? [21, Infinity] : [17, 21];
  const candidates = [
    process.env.JAVA_HOME,
    ...subdirs('/usr/lib/jvm'),
    ...subdirs('/Library/Java/JavaVirtualMachines').map((d) => join(d, 'Contents', 'Home')),
  ];
  const found = candidates
    .filter(Boolean)
    .map((home) => ({ home, major: javaMajor(home) }))
    .filter((c) => c.major >= min && c.major <= max && existsSync(join(c.home, 'bin', 'java')));
  const pick = found.find((c) => c.home === process.env.JAVA_HOME) ?? found.sort((a, b) => b.major - a.major)[0];
  if (!pick) {
    const wanted = max === Infinity ? `Java ${min} or newer` : `Java ${min} to ${max}`;
    throw new Error(
      `Keycloak ${version} needs ${wanted}, and none was found in JAVA_HOME or /usr/lib/jvm. Install one (e.g. Debian's openjdk-${min}-jdk-headless) or point JAVA_HOME at one.`,
    );
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

// Through Maven only: it honours the user's mirrors and proxies and reuses ~/.m2.
function download(paths, version, log) {
  if (existsSync(paths.dist)) return;
  const artifact = `org.keycloak:keycloak-quarkus-dist:${version}:tar.gz`;
  if (spawnSync('mvn', ['-v'], { stdio: 'ignore' }).status !== 0) {
    throw new Error(
      `Keycloak ${version} is fetched with Maven (mvn dependency:copy of ${artifact}), and mvn is not on the PATH. Install Maven (Debian: apt-get install maven).`,
    );
  }
  const scratch = join(paths.dir, `download-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  try {
    log(`Keycloak: fetching ${artifact} with Maven...`);
    const mvn = spawnSync('mvn', ['-q', 'dependency:copy', `-Dartifact=${artifact}`, `-DoutputDirectory=${scratch}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    const tarball = join(scratch, `keycloak-quarkus-dist-${version}.tar.gz`);
    if (mvn.status !== 0 || !existsSync(tarball)) {
      throw new Error(
        `Maven could not fetch ${artifact} (exit ${mvn.status}); is ${version} a release of keycloak-quarkus-dist?\n${`${mvn.stdout}${mvn.stderr}`.trim().split('\n').slice(-15).join('\n')}`,
      );
    }
    log('Keycloak: extracting...');
    const tar = spawnSync('tar', ['xzf', tarball, '-C', scratch], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (tar.status !== 0) throw new Error(`Extracting ${tarball} failed: ${tar.stderr}`);
    renameSync(join(scratch, `keycloak-${version}`), paths.dist);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// Each release knows other features (24 refuses `account`, 26 `account3`), so ask it: the --help of start-dev lists
// them. A second or two of Java, once per release.
function knownFeatures(paths, javaHome) {
  try {
    return JSON.parse(readFileSync(paths.features, 'utf8'));
  } catch {
    // not asked yet
  }
  const help = spawnSync(join(paths.dist, 'bin', 'kc.sh'), ['start-dev', '--help'], { env: { ...process.env, JAVA_HOME: javaHome }, encoding: 'utf8' });
  const known = featuresFromHelp(`${help.stdout}`);
  if (!known.length)
    throw new Error(
      `Could not read the features of ${paths.dist} from \`kc.sh start-dev --help\` (exit ${help.status}):\n${`${help.stdout}${help.stderr}`.slice(-2000)}`,
    );
  writeFileSync(paths.features, JSON.stringify(known));
  return known;
}

/** The values of --features-disabled in `kc.sh start-dev --help` (a paragraph wrapped at spaces or after hyphens). */
export function featuresFromHelp(help) {
  const lines = help.split('\n');
  const start = lines.findIndex((line) => line.startsWith('--features-disabled '));
  if (start < 0) return [];
  let text = '';
  for (const line of lines.slice(start + 1)) {
    if (!/^\s/.test(line)) break;
    text += text.endsWith('-') ? line.trim() : ` ${line.trim()}`;
  }
  const values = /Possible values are: ([^.]*)\./.exec(text)?.[1] ?? '';
  return values
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

// The first start builds (augments) Keycloak into the dist's lib/ folder; afterwards lib/ is only read.
async function makeTemplate(setup) {
  setup.log(`Keycloak ${setup.version}: first start (build and database setup, about a minute)...`);
  const server = await launch({ ...setup, template: false, keepData: true, args: [] });
  await server.stop();
  const scratch = `${setup.paths.template}.tmp`;
  rmSync(scratch, { recursive: true, force: true });
  cpSync(join(server.runDir, 'data', 'h2'), scratch, { recursive: true, filter: (src) => !src.endsWith('.trace.db') });
  rmSync(server.runDir, { recursive: true, force: true });
  renameSync(scratch, setup.paths.template);
  writeFileSync(join(setup.paths.dist, '.built'), '');
}

// Keeps Keycloak tied to this process: the shell reads our pipe and stops Keycloak on EOF, which also happens when
// Node dies from a signal or a crash; it then removes the run folder unless told to keep it. When Keycloak exits on
// its own the shell exits too (so Node notices at once) and leaves the folder, whose log Node reports.
// (fd 3: a background job's stdin is /dev/null.)
const WATCHDOG = `
exec 3<&0
"$@" </dev/null 3<&- &
kc=$!
{ cat <&3 >/dev/null; : >"$RUN_DIR/.stopping"; kill -TERM "$kc" 2>/dev/null; } &
wait "$kc"
status=$?
[ -n "$KEEP_DATA" ] || [ ! -e "$RUN_DIR/.stopping" ] || rm -rf "$RUN_DIR"
exit "$status"
`;

async function launch({ log, javaHome, timeoutMs, version, paths, dist, buildArgs, path = '', template, keepData = false, args }) {
  const runDir = await mkdtemp(join(tmpdir(), 'keycloak-run-'));
  // kc.sh takes its home from its own real path, so bin/ is copied; the rest is shared read-only.
  cpSync(join(dist, 'bin'), join(runDir, 'bin'), { recursive: true });
  for (const dir of ['lib', 'conf', 'providers', 'themes']) symlinkSync(join(dist, dir), join(runDir, dir));
  if (template) cpSync(paths.template, join(runDir, 'data', 'h2'), { recursive: true });

  const port = await freePort();
  const url = `http://127.0.0.1:${port}${path}`;
  const logFile = join(runDir, 'keycloak.log');
  const out = openSync(logFile, 'a');
  const kcArgs = ['start-dev', `--http-port=${port}`, '--http-host=127.0.0.1', '--hostname-strict=false', ...buildArgs, ...args];
  const kcSh = join(runDir, 'bin', 'kc.sh');
  // 26 reads the bootstrap admin from KC_BOOTSTRAP_ADMIN_*, earlier releases from KEYCLOAK_ADMIN*.
  const adminEnv =
    majorOf(version) >= 26
      ? { KC_BOOTSTRAP_ADMIN_USERNAME: ADMIN_USER, KC_BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD }
      : { KEYCLOAK_ADMIN: ADMIN_USER, KEYCLOAK_ADMIN_PASSWORD: ADMIN_PASSWORD };
  const child = spawn('/bin/sh', ['-c', WATCHDOG, 'keycloak-watchdog', kcSh, ...kcArgs], {
    detached: true, // own process group: a Ctrl+C in the terminal reaches us, and we stop Keycloak in order
    stdio: ['pipe', out, out],
    env: {
      ...process.env,
      JAVA_HOME: javaHome,
      // The client JIT only: a short-lived server on 2 cores starts with ~40% less CPU (measured on 26.7.3: 17 s, not 28 s).
      JAVA_OPTS_APPEND: `${process.env.JAVA_OPTS_APPEND ?? ''} -XX:TieredStopAtLevel=1`.trim(),
      ...adminEnv,
      RUN_DIR: runDir,
      KEEP_DATA: keepData ? '1' : '',
    },
  });
  closeSync(out);
  // Neither the child nor its pipe may keep a finished test process alive; exiting closes the pipe anyway.
  child.unref();
  child.stdin.unref();
  let exitCode;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exitCode = code ?? signal))));

  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      if (exitCode === undefined) {
        child.stdin.end();
        const escalate = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 20_000);
        await exited;
        clearTimeout(escalate);
      }
      killGroup(child.pid, 'SIGKILL'); // anything left in the group, should kc.sh have lost track of java
      if (!keepData) rmSync(runDir, { recursive: true, force: true });
    })());

  log(`Keycloak ${version}: starting on ${url} (log: ${logFile})`);
  try {
    await waitUntilUp(url, exited, timeoutMs, log);
  } catch (error) {
    const tail = logTail(logFile);
    await stop();
    const command = `JAVA_HOME=${javaHome} ${kcSh} ${kcArgs.join(' ')}`;
    throw new Error(`${error.message}\nCommand: ${command}\n--- last lines of the Keycloak log ---\n${tail}`);
  }
  return { url, runDir, stop };
}

async function waitUntilUp(url, exited, timeoutMs, log) {
  const started = performance.now();
  let exit;
  void exited.then((code) => (exit = { code }));
  let nextReport = 15;
  for (;;) {
    try {
      const response = await fetch(`${url}/realms/master/.well-known/openid-configuration`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (exit) throw new Error(`Keycloak exited (${exit.code}) before it was ready.`);
    const elapsed = (performance.now() - started) / 1000;
    if (elapsed * 1000 > timeoutMs) throw new Error(`Keycloak did not answer within ${timeoutMs / 1000} s.`);
    if (elapsed >= nextReport) {
      log(`Keycloak: still starting (${Math.round(elapsed)} s)...`);
      nextReport += 15;
    }
    // Polling is the only readiness signal Keycloak gives in dev mode (health endpoints are off); an exit ends it at once.
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

// Two runs must not download, extract or build into the same release folder at once. The lock is a folder made in
// one rename, with its owner inside: a lock whose owner is gone (a killed run) is taken over; a live one is waited for,
// at most lockTimeoutMs. Returns the function that releases it (idempotent).
async function lock(paths, version, log, lockTimeoutMs) {
  mkdirSync(paths.dir, { recursive: true });
  const me = {
    pid: process.pid,
    since: new Date().toISOString(),
    command: process.argv.slice(1).join(' '),
    bootTicks: bootTicks(process.pid),
    id: randomUUID(),
  };
  const started = Date.now();
  let told = false;
  for (;;) {
    const mine = `${paths.lock}-${me.id}`;
    mkdirSync(mine);
    writeFileSync(join(mine, 'owner.json'), JSON.stringify(me));
    try {
      renameSync(mine, paths.lock);
      return () => {
        if (readOwner(paths.lock)?.id === me.id) rmSync(paths.lock, { recursive: true, force: true });
      };
    } catch (error) {
      rmSync(mine, { recursive: true, force: true });
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    }
    const owner = readOwner(paths.lock);
    if (!owner || !alive(owner)) {
      log(`Keycloak: taking over ${paths.lock}: its owner${owner ? ` pid ${owner.pid} (${owner.command})` : ''} is gone.`);
      takeOver(paths.lock, owner);
      continue;
    }
    const holder = `pid ${owner.pid} (${owner.command}) since ${owner.since}`;
    if (Date.now() - started > lockTimeoutMs) {
      throw new Error(
        `Keycloak ${version}: ${paths.dir} is still being prepared, after ${Math.round(lockTimeoutMs / 1000)} s of waiting; the lock ${paths.lock} is held by ${holder}. If that run is stuck, stop it.`,
      );
    }
    if (!told) log(`Keycloak: waiting for ${holder} to finish preparing ${paths.dir} (at most ${Math.round(lockTimeoutMs / 1000)} s)...`);
    told = true;
    // Another process gives no event to wait on; a short poll is cheap next to the preparation it waits for.
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function readOwner(lockDir) {
  try {
    return JSON.parse(readFileSync(join(lockDir, 'owner.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

function alive(owner) {
  if (!Number.isInteger(owner.pid) || owner.pid <= 0) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if (error.code === 'ESRCH') return false;
  }
  // A reused pid is another process: its start time differs (where /proc tells).
  const ticks = bootTicks(owner.pid);
  return !(owner.bootTicks && ticks && owner.bootTicks !== ticks);
}

/** When the process started, in clock ticks since boot (Linux's /proc), to tell a reused pid from its owner. */
function bootTicks(pid) {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[19];
  } catch {
    return undefined;
  }
}

// Moved aside in one rename, so that of two runs taking over the same stale lock only one removes it; should the
// lock have changed hands in between, it is put back.
function takeOver(lockDir, stale) {
  const aside = `${lockDir}-stale-${randomUUID()}`;
  try {
    renameSync(lockDir, aside);
  } catch {
    return; // someone else moved it
  }
  if (readOwner(aside)?.id !== stale?.id) {
    try {
      renameSync(aside, lockDir);
      return;
    } catch {
      // taken again meanwhile; the one moved aside was live, but the newer holder has it now
    }
  }
  rmSync(aside, { recursive: true, force: true });
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
