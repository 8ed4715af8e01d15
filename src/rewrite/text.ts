// Small text scanners the range edits need: line bounds, separators between properties, comments, line endings.
// Line lookups go through an index of line terminators, so a minified file whose code sits on one long line costs
// a binary search per lookup instead of a walk along the line (issue 8: huge and minified files).

/** Offsets of every `\r` and `\n` in the last text looked at; edits ask many questions of one text in a row. */
let indexed: { text: string; breaks: Uint32Array } | undefined;

function breaksOf(text: string): Uint32Array {
  if (indexed && indexed.text === text) return indexed.breaks;
  const found: number[] = [];
  for (let i = text.indexOf('\n'), j = text.indexOf('\r'); i >= 0 || j >= 0; ) {
    if (j < 0 || (i >= 0 && i < j)) {
      found.push(i);
      i = text.indexOf('\n', i + 1);
    } else {
      found.push(j);
      j = text.indexOf('\r', j + 1);
    }
  }
  indexed = { text, breaks: Uint32Array.from(found) };
  return indexed.breaks;
}

/** Index of the first terminator at or after `offset` (breaks.length when none). */
function firstBreakFrom(breaks: Uint32Array, offset: number): number {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((breaks[mid] as number) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function lineStart(text: string, offset: number): number {
  const breaks = breaksOf(text);
  const k = firstBreakFrom(breaks, offset) - 1;
  return k >= 0 ? (breaks[k] as number) + 1 : 0;
}

/** Offset just past the line ending of the line holding `offset` (or the end of the text). */
export function afterLineEnd(text: string, offset: number): number {
  const breaks = breaksOf(text);
  const k = firstBreakFrom(breaks, offset);
  if (k >= breaks.length) return text.length;
  const i = breaks[k] as number;
  return text[i] === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
}

const BLANK = new Set([' ', '\t', '\f', '\v', '\u00a0', '\ufeff']);

export function isBlank(s: string): boolean {
  return blankRange(s, 0, s.length);
}

/** True when text[from, to) holds only blanks; stops at the first other character. */
export function blankRange(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!BLANK.has(text[i] as string)) return false;
  return true;
}

/** True when only blanks stand between the start of the line and `offset` (scans back, stops at the first other). */
export function blankBefore(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text[i] as string;
    if (c === '\n' || c === '\r') return true;
    if (!BLANK.has(c)) return false;
  }
  return true;
}

/** Leading whitespace of the line holding `offset`. */
export function indentOf(text: string, offset: number): string {
  const start = lineStart(text, offset);
  let i = start;
  while (i < offset && (text[i] === ' ' || text[i] === '\t')) i++;
  return text.slice(start, i);
}

/** The line ending used by the line holding `offset`, falling back to the file's first one, then `\n`. */
export function eolAt(text: string, offset: number): string {
  const end = afterLineEnd(text, offset);
  if (text.slice(end - 2, end) === '\r\n') return '\r\n';
  if (text[end - 1] === '\n') return '\n';
  if (text[end - 1] === '\r') return '\r';
  for (const i of breaksOf(text)) if (text[i] === '\r' && text[i + 1] === '\n') return '\r\n';
  return '\n';
}

export function onSameLine(text: string, a: number, b: number): boolean {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  const breaks = breaksOf(text);
  const k = firstBreakFrom(breaks, lo);
  return k >= breaks.length || (breaks[k] as number) >= hi;
}

/**
 * Position of the first `,` in text[from, to) outside comments, or -1. Between two properties or elements only
 * whitespace, comments and one comma can stand, so this finds the separator exactly.
 */
export function findComma(text: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === ',') return i;
    if (c === '/' && text[i + 1] === '/') {
      while (i < to && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? to : close + 2;
      continue;
    }
    i++;
  }
  return -1;
}

/**
 * True when text[from, lineEnd) holds only blanks and comments: a line comment, or block comments that close on
 * this line. Scans forward and stops at the first code character, so a long minified line costs nothing.
 */
export function restOfLineIsTrivia(text: string, from: number): boolean {
  let i = from;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\n' || c === '\r') return true;
    if (BLANK.has(c)) {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') return true;
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0 || !onSameLine(text, i, close)) return false;
      i = close + 2;
      continue;
    }
    return false;
  }
  return true;
}

/** Offset of the first of the spaces and tabs that end just before `offset` (not past a line break). */
export function skipBlanksBack(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i;
}

/** Skip spaces and tabs (not line breaks) from `offset`. */
export function skipSpaces(text: string, offset: number): number {
  let i = offset;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}
