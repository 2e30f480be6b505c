// `# openmetadata-disable-next-line` comments and the `openmetadataAuth.rules` severity setting.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../helpers';

const TEXT = 'authenticationConfiguration:\n  provider: customOidc\n  clientType: confidentail\n';

describe('suppression', () => {
  it('a disable comment silences its code on the next line only', () => {
    const { codes } = check(
      'authenticationConfiguration:\n  # openmetadata-disable-next-line invalid-value\n  provider: customOidc\n  clientType: confidentail\n',
    );
    assert.ok(!codes.includes('invalid-value@3'));
    assert.ok(codes.includes('invalid-value@4'));
  });
  it('a disable comment naming another code silences nothing', () => {
    assert.ok(
      check('authenticationConfiguration:\n  # openmetadata-disable-next-line master-realm\n  provider: customOidc\n').codes.includes('invalid-value@3'),
    );
  });
  it('a bare disable comment silences every code of the next line', () => {
    assert.deepEqual(
      check('authenticationConfiguration:\n  # openmetadata-disable-next-line\n  provider: customOidc\n').codes.filter((c) => c.endsWith('@3')),
      [],
    );
  });
  it('works in .env files too', () => {
    assert.ok(!check('# openmetadata-disable-next-line unknown-env-var\nOIDC_SCOPES=openid\n', 'file:///ws/.env').codes.includes('unknown-env-var@2'));
  });
  it('the rules setting turns a code off or changes its severity', () => {
    assert.deepEqual(
      check(TEXT, undefined, { rules: { 'invalid-value': 'off' } }).codes.filter((c) => c.startsWith('invalid-value')),
      [],
    );
    const warned = check(TEXT, undefined, { rules: { 'invalid-value': 'warning' } }).diagnostics.filter((d) => d.code === 'invalid-value');
    assert.equal(warned.length, 2);
    assert.ok(warned.every((d) => d.severity === 2));
  });
});
