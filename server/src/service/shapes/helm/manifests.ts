// Helm values that live inside other manifests: an Argo CD Application or ApplicationSet, a Flux HelmRelease, a
// kustomization's `helmCharts`. Each field of values is found with where it sits in the file, so that the one Helm
// reading (yamlTree's mounts) applies there. Field names and what each tool does with them: schemas/evidence.md,
// "Manifests that carry Helm values".
import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { parseYaml } from '../../yamlParse';
import { parseLimitIssue } from '../../limits';
import type { HostKind, Span, ValuesHost } from '../../model';
import { indentOf } from '../../text';
import { mapAt } from '../../surfaces/yamlTree';

/**
 * Where the chart reads its auth settings, and the pre-1.1 `global` homes (schemas/evidence.md a): values that hold
 * one of them are OpenMetadata's, in a file of their own or in a manifest.
 */
const CHART_HOMES = [
  ['openmetadata', 'config'],
  ['openmetadata', 'configuration'],
  ['global', 'authentication'],
  ['global', 'authorizer'],
];

/** Whether values (a document or a mapping) hold the OpenMetadata chart's auth settings. */
export function holdsChartAuth(values: Document | Node | null | undefined): boolean {
  return CHART_HOMES.some((path) => mapAt(values, path));
}

/** Values found in a manifest, ready for the Helm reading. */
export interface HostedValues {
  host: ValuesHost;
  /** The values; its offsets are the file's, except for pinned values, whose offsets are into `text`. */
  map: YAMLMap;
  /** What the offsets of `map` point into: the file, or the decoded string of pinned values. */
  text: string;
  /** Errors of parsing a values string, at file offsets unless pinned (the manifest's own errors are its document's). */
  errors: Document['errors'];
}

/** A field that may hold values, and what the manifest says about the chart they are for. */
interface Candidate {
  kind: HostKind;
  field: string;
  pair: Pair;
  /** The manifest names the OpenMetadata chart (its chart name or chart path), so its values are read even without auth settings. */
  namesChart: boolean;
  chartVersion?: string;
}

const VERSION = /^v?(\d+\.\d+(?:\.\d+)?)$/;

const str = (node: unknown): string | undefined => (isScalar(node) && node.value !== null && typeof node.value !== 'object' ? String(node.value) : undefined);
const get = (map: YAMLMap | undefined, key: string): unknown => map?.get(key, true);
const pairOf = (map: YAMLMap | undefined, key: string): Pair | undefined => map?.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
const asMap = (node: unknown): YAMLMap | undefined => (isMap(node) ? node : undefined);

/** Whether a chart name, chart path or OCI reference ends in the chart `openmetadata` (not `openmetadata-dependencies`). */
function namesOpenMetadata(reference: string | undefined): boolean {
  if (!reference) return false;
  // Split, not a regular expression on the slashes: `/+$` backtracks quadratically on a run of them.
  const last = reference.split('/').filter(Boolean).pop();
  return last === 'openmetadata' || last === 'openmetadata.git';
}

const versionOf = (value: string | undefined) => (value ? VERSION.exec(value.trim())?.[1] : undefined);

/**
 * An Argo CD source's values fields. Argo CD gives `valuesObject` precedence over `values`; when both are there, only
 * `valuesObject` is read, so a key set in both is not judged by the value Argo CD drops.
 */
function argoSource(source: YAMLMap, kind: HostKind, field: string, out: Candidate[]): void {
  const helm = asMap(get(source, 'helm'));
  if (!helm) return;
  const chart = str(get(source, 'chart'));
  // A Helm repository source names the chart and its version; a Git source the chart's path and a Git revision.
  const namesChart = chart ? namesOpenMetadata(chart) : namesOpenMetadata(str(get(source, 'path')));
  const chartVersion = chart ? versionOf(str(get(source, 'targetRevision'))) : undefined;
  const object = pairOf(helm, 'valuesObject');
  const values = object && isMap(object.value) ? object : pairOf(helm, 'values');
  if (values) out.push({ kind, field: `${field}.helm.${String((values.key as Scalar).value)}`, pair: values, namesChart, chartVersion });
}

/** The fields of one manifest document that may hold Helm values. */
function candidatesIn(doc: Document): Candidate[] {
  const top = asMap(doc.contents);
  if (!top) return [];
  const apiVersion = str(get(top, 'apiVersion')) ?? '';
  const kind = str(get(top, 'kind'));
  const out: Candidate[] = [];
  if (apiVersion.startsWith('argoproj.io/') && (kind === 'Application' || kind === 'ApplicationSet')) {
    const hostKind: HostKind = kind === 'Application' ? 'argocd-application' : 'argocd-applicationset';
    const base = kind === 'Application' ? ['spec'] : ['spec', 'template', 'spec'];
    const spec = mapAt(top, base)?.map;
    // With `sources` Argo CD ignores `source`.
    const sources = get(spec, 'sources');
    if (isSeq(sources)) sources.items.forEach((item, i) => isMap(item) && argoSource(item, hostKind, `${base.join('.')}.sources[${i}]`, out));
    else {
      const source = asMap(get(spec, 'source'));
      if (source) argoSource(source, hostKind, `${base.join('.')}.source`, out);
    }
  } else if (apiVersion.startsWith('helm.toolkit.fluxcd.io/') && kind === 'HelmRelease') {
    const spec = asMap(get(top, 'spec'));
    const chart = mapAt(spec, ['chart', 'spec'])?.map;
    const values = pairOf(spec, 'values');
    if (values)
      out.push({
        kind: 'flux-helmrelease',
        field: 'spec.values',
        pair: values,
        namesChart: namesOpenMetadata(str(get(chart, 'chart'))),
        chartVersion: versionOf(str(get(chart, 'version'))),
      });
  } else if ((kind === undefined || kind === 'Kustomization') && !apiVersion.includes('fluxcd.io')) {
    const charts = get(top, 'helmCharts');
    if (isSeq(charts)) {
      charts.items.forEach((item, i) => {
        const values = isMap(item) ? pairOf(item, 'valuesInline') : undefined;
        if (values)
          out.push({
            kind: 'kustomization',
            field: `helmCharts[${i}].valuesInline`,
            pair: values,
            namesChart: namesOpenMetadata(str(get(item as YAMLMap, 'name'))),
            chartVersion: versionOf(str(get(item as YAMLMap, 'version'))),
          });
      });
    }
  }
  return out;
}

const lineStartOf = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;

/**
 * The lines of a block mapping of values: from its first key's line to the first later line that is less indented
 * (blank and comment lines do not end it), and where a new top-level key goes.
 */
function linesOf(map: YAMLMap, text: string, limit: number): { region: Span; top?: ValuesHost['top'] } | undefined {
  const first = (map.items[0]?.key as Node | undefined)?.range;
  if (!map.range) return undefined;
  if (map.flow || !first) return { region: { start: map.range[0], end: map.range[1] } };
  const start = lineStartOf(text, first[0]);
  const indent = first[0] - start;
  const last = map.items[map.items.length - 1];
  const lastNode = (last.value as Node | null) ?? (last.key as Node);
  const lastEnd = Math.max((lastNode?.range?.[1] ?? first[1]) - 1, first[1]);
  const newline = text.indexOf('\n', lastEnd);
  const insertAt = newline === -1 || newline > limit ? Math.min(text.length, limit) : newline;
  // A parser that recovered from broken YAML may end the values on a line of the manifest's own: nothing is written.
  const lastLine = text.slice(lineStartOf(text, insertAt), insertAt);
  if (lastLine.trim() && indentOf(lastLine) < indent) return { region: { start, end: insertAt } };
  let end = Math.min(text.length, limit);
  for (let at = insertAt + 1; at < end;) {
    const next = text.indexOf('\n', at);
    const line = text.slice(at, next === -1 ? text.length : next);
    if (line.trim() && !line.trimStart().startsWith('#') && indentOf(line) < indent) {
      end = at;
      break;
    }
    if (next === -1) break;
    at = next + 1;
  }
  return { region: { start, end }, top: { indent, insertAt } };
}

/** A literal block (`values: |`): its lines are the values' lines, so parsing them in place keeps the file's offsets. */
function literalValues(node: Scalar, text: string): { map?: YAMLMap; errors: Document['errors'] } | undefined {
  const [headerAt, end] = node.range ?? [0, 0];
  const contentStart = text.indexOf('\n', headerAt) + 1;
  if (contentStart === 0 || contentStart >= end) return undefined;
  const content = text.slice(contentStart, end);
  // The manifest's limits skip a block scalar's contents: the values inside get their own.
  if (parseLimitIssue(content)) return undefined;
  // Blank up to the values, with the line break before them kept: the parser sees the values at their own offsets and
  // columns, so every span it gives is one in the file, and every indentation it implies is the file's.
  const docs = parseYaml(`${' '.repeat(contentStart - 1)}\n${content}`);
  const doc = docs[0];
  if (!doc) return undefined;
  return { map: asMap(doc.contents), errors: docs.flatMap((d) => d.errors) };
}

/** A values string in any other style (quoted, folded, plain): read from its decoded text, its spans pinned to the scalar. */
function decodedValues(node: Scalar): { map?: YAMLMap; text: string; errors: Document['errors'] } | undefined {
  if (typeof node.value !== 'string' || parseLimitIssue(node.value)) return undefined;
  const docs = parseYaml(node.value);
  return docs[0] ? { map: asMap(docs[0].contents), text: node.value, errors: docs.flatMap((d) => d.errors) } : undefined;
}

/**
 * Every field of Helm values for the OpenMetadata chart in a YAML stream: the manifests' values that hold the chart's
 * auth settings, or whose manifest names the chart. Values for another chart are not returned.
 */
export function hostedValues(docs: Document[], text: string): HostedValues[] {
  const out: HostedValues[] = [];
  for (const doc of docs) {
    for (const c of candidatesIn(doc)) {
      const value = c.pair.value as Node | null;
      const host = { kind: c.kind, field: c.field, chartVersion: c.chartVersion };
      if (isMap(value)) {
        if (!c.namesChart && !holdsChartAuth(value)) continue;
        const lines = linesOf(value, text, text.length);
        if (lines) out.push({ host: { ...host, ...lines }, map: value, text, errors: [] });
        continue;
      }
      if (!isScalar(value) || !value.range || typeof value.value !== 'string') continue;
      if (value.type === Scalar.BLOCK_LITERAL) {
        const read = literalValues(value, text);
        if (!read?.map || (!c.namesChart && !holdsChartAuth(read.map))) continue;
        const lines = linesOf(read.map, text, value.range[1]);
        if (lines) out.push({ host: { ...host, ...lines }, map: read.map, text, errors: read.errors });
        continue;
      }
      const read = decodedValues(value);
      if (!read?.map || (!c.namesChart && !holdsChartAuth(read.map))) continue;
      out.push({
        host: { ...host, region: { start: value.range[0], end: value.range[1] }, pinned: true },
        map: read.map,
        text: read.text,
        errors: read.errors,
      });
    }
  }
  return out;
}

/** How the status and messages name a manifest that holds values. */
export const HOST_NAMES: Record<HostKind, string> = {
  'argocd-application': 'Argo CD Application',
  'argocd-applicationset': 'Argo CD ApplicationSet',
  'flux-helmrelease': 'Flux HelmRelease',
  kustomization: 'kustomization',
};
