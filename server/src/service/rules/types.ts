// Types shared by the rule families and the quick-fix dispatcher.
import type { ConfigModel, Issue, TextChange } from '../surfaces/model';
import type { ServiceSettings } from '../validate';

/** A family of semantic rules over the canonical model (one file per family under rules/). */
export type Rule = (model: ConfigModel, text: string, settings: ServiceSettings) => Issue[];

/** A fix in offsets; `preferred` marks the safest one for "auto fix". */
export interface Fix {
  title: string;
  changes: TextChange[];
  preferred?: boolean;
  /** A client command to run instead of (or after) the edit, e.g. fetching a value from Keycloak. */
  command?: { title: string; command: string; arguments?: unknown[] };
}

export interface FixContext {
  text: string;
  model: ConfigModel;
  /** The diagnostic's span in offsets. */
  start: number;
  end: number;
  data: Record<string, unknown>;
}

export type FixProvider = (context: FixContext) => Fix[];

/** What a rule family exports: its rules and the quick fixes of its codes. */
export interface RuleFamily {
  rules: Rule[];
  fixes: Record<string, FixProvider>;
}
