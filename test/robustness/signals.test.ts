// SIGINT/SIGTERM in the middle of the write phase (issue 8): the real CLI on many files, signalled as soon as the
// first file has been replaced. Every file must hold its complete old or complete new text, no temporary file may
// be left, the run must stop early and exit 130. No timing is assumed: the signal follows the first rename.

import { readFileSync, watch } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { legacy, migrated, put, runCli, tempDir, tempLeftovers } from './helpers.js';

/** Enough files that writing them all takes far longer than delivering a signal (each write is flushed to disk). */
const FILES = 300;

describe.each(['SIGINT', 'SIGTERM'] as const)('%s during the write phase', (signal) => {
  it('stops between two files: each file is wholly old or wholly new, none half-written, exit 130', async () => {
    const dir = tempDir();
    const names = Array.from({ length: FILES }, (_, i) => `f${String(i).padStart(4, '0')}.js`);
    for (const n of names) put(dir, n, legacy(n));
    let signalled = false;
    const run = await runCli(['--quiet', '.'], { cwd: dir }, (child) => {
      // A rename into the folder is the first sign of the write phase.
      const watcher = watch(dir, (_event, name) => {
        if (signalled || !name || !names.includes(name)) return;
        if (readFileSync(join(dir, name), 'utf8') === legacy(name)) return;
        signalled = true;
        watcher.close();
        child.kill(signal);
      });
      child.on('close', () => watcher.close());
    });
    expect(signalled).toBe(true);
    expect(run.code).toBe(130);
    expect(run.stderr).toContain(`${signal} received, stopping after the file being written`);
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
    expect(fresh + old).toBe(FILES);
    expect(tempLeftovers(dir)).toEqual([]);
  });
});
