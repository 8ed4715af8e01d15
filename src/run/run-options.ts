// The options of a run, as `migrate()` and its phases take them (the API's `RunOptions`).

import type { AdoptionOptions } from '../adopt/options.js';
import { UsageError } from '../errors.js';
import type { MigrationOptions } from '../options.js';
import type { CacheOptions } from './collect/cached-scan.js';
import type { FileList } from './collect/file-list.js';
import type { IgnoreList } from './collect/user-ignores.js';
import type { Mode } from './result.js';
import type { Clock } from './timings.js';

export interface RunOptions extends MigrationOptions, AdoptionOptions {
  /** Files (always taken) and folders to search; default: the working directory, unless a `list` is given. */
  readonly paths?: readonly string[];
  /** Paths read from a list (--stdin, --files-from), taken only where a search would take them. */
  readonly list?: FileList;
  readonly cwd?: string;
  readonly mode?: Mode;
  readonly extensions?: readonly string[];
  /** .gitignore rules relative to `cwd`, as `--ignore` gives them. */
  readonly ignore?: readonly string[];
  /** More ignore patterns, each list relative to its own directory (a configuration's); `ignore` wins over them. */
  readonly ignoreLists?: readonly IgnoreList[];
  readonly gitignore?: boolean;
  /** Write even when files to be changed have uncommitted changes, or when --verify found new errors. */
  readonly force?: boolean;
  /** Type-check the project before and after the migration, in memory; refuse to write new errors (issue 5). */
  readonly verify?: boolean;
  /** Files read at once. */
  readonly concurrency?: number;
  /** Called after each file is processed, with the count so far. */
  readonly onProgress?: (processed: number) => void;
  /** Aborting stops the write phase between two files; no file is ever left half-written. */
  readonly signal?: AbortSignal;
  /** --timings: filled with where the time went, kept out of the result (which stays the same run to run). */
  readonly clock?: Clock;
  /** The command the notices' hints name (`npx dr-migrate` through npx); default `dr-migrate`. */
  readonly command?: string;
  /** --cache: files whose entry still holds are not parsed again (issue 14). */
  readonly cache?: CacheOptions;
}

/** --concurrency (or the configuration's `concurrency`, or the API's option): a whole number of threads, 0 or more. */
export function checkConcurrency(asked: number): void {
  if (!Number.isInteger(asked) || asked < 0) throw new UsageError('--concurrency must be a whole number of 0 or more');
}
