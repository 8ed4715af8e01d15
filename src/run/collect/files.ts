// Reading and writing user files safely: encoding checks on read, atomic same-directory writes that keep the mode.

import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, unlinkSync, type Stats } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FileChangedError } from '../../errors.js';
import { asWindows1252, encodeText, encodingOf, type TextEncoding } from './encoding.js';

export type ReadOutcome =
  | { readonly kind: 'text'; readonly text: string; readonly encoding?: TextEncoding }
  /** `mentions`: the bytes hold a prefilter word, so a call may be in them (issue 17: such a skip fails the check). */
  | { readonly kind: 'skip'; readonly reason: string; readonly mentions?: boolean }
  | { readonly kind: 'prefiltered' };

/** `ignoreBOM` keeps a byte-order mark in the text, so it is written back unchanged. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Files larger than this are reported and skipped: no hand-written checkout script is this big. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * Opening never follows a final symbolic link (a link is reported, not replaced by a file) and never blocks on a
 * FIFO or device (issue 8). The flags are absent on Windows, where `lstat` alone guards.
 */
export const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Reads files as UTF-8 text, one after another, through one reusable buffer: synchronous reads of small files cost a
 * fraction of the promise-based ones, and nothing is copied for the many files the prefilter drops (issue 7).
 * `mightMatch` sees the raw bytes first, so files that cannot hold a call are never decoded or parsed. Links, special
 * files, oversized, binary, non-UTF-8 and invalid UTF-8 files are skipped with a reason; the size is checked before
 * anything is read.
 */
export class SourceReader {
  private buffer: Buffer = Buffer.allocUnsafe(256 * 1024);

  read(path: string, mightMatch: (bytes: Buffer) => boolean): ReadOutcome {
    let fd: number;
    try {
      fd = openSync(path, READ_FLAGS);
    } catch (error) {
      // A link (or swapped for one after it was listed): O_NOFOLLOW refuses it.
      if ((error as NodeJS.ErrnoException).code === 'ELOOP') return LINK;
      throw error;
    }
    let length = 0;
    try {
      const info = fstatSync(fd);
      if (!info.isFile()) return { kind: 'skip', reason: 'not a regular file' };
      if (info.size > MAX_FILE_BYTES) return tooLarge();
      if (this.buffer.length <= info.size) this.buffer = Buffer.allocUnsafe(Math.min(Math.max(info.size + 1, this.buffer.length * 2), MAX_FILE_BYTES + 1));
      // To the end, whatever the size said (the file may grow while it is read), but never past the limit. A read
      // that returns less than it was asked for has reached the end, which saves the read that would return nothing.
      for (;;) {
        if (length === this.buffer.length) {
          if (length > MAX_FILE_BYTES) return tooLarge();
          this.buffer = grow(this.buffer, length);
        }
        const room = this.buffer.length - length;
        const n = readSync(fd, this.buffer, length, room, null);
        length += n;
        if (n < room) break;
      }
    } finally {
      closeSync(fd);
    }
    return this.decode(this.buffer.subarray(0, length), mightMatch);
  }

  /** The same checks on bytes from elsewhere (the git index): size, encoding, prefilter, UTF-8. */
  decode(bytes: Buffer, mightMatch: (bytes: Buffer) => boolean): ReadOutcome {
    if (bytes.length > MAX_FILE_BYTES) return tooLarge();
    const encoding = encodingOf(bytes, mightMatch);
    if (encoding.kind !== 'utf8') return encoding;
    if (!mightMatch(bytes)) return { kind: 'prefiltered' };
    try {
      return { kind: 'text', text: UTF8.decode(bytes) };
    } catch {
      // Old PHP/Magento templates are often Latin-1 or Windows-1252 (issue 17): read one byte per character.
      const legacy = asWindows1252(bytes);
      return legacy !== undefined ? { kind: 'text', text: legacy, encoding: 'windows-1252' } : { kind: 'skip', reason: 'not valid UTF-8', mentions: true };
    }
  }
}

const LINK: ReadOutcome = { kind: 'skip', reason: 'symbolic link (not followed; run dr-migrate on its target)' };

/** Twice the room, but never more than one byte past the limit (enough to know a file is over it). */
function grow(buffer: Buffer, used: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_FILE_BYTES + 1));
  buffer.copy(bigger, 0, 0, used);
  return bigger;
}

const shared = new SourceReader();

/** One file read as `SourceReader` reads it, for callers outside the scan (the type-aware step, the inventory). */
export async function readSource(path: string, mightMatch: (bytes: Buffer) => boolean): Promise<ReadOutcome> {
  return shared.read(path, mightMatch);
}

function tooLarge(): ReadOutcome {
  return { kind: 'skip', reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB` };
}

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
