// Which OpenMetadata release a file is written for, when the settings do not say: the image tags it names, or the
// chart release a values file was copied from.
import { modelsOf, sectionIndex } from './analyze';
import type { Analysis } from './analyze';
import { Paths } from '../../../common/protocol';
import { HOST_NAMES } from './shapes/helm/manifests';
import { compareVersions, schemaIndex } from './schema';
import type { ServiceSettings } from './validate';
import { topLevelNamed } from './sections';

export interface Release {
  /** As found, e.g. `1.6.4`. */
  version: string;
  /** Where it was found, for the status item: "docker-compose.yml (openmetadata/server:1.6.4)". */
  evidence: string;
  source: 'setting' | 'detected' | 'default';
  /** Found in the chart's own Chart.yaml: the values file beside it is the chart's defaults, not an override of them. */
  vendoredChart?: true;
  /** A copy of the chart's defaults fits every release from the first to the second (`version`). */
  range?: [string, string];
}

// `openmetadata/server:1.6.4`, with any registry in front (docker.getcollate.io/…); also the ingestion image.
const IMAGE = /openmetadata\/(?:server|ingestion)(?:-[\w-]+)?:v?(\d+\.\d+(?:\.\d+)?)/g;
// Helm `image:` with `repository: …openmetadata/server` and `tag: 1.6.4` on nearby lines.
const HELM_TAG = /^[ \t]*tag:[ \t]*["']?v?(\d+\.\d+(?:\.\d+)?)["']?[ \t]*(?:#.*)?$/m;
const HELM_REPOSITORY = /^[ \t]*repository:[ \t]*["']?[\w./-]*openmetadata\/server["']?/m;
// A Chart.yaml/Chart.lock dependency on the openmetadata chart: `- name: openmetadata`, then `version: 1.6.4` on one of
// the indented `key: value` lines after it. Read line by line: one expression over the lines backtracked quadratically.
const CHART_NAME = /-[ \t]*name:[ \t]*["']?openmetadata["']?[ \t]*\r?$/;
const CHART_VERSION = /^[ \t]+version:[ \t]*["']?v?(\d+\.\d+(?:\.\d+)?)/;
const ITEM_KEY = /^[ \t]+[\w-]+:/;
// The chart itself (vendored, or its source): a Chart.yaml whose own top-level name is openmetadata.
const OWN_NAME = /^name:[ \t]*["']?openmetadata["']?[ \t]*(?:#.*)?\r?$/m;
const OWN_VERSION = /^version:[ \t]*["']?v?(\d+\.\d+(?:\.\d+)?)/m;

/** The chart release of the openmetadata chart's own Chart.yaml. */
function ownChart(text: string, fileName: string): Release | undefined {
  if (!/^Chart\.ya?ml$/.test(fileName) || !OWN_NAME.test(text)) return undefined;
  const version = OWN_VERSION.exec(text)?.[1];
  return version ? { version, evidence: `${fileName} (the openmetadata chart ${version} itself)`, source: 'detected', vendoredChart: true } : undefined;
}

function chartDependency(text: string): string | undefined {
  let inDependency = false;
  for (const line of text.split('\n')) {
    if (inDependency) {
      const version = CHART_VERSION.exec(line);
      if (version) return version[1];
    }
    if (CHART_NAME.test(line)) inDependency = true;
    else if (!ITEM_KEY.test(line)) inDependency = false;
  }
  return undefined;
}

/** Texts longer than this are not searched for a release: the regexes stay cheap on huge files, which name none anyway. */
const MAX_SCAN = 2_000_000;

// The chart's own server image with `tag: ""`, which the chart fills with its appVersion: a values file copied from it.
const HELM_CHART_TAG = /^[ \t]*tag:[ \t]*(""|'')[ \t]*(?:#.*)?$/m;
/** The newest chart release read (schemas/evidence.md: the chart's tag history ends at 1.13.1). */
const NEWEST_CHART = '1.13';
/** The chart read `global.authentication` up to 1.0 (chart 1.1.0 moved it to `openmetadata.config`, evidence.md a). */
const GLOBAL_LAYOUT_UNTIL = '1.1';
/** The chart's default publicKeys had OpenMetadata's pre-1.0 JWKS path up to 0.13 (a.6). */
const LEGACY_JWKS_UNTIL = '1.0';
const LEGACY_JWKS = '/api/v1/config/jwks';
/** Every chart from 1.7.0 on lists `authorizer.allowedDomains` in its defaults (added in 1.6.12, evidence.md l). */
const ALLOWED_DOMAINS_FROM = '1.7';
/** Every chart from 1.10.0 on has an `rdf:` block in `openmetadata.config` (added in 1.9.14, evidence.md l). */
const RDF_FROM = '1.10';
const RDF_BLOCK = /^[ \t]+rdf:[ \t]*(?:#.*)?\r?$/m;

/**
 * The release of a values file copied from the chart, from what it holds: at least the newest `since` of its keys,
 * before the first `removedIn` of any and before the layout and defaults it keeps changed; the newest such release.
 */
function chartRelease(facts: Facts, fileName: string, analysis: Analysis): Release | undefined {
  if (!facts.repository || !facts.chartTag) return undefined;
  const { shape, model } = analysis;
  if (shape !== 'helm') return undefined;
  const keys = [...model.entries.values(), ...model.objects.values()].map((e) => e.key);
  const later = (a: string, b: string) => (compareVersions(a, b) >= 0 ? a : b);
  const earlier = (a: string, b: string) => (compareVersions(a, b) <= 0 ? a : b);
  const from = keys.reduce<string | undefined>((lo, k) => (k.since ? (lo ? later(lo, k.since) : k.since) : lo), undefined);
  let until = keys.reduce<string | undefined>((hi, k) => (k.removedIn ? (hi ? earlier(hi, k.removedIn) : k.removedIn) : hi), undefined);
  const global = topLevelNamed(model, 'global')[0]?.children?.some((c) => c.name === 'authentication');
  if (global) until = until ? earlier(until, GLOBAL_LAYOUT_UNTIL) : GLOBAL_LAYOUT_UNTIL;
  if (global && facts.legacyJwks) until = until ? earlier(until, LEGACY_JWKS_UNTIL) : LEGACY_JWKS_UNTIL;
  // A copy of the defaults lacks what its chart release did not have yet: without these it is older than their release.
  if (!global && !model.entries.has(Paths.allowedDomains)) until = until ? earlier(until, ALLOWED_DOMAINS_FROM) : ALLOWED_DOMAINS_FROM;
  if (!global && !facts.rdf) until = until ? earlier(until, RDF_FROM) : RDF_FROM;
  const fits = (v: string) => compareVersions(v, NEWEST_CHART) <= 0 && (!from || compareVersions(v, from) >= 0) && (!until || compareVersions(v, until) < 0);
  const candidates = schemaIndex.schema.versions.filter(fits);
  const version = candidates[candidates.length - 1];
  if (!version) return undefined;
  const range = candidates[0] === version ? version : `${candidates[0]} to ${version}`;
  return {
    version,
    evidence: `${fileName} (the chart's defaults of OpenMetadata ${range})`,
    source: 'detected',
    ...(candidates[0] !== version ? { range: [candidates[0], version] as [string, string] } : {}),
  };
}

/**
 * What the release guess reads in a text. Every pattern is within one line, and a top-level line ends a chart
 * dependency, so the facts of a text are those of its top-level sections taken in order (`joined`): a keystroke finds
 * them again for the section it changed only.
 */
interface Facts {
  /** The first image named, as written from `openmetadata/`, and its version. */
  image?: [string, string];
  repository: boolean;
  tag?: string;
  chart?: string;
  chartTag: boolean;
  rdf: boolean;
  legacyJwks: boolean;
}

function factsOf(text: string): Facts {
  IMAGE.lastIndex = 0;
  const image = IMAGE.exec(text);
  return {
    ...(image ? { image: [image[0].slice(image[0].lastIndexOf('openmetadata/')), image[1]] as [string, string] } : {}),
    repository: HELM_REPOSITORY.test(text),
    ...optional('tag', HELM_TAG.exec(text)?.[1]),
    ...optional('chart', chartDependency(text)),
    chartTag: HELM_CHART_TAG.test(text),
    rdf: RDF_BLOCK.test(text),
    legacyJwks: text.includes(LEGACY_JWKS),
  };
}

const optional = <K extends string>(key: K, value: string | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, string>));

function joined(parts: Facts[]): Facts {
  const first = <K extends 'image' | 'tag' | 'chart'>(key: K) => parts.find((p) => p[key] !== undefined)?.[key];
  return {
    ...(first('image') ? { image: first('image')! } : {}),
    repository: parts.some((p) => p.repository),
    ...optional('tag', first('tag')),
    ...optional('chart', first('chart')),
    chartTag: parts.some((p) => p.chartTag),
    rdf: parts.some((p) => p.rdf),
    legacyJwks: parts.some((p) => p.legacyJwks),
  };
}

/**
 * The facts of an analysed document's text: by section, each taken from the previous version's when its text is
 * unchanged, for a text read section by section; else read from the whole text.
 */
function factsFor(text: string, analysis: Analysis | undefined): Facts {
  const reuse = analysis?.reuse;
  // A lone CR is a line break to the analysis, whose sections then split a line that the patterns read whole.
  if (!analysis || !reuse || reuse.text !== text) return factsOf(text);
  const { sections, same } = sectionIndex(analysis);
  const before = reuse.before?.release as Facts[] | undefined;
  const parts = sections.map((s, i) => (before && (same[i] ?? -1) >= 0 ? before[same[i]] : factsOf(text.slice(s.start, s.end))));
  reuse.release = parts;
  return joined(parts);
}

/** The release a file names for the OpenMetadata server (image tags, Helm `image.tag`), if any. */
export function releaseIn(text: string, fileName: string): Release | undefined {
  if (text.length > MAX_SCAN) return undefined;
  return namedIn(factsOf(text), text, fileName);
}

function namedIn(facts: Facts, text: string, fileName: string): Release | undefined {
  if (facts.image) return { version: facts.image[1], evidence: `${fileName} (${facts.image[0]})`, source: 'detected' };
  if (facts.repository && facts.tag) return { version: facts.tag, evidence: `${fileName} (image.tag ${facts.tag})`, source: 'detected' };
  if (facts.chart) return { version: facts.chart, evidence: `${fileName} (openmetadata chart ${facts.chart})`, source: 'detected' };
  return ownChart(text, fileName);
}

/**
 * The chart version a manifest pins for the values it holds (an Argo CD `targetRevision`, a Flux
 * `spec.chart.spec.version`, a kustomize `helmCharts[].version`): the chart's releases carry OpenMetadata's numbers
 * (schemas/evidence.md), as a Chart.yaml dependency's version does.
 */
function hostedRelease(fileName: string, analysis: Analysis): Release | undefined {
  const host = modelsOf(analysis).find((m) => m.host?.chartVersion)?.host;
  if (!host?.chartVersion) return undefined;
  return { version: host.chartVersion, evidence: `${fileName} (${HOST_NAMES[host.kind]}, openmetadata chart ${host.chartVersion})`, source: 'detected' };
}

/**
 * The settings a document is checked with: the configured release, else the one the file or its neighbours name
 * (`neighbours` are the texts of files beside it, such as Chart.yaml), else none (the newest known release).
 * `analysis` is the document's own: a chart copy is recognised by the keys it holds.
 */
export function releaseFor(
  settings: ServiceSettings,
  text: string,
  fileName: string,
  neighbours: { name: string; text: string }[],
  analysis: Analysis,
): Release | undefined {
  const configured = typeof settings.openmetadataVersion === 'string' ? settings.openmetadataVersion.trim() : '';
  if (configured) return { version: configured, evidence: 'the openmetadataAuth.openmetadataVersion setting', source: 'setting' };
  // What the file or a neighbour names beats what the keys of a chart copy suggest.
  if (text.length > MAX_SCAN) return hostedRelease(fileName, analysis) ?? neighbours.map((n) => releaseIn(n.text, n.name)).find(Boolean);
  const facts = factsFor(text, analysis);
  return (
    namedIn(facts, text, fileName) ??
    hostedRelease(fileName, analysis) ??
    neighbours.map((n) => releaseIn(n.text, n.name)).find(Boolean) ??
    chartRelease(facts, fileName, analysis)
  );
}

/** The settings with the detected release filled in, so every check uses it. */
export function withRelease(settings: ServiceSettings, release: Release | undefined): ServiceSettings {
  if (!release || release.source !== 'detected') return settings;
  return {
    ...settings,
    openmetadataVersion: release.version,
    ...(release.vendoredChart ? { vendoredChart: true } : {}),
    ...(release.range ? { releaseRange: release.range } : {}),
  };
}
