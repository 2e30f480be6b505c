#!/usr/bin/env node
// Writes schemas/helm-chart-schema.json: what `helm install` refuses in values, per release of the OpenMetadata chart.
//
//   node scripts/chart-schema.mjs <clone of the openmetadata-helm-charts repository> [output file]
//
// The chart ships `charts/openmetadata/values.schema.json` at some tags; Helm validates the values against it before
// rendering. This script reads that file at every `openmetadata-X.Y.Z` tag of the clone (with `git show`, so a bare
// clone works) and keeps only facts, never the schema's text: which objects are closed (`additionalProperties: false`)
// and the names they allow, the JSON type of each declared value, and the allowed values of an enum. Consecutive tags
// with the same facts form one span, and every fact carries the spans it holds in, so the whole history stays small.
// See schemas/evidence.md, section p.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [clone, output = join(fileURLToPath(new URL('..', import.meta.url)), 'schemas', 'helm-chart-schema.json')] = process.argv.slice(2);
if (!clone) {
  console.error('usage: node scripts/chart-schema.mjs <clone of the openmetadata-helm-charts repository> [output file]');
  process.exit(2);
}

const git = (...args) => execFileSync('git', ['-C', clone, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const show = (tag, path) => {
  try {
    return execFileSync('git', ['-C', clone, 'show', `${tag}:${path}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
};
const compare = (a, b) => {
  const [pa, pb] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
};

/** The facts of one schema node: closed, types, enum, and the same for its declared properties and its items. */
function facts(node) {
  const out = {};
  if (!node || typeof node !== 'object') return out;
  if (node.type !== undefined) out.types = [node.type].flat().sort();
  if (node.additionalProperties === false) out.closed = true;
  if (Array.isArray(node.enum)) out.enum = node.enum.map(String);
  if (node.properties && typeof node.properties === 'object') {
    out.props = {};
    for (const name of Object.keys(node.properties).sort()) out.props[name] = facts(node.properties[name]);
  }
  if (node.items && typeof node.items === 'object' && !Array.isArray(node.items)) out.items = facts(node.items);
  // Keywords the chart's schemas never use on values ($ref, oneOf, patternProperties...) would be lost silently here.
  for (const k of ['$ref', 'oneOf', 'anyOf', 'allOf', 'patternProperties', 'not', 'if']) if (k in node) throw new Error(`unexpected ${k} in a chart schema`);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') throw new Error('unexpected schema-valued additionalProperties');
  return out;
}

// Every chart tag, oldest first, with its appVersion and the facts of its schema (undefined when it ships none).
const tags = git('tag', '--list', 'openmetadata-*')
  .split('\n')
  .map((t) => t.trim())
  .filter((t) => /^openmetadata-\d+\.\d+\.\d+$/.test(t))
  .map((tag) => tag.slice('openmetadata-'.length))
  .sort(compare)
  .map((chart) => {
    const chartYaml = show(`openmetadata-${chart}`, 'charts/openmetadata/Chart.yaml') ?? '';
    const app = /^appVersion:[ \t]*["']?([\w.]+)/m.exec(chartYaml)?.[1] ?? '';
    const schema = show(`openmetadata-${chart}`, 'charts/openmetadata/values.schema.json');
    return { chart, app, facts: schema === undefined ? undefined : JSON.stringify(facts(JSON.parse(schema))) };
  });

// Spans: runs of consecutive tags with the same facts; a tag without a schema belongs to none.
const spans = [];
for (const t of tags) {
  if (t.facts === undefined) continue;
  const last = spans[spans.length - 1];
  const previous = tags[tags.indexOf(t) - 1];
  if (last && previous?.facts === t.facts && last.last === previous.chart) last.last = t.chart;
  else spans.push({ first: t.chart, last: t.chart, facts: t.facts });
  t.span = spans.length - 1;
}
const all = spans.map((_, i) => i);

/** Span indices as text: `0-3,7,9-` (`9-` runs to the last span). */
function ranges(indices) {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const parts = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    const [a, b] = [sorted[i], sorted[j]];
    parts.push(b === spans.length - 1 && b > a ? `${a}-` : a === b ? `${a}` : `${a}-${b}`);
    i = j + 1;
  }
  return parts.join(',');
}
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Merges the facts of one node over the spans it is declared in: `in` is omitted where it equals the parent's. */
function merge(nodes, parentIn) {
  const present = nodes.map((n, i) => (n ? i : -1)).filter((i) => i >= 0);
  const out = {};
  if (!same(present, parentIn)) out.in = ranges(present);
  const typed = new Map();
  for (const i of present) if (nodes[i].types) typed.set(nodes[i].types.join('|'), [...(typed.get(nodes[i].types.join('|')) ?? []), i]);
  if (typed.size === 1 && same([...typed.values()][0], present)) out.t = [...typed.keys()][0];
  else if (typed.size) out.t = Object.fromEntries([...typed].map(([t, at]) => [t, ranges(at)]));
  const closed = present.filter((i) => nodes[i].closed);
  if (closed.length) out.c = same(closed, present) ? 1 : ranges(closed);
  const enums = present.filter((i) => nodes[i].enum);
  if (enums.length) {
    const values = new Map();
    for (const i of enums) for (const v of nodes[i].enum) values.set(v, [...(values.get(v) ?? []), i]);
    out.e = { '': same(enums, present) ? '' : ranges(enums) };
    for (const [v, at] of values) out.e[v] = same(at, enums) ? '' : ranges(at);
  }
  const names = [...new Set(present.flatMap((i) => Object.keys(nodes[i].props ?? {})))].sort();
  if (names.length) {
    out.p = {};
    for (const name of names)
      out.p[name] = merge(
        nodes.map((n) => n?.props?.[name]),
        present,
      );
  }
  if (present.some((i) => nodes[i].items))
    out.i = merge(
      nodes.map((n) => n?.items),
      present,
    );
  return out;
}

const tree = merge(
  spans.map((s) => JSON.parse(s.facts)),
  all,
);
const data = {
  $comment:
    'Generated by scripts/chart-schema.mjs from the values.schema.json of every openmetadata chart tag: facts only (closed objects and their names, types, enums). Do not edit; see schemas/evidence.md section p.',
  spans: spans.map((s) => [s.first, s.last]),
  // Every chart tag from the first with a schema's app release on: [chart, appVersion] where they differ, else chart.
  tags: tags.filter((t) => compare(t.app || '0', tags.find((x) => x.facts)?.app ?? '0') >= 0).map((t) => (t.app === t.chart ? t.chart : [t.chart, t.app])),
  tree,
};
writeFileSync(output, `${JSON.stringify(data)}\n`);
console.log(
  `${output}: ${spans.length} spans over ${tags.filter((t) => t.facts).length} tags with a schema (first ${spans[0]?.first}), ${JSON.stringify(data).length} bytes`,
);
