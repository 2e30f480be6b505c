// Rule family "helm": Helm values the chart never reads (`global:`, `openmetadata.configuration`) and its OIDC switch.
import type { Issue, TextChange } from '../surfaces/model';
import { setValues } from '../edits';
import type { Fix, FixContext, Rule, RuleFamily } from './types';
import { PATHS, OIDC, blockOf, helmOidcEnabled, isConfidential, spanOf } from './kcModel';

/** The blocks the chart used to read from `global:`; anything else there may belong to other charts. */
const GLOBAL_AUTH_BLOCKS = new Set(['authentication', 'authorizer', 'jwtTokenConfiguration']);

const obsoleteGlobal: Rule = (model, text) => {
  if (model.shape !== 'helm') return [];
  const out: Issue[] = [];
  for (const top of model.topLevel.filter((t) => t.name === 'global')) {
    const block = blockOf(text, top.span);
    const carried = block.children.filter((c) => c.name === 'authentication' || c.name === 'authorizer');
    if (!carried.length) continue;
    out.push({
      code: 'helm-obsolete-global',
      severity: 'error',
      span: top.span,
      message: `The chart no longer reads ${carried.map((c) => `\`global.${c.name}\``).join(' and ')}: these settings moved to \`openmetadata.config\`, and the chart's validation refuses the old layout, so this auth configuration never reaches OpenMetadata. Move the blocks under \`openmetadata:\` → \`config:\`.`,
      data: { children: block.children.map((c) => c.name) },
    });
  }
  return out;
};

/**
 * `global:` → `openmetadata:` + `config:`, re-indenting the block by two spaces. Offered only when it is plainly
 * safe: the block holds nothing but auth blocks, is a block mapping, and there is no `openmetadata:` to merge into.
 */
function moveGlobal(context: FixContext): Fix[] {
  const { text, model, start, end } = context;
  if (text.slice(start, end) !== 'global' || model.topLevel.some((t) => t.name === 'openmetadata')) return [];
  if (model.topLevel.filter((t) => t.name === 'global').length !== 1) return [];
  const block = blockOf(text, { start, end });
  if (block.flow || !block.children.length || block.children.some((c) => !GLOBAL_AUTH_BLOCKS.has(c.name))) return [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const changes: TextChange[] = [{ start, end, newText: `openmetadata:${eol}  config` }];
  for (let offset = block.contentStart; offset < block.end; ) {
    const next = text.indexOf('\n', offset);
    const lineEnd = next === -1 ? text.length : next;
    if (text.slice(offset, lineEnd).trim()) changes.push({ start: offset, end: offset, newText: '  ' });
    if (next === -1) break;
    offset = next + 1;
  }
  return [{ title: 'Move the auth blocks under `openmetadata.config`', changes, preferred: true }];
}

/** `openmetadata.configuration` (issue helm-charts #229): a typo of `config` that the chart silently ignores. */
const configurationKey: Rule = (model, text) => {
  if (model.shape !== 'helm') return [];
  const out: Issue[] = [];
  for (const top of model.topLevel.filter((t) => t.name === 'openmetadata')) {
    const children = blockOf(text, top.span).children;
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

const oidcNotEnabled: Rule = (model, _text, settings) => {
  if (model.shape !== 'helm' || !isConfidential(model, settings) || helmOidcEnabled(model) !== false) return [];
  const enabled = model.entries.get(PATHS.oidcEnabled);
  const oidc = model.objects.get(OIDC);
  const clientType = model.entries.get(PATHS.clientType)!;
  return [
    {
      code: 'helm-oidc-not-enabled',
      severity: 'error',
      span: enabled ? spanOf(enabled) : oidc && oidc.keySpan.end > 0 ? oidc.keySpan : spanOf(clientType),
      message: 'With `clientType: confidential` the chart renders the `OIDC_*` settings only when `oidcConfiguration.enabled` is `true`; without it the server gets no OIDC client and the Auth Code login fails (helm-charts #462). Set `oidcConfiguration.enabled: true`.',
      data: { path: PATHS.oidcEnabled },
    },
  ];
};

export const family: RuleFamily = {
  rules: [obsoleteGlobal, configurationKey, oidcNotEnabled],
  fixes: {
    'helm-obsolete-global': moveGlobal,
    'helm-oidc-not-enabled': ({ text, model }) => {
      const { changes } = setValues(text, model, [{ path: PATHS.oidcEnabled, value: true }]);
      return changes.length ? [{ title: 'Set `oidcConfiguration.enabled: true`', changes, preferred: true }] : [];
    },
  },
};
