// V8 optimises the YAML parser's loops only after they have run a while, so the first large section a fresh server
// reads costs up to three times what the next one does. Reading small generated configs while the client is quiet
// pays part of that in advance, a slice of a few milliseconds at a time (measured on 990 keys opened after a quiet
// second and a half: 135–160 ms without, 90–115 ms with; the stock config's first analysis 47 ms, the next 24 ms).
// Never in front of a request: run while requests came in, it made the first ones wait 50–90 ms.
import { checkText } from './service/check';

/** How long the client must have been quiet before a round is read. */
export const QUIET_MS = 200;

/** A server config of some 150 nodes in the forms real ones use: keys, lists, flow lists, quoted and plain values. */
function sample(round: number): string {
  const keys = Array.from({ length: 40 }, (_, i) => `    key${round}_${i}: value ${i}`).join('\n');
  const items = Array.from({ length: 40 }, (_, i) => `    - "https://h${i}.example.org/r${round}"`).join('\n');
  const flow = Array.from({ length: 40 }, (_, i) => `'p${i}'`).join(', ');
  return `authenticationConfiguration:\n  provider: custom-oidc\n  ldapConfiguration:\n${keys}\n  publicKeyUrls:\n${items}\nauthorizerConfiguration:\n  adminPrincipals: [${flow}]\n`;
}

/**
 * Reads `rounds` samples, each when `quiet()` says the client has been quiet for QUIET_MS, one per turn of the event
 * loop, then calls `done`. 30 rounds take about 350 ms in slices of 5–50 ms, the first paying for the schema as a
 * first request would.
 */
export function warmUp(quiet: () => boolean, rounds = 30, done?: () => void): void {
  let round = 0;
  const step = () => {
    if (round === rounds) return done?.();
    if (!quiet()) return void setTimeout(step, QUIET_MS).unref();
    const uri = `file:///warm-up/${round}/openmetadata.yaml`;
    const text = sample(round++);
    try {
      checkText({ uri, text, settings: {} });
    } catch {
      // A bug the sample runs into is the requests' to report, where it is guarded; the warm-up just stops.
      return done?.();
    }
    setImmediate(step).unref();
  };
  setTimeout(step, QUIET_MS).unref();
}
