// The cache file of `--cache` (issue 14): where it lives, how it is read (anything unexpected is ignored with a note)
// and how it is written (a temporary file renamed over it, so a reader never sees half of one).

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { SiteDecision } from '../engine/types.js';
import type { TextEncoding } from './encoding.js';
import type { FileResult } from './process-text.js';

/** Bumped whenever the shape of the file changes; a file of another shape is ignored. */
export const CACHE_FORMAT = 1;

/** eslint's and prettier's convention: under the working directory's `node_modules/.cache`. */
export const DEFAULT_CACHE_LOCATION = 'node_modules/.cache/dr-migrate/';

/** The file's name when `--cache-location` names a folder. */
export const CACHE_FILE_NAME = 'dr-migrate-cache.json';

/** What the scanner made of a file that is worth reporting; the text is kept only when the type-aware step may read it. */
export interface CachedResult {
  readonly report: FileResult;
  /** The file's text, when it changed or was kept for the type-aware step. */
  readonly text?: string;
  /** The migrated text, when the file changed. */
  readonly output?: string;
  readonly decisions?: readonly SiteDecision[];
  readonly encoding?: TextEncoding;
  /** Kept for the type-aware step (call sites, a change, a typed createSource declaration). */
  readonly kept: boolean;
}

/** One file: what identifies its bytes, and what the scanner made of them (none: nothing to report). */
export interface CacheEntry {
  readonly hash: string;
  /** From the file on disk; absent when the bytes came from the git index (`--staged`). */
  readonly size?: number;
  readonly mtime?: number;
  readonly result?: CachedResult;
}

export interface CacheData {
  readonly tool: 'dr-migrate';
  readonly format: number;
  readonly version: string;
  /** Digest of the settings the entries were made with (cache-key.ts). */
  readonly settings: string;
  /** The working directory the entries' sizes and times were taken in; paths are relative to it. */
  readonly cwd: string;
  readonly files: Record<string, CacheEntry>;
}

/** `--cache-location`: a folder (existing, or written with a trailing slash) holds the file; anything else is the file. */
export function cacheFile(location: string, cwd: string): string {
  const abs = resolve(cwd, location);
  if (/[\\/]$/.test(location)) return join(abs, CACHE_FILE_NAME);
  try {
    if (statSync(abs).isDirectory()) return join(abs, CACHE_FILE_NAME);
  } catch {
    // Not there yet: a file of that name.
  }
  return abs;
}

/**
 * The entries of the cache file, or none: a missing file is a first run; an unreadable or corrupt one, or one written
 * by another version, is noted and ignored (the run goes on uncached and writes a new one). Entries made with other
 * settings are dropped without a note, as a change of settings is expected to miss.
 */
export function loadCache(file: string, version: string, settings: string, note: (line: string) => void): CacheData | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') note(`cache ${file} could not be read (${(error as Error).message}); running without it`);
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    note(`cache ${file} is corrupt; running without it, and writing it anew`);
    return undefined;
  }
  // Another version's file is named as such before its shape is judged: that shape may have changed with it.
  const written = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  if (typeof written.version === 'string' && (written.version !== version || written.format !== CACHE_FORMAT)) {
    note(`cache ${file} was written by dr-migrate ${written.version}; running without it, and writing it anew`);
    return undefined;
  }
  if (!isCacheData(data)) {
    note(`cache ${file} is corrupt; running without it, and writing it anew`);
    return undefined;
  }
  return data.settings === settings ? data : undefined;
}

/** Writes the cache: a temporary file beside it, renamed over it. A failure is a note, never a failed run. */
export function saveCache(file: string, data: CacheData, note: (line: string) => void): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(tmp, JSON.stringify(data));
    renameSync(tmp, file);
  } catch (error) {
    try {
      unlinkSync(tmp);
    } catch {
      // Never created.
    }
    note(`cache ${file} could not be written (${(error as Error).message})`);
  }
}

function isCacheData(x: unknown): x is CacheData {
  if (typeof x !== 'object' || x === null) return false;
  const d = x as Record<string, unknown>;
  if (d.tool !== 'dr-migrate' || typeof d.format !== 'number' || typeof d.version !== 'string') return false;
  if (typeof d.settings !== 'string' || typeof d.cwd !== 'string' || typeof d.files !== 'object' || d.files === null) return false;
  return Object.values(d.files as Record<string, unknown>).every(isEntry);
}

/** The shape of an entry; the result inside was written by this same version from a FileResult, so it is trusted. */
function isEntry(x: unknown): boolean {
  if (typeof x !== 'object' || x === null) return false;
  const e = x as Record<string, unknown>;
  if (typeof e.hash !== 'string') return false;
  if (e.size !== undefined && typeof e.size !== 'number') return false;
  if (e.mtime !== undefined && typeof e.mtime !== 'number') return false;
  if (e.result === undefined) return true;
  if (typeof e.result !== 'object' || e.result === null) return false;
  const r = e.result as Record<string, unknown>;
  return typeof r.kept === 'boolean' && typeof r.report === 'object' && r.report !== null && (r.text === undefined || typeof r.text === 'string');
}
