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
