// The whole-file syntax check off the keystroke path: syntax errors outside the auth sections are looked for once the
// user pauses typing, a few milliseconds at a time, so a request never waits for a 20,000-line file to be parsed.
import { performance } from 'node:perf_hooks';
import type { DocumentCheck } from './service/check';
import type { SyntaxReadings } from './service/syntax';

const DELAY_MS = 300;
/** The check parses for at most this long before letting waiting requests through. */
const SLICE_MS = 8;

export class SyntaxScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The sections parsed so far, per document: a new version parses only the ones it changed. */
  private readonly readings = new Map<string, SyntaxReadings>();

  /**
   * `current` gives the check of a document as it is now (none once it changed or closed: the work is dropped);
   * `found` hears that a document's check ended with errors to show.
   */
  constructor(
    private readonly current: (uri: string) => DocumentCheck | undefined,
    private readonly found: (uri: string) => void,
  ) {}

  /** Asks for the check of this version once typing pauses; a newer version asking again restarts the wait. */
  schedule(check: DocumentCheck): void {
    if (!check.syntaxPending) return;
    this.restart(check.uri, DELAY_MS);
  }

  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.readings.delete(uri);
  }

  private restart(uri: string, delay: number): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => this.run(uri), delay),
    );
  }

  private run(uri: string): void {
    this.timers.delete(uri);
    const check = this.current(uri);
    if (!check?.syntaxPending) return;
    const readings = this.readings.get(uri) ?? new Map();
    this.readings.set(uri, readings);
    const until = performance.now() + SLICE_MS;
    const issues = check.checkSyntax(readings, () => performance.now() < until);
    if (!issues) return this.restart(uri, 0);
    if (issues.length) this.found(uri);
  }
}
