// What the OpenMetadata chart's own values.schema.json refuses, per chart release, read from the facts that
// scripts/chart-schema.mjs keeps of it (schemas/helm-chart-schema.json; schemas/evidence.md p). `helm install` checks
// the values against that schema before anything renders, so a refused key or type fails the install.
import data from '../../../schemas/helm-chart-schema.json';
import { compareVersions } from './versions';

/**
 * One node of the merged schema: `in` the spans it is declared in (the parent's when left out), `t` its JSON type
 * (one for all its spans, or per type the spans), `c` the spans where it is closed (`1`: all of them), `e` the
 * allowed values of an enum (`''`: the spans the enum is in), `p` its declared properties, `i` its items.
 */
export interface ChartNode {
  in?: string;
  t?: string | Record<string, string>;
  c?: 1 | string;
  e?: Record<string, string>;
  p?: Record<string, ChartNode>;
  i?: ChartNode;
}

interface ChartData {
  spans: [string, string][];
  tags: (string | [string, string])[];
  tree: ChartNode;
}

const chart = data as unknown as ChartData;
export const chartTree: ChartNode = chart.tree;
const SPANS = chart.spans.length;
/** Every chart tag from the oldest one of the first schema's app release, with its app release and its span. */
const TAGS = chart.tags.map((t) => {
  const [version, app] = typeof t === 'string' ? [t, t] : t;
  const span = chart.spans.findIndex(([first, last]) => compareVersions(version, first) >= 0 && compareVersions(version, last) <= 0);
  return { version, app, span };
});

/** The chart releases a check is against: span indices, and how messages name them. */
export interface ChartReleases {
  spans: number[];
  label: string;
}

const decoded = new Map<string, boolean[]>();
/** `0-3,7,9-` as a membership table over the spans. */
function spanSet(ranges: string): boolean[] {
  let set = decoded.get(ranges);
  if (set) return set;
  set = new Array<boolean>(SPANS).fill(false);
  for (const part of ranges.split(',')) {
    if (!part) continue;
    const [a, b] = part.split('-');
    const to = b === undefined ? Number(a) : b === '' ? SPANS - 1 : Number(b);
    for (let i = Number(a); i <= to; i++) set[i] = true;
  }
  decoded.set(ranges, set);
  return set;
}

const ALL = spanSet(`0-${SPANS - 1}`);

/** Whether a node is declared in a span, given whether its parent is. */
export const declaredIn = (node: ChartNode, parent: boolean, span: number): boolean => parent && (node.in === undefined || spanSet(node.in)[span]);
export const closedIn = (node: ChartNode, span: number): boolean => node.c === 1 || (typeof node.c === 'string' && spanSet(node.c)[span]);

/** The JSON types a node takes in a span; undefined when that span leaves its type open. */
export function typesIn(node: ChartNode, span: number): string[] | undefined {
  if (node.t === undefined) return undefined;
  if (typeof node.t === 'string') return node.t.split('|');
  for (const [types, ranges] of Object.entries(node.t)) if (spanSet(ranges)[span]) return types.split('|');
  return undefined;
}

/** The values an enum allows in a span; undefined when that span has no enum there. */
export function enumIn(node: ChartNode, span: number): string[] | undefined {
  if (!node.e || (node.e[''] !== '' && !spanSet(node.e[''])[span])) return undefined;
  return Object.entries(node.e).flatMap(([value, ranges]) => (value !== '' && (ranges === '' || spanSet(ranges)[span]) ? [value] : []));
}

/** Whether a JSON type accepts a value of the kind Helm reads (an integer is a number too). */
export const accepts = (types: string[], kind: string): boolean => types.includes(kind) || (kind === 'integer' && types.includes('number'));

function releasesOf(spans: number[], label: string): ChartReleases | undefined {
  const unique = [...new Set(spans)].sort((a, b) => a - b);
  return unique.length ? { spans: unique, label } : undefined;
}

/** "chart 1.6.4", "charts 1.6.1 to 1.6.13". */
const tagsLabel = (tags: { version: string }[]) =>
  tags.length === 1 ? `chart ${tags[0].version}` : `charts ${tags[0].version} to ${tags[tags.length - 1].version}`;

/** The charts whose schema has a path, as "charts 1.1.0 to 1.13.1" (its first and last), for a message. */
export function chartsWith(path: string[]): string | undefined {
  const spans = chart.spans.map((_, span) => {
    let node: ChartNode | undefined = chartTree;
    for (const step of path) node = node && node.p?.[step] && declaredIn(node.p[step], true, span) ? node.p[step] : undefined;
    return Boolean(node);
  });
  const first = spans.indexOf(true);
  const last = spans.lastIndexOf(true);
  if (first < 0) return undefined;
  const [from, to] = [chart.spans[first][0], chart.spans[last][1]];
  return from === to ? `chart ${from}` : `charts ${from} to ${to}`;
}

/** The spans in which the root declares `openmetadata` (the `openmetadata.config` layout, chart 1.1.0 on). */
const OPENMETADATA_LAYOUT = chart.spans.map((_, i) => declaredIn(chartTree.p?.openmetadata ?? {}, true, i));

/**
 * The chart releases whose schema a file is checked against. With a release (set, or named by the file), the charts of
 * that release: the tag of that number, or the tags whose app release it is (several patches of `1.6` give every
 * 1.6.x chart); a key is then refused only if all of them refuse it. Older than every chart with a schema: none. With
 * a range (a copy of the chart's defaults that several releases fit), the charts of all of them. With
 * none, or one past the history: every chart with a schema that the file's layout fits (`openmetadata.config` is
 * only read from chart 1.1.0 on), so only what all of them refuse is reported.
 */
export function chartReleasesFor(version: string | undefined, openmetadataLayout: boolean, range?: [string, string]): ChartReleases | undefined {
  const every = () => {
    const spans = ALL.map((_, i) => i).filter((i) => !openmetadataLayout || OPENMETADATA_LAYOUT[i]);
    return releasesOf(spans, `every chart release from ${chart.spans[spans[0]][0]} to ${chart.spans[spans[spans.length - 1]][1]}`);
  };
  const v = version?.trim().replace(/^v/, '') ?? '';
  if (!/^\d+(\.\d+){0,2}$/.test(v)) return every();
  const minorOf = (x: string) => x.split('.').slice(0, 2).join('.');
  const within = (x: string) => range !== undefined && compareVersions(minorOf(x), range[0]) >= 0 && compareVersions(minorOf(x), range[1]) <= 0;
  const exact = range ? TAGS.filter((t) => within(t.version) || within(t.app)) : TAGS.filter((t) => t.version === v || t.app === v);
  const minor = minorOf(v);
  const matching = exact.length ? exact : TAGS.filter((t) => t.version.startsWith(`${minor}.`) || t.app.startsWith(`${minor}.`) || t.app === minor);
  if (matching.length) {
    // A release some of whose charts have no schema yet (app 0.12.2: charts 0.0.40 to 0.0.45) is not checked.
    if (matching.some((t) => t.span < 0)) return undefined;
    return releasesOf(
      matching.map((t) => t.span),
      tagsLabel(matching),
    );
  }
  // Older than the app release of the first chart with a schema: no schema to check against.
  return compareVersions(v, TAGS[0].app) < 0 ? undefined : every();
}

/**
 * Whether `helm install` refuses a key at a values path for a release (as the chart-schema rule would): what
 * completion must not offer. Only the last step is judged; a path the release does not declare is not refused.
 */
export function chartRefusesKey(path: string[], version: string | undefined, range?: [string, string]): boolean {
  const releases = chartReleasesFor(version, path[0] === 'openmetadata', range);
  if (!releases || !path.length) return false;
  return releases.spans.every((span) => {
    let node: ChartNode | undefined = chartTree;
    for (const step of path.slice(0, -1)) node = node && node.p?.[step] && declaredIn(node.p[step], true, span) ? node.p[step] : undefined;
    const last = node?.p?.[path[path.length - 1]];
    return Boolean(node) && closedIn(node!, span) && !(last && declaredIn(last, true, span));
  });
}

/** Every path the merged schema declares a name at, as key lists: where a misplaced key may belong. */
const placesOf = (() => {
  const index = new Map<string, { path: string[]; node: ChartNode }[]>();
  const visit = (node: ChartNode, path: string[]) => {
    for (const [name, child] of Object.entries(node.p ?? {})) {
      const at = [...path, name];
      index.set(name, [...(index.get(name) ?? []), { path: at, node: child }]);
      visit(child, at);
    }
    if (node.i) visit(node.i, [...path, '[]']);
  };
  visit(chartTree, []);
  return index;
})();

/** The places a name is declared at in any span of `releases`, outside lists, shallowest first. */
export function placesFor(name: string, releases: ChartReleases): { path: string[]; node: ChartNode }[] {
  const declaredAlong = (path: string[], span: number) => {
    let node: ChartNode = chartTree;
    for (const step of path) {
      node = node.p?.[step] as ChartNode;
      if (!node || !declaredIn(node, true, span)) return false;
    }
    return true;
  };
  return (placesOf.get(name) ?? [])
    .filter((p) => !p.path.includes('[]') && releases.spans.some((s) => declaredAlong(p.path, s)))
    .sort((a, b) => a.path.length - b.path.length);
}

/**
 * The JSON types the chart gives a values path in every span that declares it: what a write there must be. Undefined
 * when no span declares it or some span leaves its type open.
 */
export function chartTypesOf(path: string[]): Set<string> | undefined {
  const out = new Set<string>();
  for (let span = 0; span < SPANS; span++) {
    let node: ChartNode | undefined = chartTree;
    for (const step of path) node = node && node.p?.[step] && declaredIn(node.p[step], true, span) ? node.p[step] : undefined;
    if (!node || !path.length) continue;
    const types = typesIn(node, span);
    if (!types) return undefined;
    for (const t of types) out.add(t);
  }
  return out.size ? out : undefined;
}
