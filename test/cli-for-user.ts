// The built CLI as another user can run it. Tests that drop root (to make files unreadable) run the CLI as nobody,
// and the checkout may sit in a folder only its owner can enter (a clone in `mktemp -d`): such runs use a copy of
// bin/ and the bundle in a world-readable temporary folder, removed when the test file ends.

import { chmodSync, cpSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'dr-migrate.js');

let copy: string | undefined;
afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

/** The CLI entry point to spawn: the checkout's own, or for another uid a world-readable copy. */
export function cliFor(uid: number | undefined): string {
  if (uid === undefined || uid === process.getuid?.()) return BIN;
  if (!copy) {
    copy = realpathSync(mkdtempSync(join(tmpdir(), 'dr-migrate-cli-')));
    chmodSync(copy, 0o755);
    // package.json says the files are ES modules; the bundle needs nothing else from the checkout for these runs.
    for (const part of ['package.json', 'bin', join('dist', 'bundle')]) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
  }
  return join(copy, 'bin', 'dr-migrate.js');
}
