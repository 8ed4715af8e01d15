// The undo journal: every write run can be undone, byte for byte, unless its files changed since.

import { appendFileSync, chmodSync, copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedPaths, copyDir, DEFINED_SESSION, EXAMPLE, exampleCopy, fixture, gitStatus, makeGitRepo, makeTemp, mode, runCli, snapshot } from './helpers.js';

const CHANGED = ['magento/view/frontend/web/js/dr-payments.js', 'react/src/PaymentForm.tsx', 'wordpress/js/checkout.js'];

const journalRuns = (dir: string): string[] => (existsSync(join(dir, '.dr-migrate', 'runs')) ? readdirSync(join(dir, '.dr-migrate', 'runs')).sort() : []);

describe.concurrent('dr-migrate undo', () => {
  it('restores every file of the last write run byte for byte; the journal stays out of git', async () => {
    const dir = makeGitRepo(copyDir(EXAMPLE, makeTemp()));
    const original = snapshot(dir);
    const write = await runCli(['.'], { cwd: dir });
    expect(write.code, write.stderr).toBe(1); // the review site
    expect(write.stderr).toMatch(/^undo this run with: dr-migrate undo \(journal \S+\)$/m);
    expect(changedPaths(original, snapshot(dir))).toEqual(CHANGED);
    // The journal: its own .gitignore, so `git status` shows only the migrated files.
    expect(readFileSync(join(dir, '.dr-migrate', '.gitignore'), 'utf8')).toBe('*\n');
    expect(journalRuns(dir)).toHaveLength(1);
    expect(gitStatus(dir).split('\n').filter(Boolean).sort()).toEqual(CHANGED.map((p) => ` M ${p}`));

    const undo = await runCli(['undo'], { cwd: dir });
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.stderr).toBe('');
    const run = journalRuns(dir)[0] as string;
    expect(undo.stdout).toBe(
      [
        `dr-migrate undo: run ${run} (3 files written)`,
        ...CHANGED.map((p) => `  restored      ${p}`),
        '✔ 3 restored, 0 not restored.',
        '',
      ].join('\n'),
    );
    expect(snapshot(dir)).toEqual(original);
    expect(gitStatus(dir)).toBe('');

    // Nothing left to undo: a clear one-line error.
    const again = await runCli(['undo'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`dr-migrate: error: nothing to undo: no write run recorded in ${join(dir, '.dr-migrate')} that is not undone yet\n`);
  });

  it('leaves a file changed since the run alone and says so (exit 1), restoring the others', async () => {
    const dir = makeGitRepo(copyDir(EXAMPLE, makeTemp()));
    const original = snapshot(dir);
    expect((await runCli(['.'], { cwd: dir })).code).toBe(1);
    appendFileSync(join(dir, 'react/src/PaymentForm.tsx'), '// my own edit after the migration\n');
    const edited = readFileSync(join(dir, 'react/src/PaymentForm.tsx'), 'utf8');
    const undo = await runCli(['undo'], { cwd: dir });
    expect(undo.code).toBe(1);
    expect(undo.stdout.split('\n').slice(1)).toEqual([
      '  restored      magento/view/frontend/web/js/dr-payments.js',
      '  not restored  react/src/PaymentForm.tsx: changed since the run',
      '  restored      wordpress/js/checkout.js',
      '! 2 restored, 1 not restored (they changed after the run: restore them by hand or with git).',
      '',
    ]);
    expect(readFileSync(join(dir, 'react/src/PaymentForm.tsx'), 'utf8')).toBe(edited);
    expect(changedPaths(original, snapshot(dir))).toEqual(['react/src/PaymentForm.tsx']);
  });

  it('undoes runs one after the other, newest first, and lists them; run from a subdirectory', async () => {
    const dir = makeGitRepo(copyDir(EXAMPLE, makeTemp()));
    const original = snapshot(dir);
    expect((await runCli([...DEFINED_SESSION, 'wordpress'], { cwd: dir })).code).toBe(0);
    const afterFirst = snapshot(dir);
    expect((await runCli([...DEFINED_SESSION, '--force', 'react'], { cwd: dir })).code).toBe(0);
    const [first, second] = journalRuns(dir);
    const list = await runCli(['undo', '--list'], { cwd: join(dir, 'react') });
    expect(list.code).toBe(0);
    expect(list.stdout).toBe(`${second}  1 file  can be undone  src/PaymentForm.tsx\n${first}  1 file  can be undone  ../wordpress/js/checkout.js\n`);

    expect((await runCli(['undo'], { cwd: join(dir, 'react') })).code).toBe(0);
    expect(snapshot(dir)).toEqual(afterFirst);
    const listed = await runCli(['undo', '--list'], { cwd: dir });
    expect(listed.stdout).toMatch(new RegExp(`^${second}  1 file  undone \\S+  react/src/PaymentForm.tsx\\n${first}  1 file  can be undone  wordpress/js/checkout.js\\n$`));
    expect((await runCli(['undo'], { cwd: dir })).code).toBe(0);
    expect(snapshot(dir)).toEqual(original);

    const unknown = await runCli(['undo', 'nope'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(`dr-migrate: error: no run "nope" in ${join(dir, '.dr-migrate')} (see dr-migrate undo --list)\n`);
    // A run can be named, even one undone already: its files now hold their previous content.
    const named = await runCli(['undo', first as string], { cwd: dir });
    expect(named.code).toBe(0);
    expect(named.stdout).toContain('  unchanged     wordpress/js/checkout.js (already holds its previous content)');
  });

  it('keeps CRLF, BOM and the file mode; works outside git (journal in the working directory)', async () => {
    const dir = makeTemp();
    copyFileSync(fixture('formatting', 'crlf.input.js'), join(dir, 'crlf.js'));
    copyFileSync(fixture('formatting', 'bom.input.js'), join(dir, 'bom.js'));
    chmodSync(join(dir, 'crlf.js'), 0o755);
    const original = snapshot(dir);
    const write = await runCli([...DEFINED_SESSION, '.'], { cwd: dir });
    expect(write.code, write.stderr).toBe(0);
    expect(write.stderr).toContain('not inside a git repository');
    expect(changedPaths(original, snapshot(dir))).toEqual(['bom.js', 'crlf.js']);
    const undo = await runCli(['undo'], { cwd: dir });
    expect(undo.code, undo.stdout).toBe(0);
    expect(snapshot(dir)).toEqual(original);
    expect(mode(join(dir, 'crlf.js'))).toBe(0o755);
  });

  it('records nothing for --dry-run, --check or a write run that changes nothing', async () => {
    const dir = exampleCopy();
    await runCli(['--dry-run'], { cwd: dir });
    await runCli(['--check'], { cwd: dir });
    await runCli(['marketing'], { cwd: dir });
    expect(existsSync(join(dir, '.dr-migrate'))).toBe(false);
    const undo = await runCli(['undo'], { cwd: dir });
    expect(undo.code).toBe(2);
    expect(undo.stderr).toBe(`dr-migrate: error: nothing to undo: no write run recorded in ${join(dir, '.dr-migrate')}\n`);
  });

  it('keeps the 20 latest runs', async () => {
    const dir = makeTemp();
    const legacy = readFileSync(fixture('directDebit', 'seed.input.js'), 'utf8');
    for (let i = 0; i < 22; i++) {
      writeFileSync(join(dir, 'pay.js'), legacy);
      expect((await runCli([...DEFINED_SESSION, 'pay.js'], { cwd: dir })).code).toBe(0);
    }
    expect(journalRuns(dir)).toHaveLength(20);
  }, 180_000);
});
