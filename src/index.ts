// Public API: `import { migrate } from 'dr-migrate'` returns the object `--format json` prints.

export { migrate, DirtyTreeError, type RunOptions } from './run/migrate.js';
export { exitCodeOf, type RunResult, type RunSummary, type FileReport, type Mode } from './run/result.js';
export type { FileFinding, FileSite, FileStatus } from './engine/process-text.js';
export { UsageError, type MigrationOptions } from './options.js';
export { METHOD_RULES, METHOD_TYPES, type MethodRule, type MethodType } from './rules/methods.js';
export { FINDINGS, type FindingId, type Severity } from './rules/findings.js';
export { methodTransform } from './transform-factory.js';
export { findConfig, loadConfig, type ConfigValues, type LoadedConfig } from './cli/config.js';
export type { AdoptionOptions } from './adopt/options.js';
export type { IgnoreList } from './run/collect/user-ignores.js';
export type { FileList } from './run/collect/file-list.js';
export type { BaselineEntry, BaselineSummary } from './adopt/baseline.js';
