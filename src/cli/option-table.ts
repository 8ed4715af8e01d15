// Every option of the command, one row each (issue 16): the flag as commander takes it, its help line, its default,
// and — for the settings a configuration file may hold — its key's kind. commander's options, the configuration
// schema and its types, and the README flag-table check are all derived from these rows; adding a flag is one row
// here plus the place that acts on it.

import { DEFAULT_PHP_SESSION_ID, DEFAULT_SESSION_ID } from '../rules/defaults.js';
import { METHOD_TYPES } from '../rules/methods.js';
import { Option, type Command } from 'commander';
import { CACHE_STRATEGIES, DEFAULT_CACHE_STRATEGY, type CacheStrategy } from '../run/collect/cache-strategy.js';
import { DEFAULT_EXTENSIONS } from '../run/collect/discover.js';

export const REPORT_FORMATS = ['human', 'json', 'github', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
/** The report a run prints unless --format or the configuration names another. */
export const DEFAULT_FORMAT: ReportFormat = 'human';

/** How a configuration file's value is checked: the type it must have, and the validation it goes through. */
export type ConfigKind = 'string' | 'expression' | 'php' | 'boolean' | 'list' | 'integer' | 'format' | 'methods' | 'cacheStrategy';

/** The value a configuration key of each kind holds once validated. */
interface KindValue {
  string: string;
  expression: string;
  php: string;
  boolean: boolean;
  list: readonly string[];
  integer: number;
  format: ReportFormat;
  methods: readonly string[];
  cacheStrategy: CacheStrategy;
}

export interface OptionRow {
  /** As commander takes it: `-d, --dry-run`, `--session-id <expr>`, `--no-gitignore`. */
  readonly flags: string;
  readonly help: string;
  /** Shown in --help and taken when neither the flag nor a configuration sets it. */
  readonly default?: string;
  readonly choices?: readonly string[];
  /** Given more than once, the values add up (`--ignore a --ignore b`). */
  readonly repeatable?: true;
  /** A configuration file may set it, under the flag's camelCase name (`--session-id` → `sessionId`). */
  readonly config?: ConfigKind;
  /** Handled by commander itself (`--version`, `--help`). */
  readonly builtin?: 'version' | 'help';
}

const COLOR = [
  { flags: '--color', help: 'colour even when the output is not a terminal (also FORCE_COLOR=1)' },
  { flags: '--no-color', help: 'plain output without colour (also NO_COLOR=1)' },
] as const satisfies readonly OptionRow[];
const CONFIG = [
  { flags: '--config <path>', help: 'read settings from this file instead of the nearest dr-migrate.config.{json,js,mjs} or package.json "dr-migrate"' },
  { flags: '--no-config', help: 'ignore configuration files' },
] as const satisfies readonly OptionRow[];
const IGNORE = { flags: '--ignore <pattern>', help: 'skip what this .gitignore-style pattern matches, relative to the current directory (repeatable)', repeatable: true, config: 'list' } as const satisfies OptionRow;
const GITIGNORE = { flags: '--no-gitignore', help: 'do not skip the files that .gitignore lists', config: 'boolean' } as const satisfies OptionRow;

/**
 * The main command's options, in the order --help lists them: what to do, what to write, what to scan, how to report,
 * settings, scopes. A configuration's keys are listed in the same order in its error messages.
 */
export const MAIN_OPTIONS = [
  { flags: '-d, --dry-run', help: 'write nothing; print a unified diff of each change on stdout and the summary on stderr' },
  { flags: '--check', help: 'write nothing; exit 1 while any payload would change or needs review (for CI)' },
  { flags: '--session-id <expr>', help: 'JavaScript expression inserted as the sessionId value', default: DEFAULT_SESSION_ID, config: 'expression' },
  { flags: '--methods <types>', help: `comma-separated payment method types to migrate (default: all ${METHOD_TYPES.length})`, config: 'methods' },
  { flags: '--remove-card-amounts', help: 'also remove amount and currency from credit-card payloads', config: 'boolean' },
  { flags: '--payment-request-session-id', help: 'also add sessionId to paymentRequest(…) options (country, currency, total stay)', config: 'boolean' },
  { flags: '--drop-legacy-branches', help: 'drop an else branch that only sets legacy fields when its if tests the session', config: 'boolean' },
  { flags: '--mark-review', help: 'insert a "// TODO(dr-migrate): <reason>" line above each call that needs review', config: 'boolean' },
  { flags: '--php-session-id <expr>', help: 'PHP expression inserted as the sessionId value of payload arrays built in PHP', default: DEFAULT_PHP_SESSION_ID, config: 'php' },
  { flags: '--extensions <exts>', help: 'comma-separated file extensions to scan', default: DEFAULT_EXTENSIONS.join(','), config: 'list' },
  IGNORE,
  GITIGNORE,
  { flags: '--stdin', help: 'read the files to scan from standard input, one path a line or NUL-separated (git ls-files -z); filtered as a search is' },
  { flags: '--files-from <file>', help: 'read the files to scan from this file (- for standard input), as --stdin does' },
  { flags: '--verify', help: 'type-check the project (its tsconfig.json) before and after, in memory, and report new errors; write nothing if there are any' },
  { flags: '--force', help: 'write even when files to be migrated have uncommitted changes, or when --verify finds new errors' },
  {
    flags: '--concurrency <n>',
    help: 'parser threads for a large run (default: one less than the CPUs, at least 1; at most the CPUs; 0: parse on the main thread)',
    config: 'integer',
  },
  { flags: '--format <format>', help: 'report format', choices: REPORT_FORMATS, default: DEFAULT_FORMAT, config: 'format' },
  { flags: '-q, --quiet', help: 'print only errors and sites that need review' },
  { flags: '--verbose', help: 'print every finding with its evidence, and stack traces of internal errors' },
  { flags: '--timings', help: 'after the summary, print on stderr the time each phase took and the 10 slowest files' },
  { flags: '--cache', help: "keep each file's result and reuse it while the file and the settings are unchanged", config: 'boolean' },
  { flags: '--cache-location <path>', help: 'the cache file, or a folder for it (default: node_modules/.cache/dr-migrate/)', config: 'string' },
  {
    flags: '--cache-strategy <strategy>',
    help: 'how --cache tells a file is unchanged: by its content, or by its size and time',
    default: DEFAULT_CACHE_STRATEGY,
    choices: CACHE_STRATEGIES,
    config: 'cacheStrategy',
  },
  ...COLOR,
  ...CONFIG,
  { flags: '--baseline <file>', help: 'with --check or --explain: fail only on legacy and review sites that are not in this baseline', config: 'string' },
  { flags: '--write-baseline <file>', help: 'record the remaining legacy and review sites in this baseline file; changes no source file' },
  { flags: '--staged', help: 'only the files staged for commit (pre-commit hooks)' },
  { flags: '--changed', help: 'only the files changed in the work tree: staged, unstaged or untracked' },
  { flags: '--since <ref>', help: 'only the files changed since the merge base of <ref> and HEAD, and uncommitted ones (implies --changed; pull requests)' },
  { flags: '--explain', help: 'write nothing; for every file and call, say what was decided and why' },
  { flags: '--interactive', help: 'show each change as a diff and ask whether to apply it (terminal only)' },
  { flags: '-V, --version', help: 'print the version', builtin: 'version' },
  { flags: '-h, --help', help: 'show this help', builtin: 'help' },
] as const satisfies readonly OptionRow[];

/** `dr-migrate inventory`: the scan's options of the main command, with its own formats and default extensions. */
export const INVENTORY_OPTIONS = [
  { flags: '--format <format>', help: 'report format', choices: ['human', 'json'], default: 'human' },
  { flags: '--extensions <exts>', help: 'comma-separated file extensions to scan (default: scripts, templates and server languages)' },
  IGNORE,
  GITIGNORE,
  ...COLOR,
  ...CONFIG,
] as const satisfies readonly OptionRow[];

type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;
/** `-d, --dry-run` → `dry-run`; `--session-id <expr>` → `session-id`; `--no-gitignore` → `gitignore`. */
type LongName<F extends string> = F extends `${string}--${infer Rest}` ? (Rest extends `${infer Name} <${string}>` ? Unnegated<Name> : Unnegated<Rest>) : never;
type Unnegated<N extends string> = N extends `no-${infer Name}` ? Name : N;
/** The attribute commander stores the option's value under. */
export type KeyOf<R extends OptionRow> = Camel<LongName<R['flags']>>;
type FlagValue<R extends OptionRow> = R extends { readonly choices: readonly (infer C)[] }
  ? C
  : R extends { readonly repeatable: true }
    ? string[]
    : R['flags'] extends `${string}<${string}>`
      ? string
      : boolean;

type Settable<Rows extends readonly OptionRow[]> = Exclude<Rows[number], { readonly builtin: string }>;
/** What commander hands over for a table: each option's value when it was given, or its default. */
export type FlagsOf<Rows extends readonly OptionRow[]> = { -readonly [R in Settable<Rows> as KeyOf<R>]?: FlagValue<R> };

type ConfigRow = Extract<(typeof MAIN_OPTIONS)[number], { readonly config: ConfigKind }>;
/** Every key a configuration may hold: each is the camelCase name of its command-line flag, typed by its kind. */
export type ConfigValues = { readonly [R in ConfigRow as KeyOf<R>]: KindValue[R['config']] };

/** `--session-id <expr>` → `sessionId`. */
export function keyOf(row: OptionRow): string {
  const long = /--(?:no-)?([\w-]+)/.exec(row.flags)?.[1] ?? '';
  return long.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

/** The configuration schema: key → kind, from the rows a configuration may set. */
export const CONFIG_SCHEMA: Readonly<Record<keyof ConfigValues, ConfigKind>> = Object.fromEntries(
  MAIN_OPTIONS.flatMap((row: OptionRow) => (row.config ? [[keyOf(row), row.config]] : [])),
) as Record<keyof ConfigValues, ConfigKind>;

export const CONFIG_KEYS = Object.keys(CONFIG_SCHEMA) as (keyof ConfigValues)[];

/** Adds a table's rows to a commander command: the one place flags are declared. */
export function addOptions(command: Command, rows: readonly OptionRow[], version?: string): Command {
  for (const row of rows) {
    if (row.builtin === 'version') {
      if (version !== undefined) command.version(version, row.flags, row.help);
      continue;
    }
    if (row.builtin === 'help') {
      command.helpOption(row.flags, row.help);
      continue;
    }
    const option = new Option(row.flags, row.help);
    if (row.choices) option.choices(row.choices);
    if (row.default !== undefined) option.default(row.default);
    if (row.repeatable) option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
    command.addOption(option);
  }
  return command;
}
