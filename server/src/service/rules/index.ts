// The registry of semantic rule families: each is a pure function from the canonical model to issues, plus fixes.
import type { ConfigModel, Issue } from '../surfaces/model';
import type { ServiceSettings } from '../validate';
import type { FixProvider, RuleFamily } from './types';
import { family as flowSecret } from './flowSecret';
import { family as urls } from './urls';
import { family as helm } from './helm';
import { family as principals } from './principals';
import { family as values } from './values';
import { family as safety } from './safety';
import { family as malformed } from './malformed';

const families: RuleFamily[] = [flowSecret, urls, helm, principals, values, safety, malformed];

/** Quick fixes of every rule code (a code may get fixes from several families). */
export function ruleFixesFor(code: string): FixProvider[] {
  return families.flatMap((f) => (f.fixes[code] ? [f.fixes[code]] : []));
}

/** Runs every rule of every family. */
export function runRules(model: ConfigModel, text: string, settings: ServiceSettings): Issue[] {
  return families.flatMap((family) => family.rules.flatMap((rule) => rule(model, text, settings)));
}
