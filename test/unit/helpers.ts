// Test helpers: documents from inline text with a `|` caret, diagnostics in one call, edits applied as whole texts.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServiceSettings } from '../../server/src/service/validate';
import { applyChanges } from '../../server/src/service/edits';
import { checkText } from '../../server/src/service/check';
import type { NeighbourText } from '../../server/src/service/check';
import type { Release } from '../../server/src/service/release';
import type { Fix } from '../../server/src/service/model';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findCorpus, repoRoot } from '../corpusDir';

/** A document from text; a `|` marks the cursor and is removed. */
export function doc(text: string, uri = 'file:///ws/openmetadata.yaml'): { document: TextDocument; offset: number } {
  const offset = text.indexOf('|');
  const clean = offset === -1 ? text : text.slice(0, offset) + text.slice(offset + 1);
  return { document: TextDocument.create(uri, 'yaml', 1, clean), offset: offset === -1 ? 0 : offset };
}

/** Diagnostics of a text as `code@line` plus the full list, through the pipeline the server and the CLI use. */
export function check(text: string, uri = 'file:///ws/openmetadata.yaml', given: ServiceSettings = {}) {
  const { check: checked, settings, diagnostics } = checkText({ uri, text, settings: given });
  return { analysis: checked.analysis, check: checked, diagnostics, settings, codes: diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}`) };
}

/** The release a file named `fileName` is checked against, as the pipeline detects it. */
export function releaseOf(settings: ServiceSettings, text: string, fileName: string, neighbours: NeighbourText[] = []): Release | undefined {
  return checkText({ uri: `file:///ws/${fileName}`, text, settings, neighbours }).check.release(settings);
}

/** URIs that make the service read a text in each file shape. */
export const URI = {
  server: 'file:///ws/openmetadata.yaml',
  helm: 'file:///ws/values.yaml',
  dotenv: 'file:///ws/.env',
  compose: 'file:///ws/docker-compose.yml',
  k8s: 'file:///ws/deployment.yaml',
  workflow: 'file:///ws/workflow.yaml',
} as const;

/** The `code@line` entries of one code. */
export function codesOf(text: string, uri: string, code: string, settings: ServiceSettings = {}): string[] {
  return check(text, uri, settings).codes.filter((c) => c.startsWith(`${code}@`));
}

/** The fixes offered for the first diagnostic with `code`. */
export function fixesOf(text: string, code: string, uri: string = URI.server, settings: ServiceSettings = {}): Fix[] {
  const { check: checked, diagnostics } = check(text, uri, settings);
  const d = diagnostics.find((x) => x.code === code);
  if (!d) throw new Error(`no ${code} diagnostic in:\n${text}`);
  return checked.fixes(d, settings);
}

/** Applies the fix with the given title (or the preferred one) for the first diagnostic with `code`; returns the new text. */
export function fix(text: string, code: string, title?: string, uri: string = URI.server, settings: ServiceSettings = {}): string {
  const fixes = fixesOf(text, code, uri, settings);
  const chosen = title ? fixes.find((f) => f.title.includes(title)) : (fixes.find((f) => f.preferred) ?? fixes[0]);
  if (!chosen) throw new Error(`no fix ${title ?? '(preferred)'} for ${code}; have: ${fixes.map((f) => f.title).join(', ')}`);
  return applyChanges(text, chosen.changes);
}

const names = (codes: string[]) => codes.map((c) => c.split('@')[0]);
const count = (list: string[], c: string) => list.filter((x) => x === c).length;

/**
 * Applies a fix and re-validates: the fixed diagnostic is gone and no code is reported more often than before.
 * `gone` also requires that no diagnostic with the fixed code is left at all.
 */
export function fixed(text: string, code: string, uri: string, options: { title?: string; settings?: ServiceSettings; gone?: boolean } = {}): string {
  const settings = options.settings ?? {};
  const before = names(check(text, uri, settings).codes);
  const out = fix(text, code, options.title, uri, settings);
  const after = names(check(out, uri, settings).codes);
  assert.ok(count(after, code) < count(before, code), `${code} still reported after the fix:\n${out}`);
  if (options.gone) assert.ok(!after.includes(code), `${code} still reported after the fix:\n${out}`);
  for (const c of new Set(after)) assert.ok(count(after, c) <= count(before, c), `the fix added ${c}:\n${out}`);
  return out;
}

/** The YAML files of the project's samples and fixtures, and of the shared corpus when it is there, as texts. */
export function corpusYamlTexts(): string[] {
  const root = repoRoot();
  const dirs = [join(root, 'samples/sandbox'), join(root, 'test/fixtures/workspace'), findCorpus().dir].filter(
    (d): d is string => Boolean(d) && existsSync(d!),
  );
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => readFileSync(join(dir, f), 'utf8')),
  );
}

/** A small seeded generator in [0, 1), so a failing random edit can be replayed. */
export function seeded(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
}
