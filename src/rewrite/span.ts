// The two shapes every edit is made of (issue 16: declared once): a range of a text, and a replacement of one.

/** A range of the text the engine was given: [start, end), UTF-16 offsets. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Replace text[start, end) with `text`; an insertion has start === end. Offsets are UTF-16 indices. */
export interface Edit extends Span {
  readonly text: string;
}
