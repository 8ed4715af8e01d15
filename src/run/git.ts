// Git facts for the run: the work tree root and which of the files to be written have uncommitted changes.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Git work-tree roots of directories. Git is asked once per nearest folder holding a `.git` entry (a repository, a
 * worktree or a submodule), not once per directory; a directory with no `.git` above it is in no repository, and
 * git is not started for it at all (issue 7: thousands of files in a large tree), unless GIT_DIR points elsewhere.
 */
export class GitRoots {
  private readonly byMarker = new Map<string, Promise<string | undefined>>();
  private readonly byDir = new Map<string, string | undefined>();

  of(dir: string): Promise<string | undefined> {
    if (process.env.GIT_DIR !== undefined) return this.ask(dir);
    const marker = this.markerOf(dir);
    return marker === undefined ? Promise.resolve(undefined) : this.ask(marker);
  }

  private ask(dir: string): Promise<string | undefined> {
    let root = this.byMarker.get(dir);
    if (!root) {
      root = gitRoot(dir);
      this.byMarker.set(dir, root);
    }
    return root;
  }

  private markerOf(dir: string): string | undefined {
    return gitFolderAbove(dir, this.byDir);
  }
}

/**
 * The nearest folder at or above `dir` that holds a `.git` entry (a repository, a worktree or a submodule), without
 * starting git. `cache` keeps the answer for every folder passed on the way, for callers asking about many folders.
 */
export function gitFolderAbove(dir: string, cache?: Map<string, string | undefined>): string | undefined {
  if (cache?.has(dir)) return cache.get(dir);
  const parent = dirname(dir);
  const found = existsSync(join(dir, '.git')) ? dir : parent === dir ? undefined : gitFolderAbove(parent, cache);
  cache?.set(dir, found);
  return found;
}

export async function gitRoot(cwd: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['rev-parse', '--show-toplevel'], { cwd });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Paths per `git status` call: a whole repository's worth would exceed the system's argument-size limit. */
const BATCH = 500;

/**
 * Of `files` (absolute paths), those git reports as modified, staged, or untracked. Paths are literal pathspecs, so
 * a Next.js route such as `app/[id]/page.js` names that file and not `app/i/page.js` (issue 8).
 */
export async function dirtyFiles(root: string, files: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < files.length; i += BATCH) {
    const batch = files.slice(i, i + BATCH);
    const { stdout } = await run('git', ['--literal-pathspecs', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...batch], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    });
    const entries = stdout.split('\0');
    for (let j = 0; j < entries.length; j++) {
      const e = entries[j] as string;
      if (e.length < 4) continue;
      out.push(e.slice(3));
      if (e[0] === 'R' || e[0] === 'C') j++;
    }
  }
  return out;
}
