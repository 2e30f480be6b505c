#!/usr/bin/env node
// Assembles the npm package of the command line and the stdio language server in dist/npm (then `npm pack dist/npm`).
// The root package.json is the VS Code extension (private, with the dependencies the bundles already contain), so the
// npm package is its own folder: packages/cli/package.json and README.md, the version taken from the root (one place
// to bump), the two bundles from dist/ as they are (run `node esbuild.mjs --production` first for the release), LICENSE.
// The schema is not shipped: it is compiled into both bundles and neither reads it at run time.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// `--out DIR` assembles elsewhere (the pack-install test uses a temp folder).
const at = process.argv.indexOf('--out');
const out = at > 0 ? resolve(process.argv[at + 1]) : join(root, 'dist', 'npm');
const json = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));

const manifest = { ...json('packages/cli/package.json') };
manifest.version = json('package.json').version;
if (manifest.dependencies || manifest.private)
  throw new Error('packages/cli/package.json: the package must be public and without dependencies (the bundles contain them).');

/** A bundle as a bin: npm links it as is, so it needs the shebang; the source map is not shipped, so its comment goes too. */
function bundle(name) {
  let text = readFileSync(join(root, 'dist', name), 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  if (!text.startsWith('#!')) text = `#!/usr/bin/env node\n${text}`;
  writeFileSync(join(out, name), text, { mode: 0o755 });
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
bundle('cli.js');
bundle('server.js');
copyFileSync(join(root, 'packages/cli/README.md'), join(out, 'README.md'));
copyFileSync(join(root, 'LICENSE'), join(out, 'LICENSE'));
// Fields in the order npm writes them, the version next to the name.
const { name, version, ...rest } = manifest;
writeFileSync(join(out, 'package.json'), `${JSON.stringify({ name, version, ...rest }, null, 2)}\n`);
console.log(`${relative(process.cwd(), out) || '.'}: ${name}@${version} (npm pack it)`);
