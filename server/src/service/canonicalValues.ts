// What the client may read of a document's canonical values: flat dotted paths, secrets masked, spans of each value.
import type { CanonicalScalar } from '../../../common/protocol';
import type { ConfigModel, Span } from './model';

export type ReadValue = CanonicalScalar | string[] | null;

/** Shown for a secret that is set: the client needs to know that one is there, never what it is. */
export const MASKED = '********';

/** The model's values as the client gets them: a mapping value (docs notation such as `{Client ID}`) reads as null. */
export function readableValues(model: ConfigModel): { values: Record<string, ReadValue>; spans: Record<string, Span> } {
  const values: Record<string, ReadValue> = {};
  const spans: Record<string, Span> = {};
  for (const [path, entry] of model.entries) {
    const v = entry.value;
    if (entry.key.secret) values[path] = entry.secretRef || entry.placeholder || v ? MASKED : null;
    else if (v === undefined || v === null || (typeof v === 'object' && !Array.isArray(v))) values[path] = null;
    else values[path] = Array.isArray(v) ? v.map(String) : v;
    spans[path] = entry.valueSpan ?? entry.keySpan;
  }
  return { values, spans };
}
