// The one way the service parses a YAML text: the `yaml` package, with duplicate keys found in one pass.
import { isMap, isScalar, parseAllDocuments, visit, YAMLParseError } from 'yaml';
import type { Document } from 'yaml';

/**
 * Every document of a YAML stream, with the parser's errors. The package's own `uniqueKeys` compares each new key with
 * every earlier key of its mapping, so a mapping of 20,000 keys took 9 s; the same DUPLICATE_KEY errors are found
 * here with a set per mapping. Scalar keys are compared by value, as the package does.
 */
export function parseYaml(text: string): Document[] {
  const docs = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false, keepSourceTokens: false }) as Document[];
  if (!Array.isArray(docs)) return [];
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
  }
  return docs;
}
