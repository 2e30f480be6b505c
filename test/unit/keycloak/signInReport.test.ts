// The report as text and Markdown, settings named in the file's own terms.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { keyName } from '../../../keycloak/fileKeys';
import type { SignInReport } from '../../../keycloak/signIn';
import { reportMarkdown, reportText } from '../../../keycloak/signInReport';

const failed: SignInReport = {
  ok: false,
  flow: 'implicit',
  clientType: 'public',
  username: 'jane',
  summary: 'jane cannot sign in: Keycloak answered "<b>Invalid</b> | redirect_uri".',
  steps: [
    { id: 'config', status: 'pass', detail: 'Public client.' },
    {
      id: 'signature',
      status: 'fail',
      path: 'authenticationConfiguration.publicKeyUrls',
      detail: 'Keycloak answered "<b>Invalid</b> | redirect_uri".',
      fix: 'Add it.',
      fixValue: { path: 'authenticationConfiguration.publicKeyUrls', value: ['https://kc/realms/r/protocol/openid-connect/certs'] },
    },
  ],
};

describe('sign-in report', () => {
  test('the file shape names the setting: server path, env variable, Helm values path', () => {
    assert.equal(keyName('server', 'authenticationConfiguration.publicKeyUrls'), 'authenticationConfiguration.publicKeyUrls');
    assert.equal(keyName('env', 'authenticationConfiguration.publicKeyUrls'), 'AUTHENTICATION_PUBLIC_KEYS');
    assert.equal(keyName('helm', 'authenticationConfiguration.publicKeyUrls'), 'openmetadata.config.authentication.publicKeys');
    assert.equal(keyName('helm', 'authorizerConfiguration.adminPrincipals'), 'openmetadata.config.authorizer.initialAdmins');
    assert.equal(keyName('env', 'authenticationConfiguration.oidcConfiguration.callbackUrl'), 'OIDC_CALLBACK');
  });

  test('text: each failure with its setting, fix and value', () => {
    const text = reportText(failed, '.env', (p) => keyName('env', p));
    assert.match(text, /✘ Token accepted \(publicKeyUrls\): Keycloak answered/);
    assert.match(text, /setting: AUTHENTICATION_PUBLIC_KEYS\. Fix: Add it\./);
    assert.match(text, /value: AUTHENTICATION_PUBLIC_KEYS = \["https:\/\/kc\/realms\/r\/protocol\/openid-connect\/certs"\]/);
    assert.match(text.split('\n').at(-1) ?? '', /^FAIL: /);
  });

  test('text: a failure with a setting and a fix but no value says the fix once', () => {
    const report: SignInReport = {
      ...failed,
      steps: [
        {
          id: 'authorize',
          status: 'fail',
          path: 'authenticationConfiguration.callbackUrl',
          detail: 'Keycloak answered "Invalid parameter: redirect_uri".',
          fix: 'Register the callback.',
        },
      ],
    };
    const text = reportText(report, 'openmetadata.yaml');
    assert.equal(text.split('Register the callback.').length - 1, 1, text);
    assert.match(text, /setting: authenticationConfiguration\.callbackUrl\. Fix: Register the callback\./);
    const bare: SignInReport = { ...failed, steps: [{ id: 'login', status: 'fail', detail: 'Refused.', fix: 'Check the password.' }] };
    assert.match(reportText(bare, 'openmetadata.yaml'), /^ {6}Fix: Check the password\.$/m);
  });

  test('Markdown: server text stays text (no HTML, no broken table)', () => {
    const markdown = reportMarkdown(failed, 'values.yaml', (p) => keyName('helm', p));
    assert.ok(!markdown.includes('<b>'), markdown);
    const row = markdown.split('\n').find((l) => l.includes('Token accepted'));
    assert.equal(row?.split(/(?<!\\)\|/).length, 7, row);
    assert.match(row ?? '', /`openmetadata\.config\.authentication\.publicKeys`/);
  });
});

// Rendered as VS Code's Markdown preview renders it (markdown-it with HTML and bare-link detection on).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options: object) => { render(text: string): string };
const render = (markdown: string) => new MarkdownIt({ html: true, linkify: true }).render(markdown);
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('sign-in report: Markdown injection (issue 22, item 9)', () => {
  const HOSTILE = [
    '[click](https://evil.example/a)',
    '![pixel](https://evil.example/p.png)',
    '<img src="https://evil.example/i.png">',
    '<https://evil.example/auto>',
    'https://evil.example/bare',
    'www.evil.example',
    'mallory@evil.example',
    '*bold* _it_ ~~s~~ # h',
    '&lt;b&gt; &amp;',
    '`code` ``two``',
  ];
  const hostile: SignInReport = {
    ok: false,
    flow: 'code',
    clientType: 'confidential',
    username: HOSTILE[0],
    summary: `${HOSTILE[1]} cannot sign in: ${HOSTILE[2]}`,
    steps: [
      { id: 'login', status: 'fail', detail: `Keycloak refused: "${HOSTILE.join(' ')}"`, fix: HOSTILE[3] },
      { id: 'claims', status: 'warn', detail: HOSTILE[4], fix: HOSTILE[6] },
    ],
    user: { name: `a\`b${HOSTILE[2]}`, email: HOSTILE[6], claim: HOSTILE[1], admin: false, admins: [HOSTILE[0], 'x`|y'] },
  };

  test('claims, Keycloak texts, the user and the file name render as text: no link, image or HTML', () => {
    const html = render(reportMarkdown(hostile, 'dir/[x](https://evil.example/f)/openmetadata.yaml'));
    assert.doesNotMatch(html, /<a\b|<img\b|href=/i, html);
    assert.doesNotMatch(html, /<em>|<s>|<del>|<h1>[^<]*# h/, html);
    assert.equal((html.match(/<h1>/g) ?? []).length, 1, html);
  });

  test('and read back exactly as they were', () => {
    const text = textOf(render(reportMarkdown(hostile, 'dir/[x](https://evil.example/f)/openmetadata.yaml')));
    for (const piece of HOSTILE) assert.ok(text.includes(piece), `${piece}\n${text}`);
    assert.ok(text.includes(`a\`b${HOSTILE[2]}`), text);
    assert.ok(text.includes('x`|y'), text);
    assert.ok(text.includes('dir/[x](https://evil.example/f)/openmetadata.yaml'), text);
  });

  test('a table row stays one row of five cells whatever the detail holds', () => {
    const markdown = reportMarkdown({ ...hostile, steps: [{ id: 'login', status: 'fail', detail: 'a | b\nc \\| d', fix: 'e |' }] }, 'f');
    const html = render(markdown);
    assert.equal((html.match(/<tr>/g) ?? []).length, 2, html);
    assert.equal((html.match(/<td>/g) ?? []).length, 5, html);
  });
});
