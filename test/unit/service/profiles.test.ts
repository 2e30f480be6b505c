// One profile per file shape: its names, defaults and secret reference, and the one Kubernetes Secret every writer uses.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DefaultSecret, Paths } from '../../../common/protocol';
import { profileOf } from '../../../server/src/service/shapes/index';
import { keycloakSettings } from '../../../keycloak/settings';
import { analyze } from '../../../server/src/service/analyze';
import { setValues, applyChanges } from '../../../server/src/service/edits';
import { check, fix, URI } from '../helpers';

describe('file-shape profiles', () => {
  it('server config: server key names, no defaults for a key left out, ${VAR} references', () => {
    const p = profileOf('server');
    assert.equal(p.nameOf(Paths.prompt), 'oidcConfiguration.prompt');
    assert.equal(p.nameOf(Paths.clientType), 'clientType');
    assert.equal(p.setting(Paths.clientType, 'confidential'), 'clientType: confidential');
    assert.equal(p.absentValue(Paths.oidcCallbackUrl, '1.12'), undefined);
    assert.equal(p.oidcSwitch, undefined);
    assert.equal(p.substitutes, true);
    assert.equal(p.secret.reference.envVar, 'OIDC_CLIENT_SECRET');
    assert.equal(p.secret.wording, '`${OIDC_CLIENT_SECRET}`');
  });

  it("Helm values: the chart's names, the chart's defaults by release, its OIDC switch and one Kubernetes Secret", () => {
    const p = profileOf('helm');
    assert.equal(p.nameOf(Paths.prompt), 'oidcConfiguration.promptType');
    assert.equal(p.nameOf(Paths.oidcSecret), 'oidcConfiguration.clientSecret');
    assert.equal(p.setting(Paths.prompt, 'none'), 'oidcConfiguration.promptType: none');
    assert.equal(p.absentValue(Paths.oidcCallbackUrl, '1.12'), 'http://openmetadata:8585/callback');
    // Before the chart had an oidcConfiguration block (1.3) the conf's own default is all there is.
    assert.equal(p.absentValue(Paths.oidcCallbackUrl, '1.2'), 'http://localhost:8585/callback');
    assert.equal(p.absentValue(Paths.oidcSecret, '1.12'), 'secret');
    assert.equal(p.oidcSwitch, Paths.oidcEnabled);
    assert.equal(p.defaultOmUrl, 'http://openmetadata:8585');
    assert.deepEqual(p.secret.reference, { envVar: 'OIDC_CLIENT_SECRET', secretName: 'oidc-secrets', secretKey: 'openmetadata-oidc-client-secret' });
    assert.deepEqual(p.secret.idReference, { envVar: 'OIDC_CLIENT_ID', secretName: 'oidc-secrets', secretKey: 'openmetadata-oidc-client-id' });
  });

  it("env files: variable names, NAME=value settings, the conf's defaults for a variable left out", () => {
    const p = profileOf('env');
    assert.equal(p.nameOf(Paths.clientType), 'AUTHENTICATION_CLIENT_TYPE');
    assert.equal(p.nameOf(Paths.prompt), 'OIDC_PROMPT_TYPE');
    assert.equal(p.setting(Paths.clientType, 'public'), 'AUTHENTICATION_CLIENT_TYPE=public');
    assert.equal(p.absentValue(Paths.oidcCallbackUrl, '1.12'), 'http://localhost:8585/callback');
    assert.equal(p.textValues, true);
    assert.equal(p.secret.reference.envVar, 'OIDC_CLIENT_SECRET');
  });

  it('ingestion workflow: server names, and it does not configure the server', () => {
    const p = profileOf('workflow');
    assert.equal(p.nameOf(Paths.clientType), 'clientType');
    assert.equal(p.configuresServer, false);
    assert.equal(p.substitutes, false);
    assert.equal(p.absentValue(Paths.oidcCallbackUrl, '1.12'), undefined);
  });

  it('the default secret references are the contract’s, in every profile', () => {
    for (const shape of ['server', 'helm', 'env', 'workflow'] as const) {
      const { reference } = profileOf(shape).secret;
      assert.equal(reference.envVar, DefaultSecret.envVar, shape);
      assert.equal(reference.secretName, DefaultSecret.secretName, shape);
      assert.equal(reference.secretKey, DefaultSecret.secretKey, shape);
    }
  });
});

describe('one Kubernetes Secret wherever a Secret reference is written', () => {
  const HELM_CONFIDENTIAL =
    'openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      clientType: confidential\n      oidcConfiguration:\n        enabled: true\n        clientSecret: ""\n        discoveryUri: http://kc/realms/om/.well-known/openid-configuration\n';
  const refs = (text: string) => [...text.matchAll(/secretRef: (\S+)\n\s+secretKey: (\S+)/g)].map((m) => `${m[1]}/${m[2]}`);
  const expected = `${DefaultSecret.secretName}/${DefaultSecret.secretKey}`;

  it('the confidential-client-without-secret fix', () => {
    assert.deepEqual(refs(fix(HELM_CONFIDENTIAL, 'confidential-client-without-secret', undefined, URI.helm)), [expected]);
  });
  it('the plaintext-secret fix', () => {
    const text = HELM_CONFIDENTIAL.replace('clientSecret: ""', 'clientSecret: s3cr3t-value');
    assert.deepEqual(refs(fix(text, 'plaintext-secret', undefined, URI.helm)), [expected]);
  });
  it('the settings Create Keycloak Client writes', () => {
    const values = keycloakSettings({ kcUrl: 'http://kc', realm: 'om', clientId: 'om', flow: 'authCode', omUrl: 'http://om:8585' });
    const text = 'openmetadata:\n  config:\n    authentication:\n      provider: basic\n';
    const out = applyChanges(text, setValues(text, analyze(URI.helm, text).model, values).changes);
    assert.ok(refs(out).includes(expected), out);
    assert.ok(refs(out).includes(`${DefaultSecret.secretName}/${DefaultSecret.idKey}`), out);
    assert.equal(new Set(refs(out).map((r) => r.split('/')[0])).size, 1, out);
  });
});

describe('messages and fix titles in the file’s own terms', () => {
  it('Helm is told about promptType', () => {
    const text =
      'openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      clientType: confidential\n      oidcConfiguration:\n        enabled: true\n        promptType: none\n';
    const d = check(text, URI.helm).diagnostics.find((x) => x.code === 'prompt-none');
    assert.ok(d?.message.startsWith('`oidcConfiguration.promptType: none`'), d?.message);
  });
  it('an env file is told to set AUTHENTICATION_CLIENT_TYPE', () => {
    const text =
      'AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_CLIENT_TYPE=confidential\nAUTHENTICATION_CLIENT_ID=om\nOIDC_CLIENT_ID=om\nOIDC_DISCOVERY_URI=http://kc/realms/om/.well-known/openid-configuration\n';
    const d = check(text, URI.dotenv).diagnostics.find((x) => x.code === 'confidential-client-without-secret');
    assert.ok(d?.message.includes('`AUTHENTICATION_CLIENT_TYPE=public`'), d?.message);
    assert.ok(!d?.message.includes('clientType: public'), d?.message);
  });
});
