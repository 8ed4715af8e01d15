// --interactive on a real pseudo-terminal (util-linux `script`), answers typed ahead on its input; and never a prompt
// without a terminal or in CI.

import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, changedPaths, copyDir, EXAMPLE, makeGitRepo, makeTemp, runCli, scriptCommand, shq, snapshot, spawnCollect } from './helpers.js';

const FILES = ['magento/view/frontend/web/js/dr-payments.js', 'react/src/PaymentForm.tsx', 'wordpress/js/checkout.js'];
const PROMPT = (i: number, path: string): string => `(${i}/3) Apply this change to ${path} [y,n,a,q,?]? `;

/** Runs the CLI on a pseudo-terminal with `answers` waiting on its input (then end of input). */
async function onTerminal(dir: string, args: string[], answers: string, env: Record<string, string | undefined> = {}) {
  const command = [process.execPath, BIN, ...args].map(shq).join(' ');
  // A shell pipes the answers into script, which types them into the terminal the command reads.
  return spawnCollect('sh', ['-c', `printf %s ${shq(answers)} | script -qec ${shq(command)} /dev/null`], { cwd: dir, env: { TERM: 'dumb', CI: undefined, ...env } });
}

const original = (path: string): string => readFileSync(join(EXAMPLE, path), 'utf8');

/** The terminal tests need util-linux `script`; without it they are reported as skipped. */
const withTerminal = scriptCommand() ? describe.concurrent : describe.skip;

withTerminal('--interactive on a terminal', () => {
  it('shows each change as a diff and applies only what is accepted: y, n, ? (help), then q', async () => {
    const dir = makeGitRepo(copyDir(EXAMPLE, makeTemp()));
    const before = snapshot(dir);
    const run = await onTerminal(dir, ['--interactive', '--no-color'], 'y\nn\n?\nq\n');
    expect(run.code, run.stdout).toBe(1); // two changes declined: legacy code remains
    expect(changedPaths(before, snapshot(dir))).toEqual([FILES[0]]);
    expect(readFileSync(join(dir, FILES[0] as string), 'utf8')).toContain("sessionId: sessionId,\n                owner: base.owner");
    // The terminal shows each file's diff before its question, in path order, and the help once.
    const out = run.stdout.replace(/\r\n/g, '\n');
    const at = (s: string): number => out.indexOf(s);
    expect(at(`diff --git a/${FILES[0]} b/${FILES[0]}`)).toBeGreaterThan(-1);
    expect(at(`diff --git a/${FILES[0]}`)).toBeLessThan(at(PROMPT(1, FILES[0] as string)));
    // The file's review items, in line order, between its diff and its question.
    const UNBOUND = 'review  The inserted sessionId uses "sessionId", which is not defined here, so the page would throw a ReferenceError';
    const notes = [`${FILES[0]}:18:54  ${UNBOUND}`, `${FILES[0]}:29:23  ${UNBOUND}`];
    expect(at(notes[0] as string)).toBeGreaterThan(at(`diff --git a/${FILES[0]}`));
    expect(at(notes[0] as string)).toBeLessThan(at(notes[1] as string));
    expect(at(notes[1] as string)).toBeLessThan(at(PROMPT(1, FILES[0] as string)));
    expect(at(PROMPT(1, FILES[0] as string))).toBeLessThan(at(`diff --git a/${FILES[1]}`));
    expect(at(`diff --git a/${FILES[1]}`)).toBeLessThan(at(PROMPT(2, FILES[1] as string)));
    expect(at(PROMPT(2, FILES[1] as string))).toBeLessThan(at(`diff --git a/${FILES[2]}`));
    expect(out.split(PROMPT(3, FILES[2] as string))).toHaveLength(3); // asked twice: after "?" came the help
    expect(out).toContain('a - apply this change and all the remaining ones\n');
    expect(out).toContain('note: 2 changes not applied: skipped in the review');
    expect(out).toContain('dr-migrate: 6 files scanned, 1 changed, 5 unchanged, 0 skipped, 0 errored.');
    expect(out).toContain('1 file written');
    // Declined: still legacy, in the file's block of the report.
    expect(out).toContain(`${FILES[2]}\n  14:19  review  `);
    expect(out).toContain(`\n  44:5   legacy  Would migrate payPal payload`);
  });

  it('takes single keys, without Enter (issue 17): "ny" skips the first change and applies the second, each key echoed', async () => {
    const dir = makeGitRepo(copyDir(EXAMPLE, makeTemp()));
    const before = snapshot(dir);
    // Typed as lines, "nyq" would be one answer (the help); as keys it is n, y, q.
    const run = await onTerminal(dir, ['--interactive', '--no-color'], 'nyq');
    expect(run.code, run.stdout).toBe(1);
    expect(changedPaths(before, snapshot(dir))).toEqual([FILES[1]]);
    const out = run.stdout.replace(/\r\n/g, '\n');
    expect(out).toContain(`${PROMPT(1, FILES[0] as string)}n\n`);
    expect(out).toContain(`${PROMPT(2, FILES[1] as string)}y\n`);
    expect(out).toContain(`${PROMPT(3, FILES[2] as string)}q\n`);
    expect(out).not.toContain('y - apply this change');
  });

  it('a applies the current change and all the remaining ones', async () => {
    const dir = makeGitRepo(copyDir(EXAMPLE, makeTemp()));
    const before = snapshot(dir);
    const run = await onTerminal(dir, ['--interactive', '--no-color'], 'n\na\n');
    expect(run.code, run.stdout).toBe(1); // the review site of saved-source.js, and the declined file
    expect(changedPaths(before, snapshot(dir))).toEqual(FILES.slice(1));
    expect(readFileSync(join(dir, FILES[0] as string), 'utf8')).toBe(original(FILES[0] as string));
    expect(run.stdout).not.toContain(PROMPT(3, FILES[2] as string));
  });

  it('the end of the input is a quit: nothing is written', async () => {
    const dir = makeGitRepo(copyDir(EXAMPLE, makeTemp()));
    const before = snapshot(dir);
    const run = await onTerminal(dir, ['--interactive', '--no-color'], '');
    expect(run.code, run.stdout).toBe(1);
    expect(snapshot(dir)).toEqual(before);
    expect(run.stdout).toContain('note: 3 changes not applied: skipped in the review');
  });

  it('still refuses a dirty file before asking anything', async () => {
    const dir = makeGitRepo(copyDir(EXAMPLE, makeTemp()));
    appendFileSync(join(dir, FILES[1] as string), '// local edit\n');
    const before = snapshot(dir);
    const run = await onTerminal(dir, ['--interactive', '--no-color'], 'a\n');
    expect(run.code).toBe(2);
    expect(run.stdout).toContain(`refusing to write: 1 file to be migrated has uncommitted changes (${FILES[1]})`);
    expect(run.stdout).not.toContain('Apply this change');
    expect(snapshot(dir)).toEqual(before);
  });

  it('with a machine format: exit 2, one line (stdout belongs to the report)', async () => {
    const dir = makeGitRepo(copyDir(EXAMPLE, makeTemp()));
    const run = await onTerminal(dir, ['--interactive', '--format', 'json'], '');
    expect(run.code).toBe(2);
    expect(run.stdout.replace(/\r\n/g, '\n')).toBe('dr-migrate: error: --interactive shows diffs and asks questions: it cannot be used with --format json\n');
  });

  it('never prompts in CI, even on a terminal: exit 2, one line, nothing written', async () => {
    const dir = makeGitRepo(copyDir(EXAMPLE, makeTemp()));
    const before = snapshot(dir);
    const run = await onTerminal(dir, ['--interactive'], 'a\n', { CI: 'true' });
    expect(run.code).toBe(2);
    expect(run.stdout.replace(/\r\n/g, '\n').replace(/^a\n/, '')).toBe(
      'dr-migrate: error: --interactive never prompts in CI (CI is set); review the patch of --dry-run instead\n',
    );
    expect(snapshot(dir)).toEqual(before);
  });
});

describe.concurrent('--interactive without a terminal', () => {
  it('exits 2 with one line when stdin is not a TTY, whatever it holds, and writes nothing', async () => {
    const dir = makeGitRepo(copyDir(EXAMPLE, makeTemp()));
    const before = snapshot(dir);
    const run = await runCli(['--interactive'], { cwd: dir, env: { CI: undefined } });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('dr-migrate: error: --interactive needs a terminal, and stdin is not one; review the patch of --dry-run instead\n');
    expect(snapshot(dir)).toEqual(before);
  });

  it('cannot be combined with --dry-run or --check', async () => {
    const dir = makeGitRepo(copyDir(EXAMPLE, makeTemp()));
    for (const args of [['--interactive', '--dry-run'], ['--interactive', '--check']]) {
      const run = await runCli(args, { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^dr-migrate: error: --\S+ and --\S+ cannot be used together\n$/);
    }
  });
});
