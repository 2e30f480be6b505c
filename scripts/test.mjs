#!/usr/bin/env node
// `npm test`: every suite in order — static checks, unit + corpus + stdio, then the suites that need a real Keycloak.
// Starts Keycloak once (or uses KEYCLOAK_URL) and always stops it. Exits non-zero if any suite fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv.slice(2);
const results = [];

// A fresh clone has no node_modules yet: `npm test` installs them rather than failing on the first import.
if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  console.log('▶ installing the npm dependencies (fresh clone)');
  if (spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}

// Each node:test suite also writes its report to a file, so the failures can be repeated after the summary: a CI log
// is often read from its end, where they would otherwise be far above.
const logs = join(root, 'out', 'test-logs');
const nodeTest = (name, ...args) => [
  process.execPath,
  [
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=spec',
    `--test-reporter-destination=${join(logs, `${name}.txt`)}`,
    ...args,
  ],
];

function run(name, command, args, env = {}) {
  if (only.length && !only.includes(name) && !name.endsWith('-setup')) return true;
  const started = Date.now();
  console.log(`\n▶ ${name}: ${[command, ...args].join(' ')}`);
  mkdirSync(logs, { recursive: true });
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  results.push({ name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  return ok;
}

/** The "failing tests" part of a suite's report, at most `max` lines. */
function failuresOf(name, max = 80) {
  const file = join(logs, `${name}.txt`);
  if (!existsSync(file)) return [];
  // Frames inside node itself say nothing about the test.
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => !/^\s+at .*\(?node:/.test(l));
  const from = lines.findIndex((l) => l.includes('failing tests:'));
  return from < 0 ? [] : lines.slice(from, from + max);
}

const hasTests = (dir) => existsSync(join(root, dir)) && readdirSync(join(root, dir), { recursive: true }).some((f) => String(f).endsWith('.test.ts'));
const npx = (bin, ...args) => [process.execPath, [join(root, 'node_modules', '.bin', bin), ...args]];

run('build', process.execPath, ['esbuild.mjs']);
run('typecheck', ...npx('tsc'));
run('lint', ...npx('eslint', '.'));
// One style everywhere, so a diff shows what changed and not how someone's editor wraps lines.
run('format', ...npx('prettier', '--check', '.'));
// A test that hangs fails with its name instead of holding the run until CI's limit (the slowest takes ~20 s).
run('unit', ...nodeTest('unit', '--test-timeout=300000', 'out/test/unit/'));
// The openmetadata-auth CLI as a child process (dist/cli.js), on fixture folders and a copy of the corpus.
// Most of its time is child processes starting, so several files run at once.
run('cli', ...nodeTest('cli', '--test-concurrency=4', 'out/test/cli/'));

// The UI suite is one script (a list of steps), not *.test.ts files.
const hasSuite = (s) => hasTests(`test/${s}`) || (s === 'ui' && existsSync(join(root, 'test/ui/runUi.ts')));
const needsKeycloak = ['integration', 'vscode', 'ui'].filter((s) => (!only.length || only.includes(s)) && hasSuite(s));
if (needsKeycloak.length) {
  const { startKeycloak } = await import('./keycloak.mjs');
  let keycloak;
  try {
    keycloak = await startKeycloak();
    const env = { KEYCLOAK_URL: keycloak.url, KEYCLOAK_ADMIN: keycloak.adminUser, KEYCLOAK_ADMIN_PASSWORD: keycloak.adminPassword };
    if (needsKeycloak.includes('integration')) run('integration', ...nodeTest('integration', '--test-concurrency=1', 'out/test/integration/'), env);
    // Real VS Code: code-server from scripts/install-vscode-e2e.sh (OM_AUTH_DESKTOP_VSCODE=1 downloads desktop VS Code instead).
    // code-server and chromium for the VS Code suites (a no-op once installed).
    if (needsKeycloak.some((s) => s === 'vscode' || s === 'ui')) run('vscode-setup', 'bash', [join(root, 'scripts', 'install-vscode-e2e.sh')]);
    if (needsKeycloak.includes('vscode')) run('vscode', process.execPath, ['out/test/vscode/runTests.js'], env);
    // Packages the .vsix, installs it into code-server, drives chromium; screenshots in shots/.
    if (needsKeycloak.includes('ui')) run('ui', process.execPath, ['out/test/ui/runUi.js'], env);
  } catch (error) {
    console.error(`Keycloak could not be started: ${error.message}`);
    results.push({ name: 'keycloak', ok: false, seconds: '-' });
  } finally {
    await keycloak?.stop();
  }
}

console.log('\nSummary');
for (const r of results) console.log(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.name.padEnd(12)} ${r.seconds}s`);
for (const r of results.filter((r) => !r.ok)) {
  const failures = failuresOf(r.name);
  if (failures.length) console.log(`\n${r.name}, ${failures.join('\n')}`);
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
