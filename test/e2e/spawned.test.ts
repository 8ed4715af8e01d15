// Smoke tests of the command as a user's shell runs it (issue 16): most end-to-end tests run the built command in
// the test process through its Io seam; these spawn `node bin/dr-migrate.js` too and require the very same exit code
// and output, so what the in-process runs assert is what a user gets.

import { describe, expect, it } from 'vitest';
import { DEFINED_SESSION, exampleCopy, makeTemp, runCli, snapshot, spawnCli, untimed } from './helpers.js';

/** The run's outcome with the elapsed time, the only thing allowed to differ, taken out. */
const outcome = (r: { code: number | null; stdout: string; stderr: string }): [number | null, string, string | undefined] => [r.code, r.stdout, untimed(r.stderr)];

describe.concurrent('the command spawned and in process', () => {
  it.each<[string, string[]]>([
    ['--check (human report)', ['--check']],
    ['--check --format json', ['--check', '--format', 'json']],
    ['--check --format sarif', ['--check', '--format', 'sarif']],
    ['--dry-run with a session id', ['--dry-run', ...DEFINED_SESSION]],
    ['--explain', ['--explain']],
    ['inventory --format json', ['inventory', '--format', 'json']],
    ['methods', ['methods']],
    ['--help', ['--help']],
    ['a usage error', ['--dry-run', '--check']],
    ['a path that does not exist', ['no-such-folder']],
  ])('%s gives the same exit code and output', async (_name, args) => {
    const cwd = exampleCopy();
    const [spawned, inProcess] = await Promise.all([spawnCli(args, { cwd }), runCli(args, { cwd })]);
    expect(spawned.signal).toBeNull();
    expect(outcome(inProcess)).toEqual(outcome(spawned));
  });

  it('a write run leaves the same files and says the same', async () => {
    const [a, b] = [exampleCopy(), exampleCopy()];
    const [spawned, inProcess] = await Promise.all([spawnCli([...DEFINED_SESSION, '--force'], { cwd: a }), runCli([...DEFINED_SESSION, '--force'], { cwd: b })]);
    // Each run names its own undo journal entry (a time and a random suffix).
    const journal = (stderr: string): string => stderr.replace(/\(journal [^)]+\)/, '(journal …)');
    expect(outcome({ ...inProcess, stderr: journal(inProcess.stderr) })).toEqual(outcome({ ...spawned, stderr: journal(spawned.stderr) }));
    expect(spawned.stderr).toContain('3 files written');
    expect(snapshot(b)).toEqual(snapshot(a));
  });

  it('an empty folder is the same usage error', async () => {
    const cwd = makeTemp();
    const [spawned, inProcess] = await Promise.all([spawnCli(['--check'], { cwd }), runCli(['--check'], { cwd })]);
    expect(spawned.code).toBe(2);
    expect(outcome(inProcess)).toEqual(outcome(spawned));
  });
});
