// esbuild bundles .md files as text (the `loader` in esbuild.mjs): the SARIF rules read the README's codes table.
declare module '*.md' {
  const text: string;
  export default text;
}
