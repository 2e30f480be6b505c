// The CLI and the language server agree on every corpus file, and --fix on a copy of the corpus is safe and idempotent.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { corpusMissing, findCorpus, repoRoot } from '../corpusDir';
import { check } from '../unit/helpers';
import { fixesFor } from '../../server/src/service/codeActions';
import { runCli, type JsonFinding } from './run';

const { dir: CORPUS, looked } = findCorpus();
const SERVER = join(repoRoot(), 'dist/server.js');

/** `code@line` per file name, from the CLI's json output. */
function byFile(stdout: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of JSON.parse(stdout) as JsonFinding[]) out.set(f.file, [...(out.get(f.file) ?? []), `${f.code}@${f.line}`]);
  return out;
}

/** `code@line` per file name, from the CLI's github output (which skips listing fixes, the costly part of json). */
function byFileGithub(stdout: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of stdout.matchAll(/^::\w+ file=([^,]+),line=(\d+),.*?title=([\w-]+)::/gm)) out.set(m[1], [...(out.get(m[1]) ?? []), `${m[3]}@${m[2]}`]);
  return out;
}

/** The language server over stdio, asked for each file's diagnostics as an editor with pull diagnostics asks. */
async function serverDiagnostics(dir: string, names: string[]): Promise<Map<string, string[]>> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
  const connection: MessageConnection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', () => [{}]);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.listen();
  try {
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: {} } },
    });
    await connection.sendNotification('initialized', {});
    const out = new Map<string, string[]>();
    for (const name of names) {
      const uri = pathToFileURL(join(dir, name)).href;
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(join(dir, name), 'utf8') },
      });
      const report = (await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as {
        items: { code: string; range: { start: { line: number } } }[];
      };
      if (report.items.length)
        out.set(
          name,
          report.items.map((d) => `${d.code}@${d.range.start.line + 1}`),
        );
    }
    return out;
  } finally {
    await connection.sendRequest('shutdown').catch(() => undefined);
    await connection.sendNotification('exit').catch(() => undefined);
    connection.dispose();
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
  }
}

/** A text's shape, its `code@line` list, and the diagnostics that have the fix --fix applies (preferred, an edit, no question). */
function verdict(text: string, uri: string) {
  const { analysis, diagnostics, codes } = check(text, uri);
  const document = TextDocument.create(uri, 'yaml', 1, text);
  const safe = diagnostics
    .filter((d) =>
      fixesFor(text, analysis, { code: String(d.code), start: document.offsetAt(d.range.start), end: document.offsetAt(d.range.end), data: d.data }).some(
        (f) => f.preferred && !f.command && f.changes.length > 0,
      ),
    )
    .map((d) => `${d.code}@${d.range.start.line + 1}`);
  return { shape: analysis.shape, syntax: codes.filter((c) => c.startsWith('yaml-syntax@')).length, safe };
}

describe('the corpus through the CLI', { skip: CORPUS ? false : corpusMissing(looked) }, () => {
  let copy: string;
  let names: string[];

  before(() => {
    // A copy in a temp dir: the repository holds none, and --fix must not touch the shared corpus.
    copy = mkdtempSync(join(tmpdir(), 'om-auth-cli-corpus-'));
    cpSync(CORPUS!, copy, { recursive: true });
    names = readdirSync(copy).filter((f) => f !== 'INDEX.md');
    // The shared corpus is read-only and the copy keeps its modes.
    chmodSync(copy, 0o755);
    for (const name of names) chmodSync(join(copy, name), 0o644);
  });
  after(() => rmSync(copy, { recursive: true, force: true }));

  it('reports the same codes at the same lines as the language server, file by file', async () => {
    const ran = await runCli(['check', '--format', 'json'], copy);
    assert.match(ran.stderr, /^\d+ files checked\.\n$/);
    const cli = byFile(ran.stdout);
    const server = await serverDiagnostics(copy, names);
    assert.ok(server.size >= 20, `only ${server.size} corpus files have diagnostics`);
    for (const name of names) assert.deepEqual((cli.get(name) ?? []).sort(), (server.get(name) ?? []).sort(), name);
  });

  it('--fix clears every diagnostic with a safe fix, keeps every file a config of its shape, and a second run changes nothing', async () => {
    const before = new Map(names.map((n) => [n, readFileSync(join(copy, n), 'utf8')]));
    const first = await runCli(['check', '--fix', '--format', 'github'], copy);
    const fixedLines = first.stderr.split('\n').filter((l) => l.startsWith('fixed '));
    assert.ok(fixedLines.length >= 10, first.stderr);
    assert.equal(first.stderr.split('\n').filter((l) => l && !l.startsWith('fixed ') && !/^\d+ files checked\.$/.test(l)).length, 0, first.stderr);
    for (const name of names) {
      const text = readFileSync(join(copy, name), 'utf8');
      const uri = pathToFileURL(join(copy, name)).href;
      const was = verdict(before.get(name)!, uri);
      const now = verdict(text, uri);
      assert.equal(now.shape, was.shape, name);
      if (text === before.get(name)) assert.ok(!fixedLines.some((l) => l.startsWith(`fixed ${name}:`)), `${name} reported fixed but unchanged`);
      else assert.ok(was.safe.length > 0, `${name} changed without a safe fix to apply`);
      assert.deepEqual(now.safe, [], `${name}: still has diagnostics with a safe fix`);
      assert.ok(now.syntax <= was.syntax, `${name}: --fix broke the YAML`);
    }
    const fixedOnce = new Map(names.map((n) => [n, readFileSync(join(copy, n), 'utf8')]));
    const second = await runCli(['check', '--fix', '--format', 'github'], copy);
    assert.match(second.stderr, /^\d+ files checked\.\n$/);
    for (const name of names) assert.equal(readFileSync(join(copy, name), 'utf8'), fixedOnce.get(name), `${name} changed on the second run`);
    assert.ok(byFileGithub(first.stdout).size > 0);
    assert.deepEqual(byFileGithub(second.stdout), byFileGithub(first.stdout));
  });
});
