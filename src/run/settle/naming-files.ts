// The type-aware step in a large tree (issue 7): which other files the checker is shown for deferred payloads read
// from globals that scripts share, found by name in the files' bytes instead of handing it the whole tree.

import { notice } from '../../rules/notices.js';
import { readFileSync } from 'node:fs';
import { hasWholeWord } from '../../engine/prefilter.js';
import type { ModuleFile } from './cross-module.js';

/** Above this many files found, the checker sees only the files that can matter to a deferred site. */
export const WHOLE_TREE_LIMIT = 2000;

/** At most this many other files are shown to the checker for the names deferred payloads are read from. */
export const NAMING_FILES_LIMIT = 500;

const GLOBAL_OBJECTS = new Set(['window', 'globalThis', 'self']);

/** A declaration, parameter or import of `name` in `text` (erring towards yes: then it is not searched for). */
function declares(text: string, name: string): boolean {
  const n = name.replace(/\$/g, '\\$');
  return new RegExp(`(?:\\b(?:var|let|const|function|class)\\s+${n}(?![\\w$])|[(,]\\s*${n}\\s*[,)=]|\\bimport\\b[^;]*(?<![\\w$])${n}(?![\\w$]))`).test(text);
}

/** Names that say nothing of where a value comes from. */
const NOT_A_NAME = new Set(['window', 'globalThis', 'self', 'this', 'document', 'await', 'new', 'typeof', 'void', 'null', 'undefined', 'true', 'false']);

/**
 * The files (besides those involved) that name, as a whole word, the first name of an expression a deferred payload
 * is read from (`window.pendingPayload` → `pendingPayload`, `buildPayload(cart)` → `buildPayload`): where a global
 * shared between scripts is set. Read from disk again, which only a large tree with deferred sites pays for.
 */
export function namingFiles(files: readonly ModuleFile[], discovered: readonly string[], notices: string[]): string[] {
  const names = new Set<string>();
  for (const f of files) {
    for (const d of f.outcome.decisions ?? []) {
      if (d.deferred?.kind !== 'payload') continue;
      const words = f.text.slice(d.deferred.expression.start, d.deferred.expression.end).match(/[A-Za-z_$][\w$]*/g) ?? [];
      const first = words.find((w) => !NOT_A_NAME.has(w));
      // `window.x` is a global whatever the file declares; a bare name only when the file does not declare it (a
      // local, a parameter or an import is traced from the file itself, not searched for elsewhere).
      const global = GLOBAL_OBJECTS.has(words[0] as string) || (first !== undefined && !declares(f.text, first));
      if (first !== undefined && global) names.add(first);
    }
  }
  if (names.size === 0) return [];
  const involved = new Set(files.map((f) => f.abs));
  const words = [...names].map((n) => Buffer.from(n));
  const out: string[] = [];
  for (const file of discovered) {
    if (involved.has(file)) continue;
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      continue;
    }
    if (!words.some((w) => hasWholeWord(bytes, w))) continue;
    if (out.length === NAMING_FILES_LIMIT) {
      notices.push(notice('naming-files-limited', { limit: String(NAMING_FILES_LIMIT), names: [...names].join(', ') }));
      break;
    }
    out.push(file);
  }
  return out;
}
