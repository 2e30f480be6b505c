// The files beside a config that name the release it runs (a compose file beside a `.env`, a chart's Chart.yaml),
// read from disk for the language server and the CLI alike, so both check a file against the same release.
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readBoundedFile } from './boundedRead';
import { MAX_NEIGHBOUR_BYTES } from './fileLimits';

const NEIGHBOURS = /^(Chart\.ya?ml|Chart\.lock|(docker-)?compose[\w.-]*\.ya?ml)$/;
const MAX_NEIGHBOURS = 5;

export interface Neighbour {
  name: string;
  text: string;
}

/**
 * At most a few small files; a folder that cannot be listed gives none (the document alone decides). A neighbour that
 * is not a regular file or is past its bound is left out and passed to `skipped`, which the caller logs.
 */
export function neighboursOf(path: string, skipped?: (path: string, reason: string) => void): Neighbour[] {
  const dir = dirname(path);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const found: Neighbour[] = [];
  for (const name of names
    .filter((n) => NEIGHBOURS.test(n) && n !== basename(path))
    .sort()
    .slice(0, MAX_NEIGHBOURS)) {
    const read = readBoundedFile(join(dir, name), MAX_NEIGHBOUR_BYTES);
    if ('text' in read) found.push({ name, text: read.text });
    else if (read.skipped !== 'missing') skipped?.(join(dir, name), read.reason);
  }
  return found;
}
