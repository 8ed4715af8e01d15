// Reading and writing user files safely: encoding checks on read, atomic same-directory writes that keep the mode.

import { randomBytes } from 'node:crypto';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export type ReadOutcome =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'prefiltered' };

/** `ignoreBOM` keeps a byte-order mark in the text, so it is written back unchanged. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Files larger than this are reported and skipped: no hand-written checkout script is this big. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * Reads a file as UTF-8 text. `mightMatch` sees the raw bytes first, so files that cannot hold a call are never
 * decoded or parsed (the prefilter). Binary, UTF-16 and invalid UTF-8 files are skipped with a reason.
 */
export async function readSource(path: string, mightMatch: (bytes: Buffer) => boolean): Promise<ReadOutcome> {
  const bytes = await readFile(path);
  if (bytes.length > MAX_FILE_BYTES) return { kind: 'skip', reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB` };
  if (!mightMatch(bytes)) return { kind: 'prefiltered' };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { kind: 'skip', reason: 'UTF-16 encoded (only UTF-8 is supported)' };
  }
  if (bytes.subarray(0, 8192).includes(0)) return { kind: 'skip', reason: 'binary file' };
  try {
    return { kind: 'text', text: UTF8.decode(bytes) };
  } catch {
    return { kind: 'skip', reason: 'not valid UTF-8' };
  }
}

export class FileChangedError extends Error {}

/**
 * Replaces `path` with `text` atomically: a temporary file in the same directory, flushed, given the original's
 * mode, then renamed over it. Refuses when the file no longer holds `expected` (changed since it was read).
 */
export async function writeAtomic(path: string, text: string, expected: string): Promise<void> {
  const info = await stat(path);
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current !== expected) throw new FileChangedError('the file changed after it was read; not overwritten');
  const tmp = join(dirname(path), `.${basename(path)}.dr-migrate-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let handle;
  try {
    handle = await open(tmp, 'wx', info.mode & 0o7777);
    await handle.writeFile(text, 'utf8');
    await handle.chmod(info.mode & 0o7777);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(tmp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}
