// Finds the files a run looks at: paths given by the user, extensions, default and user ignores, .gitignore.
// A plain depth-first walk (issue 7): each directory is read once, ignored directories are never entered, and each
// .gitignore is picked up as the walk meets it, so discovery costs about what listing the tree costs.

import { lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { SCRIPT_EXTENSIONS } from '../../engine/dialects.js';
import { TEMPLATE_EXTENSIONS } from '../../engine/hosts/tag-syntax.js';
import { UsageError } from '../../options.js';
import { gitIgnored, gitignoresAbove, readGitignore, type GitignoreLevel } from './gitignores.js';
import type { FileList } from './file-list.js';
import { globSet } from './globs.js';
import { listFilter } from './listed-files.js';
import { isInside, toPosix } from '../paths.js';
import { listsOf, UserIgnores, type IgnoreList, type UnmatchedIgnore } from './user-ignores.js';

export { isInside, toPosix } from '../paths.js';

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
  /** .gitignore rules relative to `cwd` (`--ignore`); they win over `ignoreLists`. */
  readonly ignore: readonly string[];
  /** More rules, each list relative to its own directory (a configuration's `ignore`). */
  readonly ignoreLists?: readonly IgnoreList[];
  readonly gitignore: boolean;
  /** A folder met during the search that cannot be read (its path relative to `cwd`, the error code). */
  readonly onUnreadable?: (dir: string, code: string) => void;
  /** Paths read from a list (--stdin, --files-from): unlike `paths`, filtered as the files a search finds are. */
  readonly list?: FileList;
  /** Once the search is over: the `ignore` patterns that matched no file or folder it met. */
  readonly onUnmatchedIgnores?: (unmatched: readonly UnmatchedIgnore[]) => void;
}

export function normalizeExtensions(list: readonly string[]): string[] {
  const out = list.flatMap((s) => s.split(',')).map((s) => s.trim().replace(/^\./, '')).filter((s) => s !== '');
  for (const e of out) if (!/^[A-Za-z0-9]+$/.test(e)) throw new UsageError(`--extensions: "${e}" is not a file extension`);
  if (out.length === 0) throw new UsageError('--extensions names no extension');
  return [...new Set(out)];
}

/** A directory entry's kind without following symbolic links (links are neither: not followed, as before). */
function kindOf(dirent: Dirent, abs: string): 'file' | 'dir' | 'other' {
  if (dirent.isFile()) return 'file';
  if (dirent.isDirectory()) return 'dir';
  if (dirent.isSymbolicLink() || dirent.isFIFO() || dirent.isSocket() || dirent.isBlockDevice() || dirent.isCharacterDevice()) return 'other';
  // Some file systems do not report the type in the listing.
  const info = statSync(abs, { throwIfNoEntry: false });
  return info?.isFile() ? 'file' : info?.isDirectory() ? 'dir' : 'other';
}

/**
 * A directory's entries in name order, so every run visits a tree in the same order whatever the file system. A
 * folder that may not be read is handed to `onUnreadable` and searched as empty: one locked folder neither ends the
 * run nor passes unnoticed (issue 8). One gone since it was listed holds nothing to scan.
 */
function readDir(abs: string, cwd: string, onUnreadable: DiscoverOptions['onUnreadable']): Dirent[] {
  try {
    return readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') onUnreadable?.(toPosix(relative(cwd, abs)) || '.', code);
    return [];
  }
}

/**
 * Yields paths relative to `cwd` (forward slashes), each once. Files named explicitly are taken as they are, those
 * of a list only where a search would take them; directories are searched with the extension, ignore and .gitignore rules. Default ignores apply below each
 * directory named (so naming a directory inside one still searches it); `--ignore` patterns are .gitignore rules
 * relative to `cwd`, those of `ignoreLists` relative to their own directory.
 * Entries whose name starts with a dot are not searched. The order is fixed: a directory's files by name, then its
 * folders by name, depth first.
 */
export function* discoverFiles(options: DiscoverOptions): Generator<string> {
  const cwd = resolve(options.cwd);
  const named = new Set<string>();
  const roots: string[] = [];
  const extensions = new Set(options.extensions);
  const defaults = globSet(DEFAULT_IGNORES);
  const user = new UserIgnores([...(options.ignoreLists ?? []), ...listsOf(cwd, options.ignore)]);
  for (const p of options.paths) {
    const abs = resolve(cwd, p);
    let info;
    try {
      info = statSync(abs);
    } catch (error) {
      throw new UsageError(pathProblem(p, (error as NodeJS.ErrnoException).code));
    }
    const rel = toPosix(relative(cwd, abs)) || '.';
    if (info.isDirectory()) roots.push(abs);
    else if (!named.has(rel)) {
      named.add(rel);
      yield rel;
    }
  }
  if (options.list) {
    const keep = listFilter({ cwd, extensions, defaults, user, gitignore: options.gitignore });
    for (const p of options.list.paths) {
      const abs = resolve(cwd, p);
      let info;
      try {
        info = lstatSync(abs);
      } catch (error) {
        throw new UsageError(`${pathProblem(p, (error as NodeJS.ErrnoException).code)} (in the list read from ${options.list.source})`);
      }
      const rel = toPosix(relative(cwd, abs)) || '.';
      // Links and special files are what the search passes by: not followed, not read.
      if (info.isDirectory()) roots.push(abs);
      else if (info.isFile() && !named.has(rel) && keep(abs)) {
        named.add(rel);
        yield rel;
      }
    }
  }
  // A directory inside another one named is searched once, as part of the outer one.
  const outer = [...new Set(roots)].filter((r, _, all) => !all.some((o) => o !== r && isInside(o, r)));
  for (const root of outer) {
    const rootRel = toPosix(relative(cwd, root));
    // A directory named inside one the patterns leave out (the rules apply to a path's folders too).
    if (!user.empty && user.ignored(root, true)) continue;
    const stack: Visit[] = [{ abs: root, fromRoot: '', levels: options.gitignore ? gitignoresAbove(root, cwd) : [] }];
    for (let visit = stack.pop(); visit; visit = stack.pop()) {
      const entries = readDir(visit.abs, cwd, options.onUnreadable);
      let levels = visit.levels;
      if (options.gitignore && entries.some((e) => e.name === '.gitignore')) {
        const level = readGitignore(visit.abs);
        if (level) levels = [...levels, level];
      }
      const below: Visit[] = [];
      for (const entry of entries) {
        const name = entry.name;
        if (name.startsWith('.')) continue;
        const abs = visit.abs + sep + name;
        const kind = kindOf(entry, abs);
        if (kind === 'other') continue;
        const fromRoot = visit.fromRoot === '' ? name : `${visit.fromRoot}/${name}`;
        const rel = rootRel === '' ? fromRoot : `${rootRel}/${fromRoot}`;
        if (kind === 'file') {
          const dot = name.lastIndexOf('.');
          if (dot < 0 || !extensions.has(name.slice(dot + 1))) continue;
          // The user's patterns first: a note says which matched nothing, so each sees every path the walk meets.
          if ((!user.empty && user.ignored(abs, false)) || defaults.file(fromRoot, name) || named.has(rel)) continue;
          if (levels.length > 0 && gitIgnored(levels, abs, false)) continue;
          yield rel;
        } else {
          if ((!user.empty && user.ignored(abs, true)) || defaults.dir(fromRoot, name)) continue;
          if (levels.length > 0 && gitIgnored(levels, abs, true)) continue;
          below.push({ abs, fromRoot, levels });
        }
      }
      // A directory's files, then its folders in name order (the stack pops the last pushed first).
      for (let i = below.length - 1; i >= 0; i--) stack.push(below[i] as Visit);
    }
  }
  options.onUnmatchedIgnores?.(user.unmatched());
}

interface Visit {
  readonly abs: string;
  /** Path below the directory the user named, with forward slashes. */
  readonly fromRoot: string;
  readonly levels: readonly GitignoreLevel[];
}

/** One line on why a path given by the user cannot be used. */
function pathProblem(p: string, code: string | undefined): string {
  if (code === 'ELOOP') return `path is a loop of symbolic links: ${p}`;
  if (code === 'EACCES' || code === 'EPERM') return `path cannot be accessed (permission denied): ${p}`;
  if (code === 'ENAMETOOLONG') return `path is too long: ${p}`;
  return `path does not exist: ${p}`;
}

/** The usage error of a run, main command or inventory, that found nothing to scan (issue 8; issue 17 item 10). */
export function noFilesMessage(where: string | readonly string[] | undefined, extensions: readonly string[]): string {
  const shown = typeof where === 'string' ? where : where && where.length > 0 ? where.join(', ') : 'the current directory';
  return `no files to scan in ${shown} (extensions: ${extensions.join(', ')}; ignored folders and .gitignore rules apply)`;
}
