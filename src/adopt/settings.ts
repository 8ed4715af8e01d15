// Settings of a run: flags over the --config file or the nearest configuration, over the defaults (issue 9).

import { isAbsolute, relative, resolve } from 'node:path';
import { DEFAULT_PHP_SESSION_ID } from '../options.js';
import { DEFAULT_EXTENSIONS } from '../run/discover.js';
import type { Mode } from '../run/result.js';
import { SERVER_EXTENSIONS } from '../inventory/checklist.js';
import type { IgnoreList } from '../run/user-ignores.js';
import type { CommandFlags } from './command-flags.js';
import { cacheSettings, type CacheSettings } from './cache-settings.js';
import { checkFlags, checkFormat, configName } from './conflicts.js';
import { findConfig, loadConfig, type LoadedConfig, type ReportFormat } from './config.js';

// Re-exported for the CLI; it lives in command-flags.ts so that conflicts.ts can take it without importing this file
// back (issue 16).
export type { CommandFlags };

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
}

function modeOf(flags: CommandFlags, paths: readonly string[]): Mode {
  checkFlags(flags, paths);
  // --explain and --write-baseline look without touching a file: they run as a check.
  return flags.check || flags.explain || flags.writeBaseline !== undefined ? 'check' : flags.dryRun ? 'dry-run' : 'write';
}

/**
 * Merges, key by key: a flag given on the command line wins; then the configuration (--config <path>, or else the
 * nearest one found from `cwd` upwards; none with --no-config); then the default. `ignore` patterns add up.
 */
export async function resolveSettings(
  flags: CommandFlags,
  given: (key: keyof CommandFlags) => boolean,
  cwd: string,
  paths: readonly string[] = [],
): Promise<Settings> {
  const mode = modeOf(flags, paths);
  const config = await configOf(flags.config, cwd);
  const v = config?.values ?? {};
  const pick = <T>(key: keyof CommandFlags, fromFlag: T | undefined, fromConfig: T | undefined, fallback: T): T =>
    given(key) && fromFlag !== undefined ? fromFlag : fromConfig !== undefined ? fromConfig : fallback;
  // Unset: the run picks the parser threads from the CPUs.
  const concurrency = given('concurrency') ? (/^\d+$/.test(flags.concurrency ?? '') ? Number(flags.concurrency) : Number.NaN) : v.concurrency;
  const configBaseline = config && v.baseline !== undefined ? shownPath(resolve(config.dir, v.baseline), cwd) : undefined;
  const baseline = flags.baseline ?? configBaseline;
  const methods = given('methods') && flags.methods !== undefined ? [flags.methods] : v.methods;
  const format = pick('format', flags.format, v.format, 'human');
  checkFormat(flags, format, !given('format') && v.format !== undefined ? config : undefined, (abs) => shownPath(abs, cwd));
  const cache = cacheSettings(flags, given, config);
  return {
    mode,
    format,
    ...(config ? { config } : {}),
    sessionId: pick('sessionId', flags.sessionId, v.sessionId, 'sessionId'),
    phpSessionId: pick('phpSessionId', flags.phpSessionId, v.phpSessionId, DEFAULT_PHP_SESSION_ID),
    ...(methods ? { methods } : {}),
    removeCardAmounts: given('removeCardAmounts') || (v.removeCardAmounts ?? false),
    paymentRequestSessionId: given('paymentRequestSessionId') || (v.paymentRequestSessionId ?? false),
    dropLegacyBranches: given('dropLegacyBranches') || (v.dropLegacyBranches ?? false),
    markReview: given('markReview') || (v.markReview ?? false),
    extensions: given('extensions') && flags.extensions !== undefined ? [flags.extensions] : (v.extensions ?? DEFAULT_EXTENSIONS),
    ...scanRules(config, flags, given('gitignore'), cwd),
    ...(concurrency !== undefined ? { concurrency: Number.isFinite(concurrency) ? concurrency : Number.NaN } : {}),
    ...(baseline ? { baseline } : {}),
    ...(cache ? { cache } : {}),
  };
}

/** A path as people read it in messages: relative to the working directory (absolute only across drives). */
export function shownPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel === '' || isAbsolute(rel) ? abs : rel.split('\\').join('/');
}

/** The flags of `dr-migrate inventory`. */
export interface InventoryCommandFlags {
  extensions?: string;
  ignore?: string[];
  gitignore: boolean;
  /** A path, or false for --no-config. */
  config?: string | false;
}

/**
 * The inventory reads the same configuration as the main command: what decides a site's status (session id,
 * methods, card and paymentRequest policies, legacy branches) and what is scanned (ignores, .gitignore). Its
 * extensions are the configuration's plus the server languages its checklist reads, unless --extensions is given.
 */
export async function resolveInventorySettings(flags: InventoryCommandFlags, given: (key: keyof InventoryCommandFlags) => boolean, cwd: string): Promise<InventorySettings> {
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
  flags: { ignore?: string[]; gitignore: boolean },
  gitignoreGiven: boolean,
  cwd: string,
): { ignore: string[]; ignoreLists: IgnoreList[]; gitignore: boolean } {
  const v = config?.values ?? {};
  const source = config ? `${configName(config, (abs) => shownPath(abs, cwd))}: "ignore":` : '';
  return {
    ignore: flags.ignore ?? [],
    ignoreLists: config && v.ignore ? [{ base: config.dir, patterns: v.ignore, source }] : [],
    gitignore: gitignoreGiven ? flags.gitignore : (v.gitignore ?? true),
  };
}

/** What the inventory takes from the settings: those of the main command that decide statuses and the scan. */
export type InventorySettings = Pick<Settings, 'methods' | 'removeCardAmounts' | 'paymentRequestSessionId' | 'dropLegacyBranches' | 'ignore' | 'ignoreLists' | 'gitignore'> &
  Partial<Pick<Settings, 'sessionId' | 'phpSessionId' | 'extensions'>>;
