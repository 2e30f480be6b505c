// `npm run fuzz -- --seed N --minutes M`: the fuzz campaign for as long as asked, then a summary.
import { performance } from 'node:perf_hooks';
import { corpusSeeds, runCampaign } from './campaign';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isFinite(value)) throw new Error(`--${name} takes a number`);
  return value;
}

async function main(): Promise<void> {
  const seed = option('seed', Date.now() % 100_000);
  const minutes = option('minutes', 1);
  const seeds = corpusSeeds();
  if (!seeds.length) throw new Error('no shared corpus: set OM_AUTH_CORPUS');
  const deadline = performance.now() + minutes * 60_000;
  const totals = { documents: 0, edits: 0, requests: 0, worstMs: 0, worstRequest: '', failures: [] as string[] };
  // One campaign per round, each with its own seed derived from the first, until the time is up.
  for (let round = 0; performance.now() < deadline; round++) {
    const s = await runCampaign({ seed: seed + round, seeds, editsPerDocument: 200, deadline, maxFailures: 50 });
    totals.documents += s.documents;
    totals.edits += s.edits;
    totals.requests += s.requests;
    if (s.worstMs > totals.worstMs) [totals.worstMs, totals.worstRequest] = [s.worstMs, s.worstRequest];
    totals.failures.push(...s.failures);
  }
  console.log(`fuzz seed ${seed}, ${minutes} min: ${totals.documents} documents, ${totals.edits} edits, ${totals.requests} requests`);
  console.log(`worst request: ${Math.round(totals.worstMs)} ms (${totals.worstRequest})`);
  console.log(totals.failures.length ? `${totals.failures.length} failures:\n  ${totals.failures.join('\n  ')}` : 'no failures');
  process.exitCode = totals.failures.length ? 1 : 0;
}

void main();
