// The contract module: its paths are the schema's, its codes are the README's, its requests refuse malformed values.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Commands, DIAGNOSTIC_CODES, Paths, parseApplyValues } from '../../common/protocol';
import { namesIn, schemaIndex } from '../../server/src/service/schema';
import { repoRoot } from '../corpusDir';

describe('contract', () => {
  it('names only canonical paths the schema has (Helm-only keys through the Helm names)', () => {
    for (const [name, path] of Object.entries(Paths)) assert.ok(schemaIndex.byPath.has(path) || namesIn(path, 'helm'), `${name}: ${path} is not in the schema`);
  });
  it('lists every diagnostic code once, and the README documents each', () => {
    assert.equal(new Set(DIAGNOSTIC_CODES).size, DIAGNOSTIC_CODES.length);
    const rows = readFileSync(join(repoRoot(), 'README.md'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('| `'));
    for (const code of DIAGNOSTIC_CODES)
      assert.ok(
        rows.some((row) => row.split('|')[1].includes(`\`${code}\``)),
        `${code} is missing from the README's codes table`,
      );
  });
  it('refuses values that would be written as [object Object], and says why', () => {
    const bad = parseApplyValues({ uri: 'file:///a.yaml', version: 1, values: [{ path: Paths.clientId, value: { nested: true } }] });
    assert.deepEqual(bad, { ok: false, detail: `${Paths.clientId}: the value must be a string, number, boolean or list of strings` });
    assert.equal(parseApplyValues({ uri: 'file:///a.yaml', values: [] }).ok, false);
    assert.equal(
      parseApplyValues({ uri: 'file:///a.yaml', version: 1, values: [{ path: Paths.oidcSecret, value: '', secretRef: { envVar: 'X' } }] }).ok,
      false,
    );
    const good = {
      uri: 'file:///a.yaml',
      version: 3,
      values: [
        { path: Paths.publicKeyUrls, value: ['https://kc/certs'] },
        { path: Paths.oidcEnabled, value: true },
      ],
    };
    assert.deepEqual(parseApplyValues(good), { ok: true, params: good });
  });
  it('names every command the extension contributes, and no other', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    assert.deepEqual(Object.values(Commands).sort(), manifest.contributes.commands.map((c) => c.command).sort());
  });
  it('is where the extension and the Keycloak core take canonical paths from: neither spells one out', () => {
    const sources = (dir: string): string[] =>
      readdirSync(join(repoRoot(), dir), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join(dir, f));
    const spelled = ['client/src', 'keycloak']
      .flatMap(sources)
      .flatMap((file) =>
        readFileSync(join(repoRoot(), file), 'utf8')
          .split('\n')
          .map((line, i) => ({ line: line.replace(/^\s*(\/\/|\*|\/\*\*).*$/, ''), at: `${file}:${i + 1}` })),
      )
      .filter(({ line }) => /(authenticationConfiguration|authorizerConfiguration|jwtTokenConfiguration|workflowConfig)\b/.test(line))
      .map(({ at }) => at);
    assert.deepEqual(spelled, []);
  });
});
