// The write phase's adoption steps: the interactive choice of changes, and the undo journal around the writes.

import { notice } from '../../rules/notices.js';
import type { AdoptionOptions } from '../../adopt/options.js';
import type { TextEncoding } from '../collect/encoding.js';
import { journalRoot, RunRecorder } from './journal.js';
import { byPosition } from '../../engine/positions.js';
import type { FileFinding } from '../../engine/process-text.js';
import { DEFAULT_COMMAND } from '../command-name.js';

interface Candidate {
  readonly abs: string;
  readonly report: { readonly path: string; readonly findings: readonly FileFinding[] };
  readonly before?: string;
  readonly after?: string;
  readonly encoding?: TextEncoding;
}

/** The candidates the review accepts, in their order; all of them without a review. */
export async function chooseToWrite<T extends Candidate>(changed: readonly T[], options: AdoptionOptions, patchPath: (p: T) => string): Promise<T[]> {
  if (!options.review) return [...changed];
  const { gitPatch } = await import('../../report/patch.js');
  const accepted = await options.review(
    changed.map((p) => ({ path: p.report.path, diff: gitPatch(patchPath(p), p.before ?? '', p.after ?? ''), notes: reviewNotes(p.report) })),
  );
  return changed.filter((p) => accepted.has(p.report.path));
}

/** What the interactive review shows under a file's diff: its findings a person should read before applying it. */
function reviewNotes(report: Candidate['report']): string[] {
  return byPosition(report.findings)
    .filter((f) => f.severity === 'error' || f.severity === 'review' || f.severity === 'warning')
    .map((f) => `${report.path}:${f.line}:${f.column}  ${f.severity}  ${f.message}`);
}

/**
 * Records the previous content of the files about to be written. Failing to record (a read-only repository root)
 * does not stop the run: git still holds the previous content of committed files, and a notice says so.
 */
export async function startJournal(cwd: string, chosen: readonly Candidate[], options: AdoptionOptions, notices: string[], command = DEFAULT_COMMAND): Promise<RunRecorder | undefined> {
  if (options.journal === false || chosen.length === 0) return undefined;
  try {
    const root = await journalRoot(cwd);
    return await RunRecorder.start(root, cwd, chosen.map((p) => ({ abs: p.abs, before: p.before ?? '', after: p.after ?? '', ...(p.encoding ? { encoding: p.encoding } : {}) })));
  } catch (error) {
    notices.push(notice('journal-not-recorded', { why: error instanceof Error ? error.message : String(error), command }));
    return undefined;
  }
}

/** Marks which files were written; the journal entry's id, or undefined when nothing was recorded. */
export async function finishJournal(
  recorder: RunRecorder | undefined,
  written: Iterable<{ readonly abs: string }>,
  notices: string[],
  command = DEFAULT_COMMAND,
): Promise<string | undefined> {
  if (!recorder) return undefined;
  try {
    return await recorder.finish(new Set([...written].map((p) => p.abs)));
  } catch (error) {
    notices.push(notice('journal-not-completed', { why: error instanceof Error ? error.message : String(error), command }));
    return undefined;
  }
}
