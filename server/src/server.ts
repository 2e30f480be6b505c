// The language server process: the only file that touches the LSP connection (IPC from VS Code, or --stdio).
import {
  createConnection,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  ErrorCodes,
  MessageType,
  ResponseError,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { performance } from 'node:perf_hooks';
import { plainText } from '../../common/plainText';
import { ClampedTextDocument } from './documents';
import { stdioInput } from './framing';
import { QUIET_MS, warmUp } from './warmUp';
import { ApplyValuesRequest, parseApplyValues, parseReadValues, PreviewValuesRequest, ReadValuesRequest } from '../../common/protocol';
import type { ApplyValuesResult, PreviewValuesResult, ReadValuesResult, ReleaseResult } from '../../common/protocol';
import { readableValues } from './service/canonicalValues';
import { EffectiveConfigurationRequest, ReleaseRequest } from '../../common/protocol';
import { Deployments, isDeployment } from './deployments';
import { schemaIndex } from './service/schema';
import type { Analysis } from './service/analyze';
import { modelsOf } from './service/analyze';
import type { DocumentCheck } from './service/check';
import { complete } from './service/complete';
import { applyChanges, setValues } from './service/edits';
import { hover } from './service/hover';
import { inlayHints } from './service/inlayHints';
import { rangeOf } from './service/spans';
import type { ServiceSettings } from './service/validate';
import { PROJECT_FILE } from '../../common/projectSettings';
import type { TextChange } from './service/model';
import { DocumentStore, pathOf } from './store';
import { SyntaxScheduler } from './syntaxScheduler';
import { SettingsHandler } from './settingsHandler';

// Over stdio the bytes pass a frame check first: the library stops reading for good at one malformed frame.
const connection: Connection = process.argv.includes('--stdio')
  ? createConnection(ProposedFeatures.all, stdioInput(), process.stdout)
  : createConnection(ProposedFeatures.all);
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
/** The settings, once `initialize` says where the project file is. */
let settingsHandler: SettingsHandler | undefined;
/** The settings every check uses. */
const currentSettings = (): ServiceSettings => settingsHandler?.current ?? {};

/** A file beside the documents that is not read (a FIFO, a link to /dev/zero, one past its bound), said in the log. */
function skippedFile(path: string, reason: string): void {
  connection.console.warn(`${path}: skipped, ${reason}.`);
}

const store = new DocumentStore(skippedFile);

/** The compose deployments of the open documents; an open document's text wins over the file on disk. */
const deployments = new Deployments(
  (path) =>
    documents
      .all()
      .find((d) => pathOf(d.uri) === path)
      ?.getText(),
  () => settingsHandler?.projectRoot,
  skippedFile,
);

/** The check of an open document as it is now, made once per version: every request of a keystroke shares it. */
function checkOf(document: TextDocument): DocumentCheck {
  return store.checkOf(document);
}

/** An open document and its analysis, for the requests that look into it: none for a file past every size limit. */
function readable(uri: string): { document: TextDocument; analysis: Analysis; check: DocumentCheck } | undefined {
  const document = documents.get(uri);
  const check = document && checkOf(document);
  return document && check && !check.analysis.unread ? { document, analysis: check.analysis, check } : undefined;
}

const syntax = new SyntaxScheduler(
  (uri) => {
    const document = documents.get(uri);
    const check = store.lastCheck(uri);
    return document && check?.isCurrent(document) ? check : undefined;
  },
  (uri) => {
    // Errors the diagnostics did not have yet: the client pulls again (or they are pushed).
    refreshInlayHints();
    const document = documents.get(uri);
    if (pullDiagnostics) refreshDiagnostics();
    else if (document) publish(document);
  },
);

/**
 * Diagnostics of a document. Syntax errors outside the auth sections are found once the user pauses typing, and then
 * the client is asked to pull again (or they are pushed), so a keystroke never waits for them.
 */
function diagnosticsOf(document: TextDocument) {
  const check = checkOf(document);
  syntax.schedule(check);
  // Clients show a diagnostic's message as plain text (the Problems panel, the squiggle's hover): no Markdown spans.
  const own = check.diagnostics(currentSettings()).map((d) => ({ ...d, message: plainText(d.message) }));
  const secrets = check.analysis.shape ? deployments.secretDiagnostics(document, modelsOf(check.analysis), currentSettings(), own) : [];
  if (!Deployments.concerns(document.uri, check.analysis.shape)) return [...own, ...secrets];
  return [...own, ...secrets, ...deployments.diagnostics(document, currentSettings(), own)];
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
  settingsHandler = new SettingsHandler(
    {
      log: (message) => connection.console.warn(message),
      // A notification, not showMessageRequest: a client need not answer it, and every client shows it.
      show: (message) => void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }),
      skipped: skippedFile,
    },
    folder ? pathOf(folder) : undefined,
  );
  settingsHandler.apply(init?.settings !== undefined ? settingsHandler.fromSection(init.settings) : {});
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
  if (section && settingsHandler) settingsHandler.apply(settingsHandler.fromSection(section.value));
}

connection.onDidChangeConfiguration(async (change) => {
  if (configurationRequests) await loadSettings();
  else {
    const pushed = (change.settings as { openmetadataAuth?: unknown } | null)?.openmetadataAuth;
    if (pushed && settingsHandler) settingsHandler.apply(settingsHandler.fromSection(pushed));
  }
  refreshAll();
});

function refreshAll(): void {
  // The release may now come from the setting instead of the file, or the other way round: each check finds it again
  // for the new settings object.
  refreshInlayHints();
  if (pullDiagnostics) refreshDiagnostics();
  else for (const document of documents.all()) publish(document);
}

// The client watches the project file (VS Code: `synchronize.fileEvents`); an edit to it changes the verdict at once.
// It also watches env and compose files: a deployment's findings change with any of its files.
connection.onDidChangeWatchedFiles((change) => {
  const project = change.changes.some((c) => c.uri.endsWith(`/${PROJECT_FILE}`));
  if (project) settingsHandler?.apply();
  const deploymentChanged = deployments.changed(change.changes.map((c) => c.uri));
  if (project || deploymentChanged) refreshAll();
});

function publish(document: TextDocument): void {
  const diagnostics = guarded('diagnostics', [], (d: TextDocument) => diagnosticsOf(d))(document);
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
}

// Clients without pull diagnostics (Neovim before 0.10) get them pushed on every change.
documents.onDidChangeContent((change) => {
  if (!pullDiagnostics) publish(change.document);
  lastActivity = performance.now();
  // An edited `.env` changes the findings of the compose file that reads it, open beside it.
  if (deployments.dependents(change.document.uri)) {
    if (pullDiagnostics) refreshDiagnostics();
    else for (const other of documents.all()) if (other.uri !== change.document.uri) publish(other);
  }
});
documents.onDidClose((event) => {
  store.forget(event.document.uri);
  deployments.forget(event.document.uri);
  syntax.forget(event.document.uri);
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
    return r ? complete(r.document, r.analysis, r.document.offsetAt(params.position), r.check.settings(currentSettings())) : [];
  }),
);

connection.onHover(
  guarded('hover', null, (params) => {
    const r = readable(params.textDocument.uri);
    if (!r) return null;
    const offset = r.document.offsetAt(params.position);
    const own = hover(r.document, r.analysis, offset);
    const deployed = Deployments.concerns(r.document.uri, r.analysis.shape) ? deployments.hover(r.document, currentSettings(), offset) : undefined;
    if (!deployed) return own;
    const text = own && typeof own.contents === 'object' && 'value' in own.contents ? `${own.contents.value}\n\n---\n\n${deployed}` : deployed;
    return { contents: { kind: 'markdown' as const, value: text }, range: own?.range };
  }),
);

connection.languages.inlayHint.on(
  guarded('inlayHint', [], (params) => {
    const r = readable(params.textDocument.uri);
    return r ? inlayHints(r.document, r.analysis, params.range, currentSettings()) : [];
  }),
);

connection.onCodeAction(
  guarded('codeAction', [], (params) => {
    const r = readable(params.textDocument.uri);
    if (!r) return [];
    // A deployment's findings come from several files: their fixes are the deployment's, never the file's own.
    const own = r.check.codeActions(
      params.context.diagnostics.filter((d) => !isDeployment(d)),
      currentSettings(),
    );
    return [...own, ...deployments.codeActions(r.document, currentSettings(), params.context.diagnostics)];
  }),
);

/** The edit that gives an open document the values, or why there is none; the changed keys in the file's own names. */
function planValues(raw: unknown): {
  result: PreviewValuesResult;
  document?: TextDocument;
  changes?: TextChange[];
  passes?: ReturnType<Deployments['passesFor']>;
} {
  const parsed = parseApplyValues(raw);
  if (!parsed.ok) return { result: { applied: false, reason: 'invalid', detail: parsed.detail } };
  const params = parsed.params;
  const document = documents.get(params.uri);
  if (!document) return { result: { applied: false, reason: 'not-open' } };
  if (document.version !== params.version) return { result: { applied: false, reason: 'stale' } };
  const { analysis } = checkOf(document);
  if (!analysis.shape) return { result: { applied: false, reason: 'not-a-config' } };
  const { changes, changed } = setValues(document.getText(), analysis.model, params.values);
  const profile = analysis.model.profile;
  const names = changed.map((path) => {
    const key = schemaIndex.byPath.get(path);
    return analysis.shape === 'helm' && key?.env && !key.helm ? `extraEnvs ${key.env}` : profile.nameOf(path);
  });
  // Variables written into an env file of a compose deployment must also reach the server: the compose file passes them.
  const passes =
    analysis.shape === 'env' && changes.length && Deployments.concerns(document.uri, analysis.shape)
      ? deployments.passesFor(document.uri, applyChanges(document.getText(), changes), names, currentSettings())
      : [];
  const others = passes.map((p) => ({ uri: p.uri, label: p.label, names: p.names }));
  return { result: { applied: false, changed, names, ...(others.length ? { others } : {}) }, document, changes, passes };
}

/** Writes canonical values into an open document as one versioned, undoable edit. */
async function applyValues(raw: unknown): Promise<ApplyValuesResult> {
  const { result, document, changes, passes } = planValues(raw);
  if (!document || !changes) return result;
  if (!changes.length) return { ...result, applied: true };
  const edits = changes.map((c) => ({ range: rangeOf(document, c), newText: c.newText }));
  // One edit, so one undo takes back the env file and the compose file together.
  const otherEdits = (passes ?? []).flatMap((p) => {
    const text = deployments.textOf(p.uri);
    if (text === undefined) return [];
    const target = TextDocument.create(p.uri, 'yaml', 0, text);
    const open = documents.get(p.uri);
    return [
      { textDocument: { uri: p.uri, version: open ? open.version : null }, edits: p.changes.map((c) => ({ range: rangeOf(target, c), newText: c.newText })) },
    ];
  });
  const applied = await connection.workspace.applyEdit({
    label: 'Insert Keycloak settings',
    edit: { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }, ...otherEdits] },
  });
  return applied.applied ? { ...result, applied: true } : { applied: false, reason: 'rejected' };
}

function readValues(raw: unknown): ReadValuesResult | null {
  const params = parseReadValues(raw);
  const document = params && documents.get(params.uri);
  if (!document) return null;
  const { analysis } = checkOf(document);
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
    const check = checkOf(document);
    const release: ReleaseResult = check.release(currentSettings()) ?? {
      version: schemaIndex.newest,
      source: 'default',
      evidence: 'nothing in the file or beside it names a release: the newest known',
    };
    const names = Deployments.concerns(document.uri, check.analysis.shape)
      ? deployments.outcome(document.uri, currentSettings())?.results.map((r) => r.name)
      : undefined;
    return names?.length ? { ...release, deployments: names } : release;
  }),
);
connection.onRequest(
  PreviewValuesRequest,
  guarded('previewValues', { applied: false, reason: 'rejected' as const }, (params): PreviewValuesResult => {
    const { result, document, changes, passes } = planValues(params);
    if (!document || !changes) return result;
    const others = result.others?.map((o) => {
      const pass = passes?.find((p) => p.uri === o.uri);
      const text = deployments.textOf(o.uri);
      return pass && text !== undefined ? { ...o, text: applyChanges(text, pass.changes) } : o;
    });
    return { ...result, text: applyChanges(document.getText(), changes), ...(others ? { others } : {}) };
  }),
);
connection.onRequest(
  EffectiveConfigurationRequest,
  guarded('effectiveConfiguration', null, (params) => (params?.uri ? { text: deployments.effective(params.uri, currentSettings()) } : null)),
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
