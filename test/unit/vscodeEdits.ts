// Edits and completions applied the way VS Code applies them, so tests check what the user would get.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-textdocument';
import { InsertTextFormat, InsertTextMode } from 'vscode-languageserver-types';
import type { CompletionItem } from 'vscode-languageserver-types';
import type { TextChange } from '../../server/src/service/model';

/** The first pair of edits that overlap (LSP forbids them; inserts at one point are allowed), or undefined. */
export function overlap(changes: readonly TextChange[]): [TextChange, TextChange] | undefined {
  const sorted = [...changes].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) return [sorted[i - 1], sorted[i]];
  return undefined;
}

/** Offset edits applied with the LSP's semantics (edits at one point keep their order), as VS Code does. */
export function applyAsVsCode(text: string, changes: readonly TextChange[]): string {
  const document = TextDocument.create('file:///apply', 'yaml', 1, text);
  const edits: TextEdit[] = changes.map((c) => ({ range: { start: document.positionAt(c.start), end: document.positionAt(c.end) }, newText: c.newText }));
  return TextDocument.applyEdits(document, edits);
}

/**
 * A snippet as VS Code expands it when the user accepts every default: `$1`, `$0` and `${1}` become empty,
 * `${1:x}` becomes x (nested), `${1|a,b|}` the first choice, and `\$`, `\}`, `\\` the character.
 */
export function expandSnippet(snippet: string): string {
  let i = 0;
  const parse = (inside: boolean): string => {
    let out = '';
    while (i < snippet.length) {
      const c = snippet[i];
      if (c === '\\' && i + 1 < snippet.length && '$}\\,|'.includes(snippet[i + 1])) {
        out += snippet[i + 1];
        i += 2;
      } else if (inside && c === '}') return out;
      else if (c === '$' && /\d/.test(snippet[i + 1] ?? '')) {
        i++;
        while (/\d/.test(snippet[i] ?? '')) i++;
      } else if (c === '$' && snippet[i + 1] === '{' && /\d/.test(snippet[i + 2] ?? '')) {
        i += 2;
        while (/\d/.test(snippet[i])) i++;
        if (snippet[i] === '}') i++;
        else if (snippet[i] === ':') {
          i++;
          out += parse(true);
          i++;
        } else if (snippet[i] === '|') {
          const close = snippet.indexOf('|}', i);
          out += snippet.slice(i + 1, close).split(',')[0];
          i = close + 2;
        }
      } else {
        out += c;
        i++;
      }
    }
    return out;
  };
  return parse(false);
}

/**
 * Accepts a completion item at an offset: its text edit (or the word before the cursor replaced), the snippet
 * expanded, and, unless `insertTextMode` is `asIs`, each later line prefixed with the current line's indentation.
 */
export function acceptCompletion(text: string, offset: number, item: CompletionItem): string {
  const document = TextDocument.create('file:///complete', 'yaml', 1, text);
  let start = offset;
  let end = offset;
  let insert = item.insertText ?? item.label;
  const edit = item.textEdit;
  if (edit) {
    const range = 'range' in edit ? edit.range : edit.insert;
    start = document.offsetAt(range.start);
    end = document.offsetAt(range.end);
    insert = edit.newText;
  } else {
    while (start > 0 && /[\w-]/.test(text[start - 1])) start--;
  }
  let body = item.insertTextFormat === InsertTextFormat.Snippet ? expandSnippet(insert) : insert;
  if (item.insertTextMode !== InsertTextMode.asIs) {
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const indentation = /^[ \t]*/.exec(text.slice(lineStart))![0];
    body = body.replace(/\n/g, `\n${indentation}`);
  }
  return text.slice(0, start) + body + text.slice(end);
}
