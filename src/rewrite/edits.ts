// Minimal range edits on the original text: drop properties and statements, insert one property, apply edits.
// Every byte outside these ranges is left as it was (issue 2 point 6; codemod-conventions "edits as splices").

import { EditConflictError } from '../errors.js';
import type { Edit, Span } from './span.js';
import {
  afterLineEnd,
  blankBefore,
  blankRange,
  eolAt,
  findComma,
  indentOf,
  isBlank,
  lineStart,
  onSameLine,
  restOfLineIsTrivia,
  skipBlanksBack,
  skipSpaces,
} from './text.js';

export interface ObjectShape {
  readonly start: number;
  readonly end: number;
  readonly properties: readonly Span[];
}

export interface Insertion {
  /** Index of the property the new one follows; -1 puts it first. */
  readonly after: number;
  /** The whole property text, e.g. `"sessionId": sessionId`. */
  readonly property: string;
}

// Re-exported from errors.ts, where every error class lives (issue 16).
export { EditConflictError };

/** Rewrite an object literal's property list: remove `remove` (indices) and optionally insert one property. */
export function rewriteObject(text: string, obj: ObjectShape, remove: ReadonlySet<number>, insert?: Insertion): Edit[] {
  const props = obj.properties;
  const n = props.length;
  const close = obj.end - 1;
  const commas = props.map((p, i) => findComma(text, p.end, i + 1 < n ? (props[i + 1] as Span).start : close));
  const trailing = n > 0 && (commas[n - 1] as number) >= 0;
  const unitEnd = (i: number): number => {
    const c = commas[i] as number;
    return c >= 0 ? c + 1 : (props[i] as Span).end;
  };
  const wholeLines = (i: number): boolean => {
    const p = props[i] as Span;
    return blankBefore(text, p.start) && restOfLineIsTrivia(text, unitEnd(i));
  };
  const deleteLines = (i: number): Edit => ({
    start: lineStart(text, (props[i] as Span).start),
    end: afterLineEnd(text, unitEnd(i)),
    text: '',
  });
  const deleteInline = (i: number): Edit => {
    const p = props[i] as Span;
    // Last code on its line (after a comment, say): take the blanks before it rather than leave them at the end.
    if (restOfLineIsTrivia(text, unitEnd(i))) return { start: skipBlanksBack(text, p.start), end: unitEnd(i), text: '' };
    // The spaces after it go too, except after the last property of an object emptied of every property: there the
    // space before the brace is kept for the property inserted in their place (`{ sessionId: … }`).
    const emptied = (commas[i] as number) < 0 && lastKept < 0;
    // Last before a bracket that hugs it (`[$a, $b]`): the blanks before it go, so the bracket still hugs (`[$a]`).
    if (!emptied && i > lastKept && unitEnd(i) === close) return { start: skipBlanksBack(text, p.start), end: unitEnd(i), text: '' };
    return { start: p.start, end: emptied ? unitEnd(i) : skipSpaces(text, unitEnd(i)), text: '' };
  };

  const kept = props.map((_, i) => i).filter((i) => !remove.has(i));
  const lastKept = kept.length > 0 ? (kept[kept.length - 1] as number) : -1;
  const edits: Edit[] = [];

  for (const i of [...remove].sort((a, b) => a - b)) {
    if (i < lastKept) edits.push(wholeLines(i) ? deleteLines(i) : deleteInline(i));
  }

  // The removed tail: the kept property that becomes last must end as the original last one did (comma or not).
  // Each tail property goes on its own, so comments between them stay (issue 8, found by the property tests).
  const tail = props.map((_, i) => i).filter((i) => i > lastKept);
  for (const i of tail) edits.push(wholeLines(i) ? deleteLines(i) : deleteInline(i));
  let dropLastKeptComma = tail.length > 0 && lastKept >= 0 && !trailing;

  if (insert) {
    const becomesLast = insert.after === lastKept && tail.length > 0 && !trailing && lastKept >= 0;
    if (becomesLast) {
      const anchor = props[lastKept] as Span;
      if (restOfLineIsTrivia(text, unitEnd(lastKept))) {
        // The anchor keeps its comma and the new property takes the last place on a line of its own, without one.
        dropLastKeptComma = false;
        const at = afterLineEnd(text, unitEnd(lastKept));
        edits.push({ start: at, end: at, text: `${indentFor(text, props, lastKept)}${insert.property}${eolAt(text, anchor.start)}` });
      } else {
        // Same line: `anchor, sessionId` where the anchor's own comma is dropped.
        edits.push({ start: anchor.end, end: anchor.end, text: `, ${insert.property}` });
      }
    } else {
      const lastAfterEdit = kept.length === 0 && !trailing;
      edits.push(...insertion(text, obj, commas, insert, lastAfterEdit));
    }
  }
  if (dropLastKeptComma) {
    const c = commas[lastKept] as number;
    edits.push({ start: c, end: c + 1, text: '' });
  }
  // Declared edits are disjoint: deletions that the blank-line rule made overlap are merged here.
  return normalizeEdits(blankAwareRuns(text, obj, collapseEmptiedLines(text, edits)));
}

/** Whole-line deletions that touch each other form one run; each run then gets the blank-line rule. */
function blankAwareRuns(text: string, obj: ObjectShape, edits: Edit[]): Edit[] {
  const isLines = (e: Edit): boolean =>
    e.text === '' && e.end > e.start && e.start === lineStart(text, e.start) && /[\r\n]/.test(text[e.end - 1] ?? '');
  const runs: Edit[] = [];
  const others: Edit[] = [];
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (!isLines(e)) {
      others.push(e);
      continue;
    }
    const last = runs[runs.length - 1];
    if (last && last.end === e.start) runs[runs.length - 1] = { start: last.start, end: e.end, text: '' };
    else runs.push(e);
  }
  return [...others, ...runs.map((r) => blankAware(text, obj, r.start, r.end))];
}

/** The line before the one starting at `start`, as [its start, `start`), or undefined at the top of the text. */
function previousLine(text: string, start: number): Span | undefined {
  if (start === 0) return undefined;
  let end = start;
  if (text[end - 1] === '\n') end--;
  if (text[end - 1] === '\r') end--;
  return { start: lineStart(text, end), end: start };
}

/**
 * Deleting whole lines [start, end) must not leave two blank lines in a row, nor a blank line just inside a brace
 * (issue 2 point 6: "no blank line is left where a property was removed"): the blank line the removal orphans goes.
 */
function blankAware(text: string, obj: ObjectShape, start: number, end: number): Edit {
  const before = previousLine(text, start);
  const after = end < text.length ? { start: end, end: afterLineEnd(text, end) } : undefined;
  const blank = (l: Span | undefined): boolean => l !== undefined && isBlank(text.slice(l.start, l.end).replace(/[\r\n]+$/, ''));
  const beforeIsOpening = before !== undefined && before.start <= obj.start;
  const afterIsClosing = after !== undefined && after.end >= obj.end - 1 && isBlank(text.slice(after.start, obj.end - 1));
  if (blank(after) && (blank(before) || beforeIsOpening)) return { start, end: (after as Span).end, text: '' };
  if (blank(before) && afterIsClosing) return { start: (before as Span).start, end, text: '' };
  return { start, end, text: '' };
}

function indentFor(text: string, props: readonly Span[], i: number): string {
  const p = props[i] as Span;
  if (blankBefore(text, p.start)) return indentOf(text, p.start);
  const next = props[i + 1];
  return next ? indentOf(text, next.start) : indentOf(text, p.start);
}

function insertion(text: string, obj: ObjectShape, commas: readonly number[], insert: Insertion, noComma: boolean): Edit[] {
  const props = obj.properties;
  const n = props.length;
  const prop = insert.property;
  if (n === 0) {
    const inner = text.slice(obj.start + 1, obj.end - 1);
    if (isBlank(inner)) return [{ start: obj.start + 1, end: obj.end - 1, text: ` ${prop} ` }];
    return [{ start: obj.start + 1, end: obj.start + 1, text: ` ${prop}` }];
  }
  if (insert.after < 0) {
    const first = props[0] as Span;
    if (onSameLine(text, obj.start, first.start)) return [{ start: first.start, end: first.start, text: noComma ? prop : `${prop}, ` }];
    const at = lineStart(text, first.start);
    return [{ start: at, end: at, text: `${indentOf(text, first.start)}${prop}${noComma ? '' : ','}${eolAt(text, first.start)}` }];
  }
  const a = insert.after;
  const anchor = props[a] as Span;
  const comma = commas[a] as number;
  const next = props[a + 1];
  const eol = eolAt(text, anchor.start);
  if (next) {
    if (onSameLine(text, anchor.end, next.start)) {
      const sep = text.slice(anchor.end, next.start);
      return [{ start: anchor.end, end: anchor.end, text: `${/^\s*,[ \t]*$/.test(sep) ? sep : ', '}${prop}` }];
    }
    const at = afterLineEnd(text, comma + 1);
    return [{ start: at, end: at, text: `${indentFor(text, props, a)}${prop},${eol}` }];
  }
  const close = obj.end - 1;
  if (comma >= 0) {
    if (onSameLine(text, anchor.end, close)) return [{ start: comma + 1, end: comma + 1, text: ` ${prop},` }];
    const at = afterLineEnd(text, comma + 1);
    return [{ start: at, end: at, text: `${indentFor(text, props, a)}${prop},${eol}` }];
  }
  if (onSameLine(text, anchor.end, close)) return [{ start: anchor.end, end: anchor.end, text: `, ${prop}` }];
  // A comment after the anchor stays on the anchor's line: the comma goes right after it, the property on a new line.
  const lineEnd = afterLineEnd(text, anchor.end);
  const eolLen = text.slice(lineEnd - 2, lineEnd) === '\r\n' ? 2 : /[\r\n]/.test(text[lineEnd - 1] ?? '') ? 1 : 0;
  const at = lineEnd - eolLen;
  return [
    { start: anchor.end, end: anchor.end, text: ',' },
    { start: at, end: at, text: `${eol}${indentFor(text, props, a)}${prop}` },
  ];
}

/** Remove a statement that stands alone in a statement list: its whole lines when nothing else shares them. */
export function removeStatement(text: string, stmt: Span): Edit {
  if (blankBefore(text, stmt.start) && restOfLineIsTrivia(text, stmt.end)) {
    return { start: lineStart(text, stmt.start), end: afterLineEnd(text, stmt.end), text: '' };
  }
  return { start: stmt.start, end: skipSpaces(text, stmt.end), text: '' };
}

/**
 * Deletions that leave a line holding nothing but white space take the whole line with them, so that no blank line
 * is left where properties were (issue 2 point 6).
 */
function collapseEmptiedLines(text: string, edits: Edit[]): Edit[] {
  const byLine = new Map<number, Edit[]>();
  for (const e of edits) {
    const ls = lineStart(text, e.start);
    const list = byLine.get(ls) ?? [];
    list.push(e);
    byLine.set(ls, list);
  }
  const out: Edit[] = [];
  for (const [ls, list] of byLine) {
    const le = afterLineEnd(text, ls);
    const contentEnd = le - (text.slice(le - 2, le) === '\r\n' ? 2 : /[\r\n]/.test(text[le - 1] ?? '') ? 1 : 0);
    const withinLine = list.every((e) => e.text === '' && e.end <= contentEnd);
    if (withinLine && list.length > 0) {
      if (blankOutside(text, ls, contentEnd, list) && !blankRange(text, ls, contentEnd)) {
        out.push({ start: ls, end: le, text: '' });
        continue;
      }
    }
    out.push(...list);
  }
  return out;
}

/** True when text[from, to) is blank once the deletions in `cuts` are taken out; stops at the first other character. */
function blankOutside(text: string, from: number, to: number, cuts: readonly Edit[]): boolean {
  let pos = from;
  for (const cut of [...cuts].sort((a, b) => a.start - b.start)) {
    if (cut.start > pos && !blankRange(text, pos, cut.start)) return false;
    pos = Math.max(pos, cut.end);
  }
  return pos >= to || blankRange(text, pos, to);
}

/** Sort edits and check that none overlap; insertions at a deletion's start go before it. */
export function normalizeEdits(edits: readonly Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start));
  const out: Edit[] = [];
  for (const e of sorted) {
    const prev = out[out.length - 1];
    if (prev && e.start === prev.start && e.end === prev.end && e.text === prev.text) continue;
    if (prev && e.start < prev.end) {
      // Two deletions that overlap delete their union; anything else overlapping is a conflict.
      if (e.text === '' && prev.text === '' && prev.end > prev.start) {
        out[out.length - 1] = { start: prev.start, end: Math.max(prev.end, e.end), text: '' };
        continue;
      }
      throw new EditConflictError(`overlapping edits at ${prev.start}-${prev.end} and ${e.start}-${e.end}`);
    }
    out.push(e);
  }
  return out;
}

export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = normalizeEdits(edits);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos);
}
