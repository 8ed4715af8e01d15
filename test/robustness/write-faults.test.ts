// Faults on the write side (issue 8): files changed, removed or replaced between reading and writing, read-only
// and hard-linked files, a full disk, failed renames and flushes. Either the complete old or the complete new
// text is on disk afterwards, and no temporary file is left. Real files; a fault is injected into the file-system
// calls only where it cannot be provoked for real (a failing rename, a write failing half-way).

import { chmodSync, chownSync, linkSync, lstatSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileChangedError, removeTemporaryFiles, writeAtomic, type WriteFs } from '../../src/run/write/atomic.js';
import { migrate } from '../../src/run/migrate.js';
import type { RunResult } from '../../src/run/result.js';
import { legacy, migrated, put, runCli, tempDir, tempLeftovers } from './helpers.js';

const NAMES = ['a.js', 'b.js', 'c.js'];
const why = (r: RunResult, path: string): string[] =>
  (r.files.find((f) => f.path === path)?.findings ?? []).filter((f) => f.id === 'file-error').map((f) => f.data.why ?? '');

/** Three legacy files; `meddle` runs once every file has been read and before anything is written. */
async function writeWith(meddle: (dir: string) => void): Promise<{ dir: string; r: RunResult }> {
  const dir = tempDir();
  for (const n of NAMES) put(dir, n, legacy(n));
  let done = 0;
  // Progress is reported after each file; the last report comes once all of them have been read.
  const r = await migrate({ cwd: dir, mode: 'write', onProgress: () => ++done === NAMES.length && meddle(dir) });
  return { dir, r };
}

function expectOthersWritten(dir: string, r: RunResult, except: string): void {
  for (const n of NAMES.filter((x) => x !== except)) expect(readFileSync(join(dir, n), 'utf8')).toBe(migrated(legacy(n)));
  expect(r.summary.written).toBe(NAMES.length - 1);
  expect(r.exitCode).toBe(2);
  expect(tempLeftovers(dir)).toEqual([]);
}

describe('between reading and writing', () => {
  it('never overwrites a file changed since it was read', async () => {
    const theirs = `${legacy('b.js')}// edited by someone else\n`;
    const { dir, r } = await writeWith((d) => writeFileSync(join(d, 'b.js'), theirs));
    expect(readFileSync(join(dir, 'b.js'), 'utf8')).toBe(theirs);
    expect(why(r, 'b.js')).toEqual(['the file changed after it was read']);
    expectOthersWritten(dir, r, 'b.js');
  });

  it('does not recreate a file removed since it was read', async () => {
    const { dir, r } = await writeWith((d) => rmSync(join(d, 'b.js')));
    expect(() => lstatSync(join(dir, 'b.js'))).toThrow(/ENOENT/);
    expect(why(r, 'b.js')).toEqual(['the file disappeared during the run']);
    expectOthersWritten(dir, r, 'b.js');
  });

  it('leaves a file that became a symbolic link, and its target, as they are', async () => {
    const { dir, r } = await writeWith((d) => {
      put(d, 'elsewhere.txt', legacy('b.js'));
      rmSync(join(d, 'b.js'));
      symlinkSync('elsewhere.txt', join(d, 'b.js'));
    });
    expect(lstatSync(join(dir, 'b.js')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'elsewhere.txt'), 'utf8')).toBe(legacy('b.js'));
    expect(why(r, 'b.js')).toEqual(['the file became a symbolic link after it was read']);
    expectOthersWritten(dir, r, 'b.js');
  });

  it('leaves a file that became a directory as it is', async () => {
    const { dir, r } = await writeWith((d) => {
      rmSync(join(d, 'b.js'));
      mkdirSync(join(d, 'b.js'));
    });
    expect(statSync(join(dir, 'b.js')).isDirectory()).toBe(true);
    expect(why(r, 'b.js')).toEqual(['the file is no longer a regular file']);
    expectOthersWritten(dir, r, 'b.js');
  });
});

describe('files that must not be replaced', () => {
  it('leaves a read-only file unchanged, whoever runs the tool (root included)', async () => {
    const { dir, r } = await writeWith((d) => chmodSync(join(d, 'b.js'), 0o444));
    expect(readFileSync(join(dir, 'b.js'), 'utf8')).toBe(legacy('b.js'));
    expect(statSync(join(dir, 'b.js')).mode & 0o777).toBe(0o444);
    expect(why(r, 'b.js')).toEqual(['the file is read-only']);
    expectOthersWritten(dir, r, 'b.js');
  });

  it('does not split a hard-linked file', async () => {
    const { dir, r } = await writeWith((d) => linkSync(join(d, 'b.js'), join(d, 'b-copy.txt')));
    expect(readFileSync(join(dir, 'b.js'), 'utf8')).toBe(legacy('b.js'));
    expect(statSync(join(dir, 'b.js')).ino).toBe(statSync(join(dir, 'b-copy.txt')).ino);
    expect(why(r, 'b.js')).toEqual(['the file has 2 hard links, which a rewrite would split']);
    expectOthersWritten(dir, r, 'b.js');
  });

  it.runIf(process.getuid?.() === 0)('gives a rewritten file back to its owner when run as root', async () => {
    const dir = tempDir();
    const p = put(dir, 'a.js', legacy());
    chownSync(p, 65534, 65534);
    await migrate({ cwd: dir, mode: 'write' });
    expect(readFileSync(p, 'utf8')).toBe(migrated(legacy()));
    expect([statSync(p).uid, statSync(p).gid]).toEqual([65534, 65534]);
  });
});

/** Node's own calls, with `fault` able to replace any of them. */
function faulty(fault: Partial<WriteFs>): WriteFs {
  return {
    access: (p, m) => fsp.access(p, m),
    lstat: (p) => fsp.lstat(p),
    readFile: (p) => fsp.readFile(p),
    open: (p, f, m) => fsp.open(p, f, m),
    rename: (a, b) => fsp.rename(a, b),
    unlink: (p) => fsp.unlink(p),
    ...fault,
  };
}

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: injected`), { code });

/** A real file handle with some of its methods replaced. */
function hooked(handle: fsp.FileHandle, replace: Partial<Record<'writeFile' | 'sync', (target: fsp.FileHandle, text: string) => Promise<void>>>): fsp.FileHandle {
  return new Proxy(handle, {
    get(target, prop, receiver) {
      const own = replace[prop as 'writeFile' | 'sync'];
      if (own) return (text: string) => own(target, text);
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** Opens for real; the temporary file's `writeFile` writes the first half of the text, then fails as a full disk does. */
async function halfWrite(p: string, flags: string, mode: number): Promise<fsp.FileHandle> {
  return hooked(await fsp.open(p, flags, mode), {
    writeFile: async (target, text) => {
      await target.write(text.slice(0, text.length >> 1));
      throw errno('ENOSPC');
    },
  });
}

describe('writeAtomic when the file system fails', () => {
  const cases: [string, Partial<WriteFs>, RegExp][] = [
    ['the disk fills up half-way through the temporary file', { open: halfWrite }, /ENOSPC/],
    ['the rename fails', { rename: () => Promise.reject(errno('EXDEV')) }, /EXDEV/],
    ['the temporary file cannot be created', { open: () => Promise.reject(errno('EACCES')) }, /EACCES/],
  ];

  it.each(cases)('%s: the original is intact and no temporary file is left', async (_, fault, error) => {
    const dir = tempDir();
    const p = put(dir, 'a.js', legacy());
    await expect(writeAtomic(p, migrated(legacy()), legacy(), faulty(fault))).rejects.toThrow(error);
    expect(readFileSync(p, 'utf8')).toBe(legacy());
    expect(tempLeftovers(dir)).toEqual([]);
  });

  it('a second Ctrl-C while the temporary file is being flushed: its removal leaves the original intact', async () => {
    const dir = tempDir();
    const p = put(dir, 'a.js', legacy());
    const fs = faulty({
      open: async (tmp, flags, mode) =>
        hooked(await fsp.open(tmp, flags, mode), {
          sync: async (target) => {
            await target.sync();
            removeTemporaryFiles(); // what bin/ does on the second signal, just before it exits
          },
        }),
    });
    await expect(writeAtomic(p, migrated(legacy()), legacy(), fs)).rejects.toThrow(/ENOENT/);
    expect(readFileSync(p, 'utf8')).toBe(legacy());
    expect(tempLeftovers(dir)).toEqual([]);
  });

  it('refuses when the file changes while the temporary file is being written', async () => {
    const dir = tempDir();
    const p = put(dir, 'a.js', legacy());
    const theirs = `${legacy()}// saved by an editor meanwhile\n`;
    const fs = faulty({
      open: async (tmp, flags, mode) => {
        const handle = await fsp.open(tmp, flags, mode);
        writeFileSync(p, theirs);
        return handle;
      },
    });
    await expect(writeAtomic(p, migrated(legacy()), legacy(), fs)).rejects.toThrow(FileChangedError);
    expect(readFileSync(p, 'utf8')).toBe(theirs);
    expect(tempLeftovers(dir)).toEqual([]);
  });
});

describe('real write failures', () => {
  it.runIf(process.getuid?.() === 0)('a folder the user may not write to: reported as permission denied, file intact', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const folder = join(dir, 'locked');
    mkdirSync(folder);
    const p = put(folder, 'a.js', legacy());
    chownSync(p, 65534, 65534);
    chownSync(folder, 65534, 65534);
    chmodSync(folder, 0o555); // the file is writable by its owner; the folder, where the temporary file goes, is not
    const r = await runCli(['--format', 'json', '.'], { cwd: folder, uid: 65534, gid: 65534, env: { HOME: folder } });
    const json = JSON.parse(r.stdout) as RunResult;
    expect(r.code).toBe(2);
    expect(json.files[0]?.findings.filter((f) => f.id === 'file-error').map((f) => f.data.why)).toEqual(['permission denied']);
    expect(readFileSync(p, 'utf8')).toBe(legacy());
    expect(tempLeftovers(folder)).toEqual([]);
  });

  it('the process file-size limit (failing as a full disk does, part-way through): original intact, others written', async () => {
    const dir = tempDir();
    const big = `${legacy('big')}/*${'x'.repeat(200 * 1024)}*/\n`;
    put(dir, 'big.js', big);
    put(dir, 'small.js', legacy('small'));
    // `ulimit -f 64`: writing past 64 blocks (32 or 64 KiB) fails with EFBIG; reading is not limited.
    const r = await runCli(['--format', 'json'], { cwd: dir, fileSizeLimitBlocks: 64 });
    const json = JSON.parse(r.stdout) as RunResult;
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'big.js'), 'utf8')).toBe(big);
    expect(readFileSync(join(dir, 'small.js'), 'utf8')).toBe(migrated(legacy('small')));
    expect(json.files.find((f) => f.path === 'big.js')?.findings.filter((f) => f.id === 'file-error').map((f) => f.data.why)).toEqual([
      'file too large for the file system or the process limit',
    ]);
    expect(tempLeftovers(dir)).toEqual([]);
  });
});
