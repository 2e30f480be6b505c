#!/usr/bin/env node
// The "VS Code executable" runTests spawns when no desktop VS Code is available (see test/vscode/runTests.ts).
// The logic is in exthostShim.ts; this file only runs its build (`node esbuild.mjs` writes out/test/**).
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../../../out/test/vscode/driver/exthostShim.js', import.meta.url));
const { default: shim } = await import(pathToFileURL(built).href);
try {
  process.exit(await shim.main(process.argv.slice(2)));
} catch (error) {
  console.error('[shim]', error);
  process.exit(2);
}
