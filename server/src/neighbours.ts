// The files beside a config that name the release it runs (a compose file beside a `.env`, a chart's Chart.yaml),
// read from disk for the language server and the CLI alike, so both check a file against the same release.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const NEIGHBOURS = /^(Chart\.ya?ml|Chart\.lock|(docker-)?compose[\w.-]*\.ya?ml)$/;
const MAX_NEIGHBOURS = 5;
const MAX_NEIGHBOUR_BYTES = 1_000_000;

export interface Neighbour {
  name: string;
  text: string;
}

/** At most a few small files; a folder that cannot be listed or read gives none (the document alone decides). */
export function neighboursOf(path: string): Neighbour[] {
  try {
    const dir = dirname(path);
    return readdirSync(dir)
      .filter((name) => NEIGHBOURS.test(name) && name !== basename(path))
      .sort()
      .slice(0, MAX_NEIGHBOURS)
      .flatMap((name) => (statSync(join(dir, name)).size < MAX_NEIGHBOUR_BYTES ? [{ name, text: readFileSync(join(dir, name), 'utf8') }] : []));
  } catch {
    return [];
  }
}
