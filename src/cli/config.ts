// The configuration file: found from the working directory upwards, validated key by key against one table (issue 9).

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { knownMethods, UsageError, validatePhpSessionExpression, validateSessionExpression } from '../options.js';
import { jsonErrorAt } from './json-position.js';
import { closest } from './suggest.js';
import { isMethodType } from '../rules/methods.js';
import { CONFIG_KEYS, CONFIG_SCHEMA, REPORT_FORMATS, type ConfigKind, type ConfigValues } from './option-table.js';
import { CACHE_STRATEGIES } from '../run/collect/cache-strategy.js';

/** Looked for in this order in each directory; more than one in the same directory is an error. */
export const CONFIG_FILES = ['dr-migrate.config.json', 'dr-migrate.config.js', 'dr-migrate.config.mjs'] as const;
/** The field of package.json that may hold the same object. */
export const PACKAGE_FIELD = 'dr-migrate';

// The keys, their kinds and types come from the option table (issue 16); re-exported for the API and the ESLint rule.
export { CONFIG_KEYS, REPORT_FORMATS, type ConfigValues, type ReportFormat } from './option-table.js';

export interface LoadedConfig {
  /** Absolute path of the file the values come from (package.json for the field). */
  readonly path: string;
  /** The directory relative paths and globs in it are resolved from. */
  readonly dir: string;
  readonly values: Partial<ConfigValues>;
}

/**
 * The nearest configuration from `cwd` upwards: up to the repository root (a directory holding `.git`), or the
 * filesystem root outside a repository. Undefined when there is none.
 */
export async function findConfig(cwd: string): Promise<LoadedConfig | undefined> {
  const found = locateConfig(cwd);
  return found === undefined ? undefined : loadConfig(found, cwd);
}

/** The path of the nearest configuration (see findConfig), without reading it: synchronous, for the ESLint rule. */
export function locateConfig(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    const found = CONFIG_FILES.map((f) => join(dir, f)).filter((p) => existsSync(p));
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && packageField(pkg, displayPath(pkg, resolve(cwd))) !== undefined) found.push(pkg);
    if (found.length > 1) {
      throw new UsageError(`${found.map((p) => basename(p)).join(' and ')} in ${dir} all configure dr-migrate; keep one`);
    }
    if (found[0]) return found[0];
    const parent = dirname(dir);
    if (existsSync(join(dir, '.git')) || parent === dir) return undefined;
    dir = parent;
  }
}

/** Loads and validates one configuration file (`--config <path>`, or the one found). */
export async function loadConfig(path: string, cwd = process.cwd()): Promise<LoadedConfig> {
  const { abs, shown } = located(path, cwd);
  const data = readDataConfig(abs, shown);
  if (data) return data;
  let mod: { default?: unknown };
  try {
    const { importModule } = await import('./import-module.js');
    mod = (await importModule(pathToFileURL(abs).href)) as { default?: unknown };
  } catch (error) {
    throw new UsageError(`could not load ${shown} (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  return { path: abs, dir: dirname(abs), values: validateConfig(mod.default, shown) };
}

/**
 * The same, synchronous, for the ESLint rule (its rules cannot wait; issue 15). A JavaScript configuration is loaded with require(), which Node 20.19 and later also use
 * for ES modules (without top-level await); its default export, or a CommonJS module's exports, is the value, as
 * import() gives it.
 */
export function loadConfigSync(path: string, cwd = process.cwd()): LoadedConfig {
  const { abs, shown } = located(path, cwd);
  const data = readDataConfig(abs, shown);
  if (data) return data;
  let raw: unknown;
  try {
    const mod: unknown = createRequire(import.meta.url)(abs);
    raw = isRecord(mod) && Object.prototype.toString.call(mod) === '[object Module]' ? mod.default : mod;
  } catch (error) {
    throw new UsageError(`could not load ${shown} (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  return { path: abs, dir: dirname(abs), values: validateConfig(raw, shown) };
}

function located(path: string, cwd: string): { abs: string; shown: string } {
  const abs = resolve(cwd, path);
  if (!existsSync(abs)) throw new UsageError(`configuration file not found: ${path}`);
  return { abs, shown: displayPath(abs, cwd) };
}

/** A package.json field or a JSON file, read and validated; undefined for a JavaScript module. */
function readDataConfig(abs: string, shown: string): LoadedConfig | undefined {
  if (basename(abs) === 'package.json') {
    const raw = packageField(abs, shown);
    if (raw === undefined) throw new UsageError(`${shown} has no "${PACKAGE_FIELD}" field`);
    return { path: abs, dir: dirname(abs), values: validateConfig(raw, `${shown} "${PACKAGE_FIELD}"`) };
  }
  if (!abs.endsWith('.json')) return undefined;
  const text = readFileSync(abs, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(jsonErrorAt(shown, text, error));
  }
  return { path: abs, dir: dirname(abs), values: validateConfig(raw, shown) };
}

function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
}

/** The `"dr-migrate"` field of a package.json; undefined when absent. A broken package.json matters only if it names us. */
function packageField(pkg: string, shown: string): unknown {
  const text = readFileSync(pkg, 'utf8');
  if (!text.includes(`"${PACKAGE_FIELD}"`)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(jsonErrorAt(shown, text, error));
  }
  return isRecord(parsed) ? parsed[PACKAGE_FIELD] : undefined;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'string') return `the string ${JSON.stringify(x)}`;
  return typeof x === 'object' ? 'an object' : `${typeof x} ${String(x)}`;
}

/** Checks every key against the schema; the first unknown key or wrong type is a usage error naming it. */
export function validateConfig(raw: unknown, where: string): Partial<ConfigValues> {
  if (!isRecord(raw)) throw new UsageError(`${where} must hold an object of settings, got ${describe(raw)}`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === '$schema') continue;
    if (!(key in CONFIG_SCHEMA)) {
      const near = closest(key, CONFIG_KEYS);
      throw new UsageError(`${where}: unknown key "${key}" (${near !== undefined ? `did you mean ${near}?` : `known keys: ${CONFIG_KEYS.join(', ')}`})`);
    }
    out[key] = checkValue(CONFIG_SCHEMA[key as keyof ConfigValues], value, `${where}: "${key}"`);
  }
  return out as Partial<ConfigValues>;
}

function checkValue(kind: ConfigKind, value: unknown, what: string): unknown {
  const fail = (expected: string): never => {
    throw new UsageError(`${what} must be ${expected}, got ${describe(value)}`);
  };
  switch (kind) {
    case 'string':
      return typeof value === 'string' && value.trim() !== '' ? value : fail('a non-empty string');
    case 'expression':
      return typeof value === 'string' ? validateSessionExpression(value, what) : fail('one JavaScript expression in a string, such as "checkout.payment.session.id"');
    case 'php':
      return typeof value === 'string' ? validatePhpSessionExpression(value, what) : fail('a plain PHP expression in a string, such as "$sessionId"');
    case 'boolean':
      return typeof value === 'boolean' ? value : fail('true or false');
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fail('a whole number of 0 or more');
    case 'cacheStrategy':
      return typeof value === 'string' && (CACHE_STRATEGIES as readonly string[]).includes(value) ? value : fail(`one of ${CACHE_STRATEGIES.join(', ')}`);
    case 'format':
      return typeof value === 'string' && (REPORT_FORMATS as readonly string[]).includes(value) ? value : fail(`one of ${REPORT_FORMATS.join(', ')}`);
    case 'list':
    case 'methods': {
      const list = typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter((s) => s !== '') : value;
      if (!Array.isArray(list) || list.some((x) => typeof x !== 'string')) return fail('a list of strings');
      if (kind === 'methods') {
        const unknown = (list as string[]).find((m) => !isMethodType(m));
        if (unknown !== undefined) throw new UsageError(`${what} names an unknown payment method "${unknown}"${knownMethods(unknown)}`);
      }
      return list;
    }
  }
}
