// The CI report formats beside SARIF: GitLab Code Quality checked field by field against GitLab's documented shape,
// checkstyle and JUnit XML read back by a strict XML parser (sax), each compared with the json format's findings.
import { plainText } from '../../common/plainText';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parser } from 'sax';
import { BROKEN, CLEAN, fixture, runCli, WARNING_ONLY, type JsonFinding } from './run';

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** The document as a tree; throws on anything that is not well-formed XML (strict mode). */
function parseXml(text: string): XmlNode {
  const root: XmlNode = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  const p = parser(true);
  let error: Error | undefined;
  p.onerror = (e) => {
    error ??= e;
  };
  p.onopentag = (tag) => {
    const node = { name: tag.name, attributes: tag.attributes, children: [], text: '' };
    stack[stack.length - 1].children.push(node);
    stack.push(node);
  };
  p.onclosetag = () => void stack.pop();
  p.ontext = (t) => {
    stack[stack.length - 1].text += t;
  };
  p.write(text).close();
  if (error) throw error;
  assert.equal(root.children.length, 1, 'one root element');
  return root.children[0];
}

// A folder name and a message with every character XML must escape: `<&>"'` in the path, quotes in the messages.
const FILES = {
  'a&b <"x">/openmetadata.yaml': BROKEN,
  'warn/openmetadata.yaml': WARNING_ONLY,
  'clean/openmetadata.yaml': CLEAN,
  'compose/.env': 'AUTHENTICATION_PROVIDER=customOidc\nOIDC_SCOPES="openid"\n',
};

async function findingsOf(dir: string): Promise<JsonFinding[]> {
  const ran = await runCli(['check', '--format', 'json'], dir);
  return JSON.parse(ran.stdout) as JsonFinding[];
}

describe('report formats for CI', { concurrency: true }, () => {
  it('gitlab: GitLab Code Quality, every field of the documented shape, paths from the repository root', async () => {
    const { dir, cleanup } = fixture(FILES);
    try {
      execFileSync('git', ['init', '-q'], { cwd: dir });
      const expected = await findingsOf(join(dir, 'warn', '..'));
      // From a subfolder: GitLab resolves paths from the repository root, not the working folder.
      const ran = await runCli(['check', '--format', 'gitlab', '..'], join(dir, 'clean'));
      assert.equal(ran.status, 1, ran.stderr);
      const issues = JSON.parse(ran.stdout) as Record<string, unknown>[];
      assert.ok(Array.isArray(issues));
      assert.equal(issues.length, expected.length);
      assert.ok(expected.length >= 4);
      const fingerprints = new Set<string>();
      for (const [i, issue] of issues.entries()) {
        const want = expected[i];
        assert.deepEqual(Object.keys(issue).sort(), ['check_name', 'description', 'fingerprint', 'location', 'severity']);
        // Shown as plain text in the merge request: the Markdown code spans become quotes.
        assert.equal(issue.description, plainText(want.message));
        assert.equal(issue.check_name, want.code);
        assert.equal(typeof issue.fingerprint, 'string');
        assert.ok((issue.fingerprint as string).length > 0);
        fingerprints.add(issue.fingerprint as string);
        assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity as string));
        assert.equal(issue.severity, { error: 'major', warning: 'minor', information: 'info', hint: 'info' }[want.severity]);
        const location = issue.location as { path: string; lines: { begin: number } };
        assert.deepEqual(Object.keys(location).sort(), ['lines', 'path']);
        assert.equal(location.path, want.file, 'from the repository root: the run was in a subfolder');
        assert.ok(!location.path.startsWith('/') && !location.path.startsWith('..'));
        assert.ok(Number.isInteger(location.lines.begin) && location.lines.begin >= 1);
        assert.equal(location.lines.begin, want.line);
      }
      assert.equal(fingerprints.size, issues.length, 'fingerprints are unique');
      // The same findings, the same fingerprints: GitLab compares them between the base and the merge request.
      const again = JSON.parse((await runCli(['check', '--format', 'gitlab'], dir)).stdout) as { fingerprint: string }[];
      assert.deepEqual(
        again.map((x) => x.fingerprint),
        issues.map((x) => x.fingerprint),
      );
    } finally {
      cleanup();
    }
  });

  it('gitlab: a clean run is an empty array', async () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': CLEAN });
    try {
      const ran = await runCli(['check', '--format', 'gitlab'], dir);
      assert.equal(ran.status, 0, ran.stderr);
      assert.deepEqual(JSON.parse(ran.stdout), []);
      assert.match(ran.stderr, /^1 file checked\.$/m);
    } finally {
      cleanup();
    }
  });

  it('checkstyle: well-formed XML, one <file> per config checked, one <error> per finding, escaped names', async () => {
    const { dir, cleanup } = fixture(FILES);
    try {
      const expected = await findingsOf(dir);
      const ran = await runCli(['check', '--format', 'checkstyle'], dir);
      assert.equal(ran.status, 1, ran.stderr);
      assert.match(ran.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<checkstyle /);
      const doc = parseXml(ran.stdout);
      assert.equal(doc.name, 'checkstyle');
      assert.ok(doc.children.every((c) => c.name === 'file'));
      assert.deepEqual(doc.children.map((f) => f.attributes.name).sort(), [
        'a&b <"x">/openmetadata.yaml',
        'clean/openmetadata.yaml',
        'compose/.env',
        'warn/openmetadata.yaml',
      ]);
      assert.deepEqual(doc.children.find((f) => f.attributes.name === 'clean/openmetadata.yaml')!.children, []);
      const errors = doc.children.flatMap((f) => f.children.map((e) => ({ file: f.attributes.name, ...e })));
      assert.ok(errors.every((e) => e.name === 'error'));
      assert.deepEqual(
        errors.map((e) => ({
          file: e.file,
          line: Number(e.attributes.line),
          column: Number(e.attributes.column),
          severity: e.attributes.severity,
          message: e.attributes.message,
          source: e.attributes.source,
        })),
        expected.map((f) => ({
          file: f.file,
          line: f.line,
          column: f.column,
          severity: f.severity === 'information' || f.severity === 'hint' ? 'info' : f.severity,
          message: plainText(f.message),
          source: `openmetadata-auth.${f.code}`,
        })),
      );
    } finally {
      cleanup();
    }
  });

  it('junit: well-formed XML, a suite per file, a failed case per error or warning, the counts consistent', async () => {
    const { dir, cleanup } = fixture(FILES);
    try {
      const expected = await findingsOf(dir);
      const ran = await runCli(['check', '--format', 'junit'], dir);
      assert.equal(ran.status, 1, ran.stderr);
      const doc = parseXml(ran.stdout);
      assert.equal(doc.name, 'testsuites');
      const suites = doc.children;
      assert.ok(suites.every((s) => s.name === 'testsuite'));
      assert.equal(suites.length, 4);
      const cases = suites.flatMap((s) => s.children);
      assert.ok(cases.every((c) => c.name === 'testcase' && c.attributes.name && c.attributes.classname));
      assert.equal(Number(doc.attributes.tests), cases.length);
      for (const suite of suites) {
        assert.equal(Number(suite.attributes.tests), suite.children.length);
        assert.equal(Number(suite.attributes.failures), suite.children.filter((c) => c.children.some((x) => x.name === 'failure')).length);
      }
      const failures = cases.flatMap((c) => c.children.filter((x) => x.name === 'failure'));
      assert.equal(Number(doc.attributes.failures), failures.length);
      const failing = expected.filter((f) => f.severity === 'error' || f.severity === 'warning');
      assert.deepEqual(
        failures.map((f) => ({ type: f.attributes.type, message: f.attributes.message })),
        failing.map((f) => ({ type: f.severity, message: plainText(f.message) })),
      );
      assert.ok(
        failures.every((f, i) => f.text.startsWith(`${failing[i].file}:${failing[i].line}:${failing[i].column} ${failing[i].severity} ${failing[i].code}: `)),
      );
      // The clean file passes as one case with no children.
      const clean = suites.find((s) => s.attributes.name === 'clean/openmetadata.yaml')!;
      assert.equal(clean.children.length, 1);
      assert.deepEqual(clean.children[0].children, []);
    } finally {
      cleanup();
    }
  });

  it('junit and checkstyle of a clean run parse and have no failures', async () => {
    const { dir, cleanup } = fixture({ 'openmetadata.yaml': CLEAN });
    try {
      const junit = await runCli(['check', '--format', 'junit'], dir);
      assert.equal(junit.status, 0);
      const doc = parseXml(junit.stdout);
      assert.equal(doc.attributes.failures, '0');
      assert.equal(doc.attributes.tests, '1');
      const checkstyle = await runCli(['check', '--format', 'checkstyle'], dir);
      assert.equal(checkstyle.status, 0);
      assert.equal(parseXml(checkstyle.stdout).children[0].children.length, 0);
    } finally {
      cleanup();
    }
  });
});
