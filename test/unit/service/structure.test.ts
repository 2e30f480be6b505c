// Structural diagnostics of every code, in every file shape, with placeholders checked through their defaults.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, fix, fixesOf } from '../helpers';

const SERVER = 'file:///ws/openmetadata.yaml';
const HELM = 'file:///ws/values.yaml';
const ENV = 'file:///ws/.env';
const COMPOSE = 'file:///ws/docker-compose.yml';
const structural = (codes: string[]) =>
  codes.filter((c) =>
    /^(yaml-syntax|unknown-key|invalid-type|invalid-value|missing-required|not-in-version|unknown-env-var|env-default-brace|duplicate-key|file-skipped)@/.test(
      c,
    ),
  );

describe('yaml-syntax', () => {
  it('reports a broken line and still reads the rest', () => {
    const { codes, analysis } = check('authenticationConfiguration:\n  provider: custom-oidc\n  clientId: [unclosed\n');
    assert.ok(codes.includes('yaml-syntax@3') || codes.includes('yaml-syntax@4'), codes.join());
    assert.equal(analysis.model.entries.get('authenticationConfiguration.provider')?.value, 'custom-oidc');
  });
  it('is silent on valid YAML', () => {
    assert.deepEqual(structural(check('authenticationConfiguration:\n  provider: basic\n').codes), []);
  });
});

describe('unknown-key', () => {
  it('suggests the closest key', () => {
    const { diagnostics } = check('authenticationConfiguration:\n  provider: basic\n  clientTyp: public\n');
    const d = diagnostics.find((x) => x.code === 'unknown-key')!;
    assert.equal(d.range.start.line, 2);
    assert.match(d.message, /Did you mean `clientType`/);
  });
  it('maps Helm and old names to the server key', () => {
    const { diagnostics } = check('authenticationConfiguration:\n  oidcConfiguration:\n    clientSecret: x\n    promptType: login\n');
    const suggestions = diagnostics.filter((d) => d.code === 'unknown-key').map((d) => (d.data as { suggestion?: string }).suggestion);
    assert.deepEqual(suggestions, ['secret', 'prompt']);
  });
  it('renames with the quick fix, keeping the value and comment', () => {
    assert.equal(fix('authenticationConfiguration:\n  publicKey: [a] # keys\n', 'unknown-key'), 'authenticationConfiguration:\n  publicKeyUrls: [a] # keys\n');
  });
  it('removes the key and its nested lines with the other fix', () => {
    assert.equal(
      fix('authenticationConfiguration:\n  bogus:\n    a: 1\n  provider: basic\n', 'unknown-key', 'Remove'),
      'authenticationConfiguration:\n  provider: basic\n',
    );
  });
  it('tells Helm users to use extraEnvs for keys the chart lacks', () => {
    const { diagnostics } = check('openmetadata:\n  config:\n    authentication:\n      providerName: Keycloak\n', HELM);
    const d = diagnostics.find((x) => x.code === 'unknown-key')!;
    assert.match(d.message, /extraEnvs.*CUSTOM_OIDC_AUTHENTICATION_PROVIDER_NAME/);
  });
  it('moves a Helm key the chart lacks into extraEnvs (issue 25, item 12), or drops it when extraEnvs has it already', () => {
    const text = 'openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      providerName: "Keycloak"\n';
    assert.equal(
      fix(text, 'unknown-key', 'Move it to `extraEnvs`', HELM),
      'openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\nextraEnvs:\n  - name: CUSTOM_OIDC_AUTHENTICATION_PROVIDER_NAME\n    value: "Keycloak"\n',
    );
    const already = `${text}extraEnvs:\n  - name: CUSTOM_OIDC_AUTHENTICATION_PROVIDER_NAME\n    value: Keycloak\n`;
    assert.equal(fix(already, 'unknown-key', 'Remove it', HELM), already.replace('      providerName: "Keycloak"\n', ''));
    // Near miss: a block value is not moved by guess.
    assert.deepEqual(
      fixesOf('openmetadata:\n  config:\n    authentication:\n      providerName: |\n        Keycloak\n', 'unknown-key', HELM).filter((f) =>
        f.title.startsWith('Move'),
      ),
      [],
    );
  });
  it('does not judge keys outside the auth sections', () => {
    assert.deepEqual(structural(check('database:\n  whatever: 1\nauthenticationConfiguration:\n  provider: basic\n').codes), []);
  });
});

describe('invalid-type', () => {
  it('flags a list where a value belongs and a word where a boolean belongs', () => {
    const { codes } = check('authenticationConfiguration:\n  provider: basic\n  enableSelfSignup: sometimes\n  authority: [a, b]\n');
    assert.deepEqual(structural(codes), ['invalid-type@3', 'invalid-type@4']);
  });
  it('checks a placeholder through its default', () => {
    assert.deepEqual(structural(check('authenticationConfiguration:\n  enableSelfSignup: ${AUTHENTICATION_ENABLE_SELF_SIGNUP:-maybe}\n').codes), [
      'invalid-type@2',
    ]);
    assert.deepEqual(structural(check('authenticationConfiguration:\n  enableSelfSignup: ${AUTHENTICATION_ENABLE_SELF_SIGNUP:-true}\n').codes), []);
  });
  it('never flags ${VAR} without a default', () => {
    assert.deepEqual(
      structural(
        check('authenticationConfiguration:\n  enableSelfSignup: ${SIGNUP}\n  publicKeyUrls: ${KEYS}\n  oidcConfiguration:\n    tokenValidity: ${VALIDITY}\n')
          .codes,
      ),
      [],
    );
  });
  it('reads list defaults as YAML lists', () => {
    assert.deepEqual(
      structural(
        check('authenticationConfiguration:\n  publicKeyUrls: ${AUTHENTICATION_PUBLIC_KEYS:-[http://localhost:8585/api/v1/system/config/jwks]}\n').codes,
      ),
      [],
    );
  });
  it('reads env values the way OpenMetadata substitutes them', () => {
    assert.deepEqual(
      structural(
        check('AUTHENTICATION_PUBLIC_KEYS=[http://a/certs,http://b/jwks]\nAUTHENTICATION_ENABLE_SELF_SIGNUP=true\nOIDC_OM_REFRESH_TOKEN_VALIDITY=soon\n', ENV)
          .codes,
      ),
      ['invalid-type@3'],
    );
  });
});

describe('invalid-value', () => {
  it('flags an enum value with a suggestion and fixes it', () => {
    const text = 'authenticationConfiguration:\n  provider: customOidc\n';
    const d = check(text).diagnostics.find((x) => x.code === 'invalid-value')!;
    assert.match(d.message, /Did you mean `custom-oidc`/);
    assert.equal(fix(text, 'invalid-value'), 'authenticationConfiguration:\n  provider: custom-oidc\n');
  });
  it('edits the default inside a placeholder, keeping the variable', () => {
    assert.equal(
      fix('authenticationConfiguration:\n  clientType: ${AUTHENTICATION_CLIENT_TYPE:-confidentail}\n', 'invalid-value'),
      'authenticationConfiguration:\n  clientType: ${AUTHENTICATION_CLIENT_TYPE:-confidential}\n',
    );
  });
  it('enforces minimums', () => {
    assert.deepEqual(structural(check('authenticationConfiguration:\n  oidcConfiguration:\n    sessionExpiry: 60\n').codes), ['invalid-value@3']);
  });
  it('accepts a value only in the releases that had it: `no-auth` up to 0.13 (corpus 04), refused from 1.0', () => {
    const text = 'AUTHENTICATION_PROVIDER=no-auth\n';
    assert.deepEqual(structural(check(text, ENV, { openmetadataVersion: '0.12' }).codes), []);
    assert.deepEqual(structural(check(text, ENV, { openmetadataVersion: '0.13' }).codes), []);
    assert.deepEqual(structural(check(text, ENV, { openmetadataVersion: '1.0' }).codes), ['invalid-value@1']);
    // A value no release had stays refused in old releases too.
    assert.deepEqual(structural(check('AUTHENTICATION_PROVIDER=customOidc\n', ENV, { openmetadataVersion: '0.12' }).codes), ['invalid-value@1']);
  });
  it('accepts every enum value', () => {
    for (const v of ['public', 'confidential']) assert.deepEqual(structural(check(`authenticationConfiguration:\n  clientType: ${v}\n`).codes), []);
  });
});

describe('missing-required', () => {
  it('asks for providerName when the provider is custom-oidc', () => {
    const text =
      'authenticationConfiguration:\n  provider: custom-oidc\n  authority: http://kc/realms/r\n  clientId: om\n  callbackUrl: http://om/callback\n  publicKeyUrls: [a]\n  jwtPrincipalClaims: [email]\n';
    assert.deepEqual(structural(check(text).codes), ['missing-required@1']);
    // The authority is a Keycloak realm: the label is Keycloak's (it used to insert `""` and call it done).
    const fixed = fix(text, 'missing-required');
    assert.equal(fixed, `${text}  providerName: Keycloak\n`);
    assert.deepEqual(structural(check(fixed).codes), []);
  });
  it('does not ask for providerName where no login page shows it (aws-cognito, okta, google)', () => {
    for (const provider of ['aws-cognito', 'okta', 'google']) {
      const text = `authenticationConfiguration:\n  provider: ${provider}\n  authority: https://idp.example.com\n  clientId: om\n  callbackUrl: http://om/callback\n  publicKeyUrls: [a]\n  jwtPrincipalClaims: [email]\n`;
      assert.deepEqual(structural(check(text).codes), [], provider);
    }
  });
  it('adds a value the file implies, never a foreign default or an empty one (issue 25, item 5)', () => {
    const base =
      'authenticationConfiguration:\n  provider: custom-oidc\n  providerName: Keycloak\n  clientId: om\n  callbackUrl: http://om/callback\n  jwtPrincipalClaims: [email]\n';
    // The authority from the Keycloak JWKS, not Google's default.
    const withJwks = `${base}  publicKeyUrls: [http://om/api/v1/system/config/jwks, http://kc:8080/realms/data/protocol/openid-connect/certs]\n`;
    assert.match(fix(withJwks, 'missing-required'), /\n {2}authority: http:\/\/kc:8080\/realms\/data\n/);
    // Near miss: nothing in the file names the realm, so no fix (the message asks the person).
    const none = `${base}  publicKeyUrls: [http://om/api/v1/system/config/jwks]\n`;
    assert.deepEqual(
      fixesOf(none, 'missing-required').map((f) => f.title),
      [],
    );
    // The client ID from the confidential client's id; the callback from its callback.
    const conf =
      'authenticationConfiguration:\n  provider: custom-oidc\n  providerName: Keycloak\n  authority: http://kc/realms/r\n  publicKeyUrls: [a]\n  jwtPrincipalClaims: [email]\n  oidcConfiguration:\n    id: om-web\n    callbackUrl: http://om/callback\n';
    assert.match(fix(conf, 'missing-required', 'clientId'), /\n {2}clientId: om-web\n/);
  });
  it('an empty value the public sign-in needs stays flagged; not for a confidential client or basic auth', () => {
    const text = (clientType: string, provider = 'custom-oidc') =>
      `authenticationConfiguration:\n  provider: ${provider}\n  providerName: Keycloak\n  clientType: ${clientType}\n  authority: http://kc/realms/r\n  clientId: ""\n  callbackUrl: http://om/callback\n  publicKeyUrls: [a]\n  jwtPrincipalClaims: [email]\n`;
    assert.deepEqual(structural(check(text('public')).codes), ['missing-required@6']);
    assert.deepEqual(structural(check(text('confidential')).codes), []);
    assert.deepEqual(structural(check(text('public', 'basic')).codes), []);
  });
  it('asks nothing of basic auth or of Helm values (the chart fills defaults)', () => {
    assert.deepEqual(structural(check('authenticationConfiguration:\n  provider: basic\n').codes), []);
    assert.deepEqual(structural(check('openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n', HELM).codes), []);
  });
});

describe('not-in-version', () => {
  const text = 'authenticationConfiguration:\n  provider: custom-oidc\n  clientType: confidential\n';
  it('flags keys the configured release does not have', () => {
    assert.ok(check(text, SERVER, { openmetadataVersion: '1.2' }).codes.includes('not-in-version@3'));
  });
  it('is silent on the newest release and on releases that have the key', () => {
    assert.ok(!check(text).codes.includes('not-in-version@3'));
    assert.ok(!check(text, SERVER, { openmetadataVersion: '1.3.2' }).codes.includes('not-in-version@3'));
  });
  // A stock 1.1 config with SAML's `wantNameIdEncrypted` (gone after 1.4) and no release named anywhere.
  const saml = 'authenticationConfiguration:\n  provider: saml\n  samlConfiguration:\n    security:\n      wantNameIdEncrypted: false\n';
  it('without a release set or named, a key of older releases is a note that says so, not a warning', () => {
    const d = check(saml, SERVER).diagnostics.filter((x) => x.code === 'not-in-version');
    assert.deepEqual(
      d.map((x) => [x.severity, x.range.start.line + 1]),
      [[3, 5]],
    );
    assert.match(d[0].message, /exists in OpenMetadata .*1\.4 only\. No release is set/);
  });
  it('with the release set, or named by the file, the same key is a warning', () => {
    const set = check(saml, SERVER, { openmetadataVersion: '1.6' }).diagnostics.filter((x) => x.code === 'not-in-version');
    assert.deepEqual(
      set.map((x) => [x.severity, x.range.start.line + 1]),
      [[2, 5]],
    );
    const named = `${saml}---\nimage: docker.getcollate.io/openmetadata/server:1.6.2\n`;
    assert.deepEqual(
      check(named, SERVER)
        .diagnostics.filter((x) => x.code === 'not-in-version')
        .map((x) => x.severity),
      [2],
    );
  });
});

describe('unknown-env-var', () => {
  it('suggests the real name of invented variables', () => {
    const { diagnostics } = check('AUTHENTICATION_DISCOVERY_URI=http://kc/realms/r/.well-known/openid-configuration\nOIDC_SCOPES=openid\n', ENV);
    assert.deepEqual(
      diagnostics.filter((d) => d.code === 'unknown-env-var').map((d) => (d.data as { suggestion: string }).suggestion),
      ['OIDC_DISCOVERY_URI', 'OIDC_SCOPE'],
    );
    assert.equal(fix('OIDC_SCOPES=openid\n', 'unknown-env-var', undefined, ENV), 'OIDC_SCOPE=openid\n');
  });
  it("leaves other tools' variables alone", () => {
    assert.deepEqual(structural(check('AUTHENTICATION_PROVIDER=basic\nDB_HOST=mysql\nELASTICSEARCH_PORT=9200\n', ENV).codes), []);
  });
  it('works in compose environment blocks, map and list forms', () => {
    const map = 'services:\n  om:\n    environment:\n      AUTHENTICATION_PROVIDER: basic\n      OIDC_SCOPES: openid\n';
    const list = 'services:\n  om:\n    environment:\n      - AUTHENTICATION_PROVIDER=basic\n      - OIDC_SCOPES=openid\n';
    assert.deepEqual(structural(check(map, COMPOSE).codes), ['unknown-env-var@5']);
    assert.deepEqual(structural(check(list, COMPOSE).codes), ['unknown-env-var@5']);
  });
});

describe('env-default-brace', () => {
  const text = 'authenticationConfiguration:\n  oidcConfiguration:\n    customParams: ${OIDC_CUSTOM_PARAMS:-{}}\n';
  it('flags a default that contains a brace', () => {
    assert.deepEqual(structural(check(text).codes), ['env-default-brace@3']);
  });
  it('fixes it with an empty default', () => {
    const fixed = fix(text, 'env-default-brace');
    assert.equal(fixed, 'authenticationConfiguration:\n  oidcConfiguration:\n    customParams: ${OIDC_CUSTOM_PARAMS:-}\n');
    assert.deepEqual(structural(check(fixed).codes), []);
  });
  it('is fine in compose files, which substitute differently', () => {
    assert.deepEqual(structural(check('services:\n  om:\n    environment:\n      OIDC_CUSTOM_PARAMS: ${OIDC_CUSTOM_PARAMS:-{}}\n', COMPOSE).codes), []);
  });
});

describe('duplicate-key', () => {
  it('flags a key set twice', () => {
    assert.ok(check('authenticationConfiguration:\n  provider: basic\n  provider: custom-oidc\n').codes.some((c) => c.startsWith('duplicate-key@3')));
  });
});

describe('file shapes', () => {
  it('reads Helm names into canonical paths', () => {
    const { analysis } = check(
      'openmetadata:\n  config:\n    authentication:\n      publicKeys: [a]\n      oidcConfiguration:\n        enabled: true\n        oidcType: Keycloak\n        clientSecret:\n          secretRef: s\n          secretKey: k\n    authorizer:\n      initialAdmins: [alice]\n',
      HELM,
    );
    assert.equal(analysis.shape, 'helm');
    const e = analysis.model.entries;
    assert.deepEqual(e.get('authenticationConfiguration.publicKeyUrls')?.value, ['a']);
    assert.equal(e.get('authenticationConfiguration.oidcConfiguration.type')?.value, 'Keycloak');
    assert.equal(e.get('authenticationConfiguration.oidcConfiguration.secret')?.secretRef, true);
    assert.deepEqual(e.get('authorizerConfiguration.adminPrincipals')?.value, ['alice']);
    assert.equal(e.get('authenticationConfiguration.oidcConfiguration.enabled')?.value, true);
  });
  it('reads .env, compose and Kubernetes env into the same paths', () => {
    const env = check('AUTHENTICATION_CLIENT_ID=om\n', ENV).analysis;
    const compose = check('services:\n  om:\n    environment:\n      AUTHENTICATION_CLIENT_ID: om\n', COMPOSE).analysis;
    const k8s = check(
      'spec:\n  containers:\n    - name: om\n      env:\n        - name: AUTHENTICATION_CLIENT_ID\n          value: om\n',
      'file:///ws/deployment.yaml',
    ).analysis;
    for (const a of [env, compose, k8s]) {
      assert.equal(a.shape, 'env');
      assert.equal(a.model.entries.get('authenticationConfiguration.clientId')?.value, 'om');
    }
  });
  it('reads ingestion workflow files', () => {
    const { analysis, codes } = check(
      'workflowConfig:\n  openMetadataServerConfig:\n    hostPort: http://localhost:8585/api\n    authProvider: openmetadata\n    securityConfig:\n      jwtToken: ${BOT_TOKEN}\n',
      'file:///ws/workflow.yaml',
    );
    assert.equal(analysis.shape, 'workflow');
    assert.deepEqual(structural(codes), []);
  });
  it('stays out of unrelated YAML: CI workflows, Kubernetes manifests, plain data', () => {
    const ci =
      'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      - name: NODE_ENV\n        value: test\n    steps:\n      - run: npm test\n';
    const k8s =
      'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          env:\n            - name: PORT\n              value: "80"\n';
    for (const text of [ci, k8s, 'a: [1\n', 'authentication: {}\n']) {
      const r = check(text, 'file:///ws/other.yaml');
      assert.equal(r.analysis.shape, null);
      assert.deepEqual(r.diagnostics, []);
    }
  });
});

describe('env files that are not OpenMetadata’s', () => {
  it("a Node app's .env with JWT and OIDC names of its own gets nothing", () => {
    const node = 'JWT_SECRET=abc\nOIDC_ISSUER=https://idp.example.org\nOIDC_CLIENT_ID=web\nOIDC_CLIENT_SECRET=xyz\nDB_HOST=localhost\n';
    const { analysis, diagnostics } = check(node, ENV);
    assert.equal(analysis.shape, null);
    assert.deepEqual(diagnostics, []);
  });
  it('one name only OpenMetadata reads, or three it reads, make it one', () => {
    assert.equal(check('AUTHENTICATION_PROVIDER=basic\n', ENV).analysis.shape, 'env');
    assert.equal(
      check('OIDC_CLIENT_ID=om\nOIDC_CLIENT_SECRET=s\nOIDC_DISCOVERY_URI=http://kc/realms/om/.well-known/openid-configuration\n', ENV).analysis.shape,
      'env',
    );
    assert.equal(check('OIDC_CLIENT_ID=om\nOIDC_CLIENT_SECRET=s\n', ENV).analysis.shape, null);
  });
  it('variables of the stock config’s other sections are never unknown, nor renamed into auth ones', () => {
    const compose = 'AUTHENTICATION_PROVIDER=basic\nOM_SM_CLIENT_ID=sm\nOM_SM_CLIENT_SECRET=x\nAUTHORIZER_ENABLE_SMTP=false\n';
    assert.deepEqual(
      check(compose, ENV).codes.filter((c) => c.startsWith('unknown-env-var')),
      [],
    );
  });
  it('a typo keeps its family: THENTICATION_… is still AUTHENTICATION_…', () => {
    const { diagnostics } = check('AUTHENTICATION_PROVIDER=basic\nTHENTICATION_RESPONSE_TYPE=id_token\nOM_AUTH_CLIENT_IDX=x\n', ENV);
    const unknown = diagnostics
      .filter((d) => d.code === 'unknown-env-var')
      .map((d) => [d.range.start.line + 1, (d.data as { suggestion?: string }).suggestion]);
    assert.deepEqual(unknown[0], [2, 'AUTHENTICATION_RESPONSE_TYPE']);
  });
});
