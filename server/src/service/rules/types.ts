// Types shared by the rule families and the quick-fix dispatcher.
import type { ConfigModel, Issue, TextChange } from '../surfaces/model';
import type { ServiceSettings } from '../validate';

/**
 * A semantic rule: the canonical model and the settings in, issues out. It never sees the text: whatever it needs
 * from the file, the surface puts on the model.
 */
export type Rule = (model: ConfigModel, settings: ServiceSettings) => Issue[];

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
  settings: ServiceSettings;
  /** The diagnostic's span in offsets. */
  start: number;
  end: number;
  data: Record<string, unknown>;
}

export type FixProvider = (context: FixContext) => Fix[];

/** What a rule family exports: its rules and the quick fixes of its codes. */
export interface RuleFamily {
  rules: Rule[];
  fixes: Partial<Record<Issue['code'], FixProvider>>;
}
