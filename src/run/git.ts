// Git facts for the run: the work tree root and which of the files to be written have uncommitted changes.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Git work-tree roots of directories, asked once per directory. */
export class GitRoots {
  private readonly cache = new Map<string, Promise<string | undefined>>();

  of(dir: string): Promise<string | undefined> {
    let root = this.cache.get(dir);
    if (!root) {
      root = gitRoot(dir);
      this.cache.set(dir, root);
    }
    return root;
  }
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
