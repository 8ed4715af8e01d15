// What adoption in a team adds to a run (issue 9): scopes, explain, baselines, undo journal, review. One place that
// validates them and plugs them into `migrate()` before and after the run.

import { UsageError } from '../options.js';
import type { Mode, RunResult } from '../run/result.js';
import { applyBaseline, readBaseline, writeBaseline, type BaselineEntry } from './baseline.js';
import { hasScope, scopeFiles, type GitScope } from './git-scope.js';
import { stagedContents } from './staged-contents.js';

/** One change offered to the interactive review (--interactive): the file and its diff. */
export interface ReviewItem {
  readonly path: string;
  readonly diff: string;
  /** The file's findings that need a look (errors, review items, warnings), one line each, shown under its diff. */
  readonly notes?: readonly string[];
}

export interface AdoptionOptions extends GitScope {
  /** Keep every scanned file in the result, prefiltered ones included, with why each was left alone (--explain). */
  readonly explain?: boolean;
  /** Fail (check, dry-run) only on legacy and review sites missing from this baseline file. */
  readonly baseline?: string;
  /** Record the remaining legacy and review sites in this baseline file; check mode only. */
  readonly writeBaseline?: string;
  /** Keep an undo journal of the files written under `.dr-migrate/` (write mode; `dr-migrate undo`). Default: true. */
  readonly journal?: boolean;
  /** Chooses which of the files about to be written are written (interactive review); paths as in the report. */
  readonly review?: (changes: readonly ReviewItem[]) => Promise<ReadonlySet<string>>;
}

export interface Prepared {
  /** Paths (relative to cwd) the run is restricted to, when a git scope is set. */
  readonly only?: ReadonlySet<string>;
  /** `--check --staged`: the staged contents of those paths, which the run reads instead of the work tree's. */
  readonly staged?: ReadonlyMap<string, Buffer>;
  readonly baseline?: readonly BaselineEntry[];
}

/** Checks the combination before any file is read, so a mistake costs nothing. */
export async function prepareAdoption(cwd: string, mode: Mode, options: AdoptionOptions): Promise<Prepared> {
  if (options.writeBaseline !== undefined && mode !== 'check') throw new UsageError('--write-baseline records sites without changing files: use it with --check or alone');
  if (options.review && mode !== 'write') throw new UsageError('--interactive applies changes: it cannot be used with --dry-run or --check');
  const scope = hasScope(options) ? await scopeFiles(cwd, options) : undefined;
  const only = scope ? new Set(scope.paths.keys()) : undefined;
  // A baseline is about what remains; a write run has nothing to compare.
  const baseline = options.baseline !== undefined && options.writeBaseline === undefined && mode !== 'write' ? readBaseline(options.baseline, cwd) : undefined;
  // A check of what is staged reads the index: the commit holds that, whatever the work tree holds now. A dry run or
  // a write works on the work tree, where its patch or its changes go.
  const staged = scope && options.staged && mode === 'check' ? await stagedContents(scope) : undefined;
  return { ...(only ? { only } : {}), ...(staged ? { staged } : {}), ...(baseline ? { baseline } : {}) };
}

export async function finishAdoption(result: RunResult, options: AdoptionOptions, prepared: Prepared, scanned: ReadonlySet<string>): Promise<RunResult> {
  if (options.writeBaseline !== undefined) return writeBaseline(result, options.writeBaseline, scanned);
  if (prepared.baseline && options.baseline !== undefined) return applyBaseline(result, options.baseline, prepared.baseline, scanned);
  return result;
}
