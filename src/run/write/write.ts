// The write phase (write mode only; --check and --dry-run never call it): the dirty-tree guard, the review's choice,
// the undo journal, and each chosen file written atomically. One file that cannot be written never stops the others.

import { notice } from '../../rules/notices.js';
import { relative, resolve } from 'node:path';
import { DirtyTreeError, FileChangedError } from '../../errors.js';
import { count } from '../../report/plural.js';
import type { RunContext } from '../collect/collect.js';
import type { RunCache } from '../collect/cached-scan.js';
import { toPosix } from '../collect/discover.js';
import type { Scanned } from '../collect/file-scanner.js';
import { writeAtomic } from './atomic.js';
import { describeIoError } from '../collect/io-errors.js';
import { dirtyFiles } from '../git.js';
import type { Repositories } from '../repositories.js';
import { chooseToWrite, finishJournal, startJournal } from './write-phase.js';

export interface WriteOutcome {
  readonly written: ReadonlySet<Scanned>;
  /** Files that could not be written, and why. */
  readonly failed: ReadonlyMap<Scanned, string>;
  /** Changes declined in the interactive review. */
  readonly declined: number;
  /** The undo journal entry of the run. */
  readonly journal?: string;
}

export const NOTHING_WRITTEN: WriteOutcome = { written: new Set(), failed: new Map(), declined: 0 };

export async function writePhase(ctx: RunContext, changed: readonly Scanned[], repos: Repositories, notices: string[], cache?: RunCache): Promise<WriteOutcome> {
  const { cwd, options } = ctx;
  if (changed.length === 0) return NOTHING_WRITTEN;
  if (changed.some((p) => !repos.root(p))) notices.push(notice('outside-git'));
  if (!options.force) {
    const dirty: string[] = [];
    for (const [root, mine] of repos.byRoot(changed)) {
      dirty.push(...(await dirtyFiles(root, mine.map((p) => p.abs))).map((d) => toPosix(relative(cwd, resolve(root, d)))));
    }
    if (dirty.length > 0) throw new DirtyTreeError(dirty);
  }
  const chosen = await chooseToWrite(changed, options, (p) => repos.patchPath(p));
  const started = performance.now();
  const declined = changed.length - chosen.length;
  const written = new Set<Scanned>();
  const failed = new Map<Scanned, string>();
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
  const journal = await finishJournal(recorder, written, notices, options.command);
  // A rewritten file holds what its entry does not describe (its time may not even have moved).
  cache?.forget([...written].flatMap((p) => [p.report.path, toPosix(relative(cwd, p.abs))]));
  options.clock?.add('write', performance.now() - started);
  if (declined > 0) notices.push(notice('declined', { changes: count(declined, 'change') }));
  return { written, failed, declined, ...(journal ? { journal } : {}) };
}
