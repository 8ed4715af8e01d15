// `migrate()`: discover, read, migrate every file in memory, then (write mode) guard and write. Never exits.

import { relative, resolve } from 'node:path';
import type { Severity } from '../findings.js';
import { messageOf, severityOf } from '../findings.js';
import { mightContainBytes } from '../engine/migrate-source.js';
import { toEngineOptions, UsageError, type MigrationOptions } from '../options.js';
import type { MethodType } from '../rules/methods.js';
import { VERSION } from '../version.js';
import { DEFAULT_EXTENSIONS, discoverFiles, normalizeExtensions, toPosix } from './discover.js';
import { FileChangedError, readSource, writeAtomic } from './files.js';
import { describeIoError } from './io-errors.js';
import { dirtyFiles, gitRoot } from './git.js';
import { gitPatch } from './patch.js';
import { processText, type FileResult } from './process-text.js';
import { exitCodeOf, type FileReport, type Mode, type RunResult } from './result.js';

export interface RunOptions extends MigrationOptions {
  readonly paths?: readonly string[];
  readonly cwd?: string;
  readonly mode?: Mode;
  readonly extensions?: readonly string[];
  readonly ignore?: readonly string[];
  readonly gitignore?: boolean;
  /** Write even when files to be changed have uncommitted changes. */
  readonly force?: boolean;
  /** Files read at once. */
  readonly concurrency?: number;
  /** Called after each file is processed, with the count so far. */
  readonly onProgress?: (processed: number) => void;
  /** Aborting stops the write phase between two files; no file is ever left half-written. */
  readonly signal?: AbortSignal;
}

/** Write mode found uncommitted changes in files it would rewrite. */
export class DirtyTreeError extends UsageError {
  constructor(readonly files: readonly string[]) {
    super(
      `refusing to write: ${files.length} file(s) to be migrated have uncommitted changes (${files.slice(0, 5).join(', ')}${files.length > 5 ? ', …' : ''}); commit or stash them first, or pass --force`,
    );
  }
}

interface Pending {
  readonly report: FileResult;
  readonly abs: string;
  readonly before?: string;
  readonly after?: string;
}

export async function migrate(options: RunOptions = {}): Promise<RunResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const mode = options.mode ?? 'write';
  const engine = toEngineOptions(options);
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError('--concurrency must be a whole number of 1 or more');
  const extensions = normalizeExtensions(options.extensions ?? DEFAULT_EXTENSIONS);
  const pending: Pending[] = [];
  let scanned = 0;
  const files = discoverFiles({
    cwd,
    paths: options.paths && options.paths.length > 0 ? options.paths : ['.'],
    extensions,
    ignore: options.ignore ?? [],
    gitignore: options.gitignore ?? true,
    onUnreadable: (dir, code) => {
      // Counted as looked at: it may hold files to migrate that this run could not see.
      scanned++;
      pending.push({ abs: resolve(cwd, dir), report: failedReport(dir, 'folder-error', describeIoError({ code })) });
    },
  });

  const processOne = async (path: string): Promise<void> => {
    const abs = resolve(cwd, path);
    scanned++;
    let read: Awaited<ReturnType<typeof readSource>> | undefined;
    try {
      read = await readSource(abs, mightContainBytes);
    } catch (error) {
      pending.push({ abs, report: failedReport(path, 'file-error', describeIoError(error)) });
    }
    if (read?.kind === 'skip') pending.push({ abs, report: emptyReport(path, 'skipped', read.reason) });
    else if (read?.kind === 'text') {
      // A defect in the engine on one file (even a stack overflow on absurdly nested code) never stops the run.
      try {
        const { result, output } = processText(path, read.text, engine);
        pending.push(output !== undefined ? { abs, report: result, before: read.text, after: output } : { abs, report: result });
      } catch (error) {
        pending.push({ abs, report: failedReport(path, 'internal-error', error instanceof Error ? error.message : String(error)) });
      }
    }
    // A prefiltered file cannot hold a call the engine would handle: counted as scanned and unchanged.
    options.onProgress?.(scanned);
  };
  await pool(files, concurrency, processOne, options.signal);
  if (scanned === 0 && !options.signal?.aborted) throw new UsageError(noFilesMessage(options.paths, extensions));

  pending.sort((a, b) => (a.report.path < b.report.path ? -1 : a.report.path > b.report.path ? 1 : 0));
  const changed = pending.filter((p) => p.after !== undefined);
  const notices: string[] = [];
  const root = changed.length > 0 ? await gitRoot(cwd) : undefined;
  const patchPath = (abs: string): string => toPosix(relative(root ?? cwd, abs));
  const written = new Set<Pending>();
  const failed = new Map<Pending, string>();

  if (options.signal?.aborted) notices.push('interrupted: files not yet written were left as they were');
  if (mode === 'write' && changed.length > 0) {
    if (!root) notices.push('not inside a git repository: files are rewritten without a way to review or revert them');
    else if (!options.force) {
      const dirty = await dirtyFiles(root, changed.map((p) => p.abs));
      if (dirty.length > 0) throw new DirtyTreeError(dirty);
    }
    for (const p of changed) {
      if (options.signal?.aborted) {
        failed.set(p, 'not written: the run was interrupted');
        continue;
      }
      try {
        await writeAtomic(p.abs, p.after as string, p.before as string);
        written.add(p);
      } catch (error) {
        failed.set(p, error instanceof FileChangedError ? error.message : describeIoError(error));
      }
    }
  }

  const reports: FileReport[] = [];
  for (const p of pending) {
    let report: FileReport = p.report;
    if (p.after !== undefined) report = { ...report, diff: gitPatch(patchPath(p.abs), p.before as string, p.after) };
    const why = failed.get(p);
    // Not on disk: its payloads do not count as migrated in the summary.
    if (why) report = { ...report, status: 'error', written: false, migrated: {}, findings: [...report.findings, fileError(why)] };
    else if (written.has(p)) report = { ...report, written: true };
    if (isInteresting(report)) reports.push(report);
  }
  return {
    tool: 'dr-migrate',
    version: VERSION,
    mode,
    cwd,
    exitCode: exitCodeOf(mode, reports),
    summary: summarize(reports, scanned, written.size),
    files: reports,
    notices,
  };
}

function isInteresting(r: FileReport): boolean {
  return r.status !== 'unchanged' || r.findings.length > 0 || r.sites.length > 0;
}

function summarize(reports: readonly FileReport[], scanned: number, written: number): RunResult['summary'] {
  const findings: Record<Severity, number> = { error: 0, review: 0, warning: 0, info: 0 };
  const payloads: Partial<Record<MethodType, number>> = {};
  let changed = 0;
  let skipped = 0;
  let errored = 0;
  for (const r of reports) {
    if (r.status === 'changed') changed++;
    else if (r.status === 'skipped') skipped++;
    else if (r.status === 'error') errored++;
    for (const f of r.findings) findings[f.severity]++;
    for (const [m, n] of Object.entries(r.migrated)) payloads[m as MethodType] = (payloads[m as MethodType] ?? 0) + (n ?? 0);
  }
  return { scanned, changed, unchanged: scanned - changed - skipped - errored, skipped, errored, written, payloads, findings };
}

function emptyReport(path: string, status: 'skipped', reason: string): FileResult {
  return { path, status, reason, findings: [], sites: [], edits: [], migrated: {} };
}

type FailureId = 'file-error' | 'internal-error' | 'folder-error';

function fileError(why: string, id: FailureId = 'file-error'): FileResult['findings'][number] {
  const data = { why };
  return { id, severity: severityOf(id), line: 1, column: 1, message: messageOf(id, data), data };
}

function failedReport(path: string, id: FailureId, why: string): FileResult {
  return { path, status: 'error', findings: [fileError(why, id)], sites: [], edits: [], migrated: {} };
}

function noFilesMessage(paths: readonly string[] | undefined, extensions: readonly string[]): string {
  const where = paths && paths.length > 0 ? paths.join(', ') : 'the current directory';
  return `no files to scan in ${where} (extensions: ${extensions.join(', ')}; ignored folders and .gitignore rules apply)`;
}

/** Runs `work` over an async stream of items with at most `limit` in flight; takes no new item once aborted. */
async function pool<T>(items: AsyncIterable<T>, limit: number, work: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  const running = new Set<Promise<void>>();
  for await (const item of items) {
    if (signal?.aborted) break;
    const p = work(item).finally(() => running.delete(p));
    running.add(p);
    if (running.size >= limit) await Promise.race(running);
  }
  await Promise.all(running);
}
