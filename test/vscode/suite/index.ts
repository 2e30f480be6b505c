// Loaded by VS Code's extension host through --extensionTestsPath: runs every *.test.js beside it with mocha (TDD UI).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 90_000 });
  if (process.env.OM_AUTH_TEST_GREP) mocha.grep(process.env.OM_AUTH_TEST_GREP);
  for (const file of readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort())
    mocha.addFile(join(__dirname, file));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(`[openmetadata-auth exthost] ${runner.stats?.passes ?? 0} passing, ${failures} failing, ${runner.stats?.pending ?? 0} pending`);
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
  });
}
