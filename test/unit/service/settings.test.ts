// The settings object is checked against its schema on arrival: wrong types are reported and ignored (issue 12, item 10).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readSettings } from '../../../server/src/service/settings';
import { check } from '../helpers';

describe('readSettings', () => {
  it('keeps well-typed values and leaves unknown keys alone', () => {
    const { settings, problems } = readSettings({ openmetadataVersion: '1.6', rules: { 'master-realm': 'off' }, inlayHints: { show: ['serverKey'] }, trace: { server: 'off' } });
    assert.deepEqual(settings, { openmetadataVersion: '1.6', rules: { 'master-realm': 'off' }, inlayHints: ['serverKey'] });
    assert.deepEqual(problems, []);
  });

  it('reports and ignores each value of the wrong type, and the checks still run with what is left', () => {
    const { settings, problems } = readSettings({ openmetadataVersion: 1.5, rules: { 'master-realm': 'loud', 'plaintext-secret': 'error' }, inlayHints: 'yes' });
    assert.deepEqual(settings, { rules: { 'plaintext-secret': 'error' } });
    assert.equal(problems.length, 3);
    assert.match(problems[0], /openmetadataAuth\.openmetadataVersion must be text such as "1\.12", not 1\.5/);
    assert.match(problems[1], /master-realm: "loud"/);
    assert.ok(check('authenticationConfiguration:\n  provider: customOidc\n  clientType: pubic\n', undefined, settings).codes.includes('invalid-value@3'));
  });

  it('a section that is no object gives defaults and one problem; none at all gives defaults silently', () => {
    assert.deepEqual(readSettings('1.5'), { settings: {}, problems: ['The openmetadataAuth settings must be an object, not "1.5"; the defaults apply.'] });
    assert.deepEqual(readSettings(null), { settings: {}, problems: [] });
    assert.deepEqual(readSettings({ inlayHints: ['placeholderValue'] }).settings, { inlayHints: ['placeholderValue'] });
  });
});
