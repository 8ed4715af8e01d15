// The rule's migration options: its own options over the nearest dr-migrate configuration, over the defaults.

import { statSync } from 'node:fs';
import { loadConfigSync, locateConfig, type ConfigValues } from '../cli/config.js';
import type { EngineOptions } from '../engine/types.js';
import { toEngineOptions } from '../options.js';

/** The rule's options: the configuration file's keys of the same names (src/cli/config.ts). */
export interface RuleOptions {
  readonly sessionId?: string;
  readonly methods?: readonly string[];
  readonly removeCardAmounts?: boolean;
}

/** Configuration values by file, kept while the file's size and modification time stay (an editor lints for hours). */
const configs = new Map<string, { readonly stamp: string; readonly values: Partial<ConfigValues> }>();

function configValues(dir: string, cwd: string): Partial<ConfigValues> {
  const path = locateConfig(dir);
  if (path === undefined) return {};
  const stat = statSync(path);
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const cached = configs.get(path);
  if (cached?.stamp === stamp) return cached.values;
  const { values } = loadConfigSync(path, cwd);
  configs.set(path, { stamp, values });
  return values;
}

/**
 * What the engine is given for a file in `dir`: each option the rule sets wins, then the nearest configuration found
 * from `dir` upwards (as the command finds it when run there), then the command's defaults. Of the configuration,
 * only the keys that decide what a site needs are read: review markers (`markReview`) are never inserted, since
 * review sites get no fix; which files are checked (`ignore`, `extensions`, `gitignore`) is ESLint's to decide.
 * An invalid option or configuration throws the command's UsageError, which ESLint shows.
 */
export function engineOptionsFor(dir: string, cwd: string, rule: RuleOptions): EngineOptions {
  const v = configValues(dir, cwd);
  const sessionId = rule.sessionId ?? v.sessionId;
  const methods = rule.methods ?? v.methods;
  return toEngineOptions({
    ...(sessionId !== undefined ? { sessionId } : {}),
    ...(v.phpSessionId !== undefined ? { phpSessionId: v.phpSessionId } : {}),
    ...(methods !== undefined ? { methods } : {}),
    removeCardAmounts: rule.removeCardAmounts ?? v.removeCardAmounts ?? false,
    paymentRequestSessionId: v.paymentRequestSessionId ?? false,
    dropLegacyBranches: v.dropLegacyBranches ?? false,
    markReview: false,
  });
}
