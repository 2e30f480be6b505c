// Just enough of a browser for Keycloak's login pages: cookies, the login form, the page's error text, no redirects.
// Pages are read by a linear tokenizer: regular expressions over a hostile page backtracked for seconds, and the
// well-known HTML parsers keep a stack of open elements whose cost grows with the nesting (minutes on a 2 MB page).
import { CookieJar } from 'tough-cookie';

export interface Page {
  status: number;
  /** Absolute Location of a redirect, if any. */
  location?: string;
  html: string;
}

export interface Browser {
  get(url: string): Promise<Page>;
  post(url: string, form: URLSearchParams): Promise<Page>;
}

/**
 * `init` carries the TLS dispatcher (and the size limit); redirects are returned, never followed, so the callback is
 * seen, not visited. Cookies go back only to the host, path and scheme that set them, as a browser's would.
 */
export function createBrowser(init: RequestInit, timeoutMs: number): Browser {
  const jar = new CookieJar();
  const send = async (url: string, options: RequestInit): Promise<Page> => {
    const headers: Record<string, string> = { accept: 'text/html', ...(options.headers as Record<string, string>) };
    const cookie = jar.getCookieStringSync(url);
    if (cookie) headers.cookie = cookie;
    const response = await fetch(url, { ...init, ...options, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    // A cookie the jar refuses (another domain, a public suffix) is dropped, as a browser drops it.
    for (const line of response.headers.getSetCookie()) jar.setCookieSync(line, url, { ignoreError: true });
    const location = response.headers.get('location');
    return { status: response.status, location: location ? new URL(location, url).href : undefined, html: await response.text() };
  };
  return {
    get: (url) => send(url, { method: 'GET' }),
    post: (url, form) => send(url, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
  };
}

export interface LoginForm {
  action: string;
  /** Hidden inputs Keycloak expects back (e.g. credentialId). */
  hidden: URLSearchParams;
}

/** Keycloak's username/password form, or undefined when the page has none. */
export function loginForm(page: Page, pageUrl: string): LoginForm | undefined {
  const form = read(page).forms.find((f) => f.names.has('password') && f.names.has('username'));
  if (!form?.action) return undefined;
  let action: string;
  try {
    action = new URL(form.action, pageUrl).href;
  } catch {
    return undefined;
  }
  return { action, hidden: new URLSearchParams(form.hidden) };
}

/** The message Keycloak shows on an error or login page (its themes differ in markup), as plain text. */
export function pageMessage(page: Page): string | undefined {
  return read(page).messages.find((m) => m) || undefined;
}

/** The page's heading, e.g. "Update Account Information", to say which page Keycloak stopped at. */
export function pageTitle(page: Page): string | undefined {
  const { heading, title } = read(page);
  return heading || title || undefined;
}

interface ReadPage {
  forms: { action?: string; names: Set<string>; hidden: [string, string][] }[];
  /** The text of the first element of each kind in MESSAGES, in that order of preference. */
  messages: string[];
  heading: string;
  title: string;
}

type Attributes = Record<string, string>;
const hasClass = (attributes: Attributes, names: string[]) => names.some((n) => (attributes.class ?? '').includes(n));

// Where Keycloak's themes put the message, most specific first: the error under a field (keycloak.v2 and the old
// theme), the feedback text, the error page's message, an alert.
const MESSAGES: ((tag: string, attributes: Attributes) => boolean)[] = [
  (tag, a) => tag === 'span' && (a.id ?? '').startsWith('input-error'),
  (tag, a) => tag === 'span' && hasClass(a, ['kc-feedback-text']),
  (tag, a) => tag === 'div' && a.id === 'kc-error-message',
  (tag, a) => ['div', 'span', 'h4', 'p'].includes(tag) && hasClass(a, ['alert-error', 'pf-m-danger', 'pf-v5-c-alert__title']),
];
const HEADING = (tag: string, a: Attributes) => tag === 'h1' && a.id === 'kc-page-title';
const TITLE = (tag: string) => tag === 'title';
/** Enough of any text for a one-line message; the rest of a hostile page is not kept. */
const TEXT_LIMIT = 300;

const parsed = new WeakMap<Page, ReadPage>();

/** One pass over the page; every question about it is answered from this. */
function read(page: Page): ReadPage {
  const known = parsed.get(page);
  if (known) return known;
  const result: ReadPage = { forms: [], messages: MESSAGES.map(() => ''), heading: '', title: '' };
  // Elements whose text is wanted, each until the end tag that balances it: only tags of its own name are counted,
  // so a close costs the same however deep a hostile page nests.
  const open: { tag: string; level: number; text: string; done: (text: string) => void }[] = [];
  const levels = new Map<string, number>();
  const taken = new Set<unknown>();
  let form: ReadPage['forms'][number] | undefined;
  const capture = (key: unknown, tag: string, done: (text: string) => void) => {
    if (taken.has(key)) return;
    taken.add(key);
    open.push({ tag, level: levels.get(tag) ?? 0, text: '', done });
  };
  const append = (text: string) => {
    for (const o of open) if (o.text.length < TEXT_LIMIT * 4) o.text += text.slice(0, TEXT_LIMIT * 4);
  };
  scanHtml(page.html, {
    open(tag, attributes) {
      append(' ');
      if (tag === 'form' && !form) {
        form = { action: attributes.action, names: new Set(), hidden: [] };
        result.forms.push(form);
      }
      if (tag === 'input' && form && attributes.name) {
        form.names.add(attributes.name);
        if ((attributes.type ?? '').toLowerCase() === 'hidden') form.hidden.push([attributes.name, attributes.value ?? '']);
      }
      MESSAGES.forEach((matches, i) => {
        if (matches(tag, attributes)) capture(matches, tag, (text) => (result.messages[i] = text));
      });
      if (HEADING(tag, attributes)) capture(HEADING, tag, (text) => (result.heading = text));
      if (TITLE(tag)) capture(TITLE, tag, (text) => (result.title = text));
      if (!VOID.has(tag)) levels.set(tag, (levels.get(tag) ?? 0) + 1);
    },
    text: append,
    close(tag) {
      append(' ');
      if (tag === 'form') form = undefined;
      const level = levels.get(tag) ?? 0;
      if (level === 0) return;
      levels.set(tag, level - 1);
      for (let i = open.length - 1; i >= 0; i--) {
        if (open[i].tag !== tag || open[i].level !== level - 1) continue;
        open[i].done(plain(open[i].text));
        open.splice(i, 1);
      }
    },
  });
  // Elements the page never closes end with it.
  for (const o of open) o.done(plain(o.text));
  parsed.set(page, result);
  return result;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Elements whose content is text up to their end tag, not markup. */
const RAW = new Set(['script', 'style', 'title', 'textarea']);

interface HtmlHandlers {
  open(tag: string, attributes: Attributes): void;
  text(text: string): void;
  close(tag: string): void;
}

/**
 * A tokenizer for the HTML Keycloak's themes write: start and end tags with attributes, text with entities,
 * comments and raw text skipped or kept whole. Each step moves forward with indexOf or one character at a time, so
 * the cost is linear in the page whatever it holds; malformed markup ends a tag or the page, never loops.
 */
function scanHtml(html: string, on: HtmlHandlers): void {
  const lower = html.toLowerCase();
  const end = html.length;
  let at = 0;
  const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f';
  const isNameStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  const until = (needle: string, from: number) => {
    const found = lower.indexOf(needle, from);
    return found === -1 ? end : found;
  };
  while (at < end) {
    const lt = html.indexOf('<', at);
    const textEnd = lt === -1 ? end : lt;
    if (textEnd > at) on.text(decodeEntities(html.slice(at, textEnd)));
    if (lt === -1) return;
    at = lt + 1;
    if (html.startsWith('!--', at)) {
      at = until('-->', at + 3) + 3;
      continue;
    }
    const closing = html[at] === '/';
    if (closing) at++;
    if (!isNameStart(html[at] ?? '')) {
      // `<!doctype>`, `<?xml>`, `</ >`: skipped to their end; a lone `<` is text.
      if (closing || html[at] === '!' || html[at] === '?') at = until('>', at) + 1;
      else on.text('<');
      continue;
    }
    const nameStart = at;
    while (at < end && !isSpace(html[at]) && html[at] !== '>' && html[at] !== '/') at++;
    const tag = lower.slice(nameStart, at);
    if (closing) {
      at = until('>', at) + 1;
      on.close(tag);
      continue;
    }
    const attributes: Attributes = {};
    while (at < end && html[at] !== '>') {
      if (isSpace(html[at]) || html[at] === '/') {
        at++;
        continue;
      }
      const attributeStart = at;
      while (at < end && !isSpace(html[at]) && html[at] !== '>' && html[at] !== '=' && !(html[at] === '/' && at > attributeStart)) at++;
      if (at === attributeStart) at++;
      const name = lower.slice(attributeStart, at);
      let value = '';
      while (at < end && isSpace(html[at])) at++;
      if (html[at] === '=') {
        at++;
        while (at < end && isSpace(html[at])) at++;
        const quote = html[at];
        if (quote === '"' || quote === "'") {
          const close = html.indexOf(quote, at + 1);
          const valueEnd = close === -1 ? end : close;
          value = html.slice(at + 1, valueEnd);
          at = valueEnd + 1;
        } else {
          const valueStart = at;
          while (at < end && !isSpace(html[at]) && html[at] !== '>') at++;
          value = html.slice(valueStart, at);
        }
      }
      if (name && !(name in attributes)) attributes[name] = decodeEntities(value);
    }
    at++;
    on.open(tag, attributes);
    if (RAW.has(tag)) {
      const close = until(`</${tag}`, at);
      if (close > at) on.text(tag === 'title' || tag === 'textarea' ? decodeEntities(html.slice(at, close)) : '');
      at = close;
    }
  }
}

const NAMED: Record<string, string> = { quot: '"', apos: "'", lt: '<', gt: '>', amp: '&', nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  // Bounded digit runs: a code point has at most 7 decimal or 6 hex digits.
  return text.replace(/&(?:#[xX]([0-9a-fA-F]{1,6})|#(\d{1,7})|(quot|apos|lt|gt|amp|nbsp));/g, (whole, hex?: string, dec?: string, name?: string) => {
    if (name) return NAMED[name];
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

function plain(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, TEXT_LIMIT);
}
