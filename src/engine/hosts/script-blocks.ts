// Finds the inline `<script>` blocks of a template host file: where their code is and which dialect it is (issue 4).

import type { Dialect } from '../parse.js';
import type { HostTag } from './find-tags.js';

export interface ScriptBlock {
  /** The block's code: text[start, end), between `<script …>` and `</script>`. */
  readonly start: number;
  readonly end: number;
  readonly dialect: Dialect;
}

/** `type` values of executable script (WHATWG "JavaScript MIME type essence match"), plus Babel/TypeScript ones. */
const SCRIPT_TYPES: Readonly<Record<string, Dialect>> = {
  '': 'js',
  module: 'js',
  'text/javascript': 'js',
  'application/javascript': 'js',
  'application/x-javascript': 'js',
  'text/x-javascript': 'js',
  'text/ecmascript': 'js',
  'application/ecmascript': 'js',
  'text/jsx': 'js',
  'text/babel': 'js',
  'text/typescript': 'ts',
  'application/typescript': 'ts',
};

/** Single-file components name their language with `lang` (`<script setup lang="ts">`). */
const LANGS: Readonly<Record<string, Dialect>> = { js: 'js', javascript: 'js', jsx: 'js', ts: 'ts', typescript: 'ts', tsx: 'tsx' };

/**
 * Blocks with a `src`, with a `type` that is not script (JSON, `text/x-magento-init`, `text/x-template`, importmap…)
 * or that a template tag decides, or with a `lang` we do not parse, are left out. `<script>` inside a template tag
 * (`<?php echo '<script>' ?>`, SFCC `<isscript>`) or an HTML comment is not a block.
 */
export function scriptBlocks(text: string, tags: readonly HostTag[]): ScriptBlock[] {
  const blocks: ScriptBlock[] = [];
  const find = /<script(?=[\s>/])|<!--/gi;
  let m: RegExpExecArray | null;
  while ((m = find.exec(text)) !== null) {
    const inside = tagAround(tags, m.index);
    if (inside) {
      find.lastIndex = inside.end;
      continue;
    }
    if (m[0] === '<!--') {
      const close = outsideTags(text, tags, /-->/g, m.index + 4);
      find.lastIndex = close < 0 ? text.length : close + 3;
      continue;
    }
    const open = openTag(text, tags, m.index + m[0].length);
    if (!open) break;
    find.lastIndex = open.end;
    if (open.selfClosing) continue;
    const close = outsideTags(text, tags, /<\/script/gi, open.end);
    if (close < 0) break;
    find.lastIndex = close;
    const dialect = dialectOf(open.attributes);
    if (dialect) blocks.push({ start: open.end, end: close, dialect });
  }
  return blocks;
}

function dialectOf(attributes: ReadonlyMap<string, string | null>): Dialect | undefined {
  if (attributes.has('src')) return undefined;
  const type = attributes.get('type');
  const lang = attributes.get('lang');
  if (type === null || lang === null) return undefined;
  const byType = SCRIPT_TYPES[(type ?? '').split(';')[0]?.trim().toLowerCase() ?? ''];
  if (!byType) return undefined;
  if (lang === undefined) return byType;
  return LANGS[lang.trim().toLowerCase()];
}

interface OpenTag {
  /** Just past the `>`. */
  readonly end: number;
  readonly selfClosing: boolean;
  /** Lower-case attribute names; the value is null when a template tag writes (part of) it. */
  readonly attributes: ReadonlyMap<string, string | null>;
}

/** Reads `<script`'s attributes up to its `>`; template tags between attributes or inside values are skipped. */
function openTag(text: string, tags: readonly HostTag[], from: number): OpenTag | undefined {
  const attributes = new Map<string, string | null>();
  let i = from;
  while (i < text.length) {
    const tag = tagAt(tags, i);
    if (tag) {
      i = tag.end;
      continue;
    }
    const c = text[i] as string;
    if (c === '>') return { end: i + 1, selfClosing: text[i - 1] === '/', attributes };
    if (/[\s/]/.test(c)) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < text.length && !/[\s"'>/=]/.test(text[i] as string) && !tagAt(tags, i)) i++;
    const n = text.slice(nameStart, Math.max(i, nameStart + 1));
    i = nameStart + n.length;
    let value: string | null = '';
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++;
    if (text[i] === '=') {
      i++;
      while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++;
      const read = attributeValue(text, tags, i);
      if (!read) return undefined;
      value = read.value;
      i = read.end;
    }
    attributes.set(n.toLowerCase(), value);
  }
  return undefined;
}

function attributeValue(text: string, tags: readonly HostTag[], at: number): { value: string | null; end: number } | undefined {
  const q = text[at];
  const quoted = q === '"' || q === "'";
  let i = quoted ? at + 1 : at;
  let dynamic = false;
  while (i < text.length) {
    const tag = tagAt(tags, i);
    if (tag) {
      dynamic = true;
      i = tag.end;
      continue;
    }
    const c = text[i] as string;
    if (quoted ? c === q : /[\s>]/.test(c)) break;
    i++;
  }
  if (i >= text.length) return undefined;
  const value = dynamic ? null : text.slice(quoted ? at + 1 : at, i);
  return { value, end: quoted ? i + 1 : i };
}

/** The first match of `pattern` at or after `from` that is not inside a template tag; -1 when there is none. */
function outsideTags(text: string, tags: readonly HostTag[], pattern: RegExp, from: number): number {
  pattern.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(text)) !== null) {
    const inside = tagAround(tags, m.index);
    if (!inside) return m.index;
    pattern.lastIndex = inside.end;
  }
  return -1;
}

/** The tag that starts exactly at `offset`. */
function tagAt(tags: readonly HostTag[], offset: number): HostTag | undefined {
  const t = tagAround(tags, offset);
  return t && t.start === offset ? t : undefined;
}

/** The tag holding `offset` (binary search; tags are sorted and disjoint). */
export function tagAround(tags: readonly HostTag[], offset: number): HostTag | undefined {
  let lo = 0;
  let hi = tags.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tags[mid] as HostTag;
    if (offset < t.start) hi = mid - 1;
    else if (offset >= t.end) lo = mid + 1;
    else return t;
  }
  return undefined;
}
