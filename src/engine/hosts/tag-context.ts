// What surrounds one template tag in a script block: its bracket, the enclosing object literals, the next token.

import type { Open, Range, Span, TagContext, Where } from './tag-types.js';

const NAME = /[\p{ID_Continue}$\u200c\u200d]/u;
export const isName = (c: string | undefined): boolean => c !== undefined && NAME.test(c);

export interface State {
  readonly mode: Where;
  readonly prev: string;
  readonly stack: readonly Open[];
  readonly glued: boolean;
}

export function context(text: string, tags: readonly Span[], index: number, s: State): TagContext {
  const tag = tags[index] as Span;
  const look = lookAhead(text, tags, index);
  const top = s.stack[s.stack.length - 1];
  let rootObject: Range | undefined;
  for (let k = s.stack.length - 1; k >= 0; k--) {
    const o = s.stack[k] as Open;
    if (o.kind === 'block' || o.kind === 'template') break;
    if (o.range) rootObject = o.range;
  }
  return {
    where: s.mode,
    prev: s.prev,
    glued: s.glued,
    next: look.next,
    nextOnNewLine: look.newline,
    gluedAfter: isName(text[tag.end]),
    container: top === undefined ? 'none' : top.kind === 'template' ? 'paren' : top.kind,
    ...(top?.range ? { object: top.range } : {}),
    ...(rootObject ? { rootObject } : {}),
  };
}

/** The next significant character after tag `index`, skipping white space, comments and further tags. */
function lookAhead(text: string, tags: readonly Span[], index: number): { next: string; newline: boolean } {
  let i = (tags[index] as Span).end;
  let t = index + 1;
  let newline = false;
  while (i < text.length) {
    const tag = tags[t];
    if (tag && tag.start === i) {
      i = tag.end;
      t++;
      continue;
    }
    const c = text[i] as string;
    if (c === '\n' || c === '\r') newline = true;
    if (/\s/.test(c)) i++;
    else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (text.slice(i, close < 0 ? text.length : close).includes('\n')) newline = true;
      i = close < 0 ? text.length : close + 2;
    } else return { next: c, newline };
  }
  return { next: '', newline };
}
