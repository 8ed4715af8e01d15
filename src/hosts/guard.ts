// Keeps template tags whole: checks a block's edits against its tags and, when one is unsafe, drops them all (issue 4
// point 2). A tag may go only with the value it is part of (`"amount": <?= $total ?>`), never be cut or split.

import { messageOf, severityOf, type FindingId } from '../findings.js';
import type { Edit, EngineResult, RawFinding } from '../engine/types.js';
import type { Range } from './js-context.js';
import type { MaskedTag } from './mask.js';

export interface TagConflict {
  readonly tag: MaskedTag;
  readonly why: string;
}

/** True when the edit changes something strictly inside `r` (an insertion at its very edges does not count). */
function touches(e: Edit, r: Range): boolean {
  return e.end > e.start ? e.start < r.end && e.end > r.start : e.start > r.start && e.start < r.end;
}

/**
 * The first tag an edit would damage:
 * - an edit that cuts it partly, or an insertion strictly inside it;
 * - a removal that takes a tag standing between properties or statements (`<?php if (…): ?>` may pair with an
 *   `endif` elsewhere), or a code tag inside a JavaScript comment (the server runs it all the same);
 * - an output tag between the properties of a payload that would change: it may print properties of its own
 *   (`<?= $block->getAmountJs() ?>`), which cannot be seen from the JavaScript;
 * - an insertion between two code tags among the same object's properties: it could land in one branch of a
 *   server-side conditional (`<?php if (…): ?> type: 'a', <?php else: ?> type: 'b', <?php endif ?>`).
 */
export function tagConflict(tags: readonly MaskedTag[], edits: readonly Edit[]): TagConflict | undefined {
  for (const tag of tags) {
    for (const e of edits) {
      if (e.start === e.end) {
        if (e.start > tag.start && e.start < tag.end) return { tag, why: 'would have text inserted inside it' };
        continue;
      }
      if (e.start >= tag.end || e.end <= tag.start) continue;
      if (e.start > tag.start || e.end < tag.end) return { tag, why: 'would be cut by an edit' };
      if (tag.role === 'trivia' || (tag.role === 'comment' && tag.kind === 'code')) {
        return { tag, why: 'would be removed although it is not part of a removed value' };
      }
    }
    if (tag.role === 'trivia' && tag.kind === 'output' && tag.object) {
      const scope = tag.rootObject ?? tag.object;
      if (edits.some((e) => touches(e, scope))) {
        return { tag, why: 'stands between the properties of a payload that would change (it may print properties of its own)' };
      }
    }
  }
  const between = tags.filter((t) => t.role === 'trivia' && t.kind === 'code' && t.object);
  for (const e of edits) {
    if (e.text === '') continue;
    const before = between.find((t) => t.end <= e.start && touches(e, t.object as Range) && between.some((u) => u.object === t.object && u.start >= e.end));
    if (before) return { tag: before, why: 'opens a stretch of properties where a property would be inserted (it may be conditional)' };
  }
  return undefined;
}

/** Findings that describe an edit: they go when the block's edits are dropped. */
const EDIT_FINDINGS: ReadonlySet<FindingId> = new Set(['migrated', 'session-id-unbound', 'inferred-removal']);

export function finding(id: FindingId, offset: number, data: Record<string, string>): RawFinding {
  return { id, severity: severityOf(id), offset, message: messageOf(id, data), data };
}

/** The block's result with no edits: every site that would have changed now needs review, at the tag's place. */
export function withoutEdits(result: EngineResult, conflict: TagConflict, original: string): EngineResult {
  const tagText = original.slice(conflict.tag.start, conflict.tag.end);
  const report = finding('template-tag-conflict', conflict.tag.start, { tag: shorten(tagText), why: conflict.why });
  return {
    edits: [],
    migrated: {},
    findings: [...result.findings.filter((f) => !EDIT_FINDINGS.has(f.id)), report].sort((a, b) => a.offset - b.offset),
    sites: result.sites.map((s) => (s.status === 'migrated' ? { ...s, status: 'review', editedLiterals: [] } : s)),
  };
}

/** A tag as a message shows it: on one line, at most 60 characters. */
export function shorten(tag: string): string {
  const one = tag.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 59)}…` : one;
}
