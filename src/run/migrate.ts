// `migrate()`: discover, read, migrate every file in memory, then (write mode) guard and write. Never exits.

import { availableParallelism } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import { finishAdoption, prepareAdoption, type AdoptionOptions } from '../adopt/options.js';
import { narrow } from '../adopt/git-scope.js';
import { chooseToWrite, finishJournal, startJournal } from './write/write-phase.js';
import { DirtyTreeError, FileChangedError, UsageError } from '../errors.js';
import { toEngineOptions, type MigrationOptions } from '../options.js';
import type { MethodType } from '../rules/methods.js';
import { VERSION } from '../version.js';
import { DEFAULT_EXTENSIONS, discoverFiles, noFilesMessage, normalizeExtensions, toPosix } from './collect/discover.js';
import { analysisDemand } from './settle/analysis-gate.js';
import { asPending, failedReport, fileError, isInteresting } from './file-reports.js';
import { byPosition } from '../engine/positions.js';
import type { Scanned } from './collect/file-scanner.js';
import { writeAtomic } from './collect/files.js';
import { legacyEncodingOf, legacyOutcome } from './collect/legacy-encoding.js';
import { scan as scanFiles } from './collect/scan.js';
import { nameServerPayloads } from './settle/server-payloads.js';
import { describeIoError } from './collect/io-errors.js';
import { dirtyFiles, GitRoots } from './git.js';
import { fromRepositoryRoot } from './paths.js';
import { countBySeverity, exitCodeOf, type FileReport, type Mode, type RunResult } from './result.js';
import type { IgnoreList, UnmatchedIgnore } from './collect/user-ignores.js';
import type { FileList } from './collect/file-list.js';
import { timed, type Clock } from './timings.js';
import type { CacheOptions } from './collect/cached-scan.js';
import { count } from '../report/plural.js';

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

// Re-exported from errors.ts, where every error class lives (issue 16).
export { DirtyTreeError };

type Pending = Scanned;

export async function migrate(options: RunOptions = {}): Promise<RunResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const mode = options.mode ?? 'write';
  const engine = toEngineOptions(options);
  const threads = parserThreads(options.concurrency);
  const extensions = normalizeExtensions(options.extensions ?? DEFAULT_EXTENSIONS);
  const paths = options.paths && options.paths.length > 0 ? options.paths : options.list ? [] : ['.'];
  const pending: Pending[] = [];
  const prepared = await prepareAdoption(cwd, mode, options);
  const inScope = new Set<string>();
  let unreadable = 0;
  let unmatched: readonly UnmatchedIgnore[] = [];
  const clock = options.clock;
  const walk = discoverFiles({
    cwd,
    paths,
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
  // The paths let through are noted only for a baseline, which must know what the run looked at.
  const noted = prepared.only !== undefined || prepared.baseline !== undefined || options.writeBaseline !== undefined;
  // Loaded only when asked for, like everything a plain run does not need (issue 7).
  const cache = options.cache ? new (await import('./collect/cached-scan.js')).RunCache(options.cache, cwd) : undefined;
  const scanOptions = {
    cwd,
    engine,
    keepAll: !!options.explain,
    ...(prepared.staged ? { contents: prepared.staged } : {}),
    threads,
    ...(options.onProgress ? { onProgress: (n: number) => options.onProgress?.(n + unreadable) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(clock ? { clock } : {}),
  };
  const toScan = noted ? narrow(found, prepared.only, inScope) : found;
  const scan = cache ? await cache.scan(toScan, scanOptions) : await scanFiles(toScan, scanOptions);
  pending.push(...scan.files);
  let scanned = scan.scanned + unreadable;
  // Nothing to scan is a mistake (issue 8), unless a git scope left nothing in it: a commit without scripts passes.
  if (scanned === 0 && prepared.only === undefined && !options.signal?.aborted && pending.length === 0) throw new UsageError(noFilesMessage(options.list ? `the list read from ${options.list.source}` : options.paths, extensions));

  // The type-aware step (and the parser it brings) is loaded only when the files ask for it, or --verify does.
  const kept = pending.flatMap((p) => (p.read ? [{ abs: p.abs, rel: p.report.path, text: p.read.text, outcome: p.read.outcome }] : []));
  const demand = analysisDemand(kept);
  const analysisStarted = performance.now();
  const step = demand.deferred || options.verify ? (await import('./settle/analysis-step.js')).analysisStep : undefined;
  const analysed = await step?.({
    cwd,
    roots: [...paths, ...(options.list?.paths ?? [])].map((p) => resolve(cwd, p)),
    engine,
    verify: options.verify ?? false,
    files: kept,
    demand,
    discovered: scan.seen.slice().sort(),
  });
  clock?.add('analysis', performance.now() - analysisStarted);
  if (analysed) {
    const discovered = new Set(scan.seen);
    const byAbs = new Map(pending.map((p, i) => [p.abs, i]));
    for (const f of analysed.files) {
      const at = byAbs.get(f.abs);
      // A Windows-1252 file keeps its encoding, and its guard, when the type-aware step plans it again (issue 17).
      const encoding = at !== undefined ? pending[at]?.encoding : await legacyEncodingOf(f.abs);
      const { result, output } = encoding === 'windows-1252' ? legacyOutcome(f.outcome, f.text) : f.outcome;
      const next: Pending =
        output !== undefined ? { abs: f.abs, report: result, before: f.text, after: output, ...(encoding ? { encoding } : {}) } : { abs: f.abs, report: result };
      if (!discovered.has(f.abs)) scanned++;
      if (at === undefined) pending.push(next);
      else pending[at] = next;
    }
  }
  // --verify found errors the migration would introduce: write mode writes nothing unless --force (issue 5).
  const refused = mode === 'write' && ((analysed?.newDiagnostics ?? 0) > 0 || !!analysed?.verifyFailed) && !options.force;
  // A pattern that left nothing out is most likely a mistake in it, but not one that stops the run.
  const notices: string[] = [...unmatched.map((u) => `${u.source} ${JSON.stringify(u.pattern)} matched no file`), ...(analysed?.notices ?? [])];
  // Server-fed payloads are reviewed where they are sent, naming the PHP files that build payload arrays (issue 13).
  const named = nameServerPayloads(pending.map((p) => p.report));
  pending.forEach((p, i) => {
    const report = named[i];
    if (report && report !== p.report) pending[i] = { ...p, report };
  });

  pending.sort((a, b) => (a.report.path < b.report.path ? -1 : a.report.path > b.report.path ? 1 : 0));
  const changed = pending.filter((p) => p.after !== undefined);
  // Each changed file answers to its own repository: the one around it, not the one around the working directory.
  const gitRoots = new GitRoots();
  const rootOf = new Map<Pending, string | undefined>();
  for (const p of changed) rootOf.set(p, await gitRoots.of(dirname(p.abs)));
  const patchPath = (p: Pending): string => fromRepositoryRoot(rootOf.get(p), cwd, p.abs);
  // The diff library is loaded only when there is something to diff (issue 7: start-up cost).
  const gitPatch = changed.length > 0 ? (await import('../report/patch.js')).gitPatch : undefined;
  const written = new Set<Pending>();
  const failed = new Map<Pending, string>();
  let skipped = 0;
  let journal: string | undefined;

  if (options.signal?.aborted) notices.push('interrupted: files not yet written were left as they were');
  if (refused) {
    notices.push(
      analysed?.verifyFailed
        ? 'nothing written: --verify could not type-check the project; fix that first or pass --force'
        : `nothing written: the migration would introduce ${count(analysed?.newDiagnostics ?? 0, 'TypeScript error')} (listed above); fix them first or pass --force`,
    );
  } else if (mode === 'write' && changed.length > 0) {
    if (changed.some((p) => !rootOf.get(p))) notices.push('not inside a git repository: git cannot show or revert these changes; only the undo journal can');
    if (!options.force) {
      const dirty: string[] = [];
      for (const root of new Set([...rootOf.values()].filter((r): r is string => r !== undefined))) {
        const mine = changed.filter((p) => rootOf.get(p) === root).map((p) => p.abs);
        dirty.push(...(await dirtyFiles(root, mine)).map((d) => toPosix(relative(cwd, resolve(root, d)))));
      }
      if (dirty.length > 0) throw new DirtyTreeError(dirty);
    }
    const chosen = await chooseToWrite(changed, options, patchPath);
    const writeStarted = performance.now();
    skipped = changed.length - chosen.length;
    const recorder = await startJournal(cwd, chosen, options, notices, options.command);
    for (const p of chosen) {
      if (options.signal?.aborted) {
        failed.set(p, 'not written: the run was interrupted');
        continue;
      }
      try {
        await writeAtomic(p.abs, p.after as string, p.before as string, undefined, p.encoding);
        written.add(p);
      } catch (error) {
        failed.set(p, error instanceof FileChangedError ? error.message : describeIoError(error));
      }
    }
    journal = await finishJournal(recorder, written, notices, options.command);
    // A rewritten file holds what its entry does not describe (its time may not even have moved).
    cache?.forget([...written].flatMap((p) => [p.report.path, toPosix(relative(cwd, p.abs))]));
    clock?.add('write', performance.now() - writeStarted);
    if (skipped > 0) notices.push(`${count(skipped, 'change')} not applied: skipped in the review`);
  }

  if (!options.signal?.aborted) cache?.save();

  const reports: FileReport[] = [];
  for (const p of pending) {
    let report: FileReport = p.report;
    const why = failed.get(p);
    // Not on disk: its payloads do not count as migrated in the summary.
    if (why) report = { ...report, status: 'error', written: false, migrated: {}, findings: [...report.findings, fileError(why)] };
    else if (written.has(p)) report = { ...report, written: true };
    // Left as it was by the review: unchanged on disk, its diff kept to show what was declined.
    else if (mode === 'write' && !refused && p.after !== undefined) report = { ...report, status: 'unchanged', reason: 'not applied: skipped in the review', migrated: {}, written: false };
    // What is not on disk after this run is legacy code that remains (issue 17).
    if (!written.has(p)) report = asPending(report);
    if (!isInteresting(report) && !options.explain) continue;
    // The path the patch shows is also the one CI annotations and SARIF need: from the repository root (issue 17).
    const root = rootOf.has(p) ? rootOf.get(p) : await gitRoots.of(dirname(p.abs));
    report = { ...report, findings: byPosition(report.findings), repoPath: fromRepositoryRoot(root, cwd, p.abs) };
    const after = p.after;
    if (after !== undefined && gitPatch) report = withDiff(report, () => gitPatch(patchPath(p), p.before as string, after));
    reports.push(report);
  }
  const outcome: Omit<RunResult, 'exitCode'> = {
    tool: 'dr-migrate',
    version: VERSION,
    mode,
    cwd,
    summary: { ...summarize(reports, scanned, written.size), ...(skipped > 0 ? { declined: skipped } : {}) },
    files: reports,
    notices,
    analysis: {
      programBuilt: analysed?.programBuilt ?? false,
      ...(analysed?.config ? { config: analysed.config } : {}),
      ...(refused ? { refused } : {}),
      // A --verify that could not run fails what was asked (exit 2), --force or not.
      ...(analysed?.verifyFailed ? { verifyFailed: true } : {}),
    },
    ...(journal ? { journal } : {}),
  };
  return finishAdoption({ ...outcome, exitCode: exitCodeOf(outcome) }, options, prepared, inScope);
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
  if (!Number.isInteger(asked) || asked < 0) throw new UsageError('--concurrency must be a whole number of 0 or more');
  return Math.min(asked, Math.max(1, cpus));
}
