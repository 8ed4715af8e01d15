// --cache (issue 14): a second run prints byte for byte what the first and an uncached run print, files that hit are
// not parsed, and every change that could change a result (a file, a setting, the version) misses.

import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyDir, EXAMPLE, fixture, git, makeGitRepo, makeTemp, runCli, untimed, type Completed } from './helpers.js';

const BROKEN = 'var drjs = new DigitalRiver(KEY);\ndrjs.createSource({ type: "payPal", amount: 1,\n';
const CACHE = join('node_modules', '.cache', 'dr-migrate', 'dr-migrate-cache.json');
/** An hour ago: files checked out a while before the run, so the metadata strategy records their size and time. */
const EARLIER = new Date(Date.now() - 3_600_000);

/**
 * The e2e checkout (review, legacy and info findings) plus a file that does not parse (error), a TreviPay payload
 * (warning), a PHP payload array and a page whose payload is built in another module (the type-aware step).
 */
function project(): string {
  const dir = copyDir(EXAMPLE, makeTemp('dr-migrate-cache-'));
  mkdirSync(join(dir, 'extra'));
  writeFileSync(join(dir, 'extra', 'broken.js'), BROKEN);
  copyFileSync(fixture('msts', 'seed.input.js'), join(dir, 'extra', 'trevipay.js'));
  copyFileSync(fixture('php', 'array-paypal.input.php'), join(dir, 'extra', 'checkout.php'));
  return dir;
}

/** A project whose createSource payload is built in another module: only the type-aware step settles it. */
function crossModule(): string {
  return copyDir(fixture('projects', 'esm-builder', 'input'), makeTemp('dr-migrate-cache-cross-'));
}

/** Waits out the window in which a changed file is recorded without a stamp (RACY_MS in src/run/collect/cached-scan.ts). */
const settle = (): Promise<void> => new Promise((done) => setTimeout(done, 2_100));

function age(dir: string, paths: readonly string[]): void {
  for (const p of paths) utimesSync(join(dir, p), EARLIER, EARLIER);
}

const run = (cwd: string, args: readonly string[]): Promise<Completed> => runCli(args, { cwd, timeoutMs: 120_000 });

/** What a run printed, the time it took left out. */
const printed = (r: Completed): { code: number | null; stdout: string; stderr: string | undefined } => ({ code: r.code, stdout: r.stdout, stderr: untimed(r.stderr) });

/** How many files `--timings` says were parsed. */
function parsedFiles(r: Completed): number {
  const m = /^slowest files \(parse and plan\), \d+ of (\d+):$/m.exec(r.stderr);
  if (!m) throw new Error(`no --timings report in:\n${r.stderr}`);
  return Number(m[1]);
}

const CHECK_JSON = ['--check', '--format', 'json'];

// Each test runs the CLI a dozen times or more, some building a TypeScript program: minutes on a busy machine.
describe.concurrent('--cache', { timeout: 300_000 }, () => {
  it('prints byte for byte what an uncached run prints, first and second time, in every report', async () => {
    const dir = project();
    for (const args of [CHECK_JSON, ['--check'], ['--dry-run'], ['--check', '--format', 'sarif'], ['--explain', '--format', 'json']]) {
      const plain = printed(await run(dir, args));
      expect(printed(await run(dir, [...args, '--cache'])), args.join(' ')).toEqual(plain);
      expect(printed(await run(dir, [...args, '--cache'])), args.join(' ')).toEqual(plain);
    }
    const json = JSON.parse((await run(dir, [...CHECK_JSON, '--cache'])).stdout) as { summary: { findings: Record<string, number> } };
    for (const severity of ['error', 'review', 'legacy', 'warning', 'info']) expect(json.summary.findings[severity], severity).toBeGreaterThan(0);
    expect(existsSync(join(dir, CACHE))).toBe(true);
  });

  it('parses nothing on a second run over unchanged files', async () => {
    const dir = project();
    const first = await run(dir, ['--check', '--cache', '--timings']);
    expect(parsedFiles(first)).toBe(9);
    const second = await run(dir, ['--check', '--cache', '--timings']);
    expect(parsedFiles(second)).toBe(0);
    expect(second.code).toBe(first.code);
  });

  it('parses an edited file again, and only that one', async () => {
    const dir = project();
    await run(dir, ['--check', '--cache']);
    writeFileSync(join(dir, 'extra', 'broken.js'), `${BROKEN}});\n`);
    const edited = await run(dir, ['--check', '--cache', '--timings']);
    expect(parsedFiles(edited)).toBe(1);
    expect(printed(await run(dir, [...CHECK_JSON, '--cache']))).toEqual(printed(await run(dir, CHECK_JSON)));
  });

  it('misses on every file when a setting that changes results changes', async () => {
    const dir = project();
    await run(dir, ['--check', '--cache']);
    for (const setting of [['--methods', 'payPal'], ['--session-id', 'checkout.session.id'], ['--php-session-id', '$session->id'], ['--remove-card-amounts']]) {
      const changed = await run(dir, ['--check', '--cache', '--timings', ...setting]);
      expect(parsedFiles(changed), setting.join(' ')).toBe(9);
      expect(printed(await run(dir, [...CHECK_JSON, '--cache', ...setting])), setting.join(' ')).toEqual(printed(await run(dir, [...CHECK_JSON, ...setting])));
    }
  });

  it('ignores a cache written by another version, with a note, and writes it anew', async () => {
    const dir = project();
    const plain = printed(await run(dir, CHECK_JSON));
    await run(dir, ['--check', '--cache']);
    const file = join(dir, CACHE);
    const data = JSON.parse(readFileSync(file, 'utf8')) as { version: string };
    const version = data.version;
    writeFileSync(file, JSON.stringify({ ...data, version: '0.0.1-older' }));
    const other = await run(dir, [...CHECK_JSON, '--cache']);
    expect(other.stdout).toBe(plain.stdout);
    expect(other.code).toBe(plain.code);
    expect(other.stderr.split('\n').filter((l) => l.includes('cache'))).toEqual([
      `dr-migrate: note: cache ${file} was written by dr-migrate 0.0.1-older; running without it, and writing it anew`,
    ]);
    expect((JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version).toBe(version);
    expect(parsedFiles(await run(dir, ['--check', '--cache', '--timings']))).toBe(0);
  });

  it('ignores a corrupt cache, with a note, and gives the uncached result', async () => {
    const dir = project();
    const plain = printed(await run(dir, CHECK_JSON));
    await run(dir, ['--check', '--cache']);
    const file = join(dir, CACHE);
    for (const corrupt of [readFileSync(file, 'utf8').slice(0, 200), '{"tool":"dr-migrate"}', '[]']) {
      writeFileSync(file, corrupt);
      const r = await run(dir, [...CHECK_JSON, '--cache']);
      expect(r.stdout).toBe(plain.stdout);
      expect(r.stderr.split('\n').filter((l) => l.includes('cache'))).toEqual([`dr-migrate: note: cache ${file} is corrupt; running without it, and writing it anew`]);
      expect(parsedFiles(await run(dir, ['--check', '--cache', '--timings']))).toBe(0);
    }
  });

  it('with --cache-strategy metadata, trusts an unchanged size and time without reading, and sees a touched file', async () => {
    const dir = project();
    const page = join('extra', 'trevipay.js');
    age(dir, [page, join('extra', 'broken.js')]);
    // Setting a time back moves the change time to now, and a file changed in the last 2 s gets no size-and-time stamp
    // (it could change again unseen within its clock's tick): the first run comes once that is past, whatever the
    // machine's speed.
    await settle();
    await run(dir, ['--check', '--cache', '--cache-strategy', 'metadata']);
    // Same size, same time, other bytes: only a read would tell, and the metadata strategy does not read.
    const original = readFileSync(join(dir, page), 'utf8');
    const same = original.replace('msts', 'MSTS');
    expect(same).not.toBe(original);
    writeFileSync(join(dir, page), same);
    age(dir, [page]);
    expect(parsedFiles(await run(dir, ['--check', '--cache', '--cache-strategy', 'metadata', '--timings']))).toBe(0);
    // The content strategy sees the change time moved (no tool can set it back), reads the bytes and misses.
    expect(parsedFiles(await run(dir, ['--check', '--cache', '--timings']))).toBe(1);
    // Touched: a new time makes the metadata strategy look at the bytes again.
    writeFileSync(join(dir, 'extra', 'broken.js'), `${BROKEN}});\n`);
    const touched = await run(dir, ['--check', '--cache', '--cache-strategy', 'metadata', '--timings']);
    expect(parsedFiles(touched)).toBe(1);
    expect(printed(await run(dir, [...CHECK_JSON, '--cache', '--cache-strategy', 'metadata']))).toEqual(printed(await run(dir, CHECK_JSON)));
  });

  it('with the content strategy, hits on a fresh copy of the tree (same bytes, new times, new folder)', async () => {
    const dir = project();
    await run(dir, ['--check', '--cache']);
    const copy = makeTemp('dr-migrate-cache-copy-');
    cpSync(dir, copy, { recursive: true, preserveTimestamps: false });
    const hit = await run(copy, ['--check', '--cache', '--timings']);
    expect(parsedFiles(hit)).toBe(0);
    expect(printed(await run(copy, [...CHECK_JSON, '--cache']))).toEqual(printed(await run(copy, CHECK_JSON)));
    // The metadata strategy falls back to the bytes when the times differ: still no file parsed.
    expect(parsedFiles(await run(copy, ['--check', '--cache', '--cache-strategy', 'metadata', '--timings']))).toBe(0);
  });

  it('after a write run, reports what the rewritten files now hold', async () => {
    const dir = project();
    const paths = ['magento/view/frontend/web/js/dr-payments.js', 'wordpress/js/checkout.js', 'react/src/PaymentForm.tsx'];
    age(dir, paths);
    await run(dir, ['--check', '--cache', '--cache-strategy', 'metadata']);
    const before = paths.map((p) => readFileSync(join(dir, p), 'utf8'));
    await run(dir, ['--cache', '--cache-strategy', 'metadata', '--force']);
    expect(paths.map((p) => readFileSync(join(dir, p), 'utf8'))).not.toEqual(before);
    for (const strategy of ['metadata', 'content']) {
      expect(printed(await run(dir, [...CHECK_JSON, '--cache', '--cache-strategy', strategy])), strategy).toEqual(printed(await run(dir, CHECK_JSON)));
    }
  });

  it('settles a payload built in another module again when that module changes', async () => {
    const dir = crossModule();
    const plain = printed(await run(dir, CHECK_JSON));
    expect(printed(await run(dir, [...CHECK_JSON, '--cache']))).toEqual(plain);
    expect(printed(await run(dir, [...CHECK_JSON, '--cache']))).toEqual(plain);
    const builder = join(dir, 'src', 'payloads.js');
    writeFileSync(builder, readFileSync(builder, 'utf8').replace(/payPal/g, 'directDebit'));
    const edited = printed(await run(dir, [...CHECK_JSON, '--cache']));
    expect(edited).toEqual(printed(await run(dir, CHECK_JSON)));
    expect(edited.stdout).not.toBe(plain.stdout);
  });

  it('keys --staged runs on the staged bytes, and lists from --stdin and --files-from as a search', async () => {
    const dir = makeGitRepo(project());
    const page = join('extra', 'trevipay.js');
    writeFileSync(join(dir, page), `${readFileSync(join(dir, page), 'utf8')}\n// staged\n`);
    git(dir, ['add', page]);
    writeFileSync(join(dir, page), 'export const nothing = 1;\n');
    for (const args of [[...CHECK_JSON, '--staged'], CHECK_JSON, [...CHECK_JSON, '--staged'], [...CHECK_JSON, '--files-from', 'list.txt']]) {
      writeFileSync(join(dir, 'list.txt'), `${page}\nextra/broken.js\n`);
      expect(printed(await run(dir, [...args, '--cache'])), args.join(' ')).toEqual(printed(await run(dir, args)));
    }
    const listed = await runCli([...CHECK_JSON, '--stdin', '--cache'], { cwd: dir, timeoutMs: 120_000, input: `${page}\nextra/broken.js\n` });
    expect(printed(listed)).toEqual(printed(await runCli([...CHECK_JSON, '--stdin'], { cwd: dir, timeoutMs: 120_000, input: `${page}\nextra/broken.js\n` })));
  });

  it('keeps the cache where --cache-location or the configuration says: a file, or a folder', async () => {
    const dir = project();
    await run(dir, ['--check', '--cache', '--cache-location', 'state/dr.json']);
    expect(existsSync(join(dir, 'state', 'dr.json'))).toBe(true);
    await run(dir, ['--check', '--cache', '--cache-location', 'folder/']);
    expect(existsSync(join(dir, 'folder', 'dr-migrate-cache.json'))).toBe(true);
    mkdirSync(join(dir, 'conf'));
    writeFileSync(join(dir, 'conf', 'dr.json'), JSON.stringify({ cache: true, cacheLocation: 'kept/', cacheStrategy: 'metadata' }));
    await run(dir, ['--check', '--config', 'conf/dr.json']);
    expect(existsSync(join(dir, 'conf', 'kept', 'dr-migrate-cache.json'))).toBe(true);
    expect(existsSync(join(dir, CACHE))).toBe(false);
    writeFileSync(join(dir, 'conf', 'bad.json'), JSON.stringify({ cacheStrategy: 'mtime' }));
    const bad = await run(dir, ['--check', '--config', 'conf/bad.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('dr-migrate: error: conf/bad.json: "cacheStrategy" must be one of content, metadata, got the string "mtime"\n');
  });
});
