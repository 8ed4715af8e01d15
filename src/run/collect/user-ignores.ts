// --ignore patterns and a configuration's "ignore" list (issue 17): .gitignore rules, kept by the `ignore` package as
// for .gitignore files, each list relative to its own directory; and which patterns matched nothing, for the notes.

import { isAbsolute, relative } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { toPosix } from '../paths.js';

/** Patterns and the directory they are relative to; `source` names them in a note (`--ignore`, a configuration's key). */
export interface IgnoreList {
  readonly base: string;
  readonly patterns: readonly string[];
  readonly source: string;
}

/** A pattern that matched no path the run looked at. */
export interface UnmatchedIgnore {
  readonly source: string;
  readonly pattern: string;
}

interface Pattern {
  readonly text: string;
  /** The pattern alone, as a positive rule: does it match a path, whatever the other patterns say? */
  readonly alone: Ignore;
  matched: boolean;
}

interface Compiled {
  readonly base: string;
  readonly source: string;
  readonly rules: Ignore;
  readonly patterns: readonly Pattern[];
}

/**
 * `{a,b}` alternatives expanded into one rule each, as globs had them before (`**\/*.{test,spec}.*`); .gitignore has no
 * braces. A backslash escapes the next character; `{x}` without a comma stays as it is.
 */
export function expandBraces(pattern: string): string[] {
  let depth = 0;
  let open = -1;
  let commas: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '{') {
      if (depth++ === 0) {
        open = i;
        commas = [];
      }
    } else if (c === ',' && depth === 1) commas.push(i);
    else if (c === '}' && depth > 0 && --depth === 0 && commas.length > 0) {
      const cuts = [open, ...commas, i];
      const head = pattern.slice(0, open);
      const tail = pattern.slice(i + 1);
      return cuts.slice(1).flatMap((end, k) => expandBraces(`${head}${pattern.slice((cuts[k] as number) + 1, end)}${tail}`));
    }
  }
  return [pattern];
}

function compile(list: IgnoreList): Compiled {
  const patterns = list.patterns.map((text) => ({
    text,
    alone: ignore().add(expandBraces(text).map((p) => p.replace(/^!/, ''))),
    matched: false,
  }));
  return { base: list.base, source: list.source, rules: ignore().add(list.patterns.flatMap(expandBraces)), patterns };
}

/** Patterns given as plain strings (`--ignore`) are relative to `cwd`: a leading `/` anchors one there, as in git. */
export function listsOf(cwd: string, patterns: readonly string[], source = '--ignore'): IgnoreList[] {
  return patterns.length > 0 ? [{ base: cwd, patterns, source }] : [];
}

export class UserIgnores {
  private readonly lists: readonly Compiled[];

  /** Later lists win over earlier ones where both have a rule for a path (`!keep.js` given as a flag re-includes). */
  constructor(lists: readonly IgnoreList[]) {
    this.lists = lists.filter((l) => l.patterns.length > 0).map(compile);
  }

  get empty(): boolean {
    return this.lists.length === 0;
  }

  /**
   * Whether a path (absolute) is left out: the last list with a rule for it decides. A path outside a list's
   * directory is not its business. The `ignore` package also applies the rules to the path's folders.
   */
  ignored(abs: string, isDir: boolean): boolean {
    let verdict: boolean | undefined;
    for (let i = this.lists.length - 1; i >= 0; i--) {
      const list = this.lists[i] as Compiled;
      const rel = relative(list.base, abs);
      if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) continue;
      const path = toPosix(rel) + (isDir ? '/' : '');
      const r = list.rules.test(path);
      if (!r.ignored && !r.unignored) continue;
      verdict ??= r.ignored;
      // Only a path some rule matched is worth asking each pattern about.
      for (const p of list.patterns) if (!p.matched && p.alone.ignores(path)) p.matched = true;
    }
    return verdict ?? false;
  }

  /** The patterns that matched no path looked at so far, in the order given. */
  unmatched(): UnmatchedIgnore[] {
    return this.lists.flatMap((l) => l.patterns.filter((p) => !p.matched).map((p) => ({ source: l.source, pattern: p.text })));
  }
}
