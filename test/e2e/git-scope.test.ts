// --staged, --changed and --since: a run narrowed to what git reports, for pre-commit hooks and pull requests.

import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyDir, DEFINED_SESSION, EXAMPLE, fixture, git, gitStatus, makeGitRepo, makeTemp, runCli, runJson, snapshot, STACK_FRAME } from './helpers.js';

const LEGACY = readFileSync(fixture('payPal', 'seed.input.js'), 'utf8');
const MIGRATED = readFileSync(fixture('payPal', 'seed.output.js'), 'utf8');
// A migrated page that defines the sessionId it reads (left undefined, it would be reported as session-id-unbound).
const DEFINED = `${MIGRATED}var sessionId = window.drCheckout.sessionId;\n`;
// The legacy page with the same definition: written with the default session id, it becomes DEFINED.
const LEGACY_DEFINED = `${LEGACY}var sessionId = window.drCheckout.sessionId;\n`;

/** A committed repository whose code is migrated already: src/a.js … src/d.js (migrated PayPal), src/util.js. */
function migratedRepo(): string {
  const dir = makeTemp();
  mkdirSync(join(dir, 'src'));
  for (const f of ['a', 'b', 'c', 'd']) writeFileSync(join(dir, 'src', `${f}.js`), DEFINED);
  writeFileSync(join(dir, 'src', 'util.js'), 'export const add = (a, b) => a + b;\n');
  return makeGitRepo(dir);
}

const scanned = async (args: string[], cwd: string): Promise<{ code: number | null; paths: string[]; count: number }> => {
  const { run, json } = await runJson([...args, '--format', 'json'], { cwd });
  return { code: run.code, paths: json.files.filter((f) => f.status === 'changed').map((f) => f.path), count: json.summary.scanned };
};

describe.concurrent('--staged', () => {
  it('checks only the staged files: a staged legacy payload fails, unstaged and untracked ones do not count', async () => {
    const dir = migratedRepo();
    writeFileSync(join(dir, 'src', 'a.js'), LEGACY); // staged below
    writeFileSync(join(dir, 'src', 'b.js'), LEGACY); // modified, not staged
    writeFileSync(join(dir, 'src', 'new.js'), LEGACY); // untracked
    writeFileSync(join(dir, 'src', 'staged-new.js'), LEGACY); // new and staged
    git(dir, ['add', 'src/a.js', 'src/staged-new.js']);
    const r = await scanned(['--check', '--staged'], dir);
    expect(r.code).toBe(1);
    expect(r.paths).toEqual(['src/a.js', 'src/staged-new.js']);
    expect(r.count).toBe(2);
    const human = await runCli(['--check', '--staged'], { cwd: dir });
    expect(human.stderr).toMatch(/^src\/a\.js\n(?: {2}.*\n)* {2}37:1 +legacy {2}/m);
    expect(human.stderr).not.toContain('src/b.js');
  });

  it('checks what is staged, not the work tree: a legacy payload staged then fixed without staging still fails', async () => {
    const dir = migratedRepo();
    writeFileSync(join(dir, 'src', 'a.js'), LEGACY);
    git(dir, ['add', 'src/a.js']);
    writeFileSync(join(dir, 'src', 'a.js'), MIGRATED); // fixed in the work tree, not staged
    writeFileSync(join(dir, 'src', 'b.js'), `${DEFINED}// staged as migrated\n`);
    git(dir, ['add', 'src/b.js']);
    writeFileSync(join(dir, 'src', 'b.js'), LEGACY); // broken in the work tree, not staged
    const r = await scanned(['--check', '--staged'], dir);
    expect(r).toEqual({ code: 1, paths: ['src/a.js'], count: 2 });
    const human = await runCli(['--check', '--staged'], { cwd: dir });
    expect(human.stderr).toMatch(/^src\/a\.js\n(?: {2}.*\n)* {2}37:1 +legacy {2}/m);
    expect(human.stderr).not.toContain('src/b.js');
    // A dry run still works on the work tree, where its patch applies.
    expect((await scanned(['--dry-run', '--staged'], dir)).paths).toEqual(['src/b.js']);
  });

  it('passes with nothing staged, with a staged deletion, and with staged files outside the scanned extensions', async () => {
    const dir = migratedRepo();
    const empty = await runCli(['--check', '--staged'], { cwd: dir });
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stderr).toContain('0 files scanned');
    git(dir, ['rm', '-q', 'src/c.js']);
    writeFileSync(join(dir, 'README.md'), 'createSource({ type: "payPal", amount: 1 })\n');
    git(dir, ['add', 'README.md']);
    const r = await scanned(['--check', '--staged'], dir);
    expect(r).toEqual({ code: 0, paths: [], count: 0 });
  });

  it('narrows the paths given, and works from a subdirectory', async () => {
    const dir = migratedRepo();
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'lib', 'x.js'), LEGACY);
    writeFileSync(join(dir, 'src', 'a.js'), LEGACY);
    git(dir, ['add', '-A']);
    expect((await scanned(['--check', '--staged', 'lib'], dir)).paths).toEqual(['lib/x.js']);
    expect((await scanned(['--check', '--staged'], join(dir, 'src'))).paths).toEqual(['a.js']);
  });

  it('in write mode, the dirty-tree guard lists the staged files it would write (they have uncommitted changes)', async () => {
    const dir = migratedRepo();
    // a.js defines the sessionId the write inserts: left undefined, the forced write would exit 1 (issue 17).
    writeFileSync(join(dir, 'src', 'a.js'), LEGACY_DEFINED);
    writeFileSync(join(dir, 'src', 'b.js'), LEGACY);
    git(dir, ['add', 'src/a.js']);
    const before = snapshot(dir);
    const refused = await runCli(['--staged'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'dr-migrate: error: refusing to write: 1 file to be migrated has uncommitted changes (src/a.js); commit or stash them first, or pass --force\n',
    );
    expect(snapshot(dir)).toEqual(before);
    const forced = await runCli(['--staged', '--force'], { cwd: dir });
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, 'src', 'a.js'), 'utf8')).toBe(DEFINED);
    expect(readFileSync(join(dir, 'src', 'b.js'), 'utf8')).toBe(LEGACY); // not staged: not touched
  });
});

describe.concurrent('--changed and --since', () => {
  it('--changed takes staged, unstaged and untracked files, not the committed ones', async () => {
    const dir = migratedRepo();
    writeFileSync(join(dir, 'src', 'legacy-committed.js'), LEGACY);
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-qm', 'a legacy file, committed']);
    writeFileSync(join(dir, 'src', 'a.js'), LEGACY);
    git(dir, ['add', 'src/a.js']);
    writeFileSync(join(dir, 'src', 'b.js'), LEGACY);
    writeFileSync(join(dir, 'src', 'new.js'), LEGACY);
    writeFileSync(join(dir, '.gitignore'), 'ignored.js\n');
    writeFileSync(join(dir, 'ignored.js'), LEGACY);
    const r = await scanned(['--check', '--changed'], dir);
    expect(r.code).toBe(1);
    expect(r.paths).toEqual(['src/a.js', 'src/b.js', 'src/new.js']);
  });

  it('--since <ref> takes what the branch changed since it left <ref>, plus uncommitted work; not what <ref> did since', async () => {
    const dir = migratedRepo();
    git(dir, ['checkout', '-q', '-b', 'feature']);
    writeFileSync(join(dir, 'src', 'a.js'), LEGACY);
    writeFileSync(join(dir, 'src', 'feature.js'), LEGACY);
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-qm', 'feature work']);
    // main moves on with a legacy file of its own: not this pull request's business.
    git(dir, ['checkout', '-q', 'main']);
    writeFileSync(join(dir, 'src', 'main-only.js'), LEGACY);
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-qm', 'main work']);
    git(dir, ['checkout', '-q', 'feature']);
    appendFileSync(join(dir, 'src', 'c.js'), '\n');
    const r = await scanned(['--check', '--since', 'main'], dir);
    expect(r.code).toBe(1);
    expect(r.paths).toEqual(['src/a.js', 'src/feature.js']);
    expect(r.count).toBe(3); // a.js, c.js (uncommitted), feature.js
    const same = await scanned(['--check', '--changed', '--since', 'main'], dir);
    expect(same).toEqual(r);
    // A clean branch: write mode needs no --force, the files are committed. A session id the pages define: the
    // default one, undefined there, would fail the write (issue 17).
    git(dir, ['checkout', '-q', '--', 'src/c.js']);
    const write = await runCli([...DEFINED_SESSION, '--since', 'main'], { cwd: dir });
    expect(write.code, write.stderr).toBe(0);
    expect(write.stderr).toContain('2 files written');
    expect(gitStatus(dir).split('\n').filter(Boolean).sort()).toEqual([' M src/a.js', ' M src/feature.js']);
  });

  it('in a repository without commits, every file counts as changed', async () => {
    const dir = makeTemp();
    copyDir(EXAMPLE, dir);
    git(dir, ['init', '-q', '-b', 'main']);
    const r = await scanned(['--check', '--changed'], dir);
    expect(r.code).toBe(1);
    expect(r.count).toBe(6);
  });

  it('refuses a bad ref, a missing repository, or --staged with --changed: one line, exit 2', async () => {
    const dir = migratedRepo();
    const outside = makeTemp();
    writeFileSync(join(outside, 'a.js'), LEGACY);
    const cases: [string[], string, string][] = [
      [['--check', '--since', 'no-such-branch'], dir, 'dr-migrate: error: --since no-such-branch: no such commit, branch or tag in this repository\n'],
      [['--check', '--since', '--all'], dir, 'dr-migrate: error: --since "--all" is not a git revision\n'], // never handed to git as an option
      [['--check', '--staged'], outside, `dr-migrate: error: --staged needs a git repository, and ${outside} is not inside one\n`],
      [['--check', '--changed'], outside, `dr-migrate: error: --changed needs a git repository, and ${outside} is not inside one\n`],
      [['--check', '--staged', '--changed'], dir, 'dr-migrate: error: --staged and --changed cannot be used together\n'],
    ];
    for (const [args, cwd, message] of cases) {
      const run = await runCli(args, { cwd });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toBe(message);
      expect(run.stderr).not.toContain(STACK_FRAME);
    }
    rmSync(join(outside, 'a.js'));
  });
});
