// Rule family "principals": claims mapping, admin principals and principal domains as OpenMetadata matches them (R17, R18, R20).
import { Paths } from '../../../../common/protocol';
import { removeListItem, setValues } from '../edits';
import { factsOf, principalName } from '../facts';
import { entryHoles } from '../placeholders';
import { existsIn, schemaIndex } from '../schema';
import type { JsonValue } from '../schema';
import type { ConfigModel, Fix, FixProvider, Issue, ListItem, ModelEntry, Rule, RuleFamily, Span, TextChange } from '../model';

const MAPPING = Paths.jwtPrincipalClaimsMapping;
const ADMINS = Paths.adminPrincipals;
const DOMAIN_PATHS = [Paths.principalDomain, `${Paths.authorizer}.botDomain`];
const DOMAIN_LIST_PATHS = [Paths.allowedDomains, `${Paths.authorizer}.allowedEmailDomains`, `${Paths.authorizer}.allowedEmailRegistrationDomains`];
const itemText = (v: JsonValue) => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * The items of a list entry. Only a list as OpenMetadata binds it counts: `AUTHORIZER_ADMIN_PRINCIPALS=admin` without
 * brackets is a plain string, which these rules leave alone.
 */
function listItems(entry: ModelEntry): ListItem[] | undefined {
  return Array.isArray(entry.value) ? entry.list?.items : undefined;
}

/** Edits that set one item to a new text, or drop it when the list already holds that text. */
function replaceItem(text: string, model: ConfigModel, entry: ModelEntry, items: ListItem[], index: number, value: string): TextChange[] {
  if (items.some((item, i) => i !== index && item.text === value)) return removeListItem(text, model, entry, index);
  return [{ ...items[index].span, newText: value }];
}

const activeEntry = (model: ConfigModel, path: string, version: string) => {
  const entry = model.entries.get(path);
  return entry && existsIn(entry.key, version) && entryHoles(entry).length === 0 ? entry : undefined;
};

/** `username:claim` from what the user wrote (`Username = claim`, a YAML pair...), or undefined. */
function normalizeClaim(v: JsonValue): string | undefined {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const keys = Object.keys(v);
    if (keys.length !== 1 || typeof v[keys[0]] !== 'string') return undefined;
    return normalizeClaim(`${keys[0]}:${v[keys[0]] as string}`);
  }
  if (typeof v !== 'string') return undefined;
  const m = /^\s*([A-Za-z_]+)\s*[:=]\s*([^\s:=,]+)\s*$/.exec(v);
  if (!m) return undefined;
  const key = m[1].toLowerCase();
  return key === 'username' || key === 'email' ? `${key}:${m[2]}` : undefined;
}

const DEFAULT_CLAIM = { username: 'username:preferred_username', email: 'email:email' } as const;

const claimsMapping: Rule = (model, settings) => {
  const entry = activeEntry(model, MAPPING, factsOf(model, settings).version);
  if (!entry || !Array.isArray(entry.value) || entry.value.length === 0) return [];
  const values = entry.value;
  const items = listItems(entry);
  const normalized = values.map(normalizeClaim);
  const out: Issue[] = [];
  const why = 'OpenMetadata refuses the mapping at startup ("Invalid JWT Principal Claims Mapping")';
  values.forEach((v, i) => {
    const fixed = normalized[i];
    if (fixed !== undefined && fixed === v) return;
    const shown = itemText(v);
    out.push({
      code: 'claims-mapping-invalid',
      severity: 'error',
      span: items?.[i].span ?? entry.valueSpan ?? entry.keySpan,
      message: `\`${shown}\` is not a \`username:claim\` or \`email:claim\` entry; ${why}.${fixed ? ` Write \`${fixed}\`.` : ' Use `username:<claim>` and `email:<claim>`.'}`,
      data: { path: MAPPING, index: i, replacement: fixed, whole: items ? undefined : normalized.every(Boolean) ? normalized : undefined },
    });
  });
  const keys = new Set(normalized.filter((n): n is string => Boolean(n)).map((n) => n.split(':')[0]));
  const missing = (['username', 'email'] as const).filter((k) => !keys.has(k));
  if (missing.length && keys.size) {
    const complete = normalized.every(Boolean) ? [...(normalized as string[]), ...missing.map((k) => DEFAULT_CLAIM[k])] : undefined;
    out.push({
      code: 'claims-mapping-invalid',
      severity: 'error',
      span: entry.valueSpan ?? entry.keySpan,
      message: `\`jwtPrincipalClaimsMapping\` has no \`${missing.join('` or `')}\` entry; ${why}: both username and email must be mapped. Add ${missing.map((k) => `\`${DEFAULT_CLAIM[k]}\``).join(' and ')}.`,
      data: { path: MAPPING, missing, whole: complete },
    });
  }
  return out;
};

const claimsFixes: FixProvider = ({ text, model, data }) => {
  const entry = model.entries.get(MAPPING);
  if (!entry) return [];
  const whole = data.whole as string[] | undefined;
  if (whole) {
    const { changes } = setValues(text, model, [{ path: MAPPING, value: whole }]);
    return changes.length
      ? [
          {
            title: data.missing
              ? `Add ${(data.missing as string[]).map((k) => `\`${DEFAULT_CLAIM[k as 'email']}\``).join(' and ')}`
              : 'Rewrite the mapping as `key:claim` entries',
            changes,
            preferred: true,
          },
        ]
      : [];
  }
  const replacement = typeof data.replacement === 'string' ? data.replacement : undefined;
  const items = listItems(entry);
  if (!replacement || !items || typeof data.index !== 'number') return [];
  return [{ title: `Change to \`${replacement}\``, changes: replaceItem(text, model, entry, items, data.index, replacement), preferred: true }];
};

const adminFormat: Rule = (model, settings) => {
  const facts = factsOf(model, settings);
  const entry = activeEntry(model, ADMINS, facts.version);
  const items = entry ? listItems(entry) : undefined;
  if (!entry || !items) return [];
  const out: Issue[] = [];
  items.forEach((item, i) => {
    const credential = credentialUser(item.value);
    if (credential !== undefined) {
      out.push(credentialIssue(credential, item.span, i, facts.atLeast('2.0')));
      return;
    }
    if (typeof item.value !== 'string' || item.value.includes('${')) return;
    const name = principalName(item.value.trim());
    if (!name || name === item.value) return;
    const emails = facts.atLeast('2.0') ? ' To name admins by email, use `adminEmails`.' : '';
    out.push({
      code: 'admin-principal-format',
      severity: 'warning',
      span: item.span,
      message: `Admin principals are usernames: OpenMetadata compares them with the lowercased part before \`@\` of the login's claim, so \`${item.value}\` never matches and that user gets no admin rights. Use \`${name}\`.${emails}`,
      data: { path: ADMINS, index: i, suggestion: name },
    });
  });
  return out;
};

/**
 * The user part of an admin principal written as `user:password` (or parsed by YAML as a `user: password` pair), as
 * older docs showed for basic auth; undefined for anything else. OpenMetadata takes the whole text as the user name.
 */
function credentialUser(value: JsonValue): string | undefined {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    return keys.length === 1 && principalName(keys[0].trim()) ? principalName(keys[0].trim()) : undefined;
  }
  if (typeof value !== 'string' || value.includes('${')) return undefined;
  const colon = value.indexOf(':');
  if (colon <= 0) return undefined;
  return principalName(value.slice(0, colon).trim()) || undefined;
}

// The message never repeats the text after `:`: it is a password, and messages reach the Problems panel and CI logs.
function credentialIssue(user: string, span: Span, index: number, emails: boolean): Issue {
  const instead = emails ? ' To name admins by email, use `adminEmails`.' : '';
  return {
    code: 'admin-principal-format',
    severity: 'error',
    span,
    message: `An admin principal is a user name only: a password cannot be set here. OpenMetadata takes the whole entry, \`:\` and password included, as the name of a new admin, and the app then fails for that user. Use \`${user}\`; basic auth gives a new admin the default password, which the admin changes after signing in.${instead}`,
    data: { path: ADMINS, index, suggestion: user },
  };
}

const adminFixes: FixProvider = ({ text, model, data }) => {
  const entry = model.entries.get(ADMINS);
  const items = entry ? listItems(entry) : undefined;
  if (!entry || !items || typeof data.index !== 'number' || typeof data.suggestion !== 'string' || !items[data.index]) return [];
  const duplicate = items.some((item, i) => i !== data.index && item.text === data.suggestion);
  return [
    {
      title: duplicate ? `Remove it (\`${data.suggestion}\` is already listed)` : `Change to \`${data.suggestion}\``,
      changes: replaceItem(text, model, entry, items, data.index, data.suggestion),
      preferred: true,
    },
  ];
};

/** The bare domain a URL, an email or a host with a path or port stands for; undefined when it is one already. */
export function bareDomain(value: string): string | undefined {
  const s = value.trim();
  if (!s || s === 'all') return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) {
    try {
      return new URL(s).hostname || undefined;
    } catch {
      return undefined;
    }
  }
  if (s.includes('@')) return s.slice(s.lastIndexOf('@') + 1).split('/')[0] || undefined;
  if (s.includes('/')) return s.split('/')[0] || undefined;
  if (/^[^:]+:\d+$/.test(s)) return s.split(':')[0];
  return undefined;
}

function domainIssue(entry: ModelEntry, span: Span, value: string, domain: string, index?: number): Issue {
  const kind = /^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()) ? 'a URL' : value.includes('@') ? 'an email address' : 'not a bare domain';
  return {
    code: 'principal-domain-format',
    severity: 'error',
    span,
    message: `\`${entry.sourceKey}\` takes a bare email domain, but \`${value}\` is ${kind}: OpenMetadata compares it with the domain after \`@\` of each user's email, so nobody matches and, with domain enforcement on, everyone is locked out. Use \`${domain}\`.`,
    data: { path: entry.path, index, suggestion: domain },
  };
}

/** The domains of a value that lists several (`abc.org, xyz.org`); undefined for one domain or anything else. */
export function severalDomains(value: string): string[] | undefined {
  if (value.includes('${')) return undefined;
  const parts = value.split(/[\s,;]+/).filter(Boolean);
  const domain = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;
  return parts.length > 1 && parts.every((p) => domain.test(p)) ? parts : undefined;
}

const allowedKey = () => schemaIndex.byPath.get(Paths.allowedDomains)!;

function severalIssue(entry: ModelEntry, span: Span, domains: string[], listable: boolean): Issue {
  const list = listable
    ? ' List every allowed domain in `allowedDomains` instead, and keep one here.'
    : ' Keep one here: this release has no list of allowed domains (`allowedDomains` came in 1.7).';
  return {
    code: 'principal-domain-format',
    severity: 'error',
    span,
    message: `\`${entry.sourceKey}\` takes one email domain, but this value lists ${domains.length}: OpenMetadata builds emails as \`name@${entry.value as string}\`, which it then refuses (the signed-in user's page answers 400 and the UI never loads).${list}`,
    data: { path: entry.path, suggestion: domains[0], allowed: listable ? domains : undefined },
  };
}

const domainFormat: Rule = (model, settings) => {
  const version = factsOf(model, settings).version;
  const out: Issue[] = [];
  for (const path of DOMAIN_PATHS) {
    const entry = activeEntry(model, path, version);
    if (!entry || typeof entry.value !== 'string' || !entry.valueSpan) continue;
    const several = severalDomains(entry.value);
    if (several) {
      out.push(severalIssue(entry, entry.valueSpan, several, path === Paths.principalDomain && existsIn(allowedKey(), version)));
      continue;
    }
    const domain = bareDomain(entry.value);
    if (domain) out.push(domainIssue(entry, entry.valueSpan, entry.value, domain));
  }
  for (const path of DOMAIN_LIST_PATHS) {
    const entry = activeEntry(model, path, version);
    const items = entry ? listItems(entry) : undefined;
    if (!entry || !items) continue;
    items.forEach((item, i) => {
      const domain = typeof item.value === 'string' && !item.value.includes('${') ? bareDomain(item.value) : undefined;
      if (domain) out.push(domainIssue(entry, item.span, item.value as string, domain, i));
    });
  }
  return out;
};

/** The domains already allowed, then the new ones not among them. */
function unionWith(existing: JsonValue | undefined, domains: string[]): string[] {
  const had = Array.isArray(existing) ? existing.filter((d): d is string => typeof d === 'string' && !d.includes('${')) : [];
  return [...had, ...domains.filter((d) => !had.includes(d))];
}

const domainFixes: FixProvider = ({ text, model, data }) => {
  const entry = model.entries.get(String(data.path));
  const suggestion = typeof data.suggestion === 'string' ? data.suggestion : undefined;
  if (!entry || !suggestion) return [];
  let changes: TextChange[];
  if (typeof data.index === 'number') {
    const items = listItems(entry);
    if (!items?.[data.index]) return [];
    changes = replaceItem(text, model, entry, items, data.index, suggestion);
  } else {
    const allowed = Array.isArray(data.allowed) ? data.allowed.filter((d): d is string => typeof d === 'string') : undefined;
    const values = [
      { path: entry.path, value: suggestion },
      ...(allowed ? [{ path: Paths.allowedDomains, value: unionWith(model.entries.get(Paths.allowedDomains)?.value, allowed) }] : []),
    ];
    changes = setValues(text, model, values).changes;
    if (allowed && changes.length) return [{ title: `Keep \`${suggestion}\` and list all ${allowed.length} in \`allowedDomains\``, changes, preferred: true }];
  }
  const fix: Fix = { title: `Change to \`${suggestion}\``, changes, preferred: true };
  return changes.length ? [fix] : [];
};

export const family: RuleFamily = {
  rules: [claimsMapping, adminFormat, domainFormat],
  fixes: { 'claims-mapping-invalid': claimsFixes, 'admin-principal-format': adminFixes, 'principal-domain-format': domainFixes },
};
