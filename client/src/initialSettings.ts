// The `openmetadataAuth` settings as plain JSON, for the server's initialize request: the first document opened at
// start is then checked with them, instead of with none until the server's first configuration pull comes back.
/** A JSON copy of a configuration section (VS Code's object carries its values as properties beside its methods). */
export function plainSettings(section: unknown): Record<string, unknown> {
  try {
    const copy = JSON.parse(JSON.stringify(section ?? {})) as unknown;
    return copy && typeof copy === 'object' && !Array.isArray(copy) ? (copy as Record<string, unknown>) : {};
  } catch {
    // A value JSON cannot hold (a cycle, a BigInt) leaves the server to pull the settings as before.
    return {};
  }
}
