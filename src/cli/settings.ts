// Settings of a run: flags over the --config file or the nearest configuration, over the defaults (issue 9).

import { resolve } from 'node:path';
import { shownPath } from '../run/paths.js';
import { DEFAULT_PHP_SESSION_ID, DEFAULT_SESSION_ID } from '../rules/defaults.js';
import { DEFAULT_EXTENSIONS } from '../run/collect/discover.js';
import type { Mode } from '../run/result.js';
import type { RunOptions } from '../run/migrate.js';
import { checkConcurrency } from '../run/run-options.js';
import { SERVER_EXTENSIONS } from '../inventory/checklist.js';
import type { IgnoreList } from '../run/collect/user-ignores.js';
import type { CommandFlags, InventoryFlags } from './command-flags.js';
import { cacheSettings, type CacheSettings } from './cache-settings.js';
import { checkFlags, checkFormat, configName } from './conflicts.js';
import { findConfig, loadConfig, type LoadedConfig, type ReportFormat } from './config.js';
import { DEFAULT_FORMAT } from './option-table.js';
import { DEFAULT_COMMAND } from '../run/command-name.js';

export interface Settings {
  readonly mode: Mode;
  readonly format: ReportFormat;
  readonly config?: LoadedConfig;
  readonly sessionId: string;
  readonly phpSessionId: string;
  readonly methods?: readonly string[];
  readonly removeCardAmounts: boolean;
  readonly paymentRequestSessionId: boolean;
  readonly dropLegacyBranches: boolean;
  readonly markReview: boolean;
  readonly extensions: readonly string[];
  /** `--ignore` patterns, relative to the working directory. */
  readonly ignore: readonly string[];
  /** The configuration's `ignore` patterns, relative to its directory. */
  readonly ignoreLists: readonly IgnoreList[];
  readonly gitignore: boolean;
  readonly concurrency?: number;
  /** The baseline to check against: from --baseline as given, or from the configuration relative to `cwd`. */
  readonly baseline?: string;
  /** --cache: where and how results are kept for the next run (issue 14). */
  readonly cache?: CacheSettings;
  /**
   * What `migrate()` takes from the flags and the configuration; the command adds what only it can give (the list
   * read from standard input, the interactive review, progress, the abort signal, the clock).
   */
  readonly run: RunOptions;
}

function modeOf(flags: CommandFlags, paths: readonly string[], command: string): Mode {
  checkFlags(flags, paths, command);
  // --explain and --write-baseline look without touching a file: they run as a check.
  return flags.check || flags.explain || flags.writeBaseline !== undefined ? 'check' : flags.dryRun ? 'dry-run' : 'write';
}

/**
 * The one place a run's settings are made (issue 16): every conflict between flags, and between flags and the
 * configuration, is checked here, before any file is read. Merges, key by key: a flag given on the command line wins;
 * then the configuration (--config <path>, or else the nearest one found from `cwd` upwards; none with --no-config);
 * then the default. `ignore` patterns add up.
 */
export async function normalize(
  flags: CommandFlags,
  given: (key: keyof CommandFlags) => boolean,
  cwd: string,
  paths: readonly string[] = [],
  command = DEFAULT_COMMAND,
): Promise<Settings> {
  const mode = modeOf(flags, paths, command);
  const config = await configOf(flags.config, cwd);
  const v = config?.values ?? {};
  const pick = <T>(key: keyof CommandFlags, fromFlag: T | undefined, fromConfig: T | undefined, fallback: T): T =>
    given(key) && fromFlag !== undefined ? fromFlag : fromConfig !== undefined ? fromConfig : fallback;
  // Unset: the run picks the parser threads from the CPUs.
  const concurrency = given('concurrency') ? (/^\d+$/.test(flags.concurrency ?? '') ? Number(flags.concurrency) : Number.NaN) : v.concurrency;
  if (concurrency !== undefined) checkConcurrency(concurrency);
  const configBaseline = config && v.baseline !== undefined ? shownPath(resolve(config.dir, v.baseline), cwd) : undefined;
  const baseline = flags.baseline ?? configBaseline;
  const methods = given('methods') && flags.methods !== undefined ? [flags.methods] : v.methods;
  const format = pick('format', flags.format, v.format, DEFAULT_FORMAT);
  checkFormat(flags, format, !given('format') && v.format !== undefined ? config : undefined, (abs) => shownPath(abs, cwd));
  const cache = cacheSettings(flags, given, config);
  const settings = {
    mode,
    format,
    ...(config ? { config } : {}),
    sessionId: pick('sessionId', flags.sessionId, v.sessionId, DEFAULT_SESSION_ID),
    phpSessionId: pick('phpSessionId', flags.phpSessionId, v.phpSessionId, DEFAULT_PHP_SESSION_ID),
    ...(methods ? { methods } : {}),
    removeCardAmounts: given('removeCardAmounts') || (v.removeCardAmounts ?? false),
    paymentRequestSessionId: given('paymentRequestSessionId') || (v.paymentRequestSessionId ?? false),
    dropLegacyBranches: given('dropLegacyBranches') || (v.dropLegacyBranches ?? false),
    markReview: given('markReview') || (v.markReview ?? false),
    extensions: given('extensions') && flags.extensions !== undefined ? [flags.extensions] : (v.extensions ?? DEFAULT_EXTENSIONS),
    ...scanRules(config, flags, given('gitignore'), cwd),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(baseline ? { baseline } : {}),
    ...(cache ? { cache } : {}),
  };
  const { format: _format, config: _config, baseline: _baseline, cache: _cache, ...shared } = settings;
  const run: RunOptions = {
    ...shared,
    force: !!flags.force,
    verify: !!flags.verify,
    staged: !!flags.staged,
    changed: !!flags.changed,
    ...(flags.since !== undefined ? { since: flags.since } : {}),
    explain: !!flags.explain,
    // A baseline answers a check (and its explanation); writing one replaces it.
    ...(baseline && mode === 'check' && flags.writeBaseline === undefined ? { baseline } : {}),
    ...(flags.writeBaseline !== undefined ? { writeBaseline: flags.writeBaseline } : {}),
  };
  return { ...settings, run };
}

/**
 * The inventory reads the same configuration as the main command: what decides a site's status (session id,
 * methods, card and paymentRequest policies, legacy branches) and what is scanned (ignores, .gitignore). Its
 * extensions are the configuration's plus the server languages its checklist reads, unless --extensions is given.
 */
export async function normalizeInventory(flags: InventoryFlags, given: (key: keyof InventoryFlags) => boolean, cwd: string): Promise<InventorySettings> {
  const config = await configOf(flags.config, cwd);
  const v = config?.values ?? {};
  const extensions = given('extensions') && flags.extensions !== undefined ? [flags.extensions] : v.extensions ? [...v.extensions, ...SERVER_EXTENSIONS] : undefined;
  return {
    ...(v.sessionId !== undefined ? { sessionId: v.sessionId } : {}),
    ...(v.phpSessionId !== undefined ? { phpSessionId: v.phpSessionId } : {}),
    ...(v.methods ? { methods: v.methods } : {}),
    removeCardAmounts: v.removeCardAmounts ?? false,
    paymentRequestSessionId: v.paymentRequestSessionId ?? false,
    dropLegacyBranches: v.dropLegacyBranches ?? false,
    ...(extensions ? { extensions } : {}),
    ...scanRules(config, flags, given('gitignore'), cwd),
  };
}

/** --config <path>, else the nearest configuration found from `cwd` upwards; none with --no-config (false). */
async function configOf(flag: string | boolean | undefined, cwd: string): Promise<LoadedConfig | undefined> {
  if (flag === false) return undefined;
  return typeof flag === 'string' ? loadConfig(flag, cwd) : findConfig(cwd);
}

/**
 * Ignores add up: the configuration's, relative to its directory and named by its file in notes, then the flags'
 * (which win where both have a rule for a path); --no-gitignore given wins over the file.
 */
function scanRules(
  config: LoadedConfig | undefined,
  flags: { ignore?: string[]; gitignore?: boolean },
  gitignoreGiven: boolean,
  cwd: string,
): { ignore: string[]; ignoreLists: IgnoreList[]; gitignore: boolean } {
  const v = config?.values ?? {};
  const source = config ? `${configName(config, (abs) => shownPath(abs, cwd))}: "ignore":` : '';
  return {
    ignore: flags.ignore ?? [],
    ignoreLists: config && v.ignore ? [{ base: config.dir, patterns: v.ignore, source }] : [],
    gitignore: gitignoreGiven ? flags.gitignore !== false : (v.gitignore ?? true),
  };
}

/** What the inventory takes from the settings: those of the main command that decide statuses and the scan. */
export type InventorySettings = Pick<Settings, 'methods' | 'removeCardAmounts' | 'paymentRequestSessionId' | 'dropLegacyBranches' | 'ignore' | 'ignoreLists' | 'gitignore'> &
  Partial<Pick<Settings, 'sessionId' | 'phpSessionId' | 'extensions'>>;
