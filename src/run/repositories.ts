// Which git repository each changed file answers to: the one around it, not the one around the working directory.
// The dirty-tree guard asks each repository about its own files, and patches, annotations and SARIF name a file from
// its repository's root.

import { dirname } from 'node:path';
import type { Scanned } from './collect/file-scanner.js';
import { GitRoots } from './git.js';
import { fromRepositoryRoot } from './paths.js';

export class Repositories {
  private readonly roots = new GitRoots();
  private readonly rootOf = new Map<Scanned, string | undefined>();

  private constructor(private readonly cwd: string) {}

  /** Git is asked once per folder of a changed file, and not at all for files in none. */
  static async of(changed: readonly Scanned[], cwd: string): Promise<Repositories> {
    const repos = new Repositories(cwd);
    for (const p of changed) repos.rootOf.set(p, await repos.roots.of(dirname(p.abs)));
    return repos;
  }

  /** The repository root of a changed file; undefined outside a repository. */
  root(p: Scanned): string | undefined {
    return this.rootOf.get(p);
  }

  /** The changed files of each repository, by its root. */
  byRoot(changed: readonly Scanned[]): Map<string, Scanned[]> {
    const out = new Map<string, Scanned[]>();
    for (const p of changed) {
      const root = this.rootOf.get(p);
      if (root !== undefined) out.set(root, [...(out.get(root) ?? []), p]);
    }
    return out;
  }

  /** The path a patch shows for a changed file: from its repository's root (from the working directory outside one). */
  patchPath(p: Scanned): string {
    return fromRepositoryRoot(this.rootOf.get(p), this.cwd, p.abs);
  }

  /** The same for any file of the run, asking git for those that did not change. */
  async repoPath(p: Scanned): Promise<string> {
    const root = this.rootOf.has(p) ? this.rootOf.get(p) : await this.roots.of(dirname(p.abs));
    return fromRepositoryRoot(root, this.cwd, p.abs);
  }
}
