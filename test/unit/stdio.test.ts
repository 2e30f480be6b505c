// The standalone server over stdio, as Neovim and Helix start it: completion, hover and pushed diagnostics over the wire.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';

const SERVER = join(__dirname, '../../../dist/server.js');
const URI = 'file:///ws/openmetadata.yaml';
const TEXT = 'authenticationConfiguration:\n  provider: customOidc\n  clientType: public\n  \n';

describe('node dist/server.js --stdio', () => {
  let child: ChildProcessWithoutNullStreams;
  let connection: MessageConnection;
  const published: { uri: string; version?: number; diagnostics: { code: string; range: { start: { line: number } } }[] }[] = [];
  let onPublish: (() => void) | undefined;

  before(async () => {
    child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onNotification('textDocument/publishDiagnostics', (params) => {
      published.push(params);
      onPublish?.();
    });
    connection.onRequest('workspace/configuration', () => [{}]);
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    // A client without pull diagnostics, like Neovim 0.9: the server must push.
    const result = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true } },
    })) as { capabilities: Record<string, unknown> };
    assert.ok(result.capabilities.completionProvider);
    assert.equal(result.capabilities.diagnosticProvider, undefined);
    await connection.sendNotification('initialized', {});
  });

  after(async () => {
    await connection.sendRequest('shutdown').catch(() => undefined);
    await connection.sendNotification('exit').catch(() => undefined);
    connection.dispose();
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
  });

  it('pushes diagnostics for an opened document', async () => {
    const pushed = new Promise<void>((resolve) => (onPublish = resolve));
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'yaml', version: 1, text: TEXT } });
    await pushed;
    const last = published[published.length - 1];
    assert.equal(last.uri, URI);
    assert.ok(last.diagnostics.some((d) => d.code === 'invalid-value' && d.range.start.line === 1));
  });

  it('answers completion', async () => {
    const items = (await connection.sendRequest('textDocument/completion', { textDocument: { uri: URI }, position: { line: 3, character: 2 } })) as {
      label: string;
    }[];
    assert.ok(items.some((i) => i.label === 'authority'));
    assert.ok(!items.some((i) => i.label === 'clientType'));
  });

  it('answers hover', async () => {
    const h = (await connection.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 2, character: 4 } })) as {
      contents: { value: string };
    };
    assert.match(h.contents.value, /\*\*clientType\*\*/);
  });

  it('reports a syntax error outside the auth sections once typing pauses, for the version typed last', async () => {
    const uri = 'file:///ws/config/openmetadata.yaml';
    const text = 'server:\n  port: [8585\nauthenticationConfiguration:\n  provider: basic\n';
    const found = new Promise<void>(
      (resolve) => (onPublish = () => published.some((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'yaml-syntax')) && resolve()),
    );
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    // Keystrokes 100 ms apart, longer in all than the pause the check waits for: it runs after the last one.
    for (let version = 2; version <= 6; version++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: `${text}# ${version}\n` }] });
    }
    await found;
    const first = published.find((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'yaml-syntax'))!;
    assert.equal(first.version, 6);
    assert.ok(first.diagnostics.some((d) => d.code === 'yaml-syntax' && d.range.start.line <= 2));
  });

  it('survives malformed and binary input and answers the next request', async () => {
    const pushed = new Promise<void>((resolve) => (onPublish = resolve));
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ text: 'authenticationConfiguration: [\u0000\u0001' }],
    });
    await pushed;
    const items = (await connection.sendRequest('textDocument/completion', { textDocument: { uri: URI }, position: { line: 0, character: 0 } })) as unknown[];
    assert.ok(Array.isArray(items));
    assert.equal(child.exitCode, null);
  });
});
