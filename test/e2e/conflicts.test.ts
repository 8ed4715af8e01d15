// Flags that would be accepted and then do nothing (issue 17, item 7): each is one line on stderr, exit 2, nothing
// read or written; from the configuration file, the message names the file and the key instead of a flag.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleCopy, makeGitRepo, runCli, snapshot } from './helpers.js';

const E = (message: string): string => `dr-migrate: error: ${message}\n`;

const REFUSED: readonly (readonly [readonly string[], string])[] = [
  [['--baseline', 'b.json'], '--baseline only applies with --check or --explain: a write run migrates baselined sites too; add --check, or drop --baseline'],
  [['--interactive', '--baseline', 'b.json'], '--baseline only applies with --check or --explain: a write run migrates baselined sites too; add --check, or drop --baseline'],
  [['--dry-run', '--baseline', 'b.json'], "--baseline and --dry-run cannot be used together: a dry run's patch holds every change, baselined or not; use --check --baseline"],
  [
    ['--mark-review', '--check'],
    '--mark-review and --check cannot be used together: --check writes nothing, and counts the sites that need review either way; preview the comments with --dry-run --mark-review',
  ],
  [['--mark-review', '--explain'], '--mark-review and --explain cannot be used together: --explain writes nothing; preview the comments with --dry-run --mark-review'],
  [
    ['--mark-review', '--write-baseline', 'b.json'],
    '--mark-review and --write-baseline cannot be used together: --write-baseline changes no source file; mark the sites in a write run of their own',
  ],
  [
    ['--dry-run', '--format', 'github'],
    '--dry-run prints a patch, or the whole result with --format json: it cannot be used with --format github; a dry run exits 0, so annotations would fail nothing: in CI use --check',
  ],
  [
    ['--dry-run', '--format', 'sarif'],
    '--dry-run prints a patch, or the whole result with --format json: it cannot be used with --format sarif; a dry run exits 0, so annotations would fail nothing: in CI use --check',
  ],
  [
    ['--write-baseline', 'b.json', '--format', 'github'],
    '--write-baseline records the remaining sites and prints a summary, or the whole result with --format json: it cannot be used with --format github; annotations of the sites missing from a baseline come from --check --baseline',
  ],
  [['--explain', '--format', 'sarif'], '--explain prints an explanation, or the whole result with --format json: it cannot be used with --format sarif'],
  [['--explain', '--force'], '--force only applies when writing; it cannot be used with --explain'],
  [['--write-baseline', 'b.json', '--force'], '--force only applies when writing; it cannot be used with --write-baseline'],
  [['undo', '20250101-abc', '--list'], 'undo --list and a run id cannot be used together: --list lists every run; restore one with dr-migrate undo 20250101-abc'],
];

describe.concurrent('flags that would do nothing', () => {
  it.each(REFUSED)('%j: one line, exit 2, nothing written', async (args, message) => {
    const dir = makeGitRepo(exampleCopy());
    const before = snapshot(dir);
    const run = await runCli(args, { cwd: dir });
    expect(run.stderr).toBe(E(message));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(snapshot(dir)).toEqual(before);
  });

  it('the combinations that do something still run', async () => {
    const dir = makeGitRepo(exampleCopy());
    const adopt = await runCli(['--write-baseline', 'b.json'], { cwd: dir });
    expect(adopt.code, adopt.stderr).toBe(0);
    for (const args of [['--check', '--baseline', 'b.json'], ['--explain', '--baseline', 'b.json'], ['--check', '--baseline', 'b.json', '--format', 'github']]) {
      const run = await runCli(args, { cwd: dir });
      expect(run.code, `${args.join(' ')}\n${run.stderr}`).toBe(0);
    }
    const marked = await runCli(['--dry-run', '--mark-review'], { cwd: dir });
    expect(marked.code, marked.stderr).toBe(0);
    expect(marked.stdout).toContain('+            // TODO(dr-migrate): Payload not migrated: it is read from `response.sourceData`; migrate it by hand.\n');
  });
});

describe.concurrent('settings from the configuration file', () => {
  const json = (x: unknown): string => `${JSON.stringify(x, null, 2)}\n`;

  it('a "format" that does not suit the run names the file and the key; --format on the command line overrides it', async () => {
    const dir = makeGitRepo(exampleCopy());
    writeFileSync(join(dir, 'dr-migrate.config.json'), json({ format: 'github' }));
    const refused = await runCli(['--dry-run'], { cwd: join(dir, 'wordpress') });
    expect(refused.stderr).toBe(
      E(
        '../dr-migrate.config.json: "format": "github" cannot be used with --dry-run, which prints a patch, or the whole result with --format json; pass --format human or json to override it',
      ),
    );
    expect(refused.code).toBe(2);
    const explained = await runCli(['--explain'], { cwd: dir });
    expect(explained.stderr).toBe(
      E('dr-migrate.config.json: "format": "github" cannot be used with --explain, which prints an explanation, or the whole result with --format json; pass --format human or json to override it'),
    );
    const overridden = await runCli(['--dry-run', '--format', 'human'], { cwd: dir });
    expect(overridden.code, overridden.stderr).toBe(0);
    expect(overridden.stdout).toMatch(/^diff --git /);
    const check = await runCli(['--check'], { cwd: dir });
    expect(check.code, check.stderr).toBe(1);
    expect(check.stdout).toMatch(/^::(warning|error) file=/m);
  });

  it('a package.json field is named as its other errors name it', async () => {
    const dir = makeGitRepo(exampleCopy());
    writeFileSync(join(dir, 'package.json'), json({ name: 'shop', private: true, 'dr-migrate': { format: 'json' } }));
    const run = await runCli(['--interactive'], { cwd: dir, env: { CI: undefined } });
    expect(run.stderr).toBe(E('package.json "dr-migrate": "format": "json" cannot be used with --interactive, which shows diffs and asks questions; pass --format human to override it'));
    expect(run.code).toBe(2);
  });

  it('"markReview" and "baseline" are settings for the runs they apply to, not conflicts: a check and a write run both go ahead', async () => {
    const dir = makeGitRepo(exampleCopy());
    writeFileSync(join(dir, 'dr-migrate.config.json'), json({ markReview: true, baseline: 'b.json' }));
    const adopt = await runCli(['--write-baseline', 'b.json'], { cwd: dir });
    expect(adopt.code, adopt.stderr).toBe(0);
    const check = await runCli(['--check'], { cwd: dir });
    expect(check.code, check.stderr).toBe(0);
    const write = await runCli(['--force'], { cwd: dir });
    expect(write.code, write.stderr).toBe(1);
    expect(write.stderr).not.toContain('baseline');
  });
});
