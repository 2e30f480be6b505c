// A Helm release given several values files (`helm install -f values.yaml -f values-prod.yaml`): Helm merges them
// key by key, a later file winning, mappings merged and anything else (lists included) replaced. The chart's own
// defaults are under them all, which the Helm profile already supplies for what no file sets. The server's rules run
// on the merged values, each finding placed in the file that wrote the value.
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node, Pair } from 'yaml';
import { checkText } from '../check';
import type { NeighbourText } from '../check';
import type { Issue, ServiceSettings, Span } from '../model';
import type { DeploymentFile, DeploymentIssue, EffectiveVariable, Place } from './compose-deployment';

export interface HelmDeploymentInput {
  name: string;
  /** In the order `-f` gives them: a later one wins. */
  layers: DeploymentFile[];
}

export interface HelmDeploymentResult {
  name: string;
  variables: EffectiveVariable[];
  issues: DeploymentIssue[];
}

/** A value of the merged tree and the file, key and value it was last written at. */
interface Merged {
  key: string;
  file: DeploymentFile;
  keySpan: Span;
  valueSpan: Span;
  /** A mapping: its children by key, in the order first written. */
  children?: Map<string, Merged>;
  /** Anything else: the text as written (a scalar, a list, a flow mapping), rendered again as it is. */
  text?: string;
  /** Earlier files' writes of this key that a later file replaced (for `layer-overrides`). */
  replaced?: { file: DeploymentFile; valueSpan: Span; text: string }[];
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length - 1;
const place = (file: DeploymentFile, span: Span): Place => ({ uri: file.uri, label: file.label, span, line: lineOf(file.text, span.start) });

/** Values under these keys are what the chart turns into the server's auth settings and its release. */
const AUTH_ROOTS = ['authentication', 'authorizer', 'jwtTokenConfiguration'];

function mergeInto(target: Map<string, Merged>, node: unknown, file: DeploymentFile): void {
  if (!isMap(node)) return;
  for (const pair of node.items as Pair[]) {
    if (!isScalar(pair.key) || !pair.key.range) continue;
    const key = String(pair.key.value);
    const keySpan = { start: pair.key.range[0], end: pair.key.range[1] };
    const value = pair.value as Node | null;
    const valueSpan = value?.range ? { start: value.range[0], end: value.range[1] } : { start: keySpan.end, end: keySpan.end };
    const before = target.get(key);
    if (isMap(value) && !value.flow) {
      const children = before?.children ?? new Map<string, Merged>();
      mergeInto(children, value, file);
      target.set(key, { key, file, keySpan, valueSpan, children });
      continue;
    }
    const text = value?.range ? file.text.slice(value.range[0], value.range[1]) : '';
    const replaced =
      before && before.text !== undefined && before.text.trim() !== text.trim()
        ? [...(before.replaced ?? []), { file: before.file, valueSpan: before.valueSpan, text: before.text }]
        : before?.replaced;
    target.set(key, { key, file, keySpan, valueSpan, text: isSeq(value) && !value.flow ? flowList(value, file.text) : text, replaced });
  }
}

/** A block list as one line (`[a, b]`), so the rendered values keep one line per value. */
function flowList(node: Node, text: string): string {
  if (!isSeq(node)) return '';
  return `[${node.items.map((i) => (i && (i as Node).range ? text.slice((i as Node).range![0], (i as Node).range![1]) : 'null')).join(', ')}]`;
}

interface Rendered {
  text: string;
  /** Where each written value sits in the rendered text, and where it was written. */
  spots: { key: Span; value: Span; merged: Merged; path: string }[];
}

/** The merged values as one YAML text, a value per line, with the place each came from. */
function render(root: Map<string, Merged>): Rendered {
  const lines: string[] = [];
  const spots: Rendered['spots'] = [];
  let offset = 0;
  const walk = (children: Map<string, Merged>, depth: number, path: string) => {
    for (const m of children.values()) {
      const pad = '  '.repeat(depth);
      const key = /^[\w.-]+$/.test(m.key) ? m.key : JSON.stringify(m.key);
      const here = path ? `${path}.${m.key}` : m.key;
      if (m.children) {
        const line = `${pad}${key}:`;
        spots.push({
          key: { start: offset + pad.length, end: offset + pad.length + key.length },
          value: { start: offset + line.length, end: offset + line.length },
          merged: m,
          path: here,
        });
        lines.push(line);
        offset += line.length + 1;
        walk(m.children, depth + 1, here);
        continue;
      }
      // Multi-line text (a block scalar, a flow mapping over lines) goes as a JSON string of itself: rare in auth values.
      const value = m.text!.includes('\n') ? JSON.stringify(m.text) : m.text!;
      const line = `${pad}${key}: ${value}`;
      const start = offset + pad.length + key.length + 2;
      spots.push({
        key: { start: offset + pad.length, end: offset + pad.length + key.length },
        value: { start, end: start + value.length },
        merged: m,
        path: here,
      });
      lines.push(line);
      offset += line.length + 1;
    }
  };
  walk(root, 0, '');
  return { text: lines.join('\n') + '\n', spots };
}

/** Codes about how one file is written, which its own check says. */
const FILE_ONLY = new Set<Issue['code']>([
  'yaml-syntax',
  'duplicate-key',
  'unknown-key',
  'file-skipped',
  'plaintext-secret',
  'placeholder-left',
  'malformed-value',
  'legacy-setting',
  'db-config-overrides-yaml',
  'helm-chart-schema',
  'helm-obsolete-global',
]);

const severityOf = (severity: number | undefined): Issue['severity'] =>
  severity === 1 ? 'error' : severity === 2 ? 'warning' : severity === 3 ? 'information' : 'hint';

/** The merged values of a release, the rules on them, and where a later layer replaced an auth value of an earlier one. */
export function checkHelmDeployment(input: HelmDeploymentInput, settings: ServiceSettings, neighbours: NeighbourText[] = []): HelmDeploymentResult {
  const root = new Map<string, Merged>();
  for (const file of input.layers) {
    let doc;
    try {
      doc = parseDocument(file.text, { uniqueKeys: false, strict: false });
    } catch {
      continue;
    }
    mergeInto(root, doc.contents, file);
  }
  const rendered = render(root);
  const issues: DeploymentIssue[] = [];
  const variables: EffectiveVariable[] = [];
  const config = root.get('openmetadata')?.children?.get('config')?.children;
  for (const spot of rendered.spots) {
    const m = spot.merged;
    const auth = AUTH_ROOTS.some((r) => spot.path.startsWith(`openmetadata.config.${r}.`));
    if (!auth || m.children) continue;
    const secret = /secret|password/i.test(spot.path) && !/secretRef|secretKey/.test(spot.path);
    variables.push({ name: spot.path, value: unquote(m.text!), secret, origin: place(m.file, m.valueSpan), named: place(m.file, m.keySpan) });
    for (const earlier of m.replaced ?? [])
      issues.push({
        code: 'layer-overrides',
        severity: 'information',
        uri: m.file.uri,
        span: m.valueSpan,
        message: `This file replaces \`${spot.path.slice('openmetadata.config.'.length)}\` that ${earlier.file.label}:${lineOf(earlier.file.text, earlier.valueSpan.start) + 1} sets${secret ? '' : ` (\`${earlier.text.trim()}\`)`}: Helm uses this value for the release.`,
        data: { key: spot.path },
        related: [{ place: place(earlier.file, earlier.valueSpan), message: 'the value this file replaces' }],
      });
  }
  if (!config) return { name: input.name, variables, issues };

  const last = input.layers[input.layers.length - 1];
  const checked = checkText({ uri: last.uri, text: rendered.text, settings, neighbours });
  const ownOfLayer = new Map<string, Set<string>>();
  for (const layer of input.layers) {
    const alone = checkText({ uri: layer.uri, text: layer.text, settings, neighbours });
    ownOfLayer.set(layer.uri, new Set(alone.diagnostics.map((d) => `${String(d.code)}@${alone.check.document.offsetAt(d.range.start)}`)));
  }
  for (const d of checked.diagnostics) {
    const code = String(d.code) as Issue['code'];
    if (FILE_ONLY.has(code)) continue;
    const start = checked.check.document.offsetAt(d.range.start);
    const end = checked.check.document.offsetAt(d.range.end);
    // The innermost value or key the finding is on; a finding about the whole file goes on the last layer's top key.
    const spot = [...rendered.spots].reverse().find((s) => (start >= s.value.start && start <= s.value.end) || (start >= s.key.start && start < s.key.end));
    const m = spot?.merged ?? root.values().next().value;
    if (!m) continue;
    const onKey = !spot || start < spot.value.start;
    let span = onKey ? m.keySpan : m.valueSpan;
    // Inside a value written the same way in its file, the finding keeps its characters (one URL of a list).
    if (spot && !onKey && m.text !== undefined && m.file.text.slice(m.valueSpan.start, m.valueSpan.end) === m.text && end <= spot.value.end)
      span = { start: m.valueSpan.start + (start - spot.value.start), end: m.valueSpan.start + (end - spot.value.start) };
    // A file that shows it alone already says so.
    if (ownOfLayer.get(m.file.uri)?.has(`${code}@${span.start}`)) continue;
    const related = input.layers
      .filter((l) => l !== m.file)
      .map((l) => ({ place: place(l, { start: 0, end: 0 }), message: 'another values file of this release' }));
    issues.push({ code, severity: severityOf(d.severity), uri: m.file.uri, span, message: d.message, data: { deployment: input.name }, related });
  }
  return { name: input.name, variables, issues };
}

function unquote(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t.endsWith(t[0])) return t.slice(1, -1);
  return t;
}
