// The bundled language server as a client over stdio sees it, answering the requests the server makes of its client
// (configuration, capability registration, diagnostic refresh) with defaults. Shared by the fuzz campaign and the bench.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { repoRoot } from './corpusDir';

export function spawnStdioServer(server = join(repoRoot(), 'dist/server.js')): { child: ChildProcess; connection: MessageConnection } {
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: 'pipe' });
  child.stderr!.resume();
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.onRequest('workspace/configuration', () => [{}]);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.listen();
  return { child, connection };
}
