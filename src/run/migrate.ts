// `migrate()`: a run in four phases, collect → settle → (write mode only) write → result. Never exits the process.

import { notice } from '../rules/notices.js';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { finishAdoption, prepareAdoption } from '../adopt/options.js';
import { narrow } from '../adopt/git-scope.js';
import { byPosition } from '../engine/positions.js';
import { DirtyTreeError } from '../errors.js';
import { toEngineOptions } from '../options.js';
import { count } from '../report/plural.js';
import type { MethodType } from '../rules/methods.js';
import { VERSION } from '../version.js';
import { collect, type RunContext } from './collect/collect.js';
import { asPending, fileError, isInteresting } from './file-reports.js';
import { Repositories } from './repositories.js';
import { countBySeverity, exitCodeOf, type FileReport, type Mode, type RunResult } from './result.js';
import { checkConcurrency, type RunOptions } from './run-options.js';
import { settle, type Settled } from './settle/settle.js';
import { NOTHING_WRITTEN, writePhase, type WriteOutcome } from './write/write.js';

export type { RunOptions };

// Re-exported from errors.ts, where every error class lives (issue 16).
export { DirtyTreeError };

export async function migrate(options: RunOptions = {}): Promise<RunResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const mode = options.mode ?? 'write';
  const paths = options.paths && options.paths.length > 0 ? options.paths : options.list ? [] : ['.'];
  const ctx: RunContext = { cwd, engine: toEngineOptions(options), paths, options };
  const threads = parserThreads(options.concurrency);
  const prepared = await prepareAdoption(cwd, mode, options);

  // A git scope narrows what is collected; the paths it lets through are noted only for a baseline, which must know
  // what the run looked at.
  const inScope = new Set<string>();
  const noted = prepared.only !== undefined || prepared.baseline !== undefined || options.writeBaseline !== undefined;
  const collected = await collect(ctx, {
    narrow: (found) => (noted ? narrow(found, prepared.only, inScope) : found),
    scoped: prepared.only !== undefined,
    ...(prepared.staged ? { contents: prepared.staged } : {}),
  }, threads);
  const settled = await settle(ctx, collected);
  const { analysed } = settled;
  // --verify found errors the migration would introduce: write mode writes nothing unless --force (issue 5).
  const refused = mode === 'write' && ((analysed?.newDiagnostics ?? 0) > 0 || !!analysed?.verifyFailed) && !options.force;
  // A pattern that left nothing out is most likely a mistake in it, but not one that stops the run.
  const notices: string[] = [...collected.unmatched.map((u) => notice('ignore-unmatched', { source: u.source, pattern: u.pattern })), ...(analysed?.notices ?? [])];
  const changed = settled.pending.filter((p) => p.after !== undefined);
  const repos = await Repositories.of(changed, cwd);

  if (options.signal?.aborted) notices.push(notice('interrupted'));
  let outcome: WriteOutcome = NOTHING_WRITTEN;
  if (refused) {
    notices.push(
      analysed?.verifyFailed
        ? notice('nothing-written-verify-failed')
        : notice('nothing-written-type-errors', { errors: count(analysed?.newDiagnostics ?? 0, 'TypeScript error') }),
    );
  } else if (mode === 'write') {
    outcome = await writePhase(ctx, changed, repos, notices, collected.cache);
  }
  if (!options.signal?.aborted) collected.cache?.save();

  const reports = await fileReports(ctx, mode, settled, outcome, refused, repos);
  const result: Omit<RunResult, 'exitCode'> = {
    tool: 'dr-migrate',
    version: VERSION,
    mode,
    cwd,
    summary: { ...summarize(reports, settled.scanned, outcome.written.size), ...(outcome.declined > 0 ? { declined: outcome.declined } : {}) },
    files: reports,
    notices,
    analysis: {
      programBuilt: analysed?.programBuilt ?? false,
      ...(analysed?.config ? { config: analysed.config } : {}),
      ...(refused ? { refused } : {}),
      // A --verify that could not run fails what was asked (exit 2), --force or not.
      ...(analysed?.verifyFailed ? { verifyFailed: true } : {}),
    },
    ...(outcome.journal ? { journal: outcome.journal } : {}),
  };
  return finishAdoption({ ...result, exitCode: exitCodeOf(result) }, options, prepared, inScope);
}

/** Each file's report as the run left it: written, failed, declined in the review, or legacy code that remains. */
async function fileReports(ctx: RunContext, mode: Mode, settled: Settled, outcome: WriteOutcome, refused: boolean, repos: Repositories): Promise<FileReport[]> {
  // The diff library is loaded only when there is something to diff (issue 7: start-up cost).
  const gitPatch = settled.pending.some((p) => p.after !== undefined) ? (await import('../report/patch.js')).gitPatch : undefined;
  const reports: FileReport[] = [];
  for (const p of settled.pending) {
    let report: FileReport = p.report;
    const why = outcome.failed.get(p);
    const written = outcome.written.has(p);
    // Not on disk: its payloads do not count as migrated in the summary.
    if (why) report = { ...report, status: 'error', written: false, migrated: {}, findings: [...report.findings, fileError(why)] };
    else if (written) report = { ...report, written: true };
    // Left as it was by the review: unchanged on disk, its diff kept to show what was declined.
    else if (mode === 'write' && !refused && p.after !== undefined) report = { ...report, status: 'unchanged', reason: 'not applied: skipped in the review', migrated: {}, written: false };
    // What is not on disk after this run is legacy code that remains (issue 17).
    if (!written) report = asPending(report);
    if (!isInteresting(report) && !ctx.options.explain) continue;
    // The path the patch shows is also the one CI annotations and SARIF need: from the repository root (issue 17).
    report = { ...report, findings: byPosition(report.findings), repoPath: await repos.repoPath(p) };
    const after = p.after;
    if (after !== undefined && gitPatch) report = withDiff(report, () => gitPatch(repos.patchPath(p), p.before as string, after));
    reports.push(report);
  }
  return reports;
}

/**
 * `diff` is computed when first read (and then kept): a --check or --format github run never reads it, and on
 * thousands of changed files the diffs cost a twentieth of the run (issue 7). JSON output and dry-run read it as before.
 */
function withDiff(report: FileReport, make: () => string): FileReport {
  let diff: string | undefined;
  return Object.defineProperty({ ...report }, 'diff', { enumerable: true, get: () => (diff ??= make()) });
}

function summarize(reports: readonly FileReport[], scanned: number, written: number): RunResult['summary'] {
  const findings = countBySeverity(reports);
  const payloads: Partial<Record<MethodType, number>> = {};
  let changed = 0;
  let skipped = 0;
  let errored = 0;
  for (const r of reports) {
    if (r.status === 'changed') changed++;
    else if (r.status === 'skipped') skipped++;
    else if (r.status === 'error') errored++;
    for (const [m, n] of Object.entries(r.migrated)) payloads[m as MethodType] = (payloads[m as MethodType] ?? 0) + (n ?? 0);
  }
  return { scanned, changed, unchanged: scanned - changed - skipped - errored, skipped, errored, written, payloads, findings };
}


/**
 * Parser threads for a large run: as asked (0: parse on the main thread), but never more than the CPUs; by default one
 * less than the CPUs, at least one. One CPU
 * is left to the main thread, which reads, and to V8's own helper threads (garbage collection, compilation), as
 * jscodeshift leaves one: on two CPUs a second parser thread costs 40% more CPU time for no gain (issue 7).
 */
function parserThreads(asked: number | undefined): number {
  const cpus = availableParallelism();
  if (asked === undefined) return Math.max(1, cpus - 1);
  checkConcurrency(asked);
  return Math.min(asked, Math.max(1, cpus));
}
