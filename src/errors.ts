// Every error class of dr-migrate, in one place (issue 16). The CLI maps them to exit codes in one catch (src/cli/main.ts):
// a UsageError is one line and exit 2; anything else is an InternalError, also exit 2, with its stack under --verbose.
// The others never reach the CLI: each is caught where a file is skipped or a fallback is taken.

import { count, noun } from './report/plural.js';

/** A mistake in how the tool was called: reported in one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Write mode found uncommitted changes in files it would rewrite. */
export class DirtyTreeError extends UsageError {
  constructor(readonly files: readonly string[]) {
    super(
      `refusing to write: ${count(files.length, 'file')} to be migrated ${noun(files.length, 'has', 'have')} uncommitted changes (${files.slice(0, 5).join(', ')}${files.length > 5 ? ', …' : ''}); commit or stash them first, or pass --force`,
    );
  }
}

/** Two edits of one file overlap; the file is left unchanged (engine/edits.ts). */
export class EditConflictError extends Error {}

/** The file is not as it was read (or cannot be replaced safely); it is left untouched. */
export class FileChangedError extends Error {}

/** The job was not run: threads cannot start in this process. */
export class ThreadsUnavailable extends Error {
  constructor() {
    super('worker threads cannot start in this process');
  }
}

/** A failure of dr-migrate itself (a bug, or an error it did not expect): exit code 2, stack trace under --verbose. */
export class InternalError extends Error {
  override readonly name = 'InternalError';

  /** Wraps anything thrown that is not one of ours; the original error stays as `cause`, with its stack. */
  static of(thrown: unknown): InternalError {
    if (thrown instanceof InternalError) return thrown;
    const error = new InternalError(thrown instanceof Error ? thrown.message : String(thrown), { cause: thrown });
    if (thrown instanceof Error && thrown.stack !== undefined) error.stack = thrown.stack;
    return error;
  }
}
