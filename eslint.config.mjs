// Lint: correctness rules plus the dependency fences that keep the service, the Keycloak core and common/ pure.
import tseslint from 'typescript-eslint';

const restrict = (...names) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    { paths: names.map((name) => ({ name, message: `${name} is fenced out of this folder (see ARCHITECTURE in the README).` })), patterns: [] },
  ],
});
const restrictPatterns = (names, patterns) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: names.map((name) => ({ name, message: `${name} is fenced out of this folder (see ARCHITECTURE in the README).` })),
      patterns: patterns.map((group) => ({ group: [group], message: `${group} is fenced out of this folder (see ARCHITECTURE in the README).` })),
    },
  ],
});

const CLIENT = ['vscode-languageclient', 'vscode-languageclient/node'];
const LANGUAGE_SERVER = ['vscode-languageserver', 'vscode-languageserver/node'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', '.vscode-test/**', 'tmp/**', 'scripts/**', 'esbuild.mjs', 'eslint.config.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's describe/it return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] }] },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: { ...restrict('vscode', 'vscode-languageclient', 'vscode-languageclient/node', '@keycloak/keycloak-admin-client'), 'no-console': 'error' },
  },
  {
    files: ['server/src/service/**/*.ts'],
    rules: {
      ...restrict(
        'vscode',
        'vscode-languageclient',
        'vscode-languageclient/node',
        '@keycloak/keycloak-admin-client',
        'vscode-languageserver',
        'vscode-languageserver/node',
      ),
      'no-console': 'error',
    },
  },
  {
    // No rule family imports another: what several share lives in the service (facts, edits, text), not in a family.
    files: ['server/src/service/rules/**/*.ts'],
    ignores: ['server/src/service/rules/index.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            'vscode',
            'vscode-languageclient',
            'vscode-languageclient/node',
            '@keycloak/keycloak-admin-client',
            'vscode-languageserver',
            'vscode-languageserver/node',
          ].map((name) => ({ name, message: `${name} is fenced out of this folder (see ARCHITECTURE in the README).` })),
          patterns: [
            { group: ['./*'], message: 'A rule family imports no other family (see ARCHITECTURE in the README): move what they share into the service.' },
          ],
        },
      ],
      'no-console': 'error',
    },
  },
  {
    // The CLI is a third adapter over the service and the Keycloak core: no editor, no LSP connection, nothing of the
    // extension (what it shares with the extension lives in keycloak/ and common/).
    files: ['cli/**/*.ts'],
    rules: restrictPatterns(['vscode', ...CLIENT, ...LANGUAGE_SERVER], ['**/client/**']),
  },
  {
    // The extension reaches the server only over the protocol: what both sides need is in common/.
    files: ['client/**/*.ts'],
    rules: restrictPatterns(['yaml', ...LANGUAGE_SERVER], ['**/server/**', '**/cli/**']),
  },
  {
    // The Keycloak core is plain Node, run by the extension and the CLI alike: no editor, no LSP, nothing of either
    // adapter; it reads a file only through the contract's canonical values.
    files: ['keycloak/**/*.ts'],
    rules: restrictPatterns(
      ['vscode', 'yaml', ...CLIENT, ...LANGUAGE_SERVER, 'vscode-languageserver-protocol', 'vscode-languageserver-textdocument'],
      ['**/client/**', '**/server/**', '**/cli/**'],
    ),
  },
  {
    // The bottom layer every side imports (the contract, the project settings, the bounded reader), so it imports none
    // of them. The contract's typed requests take vscode-languageserver-protocol, which both LSP ends share.
    files: ['common/**/*.ts'],
    rules: restrictPatterns(
      ['vscode', 'yaml', '@keycloak/keycloak-admin-client', ...CLIENT, ...LANGUAGE_SERVER, 'vscode-languageserver-textdocument'],
      ['**/client/**', '**/server/**', '**/cli/**', '**/keycloak/**'],
    ),
  },
);
