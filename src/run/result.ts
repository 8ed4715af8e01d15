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
  /** Changes declined in the interactive review (write mode), present only when there are some. */
  readonly declined?: number;
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
   * which config, whether write mode refused to write because --verify found new errors, and whether --verify could
   * not type-check the project at all.
   */
  readonly analysis: { readonly programBuilt: boolean; readonly config?: string; readonly refused?: boolean; readonly verifyFailed?: boolean };
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
 * The exit code of a run, from its result alone (issue 16: one rule, no other place sets it). 2: the tool failed at
 * what was asked (a file it could not read or write, an error finding, a --verify that could not run or that refused
 * the write); a baseline accepts sites, never failures of the tool. Otherwise 1 when something needs attention:
 * `--check` with legacy code or changes pending, any mode with sites to review, write mode with changes declined in
 * the review (legacy code that remains); with a baseline, only sites it does not hold count. A dry run is a preview
 * whose patch is the answer: 0 once it is printed, so `dr-migrate --dry-run > p && git apply p` works (issue 9).
 */
export function exitCodeOf(result: Omit<RunResult, 'exitCode'>): 0 | 1 | 2 {
  const { mode, files, analysis, baseline, summary } = result;
  if (analysis.refused || analysis.verifyFailed) return 2;
  if (files.some((f) => f.status === 'error' || f.findings.some((x) => x.severity === 'error'))) return 2;
  if (mode === 'dry-run' || baseline?.action === 'write') return 0;
  if (baseline?.action === 'check') return baseline.new > 0 || summary.findings.review > 0 ? 1 : 0;
  const attention = files.some(
    (f) => f.findings.some((x) => x.severity === 'review' || (mode === 'check' && x.severity === 'legacy')) || (mode === 'check' && f.status === 'changed'),
  );
  return attention || (summary.declined ?? 0) > 0 ? 1 : 0;
}
