// Keeps template tags whole: checks a block's edits against its tags and, when one is unsafe, drops them all (issue 4
// point 2). A tag may go only with the value it is part of (`"amount": <?= $total ?>`), never be cut or split.

import { idAndData, messageOf, severityOf, type FindingData, type FindingId } from '../../rules/findings.js';
import type { Edit, EngineResult, RawFinding } from '../types.js';
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
 * - a removal whose tags do not all go with what is removed: a tag masked as (part of) a value goes with it, a
 *   template comment goes with its line, and block tags go when the removal takes whole blocks (`{% for %}…{% endfor %}`
 *   inside a removed `items` array); any other code tag may pair with a tag elsewhere or set server state, and an
 *   output tag between properties may print properties of its own;
 * - an output tag between the properties of a payload that would change: what it prints cannot be seen;
 * - an insertion inside an open block among an object's properties (`<?php if (…): ?>` … `<?php endif ?>`): the new
 *   property would be sent on one branch only.
 */
export function tagConflict(tags: readonly MaskedTag[], objects: readonly Range[], edits: readonly Edit[]): TagConflict | undefined {
  for (const e of edits) {
    const covered: MaskedTag[] = [];
    for (const tag of tags) {
      if (e.start === e.end) {
        if (e.start > tag.start && e.start < tag.end) return { tag, why: 'would have text inserted inside it' };
      } else if (e.start < tag.end && e.end > tag.start) {
        if (e.start > tag.start || e.end < tag.end) return { tag, why: 'would be cut by an edit' };
        covered.push(tag);
      }
    }
    const lost = covered.find((t) => !goesWithRemoval(t)) ?? unbalanced(covered);
    if (lost) return { tag: lost, why: 'would be removed although it is not part of what is removed' };
  }
  for (const tag of tags) {
    if (tag.role !== 'trivia' || tag.kind !== 'output' || !tag.object) continue;
    const scope = tag.rootObject ?? tag.object;
    if (edits.some((e) => touches(e, scope))) {
      return { tag, why: 'stands between the properties of a payload that would change (it may print properties of its own)' };
    }
  }
  for (const e of edits) {
    if (e.text === '') continue;
    const home = innermost(objects, e.start);
    const around = tags.filter((t) => t.object === home && t.kind === 'code' && t.role === 'trivia');
    const open = openBlockBefore(around.filter((t) => t.end <= e.start));
    if (open) return { tag: open, why: 'opens a block of properties where a property would be inserted (it would be sent on one branch only)' };
    const unknownBefore = around.find((t) => !t.block && t.end <= e.start);
    if (unknownBefore && around.some((t) => !t.block && t.start >= e.end)) {
      return { tag: unknownBefore, why: 'may open a block of properties where a property would be inserted' };
    }
  }
  return undefined;
}

const VALUE_ROLES: ReadonlySet<MaskedTag['role']> = new Set(['value', 'spread', 'group', 'string']);

function goesWithRemoval(t: MaskedTag): boolean {
  if (t.kind === 'comment' || t.block) return true;
  if (t.kind === 'output') return t.role !== 'trivia';
  return VALUE_ROLES.has(t.role);
}

/** The first block tag of a removal that leaves a block half removed. */
function unbalanced(covered: readonly MaskedTag[]): MaskedTag | undefined {
  const open: MaskedTag[] = [];
  for (const t of covered) {
    if (t.block === 'open') open.push(t);
    else if ((t.block === 'close' && !open.pop()) || (t.block === 'middle' && open.length === 0)) return t;
  }
  return open[0];
}

/** The block tag still open at the end of `tags` (in order), if any. */
function openBlockBefore(tags: readonly MaskedTag[]): MaskedTag | undefined {
  const open: MaskedTag[] = [];
  for (const t of tags) {
    if (t.block === 'open') open.push(t);
    else if (t.block === 'close') open.pop();
  }
  return open[open.length - 1];
}

/** The smallest object literal strictly holding `offset`. */
function innermost(objects: readonly Range[], offset: number): Range | undefined {
  let best: Range | undefined;
  for (const o of objects) if (o.start < offset && offset < o.end && (!best || o.start > best.start)) best = o;
  return best;
}

/** Findings that describe an edit: they go when the block's edits are dropped. */
export const EDIT_FINDINGS: ReadonlySet<FindingId> = new Set(['migrated', 'session-id-unbound', 'inferred-removal']);

export function finding<I extends FindingId>(id: I, offset: number, data: FindingData<I>): RawFinding {
  const made = idAndData(id, data);
  return { id, severity: severityOf(id), offset, message: messageOf(id, made.data), data: made.data };
}

/** The block's result with no edits: every site that would have changed now needs review, at the tag's place. */
export function withoutEdits(result: EngineResult, conflict: TagConflict, original: string): EngineResult {
  const tagText = original.slice(conflict.tag.start, conflict.tag.end);
  const report = finding('template-tag-conflict', conflict.tag.start, { tag: shorten(tagText), why: conflict.why });
  return {
    edits: [],
    migrated: {},
    instances: result.instances,
    findings: [...result.findings.filter((f) => !EDIT_FINDINGS.has(f.id)), report].sort((a, b) => a.offset - b.offset),
    sites: result.sites.map((s) => (s.status === 'migrated' ? { ...s, status: 'review', editedLiterals: [], reason: report.message } : s)),
  };
}

/** A tag as a message shows it: on one line, at most 60 characters. */
export function shorten(tag: string): string {
  const one = tag.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 59)}…` : one;
}
