// The re-parse guard's fast path (issue 14): when every edit lies inside an object literal, the literals as edited are
// parsed alone instead of the whole migrated file. It only ever says "parses"; anything it cannot vouch for goes to
// the whole-file parse, which also words the error.

import { parseExpression, type ParserPlugin } from '@babel/parser';
import { VISITOR_KEYS, type File, type Node } from '@babel/types';
import { normalizeEdits } from '../rewrite/edits.js';
import { COMMON } from './parse.js';
import type { Edit } from './types.js';

interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * Words whose meaning depends on where the literal stands, which a literal parsed alone cannot judge: `await` (an
 * identifier in a script, an operator in an async function) and `arguments` (banned in class field initialisers);
 * `\u` escapes, which can spell either; HTML-like comments, which a module rejects. Every other context rule only
 * makes the parse below, a strict-mode script, stricter than the file's, so its "parses" carries over to the file.
 */
const CONTEXT_WORDS = /\bawait\b|\barguments\b|\\u|<!--|-->/;

/**
 * True when every edit is strictly inside an object literal of `ast` (its braces untouched) and each such literal, with
 * its edits applied, parses alone as one object expression with the `plugins` that parsed the file (another set could
 * accept the literal where the rest of the file needs this one). The text before a literal is unchanged, so the file's
 * parser reaches its `{` in the same state; the literal is then the same tokens as parsed alone, ends at the same `}`,
 * and the unchanged rest of the file follows as before.
 */
export function editedLiteralsParse(ast: File, text: string, edits: readonly Edit[], plugins: readonly ParserPlugin[]): boolean {
  const literals: Span[] = [];
  for (const edit of edits) {
    const literal = deepestLiteral(ast, edit);
    if (!literal) return false;
    literals.push(literal);
  }
  for (const literal of outermost(literals)) {
    const inside = edits.filter((e) => e.start > literal.start && e.end < literal.end);
    if (!parsesAlone(edited(text, literal, inside), plugins)) return false;
  }
  return true;
}

/** The innermost object literal whose braces enclose the edit. */
function deepestLiteral(ast: File, edit: Span): Span | undefined {
  let found: Span | undefined;
  let node: Node | undefined = ast.program;
  while (node) {
    if (node.type === 'ObjectExpression' && (node.start ?? 0) < edit.start && edit.end < (node.end ?? 0)) found = node as Span;
    node = childAround(node, edit);
  }
  return found;
}

/** The child node whose range holds the whole edit, if any. */
function childAround(node: Node, edit: Span): Node | undefined {
  const record = node as unknown as Record<string, unknown>;
  for (const key of VISITOR_KEYS[node.type] ?? []) {
    const value = record[key];
    for (const child of Array.isArray(value) ? value : [value]) {
      if (!isNode(child)) continue;
      if ((child.start ?? 0) <= edit.start && edit.end <= (child.end ?? 0)) return child;
    }
  }
  return undefined;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Object literals nest or are apart: the ones inside another are checked as part of it. */
function outermost(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = out[out.length - 1];
    if (last && s.start >= last.start && s.end <= last.end) continue;
    out.push(s);
  }
  return out;
}

/** The literal's text with its edits applied, ordered and merged as for the whole file. */
function edited(text: string, literal: Span, edits: readonly Edit[]): string {
  let out = '';
  let at = literal.start;
  for (const e of normalizeEdits(edits)) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at, literal.end);
}

function parsesAlone(source: string, plugins: readonly ParserPlugin[]): boolean {
  if (CONTEXT_WORDS.test(source)) return false;
  try {
    const node = parseExpression(source, { sourceType: 'script', strictMode: true, errorRecovery: false, plugins: [...plugins, ...COMMON] });
    return node.type === 'ObjectExpression' && node.start === 0 && node.end === source.length;
  } catch {
    return false;
  }
}
