// Rule family "safety": see the rules catalogue (section d of the reference).
import type { RuleFamily } from './types';

export const family: RuleFamily = { rules: [], fixes: {} };
