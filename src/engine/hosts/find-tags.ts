// Finds every template tag in a host file's text, left to right, with the syntaxes of its host type.

import type { BlockPart, TagKind, TagSyntax } from './tag-syntax.js';

/** A template tag: text[start, end) in the host file. */
export interface HostTag {
  readonly start: number;
  readonly end: number;
  readonly kind: TagKind;
  /** For a code tag of the template's block structure: whether it opens, continues or closes a block. */
  readonly block?: BlockPart;
}

/** Tags never overlap: scanning resumes after each one, so a `}}` inside `<?php … ?>` is not a tag of its own. */
export function findTags(text: string, syntaxes: readonly TagSyntax[]): HostTag[] {
  const tags: HostTag[] = [];
  if (syntaxes.length === 0) return tags;
  let i = 0;
  while (i < text.length) {
    if (!OPENERS.has(text[i] as string)) {
      i++;
      continue;
    }
    const tag = tagAt(text, i, syntaxes);
    if (tag) {
      tags.push(tag);
      i = tag.end;
    } else i++;
  }
  return tags;
}

/** Every opener in tag-syntax.ts starts with one of these: other characters are skipped without a regex test. */
const OPENERS = new Set(['<', '{', '$', '#', '@']);

function tagAt(text: string, at: number, syntaxes: readonly TagSyntax[]): HostTag | undefined {
  for (const s of syntaxes) {
    s.open.lastIndex = at;
    const m = s.open.exec(text);
    if (!m) continue;
    const end = endOf(text, at, at + m[0].length, s);
    if (end === undefined) continue;
    const tagText = text.slice(at, end);
    const block = s.kind === 'code' ? blockPart(tagText, s) : undefined;
    const kind = kindOf(tagText, m[0].length, s, block);
    return block ? { start: at, end, kind, block } : { start: at, end, kind };
  }
  return undefined;
}

function endOf(text: string, start: number, afterOpen: number, s: TagSyntax): number | undefined {
  switch (s.body) {
    case 'until': {
      const close = new RegExp((s.close ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), s.open.flags.includes('i') ? 'gi' : 'g');
      close.lastIndex = afterOpen;
      const m = close.exec(text);
      return m ? m.index + m[0].length : undefined;
    }
    case 'php':
      return phpEnd(text, afterOpen);
    case 'braces':
      return braceEnd(text, text.indexOf('{', start));
    case 'parens':
      return braceEnd(text, afterOpen - 1, '(', ')');
    case 'opener':
      return afterOpen;
    case 'markup':
      return markupEnd(text, afterOpen);
  }
}

/**
 * A PHP tag holding only comments is a comment; a self-closing markup tag that is no block part prints something
 * (`<c:out …/>`, `<apex:outputText …/>`, `<isinclude …/>`).
 */
function kindOf(tag: string, opener: number, s: TagSyntax, block: BlockPart | undefined): TagKind {
  if (s.kind !== 'code') return s.kind;
  if (s.body === 'php' && onlyComments(tag.slice(opener))) return 'comment';
  if (s.body === 'markup' && !block && tag.endsWith('/>')) return 'output';
  return 'code';
}

/** PHP comments inside a tag do not change what it is (`<?php /* @noEscape *\/ if ($x): ?>`). */
function withoutPhpComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(?:\/\/|#(?!\[))[^\n]*?(?=\n|\?>$|$)/g, ' ');
}

function blockPart(tag: string, s: TagSyntax): BlockPart | undefined {
  const forms = s.blocks;
  if (!forms) return undefined;
  const text = s.body === 'php' ? withoutPhpComments(tag) : tag;
  return (['middle', 'close', 'open'] as const).find((part) => forms[part]?.test(text));
}

/** `<?php /* … *\/ ?>` and `<?php // … ?>` hold nothing but a comment (or nothing at all). */
function onlyComments(code: string): boolean {
  return /^\s*$/.test(withoutPhpComments(code.replace(/\?>$/, '')));
}

/** `?>` ends PHP code except inside a quoted string or a block comment; a `//`/`#` comment ends at `?>` too. */
function phpEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '?' && text[i + 1] === '>') return i + 2;
    if (c === "'" || c === '"' || c === '`') i = quoteEnd(text, i);
    else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else if ((c === '/' && text[i + 1] === '/') || (c === '#' && text[i + 1] !== '[')) {
      while (i < text.length && text[i] !== '\n' && !(text[i] === '?' && text[i + 1] === '>')) i++;
    } else i++;
  }
  return text.length;
}

/** Just past the quote closing the string that opens at `at` (backslash escapes honoured); the end of text if none. */
function quoteEnd(text: string, at: number): number {
  const q = text[at];
  let i = at + 1;
  while (i < text.length && text[i] !== q) i += text[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, text.length);
}

/** The `}` matching the `{` at `open`; quoted strings inside may hold braces. Undefined when it is never closed. */
function braceEnd(text: string, open: number, opener = '{', closer = '}'): number | undefined {
  let depth = 0;
  let i = open;
  while (i < text.length) {
    const c = text[i];
    if (c === opener) depth++;
    else if (c === closer && --depth === 0) return i + 1;
    else if (c === "'" || c === '"') {
      i = quoteEnd(text, i);
      continue;
    }
    i++;
  }
  return undefined;
}

function markupEnd(text: string, from: number): number | undefined {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '>') return i + 1;
    if (c === '<') return undefined;
    if (c === '"' || c === "'") {
      const close = attributeEnd(text, i);
      if (close === undefined) return undefined;
      i = close;
    } else if (c === '$' && text[i + 1] === '{') {
      const close = braceEnd(text, i + 1);
      if (close === undefined) return undefined;
      i = close;
    } else i++;
  }
  return undefined;
}

/** An attribute value in quotes, skipping `${…}` inside it (which may hold the same quote). */
function attributeEnd(text: string, at: number): number | undefined {
  const q = text[at];
  let i = at + 1;
  while (i < text.length) {
    if (text[i] === q) return i + 1;
    if (text[i] === '$' && text[i + 1] === '{') {
      const close = braceEnd(text, i + 1);
      if (close === undefined) return undefined;
      i = close;
    } else i++;
  }
  return undefined;
}
