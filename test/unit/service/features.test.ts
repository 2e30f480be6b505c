// Completion, hover and inlay hints computed from the schema, in each file shape.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/service/analyze';
import { complete } from '../../../server/src/service/complete';
import { hover } from '../../../server/src/service/hover';
import { inlayHints } from '../../../server/src/service/inlayHints';
import { check, doc, URI } from '../helpers';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { acceptCompletion } from '../vscodeEdits';
import { DefaultSecret } from '../../../common/protocol';

function completions(text: string, uri?: string) {
  const { document, offset } = doc(text, uri);
  return complete(document, analyze(document.uri, document.getText()), offset);
}
const labels = (text: string, uri?: string) => completions(text, uri).map((i) => i.label);

function hoverText(text: string, uri?: string): string {
  const { document, offset } = doc(text, uri);
  const h = hover(document, analyze(document.uri, document.getText()), offset);
  return h ? (h.contents as { value: string }).value : '';
}

function hints(text: string, uri?: string, show?: unknown): string[] {
  const { document } = doc(text, uri);
  return hintsOf(document, show).map((h) => String(h.label));
}
function hintsOf(document: TextDocument, show?: unknown) {
  return inlayHints(
    document,
    analyze(document.uri, document.getText()),
    { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } },
    show === undefined ? {} : { inlayHints: show },
  );
}

describe('completion', () => {
  it('offers what the file name promises in a file just started (issue 25, item 10)', () => {
    const offered = (text: string, uri: string, label: string) =>
      assert.ok(labels(text, uri).includes(label), `${label} in ${uri}: ${labels(text, uri).slice(0, 8).join(', ')}`);
    offered('|', 'file:///ws/openmetadata.yaml', 'authenticationConfiguration');
    offered('# our config\n|', 'file:///ws/openmetadata-prod.yaml', 'authorizerConfiguration');
    offered('|', 'file:///ws/.env', 'AUTHENTICATION_PROVIDER');
    offered('openmetadata:\n  config:\n    |', URI.helm, 'authentication');
  });
  it('near misses: other files, and files that already say what they are, get nothing from the name', () => {
    assert.deepEqual(labels('|', 'file:///ws/application.yaml'), []);
    assert.deepEqual(labels('server:\n  port: 80\n|', 'file:///ws/values.yaml'), []);
    assert.deepEqual(labels('NODE_ENV=production\n|', 'file:///ws/.env'), []);
    assert.deepEqual(labels('logging:\n  level: INFO\n|', 'file:///ws/openmetadata.yaml'), []);
  });
  it('offers the keys of the object at the cursor, not those already present', () => {
    const l = labels('authenticationConfiguration:\n  provider: custom-oidc\n  |\n  clientId: om\n');
    assert.ok(l.includes('authority') && l.includes('oidcConfiguration'));
    assert.ok(!l.includes('provider') && !l.includes('clientId'));
  });
  it('offers nested keys at depth', () => {
    const l = labels('authenticationConfiguration:\n  oidcConfiguration:\n    id: x\n    |\n');
    assert.ok(l.includes('discoveryUri') && l.includes('secret') && !l.includes('id'));
  });
  it('offers enum values, booleans and defaults for values', () => {
    assert.deepEqual(labels('authenticationConfiguration:\n  clientType: |\n'), ['public', 'confidential']);
    assert.deepEqual(labels('authenticationConfiguration:\n  enableSelfSignup: |\n'), ['true', 'false']);
    assert.deepEqual(labels('authenticationConfiguration:\n  oidcConfiguration:\n    scope: |\n'), ['openid email profile']);
  });
  it('inserts a whole oidcConfiguration block, with an env reference for the secret', () => {
    const item = completions('authenticationConfiguration:\n  clientType: confidential\n  |\n').find((i) => i.label === 'oidcConfiguration')!;
    const snippet = String(item.insertText);
    // Indented relative to the key: the editor adds the current line's indentation (adjustIndentation).
    for (const key of ['id:', 'secret:', 'discoveryUri:', 'callbackUrl:', 'serverUrl:', 'scope:'])
      assert.ok(snippet.includes(`\n  ${key}`), `${key} in ${snippet}`);
    assert.match(snippet, /secret: \$\{\d+:\\\$\{OIDC_CLIENT_SECRET\\\}\}/);
    assert.ok(!snippet.includes('maxAge'), 'the shipped maxAge "0" breaks Keycloak SSO, so it is not inserted');
  });
  it("writes a whole Helm oidcConfiguration in the chart's names, switched on, with the default Secret (issue 11, 5)", () => {
    const text =
      'openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      clientType: confidential\n      publicKeys:\n        - http://openmetadata:8585/api/v1/system/config/jwks\n        - http://keycloak:8080/realms/om/protocol/openid-connect/certs\n      authority: http://keycloak:8080/realms/om\n      clientId: openmetadata\n      callbackUrl: http://localhost:8585/callback\n      |\n';
    const { document, offset } = doc(text, URI.helm);
    const item = complete(document, analyze(document.uri, document.getText()), offset).find((i) => i.label === 'oidcConfiguration')!;
    const out = acceptCompletion(document.getText(), offset, item);
    const block = out.slice(out.indexOf('      oidcConfiguration:'));
    assert.match(block, /\n        enabled: true\n/);
    assert.match(block, new RegExp(`\n        clientId:\n          secretRef: ${DefaultSecret.secretName}\n          secretKey: ${DefaultSecret.idKey}\n`));
    assert.match(
      block,
      new RegExp(`\n        clientSecret:\n          secretRef: ${DefaultSecret.secretName}\n          secretKey: ${DefaultSecret.secretKey}\n`),
    );
    assert.match(block, /\n        oidcType: /);
    assert.doesNotMatch(block, /\$\{|\bid:|\bsecret:|\btype:|enabled: false/);
    assert.match(block, /\n        discoveryUri: http:\/\/keycloak:8080\/realms\/om\/\.well-known\/openid-configuration\n/, 'derived from the authority');
    assert.deepEqual(
      check(out, URI.helm)
        .diagnostics.filter((d) => (d.severity ?? 1) <= 2)
        .map((d) => `${d.code}@${d.range.start.line + 1}`),
      [],
    );
  });
  it("derives the server block's values from the file", () => {
    const text =
      'authenticationConfiguration:\n  provider: custom-oidc\n  clientType: confidential\n  authority: http://kc:8080/realms/om\n  clientId: om\n  callbackUrl: https://om.example.org/callback\n  |\n';
    const { document, offset } = doc(text);
    const item = complete(document, analyze(document.uri, document.getText()), offset).find((i) => i.label === 'oidcConfiguration')!;
    const out = acceptCompletion(document.getText(), offset, item);
    for (const line of [
      '    id: om',
      '    discoveryUri: http://kc:8080/realms/om/.well-known/openid-configuration',
      '    callbackUrl: https://om.example.org/callback',
      '    serverUrl: https://om.example.org',
      '    secret: ${OIDC_CLIENT_SECRET}',
    ])
      assert.ok(out.includes(`\n${line}\n`), `${line} in\n${out}`);
    assert.deepEqual(
      check(out).codes.filter((c) => /^(confidential|client-id|callback)/.test(c)),
      [],
    );
  });
  it('offers the roots at the top of a server config', () => {
    assert.deepEqual(labels('|\nauthenticationConfiguration:\n  provider: basic\n').sort(), ['authorizerConfiguration', 'jwtTokenConfiguration']);
  });
  it('uses Helm names in Helm values', () => {
    const l = labels('openmetadata:\n  config:\n    authentication:\n      |\n', 'file:///ws/values.yaml');
    assert.ok(l.includes('publicKeys') && !l.includes('publicKeyUrls') && !l.includes('providerName'));
    assert.ok(labels('openmetadata:\n  config:\n    authentication:\n      oidcConfiguration:\n        |\n', 'file:///ws/values.yaml').includes('enabled'));
  });
  it('offers env var names not yet defined, and their values', () => {
    const l = labels('AUTHENTICATION_PROVIDER=custom-oidc\nAUTH|', 'file:///ws/.env');
    assert.ok(l.includes('AUTHENTICATION_CLIENT_TYPE') && !l.includes('AUTHENTICATION_PROVIDER'));
    assert.deepEqual(labels('AUTHENTICATION_CLIENT_TYPE=|', 'file:///ws/.env'), ['public', 'confidential']);
    const compose = completions('services:\n  om:\n    environment:\n      AUTHENTICATION_PROVIDER: basic\n      |\n', 'file:///ws/docker-compose.yml');
    assert.ok(String(compose.find((i) => i.label === 'OIDC_CLIENT_ID')?.insertText).startsWith('OIDC_CLIENT_ID: '));
  });
  it('offers nothing in unrelated YAML or outside the auth sections', () => {
    assert.deepEqual(labels('jobs:\n  build:\n    |\n', 'file:///ws/ci.yaml'), []);
    assert.deepEqual(labels('authenticationConfiguration:\n  provider: basic\ndatabase:\n  |\n'), []);
  });
});

describe('hover', () => {
  it('shows meaning, type, default, env var, Helm key and versions', () => {
    const text = hoverText('authenticationConfiguration:\n  publicKey|Urls: [a]\n');
    for (const part of [
      '**publicKeyUrls**',
      'list of strings',
      'AUTHENTICATION_PUBLIC_KEYS',
      'openmetadata.config.authentication.publicKeys',
      '**OpenMetadata:**',
      '**Default:**',
    ])
      assert.ok(text.includes(part), `${part} in ${text}`);
  });
  it('shows versions of a newer key and the effective value of a placeholder', () => {
    assert.match(
      hoverText('authenticationConfiguration:\n  clientType: ${AUTHENTICATION_CLIENT_TYPE:-conf|idential}\n'),
      /1\.3\+[\s\S]*Effective value:\*\* `confidential` unless `AUTHENTICATION_CLIENT_TYPE`/,
    );
  });
  it('works on env var names and Helm keys', () => {
    assert.match(hoverText('OIDC_DISCOVERY|_URI=http://x\nAUTHENTICATION_PROVIDER=custom-oidc\n', 'file:///ws/.env'), /\*\*discoveryUri\*\*/);
    assert.match(hoverText('openmetadata:\n  config:\n    authorizer:\n      initial|Admins: [a]\n', 'file:///ws/values.yaml'), /\*\*adminPrincipals\*\*/);
  });
  it('says nothing off the keys', () => {
    assert.equal(hoverText('authenticationConfiguration:\n  provider: basic\n|\n'), '');
  });
});

describe('inlay hints', () => {
  const PLACEHOLDERS = ['placeholderValue'];
  it('show placeholder values only when asked: the line already says `${VAR:-default}` (issue 11, 16)', () => {
    const text = 'authenticationConfiguration:\n  clientType: ${AUTHENTICATION_CLIENT_TYPE:-public}\n  clientId: ${CLIENT}\n  provider: basic\n';
    assert.deepEqual(hints(text), []);
    assert.deepEqual(hints(text, undefined, PLACEHOLDERS), ['= public', '= $CLIENT']);
    assert.deepEqual(hints(text, undefined, []), []);
  });
  it('never show a secret default', () => {
    assert.deepEqual(hints('authenticationConfiguration:\n  oidcConfiguration:\n    secret: ${OIDC_CLIENT_SECRET:-s3cret}\n', undefined, PLACEHOLDERS), [
      '= ••••',
    ]);
  });
  it('show the server key, without its root section, only where the name differs (issue 11, 16)', () => {
    const helm =
      'openmetadata:\n  config:\n    authentication:\n      clientId: om\n      publicKeys: [a]\n      oidcConfiguration:\n        callbackUrl: http://x/callback\n        clientId:\n          secretRef: oidc-secrets\n          secretKey: openmetadata-oidc-client-id\n';
    assert.deepEqual(hints(helm, URI.helm), ['→ publicKeyUrls', '→ oidcConfiguration.id']);
    assert.deepEqual(hints('AUTHENTICATION_CLIENT_ID=om\n', URI.dotenv), ['→ clientId']);
    assert.deepEqual(hints('AUTHENTICATION_CLIENT_ID=om\n', URI.dotenv, PLACEHOLDERS), []);
    for (const label of [...hints(helm, URI.helm), ...hints('OIDC_DISCOVERY_URI=x\n', URI.dotenv)])
      assert.ok(label.length <= 43, `${label} fits VS Code's default editor.inlayHints.maximumLength`);
  });
  it("sit on the key's line when the value is a block below it, never at the start of the next line (issue 11, 16)", () => {
    const { document } = doc(
      'openmetadata:\n  config:\n    authentication:\n      oidcConfiguration:\n        clientId:\n          secretRef: oidc-secrets\n          secretKey: openmetadata-oidc-client-id\n',
      URI.helm,
    );
    const [hint] = hintsOf(document);
    assert.deepEqual(hint.position, { line: 4, character: '        clientId:'.length });
  });
});
