// Lint: correctness rules plus the dependency fences that keep the service and the Keycloak gateway pure.
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

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', '.vscode-test/**', 'tmp/**', 'scripts/**', 'esbuild.mjs', 'eslint.config.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's describe/it return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] }] }],
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
      ...restrict('vscode', 'vscode-languageclient', 'vscode-languageclient/node', '@keycloak/keycloak-admin-client', 'vscode-languageserver', 'vscode-languageserver/node'),
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
          paths: ['vscode', 'vscode-languageclient', 'vscode-languageclient/node', '@keycloak/keycloak-admin-client', 'vscode-languageserver', 'vscode-languageserver/node'].map((name) => ({ name, message: `${name} is fenced out of this folder (see ARCHITECTURE in the README).` })),
          patterns: [{ group: ['./*'], message: 'A rule family imports no other family (see ARCHITECTURE in the README): move what they share into the service.' }],
        },
      ],
      'no-console': 'error',
    },
  },
  {
    // The CLI is a third adapter over the service (and the Keycloak check): no editor, no LSP connection.
    files: ['cli/**/*.ts'],
    rules: restrict('vscode', 'vscode-languageclient', 'vscode-languageclient/node', 'vscode-languageserver', 'vscode-languageserver/node'),
  },
  {
    files: ['client/**/*.ts'],
    rules: restrictPatterns(['yaml', 'vscode-languageserver', 'vscode-languageserver/node'], ['**/server/src/service/**']),
  },
  {
    // The command-line entry hosts the language service itself, as server.ts does; VS Code and LSP stay out.
    files: ['client/src/cli/**/*.ts'],
    rules: restrict('vscode', 'vscode-languageclient', 'vscode-languageclient/node', 'vscode-languageserver', 'vscode-languageserver/node'),
  },
  {
    files: ['client/src/keycloak/**/*.ts'],
    rules: restrictPatterns(['vscode', 'yaml', 'vscode-languageserver', 'vscode-languageserver/node', 'vscode-languageclient', 'vscode-languageclient/node'], ['**/server/src/service/**']),
  },
);
