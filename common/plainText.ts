// Diagnostic messages are written with Markdown code spans (`provider: saml`), which hovers render; the Problems
// panel, toasts and terminal output show text as it is, where the backticks are noise. This turns the spans into quotes.

/** A message with each code span `x` written as 'x' (as is when the span already starts or ends with a quote). */
export function plainText(markdown: string): string {
  return markdown.replace(/`([^`\n]+)`/g, (_, code: string) => (/^["']|["']$/.test(code) ? code : `'${code}'`));
}
