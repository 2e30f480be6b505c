// How much of a file read from disk beside the documents (a neighbour, the settings files, a .gitignore) is read at
// most: the readers (boundedRead, neighbours, the project settings) live in common/, used by the server, the client and
// the CLI alike.

/**
 * The most read of a file beside a config that names its release (Chart.yaml, a compose file): real ones are a few
 * KB. Above it, or not a regular file, it is skipped (see boundedRead.ts).
 */
export const MAX_NEIGHBOUR_BYTES = 1024 * 1024;

/** The most read of `.openmetadata-auth.json` or `.vscode/settings.json`: a few hundred bytes in a real repository. */
export const MAX_SETTINGS_FILE_BYTES = 1024 * 1024;

/** The most read of one `.gitignore`: large monorepos' reach a few tens of KB. */
export const MAX_GITIGNORE_BYTES = 1024 * 1024;
