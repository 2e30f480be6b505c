// A canonical path in the file's own terms (server key path, Helm values path, env variable), from the schema.
import schema from '../schemas/openmetadata-auth.schema.json';
import type { ReadValuesResult } from '../common/protocol';

interface Node {
  key: string;
  env?: string;
  helm?: string;
  children?: Node[];
}

const names = new Map<string, { env?: string; helm: string[] }>();
const walk = (node: Node, path: string[], helm: string[]): void => {
  const here = [...path, node.key];
  const helmHere = [...helm, node.helm ?? node.key];
  names.set(here.join('.'), { env: node.env, helm: helmHere });
  for (const child of node.children ?? []) walk(child, here, helmHere);
};
for (const root of (schema as { roots: Node[] }).roots) walk(root, [], []);

/** How `shape` spells `path`: `AUTHENTICATION_PUBLIC_KEYS` in env files, `openmetadata.config.authentication.publicKeys` in Helm values. */
export function keyName(shape: ReadValuesResult['shape'], path: string): string {
  const found = names.get(path);
  if (!found) return path;
  if (shape === 'env') return found.env ?? path;
  if (shape === 'helm') return `openmetadata.config.${found.helm.join('.')}`;
  return path;
}
