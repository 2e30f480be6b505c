// Test Sign-in in a real VS Code against a real Keycloak, driven through the command's argument object.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import KcAdminClient from '@keycloak/keycloak-admin-client';
import { escape } from '../../../keycloak/signInReport';
import { fixtureUri, openEditor, revertAll } from './helpers';

const KEYCLOAK_URL = process.env.KEYCLOAK_URL ?? '';
const ADMIN = process.env.KEYCLOAK_ADMIN ?? 'admin';
const PASSWORD = process.env.KEYCLOAK_ADMIN_PASSWORD ?? 'admin';
const REALM = `om-exthost-signin-${Date.now().toString(36)}`;
const JANE = { username: 'jane', password: `jane-${Date.now().toString(36)}-pw`, email: 'jane.doe@example.com' };

interface Report {
  ok: boolean;
  flow: string;
  summary: string;
  steps: { id: string; status: string; path?: string }[];
  user?: { name: string; admin: boolean };
  reportUri?: string;
}

async function admin(): Promise<KcAdminClient> {
  const kc = new KcAdminClient({ baseUrl: KEYCLOAK_URL, realmName: 'master' });
  await kc.auth({ grantType: 'password', clientId: 'admin-cli', username: ADMIN, password: PASSWORD });
  return kc;
}

/** Every file under `dir` with its text (logs, settings, state), for the leak check. */
function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    if (!entry.isFile() || statSync(path).size > 20_000_000) return [];
    return [{ path, text: readFileSync(path, 'latin1') }];
  });
}

/** The Markdown behind a report's preview (the command's read-only report document). */
async function reportText(report: Report): Promise<string> {
  assert.ok(report.reportUri, 'the command opened no report');
  return (await vscode.workspace.openTextDocument(vscode.Uri.parse(report.reportUri))).getText();
}

suite('Test Sign-in (real Keycloak)', () => {
  suiteSetup(async function () {
    assert.ok(KEYCLOAK_URL, 'KEYCLOAK_URL is not set: npm test starts Keycloak and passes it to this suite');
    await vscode.commands.executeCommand('openmetadataAuth.connectKeycloak', { url: KEYCLOAK_URL, adminRealm: 'master', username: ADMIN, password: PASSWORD });
    const kc = await admin();
    await kc.realms.create({ realm: REALM, enabled: true, passwordPolicy: 'hashAlgorithm(pbkdf2-sha256) and hashIterations(1000)' });
    await kc.users.create({
      realm: REALM,
      username: JANE.username,
      email: JANE.email,
      emailVerified: true,
      enabled: true,
      firstName: 'Jane',
      lastName: 'Doe',
      credentials: [{ type: 'password', value: JANE.password, temporary: false }],
    });
  });
  teardown(revertAll);
  suiteTeardown(async () => {
    if (!KEYCLOAK_URL) return;
    await (await admin()).realms.del({ realm: REALM }).catch(() => undefined);
    await vscode.commands.executeCommand('openmetadataAuth.disconnectKeycloak');
  });

  test('public client: a temporary test user signs in, the report opens as Markdown, the user is deleted again', async () => {
    const uri = fixtureUri('openmetadata.yaml');
    await openEditor(uri);
    await vscode.commands.executeCommand('openmetadataAuth.createKeycloakClient', {
      uri: uri.toString(),
      realm: REALM,
      flow: 'implicit',
      clientId: 'om-public',
      omUrl: 'http://localhost:8585',
      confirm: true,
    });
    const report = (await vscode.commands.executeCommand('openmetadataAuth.testSignIn', { uri: uri.toString(), temporaryUser: true })) as Report;
    assert.equal(report.ok, true, JSON.stringify(report.steps));
    assert.equal(report.flow, 'implicit');
    assert.match(report.user?.name ?? '', /^om-signin-test-[0-9a-f]{6}$/);
    assert.match(report.summary, /^om-signin-test-[0-9a-f]{6}@example\.com signs in as `om-signin-test-[0-9a-f]{6}`; not an admin \(admins: `admin`\)\.$/);
    const users = await (await admin()).users.find({ realm: REALM, search: 'om-signin-test' });
    assert.deepEqual(
      users.map((u) => u.username),
      [],
      'the temporary user is gone',
    );
    const markdown = await reportText(report);
    // The summary holds the user's claims, so it is shown escaped.
    assert.ok(markdown.includes(`**${escape(report.summary)}**`), markdown);
    assert.match(markdown, /\| ✔ \| Token accepted \(publicKeyUrls\) \|/);

    // A failed sign-in removes its temporary user too.
    const document = vscode.window.activeTextEditor?.document ?? (await vscode.workspace.openTextDocument(uri));
    const at = document.getText().indexOf('callbackUrl: http://localhost:8585/callback');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      uri,
      new vscode.Range(document.positionAt(at), document.positionAt(at + 'callbackUrl: http://localhost:8585/callback'.length)),
      'callbackUrl: http://localhost:8585/elsewhere',
    );
    assert.ok(at > 0 && (await vscode.workspace.applyEdit(edit)));
    const failed = (await vscode.commands.executeCommand('openmetadataAuth.testSignIn', {
      uri: uri.toString(),
      temporaryUser: true,
      preview: false,
    })) as Report;
    assert.deepEqual(
      failed.steps.filter((s) => s.status === 'fail').map((s) => [s.id, s.path]),
      [['authorize', 'authenticationConfiguration.callbackUrl']],
    );
    assert.deepEqual(
      (await (await admin()).users.find({ realm: REALM, search: 'om-signin-test' })).map((u) => u.username),
      [],
      'the temporary user of the failed run is gone',
    );
  });

  test('reads the Keycloak settings as every command does: a blank caFile adds no CA, a timeout of 0 is the default', async () => {
    const uri = fixtureUri('openmetadata.yaml');
    await openEditor(uri);
    await vscode.commands.executeCommand('openmetadataAuth.createKeycloakClient', {
      uri: uri.toString(),
      realm: REALM,
      flow: 'implicit',
      clientId: 'om-public',
      omUrl: 'http://localhost:8585',
      confirm: true,
    });
    const settings = vscode.workspace.getConfiguration('openmetadataAuth.keycloak');
    await settings.update('caFile', '   ', vscode.ConfigurationTarget.Global);
    await settings.update('timeoutSeconds', 0, vscode.ConfigurationTarget.Global);
    try {
      const report = (await vscode.commands.executeCommand('openmetadataAuth.testSignIn', {
        uri: uri.toString(),
        temporaryUser: true,
        preview: false,
      })) as Report;
      assert.equal(report.ok, true, JSON.stringify(report.steps));
    } finally {
      await settings.update('caFile', undefined, vscode.ConfigurationTarget.Global);
      await settings.update('timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('confidential client on Helm values: the secret comes from Keycloak; a given user signs in; a broken callback is named in Helm terms', async () => {
    const uri = fixtureUri('values.yaml');
    const { document } = await openEditor(uri);
    await vscode.commands.executeCommand('openmetadataAuth.createKeycloakClient', {
      uri: uri.toString(),
      realm: REALM,
      flow: 'authCode',
      clientId: 'om-web',
      omUrl: 'https://openmetadata.example.org',
      confirm: true,
      secretAction: 'reference',
    });
    const report = (await vscode.commands.executeCommand('openmetadataAuth.testSignIn', {
      uri: uri.toString(),
      username: JANE.username,
      password: JANE.password,
    })) as Report;
    assert.equal(report.ok, true, JSON.stringify(report.steps));
    assert.equal(report.flow, 'code');
    assert.equal(report.summary, 'jane.doe@example.com signs in as `jane.doe`; not an admin (admins: `admin`).');
    assert.equal((await reportText(report)).includes(JANE.password), false, 'the password is not in the report');

    const text = document.getText();
    const at = text.indexOf('callbackUrl: https://openmetadata.example.org/callback', text.indexOf('oidcConfiguration:'));
    assert.ok(at > 0, text);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      uri,
      new vscode.Range(document.positionAt(at), document.positionAt(at + 'callbackUrl: https://openmetadata.example.org/callback'.length)),
      'callbackUrl: https://openmetadata.example.org/api/v1/callback',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    const broken = (await vscode.commands.executeCommand('openmetadataAuth.testSignIn', {
      uri: uri.toString(),
      username: JANE.username,
      password: JANE.password,
    })) as Report;
    assert.equal(broken.ok, false);
    assert.deepEqual(
      broken.steps.filter((s) => s.status === 'fail').map((s) => [s.id, s.path]),
      [['authorize', 'authenticationConfiguration.oidcConfiguration.callbackUrl']],
    );
    assert.match(await reportText(broken), /`openmetadata\.config\.authentication\.oidcConfiguration\.callbackUrl`/);
  });

  test('no password or client secret in the logs, output channel, settings, state or workspace files', async function () {
    // code-server's session socket sits in the run's user-data folder (logs, output channels, settings, storage).
    const socket = process.env.CODE_SERVER_SESSION_SOCKET;
    if (!socket) return this.skip();
    const kc = await admin();
    const [web] = await kc.clients.find({ realm: REALM, clientId: 'om-web' });
    const secret = (await kc.clients.getClientSecret({ realm: REALM, id: web.id! })).value!;
    const files = [...filesUnder(dirname(dirname(socket))), ...filesUnder(fixtureUri().fsPath)];
    // The output channel's file holds the reports, so the scan reads what the command logged.
    assert.ok(
      files.some((f) => f.text.includes('jane.doe@example.com signs in as `jane.doe`')),
      `no log with the report among ${files.length} files`,
    );
    for (const needle of [JANE.password, secret]) {
      const leaks = files.filter((f) => f.text.includes(needle)).map((f) => f.path);
      assert.deepEqual(leaks, [], 'a password or secret was written to disk');
    }
  });

  test('authority of another realm: the issuer failure carries a fix that applyFixes writes into the file, and then it signs in', async () => {
    const uri = fixtureUri('values.yaml');
    const { document } = await openEditor(uri);
    await vscode.commands.executeCommand('openmetadataAuth.createKeycloakClient', {
      uri: uri.toString(),
      realm: REALM,
      flow: 'authCode',
      clientId: 'om-web',
      omUrl: 'https://openmetadata.example.org',
      confirm: true,
      secretAction: 'reference',
    });
    const text = document.getText();
    const authority = `authority: "${KEYCLOAK_URL}/realms/${REALM}"`;
    const at = text.indexOf(authority);
    assert.ok(at > 0, text);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(at), document.positionAt(at + authority.length)), `authority: "${KEYCLOAK_URL}/realms/master"`);
    assert.ok(await vscode.workspace.applyEdit(edit));

    const broken = (await vscode.commands.executeCommand('openmetadataAuth.testSignIn', {
      uri: uri.toString(),
      username: JANE.username,
      password: JANE.password,
      applyFixes: true,
      preview: false,
    })) as Report;
    assert.deepEqual(
      broken.steps.filter((s) => s.status === 'fail').map((s) => [s.id, s.path]),
      [['issuer', 'authenticationConfiguration.authority']],
    );
    assert.ok(document.getText().includes(authority), 'the fix put the issuer back into the file');
    const fixed = (await vscode.commands.executeCommand('openmetadataAuth.testSignIn', {
      uri: uri.toString(),
      username: JANE.username,
      password: JANE.password,
      preview: false,
    })) as Report;
    assert.equal(fixed.ok, true, JSON.stringify(fixed.steps));
  });
});
