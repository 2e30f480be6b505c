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

// Each version of a big document leaves its whole text behind as garbage in V8's large-object space, which only a
// full collection frees. V8's collector, sized for small heaps, mostly keeps up while the user types; a full
// collection when typing pauses, or once the heap has doubled since the last one (and passed HEAP_LIMIT), bounds the
// rest. Neither runs inside a request: a forced collection there would add its pause to that keystroke's completion.
const HEAP_LIMIT = 40 * 1024 * 1024;
const IDLE_MS = 1000;

/** Tunes the heap and returns what to call when much garbage was just made: it schedules a full collection. */
export function collector(): () => void {
  const fullGc = tuneHeap();
  const usedHeap = () => v8.getHeapStatistics().used_heap_size;
  let idleCollect: NodeJS.Timeout | undefined;
  let collectPending = false;
  let heapAfterCollect = 0;
  const collect = () => {
    collectPending = false;
    fullGc?.();
    // A second one finds the pages the first emptied and gives them back: after closing 1,000 documents the heap kept
    // 57 MB for 8 MB of live data after one collection, 26 MB after two (measured; a few ms at that size).
    fullGc?.();
    heapAfterCollect = usedHeap();
  };
  return () => {
    if (!fullGc) return;
    if (!collectPending && usedHeap() > Math.max(HEAP_LIMIT, 2 * heapAfterCollect)) {
      collectPending = true;
      setImmediate(collect);
    }
    clearTimeout(idleCollect);
    idleCollect = setTimeout(collect, IDLE_MS);
    idleCollect.unref();
  };
}
