// V8's compiled code kept between runs of the command (issue 14). Node 22 does this for a package that asks
// (`module.enableCompileCache()`); Node 20 has no such cache, so most of a small run's time went to compiling the
// same Babel and TypeScript code again on every start. This hooks CommonJS compilation for the command's own bundle
// and the packages it loads, hands V8 the code it saved last time, and saves, when the run is over, the code of
// every script that had none: taken after the run, it holds the functions compiled while the run used them, not
// only the top level. A script that calls import() is never compiled here: Node 20 cannot give code compiled this
// way, from the cache, a way to import (the build lists the bundle's files that do not, scripts/bundle.mjs).
//
// Safe by construction: a script's entry is named by its path, size, modification and change times and inode (no
// tool sets a change time back), a file changed in the last two seconds is not cached (git's "racily clean" rule),
// V8 itself rejects code from another V8 version or other flags, and any failure (a folder that cannot be written,
// a corrupt entry, a script V8 will not compile this way) means compiling as if there were no cache. Off with Node's
// own switch, NODE_DISABLE_COMPILE_CACHE=1; NODE_COMPILE_CACHE=<folder> moves it, as it moves Node's.

import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { debuglog } from 'node:util';
import { Script } from 'node:vm';
import { replaceFileSync } from './replace-file.js';

/** `NODE_DEBUG=dr-migrate-compile-cache` prints each hit, miss, rejection and save on stderr. */
const debug = debuglog('dr-migrate-compile-cache');

/** A file changed this recently may change again within the same time stamp: it is compiled without the cache. */
const RACY_MS = 2000;

/** Entries not written for this long are removed when the cache is next written (older versions' code). */
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Past this many bytes in a folder, the entries written longest ago go when the cache is next written: every build
 * or upgrade of the command names its files anew, and TypeScript's code alone is some 9 MB.
 */
const MAX_BYTES = 64 * 1024 * 1024;

export interface CompileCacheOptions {
  /** The folder entries live in; Node's version and the CPU architecture name a folder inside it. */
  readonly directory: string;
  /** Which CommonJS files go through the cache (by absolute path). */
  readonly include: (filename: string) => boolean;
  /** Threads that only read the cache: the main thread, which compiles the same files, writes it. */
  readonly readOnly?: boolean;
  /** A file changed less than this long ago is compiled without the cache (default two seconds). */
  readonly racyMs?: number;
  /** The most the folder keeps (default 64 MiB). */
  readonly maxBytes?: number;
  /** Node's options that name the folder (default: this thread's); a parser thread is given its main thread's. */
  readonly flags?: string;
}

/** What a parser thread is given to read the cache its run's main thread uses. */
export interface ThreadCompileCache {
  readonly directory: string;
  readonly flags: string;
}

export interface CompileCache {
  /** The folder and options, for parser threads started later (their own options are none). */
  readonly thread: ThreadCompileCache;
  /** Writes the code of every script compiled without an entry; call when the run's work is done. */
  save(): void;
}

interface CompiledModule {
  exports: unknown;
  require: (id: string) => unknown;
}

/** Node 20.19 and later pass the format: `module` for an ES module loaded with require(), which is Node's to run. */
type CompileFn = (this: CompiledModule, content: string, filename: string, format?: string) => unknown;

/** Where the command keeps the cache when NODE_COMPILE_CACHE does not say: one folder per user. */
function defaultCompileCacheDirectory(env: NodeJS.ProcessEnv): string | undefined {
  if (env['NODE_DISABLE_COMPILE_CACHE']) return undefined;
  if (env['NODE_COMPILE_CACHE']) return env['NODE_COMPILE_CACHE'];
  const uid = typeof process.getuid === 'function' ? `-${process.getuid()}` : '';
  return join(tmpdir(), `dr-migrate-compile-cache${uid}`);
}

/** Node's options, without the code of `-e`/`-p` (which changes no flag, and would give every script its own folder). */
function nodeFlags(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i] as string;
    if (/^(?:-e|--eval|-p|--print)$/.test(arg)) i++;
    else if (!/^--(?:eval|print)=/.test(arg)) out.push(arg);
  }
  return out;
}

/** This thread's Node options, as one string: V8 rejects code compiled under other flags. */
function threadFlags(): string {
  return [...nodeFlags(process.execArgv), process.env['NODE_OPTIONS'] ?? ''].join(' ').trim();
}

/** A folder only this user can write, or undefined: code read from it runs, so no one else may put it there. */
function ownFolder(directory: string, options: string): string | undefined {
  // Runs with other Node options keep their own entries, instead of each rejecting and replacing the other's.
  const flags = options === '' ? '' : `-${createHash('sha256').update(options).digest('hex').slice(0, 12)}`;
  const folder = join(directory, `${process.version}-${process.arch}${flags}`);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    for (const dir of [directory, folder]) {
      const s = lstatSync(dir);
      // Windows has no such mode bits (a user's temporary folder is the user's own there).
      const posix = process.platform !== 'win32';
      const mine = !posix || typeof process.getuid !== 'function' || s.uid === process.getuid();
      if (!s.isDirectory() || !mine || (posix && (s.mode & 0o022) !== 0)) {
        debug('not using %s: not a folder only this user can write', dir);
        return undefined;
      }
    }
    return folder;
  } catch (error) {
    debug('not using %s: %s', directory, error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

/** The entry's name: the file's identity on disk, or undefined when it changed too recently to trust. */
function keyOf(filename: string, racyMs: number): string | undefined {
  const s = statSync(filename, { bigint: true });
  const now = BigInt(Date.now()) * 1_000_000n;
  const racy = BigInt(racyMs) * 1_000_000n;
  if (now - s.mtimeNs < racy || now - s.ctimeNs < racy) return undefined;
  const id = [filename, s.size, s.mtimeNs, s.ctimeNs, s.ino, s.dev].join('\0');
  return createHash('sha256').update(id).digest('hex').slice(0, 40);
}

let installed: CompileCache | undefined;

/**
 * Hooks CommonJS compilation in this thread (once; later calls return the first cache). Undefined when the folder
 * cannot be used or V8 cannot take cached code here: the command then compiles as it always did.
 */
export function enableCompileCache(options: CompileCacheOptions): CompileCache | undefined {
  if (installed) return installed;
  const flags = options.flags ?? threadFlags();
  const folder = ownFolder(options.directory, flags);
  const proto = Module.prototype as unknown as { _compile: CompileFn };
  if (folder === undefined || typeof proto._compile !== 'function') return undefined;
  const original = proto._compile;
  /** Scripts compiled without an entry, to save when the run is over. */
  const unsaved: { entry: string; script: Script }[] = [];
  const requireOf = (mod: CompiledModule, filename: string): NodeJS.Require => {
    const req = Module.createRequire(filename);
    const own = ((id: string) => mod.require(id)) as NodeJS.Require;
    return Object.assign(own, { resolve: req.resolve, cache: req.cache, extensions: req.extensions, main: req.main });
  };
  proto._compile = function compile(this: CompiledModule, content: string, filename: string, format?: string): unknown {
    if (format === 'module' || !options.include(filename)) return original.call(this, content, filename, format);
    let script: Script;
    let entry: string | undefined;
    try {
      const key = keyOf(filename, options.racyMs ?? RACY_MS);
      entry = key === undefined ? undefined : join(folder, key);
      let cachedData: Buffer | undefined;
      if (entry !== undefined) {
        try {
          cachedData = readFileSync(entry);
        } catch {
          cachedData = undefined;
        }
      }
      const body = content.startsWith('#!') ? `//${content.slice(2)}` : content;
      script = new Script(Module.wrap(body), { filename, ...(cachedData ? { cachedData } : {}) });
      if (cachedData && !script.cachedDataRejected) debug('hit %s', filename);
      else {
        debug('%s %s', cachedData ? 'rejected' : entry === undefined ? 'changed too recently for' : 'miss', filename);
        if (entry !== undefined && !options.readOnly) unsaved.push({ entry, script });
      }
    } catch (error) {
      // Not a script this way (ES module syntax required through require(), say): Node compiles it as usual.
      debug('compiling %s as usual: %s', filename, error instanceof Error ? error.message : String(error));
      return original.call(this, content, filename, format);
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireOf(this, filename), this, filename, dirname(filename));
  };
  installed = {
    thread: { directory: options.directory, flags },
    save(): void {
      if (unsaved.length === 0) return;
      for (const { entry, script } of unsaved.splice(0)) {
        try {
          replaceFileSync(entry, script.createCachedData(), 0o600);
          debug('saved %s', entry);
        } catch (error) {
          debug('not saved %s: %s', entry, error instanceof Error ? error.message : String(error));
        }
      }
      prune(folder, options.maxBytes ?? MAX_BYTES);
    },
  };
  return installed;
}

/**
 * Housekeeping when the cache is written (a failure leaves old entries, nothing else): entries older than a month,
 * temporary files of runs that stopped while writing, and the oldest entries past `maxBytes`.
 */
function prune(folder: string, maxBytes: number): void {
  const now = Date.now();
  try {
    const kept: { path: string; size: number; mtime: number }[] = [];
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      const { size, mtimeMs } = statSync(path);
      const age = now - mtimeMs;
      if (name.endsWith('.tmp') ? age > 60_000 : age > MAX_AGE_MS) rmSync(path, { force: true });
      else if (!name.endsWith('.tmp')) kept.push({ path, size, mtime: mtimeMs });
    }
    let total = kept.reduce((sum, e) => sum + e.size, 0);
    for (const e of kept.sort((a, b) => a.mtime - b.mtime)) {
      if (total <= maxBytes) break;
      rmSync(e.path, { force: true });
      total -= e.size;
      debug('removed %s', e.path);
    }
  } catch {
    // Housekeeping only.
  }
}

/** The cache this thread installed, if any: the parser threads a run starts read the same folder. */
export function activeCompileCache(): CompileCache | undefined {
  return installed;
}

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** The bundle's files that call no import() (scripts/bundle.mjs lists them beside the bundle); none elsewhere. */
function bundleFiles(): ReadonlySet<string> {
  try {
    const listed = JSON.parse(readFileSync(join(HERE, CACHEABLE_LIST), 'utf8')) as { files?: unknown };
    return new Set(Array.isArray(listed.files) ? listed.files.filter((f): f is string => typeof f === 'string').map((f) => join(HERE, f)) : []);
  } catch {
    return new Set();
  }
}

/** The name of that list. */
export const CACHEABLE_LIST = 'cacheable.json';

/**
 * Whether a syntax tree (Babel's, of a script) holds an import() call: how the build finds the files that list
 * leaves out. The tree, not the text, as Babel's own error messages name `import()` too.
 */
export function callsImport(tree: unknown): boolean {
  const stack: unknown[] = [tree];
  while (stack.length > 0) {
    const n = stack.pop();
    if (Array.isArray(n)) stack.push(...(n as unknown[]));
    else if (n !== null && typeof n === 'object' && typeof (n as { type?: unknown }).type === 'string') {
      const type = (n as { type: string }).type;
      if (type === 'Import' || type === 'ImportExpression') return true;
      for (const [key, value] of Object.entries(n)) if (key !== 'loc' && typeof value === 'object') stack.push(value);
    }
  }
  return false;
}

/**
 * The packages the command loads from node_modules (ts-morph and the TypeScript it bundles, the PHP parser, Babel's
 * parser for a --session-id), none of which calls import() (test/compile-cache.test.ts reads them to be sure).
 */
export const CACHED_PACKAGES = ['ts-morph', '@ts-morph/common', 'php-parser', '@babel/parser'];

function commandCode(): (filename: string) => boolean {
  const own = bundleFiles();
  const packages = CACHED_PACKAGES.map((p) => `${sep}node_modules${sep}${p.replace('/', sep)}${sep}`);
  return (filename) => own.has(filename) || packages.some((p) => filename.includes(p));
}

/**
 * The command's cache: in the folder NODE_COMPILE_CACHE names, else one of this user's in the temporary folder; none
 * with NODE_DISABLE_COMPILE_CACHE. A parser thread is given the folder its run's main thread uses, to read only.
 */
export function enableCommandCompileCache(env: NodeJS.ProcessEnv, thread?: ThreadCompileCache): CompileCache | undefined {
  const directory = thread?.directory ?? defaultCompileCacheDirectory(env);
  if (directory === undefined) return undefined;
  return enableCompileCache({ directory, include: commandCode(), ...(thread ? { readOnly: true, flags: thread.flags } : {}) });
}
