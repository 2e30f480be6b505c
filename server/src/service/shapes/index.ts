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
