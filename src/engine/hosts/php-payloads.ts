// Migrates the payload arrays of a PHP file (issue 13) by the same rules table as the JavaScript engine: the legacy
// entries go and `'sessionId' => <expr>` follows `type`, as byte-exact splices checked by re-parsing the result.

import type { IdAndData } from '../../rules/findings.js';
import { AMOUNT_AND_CURRENCY } from '../../rules/methods.js';
import { knownTopLevel, mergeRules, type MergedRule } from '../payload-plan.js';
import { applyEdits, rewriteObject, type ObjectShape } from '../../rewrite/edits.js';
import type { Edit, EngineOptions } from '../types.js';
import { DEFAULT_PHP_SESSION_ID } from '../../rules/defaults.js';
import { isPhpHost, mightHoldPhpPayload, parsePhp, scanPhp, toArray, type PhpArray, type PhpEntry, type PhpPayload } from './php-arrays.js';

/** A finding about a PHP payload array: its data checked against its id's message (issue 16). */
export type PhpFinding = IdAndData & { readonly offset: number };

export interface PhpOutcome {
  readonly edits: readonly Edit[];
  readonly findings: readonly PhpFinding[];
  /** Offsets of the payload arrays migrated or already migrated: what a template's review item points to. */
  readonly payloads: readonly number[];
  readonly migrated: number;
  readonly methods: readonly PhpPayload['method'][];
}

const NONE: PhpOutcome = { edits: [], findings: [], payloads: [], migrated: 0, methods: [] };

export function migratePhp(path: string, text: string, options: EngineOptions): PhpOutcome {
  if (!isPhpHost(path) || !mightHoldPhpPayload(text)) return NONE;
  // A file php-parser cannot read is left to the script-block pass, which reports what it finds there.
  const parsed = parsePhp(text, path);
  if (!parsed.ok) return NONE;
  const scan = scanPhp(parsed.ast, text);
  if (scan.payloads.length === 0) return NONE;
  if (scan.serverCall) {
    const findings = scan.payloads.map((p) => ({ id: 'not-digitalriver' as const, offset: p.array.start, data: { why: scan.serverCall ?? '' } }));
    return { ...NONE, findings };
  }
  const edits: Edit[] = [];
  const findings: PhpFinding[] = [];
  const payloads: number[] = [];
  const methods: PhpPayload['method'][] = [];
  for (const p of scan.payloads) {
    const offset = p.array.start;
    if (!options.methods.has(p.method)) {
      findings.push({ id: 'method-filtered', offset, data: { method: p.method } });
      continue;
    }
    const planned = planArray(text, p, mergeRules([p.method], options), options.phpSessionId ?? DEFAULT_PHP_SESSION_ID);
    findings.push(...planned.findings);
    if (planned.status === 'review') continue;
    payloads.push(offset);
    edits.push(...planned.edits);
    if (planned.status === 'migrated') methods.push(p.method);
  }
  if (edits.length === 0) return { edits, findings, payloads, migrated: 0, methods };
  // The guard: output php-parser cannot read again is never written.
  const output = applyEdits(text, edits);
  const again = parsePhp(output, path);
  if (!again.ok) return { ...NONE, findings: [{ id: 'internal-error', offset: 0, data: { why: `the migrated PHP would not parse (${again.why})` } }] };
  return { edits, findings, payloads, migrated: methods.length, methods };
}

interface ArrayPlan {
  readonly status: 'migrated' | 'already-migrated' | 'review';
  readonly edits: readonly Edit[];
  readonly findings: readonly PhpFinding[];
}

function planArray(text: string, p: PhpPayload, rule: MergedRule, sessionExpr: string): ArrayPlan {
  const { array, method } = p;
  const details = array.entries[p.detailsIndex] as PhpEntry;
  const findings: PhpFinding[] = [];
  if (details.value?.kind !== 'array') {
    const why = `its \`${details.key ?? method}\` details are not an array literal in this file`;
    return { status: 'review', edits: [], findings: [{ id: 'payload-unresolved', offset: details.start, data: { why } }] };
  }
  const known = knownTopLevel(rule);
  const removed: string[] = [];
  const removeTop = new Set<number>();
  array.entries.forEach((e, i) => {
    if (e.key !== undefined && rule.removeTopLevel.has(e.key)) {
      removeTop.add(i);
      removed.push(e.key);
    } else if (e.key !== undefined && rule.cardAmountsKept && (AMOUNT_AND_CURRENCY as readonly string[]).includes(e.key)) {
      if (!findings.some((f) => f.id === 'card-amounts-kept')) findings.push({ id: 'card-amounts-kept', offset: e.start, data: {} });
    } else if (e.key === undefined || !known.has(e.key)) {
      findings.push({ id: 'unknown-key', offset: e.start, data: { key: e.key ?? '[computed]', method } });
    }
  });
  const inner = toArray(details.value, text);
  const removeDetails = new Set<number>();
  inner.entries.forEach((e, i) => {
    const name = `${details.key ?? method}.${e.key ?? '[computed]'}`;
    if (e.key !== undefined && rule.removeDetails.has(e.key)) {
      removeDetails.add(i);
      removed.push(name);
    } else if (e.key === undefined || !rule.keepDetails.has(e.key)) {
      findings.push({ id: 'unknown-key', offset: e.start, data: { key: name, method } });
    }
  });
  const hasSession = array.entries.some((e) => e.key === 'sessionId');
  const insert = hasSession ? undefined : { after: p.typeIndex, property: sessionEntry(text, array.entries[p.typeIndex] as PhpEntry, sessionExpr) };
  if (!insert && removed.length === 0) return { status: 'already-migrated', edits: [], findings: [...findings, { id: 'already-migrated', offset: array.start, data: { method } }] };
  const edits = [...rewriteObject(text, shapeOf(array), removeTop, insert)];
  if (removeDetails.size > 0) edits.push(...rewriteObject(text, shapeOf(inner), removeDetails));
  const summary = [...(insert ? ['added sessionId'] : []), ...(removed.length > 0 ? [`removed ${removed.join(', ')}`] : [])].join('; ');
  findings.push({ id: 'migrated', offset: array.start, data: { method, summary } });
  if (rule.inferred && removed.length > 0) findings.push({ id: 'inferred-removal', offset: array.start, data: { keys: removed.join(', ') } });
  return { status: 'migrated', edits, findings };
}

/** rewriteObject reads an array as it reads an object literal: from its opening bracket to just past its closing one. */
function shapeOf(array: PhpArray): ObjectShape {
  return { start: array.open, end: array.end, properties: array.entries.map((e) => ({ start: e.start, end: e.end })) };
}

/** `'sessionId' => $sessionId` with the `type` key's quote and arrow spacing; an aligned arrow stays aligned. */
function sessionEntry(text: string, type: PhpEntry, expr: string): string {
  const keyNode = type.keyNode;
  const valueNode = type.value;
  const keyStart = keyNode?.loc?.start.offset ?? type.start;
  const keyEnd = keyNode?.loc?.end.offset ?? type.start;
  const quote = text[keyStart] === '"' ? '"' : "'";
  const between = text.slice(keyEnd, valueNode?.loc?.start.offset ?? keyEnd);
  const m = /^([ \t]*)=>([ \t]*)$/.exec(between);
  const before = m?.[1] ?? ' ';
  const after = m?.[2] ?? ' ';
  const key = `${quote}sessionId${quote}`;
  const arrowColumn = keyEnd - keyStart + before.length;
  const pad = before.length > 1 ? ' '.repeat(Math.max(1, arrowColumn - key.length)) : before;
  return `${key}${pad}=>${after}${expr}`;
}
