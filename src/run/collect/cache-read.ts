// Reads a file's bytes for the cache (issue 14): the same safe open as the scanner's reader (no link followed, no
// FIFO blocked on), and the digest that keys the file's entry.

import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import type { Stamp } from './cache-store.js';
import { MAX_FILE_BYTES, READ_FLAGS } from './files.js';

export interface FileBytes {
  readonly bytes: Buffer;
  readonly hash: string;
  /** What the open file's status said, taken before its bytes were read. */
  readonly stamp: Stamp;
}

/** The stamp of a file's status. */
export function stampOf(info: Stats): Stamp {
  return { size: info.size, mtime: info.mtimeMs, ctime: info.ctimeMs, ino: info.ino };
}

/** Digest of a file's bytes: 128 bits of SHA-256, plenty to tell versions of one file apart. */
export function digest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/**
 * Reads plain files' bytes, digests, sizes and times through one reused buffer (the bytes it returns are valid until
 * the next read); undefined for anything the scanner reports rather than reads (a link, a special file, an oversized
 * file, an error), which is then never cached.
 */
export class CacheReader {
  private buffer = Buffer.allocUnsafe(256 * 1024);

  read(abs: string): FileBytes | undefined {
    let fd: number;
    try {
      fd = openSync(abs, READ_FLAGS);
    } catch {
      return undefined;
    }
    try {
      const info = fstatSync(fd);
      if (!info.isFile() || info.size > MAX_FILE_BYTES) return undefined;
      // One byte of room past the size: a read that fills it means the file grew while it was read.
      if (this.buffer.length <= info.size) this.buffer = Buffer.allocUnsafe(Math.max(info.size + 1, this.buffer.length * 2));
      const room = this.buffer.subarray(0, info.size + 1);
      let length = 0;
      for (;;) {
        const free = room.length - length;
        if (free === 0) return undefined;
        const n = readSync(fd, room, length, free, null);
        length += n;
        if (n < free) break;
      }
      // Grown or shrunk while being read: the scanner reads it again and the run leaves it out of the cache.
      if (length !== info.size) return undefined;
      const bytes = room.subarray(0, length);
      return { bytes, hash: digest(bytes), stamp: stampOf(info) };
    } catch {
      return undefined;
    } finally {
      closeSync(fd);
    }
  }
}
