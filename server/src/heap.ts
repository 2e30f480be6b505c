// The V8 heap settings of the language server process: one place, so the benchmark measures under the same ones.
import * as v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Sets V8 up for a long-lived server whose garbage is mostly big strings (each version of a large document), and
 * returns a full collection when V8 allows one. `--optimize-for-size` keeps the heap small with V8's own incremental
 * collections; it costs some latency on 20,000-line files, which `npm run bench` measures under these settings.
 * `--semi-space-growth-factor=1` keeps the young generation at its starting size: opening 1,000 documents grew it from
 * 4 to 16 MB, which V8 gave back only some 10 s after they were closed (measured in /proc/<pid>/smaps), so RSS stayed
 * 12 MB over the start meanwhile. V8 reads this flag whenever it would grow the space, so it works set at run time.
 */
export function tuneHeap(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--optimize-for-size');
    v8.setFlagsFromString('--semi-space-growth-factor=1');
    v8.setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}
