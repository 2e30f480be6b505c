// Quick fixes apply as one edit, their diagnostic clears, and undo restores the file byte for byte.
import * as assert from 'node:assert/strict';
import {
  applyCodeAction,
  codeOf,
  describeDiagnostics,
  fixtureUri,
  hasCode,
  lineOf,
  openEditor,
  quickFixesAt,
  revertAll,
  undoTo,
  waitForDiagnostics,
} from './helpers';

suite('quick fixes and undo', () => {
  const uri = () => fixtureUri('openmetadata.yaml');
  teardown(revertAll);

  test('invalid-value: "Change to `custom-oidc`" fixes `provider: customOidc`, the diagnostic clears, undo restores the file', async () => {
    const editor = await openEditor(uri());
    const document = editor.document;
    const original = document.getText();
    const [invalid] = (await waitForDiagnostics(uri(), 'invalid-value', hasCode('invalid-value'))).filter((d) => codeOf(d) === 'invalid-value');
    const fixes = await quickFixesAt(uri(), invalid);
    assert.ok(fixes.length >= 2 && fixes.every((a) => a.title.startsWith('Change to ')), `quick fixes: ${fixes.map((a) => a.title).join(' | ')}`);
    const fix = fixes.find((a) => a.isPreferred);
    assert.ok(fix, `no preferred quick fix for invalid-value among: ${fixes.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.title, 'Change to `custom-oidc`');
    await applyCodeAction(fix);
    const line = lineOf(document, '  provider:');
    assert.equal(document.lineAt(line).text, '  provider: custom-oidc');
    // Cleared means: a fresh answer for the edited text (other findings remain) without invalid-value.
    const after = await waitForDiagnostics(uri(), 'diagnostics without invalid-value after the fix', (l) => l.length > 0 && !hasCode('invalid-value')(l));
    console.log(`    after the fix: ${describeDiagnostics(after)}`);
    await undoTo(document, original, 1);
    await waitForDiagnostics(uri(), 'invalid-value again after undo', hasCode('invalid-value'));
    assert.ok(!document.isDirty, 'after undo the document should match the file on disk again');
  });

  test('public-client-with-secret: "Remove `oidcConfiguration.secret`" applies and the diagnostic clears, undo restores the file', async () => {
    const editor = await openEditor(uri());
    const document = editor.document;
    const original = document.getText();
    // The provider is fixed first, as a person would, top to bottom (the rule runs before too, with the closest provider).
    const [invalid] = (await waitForDiagnostics(uri(), 'invalid-value', hasCode('invalid-value'))).filter((d) => codeOf(d) === 'invalid-value');
    const providerFix = (await quickFixesAt(uri(), invalid)).find((a) => a.isPreferred);
    assert.ok(providerFix, 'no preferred quick fix for invalid-value');
    await applyCodeAction(providerFix);
    const list = await waitForDiagnostics(
      uri(),
      'a public-client-with-secret diagnostic (public client + oidcConfiguration.secret)',
      hasCode('public-client-with-secret'),
    );
    const diagnostic = list.find((d) => codeOf(d) === 'public-client-with-secret')!;
    assert.equal(diagnostic.range.start.line, lineOf(document, 'secret: someSecret'), 'public-client-with-secret should point at the secret');
    // The issue names the two fixes: remove the secret, or switch to `clientType: confidential`. The secret's range also
    // carries plaintext-secret, whose fix ("Reference `${OIDC_CLIENT_SECRET}` instead") is offered there too.
    const fixes = await quickFixesAt(uri(), diagnostic);
    const titles = fixes.map((a) => `${a.title}${a.isPreferred ? ' (preferred)' : ''}`).join(' | ');
    const remove = fixes.find((a) => /^Remove .*secret/i.test(a.title));
    assert.ok(remove, `no "Remove … secret" quick fix among: ${titles}`);
    assert.ok(
      fixes.some((a) => /clientType: confidential/.test(a.title)),
      `no "Switch to clientType: confidential" quick fix among: ${titles}`,
    );
    console.log(`    fixes: ${titles}; applying "${remove.title}"`);
    await applyCodeAction(remove);
    assert.ok(!document.getText().includes('secret: someSecret'), 'the secret is still in the file');
    const after = await waitForDiagnostics(
      uri(),
      'diagnostics without public-client-with-secret after the fix',
      (l) => l.length > 0 && !hasCode('public-client-with-secret')(l),
    );
    console.log(`    after the fix: ${describeDiagnostics(after)}`);
    await undoTo(document, original, 2);
    assert.ok(!document.isDirty, 'after undo the document should match the file on disk again');
  });
});
