// The registry of file shapes: each shape's profile lives in its own module here, and this is the one place that
// maps a shape to it.
import type { Shape } from '../../../../common/protocol';
import type { ConfigModel, Profile } from '../model';
import { env } from './env/profile';
import { helm } from './helm/profile';
import { server } from './server';
import { workflow } from './workflow';

const PROFILES: Record<Shape, Profile> = { server, helm, env, workflow };

export function profileOf(shape: Shape): Profile {
  return PROFILES[shape];
}

/** A model with nothing read yet, for a file of the given shape. */
export function emptyModel(shape: Shape): ConfigModel {
  return { shape, entries: new Map(), objects: new Map(), env: [], issues: [], topLevel: [], extraEnv: [], profile: profileOf(shape) };
}

/**
 * The shape a file's name promises before it says anything itself, for completion in a file just started: an
 * `openmetadata*.yaml` with no key yet, Helm values with only `openmetadata:` (and maybe `config:`) so far, a dotenv
 * file with no variable yet. Null otherwise: a file that already says something is recognised by what it says.
 */
export function promisedShape(fileName: string, text: string): Shape | null {
  const lines = text.split('\n').filter((l) => l.trim() && !l.trimStart().startsWith('#'));
  if (/(^|\.)env$|^\.env(\..*)?$/.test(fileName)) return lines.length === 0 ? 'env' : null;
  if (!/\.ya?ml$/i.test(fileName)) return null;
  if (/^openmetadata[\w.-]*\.ya?ml$/i.test(fileName) && lines.length === 0) return 'server';
  const top = lines.filter((l) => /^\S/.test(l));
  if (
    fileName.toLowerCase().includes('values') &&
    top.length === 1 &&
    /^openmetadata:\s*$/.test(top[0]) &&
    lines.every((l) => /^\s*(openmetadata|config):\s*$/.test(l))
  )
    return 'helm';
  return null;
}
