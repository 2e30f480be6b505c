// The npm package as a user gets it: assembled (scripts/pack-cli.mjs), packed with `npm pack`, installed offline into an
// empty project (it has no dependencies, so nothing but the tarball is needed), then its two bins run from there.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { repoRoot } from '../corpusDir';
import { BROKEN, fixture, runCli } from './run';

const npmEnv = { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, env: npmEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Bytes on disk as `du --apparent-size` counts them: the .bin links are links, not copies. */
function sizeOf(path: string): number {
  const stat = lstatSync(path);
  return stat.isDirectory() ? readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0) : stat.size;
}

interface PackResult {
  filename: string;
  files: { path: string }[];
}

describe('the npm package', () => {
  it('packs only the bundles, README and LICENSE, installs as one package offline, and runs check and the stdio server', async (t) => {
    const { dir, cleanup } = fixture({
      'project/package.json': '{ "name": "empty", "private": true }\n',
      'configs/deploy/openmetadata.yaml': BROKEN,
      'configs/compose/.env': 'AUTHENTICATION_PROVIDER=customOidc\n',
    });
    try {
      cpSync(join(repoRoot(), 'samples/sandbox'), join(dir, 'configs/sandbox'), { recursive: true });
      execFileSync(process.execPath, [join(repoRoot(), 'scripts/pack-cli.mjs'), '--out', join(dir, 'package')], { stdio: 'ignore' });
      const [packed] = JSON.parse(npm(['pack', join(dir, 'package'), '--json', '--pack-destination', dir], dir)) as PackResult[];
      assert.deepEqual(packed.files.map((f) => f.path).sort(), ['LICENSE', 'README.md', 'cli.js', 'package.json', 'server.js']);
      const manifest = JSON.parse(readFileSync(join(dir, 'package/package.json'), 'utf8')) as Record<string, unknown>;
      assert.equal(manifest.private, undefined);
      assert.equal(manifest.dependencies, undefined);
      assert.equal(manifest.version, (JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { version: string }).version);
      assert.deepEqual(manifest.bin, { 'openmetadata-auth': 'cli.js', 'openmetadata-auth-language-server': 'server.js' });

      const project = join(dir, 'project');
      npm(['install', '--offline', '--no-audit', '--no-fund', join(dir, packed.filename)], project);
      assert.deepEqual(
        readdirSync(join(project, 'node_modules')).filter((n) => !n.startsWith('.')),
        ['openmetadata-auth'],
        'installing it adds one package',
      );
      const installed = sizeOf(join(project, 'node_modules'));
      t.diagnostic(`installed size: ${(installed / 1024 / 1024).toFixed(1)} MB (tarball ${(statSync(join(dir, packed.filename)).size / 1024).toFixed(0)} kB)`);

      const configs = join(dir, 'configs');
      const viaNpx = spawnSync('npx', ['--no-install', 'openmetadata-auth', 'check', '--format', 'json', configs], {
        cwd: project,
        env: npmEnv,
        encoding: 'utf8',
      });
      const viaBundle = await runCli(['check', '--format', 'json', configs], project);
      assert.equal(viaNpx.status, 1, viaNpx.stderr);
      assert.equal(viaBundle.status, 1, viaBundle.stderr);
      const npxFindings = JSON.parse(viaNpx.stdout) as { file: string; code: string }[];
      assert.ok(
        npxFindings.some((f) => f.file.endsWith('deploy/openmetadata.yaml') && f.code === 'invalid-value'),
        viaNpx.stdout,
      );
      assert.ok(
        npxFindings.some((f) => f.file.endsWith('compose/.env')),
        viaNpx.stdout,
      );
      assert.deepEqual(npxFindings, JSON.parse(viaBundle.stdout));
      assert.match(viaNpx.stderr, /^\d+ files checked\.$/m);

      // The bin itself, as an editor starts it: the shebang, not `node server.js`.
      const server = spawn(join(project, 'node_modules/.bin/openmetadata-auth-language-server'), ['--stdio'], { cwd: project, stdio: 'pipe' });
      server.stderr.resume();
      const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
      connection.onRequest('workspace/configuration', () => [{}]);
      connection.onRequest('client/registerCapability', () => null);
      connection.listen();
      try {
        const answer = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} })) as {
          capabilities: Record<string, unknown>;
          serverInfo?: { name: string };
        };
        assert.ok(answer.capabilities.completionProvider, JSON.stringify(answer));
        assert.ok(answer.capabilities.hoverProvider, JSON.stringify(answer));
        await connection.sendRequest('shutdown');
        const exited = new Promise((resolve) => server.on('exit', resolve));
        await connection.sendNotification('exit');
        assert.equal(await exited, 0);
      } finally {
        connection.dispose();
        server.kill();
      }
    } finally {
      cleanup();
    }
  });
});
