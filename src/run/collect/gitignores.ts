// .gitignore files as the walk meets them (issue 7): the levels that apply to a folder, and git's precedence
// between them; `ignore` holds the rules of each file.

import { readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { gitFolderAbove } from '../git.js';
import { isInside, toPosix } from '../paths.js';

/** The .gitignore files that apply at one level of the walk, nearest last. */
export interface GitignoreLevel {
  readonly base: string;
  readonly rules: Ignore;
}

export function readGitignore(dir: string): GitignoreLevel | undefined {
  try {
    return { base: dir, rules: ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8')) };
  } catch {
    return undefined;
  }
}

/** Git's precedence: the nearest .gitignore with a rule for the path decides (a `!rule` re-includes). */
export function gitIgnored(levels: readonly GitignoreLevel[], abs: string, isDir: boolean): boolean {
  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i] as GitignoreLevel;
    const skip = level.base.endsWith(sep) ? level.base.length : level.base.length + 1;
    const rel = toPosix(abs.slice(skip)) + (isDir ? '/' : '');
    const r = level.rules.test(rel);
    if (r.ignored) return true;
    if (r.unignored) return false;
  }
  return false;
}

/** Where .gitignore files start to apply for `root`: its repository's top, else the cwd when `root` is inside it. */
export function gitignoreTop(root: string, cwd: string, cache?: Map<string, string | undefined>): string {
  return gitFolderAbove(root, cache) ?? (isInside(cwd, root) ? cwd : root);
}

export function gitignoresAbove(root: string, cwd: string): GitignoreLevel[] {
  const chain: string[] = [];
  const top = gitignoreTop(root, cwd);
  for (let dir = dirname(root); isInside(top, dir) && dir !== root; dir = dirname(dir)) {
    chain.unshift(dir);
    if (dir === top) break;
  }
  return chain.map(readGitignore).filter((l): l is GitignoreLevel => l !== undefined);
}
