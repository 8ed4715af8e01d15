// Masks the template tags of a script block with same-length JavaScript, so the engine can parse the block while
// every offset and line stays 1:1 with the host file (issue 4). Edits are later applied to the unmasked host text.

import type { BlockPart, TagKind } from './tag-syntax.js';
import {
  expectsValue,
  NAME_KEYWORDS,
  STATEMENT_KEYWORDS,
  walkTags,
  type CodeRole,
  type Range,
  type Span,
  type TagContext,
  type Where,
} from './js-context.js';

/** How a tag was masked: the guard needs it to tell a tag that belongs to a value from one that stands between. */
export type MaskRole = 'value' | 'spread' | 'trivia' | 'group' | 'string' | 'comment';

export interface MaskedTag {
  /** Offsets in the block. */
  readonly start: number;
  readonly end: number;
  readonly kind: TagKind;
  readonly block?: BlockPart;
  readonly role: MaskRole;
  /** For `trivia` tags inside an object literal: the literal, and the outermost literal of its expression. */
  readonly object?: Range;
  readonly rootObject?: Range;
}

export interface Masked {
  readonly text: string;
  readonly tags: readonly MaskedTag[];
  /** Every object literal of the block (offsets in the block). */
  readonly objects: readonly Range[];
}

export interface BlockTag extends Span {
  readonly kind: TagKind;
  readonly block?: BlockPart;
}

/**
 * The mask follows from where the tag stands:
 * - in code where a value belongs (`"amount": <?= $total ?>`, `= {!x}`): a name `_3______` of the same length (a
 *   template literal when the tag spans lines);
 * - where a property or element belongs and a `,`/`}` follows (`{ type: 'x', <?= $more ?> }`): a spread `...___`,
 *   which the engine cannot trace and so reports instead of migrating blindly;
 * - a template conditional where a value belongs (`{{#if x}}true{{else}}false{{/if}}`): `(/*…*\/`, `||/*…*\/`
 *   and `/*…*\/)`, so the branches read as one value `(true || false)` that goes with its property;
 * - elsewhere in code (`<?php if (…): ?>` between statements or properties): a comment `/*___*\/`;
 * - inside a string, template literal, comment or regex: filler characters (a string's line breaks get a `\`).
 */
export function maskBlock(text: string, tags: readonly BlockTag[]): Masked {
  const out: MaskedTag[] = [];
  const parts: string[] = [];
  let pos = 0;
  let groups = 0;
  // The same tag text gets the same mask, so `var ${id}_dr` and a later `${id}_dr.createSource(…)` stay one name.
  const first = new Map<string, number>();
  const decide = (ctx: TagContext, index: number): CodeRole => {
    const tag = tags[index] as BlockTag;
    if (tag.block === 'open' && opensValue(ctx)) {
      groups++;
      return 'open';
    }
    if (groups > 0 && tag.block === 'middle') return 'middle';
    if (groups > 0 && tag.block === 'close') {
      groups--;
      return 'close';
    }
    return codeRole(ctx, tag.kind);
  };
  const objects = walkTags(
    text,
    tags,
    decide,
    (ctx, role, index) => {
      const tag = tags[index] as BlockTag;
      const original = text.slice(tag.start, tag.end);
      if (!first.has(original)) first.set(original, index);
      const mask = maskFor(original, ctx.where, role, first.get(original) as number);
      parts.push(text.slice(pos, tag.start), mask.text);
      pos = tag.end;
      const trivia = mask.role === 'trivia';
      out.push({
        start: tag.start,
        end: tag.end,
        kind: tag.kind,
        ...(tag.block ? { block: tag.block } : {}),
        role: mask.role,
        ...(trivia && ctx.object ? { object: ctx.object } : {}),
        ...(trivia && ctx.rootObject ? { rootObject: ctx.rootObject } : {}),
      });
    },
  );
  parts.push(text.slice(pos));
  return { text: parts.join(''), tags: out, objects };
}

/**
 * A block tag where one value belongs, with the value's first token after it on the same line. Not where elements
 * or properties belong (after `[`, `{` or `,`): a loop there prints several (`[<isloop …>{…},</isloop>]`).
 */
function opensValue(ctx: TagContext): boolean {
  if (!expectsValue(ctx.prev) || ['[', '{', ','].includes(ctx.prev)) return false;
  return !ctx.nextOnNewLine && ctx.next !== '' && !',;)]}'.includes(ctx.next);
}

/** Where a tag in code stands, from the token before it and the character after it. */
export function codeRole(ctx: TagContext, kind: TagKind): CodeRole {
  const { prev, next } = ctx;
  // Part of a name: glued to one (`drjs_<?= $id ?>`, `${id}_digitalRiver`), after `.`, or a declared name.
  if (ctx.glued || prev === '.' || NAME_KEYWORDS.has(prev) || (ctx.gluedAfter && kind === 'output')) return 'value';
  if (ctx.container === 'object' && (prev === '{' || prev === ',')) {
    if (next === ':' || next === '(') return 'value';
    if (next === ',' || next === '}') return 'spread';
    return 'trivia';
  }
  if (['', ';', '{', '}', ')'].includes(prev) || STATEMENT_KEYWORDS.has(prev)) {
    // At a statement's start a tag followed by `.`, `(`, `[` or `=` begins the expression: `<?= $dr ?>.createSource(…)`.
    return !ctx.nextOnNewLine && '.([='.includes(ctx.next) && ctx.next !== '' ? 'value' : 'trivia';
  }
  if (expectsValue(prev)) {
    // An operand after the tag means the tag is not the value, except an output tag ending a line where ASI ends the
    // statement (`var total = <?= $total ?>` then a new statement); inside ( or [ there is no ASI.
    if (!/[\p{ID_Start}$_0-9'"`{]/u.test(next)) return 'value';
    const asi = kind === 'output' && ctx.nextOnNewLine && ctx.container !== 'paren' && ctx.container !== 'bracket';
    return asi ? 'value' : 'trivia';
  }
  return 'trivia';
}

function maskFor(original: string, where: Where, role: CodeRole | undefined, index: number): { text: string; role: MaskRole } {
  switch (where) {
    case 'string':
    case 'regex':
      return { text: stringFill(original, index), role: 'string' };
    case 'template':
      return { text: fill(original, index), role: 'string' };
    case 'block-comment':
      return { text: fill(original, index), role: 'comment' };
    case 'line-comment': {
      // A line break inside the tag ends the comment: what follows it is masked as code trivia.
      const nl = original.search(/[\r\n]/);
      if (nl < 0) return { text: fill(original, index), role: 'comment' };
      const rest = comment(original.slice(nl)) ?? fill(original.slice(nl), index);
      return { text: fill(original.slice(0, nl), index) + rest, role: 'comment' };
    }
    case 'code':
      break;
  }
  if (role === 'open' || role === 'middle' || role === 'close') {
    const text = role === 'open' ? padded('(', original, '') : role === 'middle' ? padded('||', original, '') : padded('', original, ')');
    if (text !== undefined) return { text, role: 'group' };
  }
  if (role === 'spread') {
    const spread = /^[^\r\n]{4}/.test(original) ? `...${value(original.slice(3), index)}` : undefined;
    if (spread !== undefined) return { text: spread, role: 'spread' };
  }
  if (role === 'trivia') {
    const c = comment(original);
    if (c !== undefined) return { text: c, role: 'trivia' };
  }
  return { text: value(original, index), role: 'value' };
}

/** Filler of the same length: line breaks kept, everything else `_`, with the tag's index after the first `_` so that
 * messages can name the tag again (see `unmask`). */
function fill(original: string, index: number): string {
  const marker = `_${index.toString(36)}`;
  let k = 0;
  return original.replace(/[^\r\n]/g, () => (k < marker.length ? (marker[k++] as string) : '_'));
}

/** A name on one line; a template literal when the tag spans lines. */
function value(original: string, index: number): string {
  const f = fill(original, index);
  if (!/[\r\n]/.test(original)) return f;
  const first = f.search(/[^\r\n]/);
  const last = f.length - 1 - [...f].reverse().findIndex((c) => c !== '\r' && c !== '\n');
  return `${f.slice(0, first)}\`${f.slice(first + 1, last)}\`${f.slice(last + 1)}`;
}

/** `/*…*\/` of the same length, or undefined when the tag is too short or its ends are split by line breaks. */
function comment(original: string): string | undefined {
  if (!/^[^\r\n]{2}/.test(original) || !/[^\r\n]{2}$/.test(original)) return undefined;
  if (original.length < 4) return undefined;
  return `/*${original.slice(2, -2).replace(/[^\r\n]/g, '_')}*/`;
}

/** `prefix` + a comment (or spaces when too short) + `suffix`, as long as the tag, its line breaks kept. */
function padded(prefix: string, original: string, suffix: string): string | undefined {
  const inner = original.slice(prefix.length, original.length - suffix.length);
  if (/[\r\n]/.test(original.slice(0, prefix.length) + original.slice(original.length - suffix.length))) return undefined;
  const body = comment(inner) ?? inner.replace(/[^\r\n]/g, ' ');
  return prefix + body + suffix;
}

/** Inside a quoted string a line break needs a `\` before it (a line continuation) to stay one string. */
function stringFill(original: string, index: number): string {
  return fill(original, index).replace(/[^\r\n](?=[\r\n])/g, '\\');
}
