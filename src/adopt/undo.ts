// `dr-migrate undo [run] [--list]`: restores the files of the latest (or the named) write run, as data for the CLI.

import { resolve } from 'node:path';
import { UsageError } from '../options.js';
import { writeAtomic } from '../run/write/atomic.js';
import { journalRoot, JOURNAL_DIR, listRuns, undoRun, type JournalRun, type UndoResult } from '../run/write/journal.js';
import { shownPath } from '../run/paths.js';
import { count } from '../report/plural.js';
import { DEFAULT_COMMAND } from '../run/command-name.js';

export interface UndoOptions {
  readonly cwd: string;
  /** A run id from `--list`; default: the latest run not undone yet. */
  readonly run?: string;
  /** The command the hints name (`npx dr-migrate` through npx); default `dr-migrate`. */
  readonly command?: string;
}

export interface UndoReport {
  readonly root: string;
  readonly result: UndoResult;
  readonly exitCode: 0 | 1;
}

export async function undo(options: UndoOptions): Promise<UndoReport> {
  const root = await journalRoot(options.cwd);
  const runs = await listRuns(root);
  let run: JournalRun | undefined;
  if (options.run !== undefined) {
    run = runs.find((r) => r.id === options.run);
    if (!run) throw new UsageError(`no run "${options.run}" in ${resolve(root, JOURNAL_DIR)} (see ${options.command ?? DEFAULT_COMMAND} undo --list)`);
  } else {
    run = runs.find((r) => r.undoneAt === undefined);
    if (!run) throw new UsageError(`nothing to undo: no write run recorded in ${resolve(root, JOURNAL_DIR)}${runs.length > 0 ? ' that is not undone yet' : ''}`);
  }
  const result = await undoRun(root, run, (abs, text, expected, encoding) => writeAtomic(abs, text, expected, undefined, encoding));
  return { root, result, exitCode: result.files.some((f) => f.result === 'conflict') ? 1 : 0 };
}

export function formatUndo(report: UndoReport, cwd: string): string {
  const { run, files } = report.result;
  const show = (p: string): string => shownPath(resolve(report.root, p), cwd);
  const lines = [`dr-migrate undo: run ${run.id} (${count(run.files.filter((f) => f.written).length, 'file')} written)`];
  for (const f of files) {
    if (f.result === 'restored') lines.push(`  restored      ${show(f.path)}`);
    else if (f.result === 'already') lines.push(`  unchanged     ${show(f.path)} (already holds its previous content)`);
    else lines.push(`  not restored  ${show(f.path)}: ${f.why}`);
  }
  const restored = files.filter((f) => f.result === 'restored').length;
  const conflicts = files.filter((f) => f.result === 'conflict').length;
  lines.push(`${conflicts > 0 ? '!' : '✔'} ${restored} restored, ${conflicts} not restored${conflicts > 0 ? ' (they changed after the run: restore them by hand or with git)' : ''}.`);
  return `${lines.join('\n')}\n`;
}

export async function formatRunList(cwd: string): Promise<string> {
  const root = await journalRoot(cwd);
  const runs = await listRuns(root);
  if (runs.length === 0) return `no write run recorded in ${resolve(root, JOURNAL_DIR)}\n`;
  return `${runs
    .map((r) => {
      const written = r.files.filter((f) => f.written);
      const state = r.undoneAt ? `undone ${r.undoneAt}` : 'can be undone';
      const first = written.slice(0, 3).map((f) => shownPath(resolve(root, f.path), cwd)).join(', ');
      return `${r.id}  ${count(written.length, 'file')}  ${state}  ${first}${written.length > 3 ? ', …' : ''}`;
    })
    .join('\n')}\n`;
}
