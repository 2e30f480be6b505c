// Reads an OpenMetadata config file of any shape into canonical values, as the language server's readValues does.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ReadValuesResult } from '../../../server/src/protocol';
import { analyze } from '../../../server/src/service/analyze';

export interface ConfigValues {
  shape: ReadValuesResult['shape'];
  values: ReadValuesResult['values'];
}

/** Values of a text; `uri` decides dotenv vs YAML like the server. Secrets are masked the same way. */
export function valuesOf(uri: string, text: string): ConfigValues {
  const analysis = analyze(uri, text);
  const values: ReadValuesResult['values'] = {};
  for (const [path, entry] of analysis.model.entries) {
    const v = entry.value;
    if (entry.key.secret) values[path] = entry.secretRef || entry.placeholder || v ? '********' : (v ?? null);
    else values[path] = v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v)) ? null : (v as ReadValuesResult['values'][string]);
  }
  return { shape: analysis.shape, values };
}

/** Throws the file system's error (ENOENT, EISDIR…) for the caller to word. */
export function readConfig(file: string): ConfigValues {
  const path = resolve(file);
  return valuesOf(pathToFileURL(path).href, readFileSync(path, 'utf8'));
}
