// Files named in a list (--stdin, --files-from; issue 17) are left out by the rules a directory search follows, as
// ESLint and Prettier apply their ignore files to the files they are given: a list is most often every tracked file
// (`git ls-files`), and scanning it must find what `dr-migrate .` finds among them. Folder verdicts are kept, so a
// list of many files costs one test per folder and one per file.

import { dirname, sep } from 'node:path';
import { gitIgnored, gitignoreTop, readGitignore, type GitignoreLevel } from './gitignores.js';
import type { GlobSet } from './globs.js';
import { isInside, toPosix } from '../paths.js';
import type { UserIgnores } from './user-ignores.js';

export interface ListRules {
  readonly cwd: string;
  readonly extensions: ReadonlySet<string>;
  readonly defaults: GlobSet;
  readonly user: UserIgnores;
  readonly gitignore: boolean;
}

/** Whether a listed file (absolute, a regular file) is one a directory search would find. */
export function listFilter(rules: ListRules): (abs: string) => boolean {
  const levels = new Map<string, readonly GitignoreLevel[]>();
  const excluded = new Map<string, boolean>();
  const gitFolders = new Map<string, string | undefined>();

  /** The .gitignore files that apply to the entries of `dir`, nearest last. */
  const levelsOf = (dir: string): readonly GitignoreLevel[] => {
    let found = levels.get(dir);
    if (found) return found;
    const top = gitignoreTop(dir, rules.cwd, gitFolders);
    const above = dir === top || dirname(dir) === dir || !isInside(top, dir) ? [] : levelsOf(dirname(dir));
    const own = readGitignore(dir);
    found = own ? [...above, own] : above;
    levels.set(dir, found);
    return found;
  };

  /**
   * A folder the search would not enter: hidden, a default ignore, a pattern's, or .gitignore's. Folders are tested
   * from the working directory down (from the folder both share, for a path outside it), as the search meets them.
   */
  const folderExcluded = (dir: string): boolean => {
    if (isInside(dir, rules.cwd)) return false;
    const known = excluded.get(dir);
    if (known !== undefined) return known;
    const name = dir.slice(dir.lastIndexOf(sep) + 1);
    const verdict =
      folderExcluded(dirname(dir)) ||
      name.startsWith('.') ||
      rules.defaults.dir(name, name) ||
      (!rules.user.empty && rules.user.ignored(dir, true)) ||
      (rules.gitignore && gitIgnored(levelsOf(dirname(dir)), dir, true));
    excluded.set(dir, verdict);
    return verdict;
  };

  return (abs) => {
    const name = abs.slice(abs.lastIndexOf(sep) + 1);
    const dot = name.lastIndexOf('.');
    if (name.startsWith('.') || dot < 0 || !rules.extensions.has(name.slice(dot + 1))) return false;
    if (folderExcluded(dirname(abs))) return false;
    if (!rules.user.empty && rules.user.ignored(abs, false)) return false;
    if (rules.defaults.file(toPosix(name), name)) return false;
    return !(rules.gitignore && gitIgnored(levelsOf(dirname(abs)), abs, false));
  };
}
