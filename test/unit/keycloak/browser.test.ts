// Reading Keycloak's login pages: the form (action with HTML entities, hidden inputs) and the message a page shows.
// The HTML is trimmed from Keycloak 26.7.3 pages (theme keycloak.v2) and Keycloak 24's keycloak theme.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loginForm, pageMessage, pageTitle } from '../../../keycloak/browser';

const LOGIN_26 = `<h1 class="pf-v5-c-title pf-m-3xl" id="kc-page-title"> Sign in to your account </h1>
<form id="kc-form-login" class="pf-v5-c-form" onsubmit="login.disabled = true; return true;" action="http://127.0.0.1:41053/realms/probe/login-actions/authenticate?session_code=iniG2F&amp;execution=1f7e&amp;client_id=pub&amp;tab_id=f5T" method="post" novalidate="novalidate">
 <input id="username" name="username" value="" type="text" autocomplete="username" autofocus aria-invalid=""/>
 <input id="password" name="password" value="" type="password" autocomplete="current-password" aria-invalid=""/>
 <input type="hidden" id="id-hidden-input" name="credentialId" />
 <button class="pf-v5-c-button pf-m-primary pf-m-block" name="login" id="kc-login" type="submit">Sign In</button>
</form>`;
const ERROR_26 = `<h1 class="pf-v5-c-title pf-m-3xl" id="kc-page-title"> We are sorry... </h1>
<div class="pf-v5-c-login__main-body"> <div id="kc-error-message"> <p class="instruction">Invalid parameter: redirect_uri</p> </div>`;
const BAD_PASSWORD_24 = `<form id="kc-form-login" action="/auth/realms/r/login-actions/authenticate?session_code=a&amp;tab_id=b" method="post">
<input tabindex="1" id="username" class="pf-c-form-control" name="username" value="jane" type="text" autofocus autocomplete="off" aria-invalid="true"/>
<span id="input-error" class="pf-c-form__helper-text" aria-live="polite">Invalid username or password.</span>
<input tabindex="2" id="password" class="pf-c-form-control" name="password" type="password" autocomplete="off" aria-invalid="true"/>
<input type="hidden" id="id-hidden-input" name="credentialId" value="c&#39;1"/>
</form>`;

describe('Keycloak pages', () => {
  test('the login form: action with entities decoded, hidden inputs kept', () => {
    const form = loginForm({ status: 200, html: LOGIN_26 }, 'http://127.0.0.1:41053/realms/probe/protocol/openid-connect/auth?x=1');
    assert.equal(form?.action, 'http://127.0.0.1:41053/realms/probe/login-actions/authenticate?session_code=iniG2F&execution=1f7e&client_id=pub&tab_id=f5T');
    assert.deepEqual([...(form?.hidden ?? [])], [['credentialId', '']]);
    assert.equal(pageTitle({ status: 200, html: LOGIN_26 }), 'Sign in to your account');
    assert.equal(pageMessage({ status: 200, html: LOGIN_26 }), undefined);
  });

  test('a relative action resolves against the page; the error under the field is the message', () => {
    const page = { status: 200, html: BAD_PASSWORD_24 };
    const form = loginForm(page, 'https://kc.example.org/auth/realms/r/protocol/openid-connect/auth');
    assert.equal(form?.action, 'https://kc.example.org/auth/realms/r/login-actions/authenticate?session_code=a&tab_id=b');
    assert.equal(form?.hidden.get('credentialId'), "c'1");
    assert.equal(pageMessage(page), 'Invalid username or password.');
  });

  test('an error page has no form; its message is read', () => {
    const page = { status: 400, html: ERROR_26 };
    assert.equal(loginForm(page, 'http://x/'), undefined);
    assert.equal(pageMessage(page), 'Invalid parameter: redirect_uri');
  });
});
