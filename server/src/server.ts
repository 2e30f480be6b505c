// The language server process: the only file that touches the LSP connection (IPC from VS Code, or --stdio).
import { createConnection, DidChangeConfigurationNotification, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Commands } from './protocol';
import type { ApplyValuesParams, ApplyValuesResult, ReadValuesParams, ReadValuesResult } from './protocol';
import { analyze } from './service/analyze';
import type { Analysis } from './service/analyze';
import { codeActions } from './service/codeActions';
import { complete } from './service/complete';
import { diagnose } from './service/diagnostics';
import { setValues } from './service/edits';
import { hover } from './service/hover';
import { inlayHints } from './service/inlayHints';
import type { ServiceSettings } from './service/validate';

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

let pullDiagnostics = false;
let configurationRequests = false;
let settings: ServiceSettings = {};

/** One analysis per document version: every request of a keystroke shares it. */
const cache = new Map<string, { version: number; analysis: Analysis }>();

function analysisOf(document: TextDocument): Analysis {
  const cached = cache.get(document.uri);
  if (cached?.version === document.version) return cached.analysis;
  const analysis = analyze(document.uri, document.getText());
  cache.set(document.uri, { version: document.version, analysis });
  return analysis;
}

/** Runs a request handler; a bug in one request is logged and answered empty, so the server keeps serving. */
function guarded<P, R>(name: string, empty: R, handler: (params: P) => R): (params: P) => R {
  return (params: P) => {
    try {
      return handler(params);
    } catch (error) {
      connection.console.error(`${name} failed: ${(error as Error).stack ?? String(error)}`);
      return empty;
    }
  };
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  pullDiagnostics = Boolean(caps.textDocument?.diagnostic);
  configurationRequests = Boolean(caps.workspace?.configuration);
  const init = params.initializationOptions as { settings?: ServiceSettings } | undefined;
  if (init?.settings) settings = init.settings;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: [' ', ':', '=', '-'] },
      hoverProvider: true,
      inlayHintProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      executeCommandProvider: { commands: [Commands.applyValues, Commands.readValues] },
      ...(pullDiagnostics ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
    },
    serverInfo: { name: 'openmetadata-auth' },
  };
});

connection.onInitialized(async () => {
  if (configurationRequests) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'openmetadataAuth' });
    await loadSettings();
  }
});

async function loadSettings(): Promise<void> {
  if (!configurationRequests) return;
  const value = (await connection.workspace.getConfiguration('openmetadataAuth')) as ServiceSettings | null;
  settings = { openmetadataVersion: value?.openmetadataVersion, rules: value?.rules };
}

connection.onDidChangeConfiguration(async (change) => {
  if (configurationRequests) await loadSettings();
  else settings = ((change.settings as { openmetadataAuth?: ServiceSettings })?.openmetadataAuth ?? settings);
  if (pullDiagnostics) connection.languages.diagnostics.refresh();
  else for (const document of documents.all()) publish(document);
});

function publish(document: TextDocument): void {
  const diagnostics = guarded('diagnostics', [], (d: TextDocument) => diagnose(d, analysisOf(d), settings))(document);
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
}

// Clients without pull diagnostics (Neovim before 0.10) get them pushed on every change.
documents.onDidChangeContent((change) => {
  if (!pullDiagnostics) publish(change.document);
});
documents.onDidClose((event) => {
  cache.delete(event.document.uri);
  if (!pullDiagnostics) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

connection.languages.diagnostics.on(
  guarded('diagnostics', { kind: 'full' as const, items: [] }, (params) => {
    const document = documents.get(params.textDocument.uri);
    return { kind: 'full' as const, items: document ? diagnose(document, analysisOf(document), settings) : [] };
  }),
);

connection.onCompletion(
  guarded('completion', [], (params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? complete(document, analysisOf(document), document.offsetAt(params.position)) : [];
  }),
);

connection.onHover(
  guarded('hover', null, (params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? hover(document, analysisOf(document), document.offsetAt(params.position)) : null;
  }),
);

connection.languages.inlayHint.on(
  guarded('inlayHint', [], (params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? inlayHints(document, analysisOf(document), params.range) : [];
  }),
);

connection.onCodeAction(
  guarded('codeAction', [], (params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? codeActions(document, analysisOf(document), params.context.diagnostics) : [];
  }),
);

/** Writes canonical values into an open document as one versioned, undoable edit. */
async function applyValues(params: ApplyValuesParams): Promise<ApplyValuesResult> {
  const document = documents.get(params.uri);
  if (!document) return { applied: false, reason: 'not-open' };
  if (document.version !== params.version) return { applied: false, reason: 'stale' };
  const analysis = analysisOf(document);
  if (!analysis.shape) return { applied: false, reason: 'not-a-config' };
  const { changes, skipped } = setValues(document.getText(), analysis.model, params.values);
  const changed = params.values.map((v) => v.path).filter((p) => !skipped.includes(p));
  if (!changes.length) return { applied: true, changed: [] };
  const edits = changes.map((c) => ({ range: { start: document.positionAt(c.start), end: document.positionAt(c.end) }, newText: c.newText }));
  const result = await connection.workspace.applyEdit({ label: 'Insert Keycloak settings', edit: { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] } });
  return result.applied ? { applied: true, changed } : { applied: false, reason: 'rejected' };
}

function readValues(params: ReadValuesParams): ReadValuesResult | null {
  const document = documents.get(params.uri);
  if (!document) return null;
  const analysis = analysisOf(document);
  const values: ReadValuesResult['values'] = {};
  for (const [path, entry] of analysis.model.entries) {
    const v = entry.value;
    if (entry.key.secret) values[path] = v ? '********' : (v ?? null);
    else values[path] = v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v)) ? null : (v as ReadValuesResult['values'][string]);
  }
  return { shape: analysis.shape, version: document.version, values };
}

connection.onExecuteCommand(async (params) => {
  try {
    const [arg] = (params.arguments ?? []) as unknown[];
    if (params.command === Commands.applyValues) return await applyValues(arg as ApplyValuesParams);
    if (params.command === Commands.readValues) return readValues(arg as ReadValuesParams);
  } catch (error) {
    connection.console.error(`${params.command} failed: ${(error as Error).stack ?? String(error)}`);
  }
  return null;
});

documents.listen(connection);
connection.listen();
