// Did-you-mean over the fixed list of env names, indexed by length and remembered: a file of 150,000 unknown
// variables asked the same question of every env name for each of them on every keystroke.
import { editDistance } from './text';
import { schemaIndex } from './schema';

interface Candidate {
  name: string;
  lower: string;
  order: number;
  /** How often each character occurs in `lower`, for the cheap lower bound on the distance. */
  counts: Map<number, number>;
}

function countsOf(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < text.length; i++) counts.set(text.charCodeAt(i), (counts.get(text.charCodeAt(i)) ?? 0) + 1);
  return counts;
}

/**
 * A lower bound on the edit distance of two words from their characters alone: an edit changes at most one character
 * of each, so the characters one word has beyond the other's need at least as many edits. Far cheaper than the
 * distance, and enough to rule out nearly every name for a word that is no typo of any.
 */
function bagDistance(word: Map<number, number>, length: number, c: Candidate): number {
  let shared = 0;
  for (const [ch, n] of c.counts) shared += Math.min(n, word.get(ch) ?? 0);
  return Math.max(length, c.lower.length) - shared;
}

/** Answers kept per suggester; past this many the memory is dropped and rebuilt, so it stays bounded. */
const REMEMBERED = 20_000;

/**
 * The same answers as `didYouMean(word, names)` (the closest name within a third of the longer length, the earliest
 * in `names` on a tie) from only the names whose length could be close enough, each word computed once. A word
 * more than half again as long as the longest name is within no name's limit, so it is not compared at all.
 */
export function suggester(names: Iterable<string>): (word: string) => string | undefined {
  const byLength = new Map<number, Candidate[]>();
  let order = 0;
  let longest = 0;
  for (const name of names) {
    const lower = name.toLowerCase();
    const bucket = byLength.get(lower.length) ?? [];
    bucket.push({ name, lower, order: order++, counts: countsOf(lower) });
    byLength.set(lower.length, bucket);
    longest = Math.max(longest, lower.length);
  }
  const remembered = new Map<string, string | undefined>();
  return (word) => {
    if (word.length > Math.max(longest + 2, Math.ceil(longest * 1.5))) return undefined;
    if (remembered.has(word)) return remembered.get(word);
    const lower = word.toLowerCase();
    const counts = countsOf(lower);
    let best: Candidate | undefined;
    let bestDistance = Infinity;
    for (const [length, bucket] of byLength) {
      const limit = Math.max(2, Math.floor(Math.max(length, lower.length) / 3));
      if (Math.abs(length - lower.length) > limit) continue;
      for (const c of bucket) {
        const bound = Math.min(limit, bestDistance);
        if (bagDistance(counts, lower.length, c) > bound) continue;
        const d = editDistance(lower, c.lower, bound);
        if (d <= limit && (d < bestDistance || (d === bestDistance && best && c.order < best.order))) {
          best = c;
          bestDistance = d;
        }
      }
    }
    if (remembered.size >= REMEMBERED) remembered.clear();
    remembered.set(word, best?.name);
    return best?.name;
  };
}

const familyOf = (name: string) => name.split('_')[0];

let anyEnvName: ((word: string) => string | undefined) | undefined;
/** Suggesters per name family (`AUTHENTICATION`, `OIDC`, …), over the env names of that family or a close spelling. */
const byFamily = new Map<string, (word: string) => string | undefined>();
/** Families kept; a file of random names would otherwise keep one suggester per name. */
const FAMILIES = 2_000;

/** The env variable OpenMetadata reads that a name is probably a typo of, whatever its family. */
export function anyEnvNameSuggestion(name: string): string | undefined {
  anyEnvName ??= suggester(schemaIndex.envToPath.keys());
  return anyEnvName(name);
}

/**
 * The env variable OpenMetadata reads that `name` is probably a typo of: same family (`THENTICATION_…` is still
 * `AUTHENTICATION_…`) and a similar spelling. `OM_SM_CLIENT_ID` is no `OIDC_CLIENT_ID`.
 */
export function envNameSuggestion(name: string): string | undefined {
  const family = familyOf(name);
  let suggest = byFamily.get(family);
  if (!suggest) {
    const candidates = [...schemaIndex.envToPath.keys()].filter((c) => {
      const other = familyOf(c);
      return other === family || editDistance(other, family, 3) <= Math.floor(Math.max(other.length, family.length) / 4);
    });
    suggest = suggester(candidates);
    if (byFamily.size >= FAMILIES) byFamily.clear();
    byFamily.set(family, suggest);
  }
  return suggest(name);
}
