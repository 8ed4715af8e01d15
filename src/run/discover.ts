// Finds the files a run looks at: paths given by the user, extensions, default and user ignores, .gitignore.

import * as fs from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { convertPathToPattern, globbyStream } from 'globby';
import { SCRIPT_EXTENSIONS } from '../engine/parse.js';
import { TEMPLATE_EXTENSIONS } from '../hosts/tag-syntax.js';
import { UsageError } from '../options.js';

/** Never worth scanning: dependencies, build output, minified bundles, vendored DigitalRiver.js (issue 3). */
export const DEFAULT_IGNORES = [
  '**/node_modules/**',
  '**/.git/**',
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/.next/**',
  '**/.nuxt/**',
  '**/coverage/**',
  '**/bower_components/**',
  '**/vendor/**',
  '**/*.min.js',
  '**/*.min.mjs',
  '**/*-min.js',
  '**/*.bundle.js',
  '**/[Dd]igital[Rr]iver.js',
  '**/[Dd]igital[Rr]iver.min.js',
  '**/.dr-migrate/**',
];

/** Script files, then the template files whose inline `<script>` blocks are migrated (issue 4). */
export const DEFAULT_EXTENSIONS = [...SCRIPT_EXTENSIONS.filter((e) => e !== '.es6').map((e) => e.slice(1)), ...TEMPLATE_EXTENSIONS];

export interface DiscoverOptions {
  readonly cwd: string;
  readonly paths: readonly string[];
  readonly extensions: readonly string[];
  readonly ignore: readonly string[];
  readonly gitignore: boolean;
  /** A folder met during the search that cannot be read (its path relative to `cwd`, the error code). */
  readonly onUnreadable?: (dir: string, code: string) => void;
}

export function normalizeExtensions(list: readonly string[]): string[] {
  const out = list.flatMap((s) => s.split(',')).map((s) => s.trim().replace(/^\./, '')).filter((s) => s !== '');
  for (const e of out) if (!/^[A-Za-z0-9]+$/.test(e)) throw new UsageError(`--extensions: "${e}" is not a file extension`);
  if (out.length === 0) throw new UsageError('--extensions names no extension');
  return [...new Set(out)];
}

/**
 * Yields paths relative to `cwd` (forward slashes), each once. Files named explicitly are taken as they are;
 * directories are searched with the extension, ignore and .gitignore rules.
 */
export async function* discoverFiles(options: DiscoverOptions): AsyncGenerator<string> {
  const seen = new Set<string>();
  const dirs: string[] = [];
  for (const p of options.paths) {
    const abs = resolve(options.cwd, p);
    const info = await stat(abs).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(pathProblem(p, error.code));
    });
    const rel = toPosix(relative(options.cwd, abs)) || '.';
    if (info.isDirectory()) dirs.push(rel);
    else if (!seen.has(rel)) {
      seen.add(rel);
      yield rel;
    }
  }
  if (dirs.length === 0) return;
  const exts = options.extensions.length === 1 ? options.extensions[0] : `{${options.extensions.join(',')}}`;
  const patterns = dirs.map((d) => (d === '.' ? `**/*.${exts}` : `${convertPathToPattern(d)}/**/*.${exts}`));
  const stream = globbyStream(patterns, {
    cwd: options.cwd,
    ignore: [...DEFAULT_IGNORES, ...options.ignore],
    gitignore: options.gitignore,
    onlyFiles: true,
    followSymbolicLinks: false,
    dot: false,
    fs: tolerantFs(options),
  });
  for await (const entry of stream) {
    const rel = toPosix(String(entry));
    if (seen.has(rel)) continue;
    seen.add(rel);
    yield rel;
  }
}

/**
 * The file system the search uses, except that a folder it may not read is handed to `onUnreadable` and searched
 * as empty: one locked folder neither ends the run nor passes unnoticed (issue 8).
 */
function tolerantFs(options: DiscoverOptions): Partial<typeof fs> {
  // The .gitignore search walks the same folders: each one is reported once.
  const reported = new Set<string>();
  const readdir = (path: fs.PathLike, opts: object, callback: (error: NodeJS.ErrnoException | null, entries: unknown[]) => void): void => {
    fs.readdir(path, opts as { withFileTypes: true }, (error, entries) => {
      if (error && (error.code === 'EACCES' || error.code === 'EPERM')) {
        const dir = toPosix(relative(options.cwd, resolve(options.cwd, String(path)))) || '.';
        if (!reported.has(dir)) options.onUnreadable?.(dir, error.code);
        reported.add(dir);
        callback(null, []);
      } else callback(error, entries);
    });
  };
  return { readdir: readdir as unknown as typeof fs.readdir };
}

/** One line on why a path given by the user cannot be used. */
function pathProblem(p: string, code: string | undefined): string {
  if (code === 'ELOOP') return `path is a loop of symbolic links: ${p}`;
  if (code === 'EACCES' || code === 'EPERM') return `path cannot be accessed (permission denied): ${p}`;
  if (code === 'ENAMETOOLONG') return `path is too long: ${p}`;
  return `path does not exist: ${p}`;
}

export function toPosix(p: string): string {
  return p.split('\\').join('/');
}

export function isInside(root: string, p: string): boolean {
  const r = relative(root, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}
