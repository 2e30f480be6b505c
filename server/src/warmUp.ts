// V8 optimises the YAML parser's loops only after they have run a while, so the first large section a server reads
// cost about twice what the next one did (measured on 2,000 keys: 170–230 ms cold, 65–110 ms warm). Reading small
// generated configs while the server is idle after start pays that in slices of a few milliseconds, between which
// requests are answered as usual.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from './service/analyze';
import { diagnose } from './service/diagnostics';

/** A server config of some 150 nodes in the forms real ones use: keys, lists, flow lists, quoted and plain values. */
function sample(round: number): string {
  const keys = Array.from({ length: 40 }, (_, i) => `    key${round}_${i}: value ${i}`).join('\n');
  const items = Array.from({ length: 40 }, (_, i) => `    - "https://h${i}.example.org/r${round}"`).join('\n');
  const flow = Array.from({ length: 40 }, (_, i) => `'p${i}'`).join(', ');
  return `authenticationConfiguration:\n  provider: custom-oidc\n  ldapConfiguration:\n${keys}\n  publicKeyUrls:\n${items}\nauthorizerConfiguration:\n  adminPrincipals: [${flow}]\n`;
}

/**
 * Reads `rounds` samples, one per turn of the event loop, then calls `done`. 30 rounds (about 350 ms of slices of
 * 5–50 ms, the first paying for the schema as any first request does) halved the first large request; 100 made no
 * further gain and overlapped the requests that came next.
 */
export function warmUp(rounds = 30, done?: () => void): void {
  let round = 0;
  const step = () => {
    if (round === rounds) return done?.();
    const uri = `file:///warm-up/${round}/openmetadata.yaml`;
    const text = sample(round++);
    diagnose(TextDocument.create(uri, 'yaml', 1, text), analyze(uri, text), {}, []);
    setImmediate(step).unref();
  };
  setImmediate(step).unref();
}
