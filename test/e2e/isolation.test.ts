// Per-file isolation and write safety: broken, unreadable and undecodable files never stop the others; modes and
// line endings survive a write.

import type { RunResult } from '../../src/run/result.js';
import { chmodSync, chownSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { definingSessionId, fixture, git, makeGitRepo, makeTemp, mode, readFixture, runCli, runJson, snapshot, spawnCollect, STACK_FRAME } from './helpers.js';

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
    expect(run.stderr).toContain('1 file written');
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
    expect(run.stderr).toMatch(/^locked\.js\n  1:1\s/m);
    expect(run.stderr).toMatch(/permission denied/);
    expect(run.stderr).not.toContain(STACK_FRAME);
  });
});

describe.concurrent('a file that is neither UTF-8 nor Windows-1252 and mentions createSource', () => {
  // 0xc3 0x28 is invalid UTF-8; 0x81 is a byte Windows-1252 leaves undefined.
  const BAD = Buffer.concat([
    Buffer.from('var drjs = new DigitalRiver(KEY);\nvar label = "'),
    Buffer.from([0xc3, 0x28, 0x81]),
    Buffer.from('";\ndrjs.createSource({ type: "payPal", amount: 1, currency: "USD" });\n'),
  ]);
  const SKIPPED = 'File skipped: not valid UTF-8; yet it mentions createSource or another DigitalRiver.js call, which cannot be checked: convert it to UTF-8, or add it to --ignore once checked by hand.';

  it('is skipped, named with its reason, and fails --check (issue 17: it used to pass silently)', async () => {
    const dir = makeTemp();
    writeFileSync(join(dir, 'latin.js'), BAD);
    // A migrated page that defines the sessionId it reads: left undefined, it would fail the check (issue 17).
    writeFileSync(join(dir, 'migrated.js'), definingSessionId(readFixture('payPal', 'seed.output.js')));
    const { run, json } = await runJson(['--check', '--format', 'json', '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    expect(json.exitCode).toBe(1);
    const bad = json.files.find((f) => f.path === 'latin.js') as RunResult['files'][number];
    expect(bad).toMatchObject({ path: 'latin.js', status: 'skipped', reason: 'not valid UTF-8' });
    expect(bad.findings.map((f) => [f.id, f.severity, f.line, f.message])).toEqual([['skipped-with-calls', 'review', 1, SKIPPED]]);
    expect(json.summary).toMatchObject({ scanned: 2, skipped: 1, errored: 0, changed: 0 });
    const human = await runCli(['--check', '.'], { cwd: dir });
    expect(human.stderr).toContain(`latin.js\n  1:1  review  ${SKIPPED}  skipped-with-calls\n\n`);
  });

  it('passes --check once ignored', async () => {
    const dir = makeTemp();
    writeFileSync(join(dir, 'latin.js'), BAD);
    writeFileSync(join(dir, 'util.js'), 'export const add = (a, b) => a + b;\n');
    const run = await runCli(['--check', '--ignore', 'latin.js', '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('latin.js');
  });

  it('is never written, and the other files are', async () => {
    const dir = makeTemp();
    writeFileSync(join(dir, 'latin.js'), BAD);
    // The page defines the sessionId the write inserts: left undefined, the write would exit 1 (issue 17).
    writeFileSync(join(dir, 'legacy.js'), definingSessionId(readFixture('payPal', 'seed.input.js')));
    const check = await runCli(['--check', '.'], { cwd: dir });
    expect(check.code, check.stderr).toBe(1);
    const write = await runCli(['.'], { cwd: dir });
    expect(write.code, write.stderr).toBe(1); // the skipped file still needs a person
    expect(readFileSync(join(dir, 'latin.js'))).toEqual(BAD);
    expect(readFileSync(join(dir, 'legacy.js'))).toEqual(definingSessionId(readFixture('payPal', 'seed.output.js')));
  });

  it('names a skipped file that mentions no call on its own line, without failing the check', async () => {
    const dir = makeTemp();
    writeFileSync(join(dir, 'notes.js'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('var x = 1;\n', 'utf16le')]));
    copyFileSync(fixture('payPal', 'seed.input.js'), join(dir, 'legacy.js'));
    const run = await runCli(['--dry-run', '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('notes.js\n  skipped: UTF-16LE encoded (only UTF-8 is supported)\n\n');
  });
});

describe.concurrent('a Windows-1252 (Latin-1) file', () => {
  const head = (text: string): Buffer => Buffer.from(text, 'latin1');
  // Non-ASCII bytes (é, €) in a comment well away from the payload: the patch around the change is plain ASCII.
  const FAR = head("// Caf\u00e9 \u0080 \u00e9t\u00e9 -- paiement\n\n\n\n\nvar digitalriver = new DigitalRiver(drKey);\nvar sessionId = window.drCheckout.sessionId;\n\nfunction pay() {\n  return digitalriver.createSource({\n    type: 'payPal',\n    amount: 10,\n    currency: 'EUR',\n    payPal: { returnUrl: '/r', cancelUrl: '/c' }\n  });\n}\n");
  const FAR_OUT = head("// Caf\u00e9 \u0080 \u00e9t\u00e9 -- paiement\n\n\n\n\nvar digitalriver = new DigitalRiver(drKey);\nvar sessionId = window.drCheckout.sessionId;\n\nfunction pay() {\n  return digitalriver.createSource({\n    type: 'payPal',\n    sessionId: sessionId,\n    payPal: { returnUrl: '/r', cancelUrl: '/c' }\n  });\n}\n");
  // A non-ASCII byte on the line before the call.
  const NEAR = head("var digitalriver = new DigitalRiver(drKey);\nvar sessionId = window.drCheckout.sessionId;\nfunction pay() {\n  // R\u00e9glement\n  return digitalriver.createSource({ type: 'payPal', amount: 10, currency: 'EUR', payPal: { returnUrl: '/r', cancelUrl: '/c' } });\n}\n");

  it('is migrated and written back byte for byte in its encoding; the dry-run patch applies; undo restores it', async () => {
    const dir = makeGitRepo(((d: string): string => (writeFileSync(join(d, 'far.js'), FAR), d))(makeTemp()));
    const dry = await runCli(['--dry-run', '.'], { cwd: dir });
    expect(dry.code, dry.stderr).toBe(0);
    writeFileSync(join(dir, 'p.patch'), dry.stdout);
    git(dir, ['apply', '--check', 'p.patch']);
    const write = await runJson(['--format', 'json', '.'], { cwd: dir });
    expect(write.run.code, write.run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'far.js'))).toEqual(FAR_OUT);
    const far = write.json.files.find((f) => f.path === 'far.js') as RunResult['files'][number];
    expect(far.findings.map((f) => [f.id, f.line])).toEqual([['legacy-encoding', 1], ['migrated', 10]]);
    git(dir, ['apply', '-R', '--check', 'p.patch']);
    const undo = await runCli(['undo'], { cwd: dir });
    expect(undo.code, undo.stderr).toBe(0);
    expect(readFileSync(join(dir, 'far.js'))).toEqual(FAR);
  });

  it('with non-ASCII text next to the payload: left as it is, for review', async () => {
    const dir = makeTemp();
    writeFileSync(join(dir, 'near.js'), NEAR);
    const { run, json } = await runJson(['--format', 'json', '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    expect(readFileSync(join(dir, 'near.js'))).toEqual(NEAR);
    const near = json.files.find((f) => f.path === 'near.js') as RunResult['files'][number];
    expect(near.status).toBe('unchanged');
    expect(near.findings.map((f) => [f.id, f.line, f.message])).toEqual([
      ['legacy-encoding', 1, 'Read as Windows-1252 (the file is not valid UTF-8); changes are written back in the same encoding.'],
      ['legacy-encoding-unsafe', 1, 'Not migrated: it is Windows-1252 text with non-ASCII characters within 3 lines of the change (line 5); convert the file to UTF-8, or migrate it by hand.'],
    ]);
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
