// Reading user files safely: one reused buffer, no symbolic links followed, a size limit, and the encoding checked.

import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { asWindows1252, encodingOf, type TextEncoding } from './encoding.js';

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
