// Interpolation against a second opinion: Debian's docker-compose (1.29) renders `docker-compose config` without a
// daemon. Where its rules match today's compose (not nesting and not `:+`/`+`, which 1.29 does not read), both must
// agree.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { interpolate } from '../../../server/src/service/deployments/interpolate';
import { dotenvValue } from '../../../server/src/service/shapes/env/read';

const hasCompose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;
const SKIP = hasCompose ? false : 'docker-compose is not installed here (apt-get install docker-compose; .ci/run installs it, so CI runs this test)';

const ENV = ['SET=v', 'EMPTY=', 'QUOTED="a b"', "SINGLE='x$y'", 'URL=http://keycloak:8080/realms/om', 'SPACED=  padded'];
const CASES = [
  '$SET',
  '${SET}',
  'a$$b',
  '$${SET}',
  '${UNSET}',
  '${UNSET:-d}',
  '${UNSET-d}',
  '${EMPTY:-d}',
  '${EMPTY-d}',
  '${SET:-d}',
  '${UNSET:-[a, b]}',
  '${URL}/protocol/openid-connect/certs',
  'pre-${SET}-post',
  '${QUOTED}',
  '${SINGLE}',
  '${EMPTY?is required}',
];

describe('compose interpolation agrees with docker-compose config', { skip: SKIP }, () => {
  it('on every case of the table, with the .env quoting rules both read the same', () => {
    const dir = mkdtempSync(join(tmpdir(), 'om-auth-compose-'));
    try {
      const environment = CASES.map((c, i) => `      V${i}: ${JSON.stringify(c)}`).join('\n');
      writeFileSync(join(dir, 'docker-compose.yml'), `version: "3.9"\nservices:\n  s:\n    image: busybox\n    environment:\n${environment}\n`);
      writeFileSync(join(dir, '.env'), ENV.join('\n') + '\n');
      const r = spawnSync('docker-compose', ['config'], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const rendered = (parse(r.stdout) as { services: { s: { environment: Record<string, string | null> } } }).services.s.environment;
      const env = new Map(
        ENV.map((line) => {
          const eq = line.indexOf('=');
          return [line.slice(0, eq), dotenvValue(line.slice(eq + 1))] as const;
        }),
      );
      // Its output is a compose file again, so a `$` in a value is written `$$` there.
      const value = (i: number) => (rendered[`V${i}`] ?? '').split('$$').join('$');
      CASES.forEach((c, i) => {
        const ours = interpolate(c, (name) => env.get(name)).value;
        assert.equal(ours, value(i), `${c}: ours ${JSON.stringify(ours)}, docker-compose ${JSON.stringify(rendered[`V${i}`])}`);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('a required variable that is missing stops both', () => {
    const dir = mkdtempSync(join(tmpdir(), 'om-auth-compose-'));
    try {
      writeFileSync(join(dir, 'docker-compose.yml'), 'version: "3.9"\nservices:\n  s:\n    image: busybox\n    environment:\n      A: "${UNSET:?set it}"\n');
      const r = spawnSync('docker-compose', ['config'], { cwd: dir, encoding: 'utf8' });
      assert.notEqual(r.status, 0);
      assert.match(r.stderr, /set it/);
      assert.equal(interpolate('${UNSET:?set it}', () => undefined).uses[0].failure, 'set it');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
