// Malformed values: docs placeholders left in values and value strings broken by copy and paste, in every file shape.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, codesOf, fix, fixed as fixedAndChecked, URI } from '../helpers';
import type { ServiceSettings } from '../../../server/src/service/validate';

const { server: SERVER, helm: HELM, dotenv: DOTENV, compose: COMPOSE, k8s: K8S, workflow: WORKFLOW } = URI;

const only = codesOf;

const fixed = (text: string, code: string, uri: string, title?: string, settings: ServiceSettings = {}) =>
  fixedAndChecked(text, code, uri, { title, settings });

describe('placeholder-left', () => {
  it('points at each docs placeholder in server YAML', () => {
    const text = `authenticationConfiguration:
  provider: custom-oidc
  authority: "{Keycloak-server-URL}/realms/{your-realm-name}"
  clientId: "{Client ID}"
`;
    assert.deepEqual(only(text, SERVER, 'placeholder-left'), ['placeholder-left@3', 'placeholder-left@3', 'placeholder-left@4']);
    const d = check(text, SERVER).diagnostics.find((x) => x.code === 'placeholder-left')!;
    assert.deepEqual(d.range, { start: { line: 2, character: 14 }, end: { line: 2, character: 35 } });
    assert.equal(d.severity, 1);
  });

  it('removes braces that only wrap a URL in a .env file', () => {
    const text = 'AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_AUTHORITY={http://localhost:8081/auth/realms/data-sec}\n';
    assert.deepEqual(only(text, DOTENV, 'placeholder-left'), ['placeholder-left@2']);
    assert.equal(
      fixed(text, 'placeholder-left', DOTENV),
      'AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_AUTHORITY=http://localhost:8081/auth/realms/data-sec\n',
    );
  });

  it('unwraps a URL inside an env list and keeps the other items', () => {
    const text = 'AUTHENTICATION_PUBLIC_KEYS=[{http://kc:8081/realms/r/protocol/openid-connect/certs}, http://om:8585/api/v1/system/config/jwks]\n';
    assert.deepEqual(only(text, DOTENV, 'placeholder-left'), ['placeholder-left@1']);
    assert.equal(
      fixed(text, 'placeholder-left', DOTENV),
      'AUTHENTICATION_PUBLIC_KEYS=[http://kc:8081/realms/r/protocol/openid-connect/certs, http://om:8585/api/v1/system/config/jwks]\n',
    );
  });

  it('unwraps a URL that has a placeholder inside and leaves the inner one reported', () => {
    const text = 'AUTHENTICATION_AUTHORITY={http://localhost:8080/realms/{your-realm}}\n';
    const { diagnostics } = check(text, DOTENV);
    assert.deepEqual(
      diagnostics.filter((d) => d.code === 'placeholder-left').map((d) => [d.range.start.character, d.range.end.character]),
      [
        [25, 68],
        [55, 67],
      ],
    );
    const out = fixed(text, 'placeholder-left', DOTENV);
    assert.equal(out, 'AUTHENTICATION_AUTHORITY=http://localhost:8080/realms/{your-realm}\n');
    assert.deepEqual(only(out, DOTENV, 'placeholder-left'), ['placeholder-left@1']);
  });

  it('offers no fix for a name placeholder', () => {
    const text = 'AUTHENTICATION_CLIENT_ID={Client ID}\n';
    assert.deepEqual(only(text, DOTENV, 'placeholder-left'), ['placeholder-left@1']);
    assert.throws(() => fix(text, 'placeholder-left', undefined, DOTENV), /no fix/);
  });

  it('reports angle-bracket placeholders and Helm values', () => {
    const text = `openmetadata:
  config:
    authentication:
      provider: custom-oidc
      authority: "http://keycloak:8080/realms/<myrealm>"
      clientId: "{Client ID}"
`;
    assert.deepEqual(only(text, HELM, 'placeholder-left'), ['placeholder-left@5', 'placeholder-left@6']);
  });

  it('removes braces around a URL in server YAML, where they make a mapping', () => {
    const text = 'authenticationConfiguration:\n  authority: {http://localhost:8080/realms/om}\n';
    assert.deepEqual(only(text, SERVER, 'placeholder-left'), ['placeholder-left@2']);
    assert.equal(fixed(text, 'placeholder-left', SERVER), 'authenticationConfiguration:\n  authority: http://localhost:8080/realms/om\n');
  });

  it('stays silent on references, templates, JSON and vault paths', () => {
    const server = `authenticationConfiguration:
  authority: \${AUTHENTICATION_AUTHORITY:-http://localhost:8080/realms/om}
  oidcConfiguration:
    customParams: {customParamKey1: prompt, customParamValue1: login}
`;
    assert.deepEqual(only(server, SERVER, 'placeholder-left'), []);
    const helm = `openmetadata:
  config:
    authentication:
      authority: "{{ .Values.keycloak.url }}/realms/om"
      oidcConfiguration:
        customParams: '{"customParamKey1": "prompt"}'
`;
    assert.deepEqual(only(helm, HELM, 'placeholder-left'), []);
    const k8s = `spec:
  containers:
    - name: om
      env:
        - name: AUTHENTICATION_AUTHORITY
          value: <path:kv/data/om#AUTHENTICATION_AUTHORITY>
`;
    assert.deepEqual(only(k8s, K8S, 'placeholder-left'), []);
  });

  it('leaves the bot token slot of the ingestion docs alone (corpus 22)', () => {
    const text = `workflowConfig:
  openMetadataServerConfig:
    hostPort: http://localhost:8585/api
    authProvider: openmetadata
    securityConfig:
       jwtToken: <jwt-token>
`;
    assert.deepEqual(check(text, WORKFLOW).codes, []);
    assert.deepEqual(only(text.replace('<jwt-token>', '{jwt-token}'), WORKFLOW, 'placeholder-left'), ['placeholder-left@6']);
  });

  it('skips keys the version no longer has (not-in-version says it)', () => {
    const text = `workflowConfig:
  openMetadataServerConfig:
    authProvider: openmetadata
    securityConfig:
      clientId: '{your_client_id}'
`;
    assert.deepEqual(only(text, WORKFLOW, 'placeholder-left'), []);
    assert.deepEqual(only(text, WORKFLOW, 'placeholder-left', { openmetadataVersion: '1.0' }), ['placeholder-left@5']);
  });
});

describe('malformed-value', () => {
  it('strips a value that repeats its own name in a .env file', () => {
    const text = 'OIDC_DISCOVERY_URI="OIDC_DISCOVERY_URI=http://kc:8080/realms/om/.well-known/openid-configuration"\nAUTHENTICATION_PROVIDER=custom-oidc\n';
    assert.deepEqual(only(text, DOTENV, 'malformed-value'), ['malformed-value@1']);
    assert.equal(
      fixed(text, 'malformed-value', DOTENV),
      'OIDC_DISCOVERY_URI="http://kc:8080/realms/om/.well-known/openid-configuration"\nAUTHENTICATION_PROVIDER=custom-oidc\n',
    );
  });

  it('strips a repeated env name inside server YAML', () => {
    const text =
      'authenticationConfiguration:\n  oidcConfiguration:\n    discoveryUri: OIDC_DISCOVERY_URI=http://kc/realms/om/.well-known/openid-configuration\n';
    assert.deepEqual(only(text, SERVER, 'malformed-value'), ['malformed-value@3']);
    assert.equal(
      fixed(text, 'malformed-value', SERVER),
      'authenticationConfiguration:\n  oidcConfiguration:\n    discoveryUri: http://kc/realms/om/.well-known/openid-configuration\n',
    );
  });

  it('removes a stray quote (corpus 16)', () => {
    const text = 'authenticationConfiguration:\n  oidcConfiguration:\n    callbackUrl: http://localhost:8585/callback"   # keep me\n';
    const d = check(text, SERVER).diagnostics.find((x) => x.code === 'malformed-value')!;
    assert.deepEqual(d.range, { start: { line: 2, character: 47 }, end: { line: 2, character: 48 } });
    assert.equal(
      fixed(text, 'malformed-value', SERVER),
      'authenticationConfiguration:\n  oidcConfiguration:\n    callbackUrl: http://localhost:8585/callback   # keep me\n',
    );
  });

  it('removes an unclosed leading quote in a .env file', () => {
    const text = 'AUTHENTICATION_CALLBACK_URL="http://localhost:8585/callback\n';
    assert.deepEqual(only(text, DOTENV, 'malformed-value'), ['malformed-value@1']);
    assert.equal(fixed(text, 'malformed-value', DOTENV), 'AUTHENTICATION_CALLBACK_URL=http://localhost:8585/callback\n');
  });

  it('leaves balanced quotes and secrets alone', () => {
    assert.deepEqual(only('AUTHENTICATION_CALLBACK_URL="http://localhost:8585/callback"\n', DOTENV, 'malformed-value'), []);
    assert.deepEqual(only("authenticationConfiguration:\n  oidcConfiguration:\n    secret: 'pa\"ss'\n    id: it's\n", SERVER, 'malformed-value'), []);
    assert.deepEqual(only('OIDC_CLIENT_SECRET=abc"\n', DOTENV, 'malformed-value'), []);
  });

  it('rewrites YAML syntax in a .env file as NAME=value (corpus 23)', () => {
    const text = 'OIDC_TYPE=okta\nOIDC_CALLBACK: ${OIDC_CALLBACK:-"http://localhost:8585/callback"}\n';
    assert.deepEqual(only(text, DOTENV, 'malformed-value'), ['malformed-value@2']);
    const d = check(text, DOTENV).diagnostics.find((x) => x.code === 'malformed-value')!;
    assert.equal(d.severity, 2);
    assert.deepEqual(d.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 14 } });
    assert.equal(fixed(text, 'malformed-value', DOTENV), 'OIDC_TYPE=okta\nOIDC_CALLBACK=${OIDC_CALLBACK:-"http://localhost:8585/callback"}\n');
  });

  it("does not judge other tools' variables in a .env file", () => {
    assert.deepEqual(only('DB_HOST: mysql\nDB_HOST=mysql\nDB_HOST=db\n', DOTENV, 'malformed-value'), []);
  });

  it('removes a space after = in a .env file (corpus 13)', () => {
    const text = 'AUTHORIZER_CLASS_NAME= org.openmetadata.service.security.DefaultAuthorizer\n';
    assert.deepEqual(only(text, DOTENV, 'malformed-value'), ['malformed-value@1']);
    assert.equal(fixed(text, 'malformed-value', DOTENV), 'AUTHORIZER_CLASS_NAME=org.openmetadata.service.security.DefaultAuthorizer\n');
  });

  it('reports the earlier of two assignments in a .env file and removes it', () => {
    const text = `OIDC_TYPE=custom-oidc
OIDC_DISCOVERY_URI=http://old/realms/om/.well-known/openid-configuration # first try
OIDC_CLIENT_ID=om
OIDC_DISCOVERY_URI=http://kc/realms/om/.well-known/openid-configuration
`;
    assert.deepEqual(only(text, DOTENV, 'malformed-value'), ['malformed-value@2']);
    const d = check(text, DOTENV).diagnostics.find((x) => x.code === 'malformed-value')!;
    assert.match(d.message, /set again on line 4/);
    assert.equal(
      fixed(text, 'malformed-value', DOTENV),
      `OIDC_TYPE=custom-oidc
OIDC_CLIENT_ID=om
OIDC_DISCOVERY_URI=http://kc/realms/om/.well-known/openid-configuration
`,
    );
  });

  it('reports duplicates inside one compose list but not across services', () => {
    const text = `services:
  server:
    environment:
      - AUTHENTICATION_PROVIDER=basic
      - AUTHENTICATION_PROVIDER=custom-oidc
  migrate:
    environment:
      - AUTHENTICATION_PROVIDER=custom-oidc
`;
    assert.deepEqual(only(text, COMPOSE, 'malformed-value'), ['malformed-value@4']);
    assert.equal(
      fixed(text, 'malformed-value', COMPOSE),
      `services:
  server:
    environment:
      - AUTHENTICATION_PROVIDER=custom-oidc
  migrate:
    environment:
      - AUTHENTICATION_PROVIDER=custom-oidc
`,
    );
  });

  it('reports duplicates in a Kubernetes env list and removes the whole item', () => {
    const text = `spec:
  containers:
    - name: om
      env:
        - name: AUTHENTICATION_PROVIDER
          value: basic
        - name: AUTHENTICATION_CLIENT_ID
          value: om
        - name: AUTHENTICATION_PROVIDER
          value: custom-oidc
    - name: sidecar
      env:
        - name: AUTHENTICATION_PROVIDER
          value: custom-oidc
`;
    assert.deepEqual(only(text, K8S, 'malformed-value'), ['malformed-value@5']);
    assert.equal(fixed(text, 'malformed-value', K8S), text.replace('        - name: AUTHENTICATION_PROVIDER\n          value: basic\n', ''));
  });

  it('leaves a duplicate compose mapping key to the YAML parser', () => {
    const text = 'services:\n  server:\n    environment:\n      AUTHENTICATION_PROVIDER: basic\n      AUTHENTICATION_PROVIDER: custom-oidc\n';
    assert.deepEqual(only(text, COMPOSE, 'malformed-value'), []);
  });

  it('fires on a quote left open inside a ${VAR:-"...} default, and closes it (#15737)', () => {
    const text = 'authorizerConfiguration:\n  className: ${AUTHORIZER_CLASS_NAME:-"org.openmetadata.service.security.DefaultAuthorizer}\n';
    assert.deepEqual(only(text, SERVER, 'malformed-value'), ['malformed-value@2']);
    assert.equal(fixed(text, 'malformed-value', SERVER), text.replace('DefaultAuthorizer}', 'DefaultAuthorizer"}'));
    // Near misses: a closed quote, no quote, an apostrophe inside a word.
    assert.deepEqual(only(text.replace('DefaultAuthorizer}', 'DefaultAuthorizer"}'), SERVER, 'malformed-value'), []);
    assert.deepEqual(only(text.replace(':-"', ':-'), SERVER, 'malformed-value'), []);
    assert.deepEqual(only("authenticationConfiguration:\n  providerName: ${AUTHENTICATION_PROVIDER_NAME:-O'Brien SSO}\n", SERVER, 'malformed-value'), []);
  });

  it('keeps the missing-space case to the core reader (one diagnostic, one fix)', () => {
    const text = 'authenticationConfiguration:\n  oidcConfiguration:\n    id: om\n    discoveryUri:"http://kc/realms/om/.well-known/openid-configuration"\n';
    assert.deepEqual(only(text, SERVER, 'malformed-value'), ['malformed-value@4']);
  });
  it('says the missing space once: not also as the YAML error it causes on that line (corpus 16)', () => {
    const text =
      'authenticationConfiguration:\n  oidcConfiguration:\n    id: om\n    discoveryUri:"http://kc/realms/om/.well-known/openid-configuration"   # the docs\' line\n';
    assert.deepEqual(check(text, SERVER).codes, ['malformed-value@4']);
    // Another syntax error in the same block is still reported.
    assert.ok(check(`${text}    callbackUrl: [http://om/callback\n`, SERVER).codes.some((c) => c.startsWith('yaml-syntax@')));
  });
});
