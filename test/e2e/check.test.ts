// --check: 0 on a migrated project, 1 with pending changes (listed by file and line), 2 when a file does not parse.

import type { RunResult } from '../../src/run/result.js';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSI, fixture, listsLocation, makeGitRepo, makeTemp, runCli, runJson, snapshot, STACK_FRAME } from './helpers.js';

/** A small project: src/pay.js (PayPal seed), src/debit.js (direct debit seed), lib/card.js (card, amounts kept). */
function legacyProject(): string {
  const dir = makeTemp();
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, 'lib'));
  copyFileSync(fixture('payPal', 'seed.input.js'), join(dir, 'src', 'pay.js'));
  copyFileSync(fixture('directDebit', 'seed.input.js'), join(dir, 'src', 'debit.js'));
  copyFileSync(fixture('creditCard', 'seed.input.js'), join(dir, 'lib', 'card.js'));
  return dir;
}

/**
 * The same project, already migrated: the fixtures' output files, each given the `sessionId` it reads (a migrated
 * page that left it undefined would still be reported, as session-id-unbound).
 */
function migratedProject(): string {
  const dir = makeTemp();
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, 'lib'));
  const withSession = (from: string, to: string): void =>
    writeFileSync(to, `var sessionId = window.drCheckout.sessionId;\n${readFileSync(from, 'utf8')}`);
  withSession(fixture('payPal', 'seed.output.js'), join(dir, 'src', 'pay.js'));
  withSession(fixture('directDebit', 'seed.output.js'), join(dir, 'src', 'debit.js'));
  withSession(fixture('creditCard', 'seed.output.js'), join(dir, 'lib', 'card.js'));
  writeFileSync(join(dir, 'src', 'util.js'), 'export const add = (a, b) => a + b;\n');
  return dir;
}

const BROKEN = 'var drjs = new DigitalRiver(KEY);\ndrjs.createSource({ type: "payPal", amount: 1,\n';

describe.concurrent('--check', () => {
  it('exits 0 on a clean, already-migrated project and writes nothing', async () => {
    const dir = makeGitRepo(migratedProject());
    const before = snapshot(dir);
    const run = await runCli(['--check'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/dr-migrate \(check\): 4 files scanned, 0 would change, 4 unchanged, 0 skipped, 0 errored\./);
    expect(run.stderr).not.toMatch(ANSI);
    expect(snapshot(dir)).toEqual(before);

    const { json } = await runJson(['--check', '--format', 'json'], { cwd: dir });
    expect(json.exitCode).toBe(0);
    expect(json.summary).toMatchObject({ scanned: 4, changed: 0, unchanged: 4, skipped: 0, errored: 0, written: 0, payloads: {} });
    expect(json.summary.findings).toMatchObject({ error: 0, review: 0, warning: 0 });
    expect(json.files.map((f) => [f.path, f.status, f.findings.map((x) => x.id)])).toEqual([
      ['lib/card.js', 'unchanged', ['already-migrated']],
      ['src/debit.js', 'unchanged', ['already-migrated']],
      ['src/pay.js', 'unchanged', ['already-migrated']],
    ]);
  });

  it('exits 1 with pending changes, listing each one by file and line on stderr, and writes nothing', async () => {
    const dir = makeGitRepo(legacyProject());
    const before = snapshot(dir);
    const run = await runCli(['--check'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toBe('');
    expect(snapshot(dir)).toEqual(before);
    expect(run.stderr).toMatch(/dr-migrate \(check\): 3 files scanned, 3 would change, 0 unchanged, 0 skipped, 0 errored\./);

    // Every pending payload the JSON report knows of is on stderr with its file and line.
    const { json } = await runJson(['--check', '--format', 'json'], { cwd: dir });
    const pending = json.files.flatMap((f) => f.findings.filter((x) => x.id === 'migrated').map((x) => ({ path: f.path, line: x.line })));
    expect(pending.map((p) => p.path).sort()).toEqual(['lib/card.js', 'src/debit.js', 'src/pay.js']);
    for (const p of pending) expect(listsLocation(run.stderr, p.path, p.line), `${p.path}:${p.line} on stderr:\n${run.stderr}`).toBe(true);
  });

  it('exits 2 when a file does not parse, and still reports every other file', async () => {
    const dir = legacyProject();
    writeFileSync(join(dir, 'src', 'broken.js'), BROKEN);
    const before = snapshot(dir);
    const run = await runCli(['--check'], { cwd: dir });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).not.toContain(STACK_FRAME);
    expect(run.stderr).toMatch(/4 files scanned, 3 would change, 0 unchanged, 0 skipped, 1 errored\./);
    expect(run.stderr).toContain('Could not parse');
    expect(snapshot(dir)).toEqual(before);

    const { run: jrun, json } = await runJson(['--check', '--format', 'json'], { cwd: dir });
    expect(jrun.code).toBe(2);
    expect(json.exitCode).toBe(2);
    expect(json.summary).toMatchObject({ scanned: 4, changed: 3, errored: 1, payloads: { payPal: 1, directDebit: 1, creditCard: 1 } });
    expect(json.files.map((f) => [f.path, f.status])).toEqual([
      ['lib/card.js', 'changed'],
      ['src/broken.js', 'error'],
      ['src/debit.js', 'changed'],
      ['src/pay.js', 'changed'],
    ]);
    const broken = json.files.find((f) => f.path === 'src/broken.js') as RunResult['files'][number];
    expect(broken.findings.map((x) => x.id)).toEqual(['parse-error']);
    expect(broken.findings[0].severity).toBe('error');
    expect(broken.findings[0].line).toBe(3); // the unexpected end of input
    expect(listsLocation(run.stderr, 'src/broken.js', broken.findings[0].line), run.stderr).toBe(true);
    expect(broken.diff).toBeUndefined();
    for (const f of json.files.filter((x) => x.status === 'changed')) {
      expect(f.findings.some((x) => x.id === 'migrated')).toBe(true);
      expect(f.diff).toMatch(/^diff --git /);
    }
  });

  it('keeps going past a broken file whichever order files are processed in (--concurrency 1)', async () => {
    const dir = legacyProject();
    writeFileSync(join(dir, 'lib', 'aaa-broken.js'), BROKEN); // sorts first
    writeFileSync(join(dir, 'src', 'zzz-broken.ts'), 'digitalriver.createSource({ type: "payPal" as, });\n'); // sorts last
    const { run, json } = await runJson(['--check', '--format', 'json', '--concurrency', '1'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(json.files.map((f) => [f.path, f.status])).toEqual([
      ['lib/aaa-broken.js', 'error'],
      ['lib/card.js', 'changed'],
      ['src/debit.js', 'changed'],
      ['src/pay.js', 'changed'],
      ['src/zzz-broken.ts', 'error'],
    ]);
  });
});
