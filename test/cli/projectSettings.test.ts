// One project settings file, one verdict: the language server and the CLI read .openmetadata-auth.json the same way.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { effectiveSettings, mergeSettings, parseProjectFile, parseVscodeSettings } from '../../common/projectSettings';
import { repoRoot } from '../corpusDir';
import { fixture, runCli, WARNING_ONLY } from './run';

const SERVER = join(repoRoot(), 'dist/server.js');
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

/** What the stdio server reports for one file of a workspace folder, with VS Code's configuration answered as given. */
async function serverVerdict(root: string, file: string, configuration: object): Promise<string[]> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let configured!: () => void;
  const loaded = new Promise<void>((resolve) => (configured = resolve));
  connection.onRequest('workspace/configuration', () => {
    setImmediate(configured);
    return [configuration];
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  try {
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }],
      capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: {} } },
    });
    await connection.sendNotification('initialized', {});
    await loaded;
    const uri = pathToFileURL(join(root, file)).href;
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(join(root, file), 'utf8') },
    });
    const report = (await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as {
      items: { code: string; severity: number; range: { start: { line: number } } }[];
    };
    return report.items.map((d) => `${d.code}@${d.range.start.line + 1}:${SEVERITY[d.severity]}`).sort();
  } finally {
    await connection.sendRequest('shutdown').catch(() => undefined);
    await connection.sendNotification('exit').catch(() => undefined);
    connection.dispose();
  }
}

async function cliVerdict(root: string): Promise<string[]> {
  const ran = await runCli(['check', '--format', 'json'], root);
  return (JSON.parse(ran.stdout) as { code: string; line: number; severity: string }[]).map((f) => `${f.code}@${f.line}:${f.severity}`).sort();
}

describe('project settings', () => {
  it('give the editor and the CLI the same verdict', async () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': WARNING_ONLY });
    try {
      const plain = await cliVerdict(dir);
      assert.deepEqual(plain, ['master-realm@8:warning']);
      assert.deepEqual(await serverVerdict(dir, 'openmetadata.yaml', {}), plain);

      // The team's file picks a release and sets severities; the editor's own setting for the same code is overridden.
      writeFileSync(
        join(dir, '.openmetadata-auth.json'),
        '{ "openmetadataVersion": "1.2", "rules": { "not-in-version": "information", "master-realm": "error" } }',
      );
      const shared = await cliVerdict(dir);
      assert.deepEqual(shared, ['master-realm@8:error', 'not-in-version@4:information']);
      assert.deepEqual(await serverVerdict(dir, 'openmetadata.yaml', { rules: { 'master-realm': 'hint' } }), shared);
    } finally {
      cleanup();
    }
  });

  it('.vscode/settings.json counts for the CLI as VS Code counts it for the editor', async () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': WARNING_ONLY });
    try {
      mkdirSync(join(dir, '.vscode'));
      writeFileSync(join(dir, '.vscode/settings.json'), '{ "openmetadataAuth": { "rules": { "master-realm": "error" } } }');
      const cli = await cliVerdict(dir);
      assert.deepEqual(cli, ['master-realm@8:error']);
      // VS Code hands the server that file's values as its configuration.
      assert.deepEqual(await serverVerdict(dir, 'openmetadata.yaml', { rules: { 'master-realm': 'error' } }), cli);
    } finally {
      cleanup();
    }
  });

  it('parse hand-edited files forgivingly and say what they ignore', () => {
    assert.deepEqual(
      parseProjectFile('{ // comment\n "rules": { "master-realm": "off", "nope": "off", "plaintext-secret": "loud" }, "files": ["a/*.yml", 3], }'),
      {
        settings: { rules: { 'master-realm': 'off' }, files: ['a/*.yml'] },
        problems: [
          '.openmetadata-auth.json: rules: there is no code "nope".',
          '.openmetadata-auth.json: rules: "plaintext-secret" must be one of off, error, warning, information, hint.',
        ],
      },
    );
    assert.match(parseProjectFile('{ "rules": ').problems[0], /not valid JSON/);
    assert.deepEqual(parseVscodeSettings('{ "openmetadataAuth.openmetadataVersion": "1.12", "editor.tabSize": 2 }').settings, { openmetadataVersion: '1.12' });
    assert.deepEqual(mergeSettings({ rules: { 'master-realm': 'off', 'plaintext-secret': 'error' } }, { rules: { 'master-realm': 'hint' } }).rules, {
      'master-realm': 'hint',
      'plaintext-secret': 'error',
    });
    assert.deepEqual(effectiveSettings({ openmetadataVersion: '1.4' }, undefined).settings, { openmetadataVersion: '1.4' });
  });
});
