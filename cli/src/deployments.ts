// The CLI's side of deployments: the files checked are grouped into the same compose deployments the editor finds, and
// each deployment finding joins the report of the file it concerns, with its related places, as the editor shows it.
import { readdirSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { readBoundedFile } from '../../common/boundedRead';
import { MAX_NEIGHBOUR_BYTES } from '../../common/fileLimits';
import { isComposeName, mayBelongToDeployment } from '../../server/src/service/deployments/discover';
import { crossFileDiagnostic, deploymentsOf, envSecretSpans } from '../../server/src/service/deployments/index';
import type { ConfigModel, ServiceSettings } from '../../server/src/service/model';
import { mayHoldSecrets, readSecrets, secretReferenceIssues } from '../../server/src/service/deployments/secrets';
import type { SecretManifest } from '../../server/src/service/deployments/secrets';
import type { FileReport } from './formats';

const toPosix = (path: string) => path.split(sep).join('/');

/** Whether a file may take part in a deployment (the rest are not looked at twice). */
export const mayBeDeployed = (path: string) => mayBelongToDeployment(path.slice(path.lastIndexOf(sep) + 1));

/**
 * Adds the findings of every compose deployment the checked files take part in to the reports (a report is made for a
 * file of the deployment that was not checked itself, such as a `.env` of other names). A finding already in the
 * file's own report, or found through another of the deployment's files, is not added twice.
 */
export function addDeploymentFindings(
  files: string[],
  reports: FileReport[],
  context: { root: string; cwd: string; settings: ServiceSettings; skipped: (path: string, reason: string) => void },
): void {
  const texts = new Map<string, string | undefined>();
  const read = (path: string) => {
    if (!texts.has(path)) {
      const r = readBoundedFile(path, MAX_NEIGHBOUR_BYTES);
      if ('skipped' in r && r.skipped !== 'missing') context.skipped(path, r.reason);
      texts.set(path, 'text' in r ? r.text : undefined);
    }
    return texts.get(path);
  };
  const listings = new Map<string, string[]>();
  const list = (dir: string) => {
    if (!listings.has(dir)) {
      let names: string[] = [];
      try {
        names = readdirSync(dir);
      } catch {
        names = [];
      }
      listings.set(dir, names);
    }
    return listings.get(dir)!;
  };
  const byPath = new Map(reports.map((r) => [r.fromRoot, r]));
  const seen = new Set<string>();
  for (const report of reports) for (const d of report.diagnostics) seen.add(`${report.fromRoot}\u0000${key(d)}`);
  const done = new Set<string>();
  for (const file of files.filter(mayBeDeployed).map(toPosix)) {
    const outcome = deploymentsOf(file, { read, list }, toPosix(context.root), context.settings, (p) => pathToFileURL(p).href);
    for (const result of outcome.results) {
      for (const issue of result.issues) {
        const path = fileURLToPath(issue.uri);
        const text = read(path);
        if (text === undefined) continue;
        const fromRoot = toPosix(relative(context.root, path));
        if (fromRoot.startsWith('..')) continue;
        const document = TextDocument.create(issue.uri, 'plaintext', 0, text);
        const diagnostic = crossFileDiagnostic(document, issue, context.settings, (uri) => read(fileURLToPath(uri)));
        if (!diagnostic) continue;
        const k = `${fromRoot}\u0000${key(diagnostic)}`;
        if (seen.has(k) || done.has(k)) continue;
        done.add(k);
        let report = byPath.get(fromRoot);
        if (!report) {
          report = { path: toPosix(relative(context.cwd, path)), fromRoot, text, diagnostics: [] };
          byPath.set(fromRoot, report);
          reports.push(report);
        }
        // An env file's frame would show the client secret a deployment finding sits next to.
        if (!isComposeName(path.slice(path.lastIndexOf('/') + 1))) report.secrets = envSecretSpans(text);
        report.diagnostics.push(diagnostic);
        report.fixes?.push([]);
      }
    }
  }
}

const key = (d: Diagnostic) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

/** The Secrets the YAML files of the run declare (a Secret, SealedSecret or ExternalSecret manifest). */
export function workspaceSecrets(files: string[], root: string): SecretManifest[] {
  const out: SecretManifest[] = [];
  for (const file of files) {
    if (!/\.ya?ml$/i.test(file)) continue;
    const read = readBoundedFile(file, MAX_NEIGHBOUR_BYTES);
    if ('text' in read && mayHoldSecrets(read.text)) out.push(...readSecrets(read.text, pathToFileURL(file).href, toPosix(relative(root, file))));
  }
  return out;
}

/** `secret-key-missing` for one checked file's models, as the editor reports it. */
export function secretFindings(document: TextDocument, models: ConfigModel[], secrets: SecretManifest[], settings: ServiceSettings): Diagnostic[] {
  if (!secrets.length) return [];
  const textOf = (uri: string) => {
    const read = readBoundedFile(fileURLToPath(uri), MAX_NEIGHBOUR_BYTES);
    return 'text' in read ? read.text : undefined;
  };
  return models.flatMap((m) => secretReferenceIssues(m, secrets)).flatMap((issue) => crossFileDiagnostic(document, issue, settings, textOf) ?? []);
}
