// Bad input never throws and never loses the file: each case gets a clear diagnostic or one informational message.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PARSE_CAP } from '../../../server/src/service/limits';
import { check } from '../helpers';

const SERVER = 'file:///ws/openmetadata.yaml';

describe('bad input', () => {
  it('malformed YAML gives yaml-syntax and the valid part is still checked', () => {
    const { codes } = check('authenticationConfiguration:\n  provider: customOidc\n  clientId: "unterminated\nauthorizerConfiguration:\n  x: [\n');
    assert.ok(codes.some((c) => c.startsWith('yaml-syntax')));
    assert.ok(codes.includes('invalid-value@2'));
  });
  it('binary content is skipped with one message', () => {
    const { diagnostics } = check('authenticationConfiguration:\n\u0000\u0001\u0002binary', SERVER);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity]),
      [['file-skipped', 3]],
    );
  });
  it('deep nesting does not crash the service', () => {
    const deep = `authenticationConfiguration:\n  customParams: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`;
    const { diagnostics } = check(deep);
    assert.ok(diagnostics.length >= 1);
    // One space a level keeps 350 levels within the size the service parses (PARSE_CAP).
    const nested = `authenticationConfiguration:\n${Array.from({ length: 350 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')}\n`;
    assert.ok(nested.length < PARSE_CAP);
    assert.ok(check(nested).codes.includes('unknown-key@2'));
  });
  it('alias bombs are not expanded', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(',')}]`,
      ),
      'authenticationConfiguration:',
      '  publicKeyUrls: *j',
      '  provider: basic',
    ].join('\n');
    const started = Date.now();
    const { analysis } = check(bomb);
    assert.equal(analysis.shape, 'server');
    assert.ok(Date.now() - started < 5000);
  });
  it('duplicate keys are reported', () => {
    assert.ok(check('authenticationConfiguration:\n  clientId: a\n  clientId: b\n').codes.includes('duplicate-key@3'));
  });
  it('multi-document files are read document by document', () => {
    const { codes, analysis } = check(
      '---\nkind: ConfigMap\n---\nauthenticationConfiguration:\n  provider: customOidc\n---\nauthorizerConfiguration:\n  adminPrincipals: [alice]\n',
    );
    assert.equal(analysis.shape, 'server');
    assert.ok(codes.includes('invalid-value@5'));
    assert.deepEqual(analysis.model.entries.get('authorizerConfiguration.adminPrincipals')?.value, ['alice']);
  });
  it('a file of megabytes (under the 5 MB document limit) is read by its auth sections only', () => {
    const filler = Array.from({ length: 40_000 }, (_, i) => `  key${i}: value ${i} with some padding text`).join('\n');
    const huge = `logging:\n${filler}\nauthenticationConfiguration:\n  provider: customOidc\nserver:\n${filler}\n`;
    assert.ok(huge.length > 3_000_000 && huge.length < 5_000_000);
    const { diagnostics } = check(huge);
    const codes = diagnostics.map((d) => d.code);
    assert.ok(codes.includes('file-skipped'), 'says that only auth sections were checked');
    const d = diagnostics.find((x) => x.code === 'invalid-value')!;
    assert.equal(d.range.start.line, 40_002);
  });
  it('a huge file with no auth section is skipped, not parsed', () => {
    const filler = Array.from({ length: 300_000 }, (_, i) => `key${i}: value ${i} with some padding text`).join('\n');
    assert.deepEqual(check(filler).diagnostics, []);
  });
});

describe('sections read one by one', () => {
  it('reports syntax errors outside the auth sections through the whole-file check', () => {
    const text = 'database:\n  host: [unclosed\nauthenticationConfiguration:\n  provider: customOidc\nserver:\n  port: 8585\n';
    const { codes, analysis } = check(text);
    assert.ok(analysis.blocks?.length, 'read by sections');
    assert.ok(codes.includes('invalid-value@4'));
    assert.ok(
      codes.some((c) => c === 'yaml-syntax@2' || c === 'yaml-syntax@3'),
      codes.join(),
    );
  });
  it('reports a duplicated auth section', () => {
    assert.ok(check('authenticationConfiguration:\n  provider: basic\nauthenticationConfiguration:\n  provider: basic\n').codes.includes('duplicate-key@3'));
  });
});
