// A light JavaScript lexer over a script block: for each template tag, where it stands and what surrounds it.
// Only what choosing a same-length mask needs (issue 4): strings, comments, regexes, brackets, the previous token.

import { context, isName } from './tag-context.js';
import type { Open, Range, Span, TagContext, Where } from './tag-types.js';

// Re-exported for the modules that import them from here; they live in tag-types.ts so that tag-context.ts can
// take them without importing this file back (issue 16).
export type { Open, Range, Span, TagContext, Where };

/**
 * What the caller decided for a tag in code: a value (a name or a literal), a spread, invisible trivia, or a part
 * of a template conditional standing for one value (`{{#if x}}true{{else}}false{{/if}}` read as `(true || false)`).
 */
export type CodeRole = 'value' | 'spread' | 'trivia' | 'open' | 'middle' | 'close';

/** The token a tag's mask leaves for what follows it (trivia leaves none). */
const PREV_AFTER: Readonly<Partial<Record<CodeRole, string>>> = { value: 'word', spread: 'word', open: '(', middle: '|', close: ')' };

/** Keywords after which an expression starts (so `/` opens a regex, `{` an object literal, a tag is a value). */
const VALUE_KEYWORDS = new Set(['return', 'typeof', 'void', 'delete', 'new', 'in', 'of', 'instanceof', 'case', 'throw', 'await', 'yield', 'extends']);
/** Keywords after which a name is declared (`var ${id}_dr = …`), and keywords that end a statement's head. */
export const NAME_KEYWORDS = new Set(['var', 'let', 'const', 'function', 'class']);
export const STATEMENT_KEYWORDS = new Set(['else', 'do', 'try', 'finally']);
const EXPRESSION_START = new Set(['(', '[', '{', ',', '=', ':', '?', '!', '~', '+', '-', '*', '/', '%', '&', '|', '^', '<', '>', '=>', '...', '${']);

export function expectsValue(prev: string): boolean {
  return EXPRESSION_START.has(prev) || VALUE_KEYWORDS.has(prev);
}

/**
 * Walks `text`, calling `decide` at each tag in code and `place` at every tag; tags are sorted block-relative spans.
 * A tag decided `value` or `spread` then counts as a complete expression for what follows. Returns the ranges of
 * every object literal, in order of their `{`.
 */
export function walkTags(
  text: string,
  tags: readonly Span[],
  decide: (ctx: TagContext, index: number) => CodeRole,
  place: (ctx: TagContext, role: CodeRole | undefined, index: number) => void,
): Range[] {
  const objects: Range[] = [];
  const stack: Open[] = [];
  let mode: Where = 'code';
  let prev = '';
  let valueEnd = -1;
  let lineStart = true;
  let quote = '"';
  let t = 0;
  let i = 0;
  while (i <= text.length) {
    const tag = tags[t];
    if (tag && tag.start === i) {
      const ctx = context(text, tags, t, { mode, prev, stack, glued: valueEnd === i || (mode === 'code' && isName(text[i - 1]) && prev !== '') });
      const role = mode === 'code' ? decide(ctx, t) : undefined;
      place(ctx, role, t);
      const after = role ? PREV_AFTER[role] : undefined;
      if (after) prev = after;
      if (after === 'word') valueEnd = tag.end;
      i = tag.end;
      t++;
      continue;
    }
    if (i === text.length) break;
    const c = text[i] as string;
    const next = tags[t]?.start ?? text.length;
    if (mode === 'string' || mode === 'regex') {
      // A string or regex ends at its closing quote (or, broken, at a line end).
      i = scanQuoted(text, i, next, quote);
      if (text[i] === quote || text[i] === '\n' || text[i] === '\r' || i >= text.length) {
        if (text[i] === quote) i++;
        if (mode === 'regex') while (isName(text[i])) i++;
        mode = 'code';
        prev = 'word';
      }
      continue;
    }
    if (mode === 'template') {
      if (c === '\\') i += 2;
      else if (c === '`') {
        mode = 'code';
        prev = 'word';
        i++;
      } else if (c === '$' && text[i + 1] === '{') {
        stack.push({ kind: 'template' });
        mode = 'code';
        prev = '${';
        i += 2;
      } else i++;
      continue;
    }
    if (mode === 'line-comment') {
      if (c === '\n' || c === '\r') {
        mode = 'code';
        lineStart = true;
      }
      i++;
      continue;
    }
    if (mode === 'block-comment') {
      if (c === '*' && text[i + 1] === '/') {
        mode = 'code';
        i += 2;
      } else i++;
      continue;
    }
    // code
    if (c === '\n' || c === '\r') lineStart = true;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const wasLineStart = lineStart;
    lineStart = false;
    if (c === '/' && text[i + 1] === '/') mode = 'line-comment';
    else if (c === '/' && text[i + 1] === '*') {
      mode = 'block-comment';
      i += 2;
      continue;
    } else if (text.startsWith('<!--', i) || (wasLineStart && text.startsWith('-->', i))) mode = 'line-comment';
    else if (c === '"' || c === "'") {
      mode = 'string';
      quote = c;
    } else if (c === '/' && expectsValue(prev)) {
      mode = 'regex';
      quote = '/';
    } else if (c === '`') mode = 'template';
    else if (isName(c)) {
      let j = i + 1;
      while (isName(text[j])) j++;
      const word = text.slice(i, j);
      prev = VALUE_KEYWORDS.has(word) || NAME_KEYWORDS.has(word) || STATEMENT_KEYWORDS.has(word) ? word : 'word';
      valueEnd = j;
      i = j;
      continue;
    } else if (c === '{') {
      if (expectsValue(prev) && prev !== '=>' && prev !== '{') {
        const range = { start: i, end: text.length };
        objects.push(range);
        stack.push({ kind: 'object', range });
      } else stack.push({ kind: 'block' });
      prev = '{';
    } else if (c === '(' || c === '[') {
      stack.push({ kind: c === '(' ? 'paren' : 'bracket' });
      prev = c;
    } else if (c === '}' || c === ')' || c === ']') {
      const open = stack.pop();
      if (open?.range) open.range.end = i + 1;
      if (open?.kind === 'template') {
        mode = 'template';
        i++;
        continue;
      }
      prev = c;
    } else if (c === '=' && text[i + 1] === '>') {
      prev = '=>';
      i += 2;
      continue;
    } else if (text.startsWith('...', i)) {
      prev = '...';
      i += 3;
      continue;
    } else prev = c;
    i++;
  }
  return objects;
}

/** Advances through a string or regex body up to its closing quote, a line end, `limit` (a tag) or the text's end. */
function scanQuoted(text: string, from: number, limit: number, quote: string): number {
  let i = from;
  let inClass = false;
  while (i < limit) {
    const c = text[i];
    if (c === '\\') {
      if (i + 1 >= limit) return limit;
      i += 2;
      continue;
    }
    if (c === '\n' || c === '\r') return i;
    if (quote === '/' && c === '[') inClass = true;
    else if (quote === '/' && c === ']') inClass = false;
    else if (c === quote && !inClass) return i;
    i++;
  }
  return Math.min(i, text.length);
}
