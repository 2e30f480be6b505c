#!/usr/bin/env node
// `npm start`: the sandbox. Builds and packages the extension, starts a local Keycloak with a demo realm, and opens
// code-server (real VS Code in the browser) on a sample workspace with realistic mistakes. Ctrl+C stops everything.
//   KEYCLOAK_URL (+ KEYCLOAK_ADMIN, KEYCLOAK_ADMIN_PASSWORD)  use an existing Keycloak instead of starting one
//   SANDBOX_PORT (default: a free port)  SANDBOX_HOST (default 127.0.0.1)
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startKeycloak } from './keycloak.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const state = join(root, '.cache', 'sandbox');
const DEMO = { realm: 'openmetadata-demo', username: 'jane', password: 'openmetadata-demo', email: 'jane.doe@example.org' };
const say = (line) => console.log(`sandbox: ${line}`);

/**
 * code-server's user settings: quiet and offline, and otherwise a fresh VS Code. code-server saves after a delay by
 * default; the sandbox turns that off, so a fix or a command's edit shows as a change the user can look at and undo.
 */
export function sandboxSettings(kcUrl) {
  return {
    'openmetadataAuth.keycloak.url': kcUrl,
    'files.autoSave': 'off',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'workbench.startupEditor': 'none',
    'git.openRepositoryInParentFolders': 'never',
  };
}

function step(title, command, args) {
  say(title);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${title} failed (exit ${r.status}).`);
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** A realm that is not master, with a user who has an email (OpenMetadata's first principal claim). */
async function demoRealm(kc) {
  // Imported here: on a fresh clone the dependencies are only installed by main().
  const { default: KcAdminClient } = await import('@keycloak/keycloak-admin-client');
  const admin = new KcAdminClient({ baseUrl: kc.url, realmName: 'master' });
  await admin.auth({ grantType: 'password', clientId: 'admin-cli', username: kc.adminUser, password: kc.adminPassword });
  if (!(await admin.realms.findOne({ realm: DEMO.realm }))) {
    say(`creating realm ${DEMO.realm}`);
    await admin.realms.create({ realm: DEMO.realm, enabled: true, displayName: 'OpenMetadata demo' });
  }
  const [existing] = await admin.users.find({ realm: DEMO.realm, username: DEMO.username, exact: true });
  if (!existing) {
    say(`creating user ${DEMO.username} <${DEMO.email}>`);
    const { id } = await admin.users.create({
      realm: DEMO.realm,
      username: DEMO.username,
      email: DEMO.email,
      emailVerified: true,
      firstName: 'Jane',
      lastName: 'Doe',
      enabled: true,
      credentials: [{ type: 'password', value: DEMO.password, temporary: false }],
    });
    void id;
  }
}

/** A fresh copy of the sample workspace with the running Keycloak's URL filled in. */
function workspace(kcUrl) {
  const dir = join(state, 'workspace');
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(root, 'samples', 'sandbox'), dir, { recursive: true });
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('__KEYCLOAK_URL__', kcUrl));
  }
  return dir;
}

async function main() {
  if (!existsSync(join(root, 'node_modules', '.package-lock.json')))
    step('installing the npm dependencies (fresh clone)', 'npm', ['ci', '--no-audit', '--no-fund']);
  step('installing code-server (real VS Code for the browser; once, about 2 minutes)', 'bash', [join(root, 'scripts', 'install-vscode-e2e.sh')]);
  step('building and packaging the extension', 'npm', ['run', 'package', '--silent']);
  say('starting Keycloak (the first start downloads it from Maven Central and takes a minute or two)');
  const kc = await startKeycloak({ consoles: true, log: (line) => say(line) });
  const stops = [() => kc.stop()];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    await demoRealm(kc);
    const folder = workspace(kc.url);
    const userData = join(state, 'user-data');
    const extensions = join(state, 'extensions');
    const xdg = join(state, 'xdg');
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(sandboxSettings(kc.url), null, 2));
    writeFileSync(join(state, 'config.yaml'), 'auth: none\ncert: false\n');
    const env = { ...process.env, XDG_DATA_HOME: xdg, XDG_CONFIG_HOME: xdg, XDG_CACHE_HOME: xdg };
    const launcher = join(root, '.cache', 'code-server', 'bin', 'code-server');
    const common = ['--config', join(state, 'config.yaml'), '--user-data-dir', userData, '--extensions-dir', extensions];
    say('installing the packaged extension into code-server');
    const install = spawnSync(launcher, [...common, '--install-extension', join(root, 'dist', 'openmetadata-auth.vsix'), '--force'], { env, stdio: 'inherit' });
    if (install.status !== 0) throw new Error('code-server could not install the .vsix');
    const port = Number(process.env.SANDBOX_PORT) || (await freePort());
    const host = process.env.SANDBOX_HOST || '127.0.0.1';
    const server = spawn(
      launcher,
      [
        ...common,
        '--auth',
        'none',
        '--bind-addr',
        `${host}:${port}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--ignore-last-opened',
        folder,
      ],
      {
        env,
        // code-server is chatty (missing optional assets, extension host logs): its output goes to a file.
        stdio: ['ignore', openSync(join(state, 'code-server.log'), 'w'), openSync(join(state, 'code-server.log'), 'a')],
        detached: true,
      },
    );
    stops.push(async () => {
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    });
    await waitFor(`http://${host}:${port}/healthz`);
    console.log(`
  OpenMetadata Auth sandbox is ready.

  VS Code (code-server):  http://${host}:${port}/?folder=${encodeURIComponent(folder)}
  Keycloak:               ${kc.url}
    admin console:        ${kc.url}/admin/   user ${kc.adminUser} / password ${kc.adminPassword}
    demo realm:           ${DEMO.realm}   user ${DEMO.username} / password ${DEMO.password} (${DEMO.email})
    log in as the demo user: ${kc.url}/realms/${DEMO.realm}/account

  Try it: open openmetadata.yaml, values.yaml and .env; fix the squiggles with Ctrl+.; run
  "OpenMetadata: Connect to Keycloak…" (URL ${kc.url}, realm master, ${kc.adminUser}/${kc.adminPassword}) and then
  "OpenMetadata: Create Keycloak Client for OpenMetadata…" (realm ${DEMO.realm}), and finally
  "OpenMetadata: Test Sign-in…" as ${DEMO.username} / ${DEMO.password} (or let it create a temporary test user): it
  signs in to Keycloak the way OpenMetadata would and shows who OpenMetadata takes the user for.

  Press Ctrl+C to stop code-server and Keycloak.
`);
    await new Promise((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
      server.once('exit', resolve);
    });
  } finally {
    say('stopping');
    await stopAll();
  }
}

async function waitFor(url, timeoutMs = 120_000) {
  const started = Date.now();
  for (;;) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

// Imported by the tests for its settings; run as `npm start` otherwise.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(`sandbox: ${error.message}`);
    process.exit(1);
  });
}
