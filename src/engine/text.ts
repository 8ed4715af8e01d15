// Small text scanners the range edits need: line bounds, separators between properties, comments, line endings.

export function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** Offset just past the line ending of the line holding `offset` (or the end of the text). */
export function afterLineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  return i < text.length ? i + 1 : i;
}

export function isBlank(s: string): boolean {
  return /^[ \t\f\v\u00a0\ufeff]*$/.test(s);
}

/** Leading whitespace of the line holding `offset`. */
export function indentOf(text: string, offset: number): string {
  const start = lineStart(text, offset);
  const m = /^[ \t]*/.exec(text.slice(start, offset));
  return m ? m[0] : '';
}

/** The line ending used by the line holding `offset`, falling back to the file's first one, then `\n`. */
export function eolAt(text: string, offset: number): string {
  const end = afterLineEnd(text, offset);
  if (text.slice(end - 2, end) === '\r\n') return '\r\n';
  if (text[end - 1] === '\n') return '\n';
  if (text[end - 1] === '\r') return '\r';
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

export function onSameLine(text: string, a: number, b: number): boolean {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  return !/[\r\n]/.test(text.slice(lo, hi));
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

/** True when text[from, lineEnd) holds only whitespace and comments that end on this line. */
export function restOfLineIsTrivia(text: string, from: number): boolean {
  const end = afterLineEnd(text, from);
  let rest = text.slice(from, end).replace(/[\r\n]+$/, '');
  rest = rest.replace(/\/\*.*?\*\//g, '');
  rest = rest.replace(/\/\/.*$/, '');
  return isBlank(rest);
}

/** Skip spaces and tabs (not line breaks) from `offset`. */
export function skipSpaces(text: string, offset: number): number {
  let i = offset;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}
