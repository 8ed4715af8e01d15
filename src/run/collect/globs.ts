// Ignore globs compiled for a directory walk: most are `**/name` or `**/name/**`, tested on the entry's name alone;
// the rest become one regular expression over the path. Same answers as matching each glob, at a fraction of the cost.

import picomatch from 'picomatch';

export interface GlobSet {
  /** A file to leave out. `path` is the path the globs are relative to, `name` its last segment. */
  readonly file: (path: string, name: string) => boolean;
  /** A directory to leave out with everything below it. */
  readonly dir: (path: string, name: string) => boolean;
}

const never = (): boolean => false;
const ANY_DEPTH = /^\*\*\/([^/]+)$/;
const ANY_DEPTH_BELOW = /^\*\*\/([^/]+)\/\*\*$/;

/** One expression that matches what any of the globs matches (`dot`: an ignore applies to hidden names too). */
function anyOf(globs: readonly string[]): (s: string) => boolean {
  if (globs.length === 0) return never;
  const re = new RegExp(globs.map((g) => `(?:${picomatch.makeRe(g, { dot: true }).source})`).join('|'));
  return (s) => re.test(s);
}

/**
 * Directories are pruned, so a file never needs testing against `…/**` globs that name one of its directories:
 * the walk never reaches it. (A directory the user names is not pruned by its own name; see discover.ts.)
 */
export function globSet(globs: readonly string[]): GlobSet {
  const names: string[] = [];
  const dirNames: string[] = [];
  const paths: string[] = [];
  const dirPaths: string[] = [];
  for (const g of globs) {
    const below = ANY_DEPTH_BELOW.exec(g)?.[1];
    const any = ANY_DEPTH.exec(g)?.[1];
    if (below !== undefined) dirNames.push(below);
    else if (any !== undefined) names.push(any);
    else {
      paths.push(g);
      if (g.endsWith('/**')) dirPaths.push(g.slice(0, -3));
    }
  }
  const name = anyOf(names);
  const dirName = anyOf(dirNames);
  const path = anyOf(paths);
  const dirPath = anyOf(dirPaths);
  return {
    file: (p, n) => name(n) || path(p),
    dir: (p, n) => dirName(n) || name(n) || path(p) || dirPath(p),
  };
}
