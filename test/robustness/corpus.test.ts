// The reduced real-code corpus run (issue 8) as part of the suite: scripts/corpus.mjs with CORPUS_QUICK=1 copies
// packages already installed in node_modules, so it needs no network. The script checks the guarantees itself
// (no crash or hang, no file changed, every parse failure listed with its path) and exits 1 if one is broken.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from './helpers.js';

it('runs dr-migrate over real third-party code without changing a file', () => {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'corpus.mjs')], {
    cwd: ROOT,
    env: { ...process.env, CORPUS_QUICK: '1' },
    encoding: 'utf8',
    timeout: 170_000,
  });
  expect(run.error, 'the corpus run hung').toBeUndefined();
  expect(run.stderr).toBe('');
  expect(run.stdout).toMatch(/^corpus: quick set, \d+ packages, \d+ files/m);
  for (const pass of ['check', 'write', 'deep write']) expect(run.stdout).toMatch(new RegExp(`^corpus: ${pass}: \\d+ files in`, 'm'));
  expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('corpus: ok, no file changed, every parse failure reported with its path');
  expect(run.status).toBe(0);
}, 180_000);
