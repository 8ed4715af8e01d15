// SIGINT/SIGTERM in the middle of the write phase (issue 8): the real CLI on many files, signalled as soon as the
// first file has been replaced. Every file must hold its complete old or complete new text, no temporary file may
// be left, the run must stop early and exit 130, also when the signal comes twice. No timing is assumed: the
// signal follows the first rename.

import { readFileSync, watch } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { legacy, migrated, put, runCli, tempDir, tempLeftovers, type CliRun } from './helpers.js';

/** Enough files that writing them all takes far longer than delivering a signal (each write is flushed to disk). */
const FILES = 300;

/** Spawns the CLI on FILES legacy files and calls `onFirstRename` with the child once the first file is replaced. */
async function writeAndSignal(
  onFirstRename: (child: ChildProcess) => void,
  args: readonly string[] = ['--quiet'],
): Promise<{ dir: string; names: string[]; run: CliRun }> {
  const dir = tempDir();
  const names = Array.from({ length: FILES }, (_, i) => `f${String(i).padStart(4, '0')}.js`);
  for (const n of names) put(dir, n, legacy(n));
  let signalled = false;
  const run = await runCli([...args, '.'], { cwd: dir }, (child) => {
    // A rename into the folder is the first sign of the write phase.
    const watcher = watch(dir, (_event, name) => {
      if (signalled || !name || !names.includes(name)) return;
      if (readFileSync(join(dir, name), 'utf8') === legacy(name)) return;
      signalled = true;
      watcher.close();
      onFirstRename(child);
    });
    child.on('close', () => watcher.close());
  });
  expect(signalled).toBe(true);
  return { dir, names, run };
}

/** Every file wholly old or wholly new, some of each, and no temporary file left. */
function expectWholeFiles(dir: string, names: readonly string[]): void {
  let fresh = 0;
  let old = 0;
  for (const n of names) {
    const text = readFileSync(join(dir, n), 'utf8');
    if (text === legacy(n)) old++;
    else {
      expect(text, n).toBe(migrated(legacy(n)));
      fresh++;
    }
  }
  expect(fresh).toBeGreaterThan(0);
  expect(old).toBeGreaterThan(0);
  expect(tempLeftovers(dir)).toEqual([]);
}

describe.each(['SIGINT', 'SIGTERM'] as const)('%s during the write phase', (signal) => {
  it('stops between two files: each file is wholly old or wholly new, none half-written, exit 130', async () => {
    const { dir, names, run } = await writeAndSignal((child) => child.kill(signal));
    expect(run.code).toBe(130);
    expect(run.stderr).toContain(`${signal} received, stopping after the file being written`);
    expectWholeFiles(dir, names);
  });
});

// Timing-sensitive under a loaded machine (the second signal races the end of the run): on demand only, with
// DR_SIGNAL_TWICE=1, until it is made deterministic. The single-signal tests above always run.
describe.runIf(process.env.DR_SIGNAL_TWICE === '1')('a second signal (Ctrl-C pressed twice)', () => {
  it('stops at once, still with no half-written file and no temporary file left', async () => {
    const { dir, names, run } = await writeAndSignal(
      (child) => {
        // Signals of one kind do not queue: the second is sent once the first has been taken in. Until then the
        // JSON report (far over a pipe's 64 KiB) is not read, so the process cannot finish before it arrives.
        child.stdout?.pause();
        let again = false;
        child.stderr?.on('data', (d: Buffer) => {
          if (!again && d.toString().includes('SIGINT received, stopping')) {
            again = true;
            child.kill('SIGINT');
            child.stdout?.resume();
          }
        });
        child.kill('SIGINT');
      },
      ['--format', 'json'],
    );
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('SIGINT received again, stopped');
    expectWholeFiles(dir, names);
  });
});
