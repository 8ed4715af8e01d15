// The dr-migrate command: parses flags, runs `migrate()`, prints the chosen report, returns the exit code.

import { Command, CommanderError } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { normalize, normalizeInventory } from './settings.js';
import type { CommandFlags, InventoryFlags } from './command-flags.js';
import { addOptions, INVENTORY_OPTIONS, MAIN_OPTIONS } from './option-table.js';
import { METHOD_RULES, METHOD_TYPES } from '../rules/methods.js';
import type { Io } from './io.js';
import { commandName } from '../run/command-name.js';
import { InternalError, UsageError } from '../errors.js';
import type { RunOptions } from '../run/migrate.js';
import { checkUndo } from './conflicts.js';
import { commandSlip } from './suggest.js';
import { VERSION } from '../version.js';

// bin/ removes the temporary files of interrupted writes through the same module instance the run writes with.
export { removeTemporaryFiles } from '../run/write/atomic.js';

// Io has a module of its own so the reports and the review take it without importing the CLI (issue 16).
export type { Io } from './io.js';

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

function buildProgram(
  io: Io,
  run: (paths: string[], flags: CommandFlags, given: (key: keyof CommandFlags) => boolean) => Promise<void>,
  inventoryAction: (paths: string[], flags: InventoryFlags, given: (key: keyof InventoryFlags) => boolean) => Promise<void>,
  undoAction: (run: string | undefined, flags: { list?: boolean }) => Promise<void>,
): Command {
  const program = new Command('dr-migrate')
    .description('Migrate DigitalRiver.js createSource payloads to payment sessions: add sessionId, remove the legacy fields.')
    .argument('[paths...]', 'files or directories to process (default: the current directory)');
  addOptions(program, MAIN_OPTIONS, VERSION)
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
  const inventory = program
    .command('inventory')
    .description('list every DigitalRiver.js touchpoint and what remains outside the front end; writes nothing')
    .argument('[paths...]', 'files or directories to scan (default: the current directory)');
  addOptions(inventory, INVENTORY_OPTIONS)
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
      import('./interactive.js'),
      import('../run/migrate.js'),
      import('./print.js'),
      import('../run/collect/file-list.js'),
      import('../run/timings.js'),
    ]);
    const clock = flags.timings ? new Clock() : undefined;
    const s = await normalize(flags, given, io.cwd, paths, commandName(io));
    const colors = colorsOf(flags.color, io);
    if (flags.interactive) checkInteractive(io);
    const listFrom = flags.stdin ? '-' : flags.filesFrom;
    const listed = listFrom !== undefined ? await readFileList(listFrom, io.cwd, io, flags.stdin ? '--stdin' : '--files-from -', commandName(io)) : undefined;
    const onProgress = progress(io, !!flags.quiet, s.format);
    const options: RunOptions = {
      ...s.run,
      cwd: io.cwd,
      command: commandName(io),
      paths,
      ...(listed ? { list: listed } : {}),
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
    const [{ inventory }, { formatInventory }, { colorsOf }] = await Promise.all([import('../inventory/inventory.js'), import('../report/inventory.js'), import('./print.js')]);
    const settings = await normalizeInventory(flags, given, io.cwd);
    const result = await inventory({ cwd: io.cwd, paths, ...settings });
    io.stdout(flags.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : formatInventory(result, colorsOf(flags.color, io).stdout));
    code = result.errors.length > 0 ? 2 : 0;
  }, async (run, flags) => {
    const { formatRunList, formatUndo, undo } = await import('../adopt/undo.js');
    checkUndo(run, flags, commandName(io));
    if (flags.list) {
      io.stdout(await formatRunList(io.cwd));
      return;
    }
    const report = await undo({ cwd: io.cwd, ...(run !== undefined ? { run } : {}), command: commandName(io) });
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
