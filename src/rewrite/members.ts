// Range edits on the members of an interface or type literal, in the style of their neighbours: remove a member
// with its whole lines, make one optional, add `sessionId: string` after `type` (issue 5 "payload types").

import type { Edit, Span } from './span.js';
import { afterLineEnd, eolAt, indentOf, isBlank, lineStart, restOfLineIsTrivia, skipSpaces } from './text.js';

export interface MemberShape extends Span {
  /** Where the member's documentation comment starts (its start when it has none). */
  readonly docStart: number;
  /** The end of its name, where `?` goes. */
  readonly nameEnd: number;
  readonly optional: boolean;
  readonly readonly: boolean;
}

function ownsLines(text: string, start: number, end: number): boolean {
  return isBlank(text.slice(lineStart(text, start), start)) && restOfLineIsTrivia(text, end);
}

/** Deletes a member: its whole lines (with its doc comment) when nothing else shares them, else just its text. */
export function removeMember(text: string, m: MemberShape): Edit {
  if (ownsLines(text, m.docStart, m.end)) return { start: lineStart(text, m.docStart), end: afterLineEnd(text, m.end), text: '' };
  return { start: m.start, end: skipSpaces(text, m.end), text: '' };
}

export function makeOptional(m: MemberShape): Edit | undefined {
  return m.optional ? undefined : { start: m.nameEnd, end: m.nameEnd, text: '?' };
}

/**
 * `sessionId: string` right after `anchor` (the `type` member): its own line with the anchor's indentation, the same
 * key quotes, separator and `readonly`; on the same line for one-line type literals.
 */
export function insertSessionId(text: string, anchor: MemberShape, siblings: readonly MemberShape[]): Edit {
  const own = text.slice(anchor.start, anchor.end);
  const separator = /[;,]$/.test(own) ? own.slice(-1) : '';
  const quote = /^(?:readonly\s+)?(['"])/.exec(own)?.[1] ?? '';
  const member = `${anchor.readonly ? 'readonly ' : ''}${quote}sessionId${quote}: string`;
  if (ownsLines(text, anchor.start, anchor.end)) {
    const at = afterLineEnd(text, anchor.end);
    return { start: at, end: at, text: `${indentOf(text, anchor.start)}${member}${separator}${eolAt(text, anchor.start)}` };
  }
  if (separator) return { start: anchor.end, end: anchor.end, text: ` ${member}${separator}` };
  // The last member of a one-line literal, without a separator: borrow its neighbours' (`;` by default).
  const other = siblings.map((s) => text.slice(s.start, s.end)).find((t) => /[;,]$/.test(t));
  return { start: anchor.end, end: anchor.end, text: `${other ? other.slice(-1) : ';'} ${member}` };
}

/**
 * What the type-aware step wants done to a type's members, as shapes (issue 16: the analysis finds, the rewrite
 * edits): remove a member, make it optional, or add `sessionId: string` after an anchor member.
 */
export type MemberChange =
  | { readonly kind: 'remove'; readonly member: MemberShape }
  | { readonly kind: 'optional'; readonly member: MemberShape }
  | { readonly kind: 'add-session-id'; readonly anchor: MemberShape; readonly siblings: readonly MemberShape[] };

/** The range edits of a file's member changes, on the text the shapes were read from. */
export function memberEdits(text: string, changes: readonly MemberChange[]): Edit[] {
  return changes.flatMap((c) => {
    const edit = c.kind === 'remove' ? removeMember(text, c.member) : c.kind === 'optional' ? makeOptional(c.member) : insertSessionId(text, c.anchor, c.siblings);
    return edit ? [edit] : [];
  });
}
