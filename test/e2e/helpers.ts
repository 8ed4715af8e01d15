// Shared helpers for the end-to-end tests: temporary projects, real git repositories, and the real built CLI.

import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll } from 'vitest';
import type { RunResult } from '../../src/run/result.js';
import { cliFor } from '../cli-for-user.js';
import { needsProcess, runInProcess } from './in-process.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'dr-migrate.js');
/**
 * The project the end-to-end tests run on: a frozen copy of the legacy checkout the bundled example started as, so
 * the example can grow without changing what these tests assert.
 */
export const EXAMPLE = join(ROOT, 'fixtures', 'trees', 'legacy-checkout');
export const FIXTURES = join(ROOT, 'fixtures');
export const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'))) {
  throw new Error('dist/ is not built: run `npx tsc -p .` (or `npm test`, which builds first) before the e2e tests');
}

/** ESC, CSI, OSC: any ANSI escape sequence at all. */
export const ANSI = /[\u001b\u009b]/;

/** A stack-trace frame line as Node prints it. */
export const STACK_FRAME = '    at ';

// ---------------------------------------------------------------------------------------------------------------
// Environment

/**
 * The environment every child process gets: the parent's, minus what would make results depend on the machine or on
 * how the tests were started (colour forcing, an enclosing git hook's GIT_DIR, npm's lifecycle variables), with git
 * isolated from the user's and system's config (no core.autocrlf, no hooks, no signing) and a fixed identity.
 */
export function baseEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (/^(GIT_|NO_COLOR$|FORCE_COLOR$|CLICOLOR|TERM$|INIT_CWD$)/i.test(k)) continue;
    // npm run sets npm_config_local_prefix etc.; an `npm install` that inherits it would install into the repo.
    if (/^npm_/i.test(k) && k.toLowerCase() !== 'npm_config_cache') continue;
    env[k] = v;
  }
  Object.assign(env, {
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'dr-migrate e2e',
    GIT_AUTHOR_EMAIL: 'e2e@example.invalid',
    GIT_COMMITTER_NAME: 'dr-migrate e2e',
    GIT_COMMITTER_EMAIL: 'e2e@example.invalid',
    GIT_TERMINAL_PROMPT: '0',
  });
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

// ---------------------------------------------------------------------------------------------------------------
// Temporary directories

const created: string[] = [];

/**
 * A new empty directory under the OS temp dir (real path, so it equals the child's process.cwd()). Removed after the
 * test file's tests have run, or earlier with `removeTemp`.
 */
export function makeTemp(prefix = 'dr-migrate-e2e-'): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  created.push(dir);
  return dir;
}

export function removeTemp(dir: string): void {
  makeWritable(dir);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Undo chmod 000 and the like so that the tree can always be removed (matters when not running as root). Symbolic
 * links are never followed: a temp project may link to this repository or its node_modules, whose modes must stay.
 */
function makeWritable(dir: string): void {
  if (!existsSync(dir)) return;
  const walk = (p: string): void => {
    try {
      const st = lstatSync(p);
      if (st.isSymbolicLink()) return;
      chmodSync(p, st.isDirectory() ? 0o755 : 0o644);
      if (st.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    } catch {
      // best effort
    }
  };
  walk(dir);
}

afterAll(() => {
  for (const dir of created.splice(0)) removeTemp(dir);
});

/** Writes `files` (paths relative to `dir`, folders made as needed) under `dir`, and returns `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Copies a folder (recursively, keeping modes) to `dest`, which may exist. */
export function copyDir(src: string, dest: string): string {
  cpSync(src, dest, { recursive: true, preserveTimestamps: true });
  return dest;
}

/** A temp dir holding a copy of the e2e project (directly, not in a subfolder). */
export function exampleCopy(): string {
  return copyDir(EXAMPLE, makeTemp('dr-migrate-e2e-example-'));
}

/**
 * A --session-id that is defined on every page (window is a browser global), for tests about something else that
 * expect a clean write or check: the default `sessionId` is unbound on most pages, which fails the run (issue 17).
 */
export const DEFINED_SESSION = ['--session-id', 'window.drCheckout.sessionId'] as const;

/** A hoisted definition of the default session id: a page that has it reads a defined `sessionId`. */
export const DEFINE_SESSION_ID = 'var sessionId = window.drCheckout.sessionId;';

/**
 * `bytes` with DEFINE_SESSION_ID appended as a last line: earlier line numbers stay, and so do the line endings (CRLF
 * stays CRLF), a byte-order mark and a missing final newline. For tests about something else that expect a clean
 * write or check: without it, the default `sessionId` the write inserts is unbound, which fails the run (issue 17).
 */
export function definingSessionId(bytes: Buffer | string): Buffer {
  const text = Buffer.isBuffer(bytes) ? bytes.toString('latin1') : Buffer.from(bytes, 'utf8').toString('latin1');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const out = text.endsWith('\n') ? `${text}${DEFINE_SESSION_ID}${eol}` : `${text}${eol}${DEFINE_SESSION_ID}`;
  return Buffer.from(out, 'latin1');
}

export function fixture(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

export function readFixture(...parts: string[]): Buffer {
  return readFileSync(fixture(...parts));
}

// ---------------------------------------------------------------------------------------------------------------
// git

export interface Completed {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly stdoutBytes: Buffer;
}

/** Runs git synchronously in `cwd` with the isolated environment; throws with git's output when it fails. */
export function git(cwd: string, args: readonly string[], options: { allowFail?: boolean; input?: string | Buffer } = {}): Completed {
  const r = spawnSync('git', ['-c', 'user.name=dr-migrate e2e', '-c', 'user.email=e2e@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    env: baseEnv(),
    input: options.input,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  const out: Completed = {
    code: r.status,
    signal: r.signal,
    stdout: r.stdout.toString('utf8'),
    stderr: r.stderr.toString('utf8'),
    stdoutBytes: r.stdout,
  };
  if (!options.allowFail && out.code !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd} (exit ${out.code}):\n${out.stderr}`);
  return out;
}

/** Turns `dir` into a git repository whose work tree is committed and clean. */
export function makeGitRepo(dir: string): string {
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'core.autocrlf', 'false']);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--allow-empty', '-m', 'initial']);
  return dir;
}

/** `git status --porcelain` of the work tree, '' when clean. */
export function gitStatus(dir: string): string {
  return git(dir, ['status', '--porcelain=v1', '--untracked-files=all']).stdout;
}

/** True when `dir` is inside some git work tree (itself or any parent). */
export function insideGitRepo(dir: string): boolean {
  return git(dir, ['rev-parse', '--show-toplevel'], { allowFail: true }).code === 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Running the CLI

export interface RunOptions {
  readonly cwd: string;
  readonly env?: Record<string, string | undefined>;
  readonly uid?: number;
  readonly gid?: number;
  readonly timeoutMs?: number;
  /** Written to the child's stdin, which is then closed; without it, stdin is /dev/null. */
  readonly input?: string | Buffer;
}

/** Spawns a command and collects its output; never throws for a non-zero exit. */
export function spawnCollect(command: string, args: readonly string[], options: RunOptions): Promise<Completed> {
  return new Promise((resolvePromise, reject) => {
    const spawnOptions: SpawnOptions = {
      cwd: options.cwd,
      env: baseEnv(options.env),
      stdio: [options.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 30_000,
      ...(options.uid !== undefined ? { uid: options.uid } : {}),
      ...(options.gid !== undefined ? { gid: options.gid } : {}),
    };
    const child = spawn(command, [...args], spawnOptions);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    // A child that exits before reading it all closes the pipe: that is its answer, not the test's failure.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input);
    child.on('close', (code, signal) => {
      const stdoutBytes = Buffer.concat(out);
      resolvePromise({ code, signal, stdout: stdoutBytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutBytes });
    });
  });
}

/**
 * Runs the real built CLI with stdout and stderr as pipes (not TTYs): in this process through its Io seam, or as
 * `node bin/dr-migrate.js …` when the run needs a process of its own (another user, environment variables the
 * process itself reads; `DR_MIGRATE_E2E_SPAWN=1` spawns every run). The spawned smoke tests check both give the same.
 */
export async function runCli(args: readonly string[], options: RunOptions): Promise<Completed> {
  if (needsProcess(options)) return spawnCli(args, options);
  const run = await runInProcess(args, options.cwd, baseEnv(options.env), options.input);
  return { code: run.code, signal: null, stdout: run.stdout, stderr: run.stderr, stdoutBytes: Buffer.from(run.stdout, 'utf8') };
}

/** Always spawns `node bin/dr-migrate.js …`, as a user's shell does. */
export function spawnCli(args: readonly string[], options: RunOptions): Promise<Completed> {
  return spawnCollect(process.execPath, [cliFor(options.uid), ...args], options);
}

/** Runs the CLI and parses stdout as JSON (for --format json/sarif). */
export async function runJson<T = RunResult>(args: readonly string[], options: RunOptions): Promise<{ run: Completed; json: T }> {
  const run = await runCli(args, options);
  let json: T;
  try {
    json = JSON.parse(run.stdout) as T;
  } catch (error) {
    throw new Error(`stdout is not JSON (exit ${run.code}): ${String(error)}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
  return { run, json };
}

// ---------------------------------------------------------------------------------------------------------------
// Trees on disk

export interface TreeOptions {
  /** Top-level names to leave out (default: .git and the undo journal .dr-migrate, the tool's own state). */
  readonly exclude?: readonly string[];
}

/**
 * Every regular file under `dir` as relative path → content, the bytes kept exactly (latin1 maps each byte to one
 * char, so `toEqual` compares byte for byte and still prints a readable diff).
 */
export function snapshot(dir: string, options: TreeOptions = {}): Record<string, string> {
  const exclude = new Set(options.exclude ?? ['.git', '.dr-migrate']);
  const out: Record<string, string> = {};
  const walk = (p: string): void => {
    for (const e of readdirSync(p, { withFileTypes: true })) {
      const abs = join(p, e.name);
      const rel = relative(dir, abs).split('\\').join('/');
      if (exclude.has(rel)) continue;
      if (e.isDirectory()) walk(abs);
      else if (e.isFile()) out[rel] = readFileSync(abs).toString('latin1');
      else if (e.isSymbolicLink()) out[rel] = `symlink`;
    }
  };
  walk(dir);
  return out;
}

/** The relative paths whose content differs between two snapshots (added, removed or changed). */
export function changedPaths(before: Record<string, string>, after: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => before[k] !== after[k]).sort();
}

export function mode(path: string): number {
  return statSync(path).mode & 0o7777;
}

// ---------------------------------------------------------------------------------------------------------------
// Output checks

/** One finding row of the human report, with the file whose block it is in. */
export interface ReportRow {
  readonly file: string;
  /** `line:column` */
  readonly at: string;
  readonly status: string;
  readonly text: string;
}

/**
 * The finding rows of the human report on stderr (without colour): each file's block is its path on a line of its
 * own, then indented `line:column  status  message  id` rows, then a blank line (issue 17 item 4).
 */
export function reportRows(stderr: string): ReportRow[] {
  const rows: ReportRow[] = [];
  let file: string | undefined;
  for (const l of stderr.split('\n')) {
    if (l === '') file = undefined;
    else if (!l.startsWith(' ')) file = l;
    else {
      const row = /^ {2}(\d+:\d+) +(\S+) {2,}(.*)$/.exec(l);
      if (file !== undefined && row) rows.push({ file, at: row[1] as string, status: row[2] as string, text: row[3] as string });
    }
  }
  return rows;
}

/** True when the human report on stderr lists `path` at `line`, in the block of that file. */
export function listsLocation(stderr: string, path: string, line: number): boolean {
  return reportRows(stderr).some((r) => r.file === path && r.at.startsWith(`${line}:`));
}

/** util-linux `script`, to give the CLI a real terminal; undefined when not available. */
export function scriptCommand(): string | undefined {
  const r = spawnSync('script', ['--version'], { encoding: 'utf8' });
  return r.status === 0 && /util-linux/.test(`${r.stdout}${r.stderr}`) ? 'script' : undefined;
}

/** Quotes one argument for /bin/sh. */
export function shq(s: string): string {
  return `'${s.split("'").join(`'\\''`)}'`;
}

/** A summary without the time the run took (` (0.42 s)`), which differs from run to run. */
export function untimed(stderr: string | undefined): string | undefined {
  return stderr?.replace(/^(\S+ dr-migrate[^\n]*?\.) \(\d+\.\d+ s\)$/gm, '$1');
}
