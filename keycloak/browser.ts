// Just enough of a browser for Keycloak's login pages: cookies, the login form, the page's error text, no redirects.

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

/** `init` carries the TLS dispatcher; redirects are returned, never followed, so the callback is seen, not visited. */
export function createBrowser(init: RequestInit, timeoutMs: number): Browser {
  const cookies = new Map<string, string>();
  const send = async (url: string, options: RequestInit): Promise<Page> => {
    const headers: Record<string, string> = { accept: 'text/html', ...(options.headers as Record<string, string>) };
    if (cookies.size) headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { ...init, ...options, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) cookies.delete(name);
      else cookies.set(name, value);
    }
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
  const forms = page.html.match(/<form\b[^>]*>[\s\S]*?<\/form>/gi) ?? [];
  const form = forms.find((f) => /name=["']?password\b/i.test(f) && /name=["']?username\b/i.test(f));
  if (!form) return undefined;
  const action = attribute(form.slice(0, form.indexOf('>') + 1), 'action');
  if (!action) return undefined;
  const hidden = new URLSearchParams();
  for (const input of form.match(/<input\b[^>]*>/gi) ?? []) {
    if (attribute(input, 'type')?.toLowerCase() !== 'hidden') continue;
    const name = attribute(input, 'name');
    if (name) hidden.set(name, attribute(input, 'value') ?? '');
  }
  return { action: new URL(action, pageUrl).href, hidden };
}

/** The message Keycloak shows on an error or login page (its themes differ in markup), as plain text. */
export function pageMessage(page: Page): string | undefined {
  const patterns = [
    /id=["']input-error[^"']*["'][^>]*>([\s\S]*?)<\/span>/i,
    /class=["'][^"']*kc-feedback-text[^"']*["'][^>]*>([\s\S]*?)<\/span>/i,
    /id=["']kc-error-message["'][^>]*>([\s\S]*?)<\/div>/i,
    /class=["'][^"']*(?:alert-error|pf-m-danger|pf-v5-c-alert__title)[^"']*["'][^>]*>([\s\S]*?)<\/(?:div|span|h4|p)>/i,
  ];
  for (const pattern of patterns) {
    const text = plain(pattern.exec(page.html)?.[1] ?? '');
    if (text) return text;
  }
  return undefined;
}

/** The page's heading, e.g. "Update Account Information", to say which page Keycloak stopped at. */
export function pageTitle(page: Page): string | undefined {
  const heading = /id=["']kc-page-title["'][^>]*>([\s\S]*?)<\/h1>/i.exec(page.html)?.[1] ?? /<title>([\s\S]*?)<\/title>/i.exec(page.html)?.[1];
  return heading ? plain(heading) : undefined;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  const value = match?.[1] ?? match?.[2] ?? match?.[3];
  return value === undefined ? undefined : decodeEntities(value);
}

function plain(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
