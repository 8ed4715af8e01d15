// Decides, for one createSource call site, whether it is DigitalRiver.js, which method it is, and what to change.

import type * as t from '@babel/types';
import type { FindingId } from '../findings.js';
import { isMethodType, removalSignature, type MethodType, type RuleOptions } from '../rules/methods.js';
import { sourceOf, staticKey, type NodePath } from './babel.js';
import type { InstanceIndex } from './evidence.js';
import { mergeRules, planPayload, type PayloadPlan } from './payload-plan.js';
import { fieldAssignments, resolvePayload, type Alternative, type FieldAssignment } from './resolve.js';
import type { CallSite } from './sites.js';
import type { Edit, EngineOptions, SiteKind, SiteStatus } from './types.js';
import { possibleStrings } from './values.js';

export interface PlannedFinding {
  readonly id: FindingId;
  readonly offset: number;
  readonly data: Record<string, string>;
}

export interface SitePlan {
  readonly kind: SiteKind;
  readonly offset: number;
  /** End of the call expression: with `offset`, the text the site's fingerprint is taken from. */
  readonly callEnd: number;
  /** Object literals the payload was traced to, besides those planned in `payloads` (e.g. of a review site). */
  readonly payloadRanges?: readonly { readonly start: number; readonly end: number }[];
  readonly hybrid: boolean;
  /** Edits beyond the payload literals, e.g. a `{ sessionId }` argument added to a call that had none. */
  readonly extraEdits: readonly Edit[];
  /** How the `migrated` finding names what was migrated, when it is not a method's payload. */
  readonly label?: string;
  /** Start of the statement holding the call: where a review marker goes. */
  readonly statementStart: number;
  readonly status: SiteStatus;
  readonly methods: readonly MethodType[];
  readonly evidence: string;
  readonly findings: PlannedFinding[];
  /** One plan per payload alternative that is migrated. */
  readonly payloads: readonly { readonly plan: PayloadPlan; readonly signature: string; readonly methods: readonly MethodType[] }[];
}

export interface PlanContext {
  readonly text: string;
  readonly instances: InstanceIndex;
  readonly methods: ReadonlySet<MethodType>;
  readonly rules: RuleOptions;
  readonly options: EngineOptions;
}

/** The `type` an alternative sends: the last `type` property in merge order, or `p.type = …` assignments. */
export function typesOf(alt: Alternative, assigns: readonly FieldAssignment[]): { types?: ReadonlySet<string>; from?: t.Node; missing: boolean } {
  let typeValue: NodePath | undefined;
  for (const part of alt.parts) {
    for (const prop of part.get('properties')) {
      if (prop.isObjectProperty() && staticKey(prop.node.key, prop.node.computed) === 'type') typeValue = prop.get('value') as NodePath;
    }
  }
  const assigned = assigns.filter((a) => a.path.length === 1 && a.path[0] === 'type');
  if (!typeValue && assigned.length === 0) return { missing: true };
  const sources = [...(typeValue ? [typeValue] : []), ...assigned.map((a) => a.assignment.get('right') as NodePath)];
  const all = new Set<string>();
  for (const s of sources) {
    const v = possibleStrings(s);
    if (!v) return { from: s.node, missing: false };
    v.forEach((x) => all.add(x));
  }
  return { types: all, missing: false };
}

export function planSite(site: CallSite, ctx: PlanContext): SitePlan {
  const { text } = ctx;
  const offset = site.call.node.start ?? 0;
  const receiver = ctx.instances.classify(site.receiver);
  const positive = receiver.kind === 'digitalriver';
  const statementStart = site.call.getStatementParent()?.node.start ?? offset;
  const callEnd = site.call.node.end ?? offset;
  let payloadRanges: { start: number; end: number }[] = [];
  const base = { kind: 'createSource' as const, offset, callEnd, statementStart, hybrid: false, extraEdits: [], methods: [] as MethodType[], payloads: [] };
  const notDr = (why: string): SitePlan => ({
    ...base,
    status: 'not-digitalriver',
    evidence: why,
    findings: [{ id: 'not-digitalriver', offset, data: { why } }],
  });
  const review = (id: FindingId, data: Record<string, string>, evidence: string, methods: MethodType[] = []): SitePlan => ({
    ...base,
    payloadRanges,
    methods,
    status: 'review',
    evidence,
    findings: [{ id, offset, data }],
  });
  const suspect = positive || (receiver.kind === 'unknown' && receiver.looksLikeDr);
  const evidence = positive ? receiver.why : 'the receiver is named like a DigitalRiver.js instance';

  if (site.argCount === 0) return notDr('it is called without a payload, like a method of another library');
  if (receiver.kind === 'stripe') return notDr(receiver.why);
  if (site.argCount > 2 && !positive) return notDr(`its ${site.argCount} arguments do not fit createSource([element,] payload)`);
  if (!site.payload) {
    const why = site.payloadWhy ?? 'the payload argument cannot be found';
    return suspect ? review('payload-unresolved', { why }, evidence) : notDr(`${why}, and nothing traces the receiver to new DigitalRiver(…)`);
  }
  const resolved = resolvePayload(site.payload, text);
  if (!resolved.ok) {
    return suspect
      ? review('payload-unresolved', { why: resolved.why }, evidence)
      : notDr(`its payload cannot be traced (${resolved.why}) and nothing traces the receiver to new DigitalRiver(…)`);
  }
  payloadRanges = resolved.alternatives.flatMap((a) => a.parts.map((p) => ({ start: p.node.start ?? 0, end: p.node.end ?? 0 })));
  const assigns = fieldAssignments(resolved.holders);

  const perAlt: { alt: Alternative; types: MethodType[] }[] = [];
  for (const alt of resolved.alternatives) {
    const tv = typesOf(alt, assigns);
    if (tv.missing) {
      return positive
        ? review('type-unresolved', { why: 'is missing from the payload' }, evidence)
        : notDr('its payload has no `type` and nothing traces the receiver to new DigitalRiver(…)');
    }
    if (!tv.types) {
      const why = `cannot be determined from \`${tv.from ? sourceOf(text, tv.from) : '?'}\``;
      return suspect ? review('type-unresolved', { why }, evidence) : notDr(`its type ${why} and nothing traces the receiver to new DigitalRiver(…)`);
    }
    const types = [...tv.types];
    const foreign = types.filter((x) => !isMethodType(x));
    if (foreign.length > 0) {
      if (!positive) return notDr(`type ${foreign.map((x) => `"${x}"`).join(', ')} is not a DigitalRiver.js source type`);
      return review('method-not-in-table', { method: foreign.join(', ') }, evidence);
    }
    perAlt.push({ alt, types: types.filter(isMethodType) });
  }

  const allMethods = [...new Set(perAlt.flatMap((a) => a.types))];
  const siteEvidence = positive ? receiver.why : `the payload type ${allMethods.map((m) => `"${m}"`).join(', ')} is a DigitalRiver.js source type`;
  const outOfScope = allMethods.filter((m) => !ctx.methods.has(m));
  if (outOfScope.length > 0) {
    return {
      ...base,
      payloadRanges,
      methods: allMethods,
      status: 'filtered',
      evidence: siteEvidence,
      findings: [{ id: 'method-filtered', offset, data: { method: outOfScope.join(', ') } }],
    };
  }

  const planned = planAlternatives(perAlt, assigns, ctx);
  if ('id' in planned) return review(planned.id, planned.data, siteEvidence, allMethods);
  return { ...base, ...planned, payloadRanges, methods: allMethods, evidence: siteEvidence };
}

type Planned = Pick<SitePlan, 'status' | 'hybrid' | 'findings' | 'payloads'>;

/** Plans every alternative of a traced payload whose types are known; a review finding when that cannot be done. */
export function planAlternatives(
  perAlt: readonly { alt: Alternative; types: MethodType[] }[],
  assigns: readonly FieldAssignment[],
  ctx: PlanContext,
): Planned | { id: FindingId; data: Record<string, string> } {
  const payloads: SitePlan['payloads'][number][] = [];
  const findings: PlannedFinding[] = [];
  for (const { alt, types } of perAlt) {
    const signatures = new Set(types.map((m) => removalSignature(m, ctx.rules)));
    if (signatures.size > 1) return { id: 'type-conflict', data: { types: types.join(', ') } };
    const plan = planPayload(alt, assigns, mergeRules(types, ctx.rules), { dropLegacyBranches: !!ctx.options.dropLegacyBranches });
    const unresolvedDetails = plan.notes.find((n) => n.kind === 'details-unresolved');
    if (unresolvedDetails) {
      return { id: 'payload-unresolved', data: { why: `its \`${unresolvedDetails.key}\` details cannot be traced to an object literal` } };
    }
    payloads.push({ plan, signature: [...signatures][0] ?? '', methods: types });
    findings.push(...notesToFindings(plan, types));
  }
  const changes = payloads.some(({ plan }) => plan.statements.length > 0 || plan.branches.length > 0 || [...plan.literals.values()].some((l) => l.remove.size > 0 || l.insertAfter !== undefined));
  const needsReview = findings.some((f) => f.id === 'legacy-branch' || f.id === 'statement-unremovable');
  const hybrid = payloads.some(({ plan }) => plan.hasSessionId && (plan.removed.length > 0 || plan.notes.some((n) => n.kind === 'legacy-branch') || plan.branches.length > 0));
  return { status: needsReview ? 'review' : changes ? 'migrated' : 'already-migrated', hybrid, findings, payloads };
}

function notesToFindings(plan: PayloadPlan, types: readonly MethodType[]): PlannedFinding[] {
  const method = types.join('/');
  const out: PlannedFinding[] = [];
  for (const n of plan.notes) {
    if (n.kind === 'unknown-key') out.push({ id: 'unknown-key', offset: n.offset, data: { key: n.key, method } });
    else if (n.kind === 'card-amounts-kept') {
      if (!out.some((f) => f.id === 'card-amounts-kept')) out.push({ id: 'card-amounts-kept', offset: n.offset, data: {} });
    } else if (n.kind === 'legacy-branch') out.push({ id: 'legacy-branch', offset: n.offset, data: { field: n.key } });
    else if (n.kind === 'legacy-branch-dropped') out.push({ id: 'legacy-branch-dropped', offset: n.offset, data: { field: n.key } });
    else if (n.kind === 'statement-unremovable') out.push({ id: 'statement-unremovable', offset: n.offset, data: { field: n.key, why: n.why ?? '' } });
  }
  return out;
}
