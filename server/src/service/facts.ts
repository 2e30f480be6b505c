// Facts several rules share, computed once per analysis: provider, client type, whether the OIDC flow is in effect,
// and the value each canonical path ends up with once the shape's defaults apply.
import { OIDC_PROVIDERS, Paths } from '../../../common/protocol';
import { docPlaceholders, isDeployTimeValue } from './placeholders';
import { compareVersions } from './schema';
import { effectiveVersion } from './validate';
import type { ServiceSettings } from './validate';
import type { ConfigModel, ModelEntry, Span } from './model';
import { oidcDelivered } from './shapes/common';
import { providerOf } from './provider';
import type { Provider } from './provider';

export type { Provider } from './provider';

/**
 * How a value stands once the shape's defaults are applied:
 * `set` (a value), `blank` (empty: OpenMetadata gets nothing), `supplied` (a `${VAR}` or vault/Helm template
 * reference: the user means to supply one at deploy time), `template` (`${VAR:-}` with an empty default, the
 * shipped conf's "fill me from the environment" pattern, which a file alone cannot judge).
 */
export type Presence = 'set' | 'blank' | 'supplied' | 'template';

export interface Effective {
  state: Presence;
  /** The value as text when `set` (doc placeholders included). */
  value?: string;
  entry?: ModelEntry;
  /** The value comes from the chart's or conf's default, not from the file. */
  fromDefault?: boolean;
}

/** Providers where users log in through an identity provider, so a principal named `admin` is whoever that IdP calls admin. */
const SSO_PROVIDERS = new Set([...OIDC_PROVIDERS, 'saml']);

export interface Facts {
  /** The OpenMetadata release checked against. */
  version: string;
  provider: Provider;
  /** An SSO provider (OIDC or SAML) set in the file. */
  ssoProvider?: string;
  /** `public` / `confidential` as OpenMetadata reads it (absent means `public`); undefined when unknown or invalid. */
  clientType?: 'public' | 'confidential';
  /** The browser/server flow rules apply: the release has `clientType` (1.3+) and the file configures the server. */
  flowApplies: boolean;
  /** A confidential client whose provider is an OIDC one, or not known from this file. */
  confidential: boolean;
  /** Whether the shape hands `oidcConfiguration` to the server (the chart's switch); undefined when templated. */
  oidcDelivered: boolean | undefined;
  /** The server-side Auth Code flow is configured and reaches the server. */
  serverFlowActive: boolean;
  /**
   * `oidcConfiguration` is used at all: the client type is set and not public (a deploy-time type counts), and the
   * shape delivers the block.
   */
  oidcInUse: boolean;
  /**
   * `oidcConfiguration` is in use or meant to be: in use, or a confidential client whose shape's switch is all that
   * keeps the block from the server (helm-oidc-not-enabled), so its values are judged now, not after that fix.
   */
  oidcMeant: boolean;
  /** Whether the release is at least `release`. */
  atLeast(release: string): boolean;
  effective(path: string): Effective;
}

function clientTypeOf(model: ConfigModel): Facts['clientType'] {
  const entry = model.entries.get(Paths.clientType);
  if (!entry || entry.value === null) return 'public';
  return entry.value === 'public' || entry.value === 'confidential' ? entry.value : undefined;
}

/** The text of an entry's value as OpenMetadata reads it; undefined when only known at deploy time. */
export function entryText(entry: ModelEntry): string | undefined {
  if (entry.value === undefined || entry.value === null) return undefined;
  if (typeof entry.value === 'string') return entry.value;
  // A doc placeholder such as `{Client ID}` parses as a mapping: keep the text as written.
  if (entry.placeholder) return entry.placeholder.defaultText;
  return entry.quote ? entry.raw.slice(1, -1) : entry.raw;
}

function effectiveIn(model: ConfigModel, version: string, path: string): Effective {
  const entry = model.entries.get(path);
  if (entry) {
    if (entry.secretRef) return { state: 'set', entry };
    if (entry.value === undefined) return { state: 'supplied', entry };
    const blank = entry.value === null || (typeof entry.value === 'string' && entry.value.trim() === '');
    if (blank) return { state: entry.placeholder ? 'template' : 'blank', entry };
    return { state: 'set', value: entryText(entry), entry };
  }
  const fallback = model.profile.absentValue(path, version);
  if (fallback === 'secret') return { state: 'set', fromDefault: true };
  if (fallback !== undefined && fallback.trim() !== '') return { state: 'set', value: fallback, fromDefault: true };
  return { state: 'blank' };
}

const memo = new WeakMap<ConfigModel, { settings: ServiceSettings; facts: Facts }>();

export function factsOf(model: ConfigModel, settings: ServiceSettings): Facts {
  const hit = memo.get(model);
  if (hit && hit.settings === settings) return hit.facts;
  const version = effectiveVersion(settings);
  const atLeast = (release: string) => compareVersions(version, release) >= 0;
  const provider = providerOf(model, version);
  const clientType = clientTypeOf(model);
  const flowApplies = model.profile.configuresServer && atLeast('1.3');
  const confidential = flowApplies && clientType === 'confidential' && provider.kind !== 'other';
  const delivered = oidcDelivered(model);
  const clientTypeEntry = model.entries.get(Paths.clientType);
  const effective = new Map<string, Effective>();
  const facts: Facts = {
    version,
    provider,
    ssoProvider: provider.value && SSO_PROVIDERS.has(provider.value) ? provider.value : undefined,
    clientType,
    flowApplies,
    confidential,
    oidcDelivered: delivered,
    serverFlowActive: confidential && delivered === true,
    oidcInUse: Boolean(clientTypeEntry) && clientTypeEntry?.value !== 'public' && delivered === true,
    oidcMeant:
      Boolean(clientTypeEntry) && clientTypeEntry?.value !== 'public' && (delivered === true || (delivered === false && clientType === 'confidential')),
    atLeast,
    effective: (path) => {
      let e = effective.get(path);
      if (!e) effective.set(path, (e = effectiveIn(model, version, path)));
      return e;
    },
  };
  memo.set(model, { settings, facts });
  return facts;
}

/** A concrete string (set, no doc placeholder, no reference), else undefined: what a fix may copy. */
export function cleanValue(e: Effective): string | undefined {
  if (e.state !== 'set' || e.value === undefined || e.entry?.secretRef) return undefined;
  if (docPlaceholders(e.value).length || isDeployTimeValue(e.value)) return undefined;
  return e.value;
}

/** The span a diagnostic about an entry points at: its value, or its key when the value is a block or missing. */
export function spanOf(entry: ModelEntry): Span {
  return entry.valueSpan && !entry.secretRef && !entry.raw.includes('\n') && !entry.raw.startsWith('-') ? entry.valueSpan : entry.keySpan;
}

/** Document offset of `needle` inside an entry's value as written (inside a placeholder's default first). */
export function locate(entry: ModelEntry, needle: string): number {
  if (!entry.valueSpan) return entry.textStart;
  const base = entry.valueSpan.start;
  const from = entry.placeholder?.defaultStart !== undefined ? entry.textStart + entry.placeholder.defaultStart - base : 0;
  const at = entry.raw.indexOf(needle, from);
  return at !== -1 && base + at + needle.length <= entry.valueSpan.end ? base + at : entry.textStart;
}

/** Where to point when the offending value is not in the file: the OIDC block, the clientType, the auth block. */
export function anchorSpan(model: ConfigModel): Span {
  const oidc = model.objects.get(Paths.oidc);
  if (oidc && oidc.keySpan.end > 0) return oidc.keySpan;
  const clientType = model.entries.get(Paths.clientType);
  if (clientType) return spanOf(clientType);
  const auth = model.objects.get(Paths.auth);
  if (auth && auth.keySpan.end > 0) return auth.keySpan;
  return { start: 0, end: 0 };
}

/** The username OpenMetadata derives from a principal: the lowercased part before `@`. */
export const principalName = (s: string): string => s.split('@')[0].toLowerCase();
