// Git scopes: restrict a run to the staged files (pre-commit) or to the files changed since a ref (pull requests).

import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { UsageError } from '../options.js';
import { gitRoot } from '../run/git.js';
import { toPosix } from '../run/paths.js';

const run = promisify(execFile);

/** git's empty tree: what "changed" is measured against in a repository with no commit yet. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export interface GitScope {
  /** Only files staged for the next commit (added, copied, modified or renamed). */
  readonly staged?: boolean;
  /** Only files changed in the work tree, staged or untracked… */
  readonly changed?: boolean;
  /** …since the merge base of this ref and HEAD (default: HEAD itself). */
  readonly since?: string;
}

export function hasScope(scope: GitScope): boolean {
  return !!scope.staged || !!scope.changed || scope.since !== undefined;
}

export async function git(root: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run('git', [...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

const names = (out: string): string[] => out.split('\0').filter((s) => s !== '');

/** The files of a scope, in the repository at `root`. */
export interface ScopeFiles {
  readonly root: string;
  /** Path relative to `cwd` (forward slashes, the form discovery yields) → path relative to `root`, as git names it. */
  readonly paths: ReadonlyMap<string, string>;
}

/** The files of the scope. Deleted files are left out: there is nothing to check in them. */
export async function scopeFiles(cwd: string, scope: GitScope): Promise<ScopeFiles> {
  const flag = scope.staged ? '--staged' : scope.since !== undefined ? `--since ${scope.since}` : '--changed';
  if (scope.staged && (scope.changed || scope.since !== undefined)) throw new UsageError('--staged and --changed/--since cannot be used together');
  const root = await gitRoot(cwd);
  if (!root) throw new UsageError(`${flag} needs a git repository, and ${cwd} is not inside one`);
  let files: string[];
  if (scope.staged) {
    files = names(await git(root, ['diff', '--cached', '--name-only', '-z', '--no-renames', '--diff-filter=ACMR']));
  } else {
    const base = scope.since !== undefined ? await mergeBase(root, scope.since) : await head(root);
    const tracked = names(await git(root, ['diff', '--name-only', '-z', '--no-renames', '--diff-filter=ACMR', base]));
    const untracked = names(await git(root, ['ls-files', '--others', '--exclude-standard', '-z', '--full-name']));
    files = [...tracked, ...untracked];
  }
  const here = realpathSync(cwd);
  return { root, paths: new Map(files.map((f) => [toPosix(relative(here, resolve(root, f))), f])) };
}

async function head(root: string): Promise<string> {
  try {
    return (await git(root, ['rev-parse', '--verify', '-q', 'HEAD'])).trim();
  } catch {
    return EMPTY_TREE;
  }
}

async function mergeBase(root: string, ref: string): Promise<string> {
  if (ref.trim() === '' || ref.startsWith('-')) throw new UsageError(`--since "${ref}" is not a git revision`);
  try {
    await git(root, ['rev-parse', '--verify', '-q', `${ref}^{commit}`]);
  } catch {
    throw new UsageError(`--since ${ref}: no such commit, branch or tag in this repository`);
  }
  try {
    return (await git(root, ['merge-base', ref, 'HEAD'])).trim();
  } catch {
    throw new UsageError(`--since ${ref}: it shares no history with HEAD`);
  }
}

/** Discovery narrowed to a scope; every path let through is also noted in `scanned` (for the baseline). */
export function* narrow(files: Iterable<string>, only: ReadonlySet<string> | undefined, scanned: Set<string>): Generator<string> {
  for (const path of files) {
    if (only && !only.has(path)) continue;
    scanned.add(path);
    yield path;
  }
}
