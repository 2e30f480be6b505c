// The stdio server under protocol abuse and bad settings: it keeps answering, and refuses what the protocol forbids
// (issue 12, items 8, 10, 11 and 13).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';

const SERVER = join(__dirname, '../../../dist/server.js');
const TEXT = 'authenticationConfiguration:\n  provider: customOidc\n  clientType: pubic\n';

interface Published {
  uri: string;
  version?: number;
  diagnostics: { code: string; range: { start: { line: number; character: number } } }[];
}

/** A server over stdio with a client that records what it is sent; `configuration` answers workspace/configuration. */
async function start(options: { initializationOptions?: unknown; configuration?: unknown; nodeArgs?: string[] } = {}) {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER, '--stdio'], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const connection: MessageConnection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: Published[] = [];
  const shown: { type: number; message: string }[] = [];
  const logged: { type: number; message: string }[] = [];
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((w) => w());
  connection.onNotification('textDocument/publishDiagnostics', (p: Published) => (published.push(p), notify()));
  connection.onNotification('window/showMessage', (p: { type: number; message: string }) => (shown.push(p), notify()));
  connection.onNotification('window/logMessage', (p: { type: number; message: string }) => (logged.push(p), notify()));
  connection.onRequest('workspace/configuration', () => [options.configuration ?? {}]);
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const capabilities = { workspace: { configuration: options.configuration !== undefined, didChangeConfiguration: { dynamicRegistration: true } } };
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities, initializationOptions: options.initializationOptions });
  await connection.sendNotification('initialized', {});
  /** Resolves once `done` holds, checked after each notification; fails after 5 s. */
  const until = (done: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr: ${stderr}`)), 5000);
      const check = () => (done() ? (clearTimeout(timer), resolve()) : waiters.push(check));
      check();
    });
  const open = (uri: string, text: string, version = 1) => connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  const stop = async () => {
    connection.dispose();
    child.kill();
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
  };
  return { child, connection, published, shown, logged, until, open, stop, stderr: () => stderr };
}

const lastFor = (published: Published[], uri: string) => [...published].reverse().find((p) => p.uri === uri);

describe('settings of the wrong type', () => {
  it('openmetadataVersion as a number, from initializationOptions and workspace/configuration: reported once, diagnostics keep working', async () => {
    const s = await start({ initializationOptions: { settings: { openmetadataVersion: 1.5 } }, configuration: { openmetadataVersion: 1.5, rules: { 'master-realm': 7 } } });
    try {
      const uri = 'file:///ws/openmetadata.yaml';
      await s.open(uri, TEXT);
      await s.until(() => Boolean(lastFor(s.published, uri)?.diagnostics.some((d) => d.code === 'invalid-value')), 'diagnostics');
      // A pushed change pulls the settings again: the same bad value is not reported a second time.
      await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${TEXT}# edited\n` }] });
      await s.until(() => lastFor(s.published, uri)?.version === 2, 'diagnostics of version 2');
      assert.ok(lastFor(s.published, uri)!.diagnostics.some((d) => d.code === 'invalid-value'));
      const aboutVersion = s.shown.filter((m) => m.message.includes('openmetadataAuth.openmetadataVersion'));
      assert.equal(aboutVersion.length, 1, JSON.stringify(s.shown));
      assert.match(aboutVersion[0].message, /must be text/);
      assert.equal(s.shown.filter((m) => m.message.includes('openmetadataAuth.rules')).length, 1, JSON.stringify(s.shown));
      assert.ok(!s.logged.some((m) => m.type === 1), JSON.stringify(s.logged));
    } finally {
      await s.stop();
    }
  });
});
