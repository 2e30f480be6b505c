// The server's deployments after a file changes on disk: the changed project's findings are new, a file created beside
// a document is found, and the other projects' deployments are not computed again.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Deployments } from '../../../server/src/deployments';
import type { ServiceSettings } from '../../../server/src/service/model';

const COMPOSE = `services:
  openmetadata-server:
    image: docker.getcollate.io/openmetadata/server:1.6.4
    environment:
      AUTHENTICATION_PROVIDER: \${AUTHENTICATION_PROVIDER:-basic}
      AUTHENTICATION_AUTHORITY: \${AUTHENTICATION_AUTHORITY}
`;
const ENV = 'AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_AUTHORITY=http://localhost:8081/realms/om\n';

function repository(projects: string[]): { dir: string; file: (project: string, name: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'om-auth-deployments-'));
  for (const p of projects) {
    mkdirSync(join(dir, p));
    writeFileSync(join(dir, p, 'docker-compose.yml'), COMPOSE);
  }
  return { dir, file: (project, name) => join(dir, project, name) };
}

const uri = (path: string) => pathToFileURL(path).href;
const codes = (d: Deployments, path: string, settings: ServiceSettings) =>
  d
    .outcome(uri(path), settings)!
    .results.flatMap((r) => r.issues.filter((i) => i.uri === uri(path)).map((i) => i.code))
    .sort();

describe('deployments after a change on disk', () => {
  it("gives the changed project's new findings and keeps the others' deployments as computed", () => {
    const { dir, file } = repository(['a', 'b']);
    try {
      for (const p of ['a', 'b']) writeFileSync(file(p, '.env'), ENV);
      const settings: ServiceSettings = {};
      const deployments = new Deployments(
        () => undefined,
        () => dir,
        () => undefined,
      );
      assert.deepEqual(codes(deployments, file('a', 'docker-compose.yml'), settings), []);
      const other = deployments.outcome(uri(file('b', 'docker-compose.yml')), settings);
      writeFileSync(file('a', '.env'), 'AUTHENTICATION_PROVIDER=custom-oidc\n');
      assert.equal(deployments.changed([uri(file('a', '.env'))]), true);
      assert.deepEqual(codes(deployments, file('a', 'docker-compose.yml'), settings), ['env-unset']);
      assert.equal(deployments.outcome(uri(file('b', 'docker-compose.yml')), settings), other);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds a `.env` created beside a compose file whose deployment had none', () => {
    const { dir, file } = repository(['a']);
    try {
      const settings: ServiceSettings = {};
      const fresh = () =>
        new Deployments(
          () => undefined,
          () => dir,
          () => undefined,
        );
      const deployments = fresh();
      const before = codes(deployments, file('a', 'docker-compose.yml'), settings);
      writeFileSync(file('a', '.env'), 'AUTHENTICATION_PROVIDER=custom-oidc\n');
      deployments.changed([uri(file('a', '.env'))]);
      const after = codes(deployments, file('a', 'docker-compose.yml'), settings);
      assert.deepEqual(after, codes(fresh(), file('a', 'docker-compose.yml'), settings));
      assert.notDeepEqual(after, before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
