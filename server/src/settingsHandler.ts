// The settings the server checks with: what the editor says, with the project file on top, exactly as
// `openmetadata-auth check` combines them; a bad value is said once, in one message per change.
import { join } from 'node:path';
import { readBoundedFile } from '../../common/boundedRead';
import { effectiveSettings, PROJECT_FILE, settingsFrom } from '../../common/projectSettings';
import type { ProjectSettings } from '../../common/projectSettings';
import { MAX_SETTINGS_FILE_BYTES } from './service/limits';
import type { ServiceSettings } from './service/validate';

const WHERE = 'openmetadataAuth settings';
/** Problems a settings message names; the rest are counted, and listed in the log. */
const PROBLEMS_SHOWN = 3;

export interface SettingsOutput {
  /** A line for the log. */
  log(message: string): void;
  /** A warning the person sees. */
  show(message: string): void;
  /** A file beside the documents that is not read (a FIFO, a link to /dev/zero, one past its bound). */
  skipped(path: string, reason: string): void;
}

export class SettingsHandler {
  /** The settings every check uses; a new object on each change, so what was computed with the old ones is known stale. */
  current: ServiceSettings = {};
  /** What the editor says (VS Code's configuration, or a client's init options), before the project file goes on top. */
  private editor: ProjectSettings = {};
  /** Problems already shown: a bad value is reported once, not on every configuration pull. */
  private readonly reported = new Set<string>();

  /** `projectRoot`: the workspace folder whose `.openmetadata-auth.json` the CLI in CI reads too. */
  constructor(
    private readonly output: SettingsOutput,
    readonly projectRoot?: string,
  ) {}

  /** Takes the editor's settings (as given to `fromSection`) and reads the project file again. */
  apply(editor: ProjectSettings = this.editor): void {
    this.editor = editor;
    let text: string | undefined;
    if (this.projectRoot) {
      const path = join(this.projectRoot, PROJECT_FILE);
      const read = readBoundedFile(path, MAX_SETTINGS_FILE_BYTES);
      if ('text' in read) text = read.text;
      else if (read.skipped !== 'missing') this.output.skipped(path, read.reason);
    }
    const { settings: merged, problems } = effectiveSettings(editor, text);
    for (const problem of problems) this.output.log(problem);
    this.current = { openmetadataVersion: merged.openmetadataVersion, rules: merged.rules, inlayHints: editor.inlayHints, deployments: merged.deployments };
  }

  /**
   * The `openmetadataAuth` section as the service reads it, pulled or pushed alike; a bad value is said once and ignored.
   * One message per change, however many problems: a settings file naming 1,000 unknown codes is not 1,000 pop-ups.
   */
  fromSection(section: unknown): ProjectSettings {
    const { settings: read, problems } = settingsFrom(section, WHERE);
    const fresh = problems.filter((problem) => !this.reported.has(problem));
    for (const problem of fresh) this.reported.add(problem);
    if (!fresh.length) return read;
    let message = fresh[0];
    if (fresh.length > 1) {
      const prefix = `${WHERE}: `;
      const named = fresh.slice(0, PROBLEMS_SHOWN).map((p) => (p.startsWith(prefix) ? p.slice(prefix.length) : p));
      const rest = fresh.length - named.length;
      message = `${prefix}${fresh.length.toLocaleString('en-US')} values are ignored: ${named.join(' ')}${rest ? ` And ${rest.toLocaleString('en-US')} more, listed in the log.` : ''}`;
      if (rest) this.output.log(fresh.join('\n'));
    }
    this.output.show(message);
    return read;
  }
}
