// Helm rules: values under keys the chart never reads, and the chart's switch for the confidential flow.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, codesOf as codesOfCode, fix, fixesOf, fixed as fixedAndChecked, URI } from '../helpers';

const HELM = URI.helm;
const codesOf = (text: string, code: string) => codesOfCode(text, HELM, code);

const fixed = (text: string, code: string, title?: string) => fixedAndChecked(text, code, HELM, { title, gone: true });

const fixTitles = (text: string, code: string): string[] => fixesOf(text, code, HELM).map((f) => f.title);

const AUTH = `  authorizer:
    className: "org.openmetadata.service.security.DefaultAuthorizer"
    initialAdmins:
      - "user1"
  # the OIDC part
  authentication:
    provider: "custom-oidc"
    publicKeys:
    - "http://localhost:8080/realms/om/protocol/openid-connect/certs"
    - "http://openmetadata:8585/api/v1/system/config/jwks"
    authority: "http://localhost:8080/realms/om"
    clientId: "om"
    callbackUrl: "http://localhost:8585/callback"
`;

describe('helm-obsolete-global', () => {
  const text = `global:\n${AUTH}image:\n  tag: 1.12.0\n`;
  it('fires on a top-level global: carrying the auth blocks', () => {
    assert.deepEqual(codesOf(text, 'helm-obsolete-global'), ['helm-obsolete-global@1']);
  });
  it('moves the blocks under openmetadata.config, re-indented, comments kept', () => {
    const indented = AUTH.split('\n')
      .map((l) => (l ? `  ${l}` : l))
      .join('\n');
    assert.equal(fixed(text, 'helm-obsolete-global'), `openmetadata:\n  config:\n${indented}image:\n  tag: 1.12.0\n`);
  });
  it('offers no move when global holds other values or openmetadata: exists', () => {
    assert.deepEqual(fixTitles(`global:\n  imageRegistry: docker.io\n${AUTH}`, 'helm-obsolete-global'), []);
    assert.deepEqual(fixTitles(`openmetadata:\n  config:\n    jwtTokenConfiguration:\n      enabled: true\nglobal:\n${AUTH}`, 'helm-obsolete-global'), []);
  });
  it('stays silent on a global: without auth blocks and on openmetadata.config', () => {
    assert.deepEqual(
      codesOf(`global:\n  imageRegistry: docker.io\nopenmetadata:\n  config:\n    authentication:\n      provider: basic\n`, 'helm-obsolete-global'),
      [],
    );
    assert.deepEqual(codesOf(`openmetadata:\n  config:\n${AUTH.replace(/^/gm, '  ')}`, 'helm-obsolete-global'), []);
  });
});

describe('unknown-key openmetadata.configuration', () => {
  const text =
    'openmetadata:\n  configuration:\n      authentication:\n        enabled: true\n        clientType: confidential\n        provider: "custom-oidc"\n        oidcConfiguration:\n          enabled: true\n';
  it('fires on `configuration` (helm-charts issue 229)', () => {
    assert.deepEqual(codesOf(text, 'unknown-key'), ['unknown-key@2']);
    const d = check(text, HELM).diagnostics.find((x) => x.code === 'unknown-key')!;
    assert.match(d.message, /reads `openmetadata\.config`, not `openmetadata\.configuration`/);
  });
  it('renames it to config (preferred)', () => {
    assert.equal(fixed(text, 'unknown-key'), text.replace('configuration:', 'config:'));
  });
  it('offers no rename when config exists too, and is silent on config', () => {
    const both = `${text}  config:\n    authorizer:\n      principalDomain: example.com\n`;
    assert.deepEqual(fixTitles(both, 'unknown-key'), ['Remove `configuration`']);
    assert.deepEqual(codesOf(text.replace('configuration:', 'config:'), 'unknown-key'), []);
  });
});

describe('helm-oidc-not-enabled', () => {
  const helm = (oidc: string) => `openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      clientType: confidential\n${oidc}`;
  it('fires on a confidential client without oidcConfiguration.enabled: true', () => {
    assert.deepEqual(codesOf(helm(''), 'helm-oidc-not-enabled'), ['helm-oidc-not-enabled@5']);
    assert.deepEqual(codesOf(helm('      oidcConfiguration:\n        enabled: false # chart default\n'), 'helm-oidc-not-enabled'), ['helm-oidc-not-enabled@7']);
    assert.deepEqual(
      codesOf(helm('      oidcConfiguration:\n        discoveryUri: http://kc/realms/om/.well-known/openid-configuration\n'), 'helm-oidc-not-enabled'),
      ['helm-oidc-not-enabled@6'],
    );
  });
  it('is the only flow diagnostic while the chart renders no OIDC settings', () => {
    const flow = /^(helm-oidc-not-enabled|confidential-client-|client-id-mismatch|callback-mismatch|public-client-)/;
    assert.deepEqual(
      check(helm('      oidcConfiguration:\n        clientSecret: ""\n        serverUrl: ""\n'), HELM).codes.filter((c) => flow.test(c)),
      ['helm-oidc-not-enabled@6'],
    );
  });
  it('sets enabled: true, with the discovery URI the server then needs when the file says it', () => {
    const discovery = '      oidcConfiguration:\n        discoveryUri: http://kc/realms/om/.well-known/openid-configuration\n';
    assert.equal(
      fixed(helm(`${discovery}        enabled: false # chart default\n`), 'helm-oidc-not-enabled'),
      helm(`${discovery}        enabled: true # chart default\n`),
    );
    const authority = helm('').replace('      clientType', '      authority: http://kc/realms/om\n      clientType');
    assert.equal(
      fixed(authority, 'helm-oidc-not-enabled'),
      `${authority}      oidcConfiguration:\n        enabled: true\n        discoveryUri: http://kc/realms/om/.well-known/openid-configuration\n`,
    );
    // Without a basis for it the fix still enables the block; the missing discovery URI is then reported on its own.
    assert.equal(fix(helm(''), 'helm-oidc-not-enabled', undefined, HELM), helm('      oidcConfiguration:\n        enabled: true\n'));
  });
  it('stays silent when enabled, for public clients and for non-OIDC providers', () => {
    assert.deepEqual(codesOf(helm('      oidcConfiguration:\n        enabled: true\n'), 'helm-oidc-not-enabled'), []);
    assert.deepEqual(codesOf(helm('').replace('confidential', 'public'), 'helm-oidc-not-enabled'), []);
    assert.deepEqual(codesOf(helm('').replace('custom-oidc', 'ldap'), 'helm-oidc-not-enabled'), []);
  });
});
