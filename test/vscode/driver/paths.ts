// Paths the runners share, found from the repository root so they hold in test/ sources and in their out/ builds.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The nearest folder above `from` whose package.json is the extension's. */
export function repoRoot(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'openmetadata-auth') return dir;
    if (dirname(dir) === dir) throw new Error(`no openmetadata-auth package.json above ${from}`);
  }
}

export const root = repoRoot();
/** The sample workspace both suites open. */
export const fixtureWorkspace = join(root, 'test', 'fixtures', 'workspace');
/** The executable runTests spawns instead of desktop VS Code. */
export const shimPath = join(root, 'test', 'vscode', 'driver', 'code-server-shim.mjs');
export const codeServerLauncher = join(root, '.cache', 'code-server', 'bin', 'code-server');
