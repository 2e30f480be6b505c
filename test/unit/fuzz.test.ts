// The bounded fuzz campaign of `npm test` (issue 12): a fixed seed, every corpus file, 25 edits each, 40 s at most.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { corpusSeeds, runCampaign } from '../fuzz/campaign';

const seeds = corpusSeeds();

describe('fuzz: corpus mutations and incremental edits through the stdio server', () => {
  it(
    'no slow request, every range inside and whole, incremental == fresh, fixes keep YAML valid',
    { skip: seeds.length ? false : 'no shared corpus: set OM_AUTH_CORPUS' },
    async (t) => {
      const summary = await runCampaign({ seed: 12, seeds, editsPerDocument: 25, deadline: performance.now() + 40_000 });
      t.diagnostic(
        `${summary.documents} documents, ${summary.edits} edits, ${summary.requests} requests, worst ${Math.round(summary.worstMs)} ms (${summary.worstRequest})`,
      );
      assert.ok(summary.edits > 300, `only ${summary.edits} edits`);
      assert.deepEqual(summary.failures, []);
    },
  );
});
