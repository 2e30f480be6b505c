// Entry of the extension-host suite: @vscode/test-electron's runTests, in desktop VS Code or, where none can be
// downloaded (the default here), in code-server through test/vscode/driver/code-server-shim.mjs.
//   OM_AUTH_DESKTOP_VSCODE=1   download and use desktop VS Code (the normal test-electron path)
//   VSCODE_EXECUTABLE_PATH     use this executable (a VS Code binary or the shim)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { codeServerLauncher, fixtureWorkspace, root, shimPath } from './driver/paths';

async function main(): Promise<number> {
  const started = Date.now();
  const extensionTestsPath = join(root, 'out', 'test', 'vscode', 'suite', 'index.js');
  for (const built of [join(root, 'dist', 'extension.js'), join(root, 'dist', 'server.js'), extensionTestsPath]) {
    if (!existsSync(built)) {
      console.error(`${built} is missing: run \`node esbuild.mjs\` first.`);
      return 1;
    }
  }
  const desktop = process.env.OM_AUTH_DESKTOP_VSCODE === '1';
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH || (desktop ? undefined : shimPath);
  if (vscodeExecutablePath === shimPath && !process.env.CODE_SERVER_BIN && !existsSync(codeServerLauncher)) {
    console.error('code-server is not installed: run scripts/install-vscode-e2e.sh (or set OM_AUTH_DESKTOP_VSCODE=1 to download desktop VS Code).');
    return 1;
  }
  console.log(`extension-host suite in ${vscodeExecutablePath === shimPath ? 'code-server (shim)' : (vscodeExecutablePath ?? 'desktop VS Code (downloaded)')}`);
  const pass = (name: string) => (process.env[name] !== undefined ? { [name]: process.env[name] } : {});
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath,
      launchArgs: [fixtureWorkspace, '--disable-extensions'],
      extensionTestsEnv: { ...pass('KEYCLOAK_URL'), ...pass('KEYCLOAK_ADMIN'), ...pass('KEYCLOAK_ADMIN_PASSWORD') },
    });
    console.log(`extension-host suite passed in ${((Date.now() - started) / 1000).toFixed(1)}s`);
    return 0;
  } catch (error) {
    console.error(`extension-host suite failed after ${((Date.now() - started) / 1000).toFixed(1)}s: ${(error as Error).message}`);
    return 1;
  }
}

void main().then((code) => process.exit(code));
