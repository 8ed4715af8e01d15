// Which flags and settings cannot go together, checked in one place before any file is read (issues 9 and 17): a
// combination that would be accepted and then do nothing is one line and exit 2, naming both sides and what to do.

import { basename } from 'node:path';
import { UsageError } from '../options.js';
import { PACKAGE_FIELD, type LoadedConfig, type ReportFormat } from './config.js';
import type { CommandFlags } from './command-flags.js';
import { DEFAULT_COMMAND } from '../run/command-name.js';

type Flag = keyof CommandFlags;

/** Two flags that cannot be given together; `instead` says why and what to do when that is not plain. */
interface Exclusive {
  readonly a: Flag;
  readonly b: Flag;
  readonly instead?: string;
}

const EXCLUSIVE: readonly Exclusive[] = [
  { a: 'dryRun', b: 'check' },
  { a: 'explain', b: 'dryRun' },
  { a: 'explain', b: 'interactive' },
  { a: 'explain', b: 'writeBaseline' },
  { a: 'interactive', b: 'dryRun' },
  { a: 'interactive', b: 'check' },
  { a: 'interactive', b: 'writeBaseline' },
  { a: 'writeBaseline', b: 'dryRun' },
  { a: 'writeBaseline', b: 'baseline' },
  { a: 'staged', b: 'changed' },
  { a: 'staged', b: 'since' },
  { a: 'quiet', b: 'verbose' },
  // --mark-review inserts comments: only a write run or a dry run's patch holds them.
  { a: 'markReview', b: 'check', instead: '--check writes nothing, and counts the sites that need review either way; preview the comments with --dry-run --mark-review' },
  { a: 'markReview', b: 'explain', instead: '--explain writes nothing; preview the comments with --dry-run --mark-review' },
  { a: 'markReview', b: 'writeBaseline', instead: '--write-baseline changes no source file; mark the sites in a write run of their own' },
  { a: 'baseline', b: 'dryRun', instead: "a dry run's patch holds every change, baselined or not; use --check --baseline" },
  { a: 'stdin', b: 'filesFrom', instead: 'read one list (--files-from - is standard input)' },
];

/** Flags that only mean something when files are written, and the flags of the runs that write none. */
const WRITE_ONLY: readonly Flag[] = ['force'];
const NOT_WRITING: readonly Flag[] = ['check', 'dryRun', 'explain', 'writeBaseline'];

const FLAG_NAME = (k: Flag): string => `--${k.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`;
const given = (flags: CommandFlags, k: Flag): boolean => flags[k] !== undefined && flags[k] !== false;

/** The flags and path arguments alone, before the configuration is read. */
export function checkFlags(flags: CommandFlags, paths: readonly string[], command = DEFAULT_COMMAND): void {
  for (const { a, b, instead } of EXCLUSIVE) {
    if (given(flags, a) && given(flags, b)) throw new UsageError(`${FLAG_NAME(a)} and ${FLAG_NAME(b)} cannot be used together${instead ? `: ${instead}` : ''}`);
  }
  for (const flag of WRITE_ONLY) {
    const other = NOT_WRITING.find((k) => given(flags, k));
    if (given(flags, flag) && other) throw new UsageError(`${FLAG_NAME(flag)} only applies when writing; it cannot be used with ${FLAG_NAME(other)}`);
  }
  // A write run migrates every site: a baseline only answers a check (the configuration's `baseline` waits for one).
  if (given(flags, 'baseline') && !given(flags, 'check') && !given(flags, 'explain')) {
    throw new UsageError('--baseline only applies with --check or --explain: a write run migrates baselined sites too; add --check, or drop --baseline');
  }
  const list = given(flags, 'stdin') ? '--stdin' : flags.filesFrom !== undefined ? `--files-from ${flags.filesFrom}` : undefined;
  // A list names the files: path arguments beside it would have to mean either more files or a narrower list.
  if (list && paths.length > 0) {
    throw new UsageError(`${list} and path arguments cannot be used together: the list names the files to scan; narrow it instead (git ls-files ${paths[0]} | ${command} --stdin)`);
  }
  if ((given(flags, 'stdin') || flags.filesFrom === '-') && given(flags, 'interactive')) {
    throw new UsageError(`${list} and --interactive cannot be used together: --interactive reads its answers from standard input; pass the list in a file with --files-from <file>`);
  }
}

/** `dr-migrate undo [run] [--list]`: the listing would pass over the run named. */
export function checkUndo(run: string | undefined, flags: { list?: boolean }, command = DEFAULT_COMMAND): void {
  if (run !== undefined && flags.list) {
    throw new UsageError(`undo --list and a run id cannot be used together: --list lists every run; restore one with ${command} undo ${run}`);
  }
}

/** A run whose output a report format would replace or could not hold. */
interface FormatRule {
  readonly flag: Flag;
  readonly allowed: readonly ReportFormat[];
  /** What the run prints, after "--flag" or "which". */
  readonly does: string;
  readonly instead?: string;
}

const FORMAT_RULES: readonly FormatRule[] = [
  { flag: 'interactive', allowed: ['human'], does: 'shows diffs and asks questions' },
  { flag: 'explain', allowed: ['human', 'json'], does: 'prints an explanation, or the whole result with --format json' },
  {
    flag: 'dryRun',
    allowed: ['human', 'json'],
    does: 'prints a patch, or the whole result with --format json',
    instead: 'a dry run exits 0, so annotations would fail nothing: in CI use --check',
  },
  {
    flag: 'writeBaseline',
    allowed: ['human', 'json'],
    does: 'records the remaining sites and prints a summary, or the whole result with --format json',
    instead: 'annotations of the sites missing from a baseline come from --check --baseline',
  },
];

/**
 * The report format against the run: from `--format`, the flags are named; from the configuration (`config` given),
 * its file and key are, since no flag was typed.
 */
export function checkFormat(flags: CommandFlags, format: ReportFormat, config: LoadedConfig | undefined, shown: (abs: string) => string): void {
  for (const rule of FORMAT_RULES) {
    if (!given(flags, rule.flag) || rule.allowed.includes(format)) continue;
    const flag = FLAG_NAME(rule.flag);
    if (!config) throw new UsageError(`${flag} ${rule.does}: it cannot be used with --format ${format}${rule.instead ? `; ${rule.instead}` : ''}`);
    throw new UsageError(
      `${configName(config, shown)}: "format": "${format}" cannot be used with ${flag}, which ${rule.does}; pass --format ${rule.allowed.join(' or ')} to override it`,
    );
  }
}

/** The configuration as its own errors name it: the file, and the field of a package.json. */
export function configName(config: LoadedConfig, shown: (abs: string) => string): string {
  return basename(config.path) === 'package.json' ? `${shown(config.path)} "${PACKAGE_FIELD}"` : shown(config.path);
}
