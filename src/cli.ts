// The dr-migrate command: parses flags, runs `migrate()`, prints the chosen report, returns the exit code.

import { Command, CommanderError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveInventorySettings, resolveSettings, type CommandFlags, type InventoryCommandFlags } from './adopt/settings.js';
import { REPORT_FORMATS } from './adopt/config.js';
import { METHOD_RULES, METHOD_TYPES } from './rules/methods.js';
import type { Io } from './io.js';
import { InternalError, UsageError } from './errors.js';
import { DEFAULT_EXTENSIONS } from './run/discover.js';
import { CACHE_STRATEGIES } from './run/cache-strategy.js';
import type { RunOptions } from './run/migrate.js';
import { commandSlip } from './suggest.js';
import { VERSION } from './version.js';

// bin/ removes the temporary files of interrupted writes through the same module instance the run writes with.
export { removeTemporaryFiles } from './run/files.js';

// Io has a module of its own so the reports and the review take it without importing the CLI (issue 16).
export type { Io } from './io.js';

export const FORMATS = REPORT_FORMATS;

const EXAMPLES = `
Examples:
  $ dr-migrate ./src                        rewrite legacy createSource payloads in place
  $ dr-migrate --dry-run ./src              preview: unified diff on stdout, summary on stderr
  $ dr-migrate --dry-run ./src > m.patch    ...a patch that "git apply m.patch" accepts
  $ dr-migrate --check                      CI: exit 1 while legacy payloads or review sites remain
  $ dr-migrate --check --format sarif > dr-migrate.sarif
  $ dr-migrate --session-id "checkout.payment.session.id" ./src
  $ dr-migrate methods                      list the per-method rules and their doc citations
  $ dr-migrate --write-baseline dr-migrate-baseline.json
                                            accept today's legacy sites; then in CI:
  $ dr-migrate --check --baseline dr-migrate-baseline.json
                                            fail only on legacy code that is not in the baseline
  $ dr-migrate --check --staged             pre-commit hook: only the staged files
  $ dr-migrate --check --changed --since origin/main
                                            pull request: only the files the branch changed
  $ git ls-files | dr-migrate --check --stdin
                                            a list too long for the command line (filtered as a search is)
  $ dr-migrate --explain src/legacy.js      why each file and call was migrated or left alone
  $ dr-migrate undo                         restore the files of the last write run

Settings: flags win over --config <path>, or else the nearest dr-migrate.config.{json,js,mjs} or package.json
"dr-migrate" field found from the current directory up to the repository root; then the defaults.

Exit codes: 0 nothing left to migrate or review (a dry run: its patch was printed); 1 changes pending
(--check) or sites need manual review; 2 the tool failed on a file, the command was used wrongly, or
--verify found new type errors and nothing was written.
`;

interface InventoryFlags extends InventoryCommandFlags {
  format: 'human' | 'json';
  color: boolean;
}

function buildProgram(
  io: Io,
  run: (paths: string[], flags: CommandFlags, given: (key: keyof CommandFlags) => boolean) => Promise<void>,
  inventoryAction: (paths: string[], flags: InventoryFlags, given: (key: keyof InventoryCommandFlags) => boolean) => Promise<void>,
  undoAction: (run: string | undefined, flags: { list?: boolean }) => Promise<void>,
): Command {
  const program = new Command('dr-migrate')
    .description('Migrate DigitalRiver.js createSource payloads to payment sessions: add sessionId, remove the legacy fields.')
    .argument('[paths...]', 'files or directories to process (default: the current directory)')
    .option('-d, --dry-run', 'write nothing; print a unified diff of each change on stdout and the summary on stderr')
    .option('--check', 'write nothing; exit 1 while any payload would change or needs review (for CI)')
    .addOption(new Option('--format <format>', 'report format').choices(FORMATS).default('human'))
    .option('--session-id <expr>', 'JavaScript expression inserted as the sessionId value', 'sessionId')
    .option('--php-session-id <expr>', 'PHP expression inserted as the sessionId value of payload arrays built in PHP', '$sessionId')
    .option('--methods <types>', `comma-separated payment method types to migrate (default: all ${METHOD_TYPES.length})`)
    .option('--remove-card-amounts', 'also remove amount and currency from credit-card payloads')
    .option('--payment-request-session-id', 'also add sessionId to paymentRequest(…) options (country, currency, total stay)')
    .option('--drop-legacy-branches', 'drop an else branch that only sets legacy fields when its if tests the session')
    .option('--mark-review', 'insert a "// TODO(dr-migrate): <reason>" line above each call that needs review')
    .option('--extensions <exts>', 'comma-separated file extensions to scan', DEFAULT_EXTENSIONS.join(','))
    .option('--ignore <pattern>', 'skip what this .gitignore-style pattern matches, relative to the current directory (repeatable)', (v: string, acc: string[] = []) => [...acc, v])
    .option('--no-gitignore', 'do not skip the files that .gitignore lists')
    .option('--stdin', 'read the files to scan from standard input, one path a line or NUL-separated (git ls-files -z); filtered as a search is')
    .option('--files-from <file>', 'read the files to scan from this file (- for standard input), as --stdin does')
    .option('--verify', 'type-check the project (its tsconfig.json) before and after, in memory, and report new errors; write nothing if there are any')
    .option('--force', 'write even when files to be migrated have uncommitted changes, or when --verify finds new errors')
    .option('--concurrency <n>', 'parser threads for a large run (default: one less than the CPUs, at least 1; at most the CPUs; 0: parse on the main thread)')
    .option('-q, --quiet', 'print only errors and sites that need review')
    .option('--verbose', 'print every finding with its evidence, and stack traces of internal errors')
    .option('--timings', 'after the summary, print on stderr the time each phase took and the 10 slowest files')
    .option('--cache', 'keep each file\'s result and reuse it while the file and the settings are unchanged')
    .option('--cache-location <path>', 'the cache file, or a folder for it (default: node_modules/.cache/dr-migrate/)')
    .addOption(new Option('--cache-strategy <strategy>', 'how --cache tells a file is unchanged: by its content, or by its size and time').choices(CACHE_STRATEGIES))
    .option('--color', 'colour even when the output is not a terminal (also FORCE_COLOR=1)')
    .option('--no-color', 'plain output without colour (also NO_COLOR=1)')
    .option('--config <path>', 'read settings from this file instead of the nearest dr-migrate.config.{json,js,mjs} or package.json "dr-migrate"')
    .option('--no-config', 'ignore configuration files')
    .option('--baseline <file>', 'with --check or --explain: fail only on legacy and review sites that are not in this baseline')
    .option('--write-baseline <file>', 'record the remaining legacy and review sites in this baseline file; changes no source file')
    .option('--staged', 'only the files staged for commit (pre-commit hooks)')
    .option('--changed', 'only the files changed in the work tree: staged, unstaged or untracked')
    .option('--since <ref>', 'only the files changed since the merge base of <ref> and HEAD, and uncommitted ones (implies --changed; pull requests)')
    .option('--explain', 'write nothing; for every file and call, say what was decided and why')
    .option('--interactive', 'show each change as a diff and ask whether to apply it (terminal only)')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EXAMPLES)
    .showSuggestionAfterError(true)
    // `dr-migrate inventory --format json`: options after a subcommand belong to it, not to the main command.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (s, write) => write(oneLine(s)) })
    .action(async (paths: string[], flags: CommandFlags, cmd: Command) =>
      run(paths, flags, (key) => cmd.getOptionValueSource(key) === 'cli'),
    );
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
    .option('--ignore <pattern>', 'skip what this .gitignore-style pattern matches, relative to the current directory (repeatable)', (v: string, acc: string[] = []) => [...acc, v])
    .option('--no-gitignore', 'do not skip the files that .gitignore lists')
    .option('--color', 'colour even when the output is not a terminal (also FORCE_COLOR=1)')
    .option('--no-color', 'plain output without colour (also NO_COLOR=1)')
    .option('--config <path>', 'read settings from this file instead of the nearest dr-migrate.config.{json,js,mjs} or package.json "dr-migrate"')
    .option('--no-config', 'ignore configuration files')
    .action(async (paths: string[], flags: InventoryFlags, cmd: Command) =>
      inventoryAction(paths, flags, (key) => cmd.getOptionValueSource(key) === 'cli'),
    );
  program
    .command('undo')
    .description('restore the files the last write run changed (or the run named), unless they changed since')
    .argument('[run]', 'a run id from --list (default: the latest run not undone yet)')
    .option('--list', 'list the recorded runs, newest first')
    .action(async (run: string | undefined, flags: { list?: boolean }) => undoAction(run, flags));
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

/** Commander's usage errors in the tool's own one-line form (issue 8): `dr-migrate: error: … (did you mean …?)`. */
function oneLine(message: string): string {
  const text = message.trim().replace(/^error:\s*/, '').replace(/\s*[\r\n]+\s*/g, ' ').replace('(Did you mean', '(did you mean');
  const option = /^unknown option '([^']+)'$/.exec(text)?.[1];
  const slip = option !== undefined ? commandSlip(option, []) : undefined;
  return `dr-migrate: error: ${text}${slip !== undefined ? ` (did you mean ${slip}?)` : ''}\n`;
}

/** `dr-migrate inventroy`, `dr-migrate help`: a first argument that is no path but close to a command or a flag. */
function checkCommandSlip(first: string | undefined, commands: readonly string[], cwd: string): void {
  if (first === undefined || /[\\/.]/.test(first) || existsSync(resolve(cwd, first))) return;
  const slip = commandSlip(first, commands);
  if (slip !== undefined) throw new UsageError(`path does not exist: ${first} (did you mean ${slip}?)`);
}

/** Runs the command; returns the exit code. Only bin/ ends the process. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let code = 0;
  let verbose = argv.includes('--verbose');
  const program = buildProgram(io, async (paths, flags, given) => {
    verbose = !!flags.verbose;
    checkCommandSlip(paths[0], program.commands.map((c) => c.name()), io.cwd);
    // Loaded here, not at start-up: --version and --help never pay for the run or the reports (issue 7).
    const [{ checkInteractive, interactiveReview }, { migrate }, { colorsOf, print, progress }, { readFileList }, { Clock, formatTimings }] = await Promise.all([
      import('./adopt/interactive.js'),
      import('./run/migrate.js'),
      import('./report/print.js'),
      import('./run/file-list.js'),
      import('./run/timings.js'),
    ]);
    const clock = flags.timings ? new Clock() : undefined;
    const s = await resolveSettings(flags, given, io.cwd, paths);
    const colors = colorsOf(flags.color, io);
    if (flags.interactive) checkInteractive(io);
    const listFrom = flags.stdin ? '-' : flags.filesFrom;
    const listed = listFrom !== undefined ? await readFileList(listFrom, io.cwd, io, flags.stdin ? '--stdin' : '--files-from -') : undefined;
    const onProgress = progress(io, !!flags.quiet, s.format);
    const options: RunOptions = {
      cwd: io.cwd,
      paths,
      ...(listed ? { list: listed } : {}),
      mode: s.mode,
      sessionId: s.sessionId,
      phpSessionId: s.phpSessionId,
      ...(s.methods ? { methods: s.methods } : {}),
      removeCardAmounts: s.removeCardAmounts,
      markReview: s.markReview,
      paymentRequestSessionId: s.paymentRequestSessionId,
      dropLegacyBranches: s.dropLegacyBranches,
      extensions: s.extensions,
      ignore: s.ignore,
      ignoreLists: s.ignoreLists,
      gitignore: s.gitignore,
      force: !!flags.force,
      verify: !!flags.verify,
      ...(s.concurrency !== undefined ? { concurrency: s.concurrency } : {}),
      staged: !!flags.staged,
      changed: !!flags.changed,
      ...(flags.since !== undefined ? { since: flags.since } : {}),
      explain: !!flags.explain,
      // A baseline answers a check (and its explanation); writing one replaces it.
      ...(s.baseline && s.mode === 'check' && flags.writeBaseline === undefined ? { baseline: s.baseline } : {}),
      ...(flags.writeBaseline !== undefined ? { writeBaseline: flags.writeBaseline } : {}),
      ...(flags.interactive ? { review: interactiveReview(io, colors.stdout) } : {}),
      ...(onProgress ? { onProgress: onProgress.tick } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
      ...(clock ? { clock } : {}),
      ...(s.cache ? { cache: { ...s.cache, note: (line: string) => io.stderr(`dr-migrate: note: ${line}\n`) } } : {}),
    };
    const started = performance.now();
    const result = await migrate(options);
    const elapsedMs = Math.round(performance.now() - started);
    onProgress?.done();
    const brief = !!flags.explain || flags.writeBaseline !== undefined;
    print(result, { format: s.format, quiet: !!flags.quiet, verbose: !!flags.verbose, explain: !!flags.explain, brief, elapsedMs }, colors, io);
    // Measurements stay out of the result (its JSON is the same run to run): they go to stderr on their own.
    if (clock) io.stderr(formatTimings(clock.take()));
    code = result.exitCode;
  }, async (paths, flags, given) => {
    const [{ inventory }, { formatInventory }, { colorsOf }] = await Promise.all([import('./inventory/inventory.js'), import('./report/inventory.js'), import('./report/print.js')]);
    const settings = await resolveInventorySettings(flags, given, io.cwd);
    const result = await inventory({ cwd: io.cwd, paths, ...settings });
    io.stdout(flags.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatInventory(result, colorsOf(flags.color, io).stdout));
    code = result.errors.length > 0 ? 2 : 0;
  }, async (run, flags) => {
    const [{ formatRunList, formatUndo, undo }, { checkUndo }] = await Promise.all([import('./adopt/undo.js'), import('./adopt/conflicts.js')]);
    checkUndo(run, flags);
    if (flags.list) {
      io.stdout(await formatRunList(io.cwd));
      return;
    }
    const report = await undo({ cwd: io.cwd, ...(run !== undefined ? { run } : {}) });
    io.stdout(formatUndo(report, io.cwd));
    code = report.exitCode;
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
    const e = InternalError.of(error);
    io.stderr(`dr-migrate: internal error: ${e.message}${verbose ? `\n${e.stack ?? ''}` : ' (run with --verbose for details)'}\n`);
    return 2;
  }
}
