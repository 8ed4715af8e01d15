// The entries of `--cache` (issue 14) during a run: those read stay in the file's columns and are made into objects
// only when asked for (a large tree's cache loads in a fraction of the time); this run's changes are kept beside them.

import { HASH_LENGTH, type CacheColumns, type CacheEntry } from './cache-store.js';

export class CacheEntries {
  /** Where each path read from the file sits in its columns. */
  private readonly at = new Map<string, number>();
  /** Entries this run set, or removed (undefined), over those read. */
  private readonly changes = new Map<string, CacheEntry | undefined>();

  /** `stamps: false` drops the stamps read: taken in another folder, they say nothing of the files here. */
  constructor(
    private readonly columns?: CacheColumns,
    private readonly stamps = true,
  ) {
    columns?.paths.forEach((path, i) => this.at.set(path, i));
  }

  get(path: string): CacheEntry | undefined {
    if (this.changes.has(path)) return this.changes.get(path);
    const i = this.at.get(path);
    return i === undefined ? undefined : this.read(i);
  }

  set(path: string, entry: CacheEntry): void {
    this.changes.set(path, entry);
  }

  /** True when there was an entry to remove. */
  delete(path: string): boolean {
    const had = this.get(path) !== undefined;
    this.changes.set(path, undefined);
    return had;
  }

  *[Symbol.iterator](): Generator<readonly [string, CacheEntry]> {
    for (const [path, i] of this.at) if (!this.changes.has(path)) yield [path, this.read(i)];
    for (const [path, entry] of this.changes) if (entry) yield [path, entry];
  }

  private read(i: number): CacheEntry {
    const c = this.columns as CacheColumns;
    const hash = c.hashes.slice(i * HASH_LENGTH, (i + 1) * HASH_LENGTH);
    const size = c.sizes[i] ?? -1;
    const stamp = this.stamps && size >= 0 ? { size, mtime: c.mtimes[i] ?? -1, ctime: c.ctimes[i] ?? -1, ino: c.inos[i] ?? -1 } : undefined;
    return { hash, stamp, result: c.results[i] };
  }
}
