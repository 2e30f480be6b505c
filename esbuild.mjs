// The only build script: dist/extension.js, dist/server.js and the dist/cli.js command line, plus every test file under out/test.
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

// Node 20 has no fs.globSync.
const filesUnder = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // The CLI's SARIF rules read the README's codes table.
  loader: { '.md': 'text' },
  // jsonc-parser's main is a UMD build whose dynamic requires esbuild cannot follow; its ESM build bundles cleanly.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'client/src/extension.ts', server: 'server/src/server.ts' },
    outdir: 'dist',
  },
  // `openmetadata-auth` (package.json bin): runnable as `node dist/cli.js` or directly.
  { ...common, entryPoints: { cli: 'cli/src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
];
if (!production) {
  builds.push({
    ...common,
    entryPoints: filesUnder('test').filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('test/fixtures/')),
    outdir: 'out/test',
    outbase: 'test',
    external: ['vscode', 'mocha', 'playwright-core', '@vscode/test-electron', 'yaml-language-server', 'recheck', 'typescript'],
  });
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
