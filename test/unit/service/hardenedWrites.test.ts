// What the fixes write and what the service reads stay sound on hostile text (issue 22, items 12 and 15 to 27).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, codesOf, fixesOf, URI } from '../helpers';
import { parse, parseAllDocuments } from 'yaml';
import { applyChanges, setValues, yamlScalar } from '../../../server/src/service/edits';
import { fixText } from '../../../cli/src/lint';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { overlap } from '../vscodeEdits';
import { analyze } from '../../../server/src/service/analyze';
import { complete } from '../../../server/src/service/complete';

const yamlErrors = (text: string) => parseAllDocuments(text, { uniqueKeys: true }).flatMap((d) => ('errors' in d ? d.errors.map((e) => e.code) : []));

/** Milliseconds one call takes. */
function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

describe('item 12: a key without the space after its colon', () => {
  it('is read in linear time when a long run of blanks follows the value', () => {
    const text = `authenticationConfiguration:\n  provider: custom-oidc\n  clientId:x${' '.repeat(60_000)}y: v\n`;
    let codes: string[] = [];
    const ms = timed(() => (codes = codesOf(text, URI.server, 'malformed-value')));
    assert.deepEqual(codes, ['malformed-value@3']);
    assert.ok(ms < 1000, `${Math.round(ms)} ms`);
  });
  it('still reads the value meant, quoted or not', () => {
    for (const [line, meant] of [
      ['clientId:"abc"', 'abc'],
      ["clientId:'abc' ", 'abc'],
      ['clientId:"abc', '"abc'],
    ]) {
      const text = `authenticationConfiguration:\n  provider: custom-oidc\n  ${line}\n`;
      const d = check(text).diagnostics.find((x) => x.code === 'malformed-value');
      assert.equal((d?.data as { value?: { text: string } })?.value?.text, meant, line);
    }
  });
});

describe('item 15: one mistake, one short list of syntax errors', () => {
  const storms = {
    'adjacent flow collections': '[a]'.repeat(2000),
    'stray closing brackets': '}'.repeat(6000),
  };
  for (const [name, junk] of Object.entries(storms)) {
    it(`${name} in an auth section: a capped list, fast`, () => {
      const text = `authenticationConfiguration:\n  provider: custom-oidc\n  publicKeyUrls: ${junk}\n`;
      let syntax: string[] = [];
      const ms = timed(() => (syntax = codesOf(text, URI.server, 'yaml-syntax')));
      assert.ok(syntax.length > 0 && syntax.length <= 21, `${syntax.length} syntax errors`);
      assert.ok(ms < 150, `${Math.round(ms)} ms`);
    });
    it(`${name} in a section the whole-file syntax check reads: a capped list, fast`, () => {
      const text = `other:\n  key: ${junk}\nauthenticationConfiguration:\n  provider: basic\n`;
      let syntax: string[] = [];
      const ms = timed(() => (syntax = codesOf(text, URI.server, 'yaml-syntax')));
      assert.ok(syntax.length > 0 && syntax.length <= 21, `${syntax.length} syntax errors`);
      assert.ok(ms < 150, `${Math.round(ms)} ms`);
    });
    it(`${name} in a \${VAR:-…} default and a .env value: read as text, fast`, () => {
      const conf = `authenticationConfiguration:\n  provider: custom-oidc\n  publicKeyUrls: \${KEYS:-${junk}}\n`;
      const env = `AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_PUBLIC_KEYS=${junk}\n`;
      for (const [text, uri] of [
        [conf, URI.server],
        [env, URI.dotenv],
      ]) {
        let n = 0;
        const ms = timed(() => (n = check(text, uri).diagnostics.length));
        assert.ok(n < 25, `${n} diagnostics`);
        assert.ok(ms < 150, `${Math.round(ms)} ms`);
      }
    });
  }
  it('a later document after a storm is still read', () => {
    const text = `other: ${'}'.repeat(3000)}\n---\nauthenticationConfiguration:\n  provider: basic\n  clientType: pubic\n`;
    assert.deepEqual(codesOf(text, URI.server, 'invalid-value'), ['invalid-value@5']);
  });
});

describe('item 18: lone CR line breaks are line breaks', () => {
  const LF = 'authenticationConfiguration:\n  provider: customOidc\n  clientType: public\n  providr: x\n  authority: http://kc/realms/om\n';
  const CR = LF.replaceAll('\n', '\r');
  const asCr = (text: string) => text.replaceAll('\n', '\r');

  it('a file with lone CRs gets the diagnostics of the same file with LFs, on the same lines', () => {
    assert.deepEqual(check(CR).codes, check(LF).codes);
    assert.ok(!check(CR).codes.some((c) => c.startsWith('yaml-syntax')));
  });
  it("its fixes are the LF file's fixes, written with CRs: a rename keeps the line break, a removal takes one line", () => {
    const lf = fixesOf(LF, 'unknown-key');
    const cr = fixesOf(CR, 'unknown-key');
    assert.deepEqual(
      cr.map((f) => f.title),
      lf.map((f) => f.title),
    );
    for (const [i, f] of cr.entries()) assert.equal(applyChanges(CR, f.changes), asCr(applyChanges(LF, lf[i].changes)), f.title);
    assert.equal(applyChanges(CR, cr.find((f) => f.title.startsWith('Remove'))!.changes), asCr(LF.replace('  providr: x\n', '')));
  });
  it('--fix writes what it writes into the LF file, with CRs', () => {
    const file = { uri: URI.server, settings: {}, neighbours: [] };
    const lf = fixText(file, LF);
    assert.ok(lf.applied.length > 0);
    assert.equal(fixText(file, CR).text, asCr(lf.text));
  });
  it('an insert into a CRLF file writes CRLF, before the CR of the line it follows', () => {
    const text =
      'authenticationConfiguration:\r\n  provider: custom-oidc\r\n  clientType: public\r\n  authority: http://kc/realms/om\r\n  clientId: om\r\n  callbackUrl: http://localhost:8585/callback\r\nauthorizerConfiguration:\r\n  adminPrincipals: [alice]\r\n';
    const crlf = fixesOf(text, 'missing-required');
    const lf = fixesOf(text.replaceAll('\r\n', '\n'), 'missing-required');
    assert.ok(crlf.length > 0);
    for (const [i, f] of crlf.entries()) {
      const out = applyChanges(text, f.changes);
      assert.equal(
        out.replaceAll('\r\n', ''),
        out.replaceAll('\r\n', '').replaceAll(/[\r\n]/g, ''),
        `${f.title} wrote a lone line break:\n${JSON.stringify(out)}`,
      );
      assert.equal(out.replaceAll('\r\n', '\n'), applyChanges(text.replaceAll('\r\n', '\n'), lf[i].changes), f.title);
    }
  });
});

/** The preferred (else only) fix of the first diagnostic with `code`, applied; the text must stay valid YAML. */
function applied(text: string, code: string, uri: string, title?: string): string {
  const fixes = fixesOf(text, code, uri);
  const chosen = title ? fixes.find((f) => f.title.startsWith(title)) : (fixes.find((f) => f.preferred) ?? fixes[0]);
  assert.ok(chosen, `no fix for ${code}: ${fixes.map((f) => f.title).join(', ')}`);
  const out = applyChanges(text, chosen.changes);
  assert.deepEqual(yamlErrors(out), [], `${chosen.title} broke the YAML:\n${out}`);
  return out;
}

describe('item 19: fixes keep valid YAML valid', () => {
  const SERVER = `authenticationConfiguration:\n  provider: custom-oidc\n  clientType: confidential\n  authority: http://kc/realms/om\n  clientId: om\n  callbackUrl: http://localhost:8585/callback\n  publicKeyUrls: [http://localhost:8585/api/v1/system/config/jwks, http://kc/realms/om/protocol/openid-connect/certs]\n`;

  it('a `${VAR}` reference written into a flow mapping is quoted', () => {
    const server = `${SERVER}  oidcConfiguration: {id: om, secret: abc, type: custom}\n`;
    assert.match(applied(server, 'plaintext-secret', URI.server), /secret: "\$\{OIDC_CLIENT_SECRET\}", type/);
    const compose = 'services:\n  om:\n    environment: {AUTHENTICATION_PROVIDER: custom-oidc, OIDC_CLIENT_SECRET: abc}\n';
    assert.match(applied(compose, 'plaintext-secret', URI.compose), /OIDC_CLIENT_SECRET: "\$\{OIDC_CLIENT_SECRET\}"\}/);
  });
  it('a Helm secret reference written into a flow mapping is a flow mapping', () => {
    const text = 'openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      oidcConfiguration: {clientId: om, clientSecret: abc}\n';
    const out = applied(text, 'plaintext-secret', URI.helm);
    assert.deepEqual(codesOf(out, URI.helm, 'plaintext-secret'), []);
  });
  it('the reference replaces a `{secretRef, secretKey}` mapping in a server config, keeping its key', () => {
    const text = `${SERVER}  oidcConfiguration:\n    secret: {secretRef: s, secretKey: k}\n`;
    assert.match(applied(text, 'plaintext-secret', URI.server), /\n {4}secret: \$\{OIDC_CLIENT_SECRET\}\n$/);
  });
  for (const props of ['!!str ', '&p ', '!!str &p ']) {
    it(`a key inserted under a mapping whose first key has \`${props.trim()}\` goes at its siblings' column`, () => {
      const text = `authenticationConfiguration:\n  ${props}provider: custom-oidc\n  clientType: public\n  authority: http://kc/realms/om\n  clientId: om\n  callbackUrl: http://localhost:8585/callback\nauthorizerConfiguration:\n  adminPrincipals: [alice]\n`;
      const out = applied(text, 'missing-required', URI.server);
      assert.match(out, /\n {2}callbackUrl: \S+\n {2}\w+:/);
    });
  }
  it('a removal in a flow environment takes the variable and one comma, not the line', () => {
    const list = 'services:\n  om:\n    environment: [AUTHENTICATION_PROVIDER=custom-oidc, AUTHENTICATION_CLIENT_TYPE=public, OIDC_CLIENT_SECRET=abc]\n';
    assert.equal(applied(list, 'public-client-with-secret', URI.compose), list.replace(', OIDC_CLIENT_SECRET=abc', ''));
    const map = 'services:\n  om:\n    environment: {OIDC_CLIENT_SECRET: abc, AUTHENTICATION_PROVIDER: custom-oidc, AUTHENTICATION_CLIENT_TYPE: public}\n';
    assert.equal(applied(map, 'public-client-with-secret', URI.compose), map.replace('OIDC_CLIENT_SECRET: abc, ', ''));
    const json =
      '{"services": {"om": {"environment": {"AUTHENTICATION_PROVIDER": "custom-oidc", "AUTHENTICATION_CLIENT_TYPE": "public", "OIDC_CLIENT_SECRET": "abc"}}}}\n';
    assert.equal(applied(json, 'public-client-with-secret', URI.compose), json.replace(', "OIDC_CLIENT_SECRET": "abc"', ''));
  });
});

describe('item 25: values are written as YAML reads them back', () => {
  const strings = ['@admin', '- x', '1e3', '0x1F', 'on', 'No', '~', 'null', '.inf', 'a: b', 'a #b', 'x:', '12', '-1.5', '2001-12-14'];
  for (const value of strings) {
    it(`\`${value}\` set as a string reads back as that string, in a block and in a flow mapping`, () => {
      for (const base of [
        'authenticationConfiguration:\n  provider: custom-oidc\n  clientId: om\n',
        'authenticationConfiguration: {provider: custom-oidc, clientId: om}\n',
      ]) {
        const analysis = check(base).analysis;
        const out = applyChanges(base, setValues(base, analysis.model, [{ path: 'authenticationConfiguration.clientId', value }]).changes);
        assert.deepEqual(yamlErrors(out), [], out);
        for (const version of ['1.1', '1.2'] as const)
          assert.equal((parse(out, { version }) as { authenticationConfiguration: { clientId: unknown } }).authenticationConfiguration.clientId, value, out);
      }
    });
  }
  it('words and URLs stay plain', () => {
    for (const value of ['openmetadata', 'http://kc:8080/realms/om', 'openid email profile']) assert.equal(yamlScalar(value), value);
  });
});

describe('item 20: a fix does not trade its error for another', () => {
  const BASE = 'authenticationConfiguration:\n  provider: custom-oidc\n';
  /** Codes of serious diagnostics the text has after the preferred fix of `code` that it did not have before. */
  function traded(text: string, code: string, uri: string): string[] {
    const before = check(text, uri).diagnostics.filter((d) => d.severity! <= 2);
    const out = applied(text, code, uri);
    const after = check(out, uri).diagnostics.filter((d) => d.severity! <= 2);
    const count = (list: typeof before, c: unknown) => list.filter((d) => d.code === c).length;
    assert.ok(count(after, code) < count(before, code), `${code} still there:\n${out}`);
    return [...new Set(after.map((d) => String(d.code)))].filter((c) => count(after, c) > count(before, c));
  }

  it('`clientId:abc: def`: the value is quoted rather than nested under a key that holds text', () => {
    const text = `${BASE}  clientId:abc: def\n`;
    assert.deepEqual(traded(text, 'malformed-value', URI.server), []);
    assert.match(applied(text, 'malformed-value', URI.server), /\n {2}clientId: "abc: def"\n/);
  });
  it('`oidcConfiguration:id: x`: the child still goes on its own line under a key that holds a mapping', () => {
    const text = `${BASE}  oidcConfiguration:id: x\n`;
    assert.match(applied(text, 'malformed-value', URI.server), /\n {2}oidcConfiguration:\n {4}id: x\n/);
  });
  it('"Use an empty default" on a quoted `"${OIDC_CUSTOM_PARAMS:-{}}"` leaves no empty string', () => {
    const text = `${BASE}  oidcConfiguration:\n    customParams: "\${OIDC_CUSTOM_PARAMS:-{}}"\n`;
    assert.deepEqual(traded(text, 'env-default-brace', URI.server), []);
  });
  it("Helm `samlConfiguration` is renamed to the chart's `saml`, not to the nearest spelling", () => {
    const text = 'openmetadata:\n  config:\n    authentication:\n      provider: saml\n      samlConfiguration:\n        debugMode: true\n';
    const preferred = fixesOf(text, 'unknown-key', URI.helm).find((f) => f.preferred);
    assert.equal(preferred?.title, 'Rename to `saml`');
  });
  it('a default whose quotes are escaped inside a double-quoted scalar is read without its backslashes', () => {
    const text = `${BASE}  clientId: "\${OIDC_CLIENT_ID:-\\"om\\"}"\n  callbackUrl: '\${CB:-http://it''s/callback}'\n`;
    const entries = check(text).analysis.model.entries;
    assert.equal(entries.get('authenticationConfiguration.clientId')?.value, '"om"');
    assert.equal(entries.get('authenticationConfiguration.callbackUrl')?.value, "http://it's/callback");
  });
});

describe('item 27: a fix changes the text or is not offered', () => {
  it('"Change to `public`" on `${AUTHENTICATION_CLIENT_TYPE:-public}}` rewrites the brace too, and the chain ends', () => {
    let text = 'authenticationConfiguration:\n  provider: custom-oidc\n  clientType: ${AUTHENTICATION_CLIENT_TYPE:-public}}\n';
    for (let step = 0; codesOf(text, URI.server, 'invalid-value').length; step++) {
      assert.ok(step < 3, `still invalid after ${step} fixes:\n${text}`);
      const next = applied(text, 'invalid-value', URI.server);
      assert.notEqual(next, text, 'the preferred fix changed nothing');
      text = next;
    }
    assert.match(text, /clientType: \$\{AUTHENTICATION_CLIENT_TYPE:-public\}\n/);
  });
});

describe('item 24: no code action has overlapping edits', () => {
  it('legacy-setting on a workflow whose securityConfig is indented deeper than authProvider', () => {
    const text =
      'source:\n  type: mysql\nworkflowConfig:\n  openMetadataServerConfig:\n    hostPort: http://localhost:8585/api\n    authProvider: google\n        securityConfig:\n          secretKey: /a.json\n';
    const document = TextDocument.create(URI.workflow, 'yaml', 1, text);
    const { check: checked, diagnostics } = check(text, URI.workflow);
    assert.ok(diagnostics.some((d) => d.code === 'legacy-setting'));
    for (const action of checked.codeActions(diagnostics, {})) {
      const edits = (action.edit?.documentChanges ?? []).flatMap((c) => ('edits' in c ? c.edits : []));
      const clash = overlap(edits.map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), newText: e.newText })));
      assert.equal(clash, undefined, `${action.title}: ${JSON.stringify(clash)}`);
    }
  });
});

describe('item 26: Helm values with a flow `extraEnvs`', () => {
  const values = (extraEnvs: string) => `openmetadata:\n  config:\n    authentication:\n      provider: basic\n${extraEnvs}`;
  for (const [name, list] of [
    ["the chart's own `extraEnvs: []`", 'extraEnvs: []\n'],
    ['a flow list with an item', 'extraEnvs: [{name: TZ, value: UTC}]\n'],
  ]) {
    it(`${name}: providerName is written into it, and reported changed only then`, () => {
      const text = values(list);
      const model = check(text, URI.helm).analysis.model;
      const result = setValues(text, model, [{ path: 'authenticationConfiguration.providerName', value: 'Keycloak' }]);
      assert.deepEqual(result.changed, ['authenticationConfiguration.providerName']);
      const out = applyChanges(text, result.changes);
      assert.deepEqual(yamlErrors(out), [], out);
      const extra = (parse(out) as { extraEnvs: { name: string; value: string }[] }).extraEnvs;
      assert.ok(
        extra.some((e) => e.name === 'CUSTOM_OIDC_AUTHENTICATION_PROVIDER_NAME' && e.value === 'Keycloak'),
        out,
      );
      // A second run has nothing left to do.
      const again = setValues(out, check(out, URI.helm).analysis.model, [{ path: 'authenticationConfiguration.providerName', value: 'Keycloak' }]);
      assert.deepEqual([again.changes, again.changed], [[], []]);
    });
  }
});

describe('item 21: --fix applies, re-checks and repeats', () => {
  const file = { uri: URI.server, settings: {}, neighbours: [] };
  const SERVER = 'authenticationConfiguration:\n  provider: custom-oidc\n  providerName: Keycloak\n  clientType: public\n';
  it('a rename and an "Add" of the same key are not both applied (no duplicate key)', () => {
    const urls = '[http://localhost:8585/api/v1/system/config/jwks, http://kc/realms/om/protocol/openid-connect/certs]';
    for (const text of [
      `${SERVER}  publicKeyUrls: ${urls}\n  authorty: http://kc/realms/om\n  clientId: om\n  callbackUrl: http://localhost:8585/callback\n`,
      `${SERVER}  publicKeyUrl: ${urls}\n  authority: http://kc/realms/om\n  clientId: om\n  callbackUrl: http://localhost:8585/callback\n`,
    ]) {
      const out = fixText(file, text).text;
      assert.deepEqual(yamlErrors(out), [], out);
      assert.deepEqual(codesOf(out, URI.server, 'duplicate-key'), [], out);
    }
  });
  it('a fix whose diagnostic stays is not applied again and again', () => {
    const text = `${SERVER}  callbackUrl: {a: 1,\n  b: 2}\nother: 1\n`;
    const { text: out, applied } = fixText(file, text);
    const titles = applied.map((a) => `${a.code}: ${a.title}`);
    assert.deepEqual(titles, [...new Set(titles)], out);
    assert.ok(out.split('publicKeyUrls:').length <= 2, out);
  });
});

describe('item 19: an insert never writes a key its mapping has already', () => {
  it('the workflow fix leaves a `securityConfig` that is a list alone rather than adding a second one', () => {
    const text =
      'source:\n  type: mysql\nworkflowConfig:\n  openMetadataServerConfig:\n    hostPort: http://localhost:8585/api\n    authProvider: google\n    securityConfig:\n      - secretKey: /a.json\n';
    for (const f of fixesOf(text, 'legacy-setting', URI.workflow)) {
      const out = applyChanges(text, f.changes);
      assert.deepEqual(yamlErrors(out), [], `${f.title}:\n${out}`);
    }
  });
});

describe('item 14: keystroke work follows the edit, not the file', () => {
  it('completion does not walk back through millions of blank lines to find its parent keys', () => {
    // Against the same request after a thousand blank lines, the best of three each: a machine busy with other test
    // files slows both alike.
    const cost = (blank: number) => {
      const text = `authenticationConfiguration:\n  provider: custom-oidc\n${'\n'.repeat(blank)}  `;
      const document = TextDocument.create(URI.server, 'yaml', 1, text);
      const analysis = analyze(URI.server, text);
      complete(document, analysis, text.length, {});
      return Math.min(...[1, 2, 3].map(() => timed(() => complete(document, analysis, text.length, {}))));
    };
    const [small, large] = [cost(1000), cost(4_900_000)];
    assert.ok(large < 20 * Math.max(small, 1), `${large.toFixed(1)} ms against ${small.toFixed(1)} ms`);
  });
});
