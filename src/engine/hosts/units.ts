// Script units of a host file, and the engine run on one unit with the template safeguards (issue 4).

import { dialectFor, type Dialect } from '../parse.js';
import { migrateSource, mightContainCalls, type SourceOutcome } from '../migrate-source.js';
import type { EngineOptions, EngineResult } from '../types.js';
import { findTags } from './find-tags.js';
import { finding, shorten, tagConflict, withoutEdits } from './guard.js';
import type { Range } from './js-context.js';
import { maskBlock, type MaskedTag } from './mask.js';
import { scriptBlocks } from './script-blocks.js';
import { hostTypeFor } from './tag-syntax.js';

/** A stretch of a host file that holds script: the whole file for `.js`, a `<script>` body in a template. */
export interface ScriptUnit {
  readonly start: number;
  /** What the engine parses: for a template block, its code with every tag masked (same length, same lines). */
  readonly text: string;
  readonly dialect: Dialect;
  /** Present for a `<script>` block of a template host file. */
  readonly template?: TemplateBlock;
}

export interface TemplateBlock {
  /** The block as the host file has it, tags included. */
  readonly original: string;
  readonly tags: readonly MaskedTag[];
  readonly objects: readonly Range[];
}

/** Undefined for a file type dr-migrate does not read. */
export function scriptUnits(path: string, text: string): ScriptUnit[] | undefined {
  const dialect = dialectFor(path);
  if (dialect) return [{ start: 0, text, dialect }];
  const host = hostTypeFor(path);
  if (!host) return undefined;
  const tags = findTags(text, host.tags);
  return scriptBlocks(text, tags).map((b) => {
    const original = text.slice(b.start, b.end);
    // A block without the prefilter word is never parsed, so it need not be masked either.
    if (!mightContainCalls(original)) return { start: b.start, text: original, dialect: b.dialect, template: { original, tags: [], objects: [] } };
    const inBlock = tags
      .filter((t) => t.start >= b.start && t.end <= b.end)
      .map((t) => ({ ...t, start: t.start - b.start, end: t.end - b.start }));
    const masked = maskBlock(original, inBlock);
    return { start: b.start, text: masked.text, dialect: b.dialect, template: { original, tags: masked.tags, objects: masked.objects } };
  });
}

/**
 * The engine on one unit. For a template block: a block that does not parse is a review finding, not a failure
 * (templates are not JavaScript); edits that would damage a tag are all dropped and reported; messages name tags.
 */
export function migrateUnit(unit: ScriptUnit, options: EngineOptions): SourceOutcome {
  const outcome = migrateSource(unit.text, unit.dialect, options);
  const block = unit.template;
  if (!block) return outcome;
  if (outcome.kind === 'failed') {
    if (outcome.finding.id !== 'parse-error') return outcome;
    const data = { why: (outcome.finding.data.why ?? '?').replace(/\.$/, ''), tags: block.tags.length > 0 ? 'some' : 'none' };
    const result: EngineResult = { edits: [], sites: [], migrated: {}, instances: [], findings: [finding('template-unparsable', outcome.finding.offset, data)] };
    return { kind: 'ok', output: unit.text, result };
  }
  const conflict = tagConflict(block.tags, block.objects, outcome.result.edits);
  const result = conflict ? withoutEdits(outcome.result, conflict, block.original) : outcome.result;
  const pairs = maskPairs(unit.text, block);
  // A review marker is inserted into the template: naming a tag there would make the server run it in the comment.
  const edits = result.edits.map((e) => (e.text === '' ? e : { ...e, text: restore(e.text, pairs, () => '[template tag]') }));
  const findings = result.findings.map((f) => ({
    ...f,
    message: restore(f.message, pairs),
    data: Object.fromEntries(Object.entries(f.data).map(([k, v]) => [k, restore(v, pairs)])),
  }));
  const sites = result.sites.map((site) => ({ ...site, evidence: restore(site.evidence, pairs) }));
  return { kind: 'ok', output: conflict ? unit.text : outcome.output, result: { ...result, edits, findings, sites } };
}

interface MaskPair {
  readonly mask: string;
  readonly tag: string;
}

/** Masks that can show in messages (names, spreads, string filler), each with its tag; longest first. */
function maskPairs(masked: string, block: TemplateBlock): MaskPair[] {
  return block.tags
    .filter((t) => t.role === 'value' || t.role === 'spread' || t.role === 'string')
    .map((t) => ({ mask: masked.slice(t.start, t.end).replace(/^\.\.\./, '').replace(/\s+/g, ' '), tag: shorten(block.original.slice(t.start, t.end)) }))
    .filter((p) => /[0-9a-z]/.test(p.mask))
    .sort((a, b) => b.mask.length - a.mask.length);
}

/** Messages quote source text: put the tags back where they show through their masks (`_3____` → `<?= $x ?>`). */
function restore(s: string, pairs: readonly MaskPair[], as: (p: MaskPair) => string = (p) => p.tag): string {
  return pairs.reduce((acc, p) => acc.split(p.mask).join(as(p)), s);
}
