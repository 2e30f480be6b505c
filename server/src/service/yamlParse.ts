// The one way the service parses a YAML text: the `yaml` package, with duplicate keys found in one pass and error storms cut short.
import { Composer, isMap, isScalar, Parser, visit, YAMLParseError } from 'yaml';
import type { CST, Document } from 'yaml';

/**
 * Syntax errors listed per document. Past a broken token the parser reads every later token of the document as one
 * more error (`[a][a][a]…`, `}}}}…`): thousands of diagnostics and seconds of work for one mistake.
 */
export const MAX_SYNTAX_ERRORS = 20;

/** Whether a line after `offset` starts a new document (`---` or `...`), where the parser reads sound YAML again. */
function documentMarkerAfter(text: string, offset: number): boolean {
  for (let i = text.indexOf('\n', offset); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (text.startsWith('---', i + 1) || text.startsWith('...', i + 1)) return true;
  }
  return false;
}

/**
 * The parser's tokens with at most `cap` error tokens per document: past it the rest of the document is skipped (and
 * the parse stops when no later document follows). `cut` is told where the first skipped error was.
 */
function* capped(text: string, tokens: Generator<CST.Token>, cap: number, cut: (offset: number) => void): Generator<CST.Token> {
  let errors = 0;
  let skipping = false;
  for (const token of tokens) {
    if (token.type === 'document' || token.type === 'doc-end') [errors, skipping] = [0, false];
    if (token.type === 'error' && ++errors > cap) {
      if (!skipping) {
        cut(token.offset);
        if (!documentMarkerAfter(text, token.offset)) return;
      }
      skipping = true;
    }
    if (!skipping || token.type !== 'error') yield token;
  }
}

/**
 * Every document of a YAML stream, with the parser's errors, at most MAX_SYNTAX_ERRORS each and then one note. The
 * package's own `uniqueKeys` compares each new key with every earlier key of its mapping, so a mapping of 20,000 keys
 * took 9 s; the same DUPLICATE_KEY errors are found here with a set per mapping. Scalar keys are compared by value,
 * as the package does.
 */
export function parseYaml(text: string): Document[] {
  const cuts: number[] = [];
  const composer = new Composer({ uniqueKeys: false, prettyErrors: false, keepSourceTokens: false });
  const docs = Array.from(
    composer.compose(
      capped(text, new Parser().parse(text), MAX_SYNTAX_ERRORS, (at) => cuts.push(at)),
      false,
      text.length,
    ),
  ) as Document[];
  for (const doc of docs) {
    visit(doc, {
      Map(_, map) {
        if (!isMap(map)) return;
        const seen = new Set<unknown>();
        for (const pair of map.items) {
          if (!isScalar(pair.key)) continue;
          if (seen.has(pair.key.value) && pair.key.range) {
            const at = pair.key.range[0];
            doc.errors.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
          }
          seen.add(pair.key.value);
        }
      },
    });
    if (doc.errors.length > 1) doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
    // Errors the composer finds inside one token (a long flow collection) are capped alike.
    const cut = cuts.find((at) => doc.range && at >= doc.range[0] && at <= doc.range[2]) ?? doc.errors[MAX_SYNTAX_ERRORS]?.pos[0];
    if (cut !== undefined) {
      doc.errors.splice(MAX_SYNTAX_ERRORS);
      doc.errors.push(new YAMLParseError([cut, cut + 1], 'UNEXPECTED_TOKEN', 'more syntax errors from here to the end of the document are not listed'));
    }
  }
  return docs;
}

/**
 * The value a YAML text holds, or the first error when it is not valid YAML (one document, no error): the parse stops
 * at the first error token, so a long broken value costs no more than its first mistake.
 */
export function parseValue(text: string, version: '1.1' | '1.2' = '1.2'): { value: unknown } | { error: string } {
  let broken: number | undefined;
  const composer = new Composer({ uniqueKeys: false, version });
  const docs = Array.from(
    composer.compose(
      capped(text, new Parser().parse(text), 0, (at) => (broken ??= at)),
      true,
      text.length,
    ),
  );
  const error = docs[0]?.errors[0];
  if (error && (broken === undefined || error.pos[0] <= broken)) return { error: error.message.split('\n')[0] };
  if (broken !== undefined) return { error: `Unexpected token at ${broken}` };
  if (docs.length !== 1) return { error: 'Source contains multiple documents' };
  try {
    return { value: docs[0].toJS({ maxAliasCount: 0 }) as unknown };
  } catch (e) {
    return { error: (e as Error).message.split('\n')[0] };
  }
}
