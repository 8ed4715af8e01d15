// The undo journal: every write run keeps the previous content of the files it changes, so `dr-migrate undo` can
// put them back unless they changed since (issue 9). Lives in `.dr-migrate/` at the repository root, ignored by git.

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { TextEncoding } from '../collect/encoding.js';
import { gitRoot } from '../git.js';

export const JOURNAL_DIR = '.dr-migrate';
/** Older runs are pruned when a new one starts. */
export const KEEP_RUNS = 20;

export interface JournalFile {
  /** From the journal's root (the repository root), forward slashes. */
  readonly path: string;
  /** sha256 of the content before and after the run. */
  readonly before: string;
  readonly after: string;
  readonly written: boolean;
  /** A file read as Windows-1252 (issue 17): its bytes are read and written back in that encoding. */
  readonly encoding?: TextEncoding;
}

export interface JournalRun {
  readonly id: string;
  readonly startedAt: string;
  readonly cwd: string;
  readonly files: readonly JournalFile[];
  /** Set once the run was undone (also in part). */
  readonly undoneAt?: string;
}

export interface Change {
  readonly abs: string;
  readonly before: string;
  readonly after: string;
  readonly encoding?: TextEncoding;
}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The repository root around `cwd` (or `cwd` outside a repository): where the journal lives. */
export async function journalRoot(cwd: string): Promise<string> {
  return (await gitRoot(cwd)) ?? resolve(cwd);
}

const runsDir = (root: string): string => join(root, JOURNAL_DIR, 'runs');
const posix = (p: string): string => p.split('\\').join('/');

async function writeJson(path: string, value: unknown): Promise<void> {
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`, 'utf8');
  await rename(tmp, path);
}

/** A run being recorded: the previous contents are on disk before the first file is written. */
export class RunRecorder {
  private constructor(
    private readonly root: string,
    private readonly run: JournalRun,
  ) {}

  static async start(root: string, cwd: string, changes: readonly Change[]): Promise<RunRecorder> {
    await mkdir(join(root, JOURNAL_DIR), { recursive: true });
    // Its own .gitignore keeps the journal out of `git status` and commits without touching the user's.
    await writeFile(join(root, JOURNAL_DIR, '.gitignore'), '*\n', 'utf8');
    await prune(root, KEEP_RUNS - 1);
    const startedAt = new Date().toISOString();
    const id = `${startedAt.replace(/[:.]/g, '-')}-${randomBytes(2).toString('hex')}`;
    const dir = join(runsDir(root), id);
    await mkdir(join(dir, 'before'), { recursive: true });
    const files: JournalFile[] = [];
    for (const c of changes) {
      const before = sha256(c.before);
      await writeFile(join(dir, 'before', before), c.before, 'utf8');
      files.push({ path: posix(relative(root, c.abs)), before, after: sha256(c.after), written: false, ...(c.encoding ? { encoding: c.encoding } : {}) });
    }
    const run: JournalRun = { id, startedAt, cwd: resolve(cwd), files };
    await writeJson(join(dir, 'run.json'), run);
    return new RunRecorder(root, run);
  }

  /** Marks what was written; a run that wrote nothing leaves no trace. */
  async finish(written: ReadonlySet<string>): Promise<string | undefined> {
    const dir = join(runsDir(this.root), this.run.id);
    const files = this.run.files.map((f) => ({ ...f, written: written.has(resolve(this.root, f.path)) }));
    if (!files.some((f) => f.written)) {
      await rm(dir, { recursive: true, force: true });
      return undefined;
    }
    await writeJson(join(dir, 'run.json'), { ...this.run, files });
    return this.run.id;
  }
}

/** Recorded runs, newest first. */
export async function listRuns(root: string): Promise<JournalRun[]> {
  const ids = await readdir(runsDir(root)).catch(() => [] as string[]);
  const runs: JournalRun[] = [];
  for (const id of ids.sort().reverse()) {
    try {
      runs.push(JSON.parse(await readFile(join(runsDir(root), id, 'run.json'), 'utf8')) as JournalRun);
    } catch {
      // An incomplete run directory (the process was killed while starting it): nothing to undo there.
    }
  }
  return runs;
}

async function prune(root: string, keep: number): Promise<void> {
  const ids = (await readdir(runsDir(root)).catch(() => [] as string[])).sort().reverse();
  for (const id of ids.slice(keep)) await rm(join(runsDir(root), id), { recursive: true, force: true });
}

export type UndoOutcome =
  | { readonly path: string; readonly result: 'restored' }
  | { readonly path: string; readonly result: 'already' }
  | { readonly path: string; readonly result: 'conflict'; readonly why: string };

export interface UndoResult {
  readonly run: JournalRun;
  readonly files: readonly UndoOutcome[];
}

/**
 * Puts back the previous content of every file of a run whose content is still what the run wrote. A file changed
 * since (by hand or by a later run) or deleted is left as it is and reported.
 */
export async function undoRun(
  root: string,
  run: JournalRun,
  restore: (abs: string, text: string, expected: string, encoding?: TextEncoding) => Promise<void>,
): Promise<UndoResult> {
  const dir = join(runsDir(root), run.id);
  const out: UndoOutcome[] = [];
  for (const f of run.files.filter((x) => x.written)) {
    const abs = resolve(root, f.path);
    const current = await readFile(abs, f.encoding === 'windows-1252' ? 'latin1' : 'utf8').catch(() => undefined);
    if (current === undefined) {
      out.push({ path: f.path, result: 'conflict', why: 'deleted since the run' });
      continue;
    }
    const hash = sha256(current);
    if (hash === f.before) {
      out.push({ path: f.path, result: 'already' });
      continue;
    }
    if (hash !== f.after) {
      out.push({ path: f.path, result: 'conflict', why: 'changed since the run' });
      continue;
    }
    try {
      const before = await readFile(join(dir, 'before', f.before), 'utf8');
      if (sha256(before) !== f.before) throw new Error('the saved copy is damaged');
      await restore(abs, before, current, f.encoding);
      out.push({ path: f.path, result: 'restored' });
    } catch (error) {
      out.push({ path: f.path, result: 'conflict', why: error instanceof Error ? error.message : String(error) });
    }
  }
  await writeJson(join(dir, 'run.json'), { ...run, undoneAt: new Date().toISOString() });
  return { run, files: out };
}
