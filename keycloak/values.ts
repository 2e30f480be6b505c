// Reads canonical values as the shapes deliver them: lists may still be `[a,b]` strings and booleans may be text.
import type { ReadValuesResult } from '../common/protocol';

export type Values = ReadValuesResult['values'];

export interface Reader {
  text(path: string): string | undefined;
  list(path: string): string[];
  bool(path: string, fallback: boolean): boolean;
}

export function reader(values: Values): Reader {
  return {
    text: (path) => {
      const value = values[path];
      if (typeof value === 'number') return String(value);
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
    },
    list: (path) => {
      const value = values[path];
      if (Array.isArray(value)) return value.map((item) => String(item).trim()).filter(Boolean);
      if (typeof value !== 'string') return [];
      return value
        .replace(/^\s*\[|\]\s*$/g, '')
        .split(',')
        .map((item) => item.trim().replace(/^["']|["']$/g, ''))
        .filter(Boolean);
    },
    bool: (path, fallback) => {
      const value = values[path];
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return fallback;
    },
  };
}
