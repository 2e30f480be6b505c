// The deployments a file belongs to, checked: the one entry the language server and the CLI call.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSource } from '../../../../common/protocol';
import type { NeighbourText } from '../check';
import { SEVERITY } from '../diagnostics';
import type { Issue, ServiceSettings, Span } from '../model';
import { rangeOf } from '../spans';
import { checkComposeDeployment, serverEnvFilePaths, where } from './compose-deployment';
export { envSecretSpans } from './compose-deployment';
import type { ComposeDeploymentResult, DeploymentFile } from './compose-deployment';
import { composeDeploymentsOf, helmDeploymentsOf, resolveInside } from './discover';
import { checkHelmDeployment } from './helm';
import type { ComposeDeploymentSpec, DeploymentDisk } from './discover';

export type { ComposeDeploymentResult, DeploymentFile, DeploymentIssue, EffectiveVariable, Place } from './compose-deployment';
export type { DeploymentDisk } from './discover';
export { where };

/** A deployment checked: a compose project (its server service named) or a Helm release of several values files. */
export type DeploymentResult =
  | (ComposeDeploymentResult & { kind: 'compose' })
  | { kind: 'helm'; name: string; service?: undefined; variables: ComposeDeploymentResult['variables']; issues: ComposeDeploymentResult['issues'] };

/** A finding about one file that names places in others (a deployment's, a Secret reference's). */
export interface CrossFileIssue extends Issue {
  related: { place: { uri: string; span: Span }; message: string }[];
}

/**
 * A cross-file finding as an LSP diagnostic of the file it concerns, with the severity the settings give its code
 * (none when `off`) and its related places in the other files, whose texts `textOf` gives.
 */
export function crossFileDiagnostic(
  document: TextDocument,
  issue: CrossFileIssue,
  settings: ServiceSettings,
  textOf: (uri: string) => string | undefined,
): Diagnostic | undefined {
  const override = settings.rules?.[issue.code];
  if (override === 'off') return undefined;
  return {
    range: rangeOf(document, issue.span),
    severity: SEVERITY[override ?? issue.severity],
    code: issue.code,
    source: DiagnosticSource,
    message: issue.message,
    data: { ...issue.data, deployment: true },
    relatedInformation: issue.related.flatMap(({ place, message }) => {
      const text = textOf(place.uri);
      return text === undefined
        ? []
        : [{ location: { uri: place.uri, range: rangeOf(TextDocument.create(place.uri, 'plaintext', 0, text), place.span) }, message }];
    }),
  };
}

export interface DeploymentsOutcome {
  results: DeploymentResult[];
  /** Every file the results were computed from: a change to one of them changes them. */
  members: string[];
}

const dirOf = (path: string) => path.slice(0, Math.max(path.lastIndexOf('/'), 0)) || '/';

/**
 * Checks every compose deployment `path` takes part in. `root` bounds what is read (a path that leaves it is not
 * followed); `uriOf` names a path as the client knows it.
 */
export function deploymentsOf(
  path: string,
  disk: DeploymentDisk,
  root: string | undefined,
  settings: ServiceSettings,
  uriOf: (path: string) => string,
  neighbours: NeighbourText[] = [],
): DeploymentsOutcome {
  const bound = root ?? dirOf(path);
  const label = (p: string) => (p.startsWith(`${bound}/`) ? p.slice(bound.length + 1) : p.slice(p.lastIndexOf('/') + 1));
  const file = (p: string): DeploymentFile | undefined => {
    const text = disk.read(p);
    return text === undefined ? undefined : { uri: uriOf(p), label: label(p), text };
  };
  const envFilesOf = (spec: ComposeDeploymentSpec) => {
    const compose = spec.compose.map(file).filter((f): f is DeploymentFile => Boolean(f));
    const dir = dirOf(spec.compose[0]);
    return serverEnvFilePaths(compose)
      .map((p) => resolveInside(bound, dir, p))
      .filter((p): p is string => Boolean(p));
  };
  const specs = composeDeploymentsOf(path, disk, root, settings.deployments ?? [], envFilesOf);
  const results: DeploymentResult[] = [];
  const members = new Set<string>();
  for (const spec of specs) {
    const compose = spec.compose.map(file).filter((f): f is DeploymentFile => Boolean(f));
    if (!compose.length) continue;
    const serviceEnvPaths = envFilesOf(spec);
    for (const p of [...spec.compose, ...spec.envFiles, ...serviceEnvPaths]) members.add(p);
    const envFiles = spec.envFiles.map(file).filter((f): f is DeploymentFile => Boolean(f));
    const serviceEnvFiles = serviceEnvPaths.map(file).filter((f): f is DeploymentFile => Boolean(f));
    const result = checkComposeDeployment({ name: spec.name, compose, envFiles, serviceEnvFiles }, settings, neighbours);
    if (result.service) results.push({ ...result, kind: 'compose' });
  }
  for (const spec of helmDeploymentsOf(path, disk, root, settings.deployments ?? [])) {
    const layers = spec.layers.map(file).filter((f): f is DeploymentFile => Boolean(f));
    if (layers.length < 2) continue;
    for (const p of spec.layers) members.add(p);
    const result = checkHelmDeployment({ name: spec.name, layers }, settings, neighbours);
    if (result.variables.length || result.issues.length) results.push({ ...result, kind: 'helm' });
  }
  return { results, members: [...members] };
}

/** Masks a secret as every report of this project does: its length is not told either. */
const MASK = '••••••••';

/**
 * The effective auth settings of each deployment as a read-only document shows them: like `docker compose config`,
 * but only what OpenMetadata's authentication reads, each with the place its value is written. Secrets are masked.
 */
export function effectiveConfigurationText(results: DeploymentResult[], subject: string): string {
  const lines = [`# Effective auth configuration: ${subject}`, ''];
  if (!results.length) {
    lines.push('No compose deployment that runs the OpenMetadata server, and no Helm release of several values files, includes this file.', '');
    lines.push('A compose file, its `.override` file and the `.env` beside them, and a `values.yaml` with the `values-<env>.yaml`');
    lines.push('beside it, are found on their own; declare other layouts (`docker compose --env-file …`, `helm -f a -f b`) in');
    lines.push('`openmetadataAuth.deployments` or `.openmetadata-auth.json`.');
    return lines.join('\n') + '\n';
  }
  for (const r of results) {
    if (r.kind === 'helm') {
      lines.push(`## Helm release \`${r.name}\` (values files merged in order, over the chart's defaults)`, '');
      // The long column last: a wide value must not push the origins out of a narrow preview.
      lines.push('| Value | Set in | Set to |', '|---|---|---|');
      for (const v of r.variables) lines.push(`| ${cell(v.name)} | ${cell(where(v.origin))} | ${cell(v.secret && v.value ? MASK : v.value)} |`);
      if (!r.variables.length) lines.push("| (none) | the chart's defaults | |");
      lines.push(
        '',
        r.issues.length ? `${r.issues.length} finding(s) of this release are in the Problems panel, in the files they concern.` : 'No finding.',
        '',
      );
      continue;
    }
    lines.push(`## Deployment \`${r.name}\`, service \`${r.service}\``, '');
    lines.push('| Variable | Set in | Passed by | Value |', '|---|---|---|---|');
    const auth = r.variables.filter((v) => v.path).sort((a, b) => a.name.localeCompare(b.name));
    for (const v of auth) {
      const value = v.secret && v.value ? MASK : v.value === '' ? '(empty)' : v.value;
      lines.push(`| \`${v.name}\` | ${cell(where(v.origin))} | ${v.passedBy ? cell(where(v.passedBy)) : ''} | ${cell(value)} |`);
    }
    if (!auth.length) lines.push('| (none) | | | the server uses its defaults |');
    const findings = r.issues.length;
    lines.push(
      '',
      findings ? `${findings} finding${findings === 1 ? '' : 's'} of this deployment are in the Problems panel, in the files they concern.` : 'No finding.',
      '',
    );
  }
  return lines.join('\n');
}

/** A table cell: the text as code, so Markdown in a value (links, pipes, HTML) is shown, never rendered. */
function cell(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const ticks = flat.includes('`') ? '`` ' : '`';
  return `${ticks}${flat}${ticks === '`` ' ? ' ``' : '`'}`;
}

/** The line of `text` that holds `offset`, as offsets. */
function lineAround(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return { start, end: end === -1 ? text.length : end };
}

const within = (span: { start: number; end: number }, line: { start: number; end: number }) => span.start >= line.start && span.start <= line.end;

/**
 * What the deployments give the variable on the line under the cursor: in a compose file, the value the server gets
 * and the file it comes from; in an env file, the service and compose line that pass it. Secrets masked.
 */
export function deploymentHover(results: DeploymentResult[], uri: string, text: string, offset: number): string | undefined {
  const line = lineAround(text, offset);
  const parts: string[] = [];
  for (const r of results) {
    if (r.kind !== 'compose') continue;
    for (const v of r.variables) {
      const shown = v.secret && v.value ? MASK : v.value === '' ? '(empty)' : v.value;
      if (v.named.uri === uri && within(v.named.span, line) && v.origin.uri !== uri)
        parts.push(`Deployment \`${r.name}\`: the \`${r.service}\` service gets \`${v.name}\` = \`${shown}\`, set in \`${where(v.origin)}\`.`);
      else if (v.origin.uri === uri && within(v.origin.span, line) && v.passedBy && v.passedBy.uri !== uri)
        parts.push(`Deployment \`${r.name}\`: passed to the \`${r.service}\` service as \`${v.name}\` by \`${where(v.passedBy)}\`.`);
    }
  }
  return parts.length ? parts.join('\n\n') : undefined;
}
