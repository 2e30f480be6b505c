// The outputs of a run: stylish (people), json (scripts), sarif (code scanning), github (workflow annotations), gitlab (Code
// Quality), checkstyle and junit (CI test reports).
import { createHash } from 'node:crypto';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DIAGNOSTIC_CODES } from '../../common/protocol';
import { plainText } from '../../common/plainText';
import readme from '../../README.md';
import { version } from '../../package.json';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
const SEVERITY_NAMES: Severity[] = ['error', 'error', 'warning', 'information', 'hint'];
export const severityOf = (d: Diagnostic): Severity => SEVERITY_NAMES[d.severity ?? 1];

export interface FixInfo {
  title: string;
  preferred: boolean;
  /** The fix asks the user for a value (or runs an editor command), so --fix never applies it. */
  needsInput: boolean;
}

export interface FileReport {
  /** As shown: relative to the working folder, with forward slashes. */
  path: string;
  /** Relative to the repository root: what code scanning and workflow annotations resolve paths against. */
  fromRoot: string;
  text: string;
  diagnostics: Diagnostic[];
  /** Only the json format computes them. */
  fixes?: FixInfo[][];
  /** Offsets of secret values in the text that no finding points at (an env file read for a deployment): masked too. */
  secrets?: { start: number; end: number }[];
}

export const TOOL = { name: 'openmetadata-auth', version, informationUri: 'https://open-metadata.org' };

/**
 * The meaning of each code, from the README's codes tables, so the SARIF rules say what the README says and nothing is
 * written twice (a unit test checks that every code has a row).
 */
export function codeMeanings(markdown: string = readme): Map<string, { severity: string; meaning: string }> {
  const out = new Map<string, { severity: string; meaning: string }>();
  for (const line of markdown.split('\n')) {
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length !== 3 || !cells[0].startsWith('`')) continue;
    for (const code of cells[0].match(/`([a-z0-9-]+)`/g) ?? []) {
      const id = code.slice(1, -1);
      if (!out.has(id)) out.set(id, { severity: cells[1], meaning: cells[2].replace(/`/g, '') });
    }
  }
  return out;
}

/** The UTF-16 offset of an LSP position, which is what a JavaScript string index counts. */
function offsetAt(text: string, position: { line: number; character: number }): number {
  let start = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return text.length;
    start = next + 1;
  }
  return Math.min(start + position.character, text.length);
}

const mask = (s: string) => s.replace(/[^\r\n]/g, '*');

/**
 * The report as any format may show it: the value each `plaintext-secret` finding points at is masked in the text (code
 * frames, fingerprints) by its span, so columns stay true; messages and fix titles have no spans, so the value read from
 * that span is masked where they quote it (another finding on the same line may echo it, e.g. a stray space before it).
 */
export function redact(report: FileReport): FileReport {
  const spans = [
    ...report.diagnostics
      .filter((d) => d.code === 'plaintext-secret')
      .map((d) => [offsetAt(report.text, d.range.start), offsetAt(report.text, d.range.end)] as const),
    ...(report.secrets ?? []).map((s) => [s.start, s.end] as const),
  ].sort((a, b) => a[0] - b[0]);
  if (!spans.length) return report;
  let text = report.text;
  for (const [start, end] of spans) text = text.slice(0, start) + mask(text.slice(start, end)) + text.slice(end);
  const values = spans
    .map(([start, end]) => report.text.slice(start, end))
    .flatMap((v) => [v, v.replace(/^(["'])(.*)\1$/s, '$2').trim()])
    .filter((v) => v.trim());
  // The longest first, so a quoted value is masked whole and not around its unquoted self.
  values.sort((a, b) => b.length - a.length);
  const hide = (s: string) => values.reduce((out, v) => out.split(v).join(mask(v)), s);
  return {
    ...report,
    text,
    diagnostics: report.diagnostics.map((d) => ({ ...d, message: hide(d.message) })),
    fixes: report.fixes?.map((list) => list.map((f) => ({ ...f, title: hide(f.title) }))),
  };
}

const lineText = (text: string, line: number) => text.split('\n')[line]?.replace(/\r$/, '') ?? '';

// ---------------------------------------------------------------- stylish

const COLOURS = { error: 31, warning: 33, information: 36, hint: 90, dim: 90, bold: 1 } as const;

export function stylish(unmasked: FileReport[], colour: boolean): string {
  const reports = unmasked.map(redact);
  const paint = (what: keyof typeof COLOURS, s: string) => (colour ? `\u001b[${COLOURS[what]}m${s}\u001b[0m` : s);
  const out: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const report of reports) {
    if (!report.diagnostics.length) continue;
    const lines = report.text.split('\n');
    for (const d of report.diagnostics) {
      const severity = severityOf(d);
      counts[severity]++;
      const { line, character } = d.range.start;
      out.push(
        `${paint('bold', `${report.path}:${line + 1}:${character + 1}`)}  ${paint(severity, severity)}  ${paint('dim', String(d.code))}  ${plainText(d.message)}`,
      );
      // A skipped file (binary, huge) gets its one line: a frame of binary bytes would tell nothing.
      if (d.code !== 'file-skipped') out.push(...frame(lines, d, paint), '');
    }
  }
  const problems = counts.error + counts.warning + counts.information + counts.hint;
  if (problems) {
    const parts = [`${counts.error} error${counts.error === 1 ? '' : 's'}`, `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`];
    if (counts.information + counts.hint) parts.push(`${counts.information + counts.hint} note${counts.information + counts.hint === 1 ? '' : 's'}`);
    out.push(paint(counts.error ? 'error' : 'warning', `✖ ${problems} problem${problems === 1 ? '' : 's'} (${parts.join(', ')})`));
  }
  return out.join('\n');
}

/** A code frame like ESLint's: the line before, the line with a caret under the range, the line after. */
function frame(lines: string[], d: Diagnostic, paint: (what: keyof typeof COLOURS, s: string) => string): string[] {
  const MAX = 160;
  const at = d.range.start.line;
  const width = String(Math.min(lines.length, at + 2)).length;
  const out: string[] = [];
  for (let n = Math.max(0, at - 1); n <= Math.min(lines.length - 1, at + 1); n++) {
    const text = lines[n].replace(/\r$/, '');
    const shown = text.length > MAX ? `${text.slice(0, MAX)}…` : text;
    out.push(`${n === at ? paint('error', '>') : ' '} ${paint('dim', `${String(n + 1).padStart(width)} |`)} ${shown}`);
    if (n === at) {
      const start = Math.min(d.range.start.character, MAX);
      const end = d.range.end.line === at ? Math.min(d.range.end.character, MAX) : Math.min(text.length, MAX);
      out.push(`  ${paint('dim', `${' '.repeat(width)} |`)} ${' '.repeat(start)}${paint('error', '^'.repeat(Math.max(1, end - start)))}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------- json

export function json(unmasked: FileReport[]): string {
  const reports = unmasked.map(redact);
  const findings = reports.flatMap((report) =>
    report.diagnostics.map((d, i) => ({
      file: report.path,
      // LSP positions (0-based line and UTF-16 character), plus the 1-based line and column editors show.
      range: d.range,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      severity: severityOf(d),
      code: String(d.code),
      message: d.message,
      fixes: report.fixes?.[i] ?? [],
    })),
  );
  return JSON.stringify(findings, null, 2);
}

// ---------------------------------------------------------------- sarif

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/**
 * `partialFingerprints` that survive unrelated edits: the file, the code, the trimmed text of the line and which
 * occurrence of that triple it is, never the line number.
 */
function fingerprints(reports: FileReport[]): string[][] {
  return reports.map((report) => {
    const seen = new Map<string, number>();
    return report.diagnostics.map((d) => {
      const key = `${report.fromRoot}\u0000${String(d.code)}\u0000${lineText(report.text, d.range.start.line).trim()}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      return `${createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32)}:${n}`;
    });
  });
}

/** A code beyond the language server's, from a live check (`check --keycloak`, `sign-in`), with its description. */
export interface ExtraRule {
  id: string;
  text: string;
  /** The README section that describes the check, for the rule's help. */
  section: { title: string; anchor: string };
}

/** Each segment on its own: encodeURI keeps `#` and `?`, so `a#b/x.yaml` would read back as file `a` with a fragment. */
const relativeUri = (path: string) => path.split('/').map(encodeURIComponent).join('/');

const CODES_SECTION = { title: 'Diagnostic codes', anchor: 'diagnostic-codes' };

export function sarif(unmasked: FileReport[], extraRules: ExtraRule[] = [], root?: string): string {
  const reports = unmasked.map(redact);
  const meanings = codeMeanings();
  const extra = new Map(extraRules.map((r) => [r.id, r]));
  const rules: ReportingDescriptor[] = [...DIAGNOSTIC_CODES, ...extra.keys()].map((id) => {
    const doc = meanings.get(id);
    const text = doc?.meaning ?? extra.get(id)?.text ?? id;
    const section = extra.get(id)?.section ?? CODES_SECTION;
    return {
      id,
      shortDescription: { text: text.split(/(?<=\.) /)[0] },
      fullDescription: { text },
      help: {
        text: `${text} See "${section.title}" in the openmetadata-auth README.`,
        markdown: `**${id}**: ${text}\n\nSee *${section.title}* in the openmetadata-auth README (README.md#${section.anchor}).`,
      },
      defaultConfiguration: { level: /^error/.test(doc?.severity ?? '') ? 'error' : /^warning/.test(doc?.severity ?? '') ? 'warning' : 'note' },
    };
  });
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const prints = fingerprints(reports);
  const results: Result[] = reports.flatMap((report, r) =>
    report.diagnostics.map((d, i): Result => ({
      ruleId: String(d.code),
      ruleIndex: index.get(String(d.code)),
      level: SARIF_LEVEL[severityOf(d)],
      // SARIF viewers that render Markdown (GitHub code scanning) get the code spans; the rest plain text.
      message: { text: plainText(d.message), markdown: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: relativeUri(report.fromRoot), uriBaseId: 'SRCROOT' },
            // SARIF lines and columns are 1-based; columns in UTF-16 code units, as the run's columnKind says.
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
            },
          },
        },
      ],
      // The other files of a deployment finding (the compose file that passes a variable, the env file that sets it).
      ...(d.relatedInformation?.length && root
        ? {
            relatedLocations: d.relatedInformation.map((related, id) => ({
              id,
              message: { text: plainText(related.message) },
              physicalLocation: {
                artifactLocation: { uri: relativeUri(relative(root, fileURLToPath(related.location.uri)).split(sep).join('/')), uriBaseId: 'SRCROOT' },
                region: {
                  startLine: related.location.range.start.line + 1,
                  startColumn: related.location.range.start.character + 1,
                  endLine: related.location.range.end.line + 1,
                  endColumn: related.location.range.end.character + 1,
                },
              },
            })),
          }
        : {}),
      partialFingerprints: { 'openmetadataAuth/v1': prints[r][i] },
    })),
  );
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { ...TOOL, semanticVersion: TOOL.version, rules } },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { SRCROOT: { description: { text: 'The repository root.' } } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

// ---------------------------------------------------------------- github

// Workflow commands: data escapes %, CR and LF; properties also `:` and `,`.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
const GITHUB_LEVEL = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' } as const;

export function github(unmasked: FileReport[]): string {
  const reports = unmasked.map(redact);
  return reports
    .flatMap((report) =>
      report.diagnostics.map((d) => {
        const props = [
          `file=${report.fromRoot}`,
          `line=${d.range.start.line + 1}`,
          `col=${d.range.start.character + 1}`,
          `endLine=${d.range.end.line + 1}`,
          `endColumn=${d.range.end.character + 1}`,
          `title=${String(d.code)}`,
        ];
        return `::${GITHUB_LEVEL[severityOf(d)]} ${props.map(escapeProperty).join(',')}::${escapeData(plainText(d.message))}`;
      }),
    )
    .join('\n');
}

// ---------------------------------------------------------------- gitlab

/** The stable identity of each finding: what SARIF's partialFingerprints, GitLab's fingerprint and a baseline match on. */
export function findingFingerprints(unmasked: FileReport[]): string[][] {
  return fingerprints(unmasked.map(redact));
}

const GITLAB_SEVERITY = { error: 'major', warning: 'minor', information: 'info', hint: 'info' } as const;

/** GitLab Code Quality (a `codequality` report artifact): paths from the repository root, as the merge request shows them. */
export function gitlab(unmasked: FileReport[]): string {
  const reports = unmasked.map(redact);
  const prints = fingerprints(reports);
  const issues = reports.flatMap((report, r) =>
    report.diagnostics.map((d, i) => ({
      description: plainText(d.message),
      check_name: String(d.code),
      fingerprint: prints[r][i],
      severity: GITLAB_SEVERITY[severityOf(d)],
      location: { path: report.fromRoot, lines: { begin: d.range.start.line + 1 } },
    })),
  );
  return JSON.stringify(issues, null, 2);
}

// ---------------------------------------------------------------- xml (checkstyle, junit)

/**
 * Text as an XML attribute or element value: the five entities, line breaks kept as character references (an
 * attribute's raw newline reads back as a space), and what XML 1.0 cannot carry at all (other control characters, a
 * lone surrogate half) replaced, so a hostile file name or message cannot break the document.
 */
function xml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;');
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const CHECKSTYLE_SEVERITY = { error: 'error', warning: 'warning', information: 'info', hint: 'info' } as const;

/** Checkstyle XML, as ESLint's formatter writes it: every file checked, findings as `<error>` whatever their severity. */
export function checkstyle(unmasked: FileReport[]): string {
  const reports = unmasked.map(redact);
  const out = [XML_DECLARATION, '<checkstyle version="4.3">'];
  for (const report of reports) {
    out.push(`  <file name="${xml(report.path)}">`);
    for (const d of report.diagnostics) {
      out.push(
        `    <error line="${d.range.start.line + 1}" column="${d.range.start.character + 1}" severity="${CHECKSTYLE_SEVERITY[severityOf(d)]}" message="${xml(plainText(d.message))}" source="${xml(`${TOOL.name}.${String(d.code)}`)}"/>`,
      );
    }
    out.push('  </file>');
  }
  out.push('</checkstyle>');
  return out.join('\n');
}

/**
 * JUnit XML: a test suite per file, a test case per finding, failed when the finding can fail the run (an error or a
 * warning); notes pass with their message as output. A file without findings is one passing test case, so a clean
 * run still shows what it checked.
 */
export function junit(unmasked: FileReport[]): string {
  const reports = unmasked.map(redact);
  const fails = (d: Diagnostic) => severityOf(d) === 'error' || severityOf(d) === 'warning';
  const cases = (r: FileReport) => Math.max(1, r.diagnostics.length);
  const failures = (r: FileReport) => r.diagnostics.filter(fails).length;
  const total = reports.reduce((n, r) => n + cases(r), 0);
  const failed = reports.reduce((n, r) => n + failures(r), 0);
  const out = [XML_DECLARATION, `<testsuites name="${TOOL.name}" tests="${total}" failures="${failed}" errors="0">`];
  for (const report of reports) {
    const path = xml(report.path);
    out.push(`  <testsuite name="${path}" tests="${cases(report)}" failures="${failures(report)}" errors="0" skipped="0">`);
    if (!report.diagnostics.length) out.push(`    <testcase name="${path}" classname="${path}"/>`);
    for (const d of report.diagnostics) {
      const severity = severityOf(d);
      const at = `${report.path}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      out.push(`    <testcase name="${xml(`${String(d.code)} at ${at}`)}" classname="${path}">`);
      const text = plainText(d.message);
      if (fails(d)) out.push(`      <failure type="${severity}" message="${xml(text)}">${xml(`${at} ${severity} ${String(d.code)}: ${text}`)}</failure>`);
      else out.push(`      <system-out>${xml(`${at} ${severity} ${String(d.code)}: ${text}`)}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n');
}
