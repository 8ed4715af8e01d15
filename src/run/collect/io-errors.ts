// File-system error codes in the words a report uses: one short reason per code, the message otherwise.

const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOENT: 'the file disappeared during the run',
  EISDIR: 'is a directory',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large for the file system or the process limit',
  EROFS: 'read-only file system',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
  EIO: 'input/output error',
};

export function describeIoError(error: unknown): string {
  const e = error as NodeJS.ErrnoException | undefined;
  return (e?.code !== undefined ? REASONS[e.code] : undefined) ?? e?.message ?? String(error);
}
