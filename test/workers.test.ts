// Parser threads (issue 7): the built CLI gives the same files and the same report, in the same order, whatever
// --concurrency says, once there are enough files to parse for threads to start.

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EARLY_THREAD_AFTER, WORKER_THRESHOLD } from '../src/run/collect/scan.js';
import { PARSE_ALONE_BYTES } from '../src/run/collect/workers.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'dr-migrate.js');
const FIXTURES = join(ROOT, 'fixtures');
const work = mkdtempSync(join(tmpdir(), 'dr-migrate-workers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Planted {
  readonly path: string;
  readonly expected: string;
}

/** Fixture cases that run with default options, copied (twice over, in nested folders) into a fresh project. */
function project(name: string): { dir: string; planted: Planted[] } {
  const dir = join(work, name);
  const planted: Planted[] = [];
  for (const folder of readdirSync(FIXTURES).sort()) {
    const files = readdirSync(join(FIXTURES, folder));
    for (const f of files.sort()) {
      const m = /^(.+)\.input\.([A-Za-z0-9]+)$/.exec(f);
      // Plain scripts with default options (templates and whole projects have suites of their own).
      if (!m || files.includes(`${m[1]}.options.json`) || !/^(?:[cm]?js|jsx|[cm]?ts|tsx)$/.test(m[2] as string)) continue;
      for (const copy of ['one', 'two/deeper']) {
        const path = `${copy}/${folder}/${m[1]}.${m[2]}`;
        mkdirSync(join(dir, copy, folder), { recursive: true });
        cpSync(join(FIXTURES, folder, f), join(dir, path));
        planted.push({ path, expected: readFileSync(join(FIXTURES, folder, `${m[1]}.output.${m[2]}`), 'utf8') });
      }
    }
  }
  // One file that cannot be parsed and one that cannot be read as text: reported the same way by threads.
  writeFileSync(join(dir, 'one', 'broken.js'), 'dr.createSource({ type: "payPal", amount: 1 ');
  writeFileSync(join(dir, 'one', 'binary.js'), Buffer.from([0x64, 0x72, 0x2e, 0, 0, 0x20, ...Buffer.from('createSource()')]));
  return { dir, planted };
}

/** Runs the built CLI; `threads` counts the worker threads Node reports starting (NODE_DEBUG=worker). */
function cli(cwd: string, args: string[]): { code: number | null; stdout: string; stderr: string; threads: number } {
  const env = { ...process.env, NODE_DEBUG: 'worker' };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const threads = r.stderr.split('\n').filter((l) => /^WORKER \d+: \[0\] created Worker with ID/.test(l)).length;
  const stderr = r.stderr.split('\n').filter((l) => !l.startsWith('WORKER ')).join('\n');
  return { code: r.status, stdout: r.stdout, stderr, threads };
}

describe('parser threads', () => {
  const { dir, planted } = project('threads');

  it('has enough files to parse for the threads to start', () => {
    expect(planted.length).toBeGreaterThan(WORKER_THRESHOLD);
  });

  it('reports exactly the same result object on the main thread and on 1 or 2 threads, sorted by path', () => {
    const runs = ['0', '1', '2'].map((n) => cli(dir, ['--check', '--format', 'json', '--concurrency', n]));
    for (const r of runs) expect(r.code).toBe(2); // the broken file
    expect(runs.map((r) => r.threads)).toEqual([0, 1, Math.min(2, availableParallelism())]);
    const [main, one, three] = runs.map((r) => JSON.parse(r.stdout) as { files: { path: string; status: string; diff?: string }[] });
    expect(one).toEqual(main);
    expect(three).toEqual(main);
    const paths = main?.files.map((f) => f.path) ?? [];
    expect(paths).toEqual([...paths].sort());
    expect(main?.files.find((f) => f.path === 'one/broken.js')?.status).toBe('error');
    expect(main?.files.find((f) => f.path === 'one/binary.js')?.status).toBe('skipped');
    const changed = main?.files.filter((f) => f.status === 'changed') ?? [];
    expect(changed.length).toBeGreaterThan(WORKER_THRESHOLD);
    for (const f of changed) expect(f.diff).toMatch(new RegExp(`^diff --git a/${f.path} b/${f.path}\n`));
  });

  it('writes every file exactly as the fixture suite expects when threads do the work', () => {
    const copy = join(work, 'written');
    cpSync(dir, copy, { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: copy });
    const r = cli(copy, ['--concurrency', '2', '--force']);
    expect(r.code).toBe(2);
    for (const p of planted) expect(readFileSync(join(copy, p.path), 'utf8'), p.path).toBe(p.expected);
  });

  it('parses on the main thread when fewer files than the threshold need parsing', () => {
    const r = cli(dir, ['--check', '--concurrency', '2', 'one/payPal', 'one/origins/inline-literal.js']);
    expect(r.code).toBe(1);
    expect(r.threads).toBe(0);
  });

  it('in a large tree, hands even a few files to one thread that parses while the main thread reads', () => {
    const big = join(work, 'large');
    for (let i = 0; i < EARLY_THREAD_AFTER + 200; i++) {
      mkdirSync(join(big, `pkg-${i % 20}`), { recursive: true });
      writeFileSync(join(big, `pkg-${i % 20}`, `m${i}.js`), `export const value${i} = ${i};\n`);
    }
    for (const [i, name] of ['payPal', 'bPay', 'konbini'].entries()) cpSync(join(FIXTURES, name, 'seed.input.js'), join(big, `pkg-${i * 7}`, `${name}.js`));
    // Larger than the pool's byte budget: parsed alone, and the same result as on the main thread.
    const padding = `// ${'x'.repeat(100)}\n`.repeat(Math.ceil(PARSE_ALONE_BYTES / 100));
    mkdirSync(join(big, 'zz-last'));
    writeFileSync(join(big, 'zz-last', 'large.js'), padding + readFileSync(join(FIXTURES, 'payPal', 'seed.input.js'), 'utf8'));
    const one = cli(big, ['--check', '--format', 'json', '--concurrency', '0']);
    const two = cli(big, ['--check', '--format', 'json', '--concurrency', '2']);
    expect([one.threads, two.threads]).toEqual([0, 1]);
    expect(two.code).toBe(1);
    const result = JSON.parse(two.stdout) as { summary: { scanned: number; changed: number } };
    expect(result.summary).toMatchObject({ scanned: EARLY_THREAD_AFTER + 204, changed: 4 });
    expect(result).toEqual(JSON.parse(one.stdout));
  });

  it('does the work on the main thread, same result, where threads may not start (Node permission model)', () => {
    const flag = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
    const env = { ...process.env, NODE_DEBUG: '' };
    const denied = spawnSync(process.execPath, [flag, '--allow-fs-read=*', BIN, '--check', '--format', 'json'], { cwd: dir, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const main = cli(dir, ['--check', '--format', 'json', '--concurrency', '0']);
    expect(denied.status).toBe(2); // the broken file
    expect(JSON.parse(denied.stdout)).toEqual(JSON.parse(main.stdout));
  });

  it('never starts more threads than there are CPUs', () => {
    const r = cli(dir, ['--check', '--concurrency', '64']);
    expect(r.code).toBe(2);
    expect(r.threads).toBe(availableParallelism());
  });

  it('rejects a thread count that is not a whole number of 0 or more', () => {
    for (const n of ['-1', '1.5', 'many', '']) {
      const r = cli(dir, ['--check', '--concurrency', n]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('dr-migrate: error: --concurrency must be a whole number of 0 or more\n');
    }
  });
});
