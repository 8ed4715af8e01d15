// Replacing a file the command keeps for itself (the --cache file, compile cache entries): written beside it under a
// name of its own, then renamed over it, so a reader never sees half of one. User files go through write/atomic.ts.

import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Writes `data` to `file` through a temporary file (created new, with `mode`); throws with nothing left behind. */
export function replaceFileSync(file: string, data: string | Uint8Array, mode = 0o666): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, data, { mode, flag: 'wx' });
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
