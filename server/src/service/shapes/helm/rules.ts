// Rules about Helm values themselves: keys the chart never reads (`global:`, `openmetadata.configuration`), its
// OIDC switch, and what its templates do to values (customParams quoted by some releases).
import { Paths } from '../../../../../common/protocol';
import { extraEnvChanges, setValues } from '../../edits';
import { deriveValues } from '../../derive';
import { factsOf, spanOf } from '../../facts';
import { compareVersions } from '../../schema';
import { lineEndOf } from '../../text';
import type { ServiceSettings } from '../../validate';
import type { Fix, FixContext, FixProvider, Issue, Rule, Span, TextChange } from '../../model';

/** The blocks the chart used to read from `global:`; anything else there may belong to other charts. */
const GLOBAL_AUTH_BLOCKS = new Set(['authentication', 'authorizer', 'jwtTokenConfiguration']);

const obsoleteGlobal: Rule = (model, settings) => {
  // Charts up to 1.0.x read `global.authentication`; chart 1.1.0 moved it to `openmetadata.config` (schemas/evidence.md).
  if (!factsOf(model, settings).atLeast('1.1')) return [];
  const out: Issue[] = [];
  for (const top of model.topLevel.filter((t) => t.name === 'global')) {
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

/** The lines of the block under a top-level key, and whether its value is written inline (`global: {…}`). */
function blockLines(text: string, key: Span): { contentStart: number; end: number; flow: boolean } {
  const keyLineEnd = lineEndOf(text, key.end);
  const flow = /^\s*:\s*[^\s#]/.test(text.slice(key.end, keyLineEnd));
  const contentStart = keyLineEnd === text.length ? keyLineEnd : keyLineEnd + 1;
  let end = keyLineEnd;
  for (let offset = contentStart; offset < text.length; ) {
    const lineEnd = lineEndOf(text, offset);
    const line = text.slice(offset, lineEnd);
    if (line.trim() && !line.trimStart().startsWith('#')) {
      if (!/^\s/.test(line)) break;
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
  const globals = model.topLevel.filter((t) => t.name === 'global');
  if (text.slice(start, end) !== 'global' || model.topLevel.some((t) => t.name === 'openmetadata') || globals.length !== 1) return [];
  const children = globals[0].children ?? [];
  const block = blockLines(text, { start, end });
  if (block.flow || !children.length || children.some((c) => !GLOBAL_AUTH_BLOCKS.has(c.name))) return [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const changes: TextChange[] = [{ start, end, newText: `openmetadata:${eol}  config` }];
  for (let offset = block.contentStart; offset < block.end; ) {
    const lineEnd = lineEndOf(text, offset);
    if (text.slice(offset, lineEnd).trim()) changes.push({ start: offset, end: offset, newText: '  ' });
    offset = lineEnd + 1;
  }
  return [{ title: 'Move the auth blocks under `openmetadata.config`', changes, preferred: true }];
}

/** `openmetadata.configuration` (issue helm-charts #229): a typo of `config` that the chart silently ignores. */
const configurationKey: Rule = (model) => {
  const out: Issue[] = [];
  for (const top of model.topLevel.filter((t) => t.name === 'openmetadata')) {
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
      message: 'With `clientType: confidential` the chart renders the `OIDC_*` settings only when `oidcConfiguration.enabled` is `true`; without it the server gets no OIDC client and the Auth Code login fails (helm-charts #462). Set `oidcConfiguration.enabled: true`.',
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

export const helmRules: Rule[] = [obsoleteGlobal, configurationKey, oidcNotEnabled, quotedCustomParams];

export const helmFixes: Partial<Record<Issue['code'], FixProvider>> = {
  'helm-obsolete-global': moveGlobal,
  'helm-oidc-not-enabled': ({ text, model, settings }) => {
    // Once enabled the chart renders the discovery URI, which the server needs: fill it in when the file says it.
    const facts = factsOf(model, settings);
    const discovery = facts.effective(Paths.discoveryUri).state === 'blank' ? deriveValues(model, facts, [Paths.discoveryUri]) : [];
    const { changes } = setValues(text, model, [{ path: Paths.oidcEnabled, value: true }, ...discovery]);
    const title = discovery.length ? 'Set `oidcConfiguration.enabled: true` and the `discoveryUri` (derived from this file)' : 'Set `oidcConfiguration.enabled: true`';
    return changes.length ? [{ title, changes, preferred: true }] : [];
  },
  'custom-params-empty': customParamsFixes,
};
