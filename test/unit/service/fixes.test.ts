// Structural quick fixes that once wrote what the extension then flags (issue 11): duplicates, leftovers, broken YAML.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { check, codesOf, fixesOf, fixed, URI } from '../helpers';
import { overlap } from '../vscodeEdits';

const yamlErrors = (text: string) => parseAllDocuments(text, { uniqueKeys: true }).flatMap((d) => ('errors' in d ? d.errors.map((e) => e.code) : []));
const titles = (text: string, code: string, uri: string) => fixesOf(text, code, uri).map((f) => f.title);

describe('renames never write a name that is already there (defect 1)', () => {
  it('Helm `providerName` beside `provider`: no rename; the move to extraEnvs the message names, or removal (issue 25, item 12)', () => {
    const text = 'openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      providerName: Keycloak\n';
    assert.deepEqual(titles(text, 'unknown-key', URI.helm), ['Move it to `extraEnvs` as `CUSTOM_OIDC_AUTHENTICATION_PROVIDER_NAME`', 'Remove `providerName`']);
    assert.match(check(text, URI.helm).diagnostics.find((d) => d.code === 'unknown-key')!.message, /extraEnvs/);
  });
  it('a typo is still renamed when its name is free, and not when it is taken', () => {
    const free = 'authenticationConfiguration:\n  provider: custom-oidc\n  authorty: http://kc/realms/om\n';
    assert.equal(fixed(free, 'unknown-key', URI.server), free.replace('authorty', 'authority'));
    const taken = `${free}  authority: http://kc/realms/om\n`;
    assert.deepEqual(titles(taken, 'unknown-key', URI.server), ['Remove `authorty`']);
  });
  it('an unknown env var is not renamed into a variable the file sets already', () => {
    const text = 'services:\n  om:\n    environment:\n      AUTHENTICATION_PROVIDER: custom-oidc\n      OIDC_CLIENT_ID: om\n      OIDC_CLIENT_IDD: om\n';
    assert.deepEqual(codesOf(text, URI.compose, 'unknown-env-var'), ['unknown-env-var@6']);
    assert.deepEqual(titles(text, 'unknown-env-var', URI.compose), []);
    const free = text.replace('      OIDC_CLIENT_ID: om\n', '');
    assert.deepEqual(titles(free, 'unknown-env-var', URI.compose), ['Rename to `OIDC_CLIENT_ID`']);
  });
});

describe('removals take the whole block (defect 2)', () => {
  it('"Remove `key`" takes list items written at the key\'s own indentation', () => {
    const text = 'authenticationConfiguration:\n  provider: basic\n  publicKeyUrl:\n  - http://a\n  - http://b\n  authority: http://x\n';
    const out = fixed(text, 'unknown-key', URI.server, { title: 'Remove' });
    assert.equal(out, 'authenticationConfiguration:\n  provider: basic\n  authority: http://x\n');
  });
  it('"Remove this duplicate key" takes the duplicate\'s children with it', () => {
    const text = 'authenticationConfiguration:\n  provider: custom-oidc\n  oidcConfiguration:\n    id: a\n  oidcConfiguration:\n    id: b\n    scope: openid\n';
    const errors = check(text, URI.server).diagnostics.filter((d) => d.severity === 1).length;
    const out = fixed(text, 'duplicate-key', URI.server);
    assert.equal(out, 'authenticationConfiguration:\n  provider: custom-oidc\n  oidcConfiguration:\n    id: a\n');
    assert.ok(check(out, URI.server).diagnostics.filter((d) => d.severity === 1).length < errors);
  });
});

describe('a removal never leaves a parent without a value', () => {
  it('the only key of a mapping gets its rename, not "Remove" (openmetadata: would be null, which the chart refuses)', () => {
    const only = 'openmetadata:\n  configuration:\n    authentication:\n      provider: custom-oidc\n';
    assert.deepEqual(titles(only, 'unknown-key', URI.helm), ['Rename to `config`']);
    // Near miss: with a sibling left, removing it is safe and still offered.
    const two =
      'openmetadata:\n  configuration:\n    authentication:\n      provider: custom-oidc\n  config:\n    authentication:\n      provider: custom-oidc\n';
    assert.ok(titles(two, 'unknown-key', URI.helm).includes('Remove `configuration`'));
  });
});

describe('"Add a space after the colon" keeps valid YAML valid (defect 3)', () => {
  it('`key:child: value` becomes a nested key, not two keys on one line', () => {
    const text = 'source:\n  type: metadata\nworkflowConfig:\n  openMetadataServerConfig:hostPort: http://localhost:8585/api\n';
    assert.deepEqual(yamlErrors(text), []);
    const out = fixed(text, 'malformed-value', URI.workflow);
    assert.deepEqual(yamlErrors(out), []);
    assert.equal(out, text.replace('openMetadataServerConfig:hostPort', 'openMetadataServerConfig:\n    hostPort'));
  });
  it('a plain `key:"value"` still gets its space', () => {
    const text =
      'authenticationConfiguration:\n  provider: custom-oidc\n  oidcConfiguration:\n    id: om\n    discoveryUri:"http://kc:8080/realms/om/.well-known/openid-configuration"\n    callbackUrl: http://localhost:8585/callback\n';
    assert.match(fixed(text, 'malformed-value', URI.server), /discoveryUri: "http:\/\/kc:8080/);
  });
});

describe('the workflow legacy-setting fix (defect 4)', () => {
  it('returns no overlapping edits for a flow-style securityConfig, and the result is the bot JWT', () => {
    const text =
      'workflowConfig:\n  openMetadataServerConfig:\n    hostPort: http://localhost:8585/api\n    authProvider: custom-oidc\n    securityConfig: {clientId: a, secretKey: b, tokenEndpoint: c}\n';
    for (const f of fixesOf(text, 'legacy-setting', URI.workflow)) assert.equal(overlap(f.changes), undefined, f.title);
    const out = fixed(text, 'legacy-setting', URI.workflow, { gone: true });
    assert.equal(out, text.replace('custom-oidc', 'openmetadata').replace('{clientId: a, secretKey: b, tokenEndpoint: c}', '{jwtToken: "${OM_JWT_TOKEN}"}'));
  });
});

describe('not-in-version in a compose file with two services', () => {
  it('removes the variable from every service, so the warning is gone', () => {
    const text =
      'services:\n  server:\n    environment:\n      AUTHENTICATION_PROVIDER: basic\n      OIDC_MAX_AGE: "0"\n  migrate:\n    environment:\n      AUTHENTICATION_PROVIDER: basic\n      OIDC_MAX_AGE: "0"\n';
    const settings = { openmetadataVersion: '1.6' };
    assert.ok(codesOf(text, URI.compose, 'not-in-version', settings).length > 0);
    const out = fixed(text, 'not-in-version', URI.compose, { settings, gone: true });
    assert.equal(out, text.replace(/      OIDC_MAX_AGE: "0"\n/g, ''));
  });
});
