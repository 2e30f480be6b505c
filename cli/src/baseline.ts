// `--baseline FILE`: the findings a repository accepts for now, so CI fails only on new ones (as ESLint's bulk
// suppressions do). A finding is matched by its file (from the repository root), its code and the fingerprint SARIF
// and GitLab get too: a hash of the file, the code, the line's trimmed text (secrets masked) and which occurrence of
// that triple it is. Never the line number, so lines added or removed elsewhere in the file do not bring it back; never
// the text itself, so the file holds no value of the configs.
import type { FileReport } from './formats';
import { findingFingerprints, redact } from './formats';

export interface BaselineEntry {
  file: string;
  code: string;
  fingerprint: string;
  /** For the person reading the file in a review; matching ignores it. */
  message?: string;
}

const VERSION = 1;
const key = (e: { file: string; code: string; fingerprint: string }) => `${e.file}\u0000${e.code}\u0000${e.fingerprint}`;

export class BaselineError extends Error {}

/** The findings of these reports as baseline entries, messages masked as every output's are. */
export function entriesOf(reports: FileReport[]): BaselineEntry[] {
  const prints = findingFingerprints(reports);
  return reports.flatMap((report, r) =>
    redact(report).diagnostics.map((d, i) => ({ file: report.fromRoot, code: String(d.code), fingerprint: prints[r][i], message: d.message })),
  );
}

/** The baseline file's text: sorted, so a rewrite with the same findings changes nothing. */
export function baselineText(entries: BaselineEntry[]): string {
  const findings = entries.map(({ file, code, fingerprint, message }) => ({ file, code, fingerprint, ...(message === undefined ? {} : { message }) }));
  findings.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return `${JSON.stringify({ tool: 'openmetadata-auth', version: VERSION, findings }, null, 2)}\n`;
}

/** A baseline as read: its entries, and how many times each finding is accepted. */
export interface Baseline {
  entries: BaselineEntry[];
  counts: Map<string, number>;
}

export function parseBaseline(text: string, where: string): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`--baseline ${where}: not valid JSON (${(error as Error).message}).`);
  }
  const findings = (value as { findings?: unknown } | null)?.findings;
  if ((value as { version?: unknown } | null)?.version !== VERSION || !Array.isArray(findings)) {
    throw new BaselineError(
      `--baseline ${where}: not a baseline of this tool (expected {"version": ${VERSION}, "findings": […]}, as --update-baseline writes).`,
    );
  }
  const entries: BaselineEntry[] = [];
  const counts = new Map<string, number>();
  for (const [i, f] of findings.entries()) {
    const e = f as Partial<BaselineEntry> | null;
    if (typeof e?.file !== 'string' || typeof e.code !== 'string' || typeof e.fingerprint !== 'string')
      throw new BaselineError(`--baseline ${where}: finding ${i + 1} lacks its file, code or fingerprint.`);
    entries.push({ file: e.file, code: e.code, fingerprint: e.fingerprint, ...(typeof e.message === 'string' ? { message: e.message } : {}) });
    counts.set(key(e as BaselineEntry), (counts.get(key(e as BaselineEntry)) ?? 0) + 1);
  }
  return { entries, counts };
}

/** Drops the findings the baseline accepts from the reports (and their fixes, which run parallel to them). */
export function applyBaseline(reports: FileReport[], baseline: Baseline): { suppressed: number; stale: number } {
  const left = new Map(baseline.counts);
  const prints = findingFingerprints(reports);
  let suppressed = 0;
  reports.forEach((report, r) => {
    const keep = report.diagnostics.map((d, i) => {
      const k = key({ file: report.fromRoot, code: String(d.code), fingerprint: prints[r][i] });
      const n = left.get(k) ?? 0;
      if (!n) return true;
      left.set(k, n - 1);
      suppressed++;
      return false;
    });
    report.diagnostics = report.diagnostics.filter((_, i) => keep[i]);
    if (report.fixes) report.fixes = report.fixes.filter((_, i) => keep[i]);
  });
  // Only of the files this run checked: a pre-commit run names a few files, and the rest of the baseline still holds.
  const checked = new Set(reports.map((r) => r.fromRoot));
  const stale = [...left].filter(([k]) => checked.has(k.slice(0, k.indexOf('\u0000')))).reduce((n, [, count]) => n + count, 0);
  return { suppressed, stale };
}
