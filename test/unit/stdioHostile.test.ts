// The stdio server under protocol abuse and bad settings: it keeps answering, and refuses what the protocol forbids
// (issue 12, items 8, 10, 11 and 13).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';

const SERVER = join(__dirname, '../../../dist/server.js');
const TEXT = 'authenticationConfiguration:\n  provider: customOidc\n  clientType: pubic\n';

interface Published {
  uri: string;
  version?: number;
  diagnostics: { code: string; range: { start: { line: number; character: number } } }[];
}

/**
 * A server over stdio with a client that records what it is sent; `configuration` answers workspace/configuration.
 * `answers` replace the client's answers to the server's requests; `capabilities` replace the client's.
 */
async function start(
  options: {
    initializationOptions?: unknown;
    configuration?: unknown;
    nodeArgs?: string[];
    capabilities?: unknown;
    answers?: Record<string, () => unknown>;
    rootUri?: string;
  } = {},
) {
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
  /** The methods of the requests the server made, in order. */
  const asked: string[] = [];
  const answers: Record<string, () => unknown> = {
    'workspace/configuration': () => [options.configuration ?? {}],
    'client/registerCapability': () => null,
    ...options.answers,
  };
  for (const [method, answer] of Object.entries(answers)) connection.onRequest(method, () => (asked.push(method), notify(), answer()));
  connection.listen();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const capabilities = options.capabilities ?? {
    workspace: { configuration: options.configuration !== undefined, didChangeConfiguration: { dynamicRegistration: true } },
  };
  // A server that dies while starting fails the test at once instead of leaving it waiting for an answer.
  await Promise.race([
    connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      capabilities,
      initializationOptions: options.initializationOptions,
    }),
    exited.then(() => Promise.reject(new Error(`the server exited while starting; stderr: ${stderr}`))),
  ]);
  await connection.sendNotification('initialized', {});
  /** Resolves once `done` holds, checked after each notification; fails after 5 s. */
  const until = (done: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; stderr: ${stderr}`)), 5000);
      const check = () => (done() ? (clearTimeout(timer), resolve()) : waiters.push(check));
      check();
    });
  const open = (uri: string, text: string, version = 1) =>
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  const stop = async () => {
    connection.dispose();
    child.kill();
    // A process ended by a signal keeps exitCode null for good (signalCode says it ended): waiting on 'exit' again,
    // after it was emitted, would never return. `exited` resolves once, whenever that was.
    await exited;
  };
  /** A request's answer, or a failure as soon as the server exits instead of answering. */
  const answered = <T>(method: string, params: unknown) =>
    Promise.race([
      connection.sendRequest(method, params) as Promise<T>,
      exited.then(() => Promise.reject(new Error(`the server exited instead of answering ${method}; stderr: ${stderr}`))),
    ]);
  return { child, connection, published, shown, logged, asked, until, open, answered, stop, stderr: () => stderr };
}

const lastFor = (published: Published[], uri: string) => [...published].reverse().find((p) => p.uri === uri);

describe('settings of the wrong type', () => {
  it('openmetadataVersion as a number, from initializationOptions and workspace/configuration: reported once, diagnostics keep working', async () => {
    const s = await start({
      initializationOptions: { settings: { openmetadataVersion: 1.5 } },
      configuration: { openmetadataVersion: 1.5, rules: { 'master-realm': 7 } },
    });
    try {
      const uri = 'file:///ws/openmetadata.yaml';
      await s.open(uri, TEXT);
      await s.until(() => Boolean(lastFor(s.published, uri)?.diagnostics.some((d) => d.code === 'invalid-value')), 'diagnostics');
      // A pushed change pulls the settings again: the same bad value is not reported a second time.
      await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${TEXT}# edited\n` }] });
      await s.until(() => lastFor(s.published, uri)?.version === 2, 'diagnostics of version 2');
      assert.ok(lastFor(s.published, uri)!.diagnostics.some((d) => d.code === 'invalid-value'));
      const aboutVersion = s.shown.filter((m) => m.message.includes('openmetadataVersion'));
      assert.equal(aboutVersion.length, 1, JSON.stringify(s.shown));
      assert.match(aboutVersion[0].message, /must be a string such as "1\.12"/);
      assert.equal(s.shown.filter((m) => m.message.includes('rules:')).length, 1, JSON.stringify(s.shown));
      assert.ok(!s.logged.some((m) => m.type === 1), JSON.stringify(s.logged));
    } finally {
      await s.stop();
    }
  });
});

describe('settings at start', () => {
  it("the first diagnostics of a document opened at start already follow the client's initializationOptions", async () => {
    // The client's answer to the configuration pull is slow, as at an editor's start: the first answer cannot wait for it.
    let release: () => void = () => undefined;
    const slow = new Promise<unknown[]>((resolve) => (release = () => resolve([{ rules: { 'invalid-value': 'off' } }])));
    const s = await start({
      initializationOptions: { settings: { rules: { 'invalid-value': 'off' } } },
      configuration: {},
      answers: { 'workspace/configuration': () => slow },
    });
    try {
      const uri = 'file:///ws/openmetadata.yaml';
      await s.open(uri, TEXT);
      await s.until(() => s.published.some((p) => p.uri === uri && p.diagnostics.length > 0), 'the first diagnostics');
      const first = s.published.find((p) => p.uri === uri && p.diagnostics.length > 0)!;
      assert.ok(!first.diagnostics.some((d) => d.code === 'invalid-value'), JSON.stringify(first.diagnostics.map((d) => d.code)));
    } finally {
      release();
      await s.stop();
    }
  });
});

describe('special files beside the documents', { skip: process.platform === 'win32' && 'no FIFOs' }, () => {
  it('a FIFO as the project file and as Chart.yaml, a compose file past its bound: skipped with a log line each, diagnostics as usual', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'om-auth-stdio-'));
    execFileSync('mkfifo', [join(dir, '.openmetadata-auth.json')]);
    execFileSync('mkfifo', [join(dir, 'Chart.yaml')]);
    writeFileSync(join(dir, 'docker-compose.yml'), ' '.repeat(1024 * 1024 + 1));
    const s = await start({ rootUri: pathToFileURL(dir).href });
    try {
      const uri = pathToFileURL(join(dir, 'openmetadata.yaml')).href;
      await s.open(uri, TEXT);
      await s.until(() => Boolean(lastFor(s.published, uri)?.diagnostics.some((d) => d.code === 'invalid-value')), 'diagnostics');
      const skipped = s.logged.filter((m) => m.message.includes('skipped')).map((m) => m.message.replace(dir, '<dir>'));
      assert.deepEqual(skipped.sort(), [
        '<dir>/.openmetadata-auth.json: skipped, not a regular file (a FIFO).',
        '<dir>/Chart.yaml: skipped, not a regular file (a FIFO).',
        '<dir>/docker-compose.yml: skipped, larger than the 1 MB read of it.',
      ]);
    } finally {
      await s.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('settings naming many unknown rule codes', () => {
  it('1,000 unknown codes in one settings change: one pop-up, with the first few codes and the count', async () => {
    const rules = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`no-such-rule-${i}`, 'off']));
    const s = await start({ configuration: { rules } });
    try {
      await s.until(() => s.shown.length > 0, 'the settings message');
      // A round trip after the first message: whatever the server sent with it has arrived.
      await s.answered('textDocument/hover', { textDocument: { uri: 'file:///ws/none.yaml' }, position: { line: 0, character: 0 } });
      assert.equal(s.shown.length, 1, `${s.shown.length} messages`);
      assert.match(s.shown[0].message, /"no-such-rule-0"/);
      assert.match(s.shown[0].message, /1,000/);
      assert.doesNotMatch(s.shown[0].message, /"no-such-rule-999"/);
    } finally {
      await s.stop();
    }
  });
});

describe("a client that answers the server's requests with errors", () => {
  const uri = 'file:///ws/openmetadata.yaml';
  const pull = (s: Awaited<ReturnType<typeof start>>) => s.answered<{ items: { code: string }[] }>('textDocument/diagnostic', { textDocument: { uri } });

  it('registerCapability, workspace/configuration and workspace/diagnostic/refresh refused: logged, and the server keeps answering', async () => {
    const refuse = (method: string) => () => new ResponseError(-32603, `${method} refused by the test client`);
    const methods = ['client/registerCapability', 'workspace/configuration', 'workspace/diagnostic/refresh'];
    const s = await start({
      capabilities: {
        textDocument: { diagnostic: {} },
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, diagnostics: { refreshSupport: true } },
      },
      answers: Object.fromEntries(methods.map((m) => [m, refuse(m)])),
    });
    try {
      await s.until(() => s.asked.includes('client/registerCapability') && s.asked.includes('workspace/configuration'), 'the requests after initialized');
      await s.open(uri, TEXT);
      assert.ok((await pull(s)).items.some((d) => d.code === 'invalid-value'));
      await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await s.until(
        () => s.asked.filter((m) => m === 'workspace/configuration').length === 2 && s.asked.includes('workspace/diagnostic/refresh'),
        'the configuration pulled again, then a refresh',
      );
      assert.ok((await pull(s)).items.some((d) => d.code === 'invalid-value'));
      assert.equal(s.child.exitCode, null);
      for (const method of methods)
        assert.ok(
          s.logged.some((m) => m.message.includes(method)),
          `${method} not logged: ${JSON.stringify(s.logged)}`,
        );
    } finally {
      await s.stop();
    }
  });

  it('no workspace/diagnostic/refresh to a client that did not declare refreshSupport', async () => {
    const s = await start({
      capabilities: { textDocument: { diagnostic: {} }, workspace: { configuration: true } },
      answers: { 'workspace/diagnostic/refresh': () => null },
    });
    try {
      await s.until(() => s.asked.includes('workspace/configuration'), 'the configuration pulled');
      await s.open(uri, TEXT);
      await s.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await s.until(() => s.asked.filter((m) => m === 'workspace/configuration').length === 2, 'the configuration pulled again');
      // The server refreshes once the configuration is in, before it reads the next request: answered, it has had its chance.
      assert.ok((await pull(s)).items.some((d) => d.code === 'invalid-value'));
      assert.deepEqual(
        s.asked.filter((m) => m === 'workspace/diagnostic/refresh'),
        [],
      );
    } finally {
      await s.stop();
    }
  });
});

describe('protocol abuse', () => {
  it('a didChange that reuses the version number with new text is answered from the new text', async () => {
    const s = await start();
    try {
      const uri = 'file:///ws/openmetadata.yaml';
      await s.open(uri, TEXT);
      await s.until(() => Boolean(lastFor(s.published, uri)?.diagnostics.some((d) => d.code === 'invalid-value')), 'diagnostics');
      await s.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 1 }, contentChanges: [{ text: `\n\n${TEXT}` }] });
      await s.until(() => s.published.filter((p) => p.uri === uri).length >= 2, 'diagnostics after the change');
      const invalid = lastFor(s.published, uri)!.diagnostics.filter((d) => d.code === 'invalid-value');
      assert.deepEqual(
        invalid.map((d) => d.range.start),
        [
          { line: 3, character: 12 },
          { line: 4, character: 14 },
        ],
      );
      const actions = (await s.answered('textDocument/codeAction', {
        textDocument: { uri },
        range: invalid[1].range,
        context: { diagnostics: [{ ...invalid[1], source: 'openmetadata' }] },
      })) as { edit?: { documentChanges: { edits: { range: { start: { line: number; character: number } } }[] }[] } }[];
      const edits = actions.flatMap((a) => a.edit?.documentChanges.flatMap((c) => c.edits) ?? []);
      assert.ok(
        edits.some((e) => e.range.start.line === 4 && e.range.start.character === 14),
        JSON.stringify(edits),
      );
    } finally {
      await s.stop();
    }
  });

  it('a URI with a malformed percent-escape (100%.yaml) is answered normally', async () => {
    const s = await start();
    try {
      for (const uri of ['file:///ws/100%.yaml', 'file:///ws/100%.env']) {
        const text = uri.endsWith('.env')
          ? 'AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_CLIENT_TYPE=pubic\nAUTHORIZER_ADMIN_PRINCIPALS=[alice]\n'
          : TEXT;
        await s.open(uri, text);
        await s.until(() => Boolean(lastFor(s.published, uri)?.diagnostics.some((d) => d.code === 'invalid-value')), `diagnostics of ${uri}`);
        const hover = (await s.answered('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 4 } })) as {
          contents: { value: string };
        } | null;
        assert.ok(hover?.contents.value, uri);
      }
      assert.doesNotMatch(s.stderr(), /URIError/);
      assert.ok(!s.logged.some((m) => /URIError|failed/.test(m.message)), JSON.stringify(s.logged));
    } finally {
      await s.stop();
    }
  });

  it('refuses requests after shutdown and a second initialize', async () => {
    const s = await start();
    try {
      await assert.rejects(s.answered('initialize', { processId: null, rootUri: null, capabilities: {} }), /already initialized/);
      await s.open('file:///ws/openmetadata.yaml', TEXT);
      await s.answered('shutdown', null);
      await assert.rejects(
        s.answered('textDocument/hover', { textDocument: { uri: 'file:///ws/openmetadata.yaml' }, position: { line: 1, character: 4 } }),
        /shut(ting)? down/,
      );
      await assert.rejects(
        s.answered('textDocument/completion', { textDocument: { uri: 'file:///ws/openmetadata.yaml' }, position: { line: 1, character: 4 } }),
        /shut(ting)? down/,
      );
      const exited = new Promise<number | null>((resolve) => s.child.once('exit', resolve));
      await s.connection.sendNotification('exit');
      assert.equal(await exited, 0);
    } finally {
      await s.stop();
    }
  });

  it('a Node warning goes to stderr, not to the client as an Error log message', async () => {
    const s = await start({ nodeArgs: ['--import', `data:text/javascript,setTimeout(() => process.emitWarning('a test warning'), 50)`] });
    try {
      await s.open('file:///ws/openmetadata.yaml', TEXT);
      await s.until(() => s.published.length > 0 && s.stderr().includes('a test warning'), 'the warning on stderr');
      assert.ok(!s.logged.some((m) => m.message.includes('a test warning')), JSON.stringify(s.logged));
    } finally {
      await s.stop();
    }
  });
});
