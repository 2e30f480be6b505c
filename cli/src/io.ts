// What a command gets from the process and gives back: the streams, the environment, the exit status.
export const EXIT = { clean: 0, problems: 1, usage: 2 } as const;

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdoutIsTty: boolean;
  stderrIsTty: boolean;
  /** Between finding the files and reading each one; tests use it to make a file disappear mid-run. */
  beforeRead?: (path: string) => void;
}
