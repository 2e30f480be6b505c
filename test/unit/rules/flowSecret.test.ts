// Flow and secret rules: public/confidential clients, their secret, the Auth Code keys, and agreeing ids and callbacks.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, codesOf, fix, fixesOf, fixed as fixedAndChecked, URI } from '../helpers';

const { server: SERVER, helm: HELM, dotenv: DOTENV, compose: COMPOSE } = URI;
const names = (codes: string[]) => codes.map((c) => c.split('@')[0]).sort();

const fixed = (text: string, code: string, uri: string, title?: string) => fixedAndChecked(text, code, uri, { title, gone: true });

const fixTitles = (text: string, code: string, uri: string) => fixesOf(text, code, uri);

/** A complete server config around an `oidcConfiguration` block (or none). */
const server = (clientType: string, oidc: string, extra = '') =>
  `authenticationConfiguration:
  provider: custom-oidc
  providerName: Keycloak
  clientType: ${clientType}
  authority: http://localhost:8080/realms/om
  clientId: om
  callbackUrl: http://localhost:8585/callback
  jwtPrincipalClaims: [email, preferred_username, sub]
  publicKeyUrls: [http://localhost:8080/realms/om/protocol/openid-connect/certs, http://localhost:8585/api/v1/system/config/jwks]
${extra}${oidc}`;

const OIDC_FULL = (secret: string) => `  oidcConfiguration:
    id: om
    secret: ${secret}
    discoveryUri: http://localhost:8080/realms/om/.well-known/openid-configuration
    callbackUrl: http://localhost:8585/callback
    serverUrl: http://localhost:8585
`;

describe('public-client-with-secret', () => {
  it('fires on a public client given a secret, on the secret', () => {
    assert.deepEqual(codesOf(server('public', OIDC_FULL('${KC_SECRET}   # from Vault')), SERVER, 'public-client-with-secret'), [
      'public-client-with-secret@12',
    ]);
    assert.deepEqual(codesOf(server('public', OIDC_FULL('s3cr3t')), SERVER, 'public-client-with-secret'), ['public-client-with-secret@12']);
  });
  it('also fires without a clientType (public is the default)', () => {
    const text = server('public', OIDC_FULL('s3cr3t')).replace('  clientType: public\n', '');
    assert.deepEqual(codesOf(text, SERVER, 'public-client-with-secret'), ['public-client-with-secret@11']);
  });
  it('stays silent on a blank or template secret, a confidential client and a non-OIDC provider', () => {
    assert.deepEqual(codesOf(server('public', OIDC_FULL('""')), SERVER, 'public-client-with-secret'), []);
    assert.deepEqual(codesOf(server('public', OIDC_FULL('${OIDC_CLIENT_SECRET:-""}')), SERVER, 'public-client-with-secret'), []);
    assert.deepEqual(codesOf(server('confidential', OIDC_FULL('${KC_SECRET}')), SERVER, 'public-client-with-secret'), []);
    assert.deepEqual(codesOf(server('public', OIDC_FULL('s3cr3t')).replace('custom-oidc', 'basic'), SERVER, 'public-client-with-secret'), []);
  });
  it('removes the secret (preferred)', () => {
    const text = server('public', OIDC_FULL('${KC_SECRET}   # from Vault'));
    assert.equal(fixed(text, 'public-client-with-secret', SERVER), server('public', OIDC_FULL('${KC_SECRET}').replace('    secret: ${KC_SECRET}\n', '')));
  });
  it('or switches to confidential, filling in what the Auth Code flow needs', () => {
    const text = server('public', '  oidcConfiguration:\n    id: om\n    secret: ${KC_SECRET}\n');
    const out = fixed(text, 'public-client-with-secret', SERVER, 'Switch');
    assert.equal(
      out,
      server(
        'confidential',
        '  oidcConfiguration:\n    id: om\n    secret: ${KC_SECRET}\n    discoveryUri: http://localhost:8080/realms/om/.well-known/openid-configuration\n    callbackUrl: http://localhost:8585/callback\n    serverUrl: http://localhost:8585\n',
      ),
    );
  });
  it('works in env files: a value or a ${VAR} without default is a secret, and every line of it is removed', () => {
    const text = 'AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_CLIENT_ID=om\nOIDC_CLIENT_SECRET=${KC_SECRET}\n';
    assert.deepEqual(codesOf(text, DOTENV, 'public-client-with-secret'), ['public-client-with-secret@3']);
    assert.equal(fixed(text, 'public-client-with-secret', DOTENV), 'AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_CLIENT_ID=om\n');
    assert.deepEqual(codesOf('AUTHENTICATION_PROVIDER=custom-oidc\nOIDC_CLIENT_SECRET=\n', DOTENV, 'public-client-with-secret'), []);
  });
  it('works in compose environment blocks', () => {
    const text = 'services:\n  om:\n    environment:\n      AUTHENTICATION_PROVIDER: custom-oidc\n      OIDC_CLIENT_SECRET: abc\n';
    assert.deepEqual(codesOf(text, COMPOSE, 'public-client-with-secret'), ['public-client-with-secret@5']);
  });
  it('in Helm stays silent: the chart renders no OIDC_* settings for a public client, enabled or not (a.7)', () => {
    const helm = (enabled: string) =>
      `openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      clientType: public\n      oidcConfiguration:\n        enabled: ${enabled}\n        clientSecret:\n          secretRef: oidc-secrets\n          secretKey: openmetadata-oidc-client-secret\n`;
    assert.deepEqual(codesOf(helm('true'), HELM, 'public-client-with-secret'), []);
    assert.deepEqual(codesOf(helm('false'), HELM, 'public-client-with-secret'), []);
  });
});

describe('confidential-client-without-secret', () => {
  it('fires on a blank secret, on the secret', () => {
    assert.deepEqual(codesOf(server('confidential', OIDC_FULL('""')), SERVER, 'confidential-client-without-secret'), ['confidential-client-without-secret@12']);
  });
  it('stays silent with a secret, a reference, a template default, or a public client', () => {
    for (const secret of ['${KC_SECRET}', '${OIDC_CLIENT_SECRET:-""}', '"<path:kv/data/om#secret>"']) {
      assert.deepEqual(codesOf(server('confidential', OIDC_FULL(secret)), SERVER, 'confidential-client-without-secret'), [], secret);
    }
    assert.deepEqual(codesOf(server('public', OIDC_FULL('""')), SERVER, 'confidential-client-without-secret'), []);
    assert.deepEqual(codesOf(server('confidential', OIDC_FULL('""')).replace('custom-oidc', 'ldap'), SERVER, 'confidential-client-without-secret'), []);
  });
  it('inserts a ${OIDC_CLIENT_SECRET} reference in place (preferred)', () => {
    assert.equal(
      fixed(server('confidential', OIDC_FULL('""')), 'confidential-client-without-secret', SERVER),
      server('confidential', OIDC_FULL('${OIDC_CLIENT_SECRET}')),
    );
  });
  it('or switches to public', () => {
    assert.equal(fixed(server('confidential', OIDC_FULL('""')), 'confidential-client-without-secret', SERVER, 'public'), server('public', OIDC_FULL('""')));
  });
  it('offers to fetch the secret from Keycloak with a command and no edit', () => {
    const f = fixTitles(server('confidential', OIDC_FULL('""')), 'confidential-client-without-secret', SERVER).find((x) => x.title === 'Fetch from Keycloak…')!;
    assert.deepEqual(f.changes, []);
    assert.deepEqual(f.command, {
      title: 'Fetch from Keycloak…',
      command: 'openmetadataAuth.createKeycloakClient',
      arguments: [{ clientId: 'om', flow: 'authCode', fromQuickFix: true }],
    });
  });
  it('in env files a missing OIDC_CLIENT_SECRET is blank; the fix adds the variable', () => {
    const text =
      'AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_CLIENT_TYPE=confidential\nAUTHENTICATION_CLIENT_ID=om\nOIDC_CLIENT_ID=om\nOIDC_DISCOVERY_URI=http://kc/realms/om/.well-known/openid-configuration\n';
    assert.deepEqual(codesOf(text, DOTENV, 'confidential-client-without-secret'), ['confidential-client-without-secret@2']);
    assert.equal(fixed(text, 'confidential-client-without-secret', DOTENV), `${text}OIDC_CLIENT_SECRET=\${OIDC_CLIENT_SECRET}\n`);
  });
  it('in Helm a blank clientSecret becomes a secretRef, in place', () => {
    const text =
      'openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      clientType: confidential\n      oidcConfiguration:\n        enabled: true\n        clientSecret: ""\n        discoveryUri: http://kc/realms/om/.well-known/openid-configuration\n';
    assert.deepEqual(codesOf(text, HELM, 'confidential-client-without-secret'), ['confidential-client-without-secret@8']);
    assert.equal(
      fixed(text, 'confidential-client-without-secret', HELM),
      'openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      clientType: confidential\n      oidcConfiguration:\n        enabled: true\n        clientSecret:\n          secretRef: oidc-secrets\n          secretKey: openmetadata-oidc-client-secret\n        discoveryUri: http://kc/realms/om/.well-known/openid-configuration\n',
    );
  });
  it('in Helm the chart default secretRef counts as a secret', () => {
    const text =
      'openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      clientType: confidential\n      oidcConfiguration:\n        enabled: true\n';
    assert.deepEqual(codesOf(text, HELM, 'confidential-client-without-secret'), []);
  });
});

describe('confidential-client-incomplete', () => {
  it('fires on a confidential client without oidcConfiguration, on clientType', () => {
    assert.deepEqual(codesOf(server('confidential', ''), SERVER, 'confidential-client-incomplete'), ['confidential-client-incomplete@4']);
  });
  it('inserts the block with values derived from the file', () => {
    const out = fix(server('confidential', ''), 'confidential-client-incomplete', undefined, SERVER);
    assert.equal(
      out,
      server(
        'confidential',
        '  oidcConfiguration:\n    id: om\n    discoveryUri: http://localhost:8080/realms/om/.well-known/openid-configuration\n    callbackUrl: http://localhost:8585/callback\n    serverUrl: http://localhost:8585\n',
      ),
    );
    assert.deepEqual(codesOf(out, SERVER, 'confidential-client-incomplete'), []);
    // The secret is its own diagnostic (it needs a value the file does not have).
    assert.deepEqual(
      names(check(out, SERVER).codes),
      names(check(server('confidential', ''), SERVER).codes.filter((c) => !c.startsWith('confidential-client-incomplete'))),
    );
  });
  it('derives the discovery URI from an authority written as an endpoint', () => {
    const text = server('confidential', '').replace('http://localhost:8080/realms/om\n', 'http://localhost:8080/realms/om/protocol/openid-connect/auth\n');
    assert.match(
      fix(text, 'confidential-client-incomplete', undefined, SERVER),
      /discoveryUri: http:\/\/localhost:8080\/realms\/om\/\.well-known\/openid-configuration\n/,
    );
  });
  it('falls back to ${VAR} references in the server config when nothing can be derived', () => {
    const text = 'authenticationConfiguration:\n  clientType: confidential\n  oidcConfiguration:\n    secret: ${KC_SECRET}\n';
    assert.deepEqual(codesOf(text, SERVER, 'confidential-client-incomplete'), ['confidential-client-incomplete@3']);
    assert.equal(
      fixed(text, 'confidential-client-incomplete', SERVER),
      'authenticationConfiguration:\n  clientType: confidential\n  oidcConfiguration:\n    secret: ${KC_SECRET}\n    id: ${OIDC_CLIENT_ID}\n    discoveryUri: ${OIDC_DISCOVERY_URI}\n    callbackUrl: ${OIDC_CALLBACK}\n    serverUrl: ${OIDC_SERVER_URL}\n',
    );
  });
  it('points at a blank key and fills it in place', () => {
    const text = server('confidential', OIDC_FULL('${KC_SECRET}').replace('serverUrl: http://localhost:8585', 'serverUrl: ""'));
    assert.deepEqual(codesOf(text, SERVER, 'confidential-client-incomplete'), ['confidential-client-incomplete@15']);
    assert.equal(
      fixed(text, 'confidential-client-incomplete', SERVER),
      server('confidential', OIDC_FULL('${KC_SECRET}').replace('serverUrl: http://localhost:8585', 'serverUrl: "http://localhost:8585"')),
    );
  });
  it('does not apply before 1.3, which had no confidential flow', () => {
    assert.deepEqual(
      check(server('confidential', ''), SERVER, { openmetadataVersion: '1.2' }).codes.filter((c) => c.startsWith('confidential-client-')),
      [],
    );
  });
  it('a blank discoveryUri is missing even with serverUrl set: the validator accepts it, the runtime OIDC client does not (a.7)', () => {
    const text = server('confidential', OIDC_FULL('${KC_SECRET}').replace(/discoveryUri: .*\n/, 'discoveryUri: ""\n'));
    assert.deepEqual(codesOf(text, SERVER, 'confidential-client-incomplete'), ['confidential-client-incomplete@13']);
    const d = check(text, SERVER).diagnostics.find((x) => x.code === 'confidential-client-incomplete')!;
    assert.match(d.message, /discovery URI/);
    assert.equal(
      fixed(text, 'confidential-client-incomplete', SERVER),
      server('confidential', OIDC_FULL('${KC_SECRET}')).replace(/discoveryUri: (.*)\n/, 'discoveryUri: "$1"\n'),
    );
  });
  it('accepts a discoveryUri with serverUrl, and template defaults', () => {
    assert.deepEqual(codesOf(server('confidential', OIDC_FULL('${KC_SECRET}')), SERVER, 'confidential-client-incomplete'), []);
    const template =
      'authenticationConfiguration:\n  clientType: ${AUTHENTICATION_CLIENT_TYPE:-confidential}\n  oidcConfiguration:\n    id: ${OIDC_CLIENT_ID:-""}\n    secret: ${OIDC_CLIENT_SECRET:-""}\n    discoveryUri: ${OIDC_DISCOVERY_URI:-""}\n    callbackUrl: ${OIDC_CALLBACK:-"http://localhost:8585/callback"}\n    serverUrl: ${OIDC_SERVER_URL:-"http://localhost:8585"}\n';
    assert.deepEqual(
      check(template, SERVER).codes.filter((c) => /^(confidential-client-|public-client-|client-id-|callback-)/.test(c)),
      [],
    );
  });
  it('in env files unset OIDC_* take the server defaults: only OIDC_CLIENT_ID and OIDC_DISCOVERY_URI (default empty) are missing', () => {
    const text =
      'AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_CLIENT_TYPE=confidential\nAUTHENTICATION_CLIENT_ID=om\nAUTHENTICATION_AUTHORITY=http://kc:8080/realms/om\nOIDC_CLIENT_SECRET=${KC_SECRET}\n';
    assert.deepEqual(codesOf(text, DOTENV, 'confidential-client-incomplete'), ['confidential-client-incomplete@2']);
    assert.equal(
      fixed(text, 'confidential-client-incomplete', DOTENV),
      `${text}OIDC_CLIENT_ID=om\nOIDC_DISCOVERY_URI=http://kc:8080/realms/om/.well-known/openid-configuration\n`,
    );
  });
  it('an Azure or Google client type needs no discovery URI: the server builds that client from the tenant or its own', () => {
    const env = (type: string) =>
      `AUTHENTICATION_PROVIDER=azure\nAUTHENTICATION_CLIENT_TYPE=confidential\nAUTHENTICATION_CLIENT_ID=om\nAUTHENTICATION_AUTHORITY=https://login.microsoftonline.com/t1/v2.0\nOIDC_TYPE=${type}\nOIDC_CLIENT_ID=om\nOIDC_CLIENT_SECRET=\${KC_SECRET}\nOIDC_DISCOVERY_URI=\n`;
    assert.deepEqual(codesOf(env('azure'), DOTENV, 'confidential-client-incomplete'), []);
    assert.deepEqual(codesOf(env('Google'), DOTENV, 'confidential-client-incomplete'), []);
    // Near miss: the generic client type still builds its client from the discovery URI only.
    assert.deepEqual(codesOf(env('custom'), DOTENV, 'confidential-client-incomplete'), ['confidential-client-incomplete@8']);
  });
  it('in Helm only explicitly blank values are missing', () => {
    const text =
      'openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      clientType: confidential\n      authority: https://kc.example.com/realms/om\n      callbackUrl: https://om.example.com/callback\n      oidcConfiguration:\n        enabled: true\n        discoveryUri: ""\n        callbackUrl: https://om.example.com/callback\n        serverUrl: ""\n';
    assert.deepEqual(codesOf(text, HELM, 'confidential-client-incomplete'), ['confidential-client-incomplete@10']);
    assert.equal(
      fixed(text, 'confidential-client-incomplete', HELM),
      text
        .replace('serverUrl: ""', 'serverUrl: "https://om.example.com"')
        .replace('discoveryUri: ""', 'discoveryUri: "https://kc.example.com/realms/om/.well-known/openid-configuration"'),
    );
  });
});

describe('public-client-code-flow', () => {
  // 2.x signs a public client in with the code flow and PKCE; the rule is about the releases before.
  const V1_12 = { openmetadataVersion: '1.12' };
  it('stays silent from 2.0, where a public client may use code with PKCE (corpus 44)', () => {
    assert.deepEqual(codesOf(server('public', '', '  responseType: code\n'), SERVER, 'public-client-code-flow', { openmetadataVersion: '2.0' }), []);
  });
  it('fires on responseType code with a public client, and sets id_token', () => {
    const text = server('public', '', '  responseType: code # copied\n');
    assert.deepEqual(codesOf(text, SERVER, 'public-client-code-flow', V1_12), ['public-client-code-flow@10']);
    assert.equal(
      fixedAndChecked(text, 'public-client-code-flow', SERVER, { settings: V1_12, gone: true }),
      server('public', '', '  responseType: id_token # copied\n'),
    );
  });
  it('stays silent for confidential clients, id_token and Cognito', () => {
    assert.deepEqual(codesOf(server('confidential', OIDC_FULL('${KC_SECRET}'), '  responseType: code\n'), SERVER, 'public-client-code-flow', V1_12), []);
    assert.deepEqual(codesOf(server('public', '', '  responseType: id_token\n'), SERVER, 'public-client-code-flow', V1_12), []);
    assert.deepEqual(
      codesOf(server('public', '', '  responseType: code\n').replace('custom-oidc', 'aws-cognito'), SERVER, 'public-client-code-flow', V1_12),
      [],
    );
  });
  it('works in Helm and env files', () => {
    const helm = 'openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      responseType: code\n';
    assert.deepEqual(codesOf(helm, HELM, 'public-client-code-flow', V1_12), ['public-client-code-flow@5']);
    const env = 'AUTHENTICATION_PROVIDER=okta\nAUTHENTICATION_RESPONSE_TYPE="code"\n';
    assert.deepEqual(codesOf(env, DOTENV, 'public-client-code-flow', V1_12), ['public-client-code-flow@2']);
    assert.equal(
      fixedAndChecked(env, 'public-client-code-flow', DOTENV, { settings: V1_12, gone: true }),
      'AUTHENTICATION_PROVIDER=okta\nAUTHENTICATION_RESPONSE_TYPE="id_token"\n',
    );
  });
});

describe('client-id-mismatch', () => {
  const mismatched = server('confidential', OIDC_FULL('${KC_SECRET}').replace('id: om', 'id: openmetadata'));
  it('fires when oidcConfiguration.id differs from clientId, on the id', () => {
    assert.deepEqual(codesOf(mismatched, SERVER, 'client-id-mismatch'), ['client-id-mismatch@11']);
  });
  it('aligns the id to clientId (preferred) or the reverse', () => {
    assert.equal(fixed(mismatched, 'client-id-mismatch', SERVER), server('confidential', OIDC_FULL('${KC_SECRET}')));
    assert.equal(fixed(mismatched, 'client-id-mismatch', SERVER, 'Set `clientId`'), mismatched.replace('clientId: om', 'clientId: openmetadata'));
  });
  it('stays silent when equal, for public clients and for doc placeholders', () => {
    assert.deepEqual(codesOf(server('confidential', OIDC_FULL('${KC_SECRET}')), SERVER, 'client-id-mismatch'), []);
    assert.deepEqual(
      codesOf(mismatched.replace('clientType: confidential', 'clientType: public').replace('secret: ${KC_SECRET}', 'secret: ""'), SERVER, 'client-id-mismatch'),
      [],
    );
    assert.deepEqual(codesOf(mismatched.replace('id: openmetadata', 'id: "{Client ID}"'), SERVER, 'client-id-mismatch'), []);
  });
  it('works in env files, keeping the placeholder variable', () => {
    const text =
      'AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_CLIENT_TYPE=confidential\nAUTHENTICATION_CLIENT_ID=om\nOIDC_CLIENT_ID=${OIDC_CLIENT_ID:-other}\nOIDC_CLIENT_SECRET=${KC_SECRET}\n';
    assert.deepEqual(codesOf(text, DOTENV, 'client-id-mismatch'), ['client-id-mismatch@4']);
    assert.equal(fixed(text, 'client-id-mismatch', DOTENV), text.replace(':-other}', ':-om}'));
  });
});

describe('callback-mismatch', () => {
  const mismatched = server(
    'confidential',
    OIDC_FULL('${KC_SECRET}').replace('    callbackUrl: http://localhost:8585/callback', '    callbackUrl: http://localhost:8585/api/v1/callback'),
  );
  it('fires when the two callback URLs differ, on the OIDC one', () => {
    assert.deepEqual(codesOf(mismatched, SERVER, 'callback-mismatch'), ['callback-mismatch@14']);
  });
  it('aligns the OIDC callback to the top-level one (preferred) or the reverse', () => {
    assert.equal(fixed(mismatched, 'callback-mismatch', SERVER), server('confidential', OIDC_FULL('${KC_SECRET}')));
    assert.equal(
      fixed(mismatched, 'callback-mismatch', SERVER, 'Set `callbackUrl`'),
      mismatched.replace('  callbackUrl: http://localhost:8585/callback', '  callbackUrl: http://localhost:8585/api/v1/callback'),
    );
  });
  it('leaves a stray quote to malformed-value and is silent when equal', () => {
    assert.deepEqual(codesOf(server('confidential', OIDC_FULL('${KC_SECRET}')), SERVER, 'callback-mismatch'), []);
    assert.deepEqual(
      codesOf(
        server(
          'confidential',
          OIDC_FULL('${KC_SECRET}').replace('    callbackUrl: http://localhost:8585/callback', '    callbackUrl: http://localhost:8585/callback"'),
        ),
        SERVER,
        'callback-mismatch',
      ),
      [],
    );
  });
  it('in Helm compares with the chart default when the OIDC callbackUrl is unset', () => {
    const text =
      'openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      clientType: confidential\n      callbackUrl: https://om.example.com/callback\n      oidcConfiguration:\n        enabled: true\n';
    assert.deepEqual(codesOf(text, HELM, 'callback-mismatch'), ['callback-mismatch@6']);
    assert.match(
      check(text, HELM).diagnostics.find((d) => d.code === 'callback-mismatch')!.message,
      /http:\/\/openmetadata:8585\/callback` \(the chart's default\)/,
    );
    assert.equal(fixed(text, 'callback-mismatch', HELM), `${text}        callbackUrl: https://om.example.com/callback\n`);
  });
  it('in env files compares with the server default when OIDC_CALLBACK is unset', () => {
    const text =
      'AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_CLIENT_TYPE=confidential\nAUTHENTICATION_CLIENT_ID=om\nAUTHENTICATION_CALLBACK_URL=https://om.example.com/callback\nOIDC_CLIENT_ID=om\nOIDC_CLIENT_SECRET=${KC_SECRET}\n';
    assert.deepEqual(codesOf(text, DOTENV, 'callback-mismatch'), ['callback-mismatch@4']);
    assert.equal(fixed(text, 'callback-mismatch', DOTENV), `${text}OIDC_CALLBACK=https://om.example.com/callback\n`);
  });
});

describe('public-client-with-secret marks one fix preferred (issue 11, 6)', () => {
  it("in every shape, so VS Code's auto-fix has exactly one to apply", () => {
    const cases: [string, string][] = [
      [server('public', OIDC_FULL('s3cr3t')), SERVER],
      ['AUTHENTICATION_PROVIDER=custom-oidc\nOIDC_CLIENT_SECRET=abc\n', DOTENV],
      ['services:\n  om:\n    environment:\n      AUTHENTICATION_PROVIDER: custom-oidc\n      OIDC_CLIENT_SECRET: abc\n', COMPOSE],
    ];
    // Helm is not among them: the chart hands a public client no OIDC settings, so the rule does not fire there (a.7).
    for (const [text, uri] of cases) assert.equal(fixesOf(text, 'public-client-with-secret', uri).filter((f) => f.preferred).length, 1, text);
  });
});
