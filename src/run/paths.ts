// Paths as reports and patches show them: forward slashes, from the repository root, and whether one lies inside another.

import { isAbsolute, relative, sep } from 'node:path';

export function toPosix(p: string): string {
  return sep === '/' ? p : p.split('\\').join('/');
}

export function isInside(root: string, p: string): boolean {
  const r = relative(root, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

/**
 * A file's path as the dry-run patch and the CI formats (github, sarif) show it: from the root of the git repository
 * holding it (`root`, from GitRoots), or from the working directory outside one (issue 17).
 */
export function fromRepositoryRoot(root: string | undefined, cwd: string, abs: string): string {
  return toPosix(relative(root ?? cwd, abs));
}

/** A path as people read it in messages: relative to the working directory (absolute only across drives). */
export function shownPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel === '' || isAbsolute(rel) ? abs : rel.split('\\').join('/');
}
