// Rules about Helm values themselves: keys the chart never reads (`global:`, `openmetadata.configuration`), its
// OIDC switch, and what its templates do to values (customParams quoted by some releases).
import { Paths } from '../../../../../common/protocol';
import { extraEnvChanges, setValues } from '../../edits';
import { deriveValues } from '../../derive';
import { factsOf, spanOf } from '../../facts';
import { compareVersions } from '../../schema';
import { topLevelNamed } from '../../sections';
import { didYouMean, lineEndOf, lineStartOf } from '../../text';
import { accepts, chartReleasesFor, chartsWith, chartTree, closedIn, declaredIn, enumIn, placesFor, typesIn } from '../../chartSchema';
import type { ChartNode, ChartReleases } from '../../chartSchema';
import type { ServiceSettings } from '../../validate';
import type { Fix, FixContext, FixProvider, Issue, Rule, Span, TextChange, ValueEntry, ValueKind, ValueNode } from '../../model';

/** The blocks the chart used to read from `global:`; anything else there may belong to other charts. */
const GLOBAL_AUTH_BLOCKS = new Set(['authentication', 'authorizer', 'jwtTokenConfiguration']);

const obsoleteGlobal: Rule = (model, settings) => {
  // Charts up to 1.0.x read `global.authentication`; chart 1.1.0 moved it to `openmetadata.config` (schemas/evidence.md).
  if (!factsOf(model, settings).atLeast('1.1')) return [];
  const out: Issue[] = [];
  for (const top of topLevelNamed(model, 'global')) {
    const children = top.children ?? [];
    const carried = children.filter((c) => c.name === 'authentication' || c.name === 'authorizer');
    if (!carried.length) continue;
    out.push({
      code: 'helm-obsolete-global',
      severity: 'error',
      span: top.span,
      message: `The chart no longer reads ${carried.map((c) => `\`global.${c.name}\``).join(' and ')}: these settings moved to \`openmetadata.config\`, and the chart's validation refuses the old layout, so this auth configuration never reaches OpenMetadata. Move the blocks under \`openmetadata:\` → \`config:\`.`,
      data: { children: children.map((c) => c.name) },
    });
  }
  return out;
};

/**
 * The lines of the block under a top-level key of the values (at `column`: 0 in a values file, the values' own column
 * in a manifest), and whether its value is written inline (`global: {…}`).
 */
function blockLines(text: string, key: Span, column: number): { contentStart: number; end: number; flow: boolean } {
  const keyLineEnd = lineEndOf(text, key.end);
  const flow = /^\s*:\s*[^\s#]/.test(text.slice(key.end, keyLineEnd));
  const contentStart = keyLineEnd === text.length ? keyLineEnd : keyLineEnd + 1;
  let end = keyLineEnd;
  for (let offset = contentStart; offset < text.length;) {
    const lineEnd = lineEndOf(text, offset);
    const line = text.slice(offset, lineEnd);
    if (line.trim() && !line.trimStart().startsWith('#')) {
      if (line.length - line.trimStart().length <= column) break;
      end = lineEnd;
    }
    offset = lineEnd + 1;
  }
  return { contentStart, end, flow };
}

/**
 * `global:` → `openmetadata:` + `config:`, re-indenting the block by two spaces. Offered only when it is plainly
 * safe: the block holds nothing but auth blocks, is a block mapping, and there is no `openmetadata:` to merge into.
 */
function moveGlobal(context: FixContext): Fix[] {
  const { text, model, start, end } = context;
  const globals = topLevelNamed(model, 'global');
  if (text.slice(start, end) !== 'global' || topLevelNamed(model, 'openmetadata').length || globals.length !== 1) return [];
  const children = globals[0].children ?? [];
  const column = start - (text.lastIndexOf('\n', start - 1) + 1);
  const block = blockLines(text, { start, end }, column);
  if (block.flow || !children.length || children.some((c) => !GLOBAL_AUTH_BLOCKS.has(c.name))) return [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const changes: TextChange[] = [{ start, end, newText: `openmetadata:${eol}${' '.repeat(column)}  config` }];
  for (let offset = block.contentStart; offset < block.end;) {
    const lineEnd = lineEndOf(text, offset);
    if (text.slice(offset, lineEnd).trim()) changes.push({ start: offset, end: offset, newText: '  ' });
    offset = lineEnd + 1;
  }
  return [{ title: 'Move the auth blocks under `openmetadata.config`', changes, preferred: true }];
}

/** `openmetadata.configuration` (issue helm-charts #229): a typo of `config` that the chart silently ignores. */
const configurationKey: Rule = (model) => {
  const out: Issue[] = [];
  for (const top of topLevelNamed(model, 'openmetadata')) {
    const children = top.children ?? [];
    const wrong = children.find((c) => c.name === 'configuration');
    if (!wrong) continue;
    const hasConfig = children.some((c) => c.name === 'config');
    out.push({
      code: 'unknown-key',
      severity: 'error',
      span: wrong.span,
      message: `The chart reads \`openmetadata.config\`, not \`openmetadata.configuration\`, so everything under this key is ignored and the chart's defaults (basic auth) apply. ${hasConfig ? 'Move these settings into `config`.' : 'Rename it to `config`.'}`,
      data: { key: 'configuration', parent: 'openmetadata', suggestion: hasConfig ? undefined : 'config' },
    });
  }
  return out;
};

const oidcNotEnabled: Rule = (model, settings) => {
  const facts = factsOf(model, settings);
  if (!facts.confidential || facts.oidcDelivered !== false) return [];
  const enabled = model.entries.get(Paths.oidcEnabled);
  const oidc = model.objects.get(Paths.oidc);
  const clientType = model.entries.get(Paths.clientType)!;
  return [
    {
      code: 'helm-oidc-not-enabled',
      severity: 'error',
      span: enabled ? spanOf(enabled) : oidc && oidc.keySpan.end > 0 ? oidc.keySpan : spanOf(clientType),
      message:
        'With `clientType: confidential` the chart renders the `OIDC_*` settings only when `oidcConfiguration.enabled` is `true`; without it the server gets no OIDC client and the Auth Code login fails (helm-charts #462). Set `oidcConfiguration.enabled: true`.',
      data: { path: Paths.oidcEnabled },
    },
  ];
};

/** Helm charts 1.3.2 to 1.6.3 pipe customParams through `| quote`, so OpenMetadata always receives a string. */
function chartQuotesCustomParams(settings: ServiceSettings, version: string): boolean {
  if (compareVersions(version, '1.3') < 0 || compareVersions(version, '1.6') > 0) return false;
  const raw = settings.openmetadataVersion?.trim() ?? '';
  return !(/^\d+\.\d+\.\d+/.test(raw) && (compareVersions(raw, '1.6.4') >= 0 || compareVersions(raw, '1.3.2') < 0));
}

const quotedCustomParams: Rule = (model, settings) => {
  const facts = factsOf(model, settings);
  if (!facts.oidcInUse || !chartQuotesCustomParams(settings, facts.version) || model.extraEnv.some((a) => a.name === 'OIDC_CUSTOM_PARAMS')) return [];
  const entry = model.entries.get(Paths.customParams);
  // In the chart's own values.yaml a missing customParams is missing when rendered: `quote` then gives nothing, not `""`.
  if (!entry && settings.vendoredChart) return [];
  const span = entry ? (entry.valueSpan ?? entry.keySpan) : model.objects.get(Paths.oidc)?.keySpan;
  if (!span) return [];
  return [
    {
      code: 'custom-params-empty',
      severity: 'error',
      span,
      message: `Helm charts 1.3.2 to 1.6.3 quote \`customParams\` into \`OIDC_CUSTOM_PARAMS\`, so OpenMetadata gets a string (\`""\` by default) that cannot bind to a map and the server does not start. Upgrade the chart to 1.6.4 or later, or override the variable with \`extraEnvs\` (\`OIDC_CUSTOM_PARAMS: "{}"\`).`,
      data: { path: Paths.customParams, helm: true },
    },
  ];
};

const customParamsFixes: FixProvider = ({ text, model, data }) => {
  if (!data.helm) return [];
  const changes = extraEnvChanges(text, model, [{ name: 'OIDC_CUSTOM_PARAMS', value: '{}' }]);
  return changes.length ? [{ title: 'Override `OIDC_CUSTOM_PARAMS` with `{}` in `extraEnvs`', changes, preferred: true }] : [];
};

export const helmFixes: Partial<Record<Issue['code'], FixProvider>> = {
  'helm-obsolete-global': moveGlobal,
  'helm-oidc-not-enabled': ({ text, model, settings }) => {
    // Once enabled the chart renders the discovery URI, which the server needs: fill it in when the file says it.
    const facts = factsOf(model, settings);
    const discovery = facts.effective(Paths.discoveryUri).state === 'blank' ? deriveValues(model, facts, [Paths.discoveryUri]) : [];
    const { changes } = setValues(text, model, [{ path: Paths.oidcEnabled, value: true }, ...discovery]);
    const title = discovery.length
      ? 'Set `oidcConfiguration.enabled: true` and the `discoveryUri` (derived from this file)'
      : 'Set `oidcConfiguration.enabled: true`';
    return changes.length ? [{ title, changes, preferred: true }] : [];
  },
  'custom-params-empty': customParamsFixes,
  'helm-chart-schema': (context) => chartSchemaFixes(context),
};

// ---- The chart's own values.schema.json, as `helm install` applies it (schemas/evidence.md p) ----

const KIND_WORDS: Record<ValueKind, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'a number',
  number: 'a number',
  boolean: 'a boolean',
  null: 'empty',
};
const TYPE_WORDS: Record<string, string> = { ...KIND_WORDS, integer: 'a whole number', null: 'null' };
const MAX_CHART_ISSUES = 100;

/** `openmetadata.config.web`, `ingress.hosts[0]`: a values path as a person reads it. */
const dotted = (path: (string | number)[]) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('') || 'the top level';
const keysOf = (path: (string | number)[]) => path.filter((p): p is string => typeof p === 'string');

interface ChartWalk {
  releases: ChartReleases;
  out: Issue[];
  pinned: boolean;
  /** Where `helm install` is named: "chart 1.6.4", "every chart release from 1.1.0 to 1.13.1". */
  who: string;
}

/**
 * Where a refused key belongs when the chart declares it elsewhere: a level up (`extraEnvs` is a top-level value), or
 * further down (SAML's `idp` belongs under `authentication.saml`), where the chart's type takes this value. Undefined
 * when nowhere, or when two places fit equally.
 */
function belongsAt(name: string, parent: string[], kind: ValueKind | undefined, releases: ChartReleases): string[] | undefined {
  const fits = placesFor(name, releases).filter((p) => {
    if (p.path.length === parent.length + 1 && p.path.every((s, i) => i === parent.length || s === parent[i])) return false;
    return !kind || kind === 'null' || releases.spans.some((s) => !typesIn(p.node, s) || accepts(typesIn(p.node, s)!, kind));
  });
  const up = fits.filter((p) => parent.length >= p.path.length - 1 && p.path.slice(0, -1).every((s, i) => s === parent[i]));
  // Down only from inside a block (SAML's `idp` under `openmetadata.config`): a top-level key is not some block's child.
  const down = parent.length ? fits.filter((p) => p.path.length > parent.length + 1 && parent.every((s, i) => s === p.path[i])) : [];
  const best = up.length ? up : down;
  if (!best.length || (best.length > 1 && best[0].path.length === best[1].path.length)) return undefined;
  return best[0].path;
}

function refusedKey(walk: ChartWalk, schema: ChartNode, entry: ValueEntry, path: (string | number)[], declared: boolean[]): void {
  const parent = keysOf(path);
  const target = belongsAt(entry.key, parent, entry.value.kind, walk.releases);
  const newest = walk.releases.spans[walk.releases.spans.length - 1];
  const allowed = Object.entries(schema.p ?? {})
    .filter(([, child]) => declaredIn(child, declared[declared.length - 1], newest))
    .map(([name]) => name);
  const where = path.length ? `in \`${dotted(path)}\`` : 'at the top level';
  let advice: string;
  if (target && target.length === 1) advice = `\`${entry.key}\` is a top-level value: move it out of \`${dotted(path)}:\`.`;
  else if (target) advice = `\`${entry.key}\` belongs under \`${dotted(target.slice(0, -1))}\`: move it there.`;
  else {
    const guess = didYouMean(entry.key, allowed);
    const list =
      allowed.length > 12
        ? `${allowed
            .slice(0, 12)
            .map((n) => `\`${n}\``)
            .join(', ')}, …`
        : allowed.map((n) => `\`${n}\``).join(', ');
    const elsewhere = chartsWith([...parent, entry.key]);
    advice = guess
      ? `Did you mean \`${guess}\`?`
      : elsewhere
        ? `The chart has it in ${elsewhere} only.`
        : allowed.length
          ? `It takes ${list}.`
          : 'It takes no keys of its own.';
  }
  walk.out.push({
    code: 'helm-chart-schema',
    severity: 'error',
    span: entry.keySpan,
    message: `\`helm install\` fails: the chart's values schema (${walk.who}) does not allow \`${entry.key}\` ${where}. ${advice}`,
    data: { path: dotted([...path, entry.key]), kind: 'key', ...(target && !walk.pinned ? { moveTo: target } : {}) },
  });
}

function walkValues(walk: ChartWalk, value: ValueNode, schema: ChartNode, declared: boolean[], path: (string | number)[]): void {
  if (walk.out.length >= MAX_CHART_ISSUES) return;
  const { spans } = walk.releases;
  const kind = value.kind;
  // Helm drops a key set to null before it validates: an empty value is never a type error.
  if (kind && kind !== 'null' && path.length) {
    const refusedType = spans.every((s, j) => declared[j] && Boolean(typesIn(schema, s)) && !accepts(typesIn(schema, s)!, kind));
    if (refusedType) {
      const expected = [...new Set(spans.flatMap((s, j) => (declared[j] ? (typesIn(schema, s) ?? []) : [])))];
      const quote = value.plain && (kind === 'integer' || kind === 'number') && expected.every((t) => t === 'string' || t === 'null') && !walk.pinned;
      walk.out.push({
        code: 'helm-chart-schema',
        severity: 'error',
        span: value.span,
        message: `\`helm install\` fails: the chart's values schema (${walk.who}) types \`${dotted(path)}\` as ${expected.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}, and this is ${KIND_WORDS[kind]}.${quote ? ` Quote it: \`"${value.text}"\`.` : ''}`,
        data: { path: dotted(path), kind: 'type', expected, ...(quote ? { quote: true } : {}) },
      });
      return;
    }
    if (kind === 'string' && value.text !== undefined && schema.e) {
      const refusedValue = spans.every((s, j) => declared[j] && enumIn(schema, s)?.includes(value.text!) === false);
      if (refusedValue) {
        const allowed = enumIn(schema, spans[spans.length - 1]) ?? [];
        walk.out.push({
          code: 'helm-chart-schema',
          severity: 'error',
          span: value.span,
          message: `\`helm install\` fails: the chart's values schema (${walk.who}) allows only ${allowed.map((v) => `\`${v}\``).join(', ')} for \`${dotted(path)}\`.`,
          data: { path: dotted(path), kind: 'enum', allowed },
        });
        return;
      }
    }
  }
  if (value.entries && !value.merges) {
    for (const entry of value.entries) {
      const child = schema.p?.[entry.key];
      const childDeclared = spans.map((s, j) => Boolean(child) && declaredIn(child!, declared[j], s));
      if (spans.every((s, j) => declared[j] && closedIn(schema, s) && !childDeclared[j])) refusedKey(walk, schema, entry, path, declared);
      else if (child && childDeclared.some(Boolean)) walkValues(walk, entry.value, child, childDeclared, [...path, entry.key]);
      if (walk.out.length >= MAX_CHART_ISSUES) return;
    }
  }
  if (value.items && schema.i) {
    const itemDeclared = spans.map((s, j) => declaredIn(schema.i!, declared[j], s));
    value.items.forEach((item, i) => walkValues(walk, item, schema.i!, itemDeclared, [...path, i]));
  }
}

/** What `helm install` refuses in these values, against the chart releases the file is for (chartSchema.ts). */
const chartSchemaRule: Rule = (model, settings) => {
  const values = model.values;
  if (!values?.entries) return [];
  const layout = values.entries.some((e) => e.key === 'openmetadata' && e.value.kind === 'object');
  const releases = chartReleasesFor(settings.openmetadataVersion, layout, settings.releaseRange);
  if (!releases) return [];
  const walk: ChartWalk = { releases, out: [], pinned: Boolean(model.host?.pinned), who: releases.label };
  walkValues(
    walk,
    values,
    chartTree,
    releases.spans.map(() => true),
    [],
  );
  return walk.out;
};

/** The entry whose key starts at `offset`, with the mappings from the root down to the one holding it. */
function entryAt(root: ValueNode, offset: number): { entry: ValueEntry; chain: ValueNode[] } | undefined {
  const visit = (node: ValueNode, chain: ValueNode[]): { entry: ValueEntry; chain: ValueNode[] } | undefined => {
    for (const e of node.entries ?? []) {
      if (e.keySpan.start === offset) return { entry: e, chain: [...chain, node] };
      if (e.value.span.start <= offset && offset <= e.value.span.end) {
        const found = visit(e.value, [...chain, node]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return visit(root, []);
}

/** The column of the key that starts at `offset`, when only indentation is before it on its line. */
function keyColumn(text: string, offset: number): number | undefined {
  const start = lineStartOf(text, offset);
  return /^ *$/.test(text.slice(start, offset)) ? offset - start : undefined;
}

/**
 * Moves a refused block where the chart reads it: its lines cut out and written, re-indented, at the end of the
 * deepest mapping of the target path that exists, with the missing keys before it. Offered only for block mappings
 * where nothing is there to merge with: the target key must not exist yet.
 */
function moveToTarget(context: FixContext): Fix[] {
  const { text, model, start } = context;
  const to = context.data.moveTo as string[] | undefined;
  if (!to?.length || !model.values || model.host?.pinned) return [];
  const found = entryAt(model.values, start);
  const column = keyColumn(text, start);
  if (!found || column === undefined || found.chain.some((n) => n.flow)) return [];
  const block = blockLines(text, found.entry.keySpan, column);
  const cutStart = lineStartOf(text, start);
  const cutEnd = block.end < text.length ? block.end + 1 : block.end;
  // The deepest existing mapping along the target path.
  let holder = model.values;
  let depth = 0;
  let holderColumn = -2;
  for (; depth < to.length - 1; depth++) {
    const next = holder.entries?.find((e) => e.key === to[depth]);
    if (!next) break;
    if (next.value.kind !== 'object' || next.value.flow || !next.value.entries) return [];
    const col = keyColumn(text, next.keySpan.start);
    if (col === undefined) return [];
    holder = next.value;
    holderColumn = col;
  }
  if (holder.entries?.some((e) => e.key === to[to.length - 1])) return [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const siblings = (holder.entries ?? []).filter((e) => e !== found.entry);
  const last = siblings[siblings.length - 1];
  let childColumn: number;
  let insertAt: number;
  if (holder === model.values) {
    childColumn = model.host?.top?.indent ?? 0;
    if (model.host && !model.host.top) return [];
    insertAt = model.host?.top?.insertAt ?? text.length;
  } else {
    const lastColumn = last ? keyColumn(text, last.keySpan.start) : undefined;
    if (!last || lastColumn === undefined) return [];
    childColumn = lastColumn;
    insertAt = blockLines(text, last.keySpan, lastColumn).end;
  }
  const step = holder === model.values ? 2 : Math.max(childColumn - holderColumn, 2);
  const lines: string[] = [];
  for (let d = depth; d < to.length - 1; d++) lines.push(`${' '.repeat(childColumn + (d - depth) * step)}${to[d]}:`);
  const targetColumn = childColumn + (to.length - 1 - depth) * step;
  const shift = targetColumn - column;
  const moved = text
    .slice(cutStart, block.end)
    .split(/\r?\n/)
    .map((line) => {
      if (!line.trim()) return line;
      const lead = line.length - line.trimStart().length;
      return shift >= 0 ? ' '.repeat(shift) + line : line.slice(Math.min(-shift, lead));
    });
  // The cut keeps line ends to itself; what is written starts on a line of its own.
  const written = [...lines, ...moved].join(eol);
  if (insertAt >= cutStart && insertAt <= cutEnd) {
    return [
      {
        title: `Move \`${found.entry.key}\` to \`${to.join('.')}\``,
        changes: [{ start: cutStart, end: cutEnd, newText: `${written}${eol}` }],
        preferred: true,
      },
    ];
  }
  const atLineEnd = insertAt === text.length ? (text.endsWith('\n') ? '' : eol) : '';
  const changes: TextChange[] =
    insertAt === text.length || text[insertAt] !== '\n'
      ? [{ start: insertAt, end: insertAt, newText: `${atLineEnd}${written}${insertAt === text.length ? eol : ''}` }]
      : [{ start: insertAt, end: insertAt, newText: `${eol}${written}` }];
  const all = [{ start: cutStart, end: cutEnd, newText: '' }, ...changes].sort((a, b) => a.start - b.start);
  return [{ title: `Move \`${found.entry.key}\` to \`${to.join('.')}\``, changes: all, preferred: true }];
}

const chartSchemaFixes: FixProvider = (context) => {
  const { text, start, end, data } = context;
  if (data.kind === 'type' && data.quote) {
    const raw = text.slice(start, end);
    return /^[-+0-9._eExXoObB]+$/.test(raw) ? [{ title: `Quote it: \`"${raw}"\``, changes: [{ start, end, newText: `"${raw}"` }], preferred: true }] : [];
  }
  return data.kind === 'key' ? moveToTarget(context) : [];
};

export const helmRules: Rule[] = [obsoleteGlobal, configurationKey, oidcNotEnabled, quotedCustomParams, chartSchemaRule];
