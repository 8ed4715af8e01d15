// The dr-migrate command: parses flags, runs `migrate()`, prints the chosen report, returns the exit code.

import { Command, CommanderError, Option } from 'commander';
import { METHOD_RULES, METHOD_TYPES } from './rules/methods.js';
import { UsageError } from './options.js';
import { DEFAULT_EXTENSIONS } from './run/discover.js';
import { migrate, type RunOptions } from './run/migrate.js';
import type { Mode, RunResult } from './run/result.js';
import { formatGithub } from './report/github.js';
import { formatHuman } from './report/human.js';
import { formatSarif } from './report/sarif.js';
import { formatInventory } from './report/inventory.js';
import { inventory } from './inventory/inventory.js';
import { VERSION } from './version.js';

export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Aborted on SIGINT/SIGTERM: the write phase stops between files. */
  readonly signal?: AbortSignal;
}

export const FORMATS = ['human', 'json', 'github', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

const EXAMPLES = `
Examples:
  $ dr-migrate ./src                        rewrite legacy createSource payloads in place
  $ dr-migrate --dry-run ./src              preview: unified diff on stdout, summary on stderr
  $ dr-migrate --dry-run ./src > m.patch    ...a patch that "git apply m.patch" accepts
  $ dr-migrate --check                      CI: exit 1 while legacy payloads or review sites remain
  $ dr-migrate --check --format sarif > dr-migrate.sarif
  $ dr-migrate --session-id "checkout.payment.session.id" ./src
  $ dr-migrate --verify ./src               refuse to write a migration that breaks the type-check
  $ dr-migrate methods                      list the per-method rules and their doc citations

Exit codes: 0 nothing left to migrate or review; 1 changes pending (--dry-run, --check) or sites need
manual review; 2 the tool failed on a file, the command was used wrongly, or --verify found new type
errors and nothing was written.
`;

interface Flags {
  dryRun?: boolean;
  check?: boolean;
  format: Format;
  sessionId: string;
  methods?: string;
  removeCardAmounts?: boolean;
  markReview?: boolean;
  paymentRequestSessionId?: boolean;
  dropLegacyBranches?: boolean;
  extensions: string;
  ignore?: string[];
  gitignore: boolean;
  force?: boolean;
  verify?: boolean;
  concurrency: string;
  quiet?: boolean;
  verbose?: boolean;
  color: boolean;
}

interface InventoryFlags {
  format: 'human' | 'json';
  extensions?: string;
  ignore?: string[];
  gitignore: boolean;
  color: boolean;
}

function buildProgram(
  io: Io,
  run: (paths: string[], flags: Flags) => Promise<void>,
  inventoryAction: (paths: string[], flags: InventoryFlags) => Promise<void>,
): Command {
  const program = new Command('dr-migrate')
    .description('Migrate DigitalRiver.js createSource payloads to payment sessions: add sessionId, remove the legacy fields.')
    .argument('[paths...]', 'files or directories to process (default: the current directory)')
    .option('-d, --dry-run', 'write nothing; print a unified diff of each change on stdout and the summary on stderr')
    .option('--check', 'write nothing; exit 1 while any payload would change or needs review (for CI)')
    .addOption(new Option('--format <format>', 'report format').choices(FORMATS).default('human'))
    .option('--session-id <expr>', 'JavaScript expression inserted as the sessionId value', 'sessionId')
    .option('--methods <types>', `comma-separated payment method types to migrate (default: all ${METHOD_TYPES.length})`)
    .option('--remove-card-amounts', 'also remove amount and currency from credit-card payloads')
    .option('--payment-request-session-id', 'also add sessionId to paymentRequest(…) options (country, currency, total stay)')
    .option('--drop-legacy-branches', 'drop an else branch that only sets legacy fields when its if tests the session')
    .option('--mark-review', 'insert a "// TODO(dr-migrate): <reason>" line above each call that needs review')
    .option('--extensions <exts>', 'comma-separated file extensions to scan', DEFAULT_EXTENSIONS.join(','))
    .option('--ignore <glob>', 'skip files matching this glob (repeatable)', (v: string, acc: string[] = []) => [...acc, v])
    .option('--no-gitignore', 'do not skip the files that .gitignore lists')
    .option('--verify', 'type-check the project (its tsconfig.json) before and after, in memory, and report new errors; write nothing if there are any')
    .option('--force', 'write even when files to be migrated have uncommitted changes, or when --verify finds new errors')
    .option('--concurrency <n>', 'files processed at once', '8')
    .option('-q, --quiet', 'print only errors and sites that need review')
    .option('--verbose', 'print every finding with its evidence, and stack traces of internal errors')
    .option('--no-color', 'plain output without colour (also NO_COLOR=1)')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EXAMPLES)
    .showSuggestionAfterError(true)
    // `dr-migrate inventory --format json`: options after a subcommand belong to it, not to the main command.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (s, write) => write(oneLine(s)) })
    .action(async (paths: string[], flags: Flags) => run(paths, flags));
  program
    .command('methods')
    .description('list the per-method rules: what is removed, and where the docs say so')
    .action(() => io.stdout(methodsTable()));
  program
    .command('inventory')
    .description('list every DigitalRiver.js touchpoint and what remains outside the front end; writes nothing')
    .argument('[paths...]', 'files or directories to scan (default: the current directory)')
    .addOption(new Option('--format <format>', 'report format').choices(['human', 'json']).default('human'))
    .option('--extensions <exts>', 'comma-separated file extensions to scan (default: scripts, templates and server languages)')
    .option('--ignore <glob>', 'skip files matching this glob (repeatable)', (v: string, acc: string[] = []) => [...acc, v])
    .option('--no-gitignore', 'do not skip the files that .gitignore lists')
    .option('--no-color', 'plain output without colour (also NO_COLOR=1)')
    .action(async (paths: string[], flags: InventoryFlags) => inventoryAction(paths, flags));
  return program;
}

export function methodsTable(): string {
  const rows = METHOD_TYPES.map((type) => {
    const r = METHOD_RULES[type];
    const top = r.removeTopLevel.length > 0 ? r.removeTopLevel.join(', ') : r.policy === 'card-amounts' ? '(none; amount, currency with --remove-card-amounts)' : '(none)';
    const details = r.removeDetails.length > 0 ? `${r.detailsKeys.join(' or ')}: ${r.removeDetails.join(', ')}` : '(none)';
    const note = r.policy === 'inferred-removals' ? ' [inferred, reported]' : '';
    return `${type}\n  remove top level: ${top}${note}\n  remove details:   ${details}\n  source:           ${r.citation}\n`;
  });
  return `Every payload gains sessionId. Per method type:\n\n${rows.join('\n')}`;
}

/** Commander's usage errors in the tool's own one-line form (issue 8): `dr-migrate: error: … (Did you mean …?)`. */
function oneLine(message: string): string {
  const text = message.trim().replace(/^error:\s*/, '').replace(/\s*[\r\n]+\s*/g, ' ');
  return `dr-migrate: error: ${text}\n`;
}

function modeOf(flags: Flags): Mode {
  if (flags.dryRun && flags.check) throw new UsageError('--dry-run and --check cannot be used together');
  if (flags.force && (flags.dryRun || flags.check)) {
    throw new UsageError(`--force only applies when writing; it cannot be used with ${flags.check ? '--check' : '--dry-run'}`);
  }
  return flags.check ? 'check' : flags.dryRun ? 'dry-run' : 'write';
}

function print(result: RunResult, flags: Flags, io: Io): void {
  if (flags.format === 'json') io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else if (flags.format === 'sarif') io.stdout(formatSarif(result));
  else if (flags.format === 'github') io.stdout(formatGithub(result));
  const noColor = !flags.color || (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '');
  const human = formatHuman(result, { color: !noColor && io.stderrIsTTY, quiet: !!flags.quiet, verbose: !!flags.verbose });
  if (flags.format === 'human') {
    const diffs = formatHuman(result, { color: !noColor && io.stdoutIsTTY, quiet: true, verbose: false }).stdout;
    io.stdout(diffs);
    io.stderr(human.stderr);
  } else if (!flags.quiet) {
    // Machine formats own stdout; a one-line summary still reaches a person on stderr.
    io.stderr(human.stderr.split('\n').filter((l) => /^\S+ dr-migrate/.test(l)).map((l) => `${l}\n`).join(''));
  }
}

interface Progress {
  readonly tick: (n: number) => void;
  /** Erases the progress line, if one was shown. */
  readonly done: () => void;
}

/** A progress line on stderr when the run lasts over a second and stderr is a terminal (codemod-conventions). */
function progress(io: Io, flags: Flags): Progress | undefined {
  if (!io.stderrIsTTY || flags.quiet || flags.format !== 'human') return undefined;
  const started = Date.now();
  let last = 0;
  let width = 0;
  return {
    tick: (n) => {
      const now = Date.now();
      if (now - started < 1000 || now - last < 200) return;
      last = now;
      const line = `dr-migrate: ${n} file(s) processed…`;
      width = Math.max(width, line.length);
      io.stderr(`\r${line}`);
    },
    done: () => {
      if (width > 0) io.stderr(`\r${' '.repeat(width)}\r`);
    },
  };
}

/** Runs the command; returns the exit code. Only bin/ ends the process. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let code = 0;
  let verbose = argv.includes('--verbose');
  const program = buildProgram(io, async (paths, flags) => {
    verbose = !!flags.verbose;
    if (flags.quiet && flags.verbose) throw new UsageError('--quiet and --verbose cannot be used together');
    const mode = modeOf(flags);
    const concurrency = Number(flags.concurrency);
    const onProgress = progress(io, flags);
    const options: RunOptions = {
      cwd: io.cwd,
      paths,
      mode,
      sessionId: flags.sessionId,
      ...(flags.methods !== undefined ? { methods: [flags.methods] } : {}),
      removeCardAmounts: !!flags.removeCardAmounts,
      markReview: !!flags.markReview,
      paymentRequestSessionId: !!flags.paymentRequestSessionId,
      dropLegacyBranches: !!flags.dropLegacyBranches,
      extensions: [flags.extensions],
      ignore: flags.ignore ?? [],
      gitignore: flags.gitignore,
      force: !!flags.force,
      verify: !!flags.verify,
      concurrency: Number.isFinite(concurrency) ? concurrency : Number.NaN,
      ...(onProgress ? { onProgress: onProgress.tick } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
    };
    const result = await migrate(options);
    onProgress?.done();
    print(result, flags, io);
    code = result.exitCode;
  }, async (paths, flags) => {
    const result = await inventory({
      cwd: io.cwd,
      paths,
      ...(flags.extensions !== undefined ? { extensions: [flags.extensions] } : {}),
      ignore: flags.ignore ?? [],
      gitignore: flags.gitignore,
    });
    const noColor = !flags.color || (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '');
    io.stdout(flags.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatInventory(result, !noColor && io.stdoutIsTTY));
    code = result.errors.length > 0 ? 2 : 0;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; every usage mistake is exit 2 (codemod-conventions).
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      io.stderr(`dr-migrate: error: ${error.message}\n`);
      return 2;
    }
    const e = error instanceof Error ? error : new Error(String(error));
    io.stderr(`dr-migrate: internal error: ${e.message}${verbose ? `\n${e.stack ?? ''}` : ' (run with --verbose for details)'}\n`);
    return 2;
  }
}
