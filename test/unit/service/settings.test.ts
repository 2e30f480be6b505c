// Settings are checked on arrival by the one reader the CLI's project file goes through too: wrong types are reported
// and ignored, the rest applies (issue 12, item 10).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { settingsFrom } from '../../../common/projectSettings';
import { check } from '../helpers';

const WHERE = 'openmetadataAuth settings';

describe('settingsFrom, for what a client sends', () => {
  it('reads declared deployments, compose or Helm, and says which entry is ignored and why', () => {
    const { settings, problems } = settingsFrom(
      {
        deployments: [
          { name: 'prod', compose: ['docker-compose.yml'], envFiles: 'prod.env' },
          { values: ['values.yaml', 'values-prod.yaml'] },
          { name: 'one layer', values: ['values.yaml'] },
          { compose: [1] },
        ],
      },
      WHERE,
    );
    assert.deepEqual(settings.deployments, [
      { name: 'prod', compose: ['docker-compose.yml'], envFiles: ['prod.env'], values: [] },
      { name: 'deployment 2', compose: [], envFiles: [], values: ['values.yaml', 'values-prod.yaml'] },
    ]);
    assert.equal(problems.length, 2);
    assert.match(problems[0], /deployments\[2\] needs/);
    assert.match(problems[1], /deployments\[3\] needs/);
    assert.match(settingsFrom({ deployments: {} }, WHERE).problems[0], /deployments must be a list/);
  });
  it('keeps well-typed values and leaves unknown keys alone', () => {
    const { settings, problems } = settingsFrom(
      { openmetadataVersion: '1.6', rules: { 'master-realm': 'off' }, inlayHints: { show: ['serverKey'] }, trace: { server: 'off' } },
      WHERE,
    );
    assert.deepEqual(settings, { openmetadataVersion: '1.6', rules: { 'master-realm': 'off' }, inlayHints: ['serverKey'] });
    assert.deepEqual(problems, []);
  });

  it('reports and ignores each value of the wrong type, and the checks still run with what is left', () => {
    const { settings, problems } = settingsFrom(
      { openmetadataVersion: 1.5, rules: { 'master-realm': 'loud', 'plaintext-secret': 'error' }, inlayHints: 'yes' },
      WHERE,
    );
    assert.deepEqual(settings, { rules: { 'plaintext-secret': 'error' } });
    assert.equal(problems.length, 3);
    assert.match(problems[0], /openmetadataVersion must be a string such as "1\.12" \(as a number, 1\.10 reads as 1\.1\)/);
    assert.match(problems[1], /"master-realm" must be one of off, error/);
    assert.match(problems[2], /inlayHints\.show must be a list/);
    assert.ok(check('authenticationConfiguration:\n  provider: customOidc\n  clientType: pubic\n', undefined, settings).codes.includes('invalid-value@3'));
  });

  it('a section that is no object gives defaults and one problem; none at all gives defaults silently', () => {
    assert.deepEqual(settingsFrom('1.5', WHERE), { settings: {}, problems: [`${WHERE}: expected an object of settings; the defaults apply.`] });
    assert.deepEqual(settingsFrom(null, WHERE), { settings: {}, problems: [] });
    assert.deepEqual(settingsFrom({ inlayHints: ['placeholderValue'] }, WHERE).settings, { inlayHints: ['placeholderValue'] });
  });
});
