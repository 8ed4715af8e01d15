// Decides, for one call site, whether it is DigitalRiver.js, which method it is, and what to change.

import type * as t from '@babel/types';
import { idAndData, type FindingData, type FindingId, type IdAndData } from '../rules/findings.js';
import { isMethodType, removalSignature, ruleFor, type MethodType, type RuleOptions } from '../rules/methods.js';
import { sourceOf, staticKey, type NodePath } from './babel.js';
import type { InstanceIndex } from './evidence.js';
import { mergeRules, planPayload, type PayloadPlan } from './payload-plan.js';
import { fieldAssignments, resolvePayload, type Alternative, type FieldAssignment, type Resolution } from './resolve.js';
import type { CallSite } from './sites.js';
import type { AnalysisFacts, Deferral, DeferredSpan, Edit, EngineOptions, SiteKind, SiteStatus, Span } from './types.js';
import { unboundRoot } from './session-scope.js';
import { bearerNear, restClientName, serverCodeReason, SERVER_ONLY_KEYS } from './server-code.js';
import { untypedParameterFunction } from './untyped-parameter.js';
import { possibleStrings, type KnownStrings } from './values.js';

/** A finding the plan makes: its data checked against its id's message (issue 16). */
export type PlannedFinding = IdAndData & { readonly offset: number };

export interface PlanBase {
  readonly kind: SiteKind;
  readonly offset: number;
  /** End of the call expression: with `offset`, the text the site's fingerprint is taken from. */
  readonly callEnd: number;
  /** Object literals the payload was traced to, besides those planned in `payloads` (e.g. of a review site). */
  readonly payloadRanges?: readonly { readonly start: number; readonly end: number }[];
  /** Code that already sends `sessionId` yet still carries legacy fields or a legacy-only branch. */
  readonly hybrid: boolean;
  /** Edits beyond the payload literals, e.g. a `{ sessionId }` argument added to a call that had none. */
  readonly extraEdits: readonly Edit[];
  /** How the `migrated` finding names what was migrated, when it is not a method's payload. */
  readonly label?: string;
  /** Start of the statement holding the call: where a review marker goes. */
  readonly statementStart: number;
}

export interface SitePlan extends PlanBase {
  readonly status: SiteStatus;
  readonly methods: readonly MethodType[];
  readonly evidence: string;
  readonly findings: PlannedFinding[];
  /** One plan per payload alternative that is migrated. */
  readonly payloads: readonly { readonly plan: PayloadPlan; readonly signature: string; readonly methods: readonly MethodType[] }[];
  readonly deferred?: Deferral;
  /** A builder found by name: the method name (issue 13). */
  readonly builder?: string;
  /** A payload built here for calls elsewhere: those call sites, as `file:line, …`. */
  readonly serves?: string;
}

export interface PlanContext {
  readonly text: string;
  readonly instances: InstanceIndex;
  readonly methods: ReadonlySet<MethodType>;
  readonly rules: RuleOptions;
  readonly options: EngineOptions;
  readonly facts?: AnalysisFacts;
}

/** The `type` an alternative sends: the last `type` property in merge order, or `p.type = …` assignments. */
export function typesOf(
  alt: Alternative,
  assigns: readonly FieldAssignment[],
  known: KnownStrings | undefined,
): { types?: ReadonlySet<string>; unresolved: NodePath[]; missing: boolean } {
  let typeValue: NodePath | undefined;
  for (const part of alt.parts) {
    for (const prop of part.get('properties')) {
      if (prop.isObjectProperty() && staticKey(prop.node.key, prop.node.computed) === 'type') typeValue = prop.get('value') as NodePath;
    }
  }
  const assigned = assigns.filter((a) => a.path.length === 1 && a.path[0] === 'type');
  if (!typeValue && assigned.length === 0) return { missing: true, unresolved: [] };
  const sources = [...(typeValue ? [typeValue] : []), ...assigned.map((a) => a.assignment.get('right') as NodePath)];
  const all = new Set<string>();
  const unresolved: NodePath[] = [];
  for (const s of sources) {
    const v = possibleStrings(s, 0, known);
    if (!v) unresolved.push(s);
    else v.forEach((x) => all.add(x));
  }
  return unresolved.length > 0 ? { unresolved, missing: false } : { types: all, unresolved, missing: false };
}

/** Computed keys (`[type]: {…}`) local syntax cannot evaluate: the checker is asked for them with the `type`. */
function unresolvedKeys(alt: Alternative, known: KnownStrings | undefined): NodePath[] {
  return alt.parts.flatMap((part) =>
    part
      .get('properties')
      .filter((prop) => prop.isObjectProperty() && prop.node.computed && !possibleStrings(prop.get('key') as NodePath, 0, known))
      .map((prop) => prop.get('key') as NodePath),
  );
}

/**
 * A card payload that states its `usage` (`'convenience'`: a card saved for later) with no sessionId sent and no
 * session id in scope is a card-saving form, not a checkout (issue 18): a checkout session id does not belong
 * there. The value of `usage` as written, or undefined for a checkout payload.
 */
function savedCardUsage(
  perAlt: readonly { alt: Alternative; types: MethodType[] }[],
  assigns: readonly FieldAssignment[],
  ctx: PlanContext,
): { usage: string; root: string } | undefined {
  if (!perAlt.every(({ types }) => types.every((m) => ruleFor(m).policy === 'card-amounts'))) return undefined;
  if (assigns.some((a) => a.path[0] === 'sessionId')) return undefined;
  let usage: string | undefined;
  for (const prop of perAlt.flatMap(({ alt }) => alt.parts.flatMap((part) => part.node.properties))) {
    if (prop.type !== 'ObjectProperty') continue;
    const key = staticKey(prop.key, prop.computed);
    if (key === 'sessionId') return undefined;
    if (key === 'usage') usage ??= sourceOf(ctx.text, prop.value);
  }
  if (usage === undefined) return undefined;
  const roots = perAlt.map(({ alt }) => unboundRoot(alt.primary, ctx.options.sessionId));
  const root = roots[0];
  return root !== undefined && roots.every((r) => r !== undefined) ? { usage, root } : undefined;
}

/** A key of the payload that marks a body for Digital River's server API rather than DigitalRiver.js (issue 18). */
function serverOnlyKey(alternatives: readonly Alternative[], text: string): string | undefined {
  for (const part of alternatives.flatMap((a) => a.parts)) {
    for (const prop of part.node.properties) {
      if (prop.type !== 'ObjectProperty') continue;
      const key = staticKey(prop.key, prop.computed);
      if (key && SERVER_ONLY_KEYS.includes(key)) return `\`${key}\``;
      if (key === 'customerId' && bearerNear(text, prop.start ?? 0)) return '`customerId` with a bearer token';
    }
  }
  return undefined;
}

const spanOf = (node: t.Node): Span => ({ start: node.start ?? 0, end: node.end ?? 0 });

export function planSite(site: CallSite, ctx: PlanContext): SitePlan {
  const { text } = ctx;
  const offset = site.call.node.start ?? 0;
  const receiver = ctx.instances.classify(site.receiver);
  const positive = receiver.kind === 'digitalriver';
  const statementStart = site.call.getStatementParent()?.node.start ?? offset;
  const base: PlanBase = { kind: 'createSource', offset, callEnd: site.call.node.end ?? offset, statementStart, hybrid: false, extraEdits: [] };
  const notDr = (why: string): SitePlan => notDigitalRiver(base, why);
  const suspect = positive || (receiver.kind === 'unknown' && receiver.looksLikeDr);
  const evidence = positive ? receiver.why : 'the receiver is named like a DigitalRiver.js instance';

  if (site.argCount === 0) return notDr('it is called without a payload, like a method of another library');
  if (receiver.kind === 'stripe') return notDr(receiver.why);
  if (receiver.kind === 'unknown') {
    // Server code and REST clients call Digital River's API by the same name with the same `type`s (issue 18).
    const server = serverCodeReason(text, ctx.options.file);
    if (server) return notDr(`${server}, and nothing traces the receiver to new DigitalRiver(…)`);
    if (restClientName(receiver.leaf)) return notDr(`the receiver \`${receiver.leaf}\` is named like a REST API client, and nothing traces it to new DigitalRiver(…)`);
  }
  if (site.argCount > 2 && !positive) return notDr(`its ${site.argCount} arguments do not fit createSource([element,] payload)`);
  if (!site.payload) {
    const why = site.payloadWhy ?? 'the payload argument cannot be found';
    return suspect ? reviewPlan(base, { id: 'payload-unresolved', data: { why } }, evidence) : notDr(`${why}, and nothing traces the receiver to new DigitalRiver(…)`);
  }
  const resolved = resolvePayload(site.payload, text);
  if (!resolved.ok) {
    if (!suspect) return notDr(`its payload cannot be traced (${resolved.why}) and nothing traces the receiver to new DigitalRiver(…)`);
    // Already sends sessionId: migrated, with the merge it could not read named rather than failed (issue 18).
    if (resolved.sessionSent !== undefined) {
      const findings: PlannedFinding[] = [{ id: 'merge-unchecked', offset, data: { expression: resolved.sessionSent } }];
      return { ...base, status: 'already-migrated', methods: [], payloads: [], evidence, findings };
    }
    return deferredPayload(base, resolved.why, resolved.defer, { positive, evidence }, ctx);
  }
  return planResolved(resolved, base, { positive, evidence }, ctx, notDr);
}

/** A site left alone as not DigitalRiver.js, saying why. */
export function notDigitalRiver(base: PlanBase, why: string): SitePlan {
  return { ...base, methods: [], payloads: [], status: 'not-digitalriver', evidence: why, findings: [{ id: 'not-digitalriver', offset: base.offset, data: { why } }] };
}

/** A payload whose value is defined elsewhere: settled by the plan of the file that builds it, or deferred. */
export function deferredPayload(
  base: PlanBase,
  why: string,
  defer: DeferredSpan | undefined,
  { positive, evidence }: { readonly positive: boolean; readonly evidence: string },
  ctx: PlanContext,
): SitePlan {
  const settled = defer ? ctx.facts?.settledSites?.get(base.offset) : undefined;
  if (settled) {
    return {
      ...base,
      status: settled.status,
      methods: settled.methods,
      evidence,
      payloads: [],
      findings: [
        settled.byName
          ? { id: 'payload-by-name', offset: base.offset, data: { name: settled.byName, builders: settled.target, status: settled.status } }
          : { id: 'payload-elsewhere', offset: base.offset, data: { target: settled.target, status: settled.status } },
      ],
    };
  }
  const untraced = ctx.facts?.untraced?.get(base.offset);
  const plan = reviewPlan(base, { id: 'payload-unresolved', data: { why: untraced ? `${why}, and the type checker cannot trace it: ${untraced}` : why } }, evidence);
  if (!defer || untraced) return plan;
  const expression = { start: defer.start, end: defer.end };
  return { ...plan, deferred: { kind: 'payload', expression, positive, ...(defer.member ? { member: defer.member } : {}) } };
}

function reviewPlan(base: PlanBase, finding: IdAndData, evidence: string, methods: MethodType[] = []): SitePlan {
  return { ...base, methods, payloads: [], status: 'review', evidence, findings: [{ ...finding, offset: base.offset }] };
}

/** From a traced payload on: its possible types, the rule they share, and the plan of each alternative. */
export function planResolved(
  resolved: Extract<Resolution, { ok: true }>,
  base: PlanBase,
  posture: { readonly positive: boolean; readonly evidence: string },
  ctx: PlanContext,
  notDr: (why: string) => SitePlan,
): SitePlan {
  const { offset } = base;
  // The traced literals identify the site in a baseline even when it is left for review (issue 9).
  base = { ...base, payloadRanges: resolved.alternatives.flatMap((a) => a.parts.map((p) => ({ start: p.node.start ?? 0, end: p.node.end ?? 0 }))) };
  const { positive, evidence } = posture;
  const known = ctx.facts?.knownTypes;
  const review = <I extends FindingId>(id: I, data: FindingData<I>, why: string, methods: MethodType[] = []): SitePlan =>
    reviewPlan(base, idAndData(id, data), why, methods);
  const assigns = fieldAssignments(resolved.holders);
  if (!positive) {
    const serverKey = serverOnlyKey(resolved.alternatives, ctx.text);
    if (serverKey) return notDr(`its payload sends ${serverKey}, which only Digital River's server API takes`);
  }

  const perAlt: { alt: Alternative; types: MethodType[] }[] = [];
  for (const alt of resolved.alternatives) {
    const tv = typesOf(alt, assigns, known);
    if (tv.missing) {
      return positive
        ? review('type-unresolved', { why: 'is missing from the payload' }, evidence)
        : notDr('its payload has no `type` and nothing traces the receiver to new DigitalRiver(…)');
    }
    if (!tv.types) {
      const first = tv.unresolved[0];
      const why = `cannot be determined from \`${first ? sourceOf(ctx.text, first.node) : '?'}\``;
      // Every `type` value and computed key of every alternative goes to the checker at once.
      const expressions = resolved.alternatives.flatMap((a) => [...typesOf(a, assigns, known).unresolved, ...unresolvedKeys(a, known)]);
      // An untyped JavaScript parameter is `any` to the checker: the run may skip asking it (analysis-gate.ts).
      const untyped = untypedParameterFunction(expressions, ctx.text, ctx.options.file);
      const deferred: Deferral = { kind: 'type', expressions: expressions.map((p) => spanOf(p.node)), ...(untyped ? { untypedParameterOf: untyped } : {}) };
      return { ...review('type-unresolved', { why }, evidence), deferred };
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
  const siteEvidence = positive ? evidence : `the payload type ${allMethods.map((m) => `"${m}"`).join(', ')} is a DigitalRiver.js source type`;
  const outOfScope = allMethods.filter((m) => !ctx.methods.has(m));
  if (outOfScope.length > 0) {
    return {
      ...base,
      methods: allMethods,
      status: 'filtered',
      evidence: siteEvidence,
      payloads: [],
      findings: [{ id: 'method-filtered', offset, data: { method: outOfScope.join(', ') } }],
    };
  }

  const savedCard = savedCardUsage(perAlt, assigns, ctx);
  if (savedCard) return review('saved-card-flow', savedCard, siteEvidence, allMethods);

  const planned = planAlternatives(perAlt, assigns, ctx);
  if ('id' in planned) return reviewPlan(base, planned, siteEvidence, allMethods);
  return { ...base, ...planned, methods: allMethods, evidence: siteEvidence };
}

type Planned = Pick<SitePlan, 'status' | 'hybrid' | 'findings' | 'payloads'>;

/** Plans every alternative of a traced payload whose types are known; a review finding when that cannot be done. */
export function planAlternatives(
  perAlt: readonly { alt: Alternative; types: MethodType[] }[],
  assigns: readonly FieldAssignment[],
  ctx: PlanContext,
): Planned | IdAndData {
  const payloads: SitePlan['payloads'][number][] = [];
  const findings: PlannedFinding[] = [];
  for (const { alt, types } of perAlt) {
    const signatures = new Set(types.map((m) => removalSignature(m, ctx.rules)));
    if (signatures.size > 1) return { id: 'type-conflict', data: { types: types.join(', ') } };
    const known = ctx.facts?.knownTypes;
    const plan = planPayload(alt, assigns, mergeRules(types, ctx.rules), {
      dropLegacyBranches: !!ctx.options.dropLegacyBranches,
      ...(known ? { settled: known } : {}),
    });
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

/** The details key a set of types is named by in messages: the first type's canonical one. */
function detailsOf(types: readonly MethodType[]): string {
  const first = types[0];
  return first ? (ruleFor(first).detailsKeys[0] ?? first) : 'details';
}

function notesToFindings(plan: PayloadPlan, types: readonly MethodType[]): PlannedFinding[] {
  const method = types.join('/');
  const out: PlannedFinding[] = [];
  for (const n of plan.notes) {
    if (n.kind === 'unknown-key') out.push({ id: 'unknown-key', offset: n.offset, data: { key: n.key, method } });
    else if (n.kind === 'card-amounts-kept') {
      if (!out.some((f) => f.id === 'card-amounts-kept')) out.push({ id: 'card-amounts-kept', offset: n.offset, data: {} });
    } else if (n.kind === 'unused-after-migration') {
      out.push({ id: 'unused-after-migration', offset: n.offset, data: { name: n.key, field: n.why ?? '' } });
    } else if (n.kind === 'top-level-shipping') {
      out.push({ id: 'top-level-shipping-kept', offset: n.offset, data: { method, details: `${detailsOf(types)}.shipping` } });
    } else if (n.kind === 'legacy-branch') out.push({ id: 'legacy-branch', offset: n.offset, data: { field: n.key } });
    else if (n.kind === 'legacy-branch-dropped') out.push({ id: 'legacy-branch-dropped', offset: n.offset, data: { field: n.key } });
    else if (n.kind === 'statement-unremovable') out.push({ id: 'statement-unremovable', offset: n.offset, data: { field: n.key, why: n.why ?? '' } });
  }
  return out;
}
