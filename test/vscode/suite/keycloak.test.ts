// The Keycloak commands in a real VS Code against a real Keycloak: provision a client, edit the open file, undo.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import KcAdminClient from '@keycloak/keycloak-admin-client';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeOf, fixtureUri, hasCode, openEditor, ours, revertAll, undoTo, waitForDiagnostics } from './helpers';

const KEYCLOAK_URL = process.env.KEYCLOAK_URL ?? '';
const ADMIN = process.env.KEYCLOAK_ADMIN ?? 'admin';
const PASSWORD = process.env.KEYCLOAK_ADMIN_PASSWORD ?? 'admin';
const REALM = `om-exthost-${Date.now().toString(36)}`;

interface CreateResult {
  realm: string;
  clientId: string;
  flow: string;
  keycloak: 'created' | 'updated' | 'unchanged';
  fileChanged: string[];
}

async function admin(): Promise<KcAdminClient> {
  const kc = new KcAdminClient({ baseUrl: KEYCLOAK_URL, realmName: 'master' });
  await kc.auth({ grantType: 'password', clientId: 'admin-cli', username: ADMIN, password: PASSWORD });
  return kc;
}

suite('Keycloak commands (real Keycloak)', () => {
  suiteSetup(async function () {
    assert.ok(KEYCLOAK_URL, 'KEYCLOAK_URL is not set: npm test starts Keycloak and passes it to this suite');
    const result = (await vscode.commands.executeCommand('openmetadataAuth.connectKeycloak', {
      url: KEYCLOAK_URL,
      adminRealm: 'master',
      username: ADMIN,
      password: PASSWORD,
    })) as { realms: string[] };
    assert.ok(result.realms.includes('master'));
  });
  teardown(revertAll);
  suiteTeardown(async () => {
    if (!KEYCLOAK_URL) return;
    const kc = await admin();
    await kc.realms.del({ realm: REALM }).catch(() => undefined);
    await vscode.commands.executeCommand('openmetadataAuth.disconnectKeycloak');
  });

  test('Create Keycloak Client (Implicit) provisions a public client, edits the open file once, and undo restores it byte for byte', async () => {
    const uri = fixtureUri('openmetadata.yaml');
    const { document } = await openEditor(uri);
    const original = document.getText();
    const args = {
      uri: uri.toString(),
      realm: REALM,
      createRealm: true,
      flow: 'implicit',
      clientId: 'om-implicit',
      omUrl: 'http://localhost:8585',
      confirm: true,
    };
    const result = (await vscode.commands.executeCommand('openmetadataAuth.createKeycloakClient', args)) as CreateResult;
    assert.equal(result.keycloak, 'created');
    assert.ok(result.fileChanged.includes('authenticationConfiguration.authority'), `changed: ${result.fileChanged.join(', ')}`);

    const client = (await (await admin()).clients.find({ realm: REALM, clientId: 'om-implicit' }))[0];
    assert.ok(client, 'the client exists in Keycloak');
    assert.equal(client.publicClient, true);
    assert.equal(client.implicitFlowEnabled, true);
    assert.ok(client.redirectUris?.includes('http://localhost:8585/callback'));

    const text = document.getText();
    assert.match(text, new RegExp(`authority: ${KEYCLOAK_URL.replace(/[.]/g, '\\.')}/realms/${REALM}\\n`));
    assert.match(text, /provider: custom-oidc\n/);
    assert.match(text, /clientId: om-implicit\n/);
    assert.match(text, new RegExp(`- ${KEYCLOAK_URL.replace(/[.]/g, '\\.')}/realms/${REALM}/protocol/openid-connect/certs`));
    assert.ok(text.includes('# OpenMetadata server configuration'), 'comments are kept');
    assert.ok(text.includes('${AUTHENTICATION_CLIENT_TYPE:-public}'), 'placeholders are kept');

    // Idempotent: a second run changes nothing, in Keycloak or in the file.
    const again = (await vscode.commands.executeCommand('openmetadataAuth.createKeycloakClient', args)) as CreateResult;
    assert.equal(again.keycloak, 'unchanged');
    assert.deepEqual(again.fileChanged, []);
    assert.equal(document.getText(), text);

    // One undoable edit.
    await undoTo(document, original, 1);
  });

  test('Create Keycloak Client (Auth Code) on Helm values writes a secretRef, never the secret', async () => {
    const uri = fixtureUri('values.yaml');
    const { document } = await openEditor(uri);
    const result = (await vscode.commands.executeCommand('openmetadataAuth.createKeycloakClient', {
      uri: uri.toString(),
      realm: REALM,
      createRealm: true,
      flow: 'authCode',
      clientId: 'om-web',
      omUrl: 'https://openmetadata.example.org',
      confirm: true,
      secretAction: 'reference',
    })) as CreateResult;
    assert.equal(result.keycloak, 'created');
    const kc = await admin();
    const client = (await kc.clients.find({ realm: REALM, clientId: 'om-web' }))[0];
    assert.equal(client.publicClient, false);
    assert.equal(client.standardFlowEnabled, true);
    const secret = (await kc.clients.getClientSecret({ realm: REALM, id: client.id! })).value!;
    const text = document.getText();
    assert.ok(!text.includes(secret), 'the literal secret is not in the file');
    assert.match(text, /clientSecret:\n\s+secretRef: oidc-secrets\n\s+secretKey: openmetadata-oidc-client-secret/);
    assert.match(text, /clientType: confidential/);
    assert.match(text, /enabled: true/);
  });

  test("Insert Keycloak Settings never switches the file to the client's flow unasked, then writes only what changes in the .env form", async () => {
    const uri = fixtureUri('.env');
    const { document } = await openEditor(uri);
    const original = document.getText();
    // The fixture is an Auth Code (confidential) file; om-implicit is a public client.
    const args = { uri: uri.toString(), realm: REALM, clientId: 'om-implicit', secretAction: 'reference', confirm: true };
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('openmetadataAuth.insertKeycloakSettings', args)),
      /uses the Auth Code, confidential client flow, but client "om-implicit" .* is Implicit, public client/,
    );
    assert.equal(document.getText(), original, 'nothing was written');
    const changed = (await vscode.commands.executeCommand('openmetadataAuth.insertKeycloakSettings', { ...args, allowFlowChange: true })) as string[];
    assert.ok(changed.includes('authenticationConfiguration.clientType'));
    const text = document.getText();
    assert.match(text, new RegExp(`^AUTHENTICATION_AUTHORITY=${KEYCLOAK_URL.replace(/[.]/g, '\\.')}/realms/${REALM}$`, 'm'));
    assert.match(text, /^AUTHENTICATION_CLIENT_TYPE=public$/m);
    assert.match(text, /^AUTHENTICATION_CLIENT_ID=om-implicit$/m);
    const again = (await vscode.commands.executeCommand('openmetadataAuth.insertKeycloakSettings', args)) as string[];
    assert.deepEqual(again, [], 'a second run has nothing to change');
  });

  test('A run with one thing to change counts only that (not every setting)', async () => {
    const uri = fixtureUri('openmetadata.yaml');
    const { document } = await openEditor(uri);
    const args = {
      uri: uri.toString(),
      realm: REALM,
      createRealm: true,
      flow: 'implicit',
      clientId: 'om-count',
      omUrl: 'http://localhost:8585',
      confirm: true,
    };
    await vscode.commands.executeCommand('openmetadataAuth.createKeycloakClient', args);
    const moved = (await vscode.commands.executeCommand('openmetadataAuth.createKeycloakClient', { ...args, omUrl: 'http://localhost:8586' })) as CreateResult;
    assert.equal(moved.keycloak, 'updated');
    assert.deepEqual(moved.fileChanged.sort(), ['authenticationConfiguration.callbackUrl', 'authenticationConfiguration.publicKeyUrls']);
    assert.match(document.getText(), /localhost:8586\/callback/);
  });

  test("Create Keycloak Client (Auth Code) on the Helm sample leaves nothing it could have set right, keeps OpenMetadata's in-cluster URL, and a second run changes nothing", async () => {
    const dir = fixtureUri(`.sample-${Date.now().toString(36)}`);
    const uri = vscode.Uri.joinPath(dir, 'values.yaml');
    // As `npm start` gives it: the running Keycloak's URL filled in (out/test/vscode/suite → the repository).
    const sample = readFileSync(join(__dirname, '..', '..', '..', '..', 'samples', 'sandbox', 'values.yaml'), 'utf8').replaceAll(
      '__KEYCLOAK_URL__',
      KEYCLOAK_URL,
    );
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(sample));
    try {
      const { document } = await openEditor(uri);
      await waitForDiagnostics(uri, "the sample's helm-oidc-not-enabled", hasCode('helm-oidc-not-enabled'));
      const args = {
        uri: uri.toString(),
        realm: REALM,
        createRealm: true,
        flow: 'authCode',
        clientId: 'om-helm-sample',
        omUrl: 'http://localhost:8585',
        confirm: true,
        secretAction: 'reference',
      };
      const result = (await vscode.commands.executeCommand('openmetadataAuth.createKeycloakClient', args)) as CreateResult;
      assert.ok(result.fileChanged.length > 0);
      const text = document.getText();
      assert.ok(text.includes('- http://openmetadata:8585/api/v1/system/config/jwks'), text);
      assert.match(text, /extraEnvs:\n {2}- name: CUSTOM_OIDC_AUTHENTICATION_PROVIDER_NAME\n {4}value: "Keycloak"/);
      // The command writes the authority, the discovery URI, the prompt, maxAge and the provider name: none may stay wrong.
      const after = await waitForDiagnostics(uri, 'the diagnostics of the written file', (list) => !list.some((d) => codeOf(d) === 'helm-oidc-not-enabled'));
      const couldHaveSet = ['keycloak-url-mismatch', 'unknown-key', 'prompt-none', 'max-age-zero', 'helm-oidc-not-enabled', 'missing-required'];
      assert.deepEqual(
        after.filter((d) => couldHaveSet.includes(codeOf(d) ?? '')).map((d) => `${codeOf(d)}@${d.range.start.line + 1}`),
        [],
        ours(uri)
          .map((d) => codeOf(d))
          .join(', '),
      );
      const again = (await vscode.commands.executeCommand('openmetadataAuth.createKeycloakClient', args)) as CreateResult;
      assert.equal(again.keycloak, 'unchanged');
      assert.deepEqual(again.fileChanged, []);
      assert.equal(document.getText(), text);
    } finally {
      await revertAll();
      await vscode.workspace.fs.delete(dir, { recursive: true });
    }
  });

  test('A failure from the palette is reported once: the command resolves after its own message, so VS Code adds no "resulted in an error" dialog (defect 14)', async () => {
    // Invoked as our quick fixes invoke them, on a file that cannot be opened: the message is the only report.
    const missing = fixtureUri('no-such-file.yaml').toString();
    assert.equal(await vscode.commands.executeCommand('openmetadataAuth.createKeycloakClient', { uri: missing, fromQuickFix: true }), undefined);
    assert.equal(
      await vscode.commands.executeCommand('openmetadataAuth.applyCheckFix', missing, {
        code: 'kc-issuer-mismatch',
        severity: 'error',
        path: 'authenticationConfiguration.authority',
        message: 'm',
        fix: { path: 'authenticationConfiguration.authority', value: 'x' },
      }),
      undefined,
    );
    // A caller that passes arguments (a test, another extension) gets the failure.
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('openmetadataAuth.checkKeycloak', { uri: fixtureUri('no-such-file.yaml').toString() })),
    );
  });

  test("The walkthrough's Create Keycloak Client button works on the config last in an editor while the walkthrough has the focus (defect 17)", async () => {
    const uri = fixtureUri('openmetadata.yaml');
    const { document } = await openEditor(uri);
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'openmetadata-auth.openmetadata-auth#openmetadataAuth.gettingStarted', false);
    await new Promise<void>((resolve) => {
      if (!vscode.window.activeTextEditor) return resolve();
      const sub = vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (!editor) {
          sub.dispose();
          resolve();
        }
      });
    });
    const result = (await vscode.commands.executeCommand('openmetadataAuth.createKeycloakClient', {
      realm: REALM,
      createRealm: true,
      flow: 'implicit',
      clientId: 'om-walkthrough',
      omUrl: 'http://localhost:8585',
      confirm: true,
    })) as CreateResult;
    assert.equal(result.clientId, 'om-walkthrough');
    assert.match(document.getText(), /clientId: om-walkthrough\n/);
  });

  test('Check Configuration against Keycloak agrees after provisioning and reports a wrong authority', async () => {
    const uri = fixtureUri('openmetadata.yaml');
    await openEditor(uri);
    await vscode.commands.executeCommand('openmetadataAuth.createKeycloakClient', {
      uri: uri.toString(),
      realm: REALM,
      flow: 'implicit',
      clientId: 'om-implicit',
      omUrl: 'http://localhost:8585',
      confirm: true,
    });
    const findings = (await vscode.commands.executeCommand('openmetadataAuth.checkKeycloak', { uri: uri.toString() })) as { code: string }[];
    assert.deepEqual(
      findings.map((f) => f.code),
      [],
    );
    const document = vscode.window.activeTextEditor!.document;
    const line = [...Array(document.lineCount).keys()].find((l) => document.lineAt(l).text.startsWith('  authority:'))!;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, document.lineAt(line).range, `  authority: ${KEYCLOAK_URL}/realms/master`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const wrong = (await vscode.commands.executeCommand('openmetadataAuth.checkKeycloak', { uri: uri.toString() })) as { code: string }[];
    assert.ok(
      wrong.some((f) => f.code === 'kc-issuer-mismatch' || f.code === 'kc-jwks-not-listed'),
      `findings: ${wrong.map((f) => f.code).join(', ')}`,
    );
    assert.ok(vscode.languages.getDiagnostics(uri).some((d) => d.source === 'openmetadata-keycloak'));
  });
});
