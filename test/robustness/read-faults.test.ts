// Faults on the read side (issue 8): links and loops, special files, huge, minified and deeply nested files,
// foreign encodings and binary content, files vanishing between discovery and reading. Real files in temp folders.

import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, lstatSync, readFileSync, readlinkSync, rmSync, symlinkSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, type RunOptions } from '../../src/run/migrate.js';
import { MAX_FILE_BYTES } from '../../src/run/collect/files.js';
import type { RunResult } from '../../src/run/result.js';
import { legacy, migrated, put, runCli, tempDir } from './helpers.js';

const run = (cwd: string, extra: RunOptions = {}): Promise<RunResult> => migrate({ cwd, mode: 'write', ...extra });
const file = (r: RunResult, path: string) => r.files.find((f) => f.path === path);
const reason = (r: RunResult, path: string): string | undefined => file(r, path)?.reason;

describe('symbolic links', () => {
  it('never replaces a link named on the command line with a file, and leaves its target alone', async () => {
    const dir = tempDir();
    put(dir, 'real.js', legacy());
    symlinkSync('real.js', join(dir, 'link.js'));
    const r = await run(dir, { paths: ['link.js'] });
    expect(file(r, 'link.js')?.status).toBe('skipped');
    expect(reason(r, 'link.js')).toMatch(/^symbolic link/);
    expect(lstatSync(join(dir, 'link.js')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.js'))).toBe('real.js');
    expect(readFileSync(join(dir, 'real.js'), 'utf8')).toBe(legacy());
    expect(r.exitCode).toBe(0);
  });

  it('does not follow links while searching, so loops end and a target is migrated once, by its own path', async () => {
    const dir = tempDir();
    put(dir, 'src/real.js', legacy());
    symlinkSync('real.js', join(dir, 'src/alias.js'));
    symlinkSync('..', join(dir, 'src/up'));
    symlinkSync('loop-b.js', join(dir, 'src/loop-a.js'));
    symlinkSync('loop-a.js', join(dir, 'src/loop-b.js'));
    const r = await run(dir, { paths: ['src'] });
    expect(r.summary.scanned).toBe(1);
    expect(r.files.map((f) => [f.path, f.status])).toEqual([['src/real.js', 'changed']]);
    expect(readFileSync(join(dir, 'src/real.js'), 'utf8')).toBe(migrated(legacy()));
    expect(lstatSync(join(dir, 'src/alias.js')).isSymbolicLink()).toBe(true);
  });

  it('reports a loop of links named on the command line as a usage error', async () => {
    const dir = tempDir();
    symlinkSync('b.js', join(dir, 'a.js'));
    symlinkSync('a.js', join(dir, 'b.js'));
    await expect(run(dir, { paths: ['a.js'] })).rejects.toThrow(/^path is a loop of symbolic links: a\.js$/);
  });
});

describe('folders that cannot be read', () => {
  it.runIf(process.getuid?.() === 0)('are reported with their path; the rest of the run goes on', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    put(dir, 'src/a.js', legacy('a'));
    put(dir, 'src/locked/b.js', legacy('b'));
    for (const p of ['src', 'src/a.js']) chownSync(join(dir, p), 65534, 65534);
    chmodSync(join(dir, 'src/locked'), 0o700); // root's; the run is not
    const r = await runCli(['--check', '--format', 'json'], { cwd: dir, uid: 65534, gid: 65534, env: { HOME: dir } });
    const json = JSON.parse(r.stdout) as RunResult;
    expect(r.code).toBe(2);
    expect(json.files.map((f) => [f.path, f.status, f.findings.map((x) => x.id).filter((id) => id.endsWith('error'))])).toEqual([
      ['src/a.js', 'changed', []],
      ['src/locked', 'error', ['folder-error']],
    ]);
    expect(json.files[1]?.findings[0]?.message).toBe('Could not search this folder: permission denied; the files in it were not scanned.');
  });
});

describe('special and oversized files', () => {
  it('skips a FIFO named on the command line instead of blocking on it', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'pipe.js')]);
    const r = await run(dir, { paths: ['pipe.js'] });
    expect(file(r, 'pipe.js')).toMatchObject({ status: 'skipped', reason: 'not a regular file' });
  });

  it('skips a file over the size limit without reading it, even one of several GiB', async () => {
    const dir = tempDir();
    const huge = put(dir, 'huge.js', legacy());
    truncateSync(huge, 3 * 1024 ** 3); // sparse: costs no disk
    const over = put(dir, 'over.js', legacy());
    truncateSync(over, MAX_FILE_BYTES + 1);
    put(dir, 'ok.js', legacy());
    const r = await run(dir, { mode: 'check' });
    expect(file(r, 'huge.js')).toMatchObject({ status: 'skipped', reason: 'larger than 8 MiB' });
    expect(file(r, 'over.js')).toMatchObject({ status: 'skipped', reason: 'larger than 8 MiB' });
    expect(file(r, 'ok.js')?.status).toBe('changed');
  });

  it('migrates every payload of a minified file whose code is one long line', async () => {
    const dir = tempDir();
    const head = 'var dr=new DigitalRiver(k);';
    const one = (i: number): string => `function f${i}(s){var p={type:"payPal",amount:1,currency:"USD",payPal:{returnUrl:"u",items:[1]}};return dr.createSource(p)}`;
    const n = 1000;
    const body = Array.from({ length: n }, (_, i) => one(i)).join('');
    put(dir, 'app.js', head + body);
    const r = await run(dir);
    // Each function migrates as it would alone: the one-line file is the concatenation of the single results.
    const single = migrated(head + one(0)).slice(head.length);
    expect(single).not.toBe(one(0));
    const expected = head + Array.from({ length: n }, (_, i) => single.replace('function f0(', `function f${i}(`)).join('');
    expect(readFileSync(join(dir, 'app.js'), 'utf8')).toBe(expected);
    expect(r.summary.payloads).toEqual({ payPal: n });
  });

  it('reports code nested too deeply to parse, with its path, and carries on with the other files', async () => {
    const dir = tempDir();
    put(dir, 'deep.js', `var dr = new DigitalRiver(k); dr.createSource(${'['.repeat(100_000)}${']'.repeat(100_000)});\n`);
    put(dir, 'ok.js', legacy());
    const r = await run(dir, { mode: 'check' });
    expect(file(r, 'deep.js')?.status).toBe('error');
    expect(file(r, 'deep.js')?.findings.map((f) => [f.id, f.data.why])).toEqual([['parse-error', 'the code is nested too deeply to parse']]);
    expect(file(r, 'ok.js')?.status).toBe('changed');
    expect(r.exitCode).toBe(2);
  });
});

describe('encodings and binary content', () => {
  const source = legacy();
  const utf32 = (be: boolean): Buffer => {
    const b = Buffer.alloc(4 + source.length * 4);
    b.writeUInt32LE(0xfeff, 0);
    for (let i = 0; i < source.length; i++) b.writeUInt32LE(source.charCodeAt(i), 4 + 4 * i);
    if (be) for (let i = 0; i < b.length; i += 4) b.subarray(i, i + 4).reverse();
    return b;
  };
  const utf16be = Buffer.from(`\ufeff${source}`, 'utf16le').swap16();
  const cases: [string, Buffer, string][] = [
    ['utf32le.js', utf32(false), 'UTF-32LE encoded (only UTF-8 is supported)'],
    ['utf32be.js', utf32(true), 'UTF-32BE encoded (only UTF-8 is supported)'],
    ['utf16le.js', Buffer.from(`\ufeff${source}`, 'utf16le'), 'UTF-16LE encoded (only UTF-8 is supported)'],
    ['utf16be.js', utf16be, 'UTF-16BE encoded (only UTF-8 is supported)'],
    ['utf16-no-bom.js', Buffer.from(source, 'utf16le'), 'UTF-16 encoded without a byte-order mark (only UTF-8 is supported)'],
    ['utf7.js', Buffer.from(`+/v8-${source}`), 'UTF-7 encoded (only UTF-8 is supported)'],
    ['gb18030.js', Buffer.concat([Buffer.from([0x84, 0x31, 0x95, 0x33]), Buffer.from(source)]), 'GB18030 encoded (only UTF-8 is supported)'],
    ['binary.js', Buffer.concat([Buffer.from(source), Buffer.from([0, 1, 2, 0xff])]), 'binary file'],
  ];

  it.each(cases)('%s is skipped, reported with its reason, and left byte for byte', async (name, bytes, why) => {
    const dir = tempDir();
    put(dir, name, bytes);
    const r = await run(dir);
    expect(file(r, name)).toMatchObject({ status: 'skipped', reason: why });
    expect(readFileSync(join(dir, name)).equals(bytes)).toBe(true);
  });

  it('does not report binary content that could not hold a call in any encoding', async () => {
    const dir = tempDir();
    put(dir, 'image.js', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe]));
    put(dir, 'ok.js', legacy());
    const r = await run(dir, { mode: 'check' });
    expect(r.summary.scanned).toBe(2);
    expect(r.files.map((f) => f.path)).toEqual(['ok.js']);
  });

  it('keeps a UTF-8 byte-order mark and non-ASCII text, byte for byte, around the edits', async () => {
    const dir = tempDir();
    const text = `\ufeff// Café ☕ 𝄞 — 決済\n${legacy()}`;
    put(dir, 'bom.js', text);
    await run(dir);
    const after = readFileSync(join(dir, 'bom.js'));
    expect(after.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    expect(after.toString('utf8')).toBe(migrated(text));
  });
});

describe('files that vanish between discovery and reading', () => {
  it('reports each missing file with its path and migrates the rest', async () => {
    const dir = tempDir();
    const names = ['a.js', 'b.js', 'c.js', 'd.js', 'e.js'];
    for (const n of names) put(dir, n, legacy(n));
    // One file at a time: when the first is done, every other one is deleted before it is read.
    const r = await migrate({
      cwd: dir,
      mode: 'check',
      concurrency: 1,
      onProgress: (n) => {
        if (n === 1) for (const name of names) rmSync(join(dir, name), { force: true });
      },
    });
    const gone = r.files.filter((f) => f.status === 'error');
    expect(gone).toHaveLength(4);
    for (const f of gone) expect(f.findings.map((x) => [x.id, x.data.why])).toEqual([['file-error', 'the file disappeared during the run']]);
    expect(r.files.filter((f) => f.status === 'changed')).toHaveLength(1);
    expect(r.exitCode).toBe(2);
  });

  it('stops reading when the run is aborted, and writes nothing', async () => {
    const dir = tempDir();
    for (const n of ['a.js', 'b.js', 'c.js', 'd.js']) put(dir, n, legacy(n));
    const controller = new AbortController();
    const r = await migrate({ cwd: dir, mode: 'write', concurrency: 1, signal: controller.signal, onProgress: () => controller.abort() });
    expect(r.summary.scanned).toBe(1);
    expect(r.summary.written).toBe(0);
    expect(r.notices).toContain('interrupted: files not yet written were left as they were');
    for (const n of ['a.js', 'b.js', 'c.js', 'd.js']) expect(readFileSync(join(dir, n), 'utf8')).toBe(legacy(n));
  });
});
