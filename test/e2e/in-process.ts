// The built CLI run inside the test process, through its Io seam (issue 16): the same bundle `bin/dr-migrate.js`
// loads, given the arguments, working directory, environment and standard input a spawned run would get, with its
// output collected. What only a process has (another user, colour detected from the terminal, signals, variables
// that git or chalk read from the process) is left to spawned runs; `needsProcess` says which runs those are.

import { Readable } from 'node:stream';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Io } from '../../src/cli/io.js';

const ROOT = join(import.meta.dirname, '..', '..');

type Main = (argv: readonly string[], io: Io) => Promise<number>;

let loaded: Promise<Main> | undefined;

/**
 * Loaded with Node's own require() (which loads ES modules too), not the test runner's import: the bundle then runs
 * as `bin/dr-migrate.js` runs it, and so do the imports it makes at run time (a user's `dr-migrate.config.mjs`,
 * which the runner would transform otherwise).
 */
function builtMain(): Promise<Main> {
  loaded ??= Promise.resolve((createRequire(import.meta.url)(join(ROOT, 'dist', 'bundle', 'cli.js')) as { main: Main }).main);
  return loaded;
}

/** Environment variables the command reads through its Io, not from the process: an in-process run can take them. */
const IO_VARIABLES = new Set(['npm_command']);

/**
 * Whether a run needs a process of its own: another user, or an environment variable that git, chalk or the
 * interactive check read from the process itself. Everything else runs in process.
 */
export function needsProcess(options: { readonly uid?: number; readonly gid?: number; readonly env?: Record<string, string | undefined> }): boolean {
  if (process.env['DR_MIGRATE_E2E_SPAWN'] === '1') return true;
  if (options.uid !== undefined || options.gid !== undefined) return true;
  return Object.keys(options.env ?? {}).some((k) => !IO_VARIABLES.has(k));
}

export interface InProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built command in this process with `env` as its environment and `input` (if any) as standard input. */
export async function runInProcess(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, input?: string | Buffer): Promise<InProcessRun> {
  const main = await builtMain();
  // git, which the command runs for its dirty-tree guard and scopes, reads the process's environment: isolate it as
  // a spawned run's (every in-process run is given the same git variables, so this is the same for each).
  for (const key of Object.keys(process.env)) if (/^GIT_/.test(key) && env[key] === undefined) delete process.env[key];
  for (const [key, value] of Object.entries(env)) if (/^GIT_/.test(key)) process.env[key] = value;
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env,
    cwd,
    stdin: Readable.from(input === undefined ? [] : [typeof input === 'string' ? Buffer.from(input) : input]),
    stdinIsTTY: false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
