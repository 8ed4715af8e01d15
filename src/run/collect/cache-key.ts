// The settings half of a cache key (issue 14): every scanner setting is hashed unless listed here as unable to change
// a file's result, so a setting added later is part of the key without anyone remembering to add it.

import { createHash } from 'node:crypto';
import type { ScannerSettings } from './file-scanner.js';

/** Digest of the settings that decide what the scanner makes of a file (its path and bytes are keyed per file). */
export function settingsKey(settings: ScannerSettings): string {
  // Left out: `contents`, the bytes of the files (each file's entry is keyed by its own bytes), and `timings`, which
  // only measures. Everything else (the engine options, --explain's keepAll) changes results and is hashed.
  const { contents, timings, ...keyed } = settings;
  void contents;
  void timings;
  return createHash('sha256').update(JSON.stringify(normalise(keyed))).digest('hex');
}

/** The same value for the same settings: keys sorted, sets sorted, undefined dropped. Throws on a function. */
export function normalise(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(normalise);
  if (value instanceof Set) return [...value].map(normalise).sort(byJson);
  if (value instanceof Map) return [...value].map(([k, v]) => [normalise(k), normalise(v)]).sort(byJson);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = normalise(v);
    }
    return out;
  }
  throw new Error(`a setting of type ${typeof value} cannot be part of a cache key`);
}

function byJson(a: unknown, b: unknown): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
