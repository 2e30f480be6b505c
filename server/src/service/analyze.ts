// Text → file shape + canonical model: the one entry point that parses, guards against bad input and picks the adapter.
import { isMap, isScalar } from 'yaml';
import { parseYaml } from './yamlParse';
import type { Document, YAMLMap } from 'yaml';
import { schemaIndex } from './schema';
import type { BlockChild, ConfigModel, Issue, ModelEntry, ObjectEntry, Shape, Span, TopLevelKey, ValueNode } from './model';
import { copyValues, eachValueSpan, readValues } from './surfaces/chartValues';
import { chartTree } from './chartSchema';
import { readMounts, mapAt } from './surfaces/yamlTree';
import type { Mount } from './surfaces/yamlTree';
import { holdsChartAuth, hostedValues } from './shapes/helm/manifests';
import type { HostedValues } from './shapes/helm/manifests';
import { looksLikeOpenMetadataEnv, readDotenv, readExtraEnvs, readYamlEnv, variableNamesIn } from './shapes/env/read';
import { attachLists } from './surfaces/lists';
import { emptyModel, profileOf } from './shapes/index';
import { authSections, authSectionsAfterEdit, detached, keyAt, sectionsAfterEdit, topLevelKeys, topLevelSections } from './sections';
import type { SectionIndex } from './sections';
import { ENV_LARGE, PARSE_CAP, parseLimitIssue } from './limits';
import { readableText } from './text';

/** Above this size the whole-file syntax check is skipped too: only the auth sections are read at all. */
export const LARGE_FILE = 2_000_000;
/**
 * The largest YAML file read at all. Past it a file gets one note, found from its first lines: even a line scan of
 * 30 MB costs a keystroke more than 200 ms, and no real config comes near (the largest seen is 29 KB).
 */
export const HUGE_FILE = 5_000_000;

const SERVER_ROOTS = ['authenticationConfiguration', 'authorizerConfiguration', 'jwtTokenConfiguration'];
const root = (key: string) => schemaIndex.schema.roots.find((r) => r.key === key)!;

/** The last segment of a URI, decoded; a malformed escape (`100%.yaml`, which clients send as is) is kept as written. */
export function fileNameOf(uri: string): string {
  const raw = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Whether a file name is a dotenv file (`.env`, `.env.local`, `openmetadata.env`). */
export function isDotenvName(uri: string): boolean {
  const base = fileNameOf(uri);
  return base === '.env' || base.startsWith('.env.') || base.endsWith('.env');
}

/** The mounts of a shape in one document, or in the values a manifest holds: where each schema root sits. */
function mountsFor(shape: Shape, doc: Document | YAMLMap): Mount[] {
  if (shape === 'server') return SERVER_ROOTS.map((key) => ({ yamlPath: [key], root: root(key), naming: 'server' as const }));
  if (shape === 'workflow') return [{ yamlPath: ['workflowConfig'], root: root('workflowConfig'), naming: 'server' }];
  if (shape !== 'helm') return [];
  // `openmetadata.configuration` and `global` are wrong or obsolete homes; they are read too so every rule still applies.
  const bases = [['openmetadata', 'config'], ['openmetadata', 'configuration'], ['global']].filter((b) => mapAt(doc, b));
  return bases.flatMap((base) => SERVER_ROOTS.map((key) => ({ yamlPath: [...base, root(key).helm ?? key], root: root(key), naming: 'helm' as const })));
}

function topLevelNames(doc: Document): string[] {
  return isMap(doc.contents) ? doc.contents.items.flatMap((p) => (isScalar(p.key) ? [String(p.key.value)] : [])) : [];
}

/** The shape a YAML stream's top-level keys name: a server config, a workflow, Helm values; null for none of them. */
function namedShape(docs: Document[]): Shape | null {
  const names = new Set(docs.flatMap(topLevelNames));
  if (SERVER_ROOTS.some((k) => names.has(k))) return 'server';
  if (names.has('workflowConfig')) return 'workflow';
  return docs.some((doc) => holdsChartAuth(doc)) ? 'helm' : null;
}

/** Whether a YAML stream sets OpenMetadata's variables in env blocks (compose, Kubernetes). */
function envShape(docs: Document[], text: string): Shape | null {
  const probe = emptyModel('env');
  for (const doc of docs) readYamlEnv(doc, text, probe);
  return looksLikeOpenMetadataEnv(probe.env.map((a) => a.name)) ? 'env' : null;
}

/** Every model of an analysis: one per field of Helm values in a manifest, else the file's one. */
export function modelsOf(analysis: Analysis): ConfigModel[] {
  return analysis.parts ?? [analysis.model];
}

/**
 * The model an offset is about: the values whose lines hold it in a manifest (none when it is elsewhere in the
 * manifest), else the file's one.
 */
export function modelAt(analysis: Analysis, offset: number): ConfigModel | undefined {
  if (!analysis.parts) return analysis.model;
  return analysis.parts.find((m) => m.host && m.host.region.start <= offset && offset <= m.host.region.end);
}

export interface Analysis {
  /** Null when the file is not an OpenMetadata config: then nothing is reported and nothing is offered. */
  shape: Shape | null;
  model: ConfigModel;
  /** The auth sections, when the file was read section by section; `syntaxIssues` checks the rest. */
  blocks?: Span[];
  /** How many of `blocks`, from the first, were read: the others are past the budget of one analysis. */
  blocksRead?: number;
  /** What the next version of the same document reuses: this version's text and each section's reading. */
  reuse?: {
    text: string;
    readings: Map<string, Reading>;
    values?: Map<string, { at: number; node: ValueNode | undefined }>;
    /** Every top-level section, once asked for (`sectionIndex`). */
    sections?: SectionIndex;
    /** The previous version's text and sections, as long as this version's are not found from them. */
    before?: { text: string; sections?: SectionIndex; release?: unknown[] };
    /** What release.ts found in each of `sections`, by index: its own type, which this module does not know. */
    release?: unknown[];
  };
  /** The file is past every limit and was not read: nothing is offered in it, so no request maps its positions. */
  unread?: true;
  /**
   * A manifest that holds Helm values (an Argo CD Application, a Flux HelmRelease, a kustomization): one model per
   * field of values, each checked on its own; `model` is the first. Undefined for every other file.
   */
  parts?: ConfigModel[];
}

/** A section's analysis, with the offset its spans were computed for. */
interface Reading {
  at: number;
  analysis: Analysis;
}

const info = (span: Span, message: string, kind: string): Issue => ({ code: 'file-skipped', severity: 'information', span, message, data: { kind } });

/**
 * Reads a document of any shape. Never throws on user input: bad input becomes an issue. `previous`, the analysis
 * of the document's last version, lets a keystroke re-read only the section it changed.
 */
export function analyze(uri: string, given: string, previous?: Analysis): Analysis {
  const text = readableText(given);
  if (text.includes('\u0000')) {
    const model = emptyModel('server');
    if (isDotenvName(uri) || /\.ya?ml$/i.test(uri))
      model.issues.push(info({ start: 0, end: 0 }, 'This file holds binary content, so OpenMetadata Auth does not check it.', 'binary'));
    return { shape: model.issues.length ? 'server' : null, model };
  }
  let analysis: Analysis;
  if (isDotenvName(uri)) {
    const model = emptyModel('env');
    // A dotenv file has no sections to read alone: past this size even reading its lines costs a keystroke too much.
    if (text.length > LARGE_FILE) {
      // Its first lines say whose it is: a regular expression over all 30 MB of another application's file would not.
      if (!looksLikeOpenMetadataEnv(variableNamesIn(text.slice(0, PARSE_CAP)))) return { shape: null, model };
      model.issues.push(
        info(
          { start: 0, end: 0 },
          `This file is too large to check (${(text.length / 1e6).toFixed(1)} MB; the limit for env files is ${LARGE_FILE / 1e6} MB).`,
          'too-large',
        ),
      );
      return { shape: 'env', model, unread: true };
    }
    const large = text.length > ENV_LARGE;
    readDotenv(text, model, large);
    analysis = { shape: looksLikeOpenMetadataEnv(model.env.map((a) => a.name)) ? 'env' : null, model };
    if (large && analysis.shape)
      model.issues.push(
        info(
          { start: 0, end: 0 },
          `This file is large (${Math.round(text.length / 1024)} KB): only variables named like OpenMetadata's are checked, without looking for typos in the others.`,
          'large',
        ),
      );
  } else if (text.length > HUGE_FILE) return unreadYaml(text);
  else analysis = analyzeBlocks(text, previous) ?? analyzeYaml(text);
  // Pinned values were given their lists from their own text before their spans were pinned.
  if (analysis.shape) for (const model of modelsOf(analysis)) if (!model.host?.pinned) attachLists(text, model);
  return analysis;
}

/** The shape top-level keys name when the text is not parsed: a server root, `workflowConfig`, or the chart's homes. */
function shapeNamedBy(keys: string[]): Shape | null {
  if (keys.some((k) => SERVER_ROOTS.includes(k))) return 'server';
  if (keys.includes('workflowConfig')) return 'workflow';
  return keys.includes('openmetadata') || keys.includes('global') ? 'helm' : null;
}

/** A YAML file past HUGE_FILE: its shape from the top-level keys of its first PARSE_CAP characters, and one note. */
function unreadYaml(text: string): Analysis {
  const shape = shapeNamedBy(topLevelKeys(text.slice(0, PARSE_CAP)).map((k) => k.name));
  const model = emptyModel(shape ?? 'server');
  if (!shape) return { shape: null, model };
  model.issues.push(
    info({ start: 0, end: 0 }, `This file is too large to check (${(text.length / 1e6).toFixed(1)} MB; the limit is ${HUGE_FILE / 1e6} MB).`, 'too-large'),
  );
  return { shape, model, unread: true };
}

/** The keys of a top-level block mapping, with their extent, as the parser read them. */
function childrenOf(value: unknown): BlockChild[] | undefined {
  if (!isMap(value)) return undefined;
  return value.items.flatMap((p) => {
    if (!isScalar(p.key) || !p.key.range) return [];
    const v = p.value as { range?: [number, number, number] } | null;
    return [
      {
        name: String(p.key.value),
        span: { start: p.key.range[0], end: p.key.range[1] },
        extent: { start: p.key.range[0], end: v?.range ? v.range[1] : p.key.range[1] },
      },
    ];
  });
}

/** The top-level keys of a document, or of the values a manifest holds. */
function topLevelOf(values: unknown): TopLevelKey[] {
  if (!isMap(values)) return [];
  return values.items.flatMap((p) =>
    isScalar(p.key) && p.key.range ? [{ name: String(p.key.value), span: { start: p.key.range[0], end: p.key.range[1] }, children: childrenOf(p.value) }] : [],
  );
}

/** A YAML parser error as an issue. */
export function yamlIssue(error: { code: string; message: string; pos: [number, number] }): Issue {
  const [start, end] = error.pos;
  const duplicate = error.code === 'DUPLICATE_KEY';
  return {
    code: duplicate ? 'duplicate-key' : 'yaml-syntax',
    severity: 'error',
    span: { start, end: Math.max(end, start + 1) },
    message: duplicate
      ? 'This key appears twice in the same mapping; YAML and OpenMetadata refuse duplicate keys.'
      : `YAML syntax: ${error.message.split('\n')[0]}`,
    data: { yamlCode: error.code },
  };
}

/** `key:"value"` breaks the YAML on its line; malformed-value says why and how to fix it, so the parser's error goes. */
function dropExplainedSyntax(text: string, model: ConfigModel): void {
  const lineOf = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  const explained = new Set(model.issues.filter((i) => i.data?.kind === 'missing-space').map((i) => lineOf(i.span.start)));
  if (!explained.size) return;
  const kept = model.issues.filter((i) => i.code !== 'yaml-syntax' || !explained.has(lineOf(i.span.start)));
  model.issues.splice(0, model.issues.length, ...kept);
}

function analyzeYaml(text: string): Analysis {
  const limit = parseLimitIssue(text);
  if (limit) return unparsed(text, limit);
  let docs: Document[];
  try {
    docs = parseYaml(text);
  } catch (error) {
    // The parser recurses on nesting; absurdly deep input ends here instead of killing the server.
    const model = emptyModel('server');
    model.issues.push(
      info(
        { start: 0, end: 0 },
        `This file could not be read as YAML (${(error as Error).name}); it is too deeply nested or too large to check.`,
        'parser-failure',
      ),
    );
    return { shape: 'server', model };
  }
  let shape = namedShape(docs);
  if (!shape) {
    // Values inside a manifest come before an env probe: a HelmRelease's values may hold an `env:` list of their own.
    const hosted = hostedValues(docs, text);
    if (hosted.length) return analyzeHosted(text, docs, hosted);
    shape = envShape(docs, text);
  }
  const model = emptyModel(shape ?? 'server');
  // Read even for a section that carries no auth settings itself: the rules of its neighbours look at its keys.
  for (const doc of docs) {
    model.topLevel.push(...topLevelOf(doc.contents));
    readExtraEnvs(doc.contents, model);
  }
  if (!shape) return { shape: null, model };
  for (const doc of docs) {
    for (const error of doc.errors) model.issues.push(yamlIssue(error));
    if (shape === 'env') readYamlEnv(doc, text, model);
    else readMounts(doc, text, mountsFor(shape, doc), model);
  }
  // Helm reads the first document of a values file; one it cannot parse is judged by its syntax errors alone.
  if (shape === 'helm' && docs[0] && !docs[0].errors.length) model.values = readValues(docs[0].contents, text);
  dropExplainedSyntax(text, model);
  return { shape, model };
}

/**
 * A manifest that holds Helm values: each field of values read as a values file of its own. The manifest's own syntax
 * errors go with the values whose lines they are on, else with the first.
 */
function analyzeHosted(text: string, docs: Document[], hosted: HostedValues[]): Analysis {
  const parts = hosted.map(readHosted);
  const analysis: Analysis = { shape: 'helm', model: parts[0], parts };
  for (const doc of docs) for (const error of doc.errors) (modelAt(analysis, error.pos[0]) ?? parts[0]).issues.push(yamlIssue(error));
  for (const part of parts) if (!part.host?.pinned) dropExplainedSyntax(text, part);
  return analysis;
}

function readHosted({ host, map, text, errors }: HostedValues): ConfigModel {
  const model = emptyModel('helm');
  model.host = host;
  model.topLevel.push(...topLevelOf(map));
  readExtraEnvs(map, model);
  for (const error of errors) model.issues.push(yamlIssue(error));
  readMounts(map, text, mountsFor('helm', map), model);
  if (!errors.length) model.values = readValues(map, text);
  if (host.pinned) {
    attachLists(text, model);
    pin(model, host.region);
  }
  return model;
}

/**
 * Points every span of a model read from a decoded string at the scalar that holds it: the string's offsets do not
 * map back into the file, so a diagnostic goes on the whole scalar and no edit is offered (the host is pinned).
 */
function pin(model: ConfigModel, scalar: Span): void {
  const set = (s: Span) => {
    s.start = scalar.start;
    s.end = scalar.end;
  };
  for (const e of model.entries.values()) {
    set(e.keySpan);
    set(e.lineSpan);
    if (e.valueSpan) set(e.valueSpan);
    e.textStart = scalar.start;
    for (const i of e.items ?? []) set(i.span);
    if (e.list) {
      for (const i of e.list.items) {
        set(i.span);
        set(i.whole);
      }
      e.list.append = undefined;
    }
  }
  for (const o of model.objects.values()) {
    set(o.keySpan);
    o.insertAt = scalar.end;
  }
  for (const i of model.issues) set(i.span);
  if (model.base) model.base.insertAt = scalar.end;
  for (const t of model.topLevel) {
    set(t.span);
    for (const c of t.children ?? []) {
      set(c.span);
      set(c.extent);
    }
  }
  for (const a of model.extraEnv) set(a.nameSpan);
  if (model.values) eachValueSpan(model.values, set);
}

/**
 * A text too large or too deeply nested to parse: its one note, in the shape its first key names, or as env settings
 * when the names in it are OpenMetadata's; nothing for YAML that shows no sign of being an OpenMetadata config.
 */
function unparsed(text: string, issue: Issue): Analysis {
  let shape = shapeNamedBy([keyAt(text, 0) ?? '']);
  if (!shape && looksLikeOpenMetadataEnv(variableNamesIn(text))) shape = 'env';
  const model = emptyModel(shape ?? 'server');
  if (shape) model.issues.push(issue);
  return { shape, model };
}

/**
 * Reads only the top-level sections that carry auth settings, found by a line scan: a 20,000-line config costs
 * about as much as its auth sections. With `previous`, only the lines an edit touched are scanned and a section whose
 * text is unchanged is not parsed again.
 * Null when the scan finds none (indented snippets, compose files).
 */
function analyzeBlocks(text: string, previous: Analysis | undefined): Analysis | null {
  const blocks = previous?.blocks && previous.reuse ? authSectionsAfterEdit(previous.reuse.text, previous.blocks, text) : authSections(text);
  if (!blocks.length) return null;
  const merged = emptyModel('server');
  const readings = new Map<string, Reading>();
  const parsedTops = new Map<number, TopLevelKey>();
  const sectionModels = new Map<number, ConfigModel>();
  let shape: Shape | null = null;
  let spent = 0;
  let blocksRead = blocks.length;
  for (const [index, block] of blocks.entries()) {
    // A section past the cap is not parsed, so its note is cheaper to make again than to look up by its text.
    const oversized = block.end - block.start > PARSE_CAP;
    spent += oversized ? PARSE_CAP : block.end - block.start;
    if (spent > SECTIONS_BUDGET && index > 0) {
      blocksRead = index;
      break;
    }
    const source = text.slice(block.start, block.end);
    let reading = oversized ? undefined : (previous?.reuse?.readings.get(source) ?? readings.get(source));
    if (!reading) {
      const fresh = analyzeYaml(oversized ? source : detached(source));
      reading = { at: block.start, analysis: { ...fresh, model: move(fresh.model, block.start) } };
    } else if (reading.at !== block.start) {
      reading = { at: block.start, analysis: { ...reading.analysis, model: move(copyOf(reading.analysis.model), block.start - reading.at) } };
    }
    if (!oversized) readings.set(source, reading);
    const read = reading.analysis;
    sectionModels.set(block.start, read.model);
    for (const top of read.model.topLevel) parsedTops.set(top.span.start, top);
    merged.extraEnv.push(...read.model.extraEnv);
    if (!read.shape) continue;
    if (shape && shape !== read.shape) continue; // one shape per file; the first section decides
    shape = read.shape;
    merged.shape = read.shape;
    merged.profile = profileOf(read.shape);
    const part = read.model;
    for (const [k, v] of part.entries) merged.entries.set(k, v);
    for (const [k, v] of part.objects) merged.objects.set(k, v);
    merged.issues.push(...part.issues);
    merged.base ??= part.base;
  }
  // Only the rules need every top-level key; completion and hover on a keystroke do not pay for the scan. The keys of
  // the sections that were parsed come with their children.
  let keys: TopLevelKey[] | undefined;
  Object.defineProperty(merged, 'topLevel', { get: () => (keys ??= topLevelKeys(text).map((k) => parsedTops.get(k.span.start) ?? k)), enumerable: true });
  merged.sectionKeys = blocks.map((b) => {
    const name = keyAt(text, b.start) ?? '';
    return parsedTops.get(b.start) ?? { name, span: { start: b.start, end: b.start + name.length } };
  });
  if (!shape) return null;
  if (blocksRead < blocks.length) merged.issues.push(overBudget(blocks, blocksRead));
  const before = previous?.reuse && { text: previous.reuse.text, sections: previous.reuse.sections, release: previous.reuse.release };
  const reuse: NonNullable<Analysis['reuse']> = { text, readings, values: new Map(), ...(before ? { before } : {}) };
  const analysis: Analysis = { shape, model: merged, blocks, ...(blocksRead < blocks.length ? { blocksRead } : {}), reuse };
  if (shape === 'helm') {
    let values: ValueNode | undefined | null = null;
    Object.defineProperty(merged, 'values', {
      get: () => (values ??= valuesBySection(text, sectionIndex(analysis).sections, sectionModels, reuse.values!, previous?.reuse?.values)),
      enumerable: true,
    });
  }
  if (text.length > LARGE_FILE)
    merged.issues.push(info({ start: 0, end: 0 }, `This file is large (${(text.length / 1e6).toFixed(1)} MB): only its auth sections are checked.`, 'large'));
  return analysis;
}

/**
 * The top-level sections of a text read section by section: found from the previous version's when it had them, so
 * a keystroke scans the lines it touched and not the file. For an analysis with `reuse` only.
 */
export function sectionIndex(analysis: Analysis): SectionIndex {
  const reuse = analysis.reuse!;
  if (!reuse.sections) {
    const before = reuse.before;
    reuse.sections = before?.sections
      ? sectionsAfterEdit(before.text, before.sections.sections, reuse.text)
      : { sections: topLevelSections(reuse.text), same: [] };
    // Only the previous version's per-section results are needed now, not its text.
    if (before) reuse.before = { ...before, text: '' };
  }
  return reuse.sections;
}

/**
 * Characters of auth sections one analysis parses. Each section is bounded by PARSE_CAP, but a file of a hundred
 * sections just under it (a 4.9 MB multi-document file) took seconds on a first request and hundreds of milliseconds
 * per keystroke to move the sections after an edit. Real configs hold under 30 KB of them; this reads one section at
 * the cap and more.
 */
export const SECTIONS_BUDGET = 2 * PARSE_CAP;

/** The note on the first auth section past the budget. */
function overBudget(blocks: Span[], read: number): Issue {
  const first = blocks[read];
  return info(
    { start: first.start, end: first.start },
    `This file holds more auth sections than OpenMetadata Auth reads in one file (${blocks.length}; it reads the first ${SECTIONS_BUDGET / 1024} KB of them), so the ${blocks.length - read} from this one on are not checked.`,
    'too-many-sections',
  );
}

/**
 * The values of a Helm file read section by section, for the chart-schema check: the sections already parsed for
 * their auth settings, the other sections the chart's schema declares (parsed on their own, once per text), and the
 * name alone of every other top-level key. Asked for by the rules only, so a keystroke's completion does not pay.
 */
function valuesBySection(
  text: string,
  sections: Span[],
  parsed: Map<number, ConfigModel>,
  cache: Map<string, { at: number; node: ValueNode | undefined }>,
  previous: Map<string, { at: number; node: ValueNode | undefined }> | undefined,
): ValueNode {
  const root: ValueNode = { kind: 'object', span: { start: 0, end: text.length }, entries: [] };
  for (const section of sections) {
    const key = keyAt(text, section.start);
    if (!key) continue;
    const keySpan = { start: section.start, end: section.start + key.length };
    const fromAuth = parsed.get(section.start)?.values?.entries?.find((e) => e.key === key);
    if (fromAuth || !chartTree.p?.[key] || section.end - section.start > PARSE_CAP) {
      root.entries!.push(fromAuth ?? { key, keySpan, value: { span: keySpan } });
      continue;
    }
    const source = text.slice(section.start, section.end);
    let read = cache.get(source) ?? previous?.get(source);
    if (!read) {
      const docs = parseYaml(detached(source));
      read = { at: 0, node: docs[0] && !docs[0].errors.length ? readValues(docs[0].contents, source) : undefined };
    }
    if (read.at !== section.start && read.node) {
      const delta = section.start - read.at;
      const node = copyValues(read.node);
      eachValueSpan(node, (s) => {
        s.start += delta;
        s.end += delta;
      });
      read = { at: section.start, node };
    }
    cache.set(source, read);
    root.entries!.push(...(read.node?.entries ?? [{ key, keySpan, value: { span: keySpan } }]));
  }
  return root;
}

/** Moves every offset of a model by `delta`, in place. */
function move(model: ConfigModel, delta: number): ConfigModel {
  const shift = (s: Span) => {
    s.start += delta;
    s.end += delta;
  };
  for (const e of model.entries.values()) {
    shift(e.keySpan);
    shift(e.lineSpan);
    if (e.valueSpan) shift(e.valueSpan);
    e.textStart += delta;
    for (const i of e.items ?? []) shift(i.span);
  }
  for (const o of model.objects.values()) {
    shift(o.keySpan);
    o.insertAt += delta;
  }
  for (const i of model.issues) shift(i.span);
  if (model.base) model.base.insertAt += delta;
  for (const t of model.topLevel) {
    shift(t.span);
    for (const c of t.children ?? []) {
      shift(c.span);
      shift(c.extent);
    }
  }
  for (const a of model.extraEnv) shift(a.nameSpan);
  if (model.values) eachValueSpan(model.values, shift);
  return model;
}

/** A copy of a model whose offsets can be moved without touching the original, which an older analysis keeps. */
function copyOf(model: ConfigModel): ConfigModel {
  const span = (s: Span): Span => ({ start: s.start, end: s.end });
  const entries = new Map<string, ModelEntry>();
  for (const [k, e] of model.entries) {
    const copy = { ...e, keySpan: span(e.keySpan), lineSpan: span(e.lineSpan) };
    if (e.valueSpan) copy.valueSpan = span(e.valueSpan);
    if (e.items) copy.items = e.items.map((i) => ({ ...i, span: span(i.span) }));
    entries.set(k, copy);
  }
  const objects = new Map<string, ObjectEntry>();
  for (const [k, o] of model.objects) objects.set(k, { ...o, keySpan: span(o.keySpan) });
  const topLevel = model.topLevel.map((t) => ({
    ...t,
    span: span(t.span),
    children: t.children?.map((c) => ({ ...c, span: span(c.span), extent: span(c.extent) })),
  }));
  const extraEnv = model.extraEnv.map((a) => ({ ...a, nameSpan: span(a.nameSpan) }));
  const copy: ConfigModel = {
    ...model,
    entries,
    objects,
    issues: model.issues.map((i) => ({ ...i, span: span(i.span) })),
    topLevel,
    extraEnv,
    values: model.values && copyValues(model.values),
  };
  if (model.base) copy.base = { ...model.base };
  return copy;
}
