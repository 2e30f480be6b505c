// The registry of semantic rule families: each is a pure function from the canonical model to issues, plus fixes.
import type { ConfigModel, FixProvider, Issue, RuleFamily } from '../model';
import type { ServiceSettings } from '../validate';
import { family as flowSecret } from './flowSecret';
import { family as urls } from './urls';
import { family as principals } from './principals';
import { family as values } from './values';
import { family as safety } from './safety';
import { family as malformed } from './malformed';
import { family as ignored } from './ignored';

const families: RuleFamily[] = [flowSecret, urls, principals, values, safety, malformed, ignored];

/** Quick fixes of a code, from every family and from the file shape's own rules (a code may get several). */
export function ruleFixesFor(code: Issue['code'], model: ConfigModel): FixProvider[] {
  return [...families, model.profile].flatMap((f) => {
    const provider = f.fixes[code];
    return provider ? [provider] : [];
  });
}

/** Runs every rule of every family, then the file shape's own. */
export function runRules(model: ConfigModel, settings: ServiceSettings): Issue[] {
  return [...families.flatMap((family) => family.rules), ...model.profile.rules].flatMap((rule) => rule(model, settings));
}
