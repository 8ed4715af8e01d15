// The cache file of `--cache` (issue 14): where it lives, how it is read (anything unexpected is ignored with a note)
// and how it is written (through replace-file.ts, so a reader never sees half of one).

import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { replaceFileSync } from '../replace-file.js';
import type { SiteDecision } from '../../engine/types.js';
import type { TextEncoding } from './encoding.js';
import type { FileResult } from '../../engine/process-text.js';

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

/** What the file system says of a file without reading it: its size, modification and change times, and inode. */
export interface Stamp {
  readonly size: number;
  readonly mtime: number;
  readonly ctime: number;
  readonly ino: number;
}

/** One file: what identifies its bytes, and what the scanner made of them (none: nothing to report). */
export interface CacheEntry {
  readonly hash: string;
  /** The file on disk holding those bytes; absent when they came from the git index (`--staged`), or were too new. */
  readonly stamp: Stamp | undefined;
  readonly result: CachedResult | undefined;
}

export interface CacheData {
  readonly version: string;
  /** Digest of the settings the entries were made with (cache-key.ts). */
  readonly settings: string;
  /** The working directory the entries' stamps were taken in; paths are relative to it. */
  readonly cwd: string;
  readonly files: Iterable<readonly [string, CacheEntry]>;
}

/** A cache file as read: its entries stay in their columns until asked for (cache-entries.ts). */
export interface LoadedCache {
  readonly cwd: string;
  readonly columns: CacheColumns;
}

/**
 * The file's shape: one column per field rather than one object per file, which JSON.parse reads several times
 * faster on a tree of tens of thousands of files (a second run spends most of its time reading this file).
 */
interface CacheFile extends CacheColumns {
  readonly tool: 'dr-migrate';
  readonly format: number;
  readonly version: string;
  readonly settings: string;
  readonly cwd: string;
}

export interface CacheColumns {
  readonly paths: readonly string[];
  /** The digests, HASH_LENGTH characters each, in the order of `paths`. */
  readonly hashes: string;
  /** The stamps' fields; a size of -1 where the entry has no stamp. */
  readonly sizes: readonly number[];
  readonly mtimes: readonly number[];
  readonly ctimes: readonly number[];
  readonly inos: readonly number[];
  /** The results of the entries that have one, by their index in `paths`. */
  readonly results: Readonly<Record<string, CachedResult>>;
}

/** Characters of a digest (cache-read.ts: 128 bits in hexadecimal). */
export const HASH_LENGTH = 32;

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
export function loadCache(file: string, version: string, settings: string, note: (line: string) => void): LoadedCache | undefined {
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
  if (!isCacheFile(data)) {
    note(`cache ${file} is corrupt; running without it, and writing it anew`);
    return undefined;
  }
  return data.settings === settings ? { cwd: data.cwd, columns: data } : undefined;
}

/** Writes the cache: a temporary file beside it, renamed over it. A failure is a note, never a failed run. */
export function saveCache(file: string, data: CacheData, note: (line: string) => void): void {
  const paths: string[] = [];
  const hashes: string[] = [];
  const sizes: number[] = [];
  const mtimes: number[] = [];
  const ctimes: number[] = [];
  const inos: number[] = [];
  const results: Record<string, CachedResult> = {};
  for (const [path, entry] of data.files) {
    if (entry.hash.length !== HASH_LENGTH) continue;
    if (entry.result) results[paths.length] = entry.result;
    paths.push(path);
    hashes.push(entry.hash);
    sizes.push(entry.stamp?.size ?? -1);
    mtimes.push(entry.stamp?.mtime ?? -1);
    ctimes.push(entry.stamp?.ctime ?? -1);
    inos.push(entry.stamp?.ino ?? -1);
  }
  const { version, settings, cwd } = data;
  const body: CacheFile = { tool: 'dr-migrate', format: CACHE_FORMAT, version, settings, cwd, paths, hashes: hashes.join(''), sizes, mtimes, ctimes, inos, results };
  try {
    mkdirSync(dirname(file), { recursive: true });
    replaceFileSync(file, JSON.stringify(body));
  } catch (error) {
    note(`cache ${file} could not be written (${(error as Error).message})`);
  }
}

function isCacheFile(x: unknown): x is CacheFile {
  if (typeof x !== 'object' || x === null) return false;
  const d = x as Record<string, unknown>;
  if (d.tool !== 'dr-migrate' || typeof d.settings !== 'string' || typeof d.cwd !== 'string') return false;
  const { paths, hashes, sizes, mtimes, ctimes, inos, results } = d;
  if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string')) return false;
  if (typeof hashes !== 'string' || hashes.length !== paths.length * HASH_LENGTH) return false;
  const numbers = (xs: unknown): boolean => Array.isArray(xs) && xs.length === paths.length && xs.every((n) => typeof n === 'number');
  if (![sizes, mtimes, ctimes, inos].every(numbers)) return false;
  if (typeof results !== 'object' || results === null) return false;
  return Object.entries(results).every(([i, r]) => Number(i) < paths.length && isResult(r));
}

/** The shape of a result; what is inside was written by this same version from a FileResult, so it is trusted. */
function isResult(x: unknown): boolean {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return typeof r.kept === 'boolean' && typeof r.report === 'object' && r.report !== null && (r.text === undefined || typeof r.text === 'string');
}
