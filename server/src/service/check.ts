// The one pipeline from a document to its verdict: analysis → release → syntax → rules → diagnostics, and the fixes of
// a diagnostic. The language server, the CLI and the unit helpers all check a document through it, so a test of the
// pipeline is a test of what each of them shows. Each step runs once, when first asked: the server asks for the
// whole-file syntax check only when typing pauses, and for the release only when a request needs it.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyze, fileNameOf } from './analyze';
import type { Analysis } from './analyze';
import { codeActions, fixesFor } from './codeActions';
import { diagnose } from './diagnostics';
import { releaseFor, withRelease } from './release';
import type { Release } from './release';
import { syntaxIssues } from './syntax';
import type { SyntaxReadings } from './syntax';
import type { Fix, Issue } from './model';
import type { ServiceSettings } from './validate';

/** A file beside the document (Chart.yaml, a compose file) that may name the release it runs. */
export interface NeighbourText {
  name: string;
  text: string;
}

export interface CheckInput {
  document: TextDocument;
  /** The analysis of the document's previous version: a keystroke re-reads only the section it changed. */
  previous?: Analysis;
  /** Asked at most once, when the release is first needed: the server reads them from disk, a test gives none. */
  neighbours?: () => NeighbourText[];
}

/** A document under check. Its analysis is made at once; the rest on first use and then kept for this version. */
export class DocumentCheck {
  readonly document: TextDocument;
  /** The version and text checked: an editor's document object changes in place as the user types. */
  readonly version: number;
  readonly text: string;
  readonly analysis: Analysis;
  private readonly neighbours: () => NeighbourText[];
  private releaseFound?: { for: ServiceSettings; release: Release | undefined };
  private syntaxFound?: Issue[];

  constructor(input: CheckInput) {
    this.document = input.document;
    this.version = input.document.version;
    this.text = input.document.getText();
    this.analysis = analyze(input.document.uri, this.text, input.previous);
    this.neighbours = input.neighbours ?? (() => []);
  }

  get uri(): string {
    return this.document.uri;
  }

  /** Whether this is the check of the document as it is now. */
  isCurrent(document: TextDocument): boolean {
    // An editor's document keeps one string per change, so this comparison is a pointer check when it matches; a
    // client may send new text under a version number it already used.
    return document.uri === this.uri && document.version === this.version && document.getText() === this.text;
  }

  /** The release the document is checked against: the configured one, else what it or its neighbours name. */
  release(settings: ServiceSettings): Release | undefined {
    if (this.releaseFound?.for !== settings) {
      this.releaseFound = { for: settings, release: releaseFor(settings, this.text, fileNameOf(this.uri), this.neighbours(), this.analysis) };
    }
    return this.releaseFound.release;
  }

  /** The settings every check of this document uses: the given ones with the detected release filled in. */
  settings(settings: ServiceSettings): ServiceSettings {
    return withRelease(settings, this.release(settings));
  }

  /** Whole-file syntax errors, once computed (undefined before). */
  get syntax(): Issue[] | undefined {
    return this.syntaxFound;
  }

  /**
   * Runs the whole-file syntax check, in slices when `more` says stop: undefined until it is done, then its issues;
   * `readings` carries the sections parsed so far from one version (or slice) to the next.
   */
  checkSyntax(readings?: SyntaxReadings, more?: () => boolean): Issue[] | undefined {
    this.syntaxFound ??= syntaxIssues(this.uri, this.text, this.analysis, readings, more);
    return this.syntaxFound;
  }

  /** Whether the whole-file syntax check has something left to do. */
  get syntaxPending(): boolean {
    return Boolean(this.analysis.blocks) && !this.syntaxFound;
  }

  /** The diagnostics to show, with the whole-file syntax errors found so far. */
  diagnostics(settings: ServiceSettings): Diagnostic[] {
    // A file that is not an OpenMetadata config gets nothing, not even its syntax errors: it is someone else's file.
    if (!this.analysis.shape) return [];
    return diagnose(this.document, this.analysis, this.settings(settings), this.syntaxFound ?? []);
  }

  /** The fixes of one of this document's diagnostics, in offsets. */
  fixes(diagnostic: Diagnostic, settings: ServiceSettings): Fix[] {
    const start = this.document.offsetAt(diagnostic.range.start);
    const end = this.document.offsetAt(diagnostic.range.end);
    return fixesFor(this.text, this.analysis, { code: String(diagnostic.code), start, end, data: diagnostic.data }, this.settings(settings));
  }

  /** LSP code actions for the diagnostics a request names. */
  codeActions(diagnostics: Diagnostic[], settings: ServiceSettings) {
    return codeActions(this.document, this.analysis, diagnostics, this.settings(settings));
  }
}

/** A whole check at once, as a batch run wants it: the syntax check runs to the end before the diagnostics. */
export function checkText(input: { uri: string; text: string; settings: ServiceSettings; neighbours?: NeighbourText[] }): {
  check: DocumentCheck;
  settings: ServiceSettings;
  diagnostics: Diagnostic[];
} {
  const document = TextDocument.create(input.uri, 'yaml', 1, input.text);
  const check = new DocumentCheck({ document, neighbours: () => input.neighbours ?? [] });
  check.checkSyntax();
  return { check, settings: check.settings(input.settings), diagnostics: check.diagnostics(input.settings) };
}
