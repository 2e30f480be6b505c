// Hostile servers on loopback, to prove what the Keycloak code refuses (issue 22, items 5–7): a token endpoint that
// redirects the credentials elsewhere, a login form that posts elsewhere, cookies for other hosts and paths, and
// answers too large or too slow to read.
import assert from 'node:assert/strict';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createBrowser, loginForm, pageMessage, pageTitle } from '../../../keycloak/browser';
import { KeycloakError } from '../../../keycloak/errors';
import { connect } from '../../../keycloak/gateway';
import { createFetchJson, createTransport, MAX_DOCUMENT_BYTES, plainHttpWarning } from '../../../keycloak/http';
import { signIn } from '../../../keycloak/signIn';

interface Seen {
  method: string;
  url: string;
  cookie?: string;
  body: string;
}

/** A loopback server that records every request it gets and answers with `handle`. */
async function hostile(
  handle: (req: IncomingMessage, res: ServerResponse, body: string) => void,
  host = '127.0.0.1',
): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', cookie: req.headers.cookie, body });
      handle(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host}:${port}`, seen, server };
}

const closeAll = (servers: Server[]) => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));

describe('credentials never follow a redirect (item 5)', () => {
  let thief: Awaited<ReturnType<typeof hostile>>;
  let redirecting: Awaited<ReturnType<typeof hostile>>;
  before(async () => {
    thief = await hostile((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"access_token":"x","expires_in":60}'));
    redirecting = await hostile((req, res) => res.writeHead(307, { location: `${thief.url}/steal${req.url}` }).end());
  });
  after(() => closeAll([thief.server, redirecting.server]));

  for (const status of [307, 308, 302]) {
    test(`a ${status} on the password grant is refused, naming where it pointed; nothing reaches the other origin`, async () => {
      const server = await hostile((req, res) => res.writeHead(status, { location: `${thief.url}/steal` }).end());
      try {
        const error = await connect({ url: server.url, auth: { kind: 'password', username: 'admin', password: 'pw-must-stay-home' } }).then(
          () => undefined,
          (e: unknown) => e,
        );
        assert.ok(error instanceof KeycloakError, String(error));
        assert.match(error.message, /redirect/i);
        assert.ok(error.message.includes(thief.url), error.message);
        assert.ok(!error.message.includes('pw-must-stay-home'));
        assert.deepEqual(thief.seen, []);
        assert.equal(server.seen.length, 1);
      } finally {
        await closeAll([server.server]);
      }
    });
  }

  test('the client-credentials grant is not re-sent either', async () => {
    await assert.rejects(
      connect({ url: redirecting.url, auth: { kind: 'clientCredentials', clientId: 'ops', clientSecret: 'secret-must-stay-home' } }),
      /redirect/i,
    );
    assert.deepEqual(thief.seen, []);
  });
});

describe('plain HTTP off loopback (item 5)', () => {
  test('a warning for http:// to another host, none for https or loopback', () => {
    assert.match(plainHttpWarning('http://keycloak.example.org/auth') ?? '', /keycloak\.example\.org.*unencrypted|unencrypted.*keycloak\.example\.org/i);
    assert.match(plainHttpWarning('http://10.0.0.5:8080') ?? '', /10\.0\.0\.5/);
    for (const safe of [
      'https://keycloak.example.org',
      'http://localhost:8080',
      'http://127.0.0.1:8080',
      'http://127.9.1.1',
      'http://[::1]:8080',
      'http://app.localhost',
    ])
      assert.equal(plainHttpWarning(safe), undefined, safe);
  });
});

/** A realm's discovery document on `base`, as processDiscoveryResponse needs it. */
const discovery = (base: string) => ({
  issuer: `${base}/realms/r`,
  authorization_endpoint: `${base}/realms/r/protocol/openid-connect/auth`,
  token_endpoint: `${base}/realms/r/protocol/openid-connect/token`,
  jwks_uri: `${base}/realms/r/protocol/openid-connect/certs`,
});
const publicClient = (base: string) => ({
  'authenticationConfiguration.clientType': 'public',
  'authenticationConfiguration.clientId': 'om',
  'authenticationConfiguration.authority': `${base}/realms/r`,
  'authenticationConfiguration.callbackUrl': 'http://localhost:8585/callback',
});
const form = (action: string) =>
  `<html><form id="kc-form-login" action="${action}" method="post"><input name="username"><input name="password" type="password"></form></html>`;

describe('Test Sign-in posts the password only to the Keycloak it tests (item 6)', () => {
  test('a login form whose action is another origin is refused before the password is sent', async () => {
    const thief = await hostile((_req, res) => res.writeHead(302, { location: 'http://localhost:8585/callback#id_token=x' }).end());
    const keycloak = await hostile((req, res) => {
      if (req.url?.startsWith('/realms/r/.well-known')) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(discovery(keycloak.url)));
      else res.writeHead(200, { 'content-type': 'text/html' }).end(form(`${thief.url}/login`));
    });
    try {
      const report = await signIn({ values: publicClient(keycloak.url), username: 'jane', password: 'pw-must-stay-home' });
      assert.equal(report.ok, false);
      assert.deepEqual(thief.seen, []);
      const failed = report.steps.find((s) => s.status === 'fail');
      assert.ok(failed, JSON.stringify(report.steps));
      assert.match(failed.detail, new RegExp(`${thief.url.replace(/[.]/g, '\\.')}.*not.*${keycloak.url.replace(/[.]/g, '\\.')}`));
      assert.ok(!JSON.stringify(report).includes('pw-must-stay-home'));
    } finally {
      await closeAll([thief.server, keycloak.server]);
    }
  });
});

describe('cookies are scoped by host and path (item 6)', () => {
  test('a cookie goes back only to the host and path that set it, and never to another host', async () => {
    // Another host name for this machine: cookies are scoped by host, not by port.
    const other = await hostile((_req, res) => res.writeHead(200).end('other'), 'localhost');
    const keycloak = await hostile((req, res) => {
      if (req.url === '/realms/r/set')
        res
          .writeHead(200, {
            'set-cookie': [
              'AUTH_SESSION=a1; Path=/realms/r/; HttpOnly',
              'KC_RESTART=k2; Path=/realms/r/',
              'WIDE=w; Path=/',
              `ELSEWHERE=e; Domain=example.org; Path=/`,
            ],
          })
          .end('set');
      else res.writeHead(200).end('ok');
    });
    try {
      const browser = createBrowser(createTransport(undefined).init, 5000);
      await browser.get(`${keycloak.url}/realms/r/set`);
      await browser.get(`${keycloak.url}/realms/r/login`);
      await browser.get(`${keycloak.url}/admin/`);
      await browser.get(`${other.url}/realms/r/login`);
      const cookies = (path: string) => keycloak.seen.find((s) => s.url === path)?.cookie ?? '';
      assert.deepEqual(cookies('/realms/r/login').split('; ').sort(), ['AUTH_SESSION=a1', 'KC_RESTART=k2', 'WIDE=w']);
      assert.equal(cookies('/admin/'), 'WIDE=w');
      assert.equal(other.seen[0]?.cookie, undefined);
    } finally {
      await closeAll([other.server, keycloak.server]);
    }
  });

  test('an expired cookie is dropped', async () => {
    const keycloak = await hostile((req, res) => {
      if (req.url === '/set') res.writeHead(200, { 'set-cookie': ['A=1; Path=/', 'B=2; Path=/'] }).end();
      else if (req.url === '/clear')
        res.writeHead(200, { 'set-cookie': ['A=; Max-Age=0; Path=/', 'B=2; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/'] }).end();
      else res.writeHead(200).end();
    });
    try {
      const browser = createBrowser(createTransport(undefined).init, 5000);
      await browser.get(`${keycloak.url}/set`);
      await browser.get(`${keycloak.url}/clear`);
      await browser.get(`${keycloak.url}/after`);
      assert.equal(keycloak.seen.at(-1)?.cookie, undefined);
    } finally {
      await closeAll([keycloak.server]);
    }
  });
});

describe('answers too large or too costly to read (item 7)', () => {
  const big = MAX_DOCUMENT_BYTES + 1024;
  let server: Awaited<ReturnType<typeof hostile>>;
  before(async () => {
    server = await hostile((req, res) => {
      // Streamed without a length, so the limit must hold while reading, not only on the header.
      res.writeHead(200, { 'content-type': req.url?.includes('page') ? 'text/html' : 'application/json' });
      res.write('{"keys":[');
      const chunk = `"${'x'.repeat(64 * 1024)}",`;
      let sent = 0;
      const more = () => {
        while (sent < big) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end('"x"]}');
      };
      more();
    });
  });
  after(() => closeAll([server.server]));

  test('a discovery document or key set larger than the limit is an error naming the limit', async () => {
    const error = await createFetchJson({ timeoutMs: 10_000 })(`${server.url}/realms/r/.well-known/openid-configuration`).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof KeycloakError, String(error));
    assert.match(error.message, new RegExp(`more than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`));
  });

  test('a login page larger than the limit is an error, not held in memory', async () => {
    const browser = createBrowser(createTransport(undefined).init, 10_000);
    await assert.rejects(browser.get(`${server.url}/page`), (e: unknown) => {
      assert.equal((e as { cause?: { code?: string } }).cause?.code, 'UND_ERR_RES_EXCEEDED_MAX_SIZE');
      return true;
    });
  });

  test('Test Sign-in says the realm metadata is too large', async () => {
    const values = { ...publicClient(server.url) };
    const report = await signIn({ values, username: 'jane', password: 'pw', timeoutMs: 10_000 });
    const step = report.steps.find((s) => s.id === 'discovery');
    assert.equal(step?.status, 'fail');
    assert.match(step.detail, new RegExp(`more than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`));
  });

  test('reading a hostile page of a few MB costs well under a second', () => {
    // Unclosed forms and attributes, the shapes that made the old regular expressions quadratic.
    const pieces = [
      '<form name=password name=username '.repeat(30_000),
      '<form action="x">'.repeat(60_000),
      `<span id="input-error" ${'a'.repeat(200_000)}`,
      `<h1 id="kc-page-title"${' '.repeat(200_000)}`,
      `<input type=hidden name=a value=${'&#x1'.repeat(100_000)}`,
      '<div class="alert-error'.repeat(40_000),
      // Deep nesting and end tags that match nothing: the cost of a parser's stack of open elements.
      '<b>'.repeat(300_000) + '</i>'.repeat(300_000),
      '<div><span id="input-error">'.repeat(100_000) + '</div>'.repeat(100_000),
    ];
    for (const html of pieces) {
      const page = { status: 200, html };
      const started = performance.now();
      loginForm(page, 'http://x/');
      pageMessage(page);
      pageTitle(page);
      const ms = performance.now() - started;
      assert.ok(ms < 1000, `${html.slice(0, 30)}…: ${Math.round(ms)} ms`);
    }
  });
});
