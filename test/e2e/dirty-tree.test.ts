// The dirty-tree guard of write mode, with real git repositories; and writing outside any repository.

import { appendFileSync, copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  changedPaths,
  copyDir,
  EXAMPLE,
  exampleCopy,
  fixture,
  git,
  gitStatus,
  insideGitRepo,
  makeGitRepo,
  makeTemp,
  runCli,
  snapshot,
  STACK_FRAME,
} from './helpers.js';

const CHANGED = ['magento/view/frontend/web/js/dr-payments.js', 'react/src/PaymentForm.tsx', 'wordpress/js/checkout.js'];
const LOCAL_EDIT = '// a local change that is not committed\n';

function oneLine(stderr: string): void {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.slice(0, -1)).not.toContain('\n');
  expect(stderr).not.toContain(STACK_FRAME);
}

describe.concurrent('write mode in a git repository with uncommitted changes', () => {
  it('refuses (exit 2, names the file, mentions --force) when a file it would migrate is modified, and writes nothing', async () => {
    const dir = makeGitRepo(copyDir(EXAMPLE, makeTemp()));
    appendFileSync(join(dir, 'wordpress/js/checkout.js'), LOCAL_EDIT);
    const before = snapshot(dir);
    const run = await runCli(['.'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    oneLine(run.stderr);
    expect(run.stderr).toContain('wordpress/js/checkout.js');
    expect(run.stderr).toContain('--force');
    for (const other of CHANGED.filter((p) => p !== 'wordpress/js/checkout.js')) expect(run.stderr).not.toContain(other);
    expect(snapshot(dir)).toEqual(before);
    expect(gitStatus(dir)).toBe(' M wordpress/js/checkout.js\n');
  });

  it('refuses for a staged change too, and lists every dirty file', async () => {
    const dir = makeGitRepo(copyDir(EXAMPLE, makeTemp()));
    appendFileSync(join(dir, 'react/src/PaymentForm.tsx'), LOCAL_EDIT);
    git(dir, ['add', 'react/src/PaymentForm.tsx']);
    appendFileSync(join(dir, 'magento/view/frontend/web/js/dr-payments.js'), LOCAL_EDIT);
    const before = snapshot(dir);
    const run = await runCli(['.'], { cwd: dir });
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toContain('react/src/PaymentForm.tsx');
    expect(run.stderr).toContain('magento/view/frontend/web/js/dr-payments.js');
    expect(run.stderr).not.toContain('wordpress/js/checkout.js');
    expect(snapshot(dir)).toEqual(before);
  });

  it('names the dirty file when run from a subdirectory of the repository', async () => {
    const root = makeTemp();
    copyDir(EXAMPLE, join(root, 'web'));
    makeGitRepo(root);
    appendFileSync(join(root, 'web/wordpress/js/checkout.js'), LOCAL_EDIT);
    const before = snapshot(root);
    const run = await runCli(['wordpress'], { cwd: join(root, 'web') });
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toContain('wordpress/js/checkout.js');
    expect(snapshot(root)).toEqual(before);
  });

  it('writes with --force, keeping the local change', async () => {
    const dir = makeGitRepo(copyDir(EXAMPLE, makeTemp()));
    appendFileSync(join(dir, 'wordpress/js/checkout.js'), LOCAL_EDIT);
    const before = snapshot(dir);
    const run = await runCli(['--force', '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1); // the review site
    expect(run.stderr).toContain('3 files written');
    expect(changedPaths(before, snapshot(dir))).toEqual(CHANGED);
    const checkout = readFileSync(join(dir, 'wordpress/js/checkout.js'), 'utf8');
    expect(checkout).toContain('"sessionId": sessionId,');
    expect(checkout.endsWith(`})(jQuery);\n${LOCAL_EDIT}`)).toBe(true);
  });

  it('is not blocked by a dirty file it would not migrate', async () => {
    const dir = makeGitRepo(copyDir(EXAMPLE, makeTemp()));
    appendFileSync(join(dir, 'server/orders.js'), LOCAL_EDIT); // has a createSource call, but not DigitalRiver.js
    appendFileSync(join(dir, 'README.md'), LOCAL_EDIT);
    const before = snapshot(dir);
    const run = await runCli(['.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('3 files written');
    expect(changedPaths(before, snapshot(dir))).toEqual(CHANGED);
    expect(readFileSync(join(dir, 'server/orders.js'), 'utf8').endsWith(LOCAL_EDIT)).toBe(true);
  });

  it('refuses for an untracked file it would migrate', async () => {
    const dir = makeGitRepo(copyDir(EXAMPLE, makeTemp()));
    copyFileSync(fixture('payPal', 'seed.input.js'), join(dir, 'new-paypal.js'));
    const before = snapshot(dir);
    const run = await runCli(['.'], { cwd: dir });
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).toContain('new-paypal.js');
    expect(snapshot(dir)).toEqual(before);
  });

  it('guards files by the repository they are in, not the one the command runs from (dirty file in another repo)', async () => {
    const here = makeGitRepo(makeTemp());
    const other = makeGitRepo(copyDir(EXAMPLE, makeTemp()));
    appendFileSync(join(other, 'wordpress/js/checkout.js'), LOCAL_EDIT);
    const before = snapshot(other);
    const run = await runCli([other], { cwd: here });
    expect(run.code).toBe(2);
    oneLine(run.stderr);
    expect(run.stderr).not.toContain('internal error');
    expect(run.stderr).toContain('wordpress/js/checkout.js');
    expect(run.stderr).toContain('--force');
    expect(snapshot(other)).toEqual(before);
  });

  it('does not apply to --dry-run or --check', async () => {
    const dir = makeGitRepo(copyDir(EXAMPLE, makeTemp()));
    appendFileSync(join(dir, 'wordpress/js/checkout.js'), LOCAL_EDIT);
    const [dry, check] = await Promise.all([runCli(['--dry-run', '.'], { cwd: dir }), runCli(['--check', '.'], { cwd: dir })]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('diff --git a/wordpress/js/checkout.js');
    expect(check.code, check.stderr).toBe(1);
  });
});

describe.concurrent('write mode outside any git repository', () => {
  it('writes and prints a note on stderr', async () => {
    const dir = exampleCopy();
    expect(insideGitRepo(dir), `${dir} is inside a git work tree; the test needs a temp dir outside any`).toBe(false);
    const before = snapshot(dir);
    const run = await runCli(['.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^note: not inside a git repository/m);
    expect(run.stderr).toContain('3 files written');
    expect(changedPaths(before, snapshot(dir))).toEqual(CHANGED);
  });

  it('writes files that are in no repository even when run from inside one (path outside the work tree)', async () => {
    const here = makeGitRepo(makeTemp());
    const target = exampleCopy();
    expect(insideGitRepo(target)).toBe(false);
    const before = snapshot(target);
    const run = await runCli([target], { cwd: here });
    expect(run.stderr).not.toContain('internal error');
    expect(run.stderr).not.toContain(STACK_FRAME);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^note: not inside a git repository/m);
    expect(changedPaths(before, snapshot(target))).toEqual(CHANGED);
    expect(gitStatus(here)).toBe('');
  });

  it('puts the note in the JSON notices', async () => {
    const dir = exampleCopy();
    const run = await runCli(['--format', 'json', '.'], { cwd: dir });
    const json = JSON.parse(run.stdout);
    expect(json.notices).toHaveLength(1);
    expect(json.notices[0]).toMatch(/not inside a git repository/);
    expect(json.summary.written).toBe(3);
  });
});
