// Shared pieces of the robustness tests: temp folders, legacy sources, the built CLI spawned for real.

import { spawn, type SpawnOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { cliFor } from '../cli-for-user.js';
import { toEngineOptions } from '../../src/options.js';
import { processText } from '../../src/engine/process-text.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'dr-migrate.js');

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A fresh folder under the system temp dir, removed after the test file. */
export function tempDir(prefix = 'dr-robust-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
}

export function put(dir: string, rel: string, content: string | Buffer): string {
  const p = join(dir, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
  return p;
}

/** A legacy PayPal payload in a file of its own; `tag` keeps files distinct. */
export function legacy(tag = 'a'): string {
  return [
    `// checkout ${tag}`,
    "var drjs = new DigitalRiver('pk_test', { locale: 'en_US' });",
    `function pay${tag.replace(/\W/g, '_')}(sessionId, cart) {`,
    '  return drjs.createSource({',
    "    type: 'payPal',",
    '    amount: cart.total,',
    "    currency: 'USD',",
    '    payPal: { returnUrl: cart.ok, cancelUrl: cart.cancel }',
    '  });',
    '}',
    '',
  ].join('\n');
}

/** What the engine makes of `text`: the expected complete new text of a file after a write. */
export function migrated(text: string, file = 'x.js'): string {
  const out = processText(file, text, toEngineOptions({})).output;
  if (out === undefined) throw new Error('fixture text does not migrate');
  return out;
}

export function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Leftover temporary files of an interrupted or failed write, anywhere under `dir`. */
export function tempLeftovers(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.dr-migrate-\d+-[0-9a-f]+\.tmp$/.test(f));
}

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Spawns the built CLI (`npm test` builds first). `onSpawn` sees the child, e.g. to signal it. A run that has not
 * ended after `limitMs` is killed and reported as hung, so a hang fails the test instead of stalling the suite.
 */
export function runCli(
  args: readonly string[],
  options: SpawnOptions & { readonly limitMs?: number; readonly fileSizeLimitBlocks?: number } = {},
  onSpawn?: (child: ReturnType<typeof spawn>) => void,
): Promise<CliRun> {
  const { limitMs = 50_000, fileSizeLimitBlocks, ...spawnOptions } = options;
  const bin = cliFor(spawnOptions.uid);
  // With a file-size limit, a shell sets `ulimit -f` and then becomes node itself.
  const [command, argv] =
    fileSizeLimitBlocks === undefined
      ? [process.execPath, [bin, ...args]]
      : ['/bin/sh', ['-c', `ulimit -f ${fileSizeLimitBlocks} && exec "$0" "$@"`, process.execPath, bin, ...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, {
      ...spawnOptions,
      env: { ...process.env, NO_COLOR: '1', ...spawnOptions.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`dr-migrate ${args.join(' ')} did not finish within ${limitMs} ms (hang)\n${stderr}`));
    }, limitMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    onSpawn?.(child);
  });
}
