// A compose file and the env files beside it are one deployment in the editor: findings that need both files, their
// fix in the other file, a change to the .env (open, or only on disk) re-checking the compose file, and Show Effective
// Configuration.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { applyCodeAction, codeOf, fixtureUri, hasCode, openEditor, quickFixesAt, revertAll, waitForDiagnostics } from './helpers';

const COMPOSE = `services:
  openmetadata-server:
    image: docker.getcollate.io/openmetadata/server:1.12.1
    environment:
      AUTHENTICATION_PROVIDER: \${AUTHENTICATION_PROVIDER:-basic}
      AUTHENTICATION_CLIENT_ID: \${AUTHENTICATION_CLIENT_ID:-}
      OIDC_CLIENT_SECRET: \${OIDC_CLIENT_SECRET}
`;
const SECRET = 'do-not-show-this-secret';

const without = (code: string) => (list: vscode.Diagnostic[]) => !list.some((d) => codeOf(d) === code);

suite('compose deployments', () => {
  let dir: vscode.Uri;
  const write = (name: string, text: string) => vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, name), new TextEncoder().encode(text));

  setup(async () => {
    dir = fixtureUri(`.deployment-${Date.now().toString(36)}`);
    await write('docker-compose.yml', COMPOSE);
    await write(
      '.env',
      'AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_CLIENT_ID=open-metadata\nOIDC_DISCOVERY_URI=http://keycloak:8080/realms/om/.well-known/openid-configuration\n',
    );
  });
  teardown(async () => {
    await revertAll();
    await vscode.workspace.fs.delete(dir, { recursive: true });
  });

  test('a variable the .env sets but the compose file never passes: reported in the .env, fixed in the compose file', async () => {
    const env = vscode.Uri.joinPath(dir, '.env');
    const compose = vscode.Uri.joinPath(dir, 'docker-compose.yml');
    await openEditor(env);
    const list = await waitForDiagnostics(env, 'env-not-passed in the .env', hasCode('env-not-passed'));
    const finding = list.find((d) => codeOf(d) === 'env-not-passed')!;
    assert.equal(finding.range.start.line, 2, 'on OIDC_DISCOVERY_URI');
    assert.equal(finding.relatedInformation?.[0]?.location.uri.toString(), compose.toString(), 'the compose file is named as related');
    const fix = (await quickFixesAt(env, finding)).find((a) => a.title.startsWith('Pass'));
    assert.ok(fix, 'the fix that passes the variable is offered');
    await applyCodeAction(fix);
    const composeDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === compose.toString());
    assert.ok(composeDoc?.getText().includes('      OIDC_DISCOVERY_URI: ${OIDC_DISCOVERY_URI}\n'), composeDoc?.getText());
    await waitForDiagnostics(env, 'env-not-passed gone once the compose file passes it', without('env-not-passed'));
  });

  test('editing the .env re-checks the compose file: open beside it, and on disk only', async () => {
    const env = vscode.Uri.joinPath(dir, '.env');
    const compose = vscode.Uri.joinPath(dir, 'docker-compose.yml');
    await openEditor(compose);
    await waitForDiagnostics(compose, 'env-unset for ${OIDC_CLIENT_SECRET}, which no env file sets', hasCode('env-unset'));
    // On disk, the .env not open: the file watcher tells the server.
    await write('.env', `AUTHENTICATION_PROVIDER=custom-oidc\nOIDC_CLIENT_SECRET=${SECRET}\n`);
    await waitForDiagnostics(compose, 'env-unset gone once the .env on disk sets the variable', without('env-unset'));
    // Open and edited, not saved: the compose file follows the editor's text.
    const editor = await openEditor(env);
    await editor.edit((b) => b.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), 'AUTHENTICATION_PROVIDER=custom-oidc\n'));
    await waitForDiagnostics(compose, 'env-unset back once the edited .env no longer sets it', hasCode('env-unset'));
  });

  test('Show Effective Configuration lists what the server gets and where it is written, secrets masked', async () => {
    await write('.env', `AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_CLIENT_ID=open-metadata\nOIDC_CLIENT_SECRET=${SECRET}\n`);
    const compose = vscode.Uri.joinPath(dir, 'docker-compose.yml');
    await openEditor(compose);
    const shown = (await vscode.commands.executeCommand('openmetadataAuth.showEffectiveConfiguration', { uri: compose.toString(), preview: false })) as {
      uri: string;
      text: string;
    };
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(shown.uri));
    const text = document.getText();
    assert.equal(text, shown.text);
    assert.match(text, /`AUTHENTICATION_PROVIDER` \| `[^`]*\.env:1` \| `[^`]*docker-compose\.yml:5` \| `custom-oidc`/);
    assert.match(text, /`OIDC_CLIENT_SECRET` \| [^\n]*\| `••••••••` \|/);
    assert.ok(!text.includes(SECRET), 'the secret is masked');
  });
});
