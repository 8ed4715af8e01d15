// The `--cache` settings of a run (issue 14): flags over the configuration's keys, over eslint's and prettier's defaults.

import { resolve, sep } from 'node:path';
import { DEFAULT_CACHE_LOCATION } from '../run/collect/cache-store.js';
import { DEFAULT_CACHE_STRATEGY, type CacheStrategy } from '../run/collect/cache-strategy.js';
import type { CommandFlags } from './command-flags.js';
import type { LoadedConfig } from './config.js';

export interface CacheSettings {
  /** The cache file, or a folder for it (a trailing slash says so), absolute or relative to the working directory. */
  readonly location: string;
  readonly strategy: CacheStrategy;
}

/** Undefined unless `--cache` or the configuration's `"cache": true` asks for it; the location only matters then. */
export function cacheSettings(flags: CommandFlags, given: (key: keyof CommandFlags) => boolean, config: LoadedConfig | undefined): CacheSettings | undefined {
  const v = config?.values ?? {};
  if (!(given('cache') ? !!flags.cache : (v.cache ?? false))) return undefined;
  const fromConfig = config && v.cacheLocation !== undefined ? resolve(config.dir, v.cacheLocation) + (/[\\/]$/.test(v.cacheLocation) ? sep : '') : undefined;
  const location = given('cacheLocation') && flags.cacheLocation !== undefined ? flags.cacheLocation : (fromConfig ?? DEFAULT_CACHE_LOCATION);
  const strategy = given('cacheStrategy') && flags.cacheStrategy !== undefined ? flags.cacheStrategy : (v.cacheStrategy ?? DEFAULT_CACHE_STRATEGY);
  return { location, strategy };
}
