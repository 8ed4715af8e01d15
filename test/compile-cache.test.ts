// The command's compile cache (issue 14): V8's code for the bundle and its packages kept between runs. Each case runs
// a fresh Node (the hook is per process) and reads what the cache did from its NODE_DEBUG lines.

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from '@babel/parser';
import { createRequire } from 'node:module';
import { CACHEABLE_LIST, CACHED_PACKAGES, callsImport as treeCallsImport } from '../src/run/compile-cache.js';
import { FIXTURES, ROOT, makeTemp, removeTemp, spawnCli } from './e2e/helpers.js';

const MODULE = pathToFileURL(join(ROOT, 'dist', 'src', 'run', 'compile-cache.js')).href;
const work = makeTemp('dr-migrate-cc-test-');
afterAll(() => removeTemp(work));

const OLD = new Date(Date.now() - 60_000);

/** A CommonJS module under `dir`, its modification time a minute ago (its change time is now, as for any write). */
function writeModule(dir: string, name: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, text);
  utimesSync(file, OLD, OLD);
  return file;
}

/** Requires `file` through the command's cache, as bin/dr-migrate.js enables it, with `env`; undefined when off. */
function viaCommand(file: string, env: Record<string, string>): unknown {
  const script = `
    import { createRequire } from 'node:module';
    const { enableCommandCompileCache } = await import(${JSON.stringify(MODULE)});
    const cache = enableCommandCompileCache(process.env);
    const { value } = createRequire(import.meta.url)(${JSON.stringify(file)});
    cache?.save();
    process.stdout.write(JSON.stringify(cache === undefined ? ['off', value] : ['on', value]));
  `;
  return JSON.parse(spawnNode(script, env).stdout) as unknown;
}

/**
 * Requires `file` in a child through a cache in `cache` and returns what it exports and the cache's debug lines,
 * shortened (`hit <work>/a/m.js`). The files here were all just written: unless `racy`, the cache is told to trust
 * them at once (what it does two seconds after a change, the case `racy` tests).
 */
interface RunOptions {
  readonly racy?: boolean;
  readonly nodeOptions?: readonly string[];
  readonly maxBytes?: number;
}

function run(cache: string, file: string, { racy = false, nodeOptions = [], maxBytes }: RunOptions = {}): { value: unknown; log: string[] } {
  const script = `
    import { createRequire } from 'node:module';
    const { enableCompileCache } = await import(${JSON.stringify(MODULE)});
    const cache = enableCompileCache({ directory: ${JSON.stringify(cache)}, include: (f) => f.startsWith(${JSON.stringify(work)})${racy ? '' : ', racyMs: 0'}${maxBytes === undefined ? '' : `, maxBytes: ${maxBytes}`} });
    const { value } = createRequire(import.meta.url)(${JSON.stringify(file)});
    cache?.save();
    process.stdout.write(JSON.stringify(value));
  `;
  const result = spawnNode(script, {}, nodeOptions);
  const log = result.stderr
    .split('\n')
    .filter((l) => l.startsWith('DR-MIGRATE-COMPILE-CACHE'))
    .map((l) =>
      l
        .replace(/^DR-MIGRATE-COMPILE-CACHE \d+: /, '')
        .replaceAll(work, '<work>')
        .replace(/\/v\d+\.\d+\.\d+-[\w-]+\/[0-9a-f]{40}/, '/<entry>'),
    );
  return { value: JSON.parse(result.stdout) as unknown, log };
}

function spawnNode(script: string, env: Record<string, string> = {}, nodeOptions: readonly string[] = []): { stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...nodeOptions, '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'], NODE_DEBUG: 'dr-migrate-compile-cache', ...env },
  });
  if (r.status !== 0) throw new Error(`the child failed: ${r.stderr}`);
  return { stdout: r.stdout, stderr: r.stderr };
}

const entries = (cache: string): string[] => {
  const [folder] = readdirSync(cache);
  return readdirSync(join(cache, folder as string)).map((name) => join(cache, folder as string, name));
};

describe('the compile cache', () => {
  it('compiles a module once, saves its code, and hands it to V8 on the next run', () => {
    const cache = join(work, 'cache-a');
    const file = writeModule(join(work, 'a'), 'm.js', 'exports.value = [1, 2, 3].map((n) => n * 2);\n');
    expect(run(cache, file)).toEqual({ value: [2, 4, 6], log: ['miss <work>/a/m.js', 'saved <work>/cache-a/<entry>'] });
    const saved = entries(cache);
    expect(saved).toHaveLength(1);
    expect(statSync(saved[0] as string).mode & 0o777).toBe(0o600);
    expect(statSync(join(cache, readdirSync(cache)[0] as string)).mode & 0o777).toBe(0o700);
    expect(run(cache, file)).toEqual({ value: [2, 4, 6], log: ['hit <work>/a/m.js'] });
  });

  it('runs the new text of a file changed to the same size with its modification time set back', () => {
    const cache = join(work, 'cache-b');
    const dir = join(work, 'b');
    const file = writeModule(dir, 'm.js', 'exports.value = "first";\n');
    expect(run(cache, file).value).toBe('first');
    expect(run(cache, file).log).toEqual(['hit <work>/b/m.js']);
    // Same length, same modification time: only the change time (which no tool sets back) tells them apart.
    writeModule(dir, 'm.js', 'exports.value = "other";\n');
    const changed = run(cache, file);
    expect(changed.value).toBe('other');
    expect(changed.log[0]).toBe('miss <work>/b/m.js');
  });

  it('keeps the code of runs with other Node options apart, so that neither rejects the other', () => {
    const cache = join(work, 'cache-i');
    const file = writeModule(join(work, 'i'), 'm.js', 'exports.value = "flags";\n');
    const other = ['--max-old-space-size=1000', '--no-opt'];
    expect(run(cache, file).log[0]).toBe('miss <work>/i/m.js');
    expect(run(cache, file, { nodeOptions: other }).log[0]).toBe('miss <work>/i/m.js');
    expect(run(cache, file).log).toEqual(['hit <work>/i/m.js']);
    expect(run(cache, file, { nodeOptions: other }).log).toEqual(['hit <work>/i/m.js']);
    expect(readdirSync(cache)).toHaveLength(2);
  });

  it('removes the entries written longest ago once the folder holds more than its limit', () => {
    const cache = join(work, 'cache-j');
    const first = writeModule(join(work, 'j'), 'first.js', 'exports.value = 1;\n');
    const second = writeModule(join(work, 'j'), 'second.js', 'exports.value = 2;\n');
    run(cache, first);
    const [older] = entries(cache);
    const size = statSync(older as string).size;
    // Room for one entry: writing the second removes the first.
    const r = run(cache, second, { maxBytes: size + 100 });
    expect(r.log).toEqual(['miss <work>/j/second.js', 'saved <work>/cache-j/<entry>', 'removed <work>/cache-j/<entry>']);
    expect(entries(cache)).toHaveLength(1);
    expect(entries(cache)).not.toContain(older);
    expect(run(cache, second).log).toEqual(['hit <work>/j/second.js']);
  });

  it('does not trust a file changed in the last two seconds', () => {
    const cache = join(work, 'cache-c');
    const file = writeModule(join(work, 'c'), 'm.js', 'exports.value = 42;\n');
    expect(run(cache, file, { racy: true })).toEqual({ value: 42, log: ['changed too recently for <work>/c/m.js'] });
    expect(readdirSync(join(cache, readdirSync(cache)[0] as string))).toEqual([]);
  });

  it('ignores a corrupt entry, compiles as usual and writes it anew', () => {
    const cache = join(work, 'cache-d');
    const file = writeModule(join(work, 'd'), 'm.js', 'exports.value = { ok: true };\n');
    run(cache, file);
    const [entry] = entries(cache);
    writeFileSync(entry as string, Buffer.from('not V8 code at all, just some bytes of the wrong kind'));
    expect(run(cache, file)).toEqual({ value: { ok: true }, log: ['rejected <work>/d/m.js', 'saved <work>/cache-d/<entry>'] });
    expect(run(cache, file).log).toEqual(['hit <work>/d/m.js']);
  });

  it('leaves a module it cannot compile as a script to Node (ES module syntax loaded with require())', () => {
    const cache = join(work, 'cache-e');
    const file = writeModule(join(work, 'e'), 'm.js', 'export const value = "module";\n');
    const r = run(cache, file);
    expect(r.value).toBe('module');
    expect(r.log.every((l) => !l.startsWith('hit') && !l.startsWith('saved'))).toBe(true);
  });

  it('does not use a folder that others can write', () => {
    const cache = join(work, 'cache-f');
    mkdirSync(cache);
    chmodSync(cache, 0o777);
    const file = writeModule(join(work, 'f'), 'm.js', 'exports.value = "still runs";\n');
    const r = run(cache, file);
    expect(r.value).toBe('still runs');
    expect(r.log).toEqual([`not using <work>/cache-f: not a folder only this user can write`]);
    expect(readdirSync(join(cache, readdirSync(cache)[0] as string))).toEqual([]);
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE, and in the folder NODE_COMPILE_CACHE names otherwise', () => {
    const file = writeModule(join(work, 'g'), 'm.js', 'exports.value = 7;\n');
    expect(viaCommand(file, { NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual(['off', 7]);
    const cache = join(work, 'cache-g');
    expect(viaCommand(file, { NODE_COMPILE_CACHE: cache })).toEqual(['on', 7]);
    // The command's cache takes its own bundle and node_modules only: a module elsewhere is compiled as usual.
    expect(readdirSync(join(cache, readdirSync(cache)[0] as string))).toEqual([]);
  });

  it('leaves an ES module loaded with require() to Node, even one that would compile as a script', () => {
    const cache = join(work, 'cache-k');
    const dir = join(work, 'k');
    writeModule(dir, 'package.json', '{ "type": "module" }\n');
    // No import or export: only the package's type makes it a module, where `this` is undefined at the top.
    const file = writeModule(dir, 'm.js', 'globalThis.seen = String(this);\n');
    const script = `
      import { createRequire } from 'node:module';
      const { enableCompileCache } = await import(${JSON.stringify(MODULE)});
      enableCompileCache({ directory: ${JSON.stringify(cache)}, include: () => true, racyMs: 0 })?.save();
      createRequire(import.meta.url)(${JSON.stringify(file)});
      process.stdout.write(JSON.stringify(globalThis.seen));
    `;
    expect(JSON.parse(spawnNode(script).stdout)).toBe('undefined');
  });

  it('keeps the text of the module it compiled (the wrapper sees the same source)', () => {
    const cache = join(work, 'cache-h');
    const file = writeModule(join(work, 'h'), 'm.js', '#!/usr/bin/env node\nexports.value = __filename.endsWith("m.js") && typeof require.resolve;\n');
    expect(run(cache, file)).toEqual({ value: 'function', log: ['miss <work>/h/m.js', 'saved <work>/cache-h/<entry>'] });
    expect(run(cache, file)).toEqual({ value: 'function', log: ['hit <work>/h/m.js'] });
  });
});

describe('the built command with its compile cache', () => {
  const engine = join(ROOT, 'dist', 'bundle', 'cjs', 'process-text.js');
  const lines = (stderr: string): string[] =>
    stderr
      .split('\n')
      .filter((l) => l.startsWith('DR-MIGRATE-COMPILE-CACHE'))
      .map((l) => l.replace(/^DR-MIGRATE-COMPILE-CACHE \d+: /, ''));

  /** 60 files to parse (a parser thread starts beside the main thread, scan.ts) and a configuration in an ES module. */
  async function project(name: string): Promise<string> {
    const tree = join(work, name);
    const input = readFileSync(join(FIXTURES, 'payPal', 'seed.input.js'));
    mkdirSync(tree);
    for (let i = 0; i < 60; i++) writeFileSync(join(tree, `pay-${i}.js`), input);
    writeFileSync(join(tree, 'dr-migrate.config.mjs'), "export default { sessionId: 'checkout.payment.session.id' };\n");
    // A file built in the last two seconds is not cached yet (a build just before the tests).
    const fresh = 2100 - (Date.now() - statSync(engine).ctimeMs);
    if (fresh > 0) await new Promise((r) => setTimeout(r, fresh));
    return tree;
  }

  it('reads on its second run the code its first run saved, on the main thread and in its parser thread, with the same result', async () => {
    const tree = await project('tree');
    const env = { NODE_COMPILE_CACHE: join(work, 'cli-cache'), NODE_DEBUG: 'dr-migrate-compile-cache' };
    const args = ['--check', '--concurrency', '1', '.'];
    const first = await spawnCli(args, { cwd: tree, env });
    const second = await spawnCli(args, { cwd: tree, env });
    const third = await spawnCli(args, { cwd: tree, env });
    /** The report (on stderr), without the cache's lines and the run's duration. */
    const report = (stderr: string): string =>
      stderr
        .split('\n')
        .filter((l) => !l.startsWith('DR-MIGRATE-COMPILE-CACHE'))
        .join('\n')
        .replace(/\(\d+\.\d+ s\)/, '(…)');
    for (const run of [first, second, third]) {
      expect(run.code).toBe(1);
      // The configuration (an ES module, imported) is read on every run: its session id is in the findings.
      expect(report(run.stderr)).toContain('The inserted sessionId uses "checkout"');
      expect(report(run.stderr)).toContain('61 files scanned, 60 would change, 1 unchanged');
      expect(run.stderr).not.toContain('could not load');
      expect(run.stderr).not.toContain('Warning');
    }
    expect(report(second.stderr)).toBe(report(first.stderr));
    expect(report(third.stderr)).toBe(report(first.stderr));
    expect(lines(first.stderr)).toContain(`miss ${engine}`);
    expect(lines(first.stderr).filter((l) => l.startsWith('saved')).length).toBeGreaterThan(1);
    const again = lines(second.stderr);
    expect(again.filter((l) => l === `hit ${engine}`)).toHaveLength(2);
    expect(again.filter((l) => !l.startsWith('hit '))).toEqual([]);
  });

  it('gives its parser thread the entries of its own Node options', async () => {
    const tree = await project('tree-flags');
    const env = { NODE_COMPILE_CACHE: join(work, 'cli-cache-flags'), NODE_DEBUG: 'dr-migrate-compile-cache', NODE_OPTIONS: '--jitless' };
    const args = ['--check', '--concurrency', '1', '.'];
    await spawnCli(args, { cwd: tree, env });
    const second = await spawnCli(args, { cwd: tree, env });
    expect(second.code).toBe(1);
    const again = lines(second.stderr);
    expect(again.filter((l) => l === `hit ${engine}`)).toHaveLength(2);
    expect(again.filter((l) => !l.startsWith('hit '))).toEqual([]);
  });
});

describe('what the compile cache takes', () => {
  const callsImport = (file: string): boolean =>
    treeCallsImport(parse(readFileSync(file, 'utf8'), { sourceType: 'script', allowReturnOutsideFunction: true, errorRecovery: true }).program);

  it('lists every file of the bundle but those that call import()', () => {
    const dir = join(ROOT, 'dist', 'bundle', 'cjs');
    const listed = (JSON.parse(readFileSync(join(dir, CACHEABLE_LIST), 'utf8')) as { files: string[] }).files;
    const files = readdirSync(dir).filter((f) => f.endsWith('.js'));
    const importing = files.filter((f) => callsImport(join(dir, f)));
    // The configuration's import() alone, in a chunk of its own (src/cli/import-module.ts).
    expect(importing).toHaveLength(1);
    expect(readFileSync(join(dir, importing[0] as string), 'utf8')).toContain('function importModule(url)');
    expect(listed).toEqual(files.filter((f) => !importing.includes(f)).sort());
    expect(listed).toContain('process-text.js');
  });

  it('takes from node_modules only packages that call no import()', () => {
    const require = createRequire(import.meta.url);
    for (const name of CACHED_PACKAGES) {
      const root = dirname(require.resolve(`${name}/package.json`));
      const scripts = (readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.c?js$/.test(f) && !f.includes('node_modules'));
      expect(scripts.length, name).toBeGreaterThan(0);
      for (const f of scripts) expect(callsImport(join(root, f)), `${name}/${f}`).toBe(false);
    }
  });
});
