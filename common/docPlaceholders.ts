// Documentation placeholders left in a value (`{your domain}`, `<myrealm>`): pure text, shared by the language service
// and the Keycloak URL grammar, which cannot compare a part of a URL that is still a hole.

/** A documentation placeholder inside a value, in offsets relative to the value text. */
export interface DocHole {
  start: number;
  end: number;
  text: string;
  /** `{http://...}`: braces around a URL, which are docs notation and can simply be dropped. */
  wrapsUrl: boolean;
  /** `<name>` rather than `{name}`. */
  angle: boolean;
}

const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Index of the `}` that closes the `{` at `open`, or -1. */
function closingBrace(s: string, open: number, to: number): number {
  let depth = 0;
  for (let i = open; i < to; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function scanHoles(s: string, from: number, to: number, out: DocHole[]): void {
  let i = from;
  while (i < to) {
    const c = s[i];
    if (c === '{') {
      // `{{ .Values.x }}` is a Helm/Go template filled at deploy time, `${VAR}` a substitution: neither is a hole.
      if (s[i + 1] === '{') {
        const close = s.indexOf('}}', i + 2);
        i = close === -1 || close >= to ? to : close + 2;
        continue;
      }
      if (s[i - 1] === '$') {
        i++;
        continue;
      }
      const close = closingBrace(s, i, to);
      if (close === -1) {
        i++;
        continue;
      }
      const inner = s.slice(i + 1, close);
      // JSON (`{"a": "b"}`, also escaped inside a quoted string) and YAML flow mappings (`{customParamKey1: x}`) are
      // values, not placeholders.
      const isMapping = /^\s*\\?["']/.test(inner) || /^\s*[\w.-]+\s*:(\s|$)/.test(inner);
      if (/[A-Za-z]/.test(inner) && !isMapping) {
        const wrapsUrl = URL_START.test(inner.trim());
        out.push({ start: i, end: close + 1, text: s.slice(i, close + 1), wrapsUrl, angle: false });
        if (wrapsUrl) scanHoles(s, i + 1, close, out);
      }
      i = close + 1;
      continue;
    }
    if (c === '<') {
      // `<path:...>` is argocd-vault-plugin's reference, filled at deploy time.
      const m = /^<(?!path:)[A-Za-z][^<>\n]*>/.exec(s.slice(i, to));
      if (m) {
        out.push({ start: i, end: i + m[0].length, text: m[0], wrapsUrl: false, angle: true });
        i += m[0].length;
        continue;
      }
    }
    i++;
  }
}

/**
 * Docs placeholders (`{your domain}`, `<myrealm>`, `{Client ID}`, `{http://...}`) in a value as written, in offsets
 * relative to it. A `${VAR}` reference, a Helm template, JSON and YAML flow mappings (`{a: x}`) are values, not holes.
 */
export function docPlaceholders(raw: string): DocHole[] {
  const out: DocHole[] = [];
  scanHoles(raw, 0, raw.length, out);
  return out.sort((a, b) => a.start - b.start);
}
