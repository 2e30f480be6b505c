// URL rules: the authority is the issuer, publicKeyUrls lists both signers, and the Keycloak URLs share one realm.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, codesOf as codesOfCode, fix, fixed as fixedAndChecked, URI } from '../helpers';

const { server: SERVER, helm: HELM, dotenv: DOTENV, compose: COMPOSE } = URI;
const atVersion = (version?: string) => (version ? { openmetadataVersion: version } : {});
const codesOf = (text: string, uri: string, code: string, version?: string) => codesOfCode(text, uri, code, atVersion(version));

const fixed = (text: string, code: string, uri: string, title?: string, version?: string) =>
  fixedAndChecked(text, code, uri, { title, settings: atVersion(version), gone: true });

const KC = 'http://localhost:8080/realms/om';
const CERTS = `${KC}/protocol/openid-connect/certs`;
const OM_JWKS = 'http://localhost:8585/api/v1/system/config/jwks';

const server = (authority: string, keys: string, extra = '') =>
  `authenticationConfiguration:
  provider: custom-oidc
  providerName: Keycloak
  authority: ${authority}
  clientId: om
  callbackUrl: http://localhost:8585/callback
  jwtPrincipalClaims: [email, preferred_username, sub]
  publicKeyUrls:${keys}
${extra}`;
const block = (...urls: string[]) => urls.map((u) => `\n    - ${u}`).join('');

describe('authority-not-issuer', () => {
  it('fires on a Keycloak endpoint and cuts it to the realm (keeping quotes)', () => {
    const text = server(`"${KC}/protocol/openid-connect/auth"`, block(CERTS, OM_JWKS));
    assert.deepEqual(codesOf(text, SERVER, 'authority-not-issuer'), ['authority-not-issuer@4']);
    assert.equal(fixed(text, 'authority-not-issuer', SERVER), server(`"${KC}"`, block(CERTS, OM_JWKS)));
  });
  it('fires on discovery and certs URLs too', () => {
    assert.deepEqual(codesOf(server(`${KC}/.well-known/openid-configuration`, block(CERTS, OM_JWKS)), SERVER, 'authority-not-issuer'), [
      'authority-not-issuer@4',
    ]);
    assert.deepEqual(codesOf(server(CERTS, block(CERTS, OM_JWKS)), SERVER, 'authority-not-issuer'), ['authority-not-issuer@4']);
    const okta = server(
      'https://dev-1.okta.com/oauth2/default/.well-known/openid-configuration',
      block('https://dev-1.okta.com/oauth2/default/v1/keys', OM_JWKS),
    ).replace('custom-oidc', 'okta');
    assert.equal(fixed(okta, 'authority-not-issuer', SERVER), okta.replace('/.well-known/openid-configuration', ''));
  });
  it('stays silent on an issuer and for basic auth', () => {
    assert.deepEqual(codesOf(server(KC, block(CERTS, OM_JWKS)), SERVER, 'authority-not-issuer'), []);
    assert.deepEqual(codesOf(server('https://accounts.google.com', block(OM_JWKS)).replace('custom-oidc', 'google'), SERVER, 'authority-not-issuer'), []);
    assert.deepEqual(codesOf(server(`${KC}/protocol/openid-connect/auth`, block(OM_JWKS)).replace('custom-oidc', 'basic'), SERVER, 'authority-not-issuer'), []);
  });
  it('is a warning about the browser-side value when a confidential client discovers through discoveryUri (issue 18865 follow-up)', () => {
    const oidc = `  clientType: confidential\n  oidcConfiguration:\n    id: om\n    secret: \${OIDC_CLIENT_SECRET}\n    discoveryUri: ${KC}/.well-known/openid-configuration\n    callbackUrl: http://localhost:8585/callback\n    serverUrl: http://localhost:8585\n`;
    const text = server(`${KC}/protocol/openid-connect/auth`, block(CERTS, OM_JWKS), oidc);
    const d = check(text, SERVER).diagnostics.filter((x) => x.code === 'authority-not-issuer');
    assert.deepEqual(
      d.map((x) => [x.severity, x.range.start.line + 1]),
      [[2, 4]],
    );
    assert.match(d[0].message, /Sign-in works while the confidential client starts it from `oidcConfiguration.discoveryUri`/);
    assert.equal(fixed(text, 'authority-not-issuer', SERVER), server(KC, block(CERTS, OM_JWKS), oidc));
  });
  it('stays an error for a confidential client without a discoveryUri, and for a public one', () => {
    const noDiscovery = server(
      `${KC}/protocol/openid-connect/auth`,
      block(CERTS, OM_JWKS),
      '  clientType: confidential\n  oidcConfiguration:\n    id: om\n    secret: \${OIDC_CLIENT_SECRET}\n',
    );
    assert.deepEqual(
      check(noDiscovery, SERVER)
        .diagnostics.filter((x) => x.code === 'authority-not-issuer')
        .map((x) => x.severity),
      [1],
    );
    const publicClient = server(`${KC}/protocol/openid-connect/auth`, block(CERTS, OM_JWKS), '  clientType: public\n');
    assert.deepEqual(
      check(publicClient, SERVER)
        .diagnostics.filter((x) => x.code === 'authority-not-issuer')
        .map((x) => x.severity),
      [1],
    );
  });
  it('edits only the default of a ${VAR:-...} in env files', () => {
    const text = `AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_AUTHORITY=\${KC_AUTHORITY:-${KC}/protocol/openid-connect/auth}\n`;
    assert.deepEqual(codesOf(text, DOTENV, 'authority-not-issuer'), ['authority-not-issuer@2']);
    assert.equal(fixed(text, 'authority-not-issuer', DOTENV), `AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_AUTHORITY=\${KC_AUTHORITY:-${KC}}\n`);
  });
  it('works in Helm values, placeholders and all (docs sample 17)', () => {
    const text =
      'openmetadata:\n  config:\n    authentication:\n      provider: "custom-oidc"\n      authority: "{Keycloak-server-URL}/realms/{your-realm-name}/protocol/openid-connect/auth"\n';
    assert.deepEqual(codesOf(text, HELM, 'authority-not-issuer'), ['authority-not-issuer@5']);
    assert.equal(fix(text, 'authority-not-issuer', undefined, HELM), text.replace('/protocol/openid-connect/auth', ''));
  });
});

describe('missing-idp-jwks', () => {
  it('fires when only OpenMetadata JWKS is listed, and adds the Keycloak certs URL to a block list', () => {
    const text = server(KC, block(`${OM_JWKS} # OM`));
    assert.deepEqual(codesOf(text, SERVER, 'missing-idp-jwks'), ['missing-idp-jwks@8']);
    assert.equal(fixed(text, 'missing-idp-jwks', SERVER), server(KC, block(`${OM_JWKS} # OM`, CERTS)));
  });
  it('fires when a Keycloak authority has only another provider’s keys', () => {
    assert.deepEqual(codesOf(server(KC, block('https://www.googleapis.com/oauth2/v3/certs', OM_JWKS)), SERVER, 'missing-idp-jwks'), ['missing-idp-jwks@8']);
  });
  it('stays silent with the certs URL, a placeholder item, a non-OIDC provider or a deploy-time list', () => {
    assert.deepEqual(codesOf(server(KC, block(CERTS, OM_JWKS)), SERVER, 'missing-idp-jwks'), []);
    assert.deepEqual(codesOf(server(KC, block('"{Keycloak JWKS}"', OM_JWKS)), SERVER, 'missing-idp-jwks'), []);
    assert.deepEqual(codesOf(server(KC, block(OM_JWKS)).replace('custom-oidc', 'basic'), SERVER, 'missing-idp-jwks'), []);
    assert.deepEqual(codesOf(server(KC, ' ${AUTHENTICATION_PUBLIC_KEYS}'), SERVER, 'missing-idp-jwks'), []);
  });
  it('appends to an env list in its own style', () => {
    const text = `AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_AUTHORITY=${KC}\nAUTHENTICATION_PUBLIC_KEYS=[${OM_JWKS}]\n`;
    assert.deepEqual(codesOf(text, DOTENV, 'missing-idp-jwks'), ['missing-idp-jwks@3']);
    assert.equal(
      fixed(text, 'missing-idp-jwks', DOTENV),
      `AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_AUTHORITY=${KC}\nAUTHENTICATION_PUBLIC_KEYS=[${OM_JWKS},${CERTS}]\n`,
    );
  });
  it('works in Helm publicKeys', () => {
    const text = `openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      authority: ${KC}\n      publicKeys:\n      - "http://openmetadata:8585/api/v1/system/config/jwks"\n`;
    assert.deepEqual(codesOf(text, HELM, 'missing-idp-jwks'), ['missing-idp-jwks@6']);
    // The server runs in the chart's pod: the JWKS it adds is one the pod can reach, not the browser's localhost.
    assert.equal(fixed(text, 'missing-idp-jwks', HELM), `${text}      - "${CERTS.replace('localhost', 'host.docker.internal')}"\n`);
  });
});

describe('missing-idp-jwks: keys of another Okta authorization server', () => {
  const OKTA = 'https://dev-123456.okta.com';
  const okta = (authority: string, keys: string) => server(authority, keys).replace('custom-oidc', 'okta').replace('  providerName: Keycloak\n', '');
  it("fires when the org server issues the tokens but the default server's keys are listed, and adds the org keys", () => {
    const text = okta(OKTA, block(`${OKTA}/oauth2/default/v1/keys`, OM_JWKS));
    assert.deepEqual(codesOf(text, SERVER, 'missing-idp-jwks'), ['missing-idp-jwks@7']);
    assert.equal(fixed(text, 'missing-idp-jwks', SERVER), okta(OKTA, block(`${OKTA}/oauth2/default/v1/keys`, OM_JWKS, `${OKTA}/oauth2/v1/keys`)));
  });
  it('fires the other way round: a custom server issues, the org keys are listed', () => {
    assert.deepEqual(codesOf(okta(`${OKTA}/oauth2/default`, block(`${OKTA}/oauth2/v1/keys`, OM_JWKS)), SERVER, 'missing-idp-jwks'), ['missing-idp-jwks@7']);
  });
  it("stays silent with the issuer's own keys, keys on another domain, a custom Okta domain or another provider", () => {
    assert.deepEqual(codesOf(okta(OKTA, block(`${OKTA}/oauth2/v1/keys`, OM_JWKS)), SERVER, 'missing-idp-jwks'), []);
    assert.deepEqual(codesOf(okta(`${OKTA}/oauth2/default/`, block(`${OKTA}/oauth2/default/v1/keys`, OM_JWKS)), SERVER, 'missing-idp-jwks'), []);
    assert.deepEqual(codesOf(okta(OKTA, block('https://keys.example.org/oauth2/default/v1/keys', OM_JWKS)), SERVER, 'missing-idp-jwks'), []);
    assert.deepEqual(
      codesOf(okta('https://login.example.org', block('https://login.example.org/oauth2/default/v1/keys', OM_JWKS)), SERVER, 'missing-idp-jwks'),
      [],
    );
    assert.deepEqual(
      codesOf(okta(OKTA, block(`${OKTA}/oauth2/default/v1/keys`, OM_JWKS)).replace('provider: okta', 'provider: custom-oidc'), SERVER, 'missing-idp-jwks'),
      [],
    );
  });
});

describe('missing-om-jwks', () => {
  it('fires when OpenMetadata JWKS is missing and adds it from the callback origin', () => {
    const text = `AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_PUBLIC_KEYS=[${CERTS}]\nAUTHENTICATION_AUTHORITY=${KC}\nAUTHENTICATION_CALLBACK_URL=https://om.example.com/callback\n`;
    assert.deepEqual(codesOf(text, DOTENV, 'missing-om-jwks'), ['missing-om-jwks@2']);
    assert.equal(fixed(text, 'missing-om-jwks', DOTENV), text.replace(`[${CERTS}]`, `[${CERTS},https://om.example.com/api/v1/system/config/jwks]`));
  });
  it('edits the default of a ${VAR:-[...]} list in the server config (sample 08)', () => {
    const text =
      'authenticationConfiguration:\n  provider: ${AUTHENTICATION_PROVIDER:-basic}\n  publicKeyUrls: ${AUTHENTICATION_PUBLIC_KEYS:-[https://www.googleapis.com/oauth2/v3/certs]}\n';
    assert.deepEqual(codesOf(text, SERVER, 'missing-om-jwks'), ['missing-om-jwks@3']);
    assert.equal(fixed(text, 'missing-om-jwks', SERVER), text.replace('/v3/certs]', `/v3/certs, ${OM_JWKS}]`));
  });
  it('stays silent when present (also on the legacy path), without a list, and for no-auth', () => {
    assert.deepEqual(codesOf(server(KC, block(CERTS, OM_JWKS)), SERVER, 'missing-om-jwks'), []);
    assert.deepEqual(codesOf(server(KC, block(CERTS, 'http://localhost:8585/api/v1/config/jwks')), SERVER, 'missing-om-jwks'), []);
    assert.deepEqual(codesOf('AUTHENTICATION_PROVIDER=custom-oidc\n', DOTENV, 'missing-om-jwks'), []);
    assert.deepEqual(
      codesOf('AUTHENTICATION_PROVIDER=no-auth\nAUTHENTICATION_PUBLIC_KEYS=[https://www.googleapis.com/oauth2/v3/certs]\n', DOTENV, 'missing-om-jwks'),
      [],
    );
  });
  it('applies from 1.1, when ingestion can only use the bot JWT; before, it may use the SSO service account (corpus 01, 08)', () => {
    const text = `AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_PUBLIC_KEYS=[${CERTS}]\n`;
    assert.deepEqual(codesOf(text, DOTENV, 'missing-om-jwks', '0.13'), []);
    assert.deepEqual(codesOf(text, DOTENV, 'missing-om-jwks', '1.0'), []);
    assert.deepEqual(codesOf(text, DOTENV, 'missing-om-jwks', '1.1'), ['missing-om-jwks@2']);
  });
  it('works in compose maps and Helm lists (with the chart service URL)', () => {
    const compose = `services:\n  om:\n    environment:\n      AUTHENTICATION_PROVIDER: custom-oidc\n      AUTHENTICATION_PUBLIC_KEYS: "[${CERTS}]"\n`;
    assert.deepEqual(codesOf(compose, COMPOSE, 'missing-om-jwks'), ['missing-om-jwks@5']);
    assert.equal(fixed(compose, 'missing-om-jwks', COMPOSE), compose.replace(`${CERTS}]`, `${CERTS},${OM_JWKS}]`));
    const helm = `openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      publicKeys: [${CERTS}]\n`;
    assert.equal(fixed(helm, 'missing-om-jwks', HELM), helm.replace(`${CERTS}]`, `${CERTS}, http://openmetadata:8585/api/v1/system/config/jwks]`));
  });
});

describe('legacy-om-jwks-path', () => {
  const text = `AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_PUBLIC_KEYS=[${CERTS}, http://localhost:8585/api/v1/config/jwks]\n`;
  it('fires on the item with the pre-1.0 path and rewrites it', () => {
    const d = check(text, DOTENV).diagnostics.find((x) => x.code === 'legacy-om-jwks-path')!;
    assert.deepEqual([d.range.start.line, d.range.start.character], [1, 28 + CERTS.length + 2]);
    assert.equal(fixed(text, 'legacy-om-jwks-path', DOTENV), text.replace('/api/v1/config/jwks', '/api/v1/system/config/jwks'));
  });
  it('stays silent on the current path and before 1.0', () => {
    assert.deepEqual(codesOf(text.replace('/v1/config', '/v1/system/config'), DOTENV, 'legacy-om-jwks-path'), []);
    assert.deepEqual(codesOf(text, DOTENV, 'legacy-om-jwks-path', '0.13'), []);
  });
  it('works in server block lists, keeping quotes', () => {
    const yaml = server(KC, block(CERTS, '"http://localhost:8585/api/v1/config/jwks" # old'));
    assert.deepEqual(codesOf(yaml, SERVER, 'legacy-om-jwks-path'), ['legacy-om-jwks-path@10']);
    assert.equal(fixed(yaml, 'legacy-om-jwks-path', SERVER), yaml.replace('/api/v1/config/jwks', '/api/v1/system/config/jwks'));
  });
});

describe('keycloak-url-mismatch', () => {
  // A confidential client that discovers Keycloak in-cluster while the browser signs in on the public name (issue 23, item 5).
  const split = (discovery: string, clientType = 'confidential', enabled = 'true') => `openmetadata:
  config:
    authentication:
      provider: custom-oidc
      clientType: ${clientType}
      publicKeys:
        - http://openmetadata:8585/api/v1/system/config/jwks
        - http://keycloak.auth.svc.cluster.local:8080/realms/om/protocol/openid-connect/certs
      authority: https://auth.example.com/realms/om
      clientId: openmetadata
      callbackUrl: https://om.example.com/callback
      oidcConfiguration:
        enabled: ${enabled}
        clientId:
          secretRef: oidc-secrets
          secretKey: openmetadata-oidc-client-id
        clientSecret:
          secretRef: oidc-secrets
          secretKey: openmetadata-oidc-client-secret
        discoveryUri: ${discovery}/realms/om/.well-known/openid-configuration
        callbackUrl: https://om.example.com/callback
        serverUrl: https://om.example.com
`;
  it('explains the issuer split of in-cluster discovery and a public sign-in host, with the fix', () => {
    const text = split('http://keycloak.auth.svc.cluster.local:8080');
    const d = check(text, HELM).diagnostics.filter((x) => x.code === 'keycloak-url-mismatch');
    assert.deepEqual(
      d.map((x) => [x.severity, x.range.start.line + 1]),
      [[2, 20]],
    );
    assert.match(d[0].message, /Issuer mismatch/);
    assert.match(d[0].message, /KC_HOSTNAME/);
    assert.equal(fixed(text, 'keycloak-url-mismatch', HELM), split('https://auth.example.com'));
  });
  it('near misses: the same host, an in-cluster JWKS alone, and a public client say nothing about the split', () => {
    assert.deepEqual(codesOf(split('https://auth.example.com'), HELM, 'keycloak-url-mismatch'), []);
    // A public client's server never fetches discovery; the JWKS may be fetched in-cluster (line 8 is one).
    assert.deepEqual(codesOf(split('http://keycloak.auth.svc.cluster.local:8080', 'public', 'false'), HELM, 'keycloak-url-mismatch'), []);
  });
  it('fires on a JWKS of another realm and aligns it to the authority', () => {
    const text = server(KC, block('http://localhost:8080/realms/other/protocol/openid-connect/certs', OM_JWKS));
    assert.deepEqual(codesOf(text, SERVER, 'keycloak-url-mismatch'), ['keycloak-url-mismatch@9']);
    assert.equal(fixed(text, 'keycloak-url-mismatch', SERVER), server(KC, block(CERTS, OM_JWKS)));
  });
  it('fires on an /auth prefix and a port that only one side has (docs sample 13)', () => {
    const text =
      'AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_PUBLIC_KEYS=[http://localhost:8081/auth/realms/data-sec/protocol/openid-connect/certs, https://{your domain}/api/v1/system/config/jwks]\nAUTHENTICATION_AUTHORITY={http://localhost:8080/realms/{your-realm}}\n';
    assert.deepEqual(codesOf(text, DOTENV, 'keycloak-url-mismatch'), ['keycloak-url-mismatch@2']);
    // The realm placeholder says nothing, so the JWKS keeps its realm and takes the authority's base.
    assert.equal(
      fix(text, 'keycloak-url-mismatch', undefined, DOTENV),
      text.replace('http://localhost:8081/auth/realms/data-sec', 'http://localhost:8080/realms/data-sec'),
    );
  });
  it('accepts host.docker.internal or a service name for server-fetched URLs next to a localhost authority', () => {
    const docker =
      'AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_PUBLIC_KEYS=[http://host.docker.internal:8081/realms/data-sec/protocol/openid-connect/certs]\nAUTHENTICATION_AUTHORITY=http://localhost:8081/realms/data-sec\n';
    assert.deepEqual(codesOf(docker, DOTENV, 'keycloak-url-mismatch'), []);
    assert.deepEqual(
      codesOf(
        server('https://sso.example.com/realms/om', block('http://keycloak.sso.svc.cluster.local:8080/realms/om/protocol/openid-connect/certs', OM_JWKS)),
        SERVER,
        'keycloak-url-mismatch',
      ),
      [],
    );
    assert.deepEqual(
      codesOf(
        server('https://sso.example.com/realms/om', block('https://login.example.org/realms/om/protocol/openid-connect/certs', OM_JWKS)),
        SERVER,
        'keycloak-url-mismatch',
      ),
      ['keycloak-url-mismatch@9'],
    );
  });
  it('compares the discovery URI, also when written without a space after the colon (docs sample 16)', () => {
    const text = `${server(KC, block(CERTS, OM_JWKS), '  clientType: confidential\n  oidcConfiguration:\n    id: om\n    secret: ${KC_SECRET}\n    discoveryUri: http://localhost:8080/auth/realms/om/.well-known/openid-configuration\n    callbackUrl: http://localhost:8585/callback\n    serverUrl: http://localhost:8585\n')}`;
    assert.deepEqual(codesOf(text, SERVER, 'keycloak-url-mismatch'), ['keycloak-url-mismatch@15']);
    assert.equal(fixed(text, 'keycloak-url-mismatch', SERVER), text.replace('/auth/realms', '/realms'));
    assert.deepEqual(codesOf(text.replace('discoveryUri: ', 'discoveryUri:'), SERVER, 'keycloak-url-mismatch'), ['keycloak-url-mismatch@15']);
  });
  it('works in Helm values', () => {
    const text = `openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      authority: https://kc.example.com/auth/realms/om\n      publicKeys:\n      - "https://kc.example.com/realms/om/protocol/openid-connect/certs"\n      - "http://openmetadata:8585/api/v1/system/config/jwks"\n`;
    assert.deepEqual(codesOf(text, HELM, 'keycloak-url-mismatch'), ['keycloak-url-mismatch@7']);
    assert.equal(fixed(text, 'keycloak-url-mismatch', HELM), text.replace('.com/realms', '.com/auth/realms'));
  });
  it('stays silent on consistent URLs, on placeholders in the same places, and on extra trusted realms', () => {
    assert.deepEqual(codesOf(server(KC, block(CERTS, OM_JWKS)), SERVER, 'keycloak-url-mismatch'), []);
    assert.deepEqual(
      codesOf(server(KC, block(CERTS, 'http://localhost:8080/realms/bots/protocol/openid-connect/certs', OM_JWKS)), SERVER, 'keycloak-url-mismatch'),
      [],
    );
    const docs = server(
      '"{Keycloak-server-URL}/auth/realms/{your-realm-name}"',
      block('"{Keycloak-server-URL}/auth/realms/{your-realm-name}/protocol/openid-connect/certs"', OM_JWKS),
    );
    assert.deepEqual(codesOf(docs, SERVER, 'keycloak-url-mismatch'), []);
  });
});

describe('master-realm', () => {
  it('fires once, on the first Keycloak URL in the master realm', () => {
    const text = server('http://localhost:8080/realms/master', block('http://localhost:8080/realms/master/protocol/openid-connect/certs', OM_JWKS));
    assert.deepEqual(codesOf(text, SERVER, 'master-realm'), ['master-realm@4']);
  });
  it('stays silent for other realms and non-Keycloak URLs', () => {
    assert.deepEqual(codesOf(server(KC, block(CERTS, OM_JWKS)), SERVER, 'master-realm'), []);
    assert.deepEqual(codesOf(server('https://example.com/master', block('https://example.com/master/keys', OM_JWKS)), SERVER, 'master-realm'), []);
  });
  it('works in env files', () => {
    const text = 'AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_PUBLIC_KEYS=[http://kc:8080/realms/master/protocol/openid-connect/certs]\n';
    assert.deepEqual(codesOf(text, DOTENV, 'master-realm'), ['master-realm@2']);
  });
});

describe('saml-acs-path', () => {
  const saml = (acs: string, provider = 'saml') => `authenticationConfiguration:\n  provider: ${provider}\n  samlConfiguration:\n    sp:\n      acs: ${acs}\n`;
  it('fires when the assertion consumer service is not /api/v1/saml/acs, and rewrites the path on the same origin', () => {
    assert.deepEqual(codesOf(saml('http://om.example.com/callback'), SERVER, 'saml-acs-path'), ['saml-acs-path@5']);
    assert.equal(fixed(saml('http://om.example.com/callback'), 'saml-acs-path', SERVER), saml('http://om.example.com/api/v1/saml/acs'));
  });
  it("moves a default fed by the callback's variable to SAML_SP_ACS (corpus 25)", () => {
    const text = saml('"${AUTHENTICATION_CALLBACK_URL:-http://localhost:8585/callback}"');
    assert.deepEqual(codesOf(text, SERVER, 'saml-acs-path'), ['saml-acs-path@5']);
    assert.equal(fixed(text, 'saml-acs-path', SERVER), saml('"${SAML_SP_ACS:-http://localhost:8585/api/v1/saml/acs}"'));
    assert.equal(fixed(saml('${SAML_SP_ACS:-http://om/callback}'), 'saml-acs-path', SERVER), saml('${SAML_SP_ACS:-http://om/api/v1/saml/acs}'));
  });
  it('stays silent on the right path, a deploy-time value, and other providers', () => {
    assert.deepEqual(codesOf(saml('http://om.example.com/api/v1/saml/acs'), SERVER, 'saml-acs-path'), []);
    assert.deepEqual(codesOf(saml('${SAML_SP_ACS}'), SERVER, 'saml-acs-path'), []);
    assert.deepEqual(codesOf(saml('http://om.example.com/callback', 'basic'), SERVER, 'saml-acs-path'), []);
  });
});
