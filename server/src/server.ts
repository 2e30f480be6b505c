// The language server process: the only file that touches the LSP connection (IPC from VS Code, or --stdio).
import { createConnection, DiagnosticRefreshRequest, DidChangeConfigurationNotification, ErrorCodes, MessageType, ResponseError, ProposedFeatures, ShowMessageNotification, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import * as v8 from 'node:v8';
import { performance } from 'node:perf_hooks';
import { ClampedTextDocument } from './documents';
import { stdioInput } from './framing';
import { tuneHeap } from './heap';
import { QUIET_MS, warmUp } from './warmUp';
import { ApplyValuesRequest, parseApplyValues, parseReadValues, PreviewValuesRequest, ReadValuesRequest } from '../../common/protocol';
import type { ApplyValuesResult, PreviewValuesResult, ReadValuesResult } from '../../common/protocol';
import { readableValues } from './service/canonicalValues';
import { ReleaseRequest } from '../../common/protocol';
import type { ReleaseResult } from '../../common/protocol';
import { releaseFor, withRelease } from './service/release';
import type { Release } from './service/release';
import { schemaIndex } from './service/schema';
import { basename, join } from 'node:path';
import { readBoundedFile } from '../../common/boundedRead';
import { neighboursOf } from '../../common/neighbours';
import { MAX_SETTINGS_FILE_BYTES } from './service/limits';
import type { Neighbour } from '../../common/neighbours';
import { fileURLToPath } from 'node:url';
import { analyze } from './service/analyze';
import type { Analysis } from './service/analyze';
import { codeActions } from './service/codeActions';
import { complete } from './service/complete';
import { diagnose } from './service/diagnostics';
import { applyChanges, setValues } from './service/edits';
import { syntaxIssues } from './service/syntax';
import type { SyntaxReadings } from './service/syntax';
import { hover } from './service/hover';
import { inlayHints } from './service/inlayHints';
import { rangeOf } from './service/spans';
import type { ServiceSettings } from './service/validate';
import { effectiveSettings, PROJECT_FILE, settingsFrom } from '../../common/projectSettings';
import type { ProjectSettings } from '../../common/projectSettings';
import type { Issue, TextChange } from './service/surfaces/model';

// Over stdio the bytes pass a frame check first: the library stops reading for good at one malformed frame.
const connection: Connection = process.argv.includes('--stdio') ? createConnection(ProposedFeatures.all, stdioInput(), process.stdout) : createConnection(ProposedFeatures.all);
// Given its own streams the library leaves the console as it is: console.log would write into the protocol on stdout.
// Everything goes to stderr instead, Node's warnings included, which the library's console would have sent to the
// client as Error log messages.
// eslint-disable-next-line no-console -- the one place the server's console is set up
if (process.argv.includes('--stdio')) for (const method of ['log', 'info', 'debug'] as const) console[method] = console.error;
const documents = new TextDocuments(ClampedTextDocument);

let pullDiagnostics = false;
/** The client can be told to pull diagnostics again (`workspace/diagnostic/refresh`); without it, it pulls on its own. */
let diagnosticRefresh = false;
let configurationRequests = false;
/** The client can be told to re-ask for inlay hints (after the inlay hints setting changes). */
let inlayHintRefresh = false;
let settings: ServiceSettings = {};
/** What the editor says (VS Code's configuration, or a client's init options), before the project file goes on top. */
let editorSettings: ProjectSettings = {};
/** The workspace folder whose `.openmetadata-auth.json` the CLI in CI reads too. */
let projectRoot: string | undefined;

/** The editor's settings with the project file on top, exactly as `openmetadata-auth check` combines them. */
function applySettings(editor: ProjectSettings): void {
  editorSettings = editor;
  let text: string | undefined;
  if (projectRoot) {
    const path = join(projectRoot, PROJECT_FILE);
    const read = readBoundedFile(path, MAX_SETTINGS_FILE_BYTES);
    if ('text' in read) text = read.text;
    else if (read.skipped !== 'missing') skippedFile(path, read.reason);
  }
  const { settings: merged, problems } = effectiveSettings(editor, text);
  for (const problem of problems) connection.console.warn(problem);
  settings = { openmetadataVersion: merged.openmetadataVersion, rules: merged.rules, inlayHints: editor.inlayHints };
}

/** A file beside the documents that is not read (a FIFO, a link to /dev/zero, one past its bound), said in the log. */
function skippedFile(path: string, reason: string): void {
  connection.console.warn(`${path}: skipped, ${reason}.`);
}

/** One analysis per document version: every request of a keystroke shares it. */
interface Cached {
  version: number;
  /** The text analysed: a client may send new text under the version number it already used. */
  text: string;
  analysis: Analysis;
  /** The release this version is checked against, once asked for. */
  release?: Release | null;
  /** Whole-file syntax errors, once computed for this version. */
  syntax?: Issue[];
}
const cache = new Map<string, Cached>();

function analysisOf(document: TextDocument): Analysis {
  return cached(document).analysis;
}

/** An open document and its analysis, for the requests that look into it: none for a file past every size limit. */
function readable(uri: string): { document: TextDocument; analysis: Analysis } | undefined {
  const document = documents.get(uri);
  const analysis = document && analysisOf(document);
  return document && analysis && !analysis.unread ? { document, analysis } : undefined;
}

function cached(document: TextDocument): Cached {
  const hit = cache.get(document.uri);
  const text = document.getText();
  // The document keeps one string per change, so comparing it with the cached one is a pointer check when it matches.
  if (hit?.version === document.version && hit.text === text) return hit;
  const entry: Cached = { version: document.version, text, analysis: analyze(document.uri, text, hit?.analysis) };
  cache.set(document.uri, entry);
  if (text.length > LARGE_TEXT) collectSoon();
  return entry;
}

// Each version of a big document leaves its whole text behind as garbage in V8's large-object space, which only a
// full collection frees. V8's collector, sized for small heaps, mostly keeps up while the user types; a full
// collection when typing pauses, or once the heap has doubled since the last one (and passed HEAP_LIMIT), bounds the
// rest. Neither runs inside a request: a forced collection there would add its pause to that keystroke's completion.
const LARGE_TEXT = 256 * 1024;
const HEAP_LIMIT = 40 * 1024 * 1024;
const usedHeap = () => v8.getHeapStatistics().used_heap_size;
let idleCollect: NodeJS.Timeout | undefined;
let collectPending = false;
let heapAfterCollect = 0;
const fullGc = tuneHeap();

function collect(): void {
  collectPending = false;
  fullGc?.();
  // A second one finds the pages the first emptied and gives them back: after closing 1,000 documents the heap kept
  // 57 MB for 8 MB of live data after one collection, 26 MB after two (measured; a few ms at that size).
  fullGc?.();
  heapAfterCollect = usedHeap();
}

function collectSoon(): void {
  if (!fullGc) return;
  if (!collectPending && usedHeap() > Math.max(HEAP_LIMIT, 2 * heapAfterCollect)) {
    collectPending = true;
    setImmediate(collect);
  }
  clearTimeout(idleCollect);
  idleCollect = setTimeout(collect, 1000);
  idleCollect.unref();
}

const SYNTAX_DELAY_MS = 300;
/** The whole-file syntax check parses for at most this long before letting waiting requests through. */
const SYNTAX_SLICE_MS = 8;
const syntaxTimers = new Map<string, NodeJS.Timeout>();
const syntaxReadings = new Map<string, SyntaxReadings>();

const neighbourCache = new Map<string, Neighbour[]>();

/** The file path of a `file:` URI; none for another scheme or a URI whose escapes do not decode (`100%.yaml`). */
function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function neighboursOfUri(uri: string): Neighbour[] {
  let found = neighbourCache.get(uri);
  if (!found) {
    const path = pathOf(uri);
    found = path ? neighboursOf(path, skippedFile) : [];
    neighbourCache.set(uri, found);
  }
  return found;
}

function releaseOf(document: TextDocument): Release | undefined {
  const entry = cached(document);
  if (entry.release === undefined) entry.release = releaseFor(settings, document.getText(), basename(document.uri), neighboursOfUri(document.uri)) ?? null;
  return entry.release ?? undefined;
}

/** The settings a document is checked with: the configured ones, with the release the file names when none is set. */
function documentSettings(document: TextDocument): ServiceSettings {
  return withRelease(settings, releaseOf(document));
}

/**
 * Diagnostics of a document. Syntax errors outside the auth sections are found once the user pauses typing, and then
 * the client is asked to pull again (or they are pushed), so a keystroke never waits for them.
 */
function diagnosticsOf(document: TextDocument) {
  const entry = cached(document);
  if (entry.analysis.blocks && !entry.syntax) {
    clearTimeout(syntaxTimers.get(document.uri));
    syntaxTimers.set(document.uri, setTimeout(() => checkSyntax(document.uri), SYNTAX_DELAY_MS));
  }
  return diagnose(document, entry.analysis, documentSettings(document), entry.syntax ?? []);
}

/**
 * The whole-file syntax check, in slices of a few milliseconds: on a first look at a 20,000-line file it parses
 * every section, and requests that arrive meanwhile must not wait for all of them. A new version stops it; the
 * sections parsed so far are kept for the next run.
 */
function checkSyntax(uri: string): void {
  syntaxTimers.delete(uri);
  const document = documents.get(uri);
  const entry = cache.get(uri);
  if (!document || !entry || entry.version !== document.version || entry.text !== document.getText() || entry.syntax) return;
  const readings = syntaxReadings.get(uri) ?? new Map<string, Issue[]>();
  syntaxReadings.set(uri, readings);
  const until = performance.now() + SYNTAX_SLICE_MS;
  const issues = guarded('syntax', [] as Issue[], () => syntaxIssues(uri, document.getText(), entry.analysis, readings, () => performance.now() < until))(undefined);
  if (!issues) {
    syntaxTimers.set(uri, setTimeout(() => checkSyntax(uri), 0));
    return;
  }
  entry.syntax = issues;
  if (!issues.length) return;
  refreshInlayHints();
  if (pullDiagnostics) refreshDiagnostics();
  else publish(document);
}

/**
 * A request to the client, whose answer may be an error (a client that does not implement the method, or refuses it):
 * logged and given as undefined. Left unhandled, the rejection would end the server.
 */
async function askClient<T>(method: string, send: () => Promise<T>): Promise<{ value: T } | undefined> {
  try {
    return { value: await send() };
  } catch (error) {
    connection.console.warn(`The client answered ${method} with an error: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

function refreshDiagnostics(): void {
  // Sent directly: the library's `languages.diagnostics.refresh()` is typed void and hides the promise to catch.
  if (diagnosticRefresh) void askClient('workspace/diagnostic/refresh', () => connection.sendRequest(DiagnosticRefreshRequest.type));
}

function refreshInlayHints(): void {
  if (inlayHintRefresh) void askClient('workspace/inlayHint/refresh', () => connection.languages.inlayHint.refresh());
}

/** Set by `shutdown`: from then on requests are refused, as the protocol asks, until `exit`. */
let shutDown = false;

/** Throws the protocol's answer to a request that comes after `shutdown`. */
function refuseAfterShutdown(): void {
  if (shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, 'The server is shut down: it answers no requests until exit.');
}

/**
 * Runs a request handler; a bug in one request is logged and answered empty, so the server keeps serving. A request
 * after `shutdown` is refused instead.
 */
function guarded<P, R>(name: string, empty: R, handler: (params: P) => R): (params: P) => R {
  return (params: P) => {
    refuseAfterShutdown();
    try {
      return handler(params);
    } catch (error) {
      connection.console.error(`${name} failed: ${(error as Error).stack ?? String(error)}`);
      return empty;
    } finally {
      lastActivity = performance.now();
    }
  };
}

/** When a request was last answered or a document last changed: the warm-up waits for the client to be quiet. */
let lastActivity = 0;

let initialized = false;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  refuseAfterShutdown();
  // A second initialize would swap the capabilities and settings under the client's feet.
  if (initialized) throw new ResponseError(ErrorCodes.InvalidRequest, 'The server is already initialized.');
  initialized = true;
  const caps = params.capabilities;
  pullDiagnostics = Boolean(caps.textDocument?.diagnostic);
  diagnosticRefresh = pullDiagnostics && Boolean(caps.workspace?.diagnostics?.refreshSupport);
  configurationRequests = Boolean(caps.workspace?.configuration);
  inlayHintRefresh = Boolean(caps.workspace?.inlayHint?.refreshSupport);
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
  projectRoot = folder ? pathOf(folder) : undefined;
  applySettings(init?.settings !== undefined ? settingsOf(init.settings) : {});
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [' ', ':', '=', '-'] },
      hoverProvider: true,
      inlayHintProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      ...(pullDiagnostics ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
    },
    serverInfo: { name: 'openmetadata-auth' },
  };
});

connection.onInitialized(async () => {
  warmUp(() => performance.now() - lastActivity >= QUIET_MS);
  if (configurationRequests) {
    void askClient('client/registerCapability', () => connection.client.register(DidChangeConfigurationNotification.type, { section: 'openmetadataAuth' }));
    await loadSettings();
  }
});

async function loadSettings(): Promise<void> {
  if (!configurationRequests) return;
  // Without an answer the settings in use stay: a refused request says nothing about what the user configured.
  const section = await askClient('workspace/configuration', () => connection.workspace.getConfiguration('openmetadataAuth'));
  if (section) applySettings(settingsOf(section.value));
}

/** Problems with the settings already shown: a bad value is reported once, not on every configuration pull. */
const reportedSettings = new Set<string>();

const SETTINGS_WHERE = 'openmetadataAuth settings';
/** Problems a settings message names; the rest are counted, and listed in the log. */
const PROBLEMS_SHOWN = 3;

/**
 * The `openmetadataAuth` section as the service reads it, pulled or pushed alike; a bad value is said once and ignored.
 * One message per change, however many problems: a settings file naming 1,000 unknown codes is not 1,000 pop-ups.
 */
function settingsOf(section: unknown): ProjectSettings {
  const { settings: read, problems } = settingsFrom(section, SETTINGS_WHERE);
  const fresh = problems.filter((problem) => !reportedSettings.has(problem));
  for (const problem of fresh) reportedSettings.add(problem);
  if (!fresh.length) return read;
  let message = fresh[0];
  if (fresh.length > 1) {
    const prefix = `${SETTINGS_WHERE}: `;
    const named = fresh.slice(0, PROBLEMS_SHOWN).map((p) => (p.startsWith(prefix) ? p.slice(prefix.length) : p));
    const rest = fresh.length - named.length;
    message = `${prefix}${fresh.length.toLocaleString('en-US')} values are ignored: ${named.join(' ')}${rest ? ` And ${rest.toLocaleString('en-US')} more, listed in the log.` : ''}`;
    if (rest) connection.console.warn(fresh.join('\n'));
  }
  // A notification, not showMessageRequest: a client need not answer it, and every client shows it.
  void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  return read;
}

connection.onDidChangeConfiguration(async (change) => {
  if (configurationRequests) await loadSettings();
  else {
    const pushed = (change.settings as { openmetadataAuth?: unknown } | null)?.openmetadataAuth;
    if (pushed) applySettings(settingsOf(pushed));
  }
  refreshAll();
});

function refreshAll(): void {
  // The release may now come from the setting instead of the file, or the other way round.
  for (const entry of cache.values()) entry.release = undefined;
  refreshInlayHints();
  if (pullDiagnostics) refreshDiagnostics();
  else for (const document of documents.all()) publish(document);
}

// The client watches the project file (VS Code: `synchronize.fileEvents`); an edit to it changes the verdict at once.
connection.onDidChangeWatchedFiles((change) => {
  if (!change.changes.some((c) => c.uri.endsWith(`/${PROJECT_FILE}`))) return;
  applySettings(editorSettings);
  refreshAll();
});

function publish(document: TextDocument): void {
  const diagnostics = guarded('diagnostics', [], (d: TextDocument) => diagnosticsOf(d))(document);
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
}

// Clients without pull diagnostics (Neovim before 0.10) get them pushed on every change.
documents.onDidChangeContent((change) => {
  if (!pullDiagnostics) publish(change.document);
  lastActivity = performance.now();
});
documents.onDidClose((event) => {
  cache.delete(event.document.uri);
  neighbourCache.delete(event.document.uri);
  syntaxReadings.delete(event.document.uri);
  clearTimeout(syntaxTimers.get(event.document.uri));
  syntaxTimers.delete(event.document.uri);
  // What a closed document's analysis held is garbage now; a full collection once closing stops gives the memory back.
  collectSoon();
  if (!pullDiagnostics) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

connection.languages.diagnostics.on(
  guarded('diagnostics', { kind: 'full' as const, items: [] }, (params) => {
    const document = documents.get(params.textDocument.uri);
    return { kind: 'full' as const, items: document ? diagnosticsOf(document) : [] };
  }),
);

connection.onCompletion(
  guarded('completion', [], (params) => {
    const r = readable(params.textDocument.uri);
    return r ? complete(r.document, r.analysis, r.document.offsetAt(params.position)) : [];
  }),
);

connection.onHover(
  guarded('hover', null, (params) => {
    const r = readable(params.textDocument.uri);
    return r ? hover(r.document, r.analysis, r.document.offsetAt(params.position)) : null;
  }),
);

connection.languages.inlayHint.on(
  guarded('inlayHint', [], (params) => {
    const r = readable(params.textDocument.uri);
    return r ? inlayHints(r.document, r.analysis, params.range, settings) : [];
  }),
);

connection.onCodeAction(
  guarded('codeAction', [], (params) => {
    const r = readable(params.textDocument.uri);
    return r ? codeActions(r.document, r.analysis, params.context.diagnostics, documentSettings(r.document)) : [];
  }),
);

/** The edit that gives an open document the values, or why there is none; the changed keys in the file's own names. */
function planValues(raw: unknown): { result: PreviewValuesResult; document?: TextDocument; changes?: TextChange[] } {
  const parsed = parseApplyValues(raw);
  if (!parsed.ok) return { result: { applied: false, reason: 'invalid', detail: parsed.detail } };
  const params = parsed.params;
  const document = documents.get(params.uri);
  if (!document) return { result: { applied: false, reason: 'not-open' } };
  if (document.version !== params.version) return { result: { applied: false, reason: 'stale' } };
  const analysis = analysisOf(document);
  if (!analysis.shape) return { result: { applied: false, reason: 'not-a-config' } };
  const { changes, changed } = setValues(document.getText(), analysis.model, params.values);
  const profile = analysis.model.profile;
  const names = changed.map((path) => {
    const key = schemaIndex.byPath.get(path);
    return analysis.shape === 'helm' && key?.env && !key.helm ? `extraEnvs ${key.env}` : profile.nameOf(path);
  });
  return { result: { applied: false, changed, names }, document, changes };
}

/** Writes canonical values into an open document as one versioned, undoable edit. */
async function applyValues(raw: unknown): Promise<ApplyValuesResult> {
  const { result, document, changes } = planValues(raw);
  if (!document || !changes) return result;
  if (!changes.length) return { ...result, applied: true };
  const edits = changes.map((c) => ({ range: rangeOf(document, c), newText: c.newText }));
  const applied = await connection.workspace.applyEdit({ label: 'Insert Keycloak settings', edit: { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] } });
  return applied.applied ? { ...result, applied: true } : { applied: false, reason: 'rejected' };
}

function readValues(raw: unknown): ReadValuesResult | null {
  const params = parseReadValues(raw);
  const document = params && documents.get(params.uri);
  if (!document) return null;
  const analysis = analysisOf(document);
  const { values, spans } = readableValues(analysis.model);
  const ranges: ReadValuesResult['ranges'] = {};
  for (const [path, span] of Object.entries(spans)) ranges[path] = rangeOf(document, span);
  return { shape: analysis.shape, version: document.version, values, ranges };
}

connection.onRequest(ReadValuesRequest, guarded('readValues', null, readValues));
connection.onRequest(
  ReleaseRequest,
  guarded('release', null, (params): ReleaseResult | null => {
    const document = documents.get(params.uri);
    if (!document) return null;
    return releaseOf(document) ?? { version: schemaIndex.newest, source: 'default', evidence: 'nothing in the file or beside it names a release: the newest known' };
  }),
);
connection.onRequest(
  PreviewValuesRequest,
  guarded('previewValues', { applied: false, reason: 'rejected' as const }, (params): PreviewValuesResult => {
    const { result, document, changes } = planValues(params);
    return document && changes ? { ...result, text: applyChanges(document.getText(), changes) } : result;
  }),
);
connection.onShutdown(() => {
  shutDown = true;
});

connection.onRequest(ApplyValuesRequest, async (params) => {
  refuseAfterShutdown();
  try {
    return await applyValues(params);
  } catch (error) {
    connection.console.error(`applyValues failed: ${(error as Error).stack ?? String(error)}`);
    return { applied: false, reason: 'rejected' as const };
  }
});

documents.listen(connection);
connection.listen();
