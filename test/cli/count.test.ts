// A run says how many files it checked, and a run that checked none is not a silent success.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BROKEN, CLEAN, fixture, runCli } from './run';

describe('how many files were checked', { concurrency: true }, () => {
  it('is said on stdout for stylish and on stderr for the machine formats, whose stdout stays parseable', async () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': CLEAN, 'values.yaml': 'replicas: 1\n', 'notes.txt': BROKEN });
    try {
      const stylish = await runCli(['check'], dir);
      assert.equal(stylish.stdout, '2 files checked.\n');
      assert.equal(stylish.status, 0);
      const json = await runCli(['check', '--format', 'json'], dir);
      assert.deepEqual(JSON.parse(json.stdout), []);
      assert.equal(json.stderr, '2 files checked.\n');
      assert.equal((await runCli(['check', 'openmetadata.yaml', '--format', 'sarif'], dir)).stderr, '1 file checked.\n');
    } finally {
      cleanup();
    }
  });

  it('is exit 2 with the reason when no file was found', async () => {
    const { dir, cleanup } = fixture({ 'notes.txt': BROKEN });
    try {
      const ran = await runCli(['check'], dir);
      assert.equal(
        ran.stderr,
        'openmetadata-auth: no file checked: none found (YAML files and env files are checked, plus the files globs of the settings).\n',
      );
      assert.equal(ran.stdout, '');
      assert.equal(ran.status, 2);
    } finally {
      cleanup();
    }
  });

  it('is exit 2 with the reason when every file found is ignored', async () => {
    const { dir, cleanup } = fixture({ '.gitignore': '*.yaml\n', 'openmetadata.yaml': BROKEN, 'deploy/values.yaml': BROKEN });
    try {
      const ran = await runCli(['check', '--format', 'json'], dir);
      assert.equal(ran.stderr, 'openmetadata-auth: no file checked: all 2 files found are ignored by .gitignore.\n');
      assert.deepEqual(JSON.parse(ran.stdout), []);
      assert.equal(ran.status, 2);
    } finally {
      cleanup();
    }
  });
});
