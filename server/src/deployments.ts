// The language server's side of deployments: the files of a deployment come from the open documents first, else from
// disk, read once and kept until the client says they changed (it watches env and compose files); the findings of a
// deployment become diagnostics of the file each concerns, with the other files as related information.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { CodeActionKind } from 'vscode-languageserver-types';
import { readBoundedFile } from '../../common/boundedRead';
import { MAX_NEIGHBOUR_BYTES } from '../../common/fileLimits';
import { plainText } from '../../common/plainText';
import { mayBelongToDeployment } from './service/deployments/discover';
import { crossFileDiagnostic, deploymentHover, deploymentsOf, effectiveConfigurationText } from './service/deployments/index';
import type { CrossFileIssue, DeploymentIssue, DeploymentsOutcome } from './service/deployments/index';
import type { ConfigModel, ServiceSettings, TextChange } from './service/model';
import { mayHoldSecrets, readSecrets, secretReferenceIssues } from './service/deployments/secrets';
import type { SecretManifest } from './service/deployments/secrets';
import { rangeOf } from './service/spans';
import { pathOf } from './store';

export class Deployments {
  private readonly disk = new Map<string, string | undefined>();
  private readonly listings = new Map<string, string[]>();
  /** The last outcome per document, with the texts it was computed from: reused while none of them changed. */
  private readonly memo = new Map<string, { settings: ServiceSettings; texts: Map<string, string | undefined>; outcome: DeploymentsOutcome }>();

  /** The Secrets of the workspace, found by one bounded walk and kept until a YAML file changes. */
  private secrets?: SecretManifest[];

  constructor(
    /** The text of an open document at a path, which wins over the disk. */
    private readonly openText: (path: string) => string | undefined,
    private readonly root: () => string | undefined,
    private readonly skipped: (path: string, reason: string) => void,
  ) {}

  /** Whether a document may belong to a compose deployment at all (the rest never pay for a look at the folder). */
  static concerns(uri: string, shape: string | null): boolean {
    // A URI whose escapes do not decode (`100%.yaml`) has no path: not a file of a deployment.
    const path = pathOf(uri);
    const name = path?.slice(path.lastIndexOf('/') + 1);
    return name !== undefined && (shape === 'env' || mayBelongToDeployment(name));
  }

  private read(path: string): string | undefined {
    const open = this.openText(path);
    if (open !== undefined) return open;
    if (!this.disk.has(path)) {
      const read = readBoundedFile(path, MAX_NEIGHBOUR_BYTES);
      if ('skipped' in read && read.skipped !== 'missing') this.skipped(path, read.reason);
      this.disk.set(path, 'text' in read ? read.text : undefined);
    }
    return this.disk.get(path);
  }

  private list(dir: string): string[] {
    let names = this.listings.get(dir);
    if (!names) {
      try {
        names = readdirSync(dir);
      } catch {
        names = [];
      }
      this.listings.set(dir, names);
    }
    return names;
  }

  /**
   * The edits that make the compose files of a deployment pass variables an edit writes into an env file of it: what
   * a command writes there would otherwise be reported at once as never reaching the server (`env-not-passed`).
   */
  passesFor(
    uri: string,
    newText: string,
    names: string[],
    settings: ServiceSettings,
  ): { uri: string; label: string; names: string[]; changes: TextChange[] }[] {
    const path = pathOf(uri);
    if (!path || !names.length) return [];
    const read = (p: string) => (p === path ? newText : this.read(p));
    const outcome = deploymentsOf(path, { read, list: (d) => this.list(d) }, this.root(), settings, (p) => pathToFileURL(p).href);
    const out = new Map<string, { uri: string; label: string; names: string[]; changes: TextChange[] }>();
    for (const r of outcome.results)
      for (const issue of r.issues) {
        const name = issue.data?.name;
        if (issue.code !== 'env-not-passed' || issue.uri !== uri || typeof name !== 'string' || !names.includes(name) || !issue.fix) continue;
        const entry = out.get(issue.fix.uri) ?? { uri: issue.fix.uri, label: issue.related[0]?.place.label ?? issue.fix.uri, names: [], changes: [] };
        if (entry.names.includes(name)) continue;
        entry.names.push(name);
        entry.changes.push(...issue.fix.changes);
        out.set(issue.fix.uri, entry);
      }
    return [...out.values()];
  }

  /** The text a file of a deployment has now (open, else on disk). */
  textOf(uri: string): string | undefined {
    const path = pathOf(uri);
    return path === undefined ? undefined : this.read(path);
  }

  /** The deployments of a document, computed again only when one of their files changed. */
  outcome(uri: string, settings: ServiceSettings): DeploymentsOutcome | undefined {
    const path = pathOf(uri);
    if (!path) return undefined;
    const hit = this.memo.get(uri);
    if (hit && hit.settings === settings && [...hit.texts].every(([p, t]) => this.read(p) === t)) return hit.outcome;
    const outcome = deploymentsOf(path, { read: (p) => this.read(p), list: (d) => this.list(d) }, this.root(), settings, (p) => pathToFileURL(p).href);
    const texts = new Map(outcome.members.map((p) => [p, this.read(p)] as const));
    this.memo.set(uri, { settings, texts, outcome });
    return outcome;
  }

  /** The deployment findings about a document, as diagnostics; none that repeat one of its own. */
  diagnostics(document: TextDocument, settings: ServiceSettings, own: Diagnostic[]): Diagnostic[] {
    const outcome = this.outcome(document.uri, settings);
    return outcome ? this.toDiagnostics(document, this.issuesOf(outcome, document.uri), settings, own) : [];
  }

  /** Cross-file findings as diagnostics (messages as plain text, as clients show them), without repeats. */
  private toDiagnostics(document: TextDocument, issues: CrossFileIssue[], settings: ServiceSettings, own: Diagnostic[]): Diagnostic[] {
    const seen = new Set(own.map(key));
    const out: Diagnostic[] = [];
    for (const issue of issues) {
      const d = crossFileDiagnostic(document, issue, settings, (uri) => this.textOf(uri));
      if (!d || seen.has(key(d))) continue;
      seen.add(key(d));
      out.push({ ...d, message: plainText(d.message), relatedInformation: d.relatedInformation?.map((r) => ({ ...r, message: plainText(r.message) })) });
    }
    return out;
  }

  private issuesOf(outcome: DeploymentsOutcome, uri: string): DeploymentIssue[] {
    return outcome.results.flatMap((r) => r.issues.filter((i) => i.uri === uri));
  }

  /** The fixes of deployment diagnostics: edits of another file of the deployment (the compose file). */
  codeActions(document: TextDocument, settings: ServiceSettings, diagnostics: Diagnostic[]): CodeAction[] {
    const outcome = this.outcome(document.uri, settings);
    if (!outcome) return [];
    const actions: CodeAction[] = [];
    for (const d of diagnostics) {
      if (!isDeployment(d)) continue;
      const issue = this.issuesOf(outcome, document.uri).find((i) => i.code === d.code && key(d) === key({ ...d, range: rangeOf(document, i.span) }));
      const path = issue?.fix && pathOf(issue.fix.uri);
      const text = path && this.read(path);
      if (!issue?.fix || text === undefined) continue;
      const target = TextDocument.create(issue.fix.uri, 'yaml', 0, text);
      actions.push({
        title: plainText(issue.fix.title),
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: { changes: { [issue.fix.uri]: issue.fix.changes.map((c) => ({ range: rangeOf(target, c), newText: c.newText })) } },
      });
    }
    return actions;
  }

  /** What the deployments give the variable on the hovered line. */
  hover(document: TextDocument, settings: ServiceSettings, offset: number): string | undefined {
    const outcome = this.outcome(document.uri, settings);
    return outcome && deploymentHover(outcome.results, document.uri, document.getText(), offset);
  }

  /** `secret-key-missing` for the Secret references of a document's models, against the workspace's Secrets. */
  secretDiagnostics(document: TextDocument, models: ConfigModel[], settings: ServiceSettings, own: Diagnostic[]): Diagnostic[] {
    if (settings.rules?.['secret-key-missing'] === 'off' || !models.some((m) => [...m.entries.values()].some((e) => e.secretKeyRef))) return [];
    const secrets = this.workspaceSecrets();
    return this.toDiagnostics(
      document,
      models.flatMap((m) => secretReferenceIssues(m, secrets)),
      settings,
      own,
    );
  }

  /** Every YAML file under the root, bounded in count and depth, never through a link; only their Secrets are kept. */
  private workspaceSecrets(): SecretManifest[] {
    if (this.secrets) return this.secrets;
    const root = this.root();
    const found: SecretManifest[] = [];
    let budget = MAX_WALKED;
    const walk = (dir: string, depth: number) => {
      if (depth > MAX_DEPTH) return;
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (--budget < 0) return;
        const path = join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== '.git') walk(path, depth + 1);
        else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) {
          const text = this.openText(path) ?? textOf(readBoundedFile(path, MAX_NEIGHBOUR_BYTES));
          if (text && mayHoldSecrets(text)) found.push(...readSecrets(text, pathToFileURL(path).href, root ? path.slice(root.length + 1) : entry.name));
        }
      }
    };
    if (root) walk(root, 0);
    this.secrets = found;
    return found;
  }

  /** The read-only document of Show Effective Configuration. */
  effective(uri: string, settings: ServiceSettings): string {
    const outcome = this.outcome(uri, settings);
    const path = pathOf(uri);
    return effectiveConfigurationText(outcome?.results ?? [], path ? path.slice(path.lastIndexOf('/') + 1) : uri);
  }

  /** Files changed on disk: read them again; whether an open document's deployments include one of them. */
  changed(uris: string[]): boolean {
    let affects = false;
    const folders = new Set<string>();
    for (const uri of uris) {
      const path = pathOf(uri);
      if (!path) continue;
      this.disk.delete(path);
      if (/\.ya?ml$/i.test(path)) {
        this.secrets = undefined;
        affects = true;
      }
      const folder = path.slice(0, path.lastIndexOf('/')) || '/';
      this.listings.delete(folder);
      folders.add(folder);
      affects ||= this.dependsOn(path) || mayBelongToDeployment(path.slice(path.lastIndexOf('/') + 1));
    }
    // A memo checks the texts of its files on use, so only the folder listing it was found from can have gone stale (a
    // `.env` or override created beside the document): the other documents' deployments are not computed again, which
    // for 50 open compose projects cost 3 s of pulls after one `.env` was saved.
    if (affects) for (const uri of [...this.memo.keys()]) if (folders.has(folderOf(uri))) this.memo.delete(uri);
    return affects;
  }

  /** Whether a document other than `uri` was checked with the file at `uri` as part of its deployment. */
  dependents(uri: string): boolean {
    const path = pathOf(uri);
    return Boolean(path) && [...this.memo].some(([other, m]) => other !== uri && m.texts.has(path!));
  }

  private dependsOn(path: string): boolean {
    return [...this.memo.values()].some((m) => m.texts.has(path));
  }

  forget(uri: string): void {
    this.memo.delete(uri);
  }
}

/** The folder of a document's path ('' for a URI without one). */
const folderOf = (uri: string) => {
  const path = pathOf(uri) ?? '';
  return path.slice(0, path.lastIndexOf('/')) || '/';
};

/** Files and folders looked at to find the workspace's Secrets: a large repository is cut short, not crawled. */
const MAX_WALKED = 20_000;
const MAX_DEPTH = 12;
const textOf = (read: ReturnType<typeof readBoundedFile>) => ('text' in read ? read.text : undefined);

const key = (d: Diagnostic) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

/** A diagnostic of a deployment: its fixes are this module's, never the file's own providers'. */
export const isDeployment = (d: Diagnostic) => Boolean((d.data as { deployment?: unknown } | undefined)?.deployment);
