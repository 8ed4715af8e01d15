// Per-file isolation and write safety: broken, unreadable and undecodable files never stop the others; modes and
// line endings survive a write.

import type { RunResult } from '../../src/run/result.js';
import { chmodSync, chownSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { definingSessionId, fixture, makeTemp, mode, readFixture, runCli, runJson, snapshot, spawnCollect, STACK_FRAME } from './helpers.js';

const NOBODY = 65534;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe.concurrent('a file that does not parse, next to a valid legacy file, in write mode', () => {
  it('writes the valid file, leaves the broken one untouched, exit 2', async () => {
    const dir = makeTemp();
    copyFileSync(fixture('payPal', 'seed.input.js'), join(dir, 'checkout.js'));
    const broken = Buffer.from('var drjs = new DigitalRiver(KEY);\ndrjs.createSource({ type: "payPal", amount: 1,\n');
    writeFileSync(join(dir, 'broken.js'), broken);
    const run = await runCli(['.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).not.toContain(STACK_FRAME);
    expect(run.stderr).toContain('broken.js');
    expect(run.stderr).toContain('Could not parse');
    expect(run.stderr).toContain('1 file(s) written');
    expect(readFileSync(join(dir, 'checkout.js'))).toEqual(readFixture('payPal', 'seed.output.js'));
    expect(readFileSync(join(dir, 'broken.js'))).toEqual(broken);
    expect(Object.keys(snapshot(dir)).sort()).toEqual(['broken.js', 'checkout.js']); // no temporary files left
  });
});

describe.concurrent('an unreadable file', () => {
  it('is reported as a file-error with its path; the other files are processed and written; exit 2', async () => {
    const dir = makeTemp();
    mkdirSync(join(dir, 'src'));
    copyFileSync(fixture('payPal', 'seed.input.js'), join(dir, 'src', 'a.js'));
    copyFileSync(fixture('payPal', 'seed.input.js'), join(dir, 'src', 'locked.js'));
    copyFileSync(fixture('directDebit', 'seed.input.js'), join(dir, 'src', 'z.js'));
    // Root reads anything, so the CLI runs as nobody on a tree that nobody owns.
    const as = isRoot ? { uid: NOBODY, gid: NOBODY, env: { HOME: dir } } : {};
    if (isRoot) for (const p of [dir, join(dir, 'src'), join(dir, 'src', 'a.js'), join(dir, 'src', 'locked.js'), join(dir, 'src', 'z.js')]) chownSync(p, NOBODY, NOBODY);
    chmodSync(join(dir, 'src', 'locked.js'), 0o000);

    if (isRoot) {
      const probe = await spawnCollect(process.execPath, ['-e', 'process.stdout.write("ok")'], { cwd: dir, ...as });
      expect(probe.stdout, `node cannot run as uid ${NOBODY}: ${probe.stderr}`).toBe('ok');
    }
    const { run, json } = await runJson(['--format', 'json', '.'], { cwd: dir, ...as });
    expect(run.code, run.stderr).toBe(2);
    expect(json.exitCode).toBe(2);
    const locked = json.files.find((f) => f.path === 'src/locked.js') as RunResult['files'][number];
    expect(locked).toBeDefined();
    expect(locked.status).toBe('error');
    expect(locked.findings.map((x) => x.id)).toEqual(['file-error']);
    expect(locked.findings[0].message).toMatch(/permission denied/);
    expect(json.files.filter((f) => f.path !== 'src/locked.js').map((f) => [f.path, f.status, f.written])).toEqual([
      ['src/a.js', 'changed', true],
      ['src/z.js', 'changed', true],
    ]);
    expect(json.summary).toMatchObject({ scanned: 3, changed: 2, errored: 1, written: 2 });
    expect(readFileSync(join(dir, 'src', 'a.js'))).toEqual(readFixture('payPal', 'seed.output.js'));
    expect(readFileSync(join(dir, 'src', 'z.js'))).toEqual(readFixture('directDebit', 'seed.output.js'));
    chmodSync(join(dir, 'src', 'locked.js'), 0o644);
    expect(readFileSync(join(dir, 'src', 'locked.js'))).toEqual(readFixture('payPal', 'seed.input.js'));
  });

  it('an unreadable directory is reported and does not stop the other files being processed', async () => {
    const dir = makeTemp();
    mkdirSync(join(dir, 'src'));
    mkdirSync(join(dir, 'locked'));
    copyFileSync(fixture('payPal', 'seed.input.js'), join(dir, 'src', 'a.js'));
    copyFileSync(fixture('payPal', 'seed.input.js'), join(dir, 'locked', 'b.js'));
    const as = isRoot ? { uid: NOBODY, gid: NOBODY, env: { HOME: dir } } : {};
    if (isRoot) for (const p of [dir, join(dir, 'src'), join(dir, 'src', 'a.js'), join(dir, 'locked'), join(dir, 'locked', 'b.js')]) chownSync(p, NOBODY, NOBODY);
    chmodSync(join(dir, 'locked'), 0o000);
    const run = await runCli(['--check', '--format', 'json', '.'], { cwd: dir, ...as });
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code, run.stderr).toBe(2);
    const json = JSON.parse(run.stdout) as RunResult;
    expect(json.files.find((f) => f.path === 'src/a.js')?.status).toBe('changed');
    expect(JSON.stringify([json.files, json.notices])).toContain('locked');
  });

  it('is named in the human report too', async () => {
    const dir = makeTemp();
    copyFileSync(fixture('payPal', 'seed.input.js'), join(dir, 'locked.js'));
    const as = isRoot ? { uid: NOBODY, gid: NOBODY, env: { HOME: dir } } : {};
    if (isRoot) for (const p of [dir, join(dir, 'locked.js')]) chownSync(p, NOBODY, NOBODY);
    chmodSync(join(dir, 'locked.js'), 0o000);
    const run = await runCli(['--check', '.'], { cwd: dir, ...as });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^locked\.js:1:1\s/m);
    expect(run.stderr).toMatch(/permission denied/);
    expect(run.stderr).not.toContain(STACK_FRAME);
  });
});

describe.concurrent('a file with invalid UTF-8 that mentions createSource', () => {
  const BAD = Buffer.concat([
    Buffer.from('var drjs = new DigitalRiver(KEY);\nvar label = "'),
    Buffer.from([0xc3, 0x28, 0xff]),
    Buffer.from('";\ndrjs.createSource({ type: "payPal", amount: 1, currency: "USD" });\n'),
  ]);

  it('is skipped and reported in JSON with a reason; the exit code is not affected (0)', async () => {
    const dir = makeTemp();
    writeFileSync(join(dir, 'latin.js'), BAD);
    // A migrated page that defines the sessionId it reads: left undefined, it would fail the check (issue 17).
    writeFileSync(join(dir, 'migrated.js'), definingSessionId(readFixture('payPal', 'seed.output.js')));
    const { run, json } = await runJson(['--check', '--format', 'json', '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(json.exitCode).toBe(0);
    const bad = json.files.find((f) => f.path === 'latin.js') as RunResult['files'][number];
    expect(bad).toMatchObject({ path: 'latin.js', status: 'skipped' });
    expect(bad.reason).toMatch(/UTF-8/);
    expect(json.summary).toMatchObject({ scanned: 2, skipped: 1, errored: 0, changed: 0 });
  });

  it('does not change the exit code of a run with pending changes (1), and is never written', async () => {
    const dir = makeTemp();
    writeFileSync(join(dir, 'latin.js'), BAD);
    // The page defines the sessionId the write inserts: left undefined, the write would exit 1 (issue 17).
    writeFileSync(join(dir, 'legacy.js'), definingSessionId(readFixture('payPal', 'seed.input.js')));
    const check = await runCli(['--check', '.'], { cwd: dir });
    expect(check.code, check.stderr).toBe(1);
    const write = await runCli(['.'], { cwd: dir });
    expect(write.code, write.stderr).toBe(0);
    expect(readFileSync(join(dir, 'latin.js'))).toEqual(BAD);
    expect(readFileSync(join(dir, 'legacy.js'))).toEqual(definingSessionId(readFixture('payPal', 'seed.output.js')));
  });
});

describe.concurrent('writing keeps what is not ours to change', () => {
  // Each page defines the sessionId the write inserts: left undefined, the write would exit 1 (issue 17).
  it('keeps the file mode (0640 before, 0640 after; 0755 stays 0755)', async () => {
    const dir = makeTemp();
    writeFileSync(join(dir, 'private.js'), definingSessionId(readFixture('payPal', 'seed.input.js')));
    writeFileSync(join(dir, 'script.js'), definingSessionId(readFixture('directDebit', 'seed.input.js')));
    chmodSync(join(dir, 'private.js'), 0o640);
    chmodSync(join(dir, 'script.js'), 0o755);
    const run = await runCli(['.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'private.js'))).toEqual(definingSessionId(readFixture('payPal', 'seed.output.js')));
    expect(mode(join(dir, 'private.js')).toString(8)).toBe('640');
    expect(mode(join(dir, 'script.js')).toString(8)).toBe('755');
  });

  it('keeps CRLF line endings (exact fixture output, no bare LF)', async () => {
    const dir = makeTemp();
    writeFileSync(join(dir, 'crlf.js'), definingSessionId(readFixture('formatting', 'crlf.input.js')));
    const run = await runCli(['.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const out = readFileSync(join(dir, 'crlf.js'));
    expect(out).toEqual(definingSessionId(readFixture('formatting', 'crlf.output.js')));
    const text = out.toString('latin1');
    expect(text).toContain('sessionId');
    expect(text).toContain('\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('keeps a byte-order mark and a missing final newline', async () => {
    const dir = makeTemp();
    writeFileSync(join(dir, 'bom.js'), definingSessionId(readFixture('formatting', 'bom.input.js')));
    writeFileSync(join(dir, 'nfn.js'), definingSessionId(readFixture('formatting', 'no-final-newline.input.js')));
    const run = await runCli(['.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'bom.js'))).toEqual(definingSessionId(readFixture('formatting', 'bom.output.js')));
    expect(readFileSync(join(dir, 'bom.js')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(readFileSync(join(dir, 'nfn.js'))).toEqual(definingSessionId(readFixture('formatting', 'no-final-newline.output.js')));
    expect(readFileSync(join(dir, 'nfn.js')).at(-1)).not.toBe(0x0a);
  });
});
