// The collect phase of a run: discover the files (paths, a list, ignores, .gitignore), read them, prefilter them and
// migrate each in memory on the parser threads, or take a cached result (--cache). Writes nothing.

import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import type { EngineOptions } from '../../engine/types.js';
import { failedReport } from '../file-reports.js';
import type { RunOptions } from '../run-options.js';
import { timed } from '../timings.js';
import type { RunCache } from './cached-scan.js';
import { DEFAULT_EXTENSIONS, discoverFiles, noFilesMessage, normalizeExtensions } from './discover.js';
import type { Scanned } from './file-scanner.js';
import { describeIoError } from './io-errors.js';
import { scan as scanFiles } from './scan.js';
import type { UnmatchedIgnore } from './user-ignores.js';

/** What every phase of a run knows. */
export interface RunContext {
  readonly cwd: string;
  readonly engine: EngineOptions;
  /** Folders and files searched: the arguments, or the working directory unless a list is given. */
  readonly paths: readonly string[];
  readonly options: RunOptions;
}

export interface Collected {
  /** Every file looked at that needs a report or the next phases, and every folder that could not be searched. */
  readonly pending: Scanned[];
  /** Files and folders looked at. */
  readonly scanned: number;
  /** Every file the search found, read or not: what the type-aware step may be shown. */
  readonly seen: readonly string[];
  /** --ignore patterns that matched nothing. */
  readonly unmatched: readonly UnmatchedIgnore[];
  readonly cache?: RunCache;
}

/** What a git scope (--staged, --changed) makes of the collect phase. */
export interface CollectScope {
  /** The files found, narrowed to the scope. */
  readonly narrow: (found: Iterable<string>) => Iterable<string>;
  /** A scope is in force: finding nothing in it is no mistake (a commit without scripts passes). */
  readonly scoped: boolean;
  /** The staged bytes of each file, read instead of the work tree's (--check --staged). */
  readonly contents?: ReadonlyMap<string, Buffer>;
}

export async function collect(ctx: RunContext, scope: CollectScope, threads: number): Promise<Collected> {
  const { cwd, options } = ctx;
  const extensions = normalizeExtensions(options.extensions ?? DEFAULT_EXTENSIONS);
  const pending: Scanned[] = [];
  let unreadable = 0;
  let unmatched: readonly UnmatchedIgnore[] = [];
  const clock = options.clock;
  const walk = discoverFiles({
    cwd,
    paths: ctx.paths,
    ...(options.list ? { list: options.list } : {}),
    extensions,
    ignore: options.ignore ?? [],
    ...(options.ignoreLists ? { ignoreLists: options.ignoreLists } : {}),
    gitignore: options.gitignore ?? true,
    onUnmatchedIgnores: (list) => {
      unmatched = list;
    },
    onUnreadable: (dir, code) => {
      // Counted as looked at: it may hold files to migrate that this run could not see.
      unreadable++;
      pending.push({ abs: resolve(cwd, dir), report: failedReport(dir, 'folder-error', describeIoError({ code })) });
    },
  });
  const found = clock ? timed(walk, clock, 'discover') : walk;
  // Loaded only when asked for, like everything a plain run does not need (issue 7).
  const cache = options.cache ? new (await import('./cached-scan.js')).RunCache(options.cache, cwd) : undefined;
  const scanOptions = {
    cwd,
    engine: ctx.engine,
    keepAll: !!options.explain,
    ...(scope.contents ? { contents: scope.contents } : {}),
    threads,
    ...(options.onProgress ? { onProgress: (n: number) => options.onProgress?.(n + unreadable) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(clock ? { clock } : {}),
  };
  const toScan = scope.narrow(found);
  const scan = cache ? await cache.scan(toScan, scanOptions) : await scanFiles(toScan, scanOptions);
  pending.push(...scan.files);
  const scanned = scan.scanned + unreadable;
  // Nothing to scan is a mistake (issue 8), unless a git scope left nothing in it: a commit without scripts passes.
  if (scanned === 0 && !scope.scoped && !options.signal?.aborted && pending.length === 0) {
    throw new UsageError(noFilesMessage(options.list ? `the list read from ${options.list.source}` : options.paths, extensions));
  }
  return { pending, scanned, seen: scan.seen, unmatched, ...(cache ? { cache } : {}) };
}
