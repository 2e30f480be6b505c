// What a command writes into an env file of a compose deployment also reaches the server: the same edit makes the
// compose file pass the variables it wrote, so nothing it wrote is reported as never passed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { Paths } from '../../../common/protocol';
import type { PreviewValuesResult } from '../../../common/protocol';
import { spawnStdioServer } from '../../stdioServer';
import { deployment } from './disk';

const COMPOSE = `services:
  openmetadata-server:
    image: docker.getcollate.io/openmetadata/server:1.12.1
    environment:
      AUTHENTICATION_PROVIDER: \${AUTHENTICATION_PROVIDER:-basic}
      AUTHENTICATION_CLIENT_TYPE: \${AUTHENTICATION_CLIENT_TYPE:-public}
`;
const ENV = 'AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_CLIENT_TYPE=confidential\n';

describe('values written into an env file of a compose deployment', () => {
  it('the preview names the compose file and the variables it will pass; applied, nothing is reported as never passed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'om-auth-pass-'));
    writeFileSync(join(dir, 'docker-compose.yml'), COMPOSE);
    writeFileSync(join(dir, '.env'), ENV);
    const { child, connection } = spawnStdioServer();
    try {
      await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {} });
      await connection.sendNotification('initialized', {});
      const uri = pathToFileURL(join(dir, '.env')).href;
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'properties', version: 1, text: ENV } });
      const values = [
        { path: Paths.oidcId, value: 'open-metadata' },
        {
          path: Paths.oidcSecret,
          value: '',
          secretRef: { envVar: 'OIDC_CLIENT_SECRET', secretName: 'oidc-secrets', secretKey: 'openmetadata-oidc-client-secret' },
        },
      ];
      const preview = (await connection.sendRequest('openmetadataAuth/previewValues', { uri, version: 1, values })) as PreviewValuesResult;
      assert.ok(preview.text?.includes('OIDC_CLIENT_ID=open-metadata'), JSON.stringify(preview));
      assert.equal(preview.others?.length, 1, JSON.stringify(preview));
      const other = preview.others![0];
      assert.equal(other.label, 'docker-compose.yml');
      assert.deepEqual(other.names.sort(), ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET']);
      assert.deepEqual(parseDocument(other.text!).errors, []);
      // Checked again as written: the deployment reports neither variable as never passed.
      const after = deployment({ '/p/docker-compose.yml': other.text!, '/p/.env': preview.text! }, '/p/.env').results[0].issues;
      assert.ok(!after.some((i) => i.code === 'env-not-passed'), JSON.stringify(after.map((i) => i.code)));
      // Near miss: without the pass the same .env text is reported.
      const before = deployment({ '/p/docker-compose.yml': COMPOSE, '/p/.env': preview.text! }, '/p/.env').results[0].issues;
      assert.equal(before.filter((i) => i.code === 'env-not-passed').length, 2);
    } finally {
      connection.dispose();
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
