// The shapes the script-block lexer (js-context.ts) and the tag context reader (tag-context.ts) share.

import type { Span } from '../../rewrite/span.js';

export type Where = 'code' | 'string' | 'template' | 'line-comment' | 'block-comment' | 'regex';

/** A range the lexer is still reading: its end moves as it goes (a finished one is a Span). */
export interface Range {
  readonly start: number;
  end: number;
}

/** What the lexer knows at a tag. Offsets are relative to the block. */
export interface TagContext {
  readonly where: Where;
  /** The previous significant token: a punctuator, a keyword, `word` for any other name or literal, '' at the start. */
  readonly prev: string;
  /** The tag starts right after a name or a value mask, with no space: it continues that name. */
  readonly glued: boolean;
  /** The next significant character after the tag (comments and other tags skipped); '' at the end. */
  readonly next: string;
  readonly nextOnNewLine: boolean;
  /** A name character follows the tag with no space. */
  readonly gluedAfter: boolean;
  /** The innermost bracket the tag stands in. */
  readonly container: 'object' | 'block' | 'paren' | 'bracket' | 'none';
  /** Innermost object literal around the tag, and the outermost object literal of the expression holding it. */
  readonly object?: Range;
  readonly rootObject?: Range;
}

export type { Span };

export interface Open {
  readonly kind: 'object' | 'block' | 'paren' | 'bracket' | 'template';
  readonly range?: Range;
}
