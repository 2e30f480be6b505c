// A seeded fuzz campaign: mutations of real configs and random incremental edits, through the real stdio server
// (timings, ranges) and the service in process (incremental == fresh analysis, quick fixes keep YAML valid).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../server/src/service/analyze';
import type { Analysis } from '../../server/src/service/analyze';
import { diagnose } from '../../server/src/service/diagnostics';
import { syntaxIssues } from '../../server/src/service/syntax';
import { fixesFor } from '../../server/src/service/codeActions';
import { applyChanges } from '../../server/src/service/edits';
import { splitsPair } from '../../server/src/service/spans';
import { readableText } from '../../server/src/service/text';
import { findCorpus } from '../corpusDir';
import { spawnStdioServer } from '../stdioServer';

export interface Seed {
  name: string;
  uri: string;
  text: string;
}

/** The corpus files the service reads (YAML, dotenv), or none when the corpus is absent. */
export function corpusSeeds(): Seed[] {
  const dir = findCorpus().dir;
  if (!dir) return [];
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|env)$/.test(f))
    .sort()
    .map((name) => ({
      name,
      uri: `file:///ws/fuzz/${name.endsWith('.env') ? `${name.replace(/\.env$/, '')}.env` : name}`,
      text: readFileSync(join(dir, name), 'utf8'),
    }));
}

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface Summary {
  seed: number;
  documents: number;
  edits: number;
  requests: number;
  worstMs: number;
  worstRequest: string;
  failures: string[];
}

const PIECES = [
  '\n',
  '\r',
  '\r\n',
  ' ',
  '  ',
  ':',
  ': ',
  '- ',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '#',
  '${X:-',
  '}',
  '😀',
  '\t',
  'a',
  'publicKeyUrls: ',
  'provider: customOidc',
  'clientType: public',
  'AUTHENTICATION_PROVIDER=',
  '%',
  '\\',
  '&a',
  '*a',
  '|',
  '>',
  '---\n',
  // Flow style, tags and anchors, lone CRs (issue 22).
  'environment: [AUTHENTICATION_PROVIDER=custom-oidc, OIDC_CLIENT_SECRET=abc]',
  '{provider: custom-oidc, clientType: public}',
  '[a][a][a]',
  '}}}}',
  '!!str ',
  '&p ',
  'secret: {secretRef: s, secretKey: k}',
  '\rkey: v\r',
];

/**
 * Whether an offset is one no LSP position names: between the `\r` and `\n` of a line break. One inside a surrogate
 * pair is named (a client may split a pair, and the server applies the change where it says).
 */
const unnamed = (text: string, o: number) => o > 0 && text[o - 1] === '\r' && text[o] === '\n';

/**
 * A mutation of a text: insert, delete, duplicate or replace, at a random place a client can name (the edit goes over
 * the wire as positions, so an offset between `\r` and `\n` would be a different edit on the server's side).
 */
function mutate(text: string, next: () => number): { start: number; end: number; insert: string } {
  const at = (n: number) => {
    let o = Math.floor(next() * (n + 1));
    if (unnamed(text, o)) o--;
    return o;
  };
  const start = at(text.length);
  const r = next();
  if (r < 0.45) return { start, end: start, insert: PIECES[Math.floor(next() * PIECES.length)] };
  let end = Math.min(text.length, start + 1 + Math.floor(next() * 20));
  if (unnamed(text, end)) end++;
  if (r < 0.7) return { start, end, insert: '' };
  if (r < 0.85) return { start, end: start, insert: text.slice(start, end) };
  return { start, end, insert: PIECES[Math.floor(next() * PIECES.length)] };
}

/** Valid YAML 1.2, which reads a lone CR as a line break (the yaml package does not: its reading is taken on LF). */
const isValidYaml = (text: string) => {
  try {
    return parseAllDocuments(readableText(text)).every((d) => d.errors.length === 0);
  } catch {
    return false;
  }
};

/** Diagnostics of a text as the server computes them after the pause, for comparing two analyses of it. */
function diagnosticsOf(uri: string, text: string, analysis: Analysis): string {
  const document = TextDocument.create(uri, 'yaml', 1, text);
  return JSON.stringify(diagnose(document, analysis, {}, syntaxIssues(uri, text, analysis) ?? []));
}

/** Every range lies inside the text and starts and ends between characters. */
function rangeProblem(text: string, range: Range): string | undefined {
  const document = TextDocument.create('file:///x', 'yaml', 1, text);
  for (const p of [range.start, range.end]) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `bad position ${JSON.stringify(p)}`;
    if (p.line >= document.lineCount && !(p.line === document.lineCount && p.character === 0))
      return `line ${p.line} past the end (${document.lineCount} lines)`;
    const lineText = document.getText({ start: { line: p.line, character: 0 }, end: { line: p.line + 1, character: 0 } }).replace(/\r?\n$/, '');
    if (p.character > lineText.length) return `character ${p.character} past the end of line ${p.line} (${lineText.length})`;
    if (splitsPair(text, document.offsetAt(p))) return `position ${JSON.stringify(p)} splits a surrogate pair`;
  }
  return undefined;
}

/** A seeded generator in [0, 1). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
}

/**
 * Runs `editsPerDocument` random edits on each seed, through the stdio server at `server` and in process, until
 * `deadline` (a performance.now() time). Failures are collected, not thrown, so a summary can list them.
 */
export async function runCampaign(options: {
  seed: number;
  seeds: Seed[];
  editsPerDocument: number;
  deadline: number;
  server?: string;
  maxFailures?: number;
}): Promise<Summary> {
  const next = seeded(options.seed);
  const summary: Summary = { seed: options.seed, documents: 0, edits: 0, requests: 0, worstMs: 0, worstRequest: '', failures: [] };
  const fail = (what: string) => summary.failures.length < (options.maxFailures ?? 20) && summary.failures.push(what);
  const { child, connection } = spawnStdioServer(options.server);
  const timed = async <T>(what: string, request: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await request();
    const ms = performance.now() - started;
    summary.requests++;
    if (ms > summary.worstMs) [summary.worstMs, summary.worstRequest] = [ms, what];
    if (ms > 1000) fail(`${what} took ${Math.round(ms)} ms`);
    return result;
  };
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { diagnostic: {} } } });
    await connection.sendNotification('initialized', {});
    for (const [index, seed] of options.seeds.entries()) {
      if (performance.now() > options.deadline) break;
      const uri = seed.uri.replace('/fuzz/', `/fuzz/${options.seed}-${index}/`);
      let text = seed.text;
      let version = 1;
      let previous: Analysis | undefined;
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
      summary.documents++;
      for (let e = 0; e < options.editsPerDocument && performance.now() < options.deadline; e++) {
        const edit = mutate(text, next);
        const before = TextDocument.create(uri, 'yaml', 1, text);
        const range = { start: before.positionAt(edit.start), end: before.positionAt(edit.end) };
        text = text.slice(0, edit.start) + edit.insert + text.slice(edit.end);
        version++;
        summary.edits++;
        await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: edit.insert }] });
        const where = `${seed.name} (seed ${options.seed}, edit ${e})`;
        const report = await timed(
          `diagnostics of ${where}`,
          () => connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }) as Promise<{ items: { range: Range; code: string }[] }>,
        );
        for (const d of report.items) {
          const problem = rangeProblem(text, d.range);
          if (problem) fail(`${where}: ${d.code} ${problem}`);
        }
        if (e % 5 === 0) {
          const offset = Math.floor(next() * (text.length + 1));
          const position = TextDocument.create(uri, 'yaml', 1, text).positionAt(offset);
          await timed(`completion in ${where}`, () => connection.sendRequest('textDocument/completion', { textDocument: { uri }, position }));
          await timed(`hover in ${where}`, () => connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }));
        }
        // In process: the analysis built from the previous one equals a fresh one, and fixes keep valid YAML valid.
        const incremental = analyze(uri, text, previous);
        previous = incremental;
        const fresh = analyze(uri, text);
        if (diagnosticsOf(uri, text, incremental) !== diagnosticsOf(uri, text, fresh)) fail(`${where}: incremental and fresh analysis differ`);
        if (e % 3 === 0 && !uri.endsWith('.env') && isValidYaml(text)) {
          const document = TextDocument.create(uri, 'yaml', 1, text);
          for (const d of diagnose(document, fresh, {}, syntaxIssues(uri, text, fresh) ?? [])) {
            const fixes = fixesFor(text, fresh, {
              code: String(d.code),
              start: document.offsetAt(d.range.start),
              end: document.offsetAt(d.range.end),
              data: d.data,
            });
            for (const f of fixes) {
              const fixed = applyChanges(text, f.changes);
              if (!isValidYaml(fixed)) fail(`${where}: the fix "${f.title}" for ${d.code} makes the YAML invalid`);
            }
          }
        }
      }
      await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
  } finally {
    await connection.sendRequest('shutdown').catch(() => undefined);
    await connection.sendNotification('exit').catch(() => undefined);
    connection.dispose();
    if (child.exitCode === null) child.kill();
  }
  return summary;
}
