// The result object of a run: what `migrate()` returns and `--format json` prints, and the exit-code rule.

import { SEVERITIES, type Severity } from '../rules/findings.js';
import type { MethodType } from '../rules/methods.js';
import type { FileResult, FileSite } from '../engine/process-text.js';

export type Mode = 'write' | 'dry-run' | 'check';

export interface FileReport extends FileResult {
  /**
   * Path from the root of the git repository holding the file, as `diff` shows it (from the working directory outside
   * a repository): the path the github and sarif formats report (issue 17).
   */
  readonly repoPath?: string;
  /** Unified diff (git style, paths from the repository root) of a changed file. */
  readonly diff?: string;
  /** True once the new text is on disk (write mode). */
  readonly written?: boolean;
  /** Fingerprints of this file's sites that the baseline accepts (their findings are left out). */
  readonly baselined?: readonly string[];
}

export interface RunSummary {
  readonly scanned: number;
  readonly changed: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly errored: number;
  readonly written: number;
  readonly payloads: Readonly<Partial<Record<MethodType, number>>>;
  readonly findings: Readonly<Record<Severity, number>>;
}

export interface RunResult {
  readonly tool: 'dr-migrate';
  readonly version: string;
  readonly mode: Mode;
  /** The directory paths are relative to. */
  readonly cwd: string;
  readonly exitCode: 0 | 1 | 2;
  readonly summary: RunSummary;
  /** Files that changed, failed, were skipped for a reason, or hold findings; sorted by path. */
  readonly files: readonly FileReport[];
  /** Run-level notices, e.g. writing outside a git repository. */
  readonly notices: readonly string[];
  /**
   * Whether a TypeScript program was built (only for sites local syntax cannot settle, or --verify; issue 5), from
   * which config, and whether write mode refused to write because --verify found new errors.
   */
  readonly analysis: { readonly programBuilt: boolean; readonly config?: string; readonly refused?: boolean };
  /** The undo journal entry of a write run (`dr-migrate undo`). */
  readonly journal?: string;
  /** What a baseline did in this run: checked against it, or written. */
  readonly baseline?: BaselineSummary;
}

/** One accepted site. Matched by `file` and `id` only: `kind`, `methods` and `status` are there for people. */
export interface BaselineEntry {
  /** Path from the baseline file's directory, with forward slashes. */
  readonly file: string;
  /** The site's fingerprint (see engine/fingerprint.ts): no line numbers, so unrelated edits keep it. */
  readonly id: string;
  readonly kind: FileSite['kind'];
  readonly methods: readonly string[];
  readonly status: 'legacy' | 'review';
}

export interface BaselineSummary {
  /** The baseline file, as given. */
  readonly file: string;
  readonly action: 'check' | 'write';
  /** Entries in the baseline (check: as read; write: as written). */
  readonly total: number;
  /** Sites of this run found in the baseline (check) or recorded in it (write). */
  readonly known: number;
  /** Sites of this run not in the baseline: the only ones a check fails on. */
  readonly new: number;
  /** Baseline entries of scanned files that are no longer legacy or review: the baseline can be tightened. */
  readonly fixed: readonly BaselineEntry[];
  /** Entries kept as they were: their files were not part of this run, or their method was not among --methods (write). */
  readonly kept: number;
}

/** Findings per severity, every severity present (a legacy payload is counted like the others, issue 17). */
export function countBySeverity(files: readonly FileResult[]): Record<Severity, number> {
  const out = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of files) for (const x of f.findings) out[x.severity]++;
  return out;
}

/** True when the run's changes were (meant to be) written: write mode, and --verify did not refuse. */
export function writes(result: RunResult): boolean {
  return result.mode === 'write' && !result.analysis.refused;
}

/**
 * 0 nothing left; 1 changes pending (check) or review needed; 2 the tool failed on something (issue 3). A dry run is
 * a preview whose patch is the answer: 0 once it is printed, so `dr-migrate --dry-run > p && git apply p` works
 * (issue 9); only a failure (2) stops that chain. `--check` is the status.
 */
export function exitCodeOf(mode: Mode, files: readonly FileReport[]): 0 | 1 | 2 {
  let code: 0 | 1 | 2 = 0;
  for (const f of files) {
    if (f.status === 'error' || f.findings.some((x) => x.severity === 'error')) return 2;
    if (mode === 'dry-run') continue;
    if (f.findings.some((x) => x.severity === 'review' || (mode === 'check' && x.severity === 'legacy'))) code = 1;
    if (mode !== 'write' && f.status === 'changed') code = 1;
  }
  return code;
}

/**
 * The exit code once a baseline has judged the sites: a run that failed (2: a --verify that could not run, a file
 * that could not be read) stays failed, since the baseline accepts sites, not failures of the tool (issue 16).
 */
export function afterBaseline(run: 0 | 1 | 2, sites: 0 | 1 | 2): 0 | 1 | 2 {
  return run === 2 ? 2 : sites;
}
