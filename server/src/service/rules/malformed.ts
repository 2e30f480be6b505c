// Rule family "malformed": docs placeholders left in values (R15) and value strings broken by copy and paste (R16).
import { factsOf } from '../facts';
import { MAX_UNKNOWN_KEYS } from '../limits';
import { entryHoles } from '../placeholders';
import { existsIn } from '../schema';
import type { ConfigModel, EnvAssignment, Fix, FixProvider, Issue, ModelEntry, Rule, RuleFamily } from '../model';
import { wholeLines } from '../text';

const placeholderLeft: Rule = (model, settings) => {
  const version = factsOf(model, settings).version;
  const out: Issue[] = [];
  for (const entry of model.entries.values()) {
    // A key the version no longer has is reported as such; filling in its placeholder would be wasted work.
    if (!existsIn(entry.key, version)) continue;
    const base = entry.valueSpan?.start ?? 0;
    for (const hole of entryHoles(entry)) {
      const span = { start: base + hole.start, end: base + hole.end };
      const inner = hole.text.slice(1, -1);
      out.push({
        code: 'placeholder-left',
        severity: 'error',
        span,
        message: hole.wrapsUrl
          ? `The braces around \`${inner}\` are docs notation: OpenMetadata reads \`${hole.text}\` literally (or as a YAML mapping), so this URL is never used and login fails. Remove the braces.`
          : `\`${hole.text}\` is a placeholder from the docs, not a value: OpenMetadata uses it literally and login fails. Replace it with the real value.`,
        data: { path: entry.path, placeholder: hole.text, unwrap: hole.wrapsUrl ? { open: span.start, close: span.end - 1 } : undefined },
      });
    }
  }
  return out;
};

const placeholderFixes: FixProvider = ({ data }) => {
  const unwrap = data.unwrap as { open: number; close: number } | undefined;
  if (!unwrap) return [];
  return [
    {
      title: 'Remove the braces around the URL',
      changes: [
        { start: unwrap.open, end: unwrap.open + 1, newText: '' },
        { start: unwrap.close, end: unwrap.close + 1, newText: '' },
      ],
      preferred: true,
    },
  ];
};

/** The value text inside its quotes. */
const innerText = (entry: ModelEntry) => (entry.quote ? entry.raw.slice(1, -1) : entry.raw);

function repeatedKey(entry: ModelEntry): Issue | undefined {
  if (entry.placeholder || !entry.valueSpan || typeof entry.value !== 'string') return undefined;
  const names = [...new Set([entry.sourceKey, entry.key.env, entry.key.key, entry.key.helm].filter((n): n is string => Boolean(n)))];
  const inner = innerText(entry);
  for (const name of names) {
    const m = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*[=:]\\s*(?=\\S)`).exec(inner);
    if (!m) continue;
    const span = { start: entry.textStart, end: entry.textStart + m[0].length };
    return {
      code: 'malformed-value',
      severity: 'error',
      span,
      message: `The value repeats its own name (\`${m[0].trim()}\`), so OpenMetadata gets \`${inner}\` instead of \`${inner.slice(m[0].length)}\` and login fails. Remove the repeated \`${m[0].trim()}\`.`,
      data: { kind: 'repeated-key', path: entry.path, remove: span },
    };
  }
  return undefined;
}

function strayQuote(entry: ModelEntry): Issue | undefined {
  // Passwords may legitimately contain quotes; placeholders and lists are read differently.
  if (entry.quote || entry.placeholder || entry.key.secret || !entry.valueSpan || typeof entry.value !== 'string') return undefined;
  const raw = entry.raw;
  for (const q of ['"', "'"]) {
    if (raw.split(q).length !== 2) continue;
    const at = raw.endsWith(q) ? raw.length - 1 : raw.startsWith(q) ? 0 : -1;
    if (at === -1 || raw.length === 1) continue;
    const offset = entry.valueSpan.start + at;
    const clean = raw.slice(0, at) + raw.slice(at + 1);
    return {
      code: 'malformed-value',
      severity: 'error',
      span: { start: offset, end: offset + 1 },
      message: `This value has an unmatched \`${q}\`, so OpenMetadata gets \`${raw}\` (quote included) instead of \`${clean}\` and login fails. Remove the stray quote.`,
      data: { kind: 'stray-quote', path: entry.path, remove: { start: offset, end: offset + 1 } },
    };
  }
  return undefined;
}

/** `${VAR:-"value}`: the quote opened in the default is never closed, so the substituted text breaks the YAML (#15737). */
function openDefaultQuote(entry: ModelEntry): Issue | undefined {
  const p = entry.placeholder;
  if (!p || entry.quote || p.defaultText === undefined || p.defaultStart === undefined) return undefined;
  const q = p.defaultText[0];
  if ((q !== '"' && q !== "'") || p.defaultText.split(q).length !== 2) return undefined;
  const at = entry.textStart + p.defaultStart + p.defaultText.length;
  return {
    code: 'malformed-value',
    severity: 'error',
    span: { start: entry.textStart + p.defaultStart, end: at },
    message: `The default of \`\${${p.variable}:-...}\` opens a \`${q}\` it never closes: with the variable unset OpenMetadata substitutes \`${p.defaultText}\`, the YAML string never ends and the server does not start. Close the quote before the \`}\`.`,
    data: { kind: 'open-default-quote', path: entry.path, insert: { start: at, end: at }, quote: q },
  };
}

function yamlInEnv(a: EnvAssignment): Issue {
  const colon = a.separatorStart + a.separator.indexOf(':');
  return {
    code: 'malformed-value',
    // Docker Compose's own parser tolerates `NAME: value`; every other loader does not, hence a warning.
    severity: 'warning',
    span: { start: a.nameSpan.start, end: colon + 1 },
    message: `\`${a.name}: ...\` is YAML syntax in an env file: Docker Compose tolerates it, but \`docker run --env-file\`, \`kubectl create configmap --from-env-file\`, systemd and shells do not, and the setting is lost there. Write \`${a.name}=...\`.`,
    data: { kind: 'yaml-in-env', name: a.name, replace: { start: a.nameSpan.end, end: a.valueSpan.start } },
  };
}

/** `NAME= value` in a .env file: the space is part of the value for every loader but Docker Compose. */
function leadingSpace(a: EnvAssignment): Issue | undefined {
  const gap = /=([ \t]+)$/.exec(a.separator);
  if (!gap || !a.raw || a.raw.startsWith('#')) return undefined;
  const from = a.valueSpan.start - gap[1].length;
  const spaces = { start: from, end: a.valueSpan.start };
  return {
    code: 'malformed-value',
    severity: 'warning',
    span: spaces,
    message: `There is whitespace after \`${a.name}=\`: Docker Compose trims it, but \`docker run --env-file\` and Kubernetes keep it, so OpenMetadata gets \`${gap[1]}${a.raw}\` with a leading space and does not recognise it. Remove the space.`,
    data: { kind: 'leading-space', name: a.name, remove: spaces },
  };
}

/**
 * Duplicates of OpenMetadata variables in one env block; YAML mappings are left to the parser's duplicate-key. As for
 * unknown keys, the first MAX_UNKNOWN_KEYS are reported one by one and the rest get one note: a variable set 20,000
 * times is generated text, and as many warnings cost seconds a keystroke to build and send.
 */
function duplicates(model: ConfigModel): Issue[] {
  const counts = new Map<string, number>();
  for (const a of model.env) counts.set(a.name, (counts.get(a.name) ?? 0) + 1);
  // A compose mapping's duplicate is a YAML duplicate key, which the parser reports.
  const candidates = model.env.filter((a) => (counts.get(a.name) ?? 0) >= 2 && a.openmetadata && a.form !== 'map');
  const seen = new Map<string, EnvAssignment>();
  const out: Issue[] = [];
  let found = 0;
  let firstUnlisted: EnvAssignment | undefined;
  for (const a of candidates) {
    const id = `${a.block}\u0000${a.name}`;
    const earlier = seen.get(id);
    seen.set(id, a);
    if (!earlier) continue;
    if (++found > MAX_UNKNOWN_KEYS) {
      firstUnlisted ??= earlier;
      continue;
    }
    out.push({
      code: 'malformed-value',
      severity: 'warning',
      span: earlier.nameSpan,
      message: `\`${a.name}\` is set again on line ${a.line + 1}; the last assignment wins, so this one is ignored and misleads whoever edits it. Remove it.`,
      data: { kind: 'duplicate', name: a.name, line: earlier.lineSpan },
    });
  }
  if (firstUnlisted) {
    const more = found - MAX_UNKNOWN_KEYS;
    // No `line` in its data: no single removal is right for assignments the note does not list.
    out.push({
      code: 'malformed-value',
      severity: 'warning',
      span: firstUnlisted.nameSpan,
      message: `This assignment and ${(more - 1).toLocaleString('en-US')} more are set again later (${found.toLocaleString('en-US')} in all; the first ${MAX_UNKNOWN_KEYS} are listed one by one); the last assignment of a variable wins, so the earlier ones are ignored and mislead whoever edits them. Remove them.`,
      data: { kind: 'duplicate', name: firstUnlisted.name, more },
    });
  }
  return out;
}

const malformedValue: Rule = (model) => {
  const out: Issue[] = [];
  for (const entry of model.entries.values()) {
    const issue = repeatedKey(entry) ?? strayQuote(entry) ?? openDefaultQuote(entry);
    if (issue) out.push(issue);
  }
  for (const a of model.env) {
    if (!a.openmetadata) continue;
    if (a.malformed === 'yaml-in-env') out.push(yamlInEnv(a));
    else if (a.form === 'dotenv') {
      const issue = leadingSpace(a);
      if (issue) out.push(issue);
    }
  }
  out.push(...duplicates(model));
  return out;
};

const span = (v: unknown) => v as { start: number; end: number } | undefined;

const malformedFixes: FixProvider = ({ text, data }) => {
  const fixes: Fix[] = [];
  const remove = span(data.remove);
  const replace = span(data.replace);
  switch (data.kind) {
    case 'repeated-key':
      if (remove) fixes.push({ title: 'Remove the repeated name', changes: [{ ...remove, newText: '' }], preferred: true });
      break;
    case 'stray-quote':
      if (remove) fixes.push({ title: 'Remove the stray quote', changes: [{ ...remove, newText: '' }], preferred: true });
      break;
    case 'open-default-quote': {
      const insert = span(data.insert);
      if (insert && typeof data.quote === 'string')
        fixes.push({ title: `Close the quote: \`${data.quote}}\``, changes: [{ ...insert, newText: data.quote }], preferred: true });
      break;
    }
    case 'yaml-in-env':
      if (replace) fixes.push({ title: `Write \`${String(data.name)}=...\``, changes: [{ ...replace, newText: '=' }], preferred: true });
      break;
    case 'leading-space':
      if (remove) fixes.push({ title: 'Remove the space after `=`', changes: [{ ...remove, newText: '' }], preferred: true });
      break;
    case 'duplicate': {
      const line = span(data.line);
      if (line) fixes.push({ title: `Remove this earlier \`${String(data.name)}\``, changes: [wholeLines(text, line)], preferred: true });
      break;
    }
  }
  return fixes;
};

export const family: RuleFamily = {
  rules: [placeholderLeft, malformedValue],
  fixes: { 'placeholder-left': placeholderFixes, 'malformed-value': malformedFixes },
};
