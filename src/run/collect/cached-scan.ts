// `--cache` around the scan (issue 14): a file whose bytes match its entry (or, with the metadata strategy, whose size
// and time do) gets the entry's result without being read past that or parsed; every other file goes through the
// scanner, and what the scanner makes of it is recorded for the next run.

import { lstatSync, type Stats } from 'node:fs';
import { VERSION } from '../../version.js';
import { settingsKey } from './cache-key.js';
import { CacheReader, digest } from './cache-read.js';
import { CacheEntries } from './cache-entries.js';
import { cacheFile, loadCache, saveCache, type CacheEntry, type CachedResult, type Stamp } from './cache-store.js';
import type { CacheStrategy } from './cache-strategy.js';
import { absolute, type Scanned } from './file-scanner.js';
import { scan, scannerSettings, type ScanOptions, type ScanResult } from './scan.js';

export interface CacheOptions {
  /** The cache file, or a folder to hold it, relative to the working directory. */
  readonly location: string;
  /** `content`: a file hits when its bytes do; `metadata`: when its size and modification time do (it is not read). */
  readonly strategy: CacheStrategy;
  /** One line for stderr: a cache that was ignored or could not be written. */
  readonly note: (line: string) => void;
}

/**
 * A file modified this recently may be modified again within the same tick of its clock, keeping its stamp: no stamp
 * is recorded for it, so the next run checks its bytes (git's "racily clean" entries).
 */
const RACY_MS = 2000;

type Key = Pick<CacheEntry, 'hash' | 'stamp'>;

type Lookup = { readonly hit: CacheEntry } | { readonly key?: Key; readonly bytes?: Uint8Array };

export class RunCache {
  private readonly file: string;
  private entries = new CacheEntries();
  private settings = '';
  private dirty = false;
  /** Files modified after this time get no stamp in their entry (see RACY_MS). */
  private readonly settledBefore = Date.now() - RACY_MS;
  private readonly reader = new CacheReader();

  constructor(
    private readonly options: CacheOptions,
    private readonly cwd: string,
  ) {
    this.file = cacheFile(options.location, cwd);
  }

  /** `scan()` with the cache: hits from their entries, the rest through the scanner, recorded as they come back. */
  async scan(paths: Iterable<string>, options: ScanOptions): Promise<ScanResult> {
    this.load(options);
    const staged = options.contents;
    // The bytes read to key a file that missed go to the scanner with it, so no file is read twice.
    const handoff = new Map<string, Uint8Array>(staged ?? []);
    const keys = new Map<string, Key>();
    const hits: Scanned[] = [];
    const seen: string[] = [];
    let aborted = false;
    const self = this;
    function* misses(): Generator<string> {
      let handed: string | undefined;
      for (const path of paths) {
        if (options.signal?.aborted) {
          aborted = true;
          return;
        }
        if (handed !== undefined) handoff.delete(handed);
        handed = undefined;
        const abs = absolute(self.cwd, path);
        const started = options.clock ? performance.now() : 0;
        const found = self.lookup(path, abs, staged?.get(path));
        // Looking a file up is reading it (or its size and time): --timings counts it there.
        options.clock?.add('read', performance.now() - started);
        if ('hit' in found) {
          seen.push(abs);
          const file = fromEntry(abs, found.hit.result);
          if (file) hits.push(file);
          options.onProgress?.(seen.length);
          continue;
        }
        if (found.key) keys.set(path, found.key);
        if (found.bytes && !staged?.has(path)) {
          handoff.set(path, found.bytes);
          handed = path;
        }
        yield path;
      }
    }
    const hitsSoFar = (n: number): void => options.onProgress?.(n + seen.length);
    const scanned = await scan(misses(), { ...options, contents: handoff, readsOnMain: true, ...(options.onProgress ? { onProgress: hitsSoFar } : {}) });
    if (aborted || options.signal?.aborted) return merge(scanned, hits, seen);
    for (const file of scanned.files) {
      const path = file.report.path;
      const key = keys.get(path);
      if (!key) continue;
      keys.delete(path);
      const result = toEntry(file);
      if (result) this.entries.set(path, { ...key, result });
      else this.entries.delete(path);
      this.dirty = true;
    }
    // Read and found nothing worth reporting: prefiltered, or parsed without a finding.
    for (const [path, key] of keys) this.entries.set(path, { ...key, result: undefined });
    if (keys.size > 0) this.dirty = true;
    return merge(scanned, hits, seen);
  }

  /** Files this run rewrote: their entries describe what they held before. */
  forget(paths: Iterable<string>): void {
    for (const path of paths) if (this.entries.delete(path)) this.dirty = true;
  }

  /** Writes the cache file when this run changed what it holds. */
  save(): void {
    if (!this.dirty) return;
    saveCache(this.file, { version: VERSION, settings: this.settings, cwd: this.cwd, files: this.entries }, this.options.note);
    this.dirty = false;
  }

  private load(options: ScanOptions): void {
    this.settings = settingsKey(scannerSettings(options));
    const data = loadCache(this.file, VERSION, this.settings, this.options.note);
    // Nothing usable: the file is written anew at the end of the run, whatever it held.
    this.dirty = data === undefined;
    if (!data) return;
    // Stamps taken in another folder say nothing of the files here; the bytes still do.
    this.entries = new CacheEntries(data.columns, data.cwd === this.cwd);
  }

  /**
   * A hit, or the key (and bytes) of a miss. With the metadata strategy, an unchanged size and modification time are
   * a hit without reading. With the content strategy, the bytes decide; they are not read again while the file's
   * size, both its times and its inode are those recorded with them, as git trusts its index: any write to a file
   * moves its change time, which no tool can set back.
   */
  private lookup(path: string, abs: string, given: Uint8Array | undefined): Lookup {
    const entry = this.entries.get(path);
    // Bytes from the git index: keyed by their digest alone, as the file on disk may hold something else.
    if (given) {
      const hash = digest(given);
      return entry?.hash === hash ? { hit: entry } : { key: { hash, stamp: undefined } };
    }
    const stamp = entry?.stamp;
    const info = stamp ? statusOf(abs) : undefined;
    if (stamp && info?.isFile() && info.size === stamp.size && info.mtimeMs === stamp.mtime) {
      if (this.options.strategy === 'metadata' || (info.ctimeMs === stamp.ctime && info.ino === stamp.ino)) return { hit: entry };
    }
    const read = this.reader.read(abs);
    if (!read) return {};
    const settled = Math.max(read.stamp.mtime, read.stamp.ctime) < this.settledBefore;
    const key: Key = { hash: read.hash, stamp: settled ? read.stamp : undefined };
    // The reader's buffer is reused for the next file: the scanner is handed a copy.
    if (entry?.hash !== read.hash) return { key, bytes: Buffer.from(read.bytes) };
    if (!sameStamp(entry.stamp, key.stamp)) {
      this.entries.set(path, { ...key, result: entry.result });
      this.dirty = true;
    }
    return { hit: entry };
  }
}

/** The file's status, not following a link; undefined when it cannot be had (the scanner then reports why). */
function statusOf(abs: string): Stats | undefined {
  try {
    return lstatSync(abs, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function sameStamp(a: Stamp | undefined, b: Stamp | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.size === b.size && a.mtime === b.mtime && a.ctime === b.ctime && a.ino === b.ino);
}

function merge(scanned: ScanResult, hits: readonly Scanned[], seen: readonly string[]): ScanResult {
  return { scanned: scanned.scanned + seen.length, files: [...hits, ...scanned.files], seen: [...seen, ...scanned.seen] };
}

/** A failure to read, or the engine failing on a file, may not happen next time: never recorded. */
const TRANSIENT = new Set(['file-error', 'folder-error', 'internal-error']);

function toEntry(file: Scanned): CachedResult | undefined {
  if (file.report.findings.some((f) => TRANSIENT.has(f.id))) return undefined;
  const text = file.read?.text ?? file.before;
  return {
    report: file.report,
    ...(text !== undefined ? { text } : {}),
    ...(file.after !== undefined ? { output: file.after } : {}),
    ...(file.read?.outcome.decisions ? { decisions: file.read.outcome.decisions } : {}),
    ...(file.encoding ? { encoding: file.encoding } : {}),
    kept: file.read !== undefined,
  };
}

/** The scanner's result again, as `FileScanner` builds it; undefined for a file with nothing to report. */
function fromEntry(abs: string, r: CachedResult | undefined): Scanned | undefined {
  if (!r) return undefined;
  const changed = r.output !== undefined && r.text !== undefined;
  const outcome = { result: r.report, ...(r.output !== undefined ? { output: r.output } : {}), ...(r.decisions ? { decisions: r.decisions } : {}) };
  return {
    abs,
    report: r.report,
    ...(changed ? { before: r.text, after: r.output } : {}),
    ...(r.encoding ? { encoding: r.encoding } : {}),
    ...(r.kept && r.text !== undefined ? { read: { text: r.text, outcome } } : {}),
  };
}
