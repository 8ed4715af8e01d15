// Stable identities for call sites: what a baseline remembers, so that unrelated edits and line shifts keep it (issue 9).

import { createHash } from 'node:crypto';
import type { MethodType } from '../rules/methods.js';
import type { Span } from '../rewrite/span.js';
import type { SiteKind } from './types.js';


const WORD = /[\w$]/;

/**
 * The text of a range with layout removed: whitespace goes unless it separates two word characters (`new X`,
 * `return a`), and a comma before a closing bracket goes too, so re-indenting, re-wrapping or a formatter adding
 * trailing commas keeps the identity while any change of a key, a value or a name changes it.
 */
export function normalizeCode(code: string): string {
  const squeezed = code.replace(/\s+/g, (space: string, at: number, all: string) =>
    WORD.test(all[at - 1] ?? '') && WORD.test(all[at + space.length] ?? '') ? ' ' : '',
  );
  return squeezed.replace(/,(?=[}\])])/g, '');
}

/**
 * A short hash of what a call site is: its kind, its methods, the call's own text and the text of the payload it
 * sends (literals and field assignments, which may be elsewhere in the file), all layout-normalized. Line numbers
 * play no part.
 */
export function siteFingerprint(text: string, kind: SiteKind, methods: readonly MethodType[], call: Span, literals: readonly Span[]): string {
  const hash = createHash('sha256');
  hash.update(`${kind}\0${methods.join(',')}\0${normalizeCode(text.slice(call.start, call.end))}`);
  const seen = new Set<number>();
  for (const lit of [...literals].sort((a, b) => a.start - b.start)) {
    // A part inside the call is already in the call's text.
    if (seen.has(lit.start) || (lit.start >= call.start && lit.end <= call.end)) continue;
    seen.add(lit.start);
    hash.update(`\0${normalizeCode(text.slice(lit.start, lit.end))}`);
  }
  return hash.digest('hex').slice(0, 12);
}

/**
 * Makes identical fingerprints in one file distinct by order of appearance: the first keeps its hash, the next ones
 * get `-2`, `-3`, … (two copies of one legacy call are two sites to fix).
 */
export class OccurrenceCounter {
  private readonly seen = new Map<string, number>();

  next(fingerprint: string): string {
    const n = (this.seen.get(fingerprint) ?? 0) + 1;
    this.seen.set(fingerprint, n);
    return n === 1 ? fingerprint : `${fingerprint}-${n}`;
  }
}
