// The `npm start` sandbox behaves like a fresh VS Code where it matters to the user (issue 11, defect 18).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../corpusDir';

it("the sandbox's code-server does not save on its own, so a fix shows as a change the user can look at and undo", async () => {
  const start = (await import(pathToFileURL(join(repoRoot(), 'scripts', 'start.mjs')).href)) as { sandboxSettings: (kcUrl: string) => Record<string, unknown> };
  const settings = start.sandboxSettings('http://127.0.0.1:8080');
  assert.equal(settings['files.autoSave'], 'off');
  assert.equal(settings['openmetadataAuth.keycloak.url'], 'http://127.0.0.1:8080');
});
