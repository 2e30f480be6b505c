// The open documents' checks: one per version, shared by every request of a keystroke, with the files read beside
// each document and the memory its old versions leave behind.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import { DocumentCheck } from './service/check';
import { neighboursOf } from '../../common/neighbours';
import type { Neighbour } from '../../common/neighbours';
import { collector } from './heap';

/** The file path of a `file:` URI; none for another scheme or a URI whose escapes do not decode (`100%.yaml`). */
export function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

// Each version of a big document leaves its whole text behind as garbage: past this size a new version asks for a
// collection (see heap.ts).
const LARGE_TEXT = 256 * 1024;

export class DocumentStore {
  private readonly checks = new Map<string, DocumentCheck>();
  /** Read once per document: they name its release, which does not change as the user types. */
  private readonly neighbours = new Map<string, Neighbour[]>();
  private readonly collectSoon = collector();

  /** `skipped` hears of a file beside a document that is not read (a FIFO, a link to /dev/zero, one past its bound). */
  constructor(private readonly skipped: (path: string, reason: string) => void) {}

  /** The check of a document as it is now. */
  checkOf(document: TextDocument): DocumentCheck {
    const hit = this.checks.get(document.uri);
    if (hit?.isCurrent(document)) return hit;
    const check = new DocumentCheck({ document, previous: hit?.analysis, neighbours: () => this.neighboursOf(document.uri) });
    this.checks.set(document.uri, check);
    if (check.text.length > LARGE_TEXT) this.collectSoon();
    return check;
  }

  /** The check made last for a document, whatever its version; none once it is closed. */
  lastCheck(uri: string): DocumentCheck | undefined {
    return this.checks.get(uri);
  }

  /** A closed document: what its analysis held is garbage now, given back once closing stops. */
  forget(uri: string): void {
    this.checks.delete(uri);
    this.neighbours.delete(uri);
    this.collectSoon();
  }

  private neighboursOf(uri: string): Neighbour[] {
    let found = this.neighbours.get(uri);
    if (!found) {
      const path = pathOf(uri);
      found = path ? neighboursOf(path, this.skipped) : [];
      this.neighbours.set(uri, found);
    }
    return found;
  }
}
