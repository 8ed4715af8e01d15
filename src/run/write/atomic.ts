// Writing user files safely (the write phase): atomic same-directory writes that keep the mode, never over a file that
// changed since it was read.

import { randomBytes } from 'node:crypto';
import { constants, unlinkSync, type Stats } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FileChangedError } from '../../errors.js';
import { encodeText, type TextEncoding } from '../collect/encoding.js';

// Re-exported from errors.ts, where every error class lives (issue 16).
export { FileChangedError };

/** The file-system calls `writeAtomic` makes; a test passes its own to inject a fault at a chosen step. */
export interface WriteFs {
  readonly access: (path: string, mode: number) => Promise<void>;
  readonly lstat: (path: string) => Promise<Stats>;
  readonly readFile: (path: string) => Promise<Buffer>;
  readonly open: (path: string, flags: string, mode: number) => Promise<fsp.FileHandle>;
  readonly rename: (from: string, to: string) => Promise<void>;
  readonly unlink: (path: string) => Promise<void>;
}

/** Temporary files being written right now: removed by `removeTemporaryFiles` when the process must stop at once. */
const inFlight = new Set<string>();

/**
 * Removes the temporary files of writes still in progress (a second Ctrl-C). Synchronous, so that it can run just
 * before the process exits; the originals are untouched, as nothing was renamed over them.
 */
export function removeTemporaryFiles(): void {
  for (const tmp of inFlight) {
    try {
      unlinkSync(tmp);
    } catch {
      // Already renamed into place or removed.
    }
  }
  inFlight.clear();
}

const NODE_FS: WriteFs = {
  access: (p, mode) => fsp.access(p, mode),
  lstat: (p) => fsp.lstat(p),
  readFile: (p) => fsp.readFile(p),
  open: (p, flags, mode) => fsp.open(p, flags, mode),
  rename: (a, b) => fsp.rename(a, b),
  unlink: (p) => fsp.unlink(p),
};

/**
 * Replaces `path` with `text` atomically: a temporary file in the same directory, written, given the original's
 * mode (and owner, where the process may set it), flushed, then renamed over it. Refuses, leaving the file as it
 * is, when the file no longer holds `expected`, is no longer a plain file, is read-only, or has other hard links;
 * the file's identity is checked again just before the rename. On any failure the temporary file is removed.
 */
export async function writeAtomic(path: string, text: string, expected: string, fs: WriteFs = NODE_FS, encoding: TextEncoding = 'utf-8'): Promise<void> {
  const before = await fs.lstat(path);
  refuseUnsafe(before);
  // Not writable by this user (EACCES): left alone, although the directory may allow a rename over it.
  await fs.access(path, constants.W_OK);
  const current = await fs.readFile(path);
  if (!current.equals(encodeText(expected, encoding))) throw new FileChangedError('the file changed after it was read');
  const bytes = encodeText(text, encoding);
  // The name stays well under the 255-byte limit of common file systems, whatever the original's length.
  const tmp = join(dirname(path), `.${basename(path).slice(0, 100)}.dr-migrate-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const mode = before.mode & 0o7777;
  let handle: fsp.FileHandle | undefined;
  let created = false;
  try {
    handle = await fs.open(tmp, 'wx', mode);
    created = true;
    inFlight.add(tmp);
    await handle.writeFile(bytes);
    await handle.chmod(mode);
    await keepOwner(handle, before);
    await handle.sync();
    await handle.close();
    handle = undefined;
    const now = await fs.lstat(path);
    if (!sameFile(before, now)) throw new FileChangedError('the file changed while it was being written');
    await fs.rename(tmp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (created) await fs.unlink(tmp).catch(() => undefined);
    throw error;
  } finally {
    inFlight.delete(tmp);
  }
}

function refuseUnsafe(info: Stats): void {
  if (info.isSymbolicLink()) throw new FileChangedError('the file became a symbolic link after it was read');
  if (!info.isFile()) throw new FileChangedError('the file is no longer a regular file');
  // Root may rename over anything: a file nobody may write is left alone whoever runs the tool.
  if ((info.mode & 0o222) === 0) throw new FileChangedError('the file is read-only');
  if (info.nlink > 1) throw new FileChangedError(`the file has ${info.nlink} hard links, which a rewrite would split`);
}

/** Root writing someone else's file gives the new file back to its owner; others cannot, and need not. */
async function keepOwner(handle: fsp.FileHandle, original: Stats): Promise<void> {
  const mine = await handle.stat();
  if (mine.uid === original.uid && mine.gid === original.gid) return;
  await handle.chown(original.uid, original.gid).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPERM' && error.code !== 'EINVAL') throw error;
  });
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}
