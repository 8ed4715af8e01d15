// `dr-migrate --dry-run > migrate.patch && git apply migrate.patch`, exactly as a person types it: the patch is the
// same whatever the concurrency, and applying it gives what write mode writes, from the root or a subdirectory.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, copyDir, EXAMPLE, fixture, gitStatus, makeGitRepo, makeTemp, runCli, shq, snapshot, spawnCollect, untimed } from './helpers.js';

/** example/ under web/, plus 30 legacy files spread over nested folders (names chosen to sort unlike creation order). */
function bigRepo(): string {
  const root = makeTemp();
  copyDir(EXAMPLE, join(root, 'web'));
  const seeds = ['payPal', 'directDebit', 'klarnaCredit', 'wireTransfer', 'creditCard'];
  for (let i = 0; i < 30; i++) {
    const dir = join(root, 'web', 'modules', `m${(i * 7) % 10}`, i % 2 === 0 ? 'a' : 'B');
    mkdirSync(dir, { recursive: true });
    const seed = seeds[i % seeds.length] as string;
    writeFileSync(join(dir, `pay-${(i * 13) % 30}.js`), readFileSync(fixture(seed, 'seed.input.js')));
  }
  mkdirSync(join(root, 'tools'));
  writeFileSync(join(root, 'tools', 'legacy.js'), readFileSync(fixture('payPal', 'seed.input.js')));
  return makeGitRepo(root);
}

const sh = (script: string, cwd: string) => spawnCollect('sh', ['-c', script], { cwd, timeoutMs: 60_000 });
const cli = `${shq(process.execPath)} ${shq(BIN)}`;

describe.concurrent('the dry-run patch', () => {
  it('is byte-identical whatever --concurrency, with sections sorted by path', async () => {
    const dir = bigRepo();
    const runs = await Promise.all(['1', '2', '7', '64'].map((n) => runCli(['--dry-run', '--concurrency', n, '--no-color'], { cwd: dir })));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const first = runs[0]?.stdout ?? '';
    expect(first.length).toBeGreaterThan(0);
    for (const r of runs.slice(1)) {
      expect(r.stdout).toBe(first);
      expect(untimed(r.stderr)).toBe(untimed(runs[0]?.stderr));
    }
    const paths = [...first.matchAll(/^diff --git a\/(\S+) /gm)].map((m) => m[1] as string);
    expect(paths).toHaveLength(34); // 30 modules + tools/legacy.js + 3 in example/
    expect(paths).toEqual([...paths].sort());
    // Within a file, hunks go down the file.
    for (const section of first.split(/^(?=diff --git )/m)) {
      const starts = [...section.matchAll(/^@@ -(\d+)/gm)].map((m) => Number(m[1]));
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    }
  });

  it('`dr-migrate --dry-run > migrate.patch && git apply migrate.patch` gives exactly what write mode writes', async () => {
    const previewed = bigRepo();
    const written = bigRepo();
    const applied = await sh(`${cli} --dry-run > migrate.patch && git apply migrate.patch && rm migrate.patch`, previewed);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toMatch(/^! dr-migrate \(dry-run\): 37 files scanned, 34 would change, 3 unchanged/m);
    const write = await runCli([], { cwd: written });
    expect(write.code, write.stderr).toBe(1); // the review site in example/
    expect(snapshot(previewed)).toEqual(snapshot(written));
    expect(gitStatus(previewed)).toBe(gitStatus(written));
  });

  it('works the same from a subdirectory: the patch holds that subtree, paths from the repository root', async () => {
    const previewed = bigRepo();
    const written = bigRepo();
    const web = (d: string): string => join(d, 'web');
    const applied = await sh(`${cli} --dry-run > ../migrate.patch && git apply ../migrate.patch && rm ../migrate.patch`, web(previewed));
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toBe('');
    const write = await runCli([], { cwd: web(written) });
    expect(write.code, write.stderr).toBe(1);
    expect(snapshot(previewed)).toEqual(snapshot(written));
    // tools/ lies outside the subdirectory: neither run touched it.
    expect(gitStatus(previewed).split('\n').filter(Boolean).every((l) => l.startsWith(' M web/'))).toBe(true);
    // The same patch applies from the root as well.
    const again = bigRepo();
    const patch = join(makeTemp(), 'm.patch');
    const dry = await runCli(['--dry-run'], { cwd: web(again) });
    writeFileSync(patch, dry.stdoutBytes);
    expect(dry.stdout).toMatch(/^diff --git a\/web\/magento\//);
    const fromRoot = await sh(`git apply ${shq(patch)}`, again);
    expect(fromRoot.code, fromRoot.stderr).toBe(0);
    expect(snapshot(again)).toEqual(snapshot(written));
  });

  it('stops the chain when a file fails (exit 2), so a partial patch is never applied by accident', async () => {
    const dir = bigRepo();
    writeFileSync(join(dir, 'web', 'broken.js'), 'var drjs = new DigitalRiver(KEY);\ndrjs.createSource({ type: "payPal",\n');
    const before = snapshot(dir);
    const chain = await sh(`${cli} --dry-run > migrate.patch && git apply migrate.patch`, dir);
    expect(chain.code).toBe(2);
    const { ['migrate.patch']: patch, ...rest } = snapshot(dir);
    expect(patch).toContain('diff --git');
    expect(rest).toEqual(before);
  });
});
