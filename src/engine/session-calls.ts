// The other DigitalRiver.js calls that payment sessions change (spec §6, issue 6): retrieveAvailablePaymentMethods,
// the PayPal element's sourceData, paymentRequest and Drop-in. Each is planned like a createSource site.

import type * as t from '@babel/types';
import { idAndData, type FindingData, type FindingId } from '../rules/findings.js';
import { isMethodType, type MethodType } from '../rules/methods.js';
import { isMember, memberName, sourceOf, staticKey, unwrap, type NodePath } from './babel.js';
import { isPaypalElementCreation } from './evidence.js';
import type { PayloadPlan } from './payload-plan.js';
import { planAlternatives, typesOf, type PlanContext, type PlannedFinding, type SitePlan } from './plan.js';
import { fieldAssignments, resolvePayload, type Alternative, type FieldAssignment } from './resolve.js';
import type { SiteKind } from './types.js';
import { possibleStrings } from './values.js';
import { spelledOut, type PrefilterWord } from './prefilter.js';

export interface SessionCall {
  readonly kind: Exclude<SiteKind, 'createSource'>;
  readonly call: NodePath<t.CallExpression>;
  readonly receiver: NodePath;
  readonly args: readonly NodePath[];
}

/** Legacy filters the session replaces (spec §6: it never had `amount`). */
const LEGACY_FILTERS = new Set(['country', 'currency']);

/** The session calls' names among the prefilter's words: a finder may match only what the prefilter keeps (issue 7). */
const SESSION_WORDS = ['retrieveAvailablePaymentMethods', 'paymentRequest', 'createDropin', 'createDropIn'] as const satisfies readonly PrefilterWord[];
const NEEDS_SPELLING: ReadonlySet<string> = new Set(SESSION_WORDS);

export function sessionCallOf(call: NodePath<t.CallExpression>, text: string): SessionCall | undefined {
  const callee = unwrap(call.get('callee') as NodePath);
  if (!isMember(callee.node)) return undefined;
  const name = memberName(callee.node);
  // Spelled out as the prefilter sees it, not through escapes (`payment\u0052equest`).
  if (name !== undefined && NEEDS_SPELLING.has(name) && !spelledOut(text.slice(callee.node.property.start ?? 0, callee.node.property.end ?? 0), name)) return undefined;
  const receiver = callee.get('object') as NodePath;
  const args = call.get('arguments') as NodePath[];
  const make = (kind: SessionCall['kind']): SessionCall => ({ kind, call, receiver, args });
  if (name === 'retrieveAvailablePaymentMethods') return make('retrieveAvailablePaymentMethods');
  if (name === 'createElement' && isPaypalElementCreation(call.node)) return make('paypal-element');
  if (name === 'update' && args.length === 1) return make('paypal-element-update');
  if (name === 'paymentRequest') return make('paymentRequest');
  if (name === 'createDropin' || name === 'createDropIn') return make('dropin');
  return undefined;
}

type Base = Omit<SitePlan, 'status' | 'findings' | 'evidence'>;

/** Plans a session call; undefined when the call turns out not to be a DigitalRiver.js touchpoint at all. */
export function planSessionCall(sc: SessionCall, ctx: PlanContext): SitePlan | undefined {
  const offset = sc.call.node.start ?? 0;
  const receiver = ctx.instances.classify(sc.receiver);
  if (receiver.kind === 'stripe') return undefined;
  const base: Base = {
    kind: sc.kind,
    offset,
    callEnd: sc.call.node.end ?? offset,
    statementStart: sc.call.getStatementParent()?.node.start ?? offset,
    hybrid: false,
    extraEdits: [],
    methods: [],
    payloads: [],
  };
  const positive = receiver.kind === 'digitalriver';
  const byReceiver = positive ? receiver.why : undefined;
  const review = <I extends FindingId>(id: I, data: FindingData<I>, evidence: string): SitePlan => ({
    ...base,
    status: 'review',
    evidence,
    findings: [{ ...idAndData(id, data), offset }],
  });
  switch (sc.kind) {
    case 'retrieveAvailablePaymentMethods':
      return planFilters(sc, ctx, base, byReceiver ?? 'retrieveAvailablePaymentMethods is a DigitalRiver.js method', review);
    case 'paypal-element':
    case 'paypal-element-update': {
      const held = sc.kind === 'paypal-element-update' ? ctx.instances.paypalElement(sc.receiver) : 'created';
      const dom = unwrap(sc.receiver).node;
      // `document.createElement('paypal', { is })` is the DOM's, not DigitalRiver.js's.
      if (!held || (dom.type === 'Identifier' && dom.name === 'document')) return undefined;
      const evidence = sc.kind === 'paypal-element' ? "createElement('paypal', …) creates DigitalRiver.js's PayPal element" : `\`${held}\` is a PayPal element`;
      return planSourceData(sc, ctx, base, evidence, review);
    }
    case 'paymentRequest':
      if (!positive && !(receiver.kind === 'unknown' && receiver.looksLikeDr)) return undefined;
      return planPaymentRequest(sc, ctx, base, byReceiver ?? 'the receiver is named like a DigitalRiver.js instance', review);
    case 'dropin':
      return planDropin(sc, ctx, base, byReceiver, review);
  }
}

type Review = <I extends FindingId>(id: I, data: FindingData<I>, evidence: string) => SitePlan;

function emptyPayloadPlan(): PayloadPlan {
  return { literals: new Map(), statements: [], branches: [], removed: [], notes: [], hasSessionId: false };
}

function keyOf(prop: t.Node): string | undefined {
  return prop.type === 'ObjectProperty' ? staticKey(prop.key, prop.computed) : undefined;
}

/** `retrieveAvailablePaymentMethods(filters)`: `country`/`currency` become `sessionId`; no filters gain `{ sessionId }`. */
function planFilters(sc: SessionCall, ctx: PlanContext, base: Base, evidence: string, review: Review): SitePlan {
  const label = 'retrieveAvailablePaymentMethods filters';
  const arg = sc.args[0];
  if (!arg) {
    const open = ctx.text.indexOf('(', sc.call.node.callee.end ?? 0);
    const edit = { start: open + 1, end: open + 1, text: `{ sessionId: ${ctx.options.sessionId} }` };
    return { ...base, label, extraEdits: [edit], status: 'migrated', evidence, findings: [] };
  }
  const resolved = resolvePayload(arg, ctx.text);
  if (!resolved.ok || resolved.alternatives.length !== 1) {
    return review('payload-unresolved', { why: resolved.ok ? 'the filters have several possible shapes' : resolved.why }, evidence);
  }
  const alt = resolved.alternatives[0] as Alternative;
  const assigns = fieldAssignments(resolved.holders);
  const literals: PayloadPlan['literals'] = new Map();
  const removed: string[] = [];
  const findings: PlannedFinding[] = [];
  let inLiteral = false;
  for (const part of alt.parts) {
    part.node.properties.forEach((prop, index) => {
      const key = keyOf(prop);
      if (key === 'sessionId') inLiteral = true;
      if (key !== undefined && LEGACY_FILTERS.has(key)) {
        const lp = literals.get(part.node) ?? { literal: part, remove: new Set<number>() };
        lp.remove.add(index);
        literals.set(part.node, lp);
        removed.push(key);
      } else if (key !== undefined && key.startsWith('supports')) {
        findings.push({ id: 'filter-kept', offset: prop.start ?? 0, data: { key } });
      }
    });
  }
  const statements = filterStatements(assigns, removed);
  const hadSession = inLiteral || assigns.some((a) => a.path[0] === 'sessionId');
  if (!hadSession) {
    const lp = literals.get(alt.primary.node) ?? { literal: alt.primary, remove: new Set<number>() };
    lp.insertAfter = -1;
    literals.set(alt.primary.node, lp);
  }
  const plan: PayloadPlan = {
    ...emptyPayloadPlan(),
    literals,
    statements,
    removed,
    hasSessionId: hadSession,
    ...(hadSession ? {} : { sessionTarget: alt.primary }),
  };
  const changes = plan.removed.length > 0 || !hadSession;
  return {
    ...base,
    label,
    hybrid: hadSession && plan.removed.length > 0,
    status: changes ? 'migrated' : 'already-migrated',
    evidence,
    findings,
    payloads: [{ plan, signature: 'filters', methods: [] }],
  };
}

/** `p.country = …;` statements on the filters variable go like the properties; their names join `removed`. */
function filterStatements(assigns: readonly FieldAssignment[], removed: string[]): NodePath<t.ExpressionStatement>[] {
  const out: NodePath<t.ExpressionStatement>[] = [];
  for (const a of assigns) {
    const head = a.path[0];
    if (a.path.length === 1 && head !== undefined && LEGACY_FILTERS.has(head) && a.statement) {
      out.push(a.statement);
      removed.push(head);
    }
  }
  return out;
}

const SOURCE_DATA = 'sourceData' satisfies PrefilterWord;

/** The `sourceData` of `createElement('paypal', { sourceData })` or `paypalElement.update({ sourceData })`. */
function planSourceData(sc: SessionCall, ctx: PlanContext, base: Base, evidence: string, review: Review): SitePlan {
  const options = sc.kind === 'paypal-element' ? sc.args[1] : sc.args[0];
  const outer = options ? resolvePayload(options, ctx.text) : undefined;
  if (!outer?.ok || outer.alternatives.length !== 1) {
    return review('payload-unresolved', { why: outer && !outer.ok ? outer.why : 'the element options cannot be traced' }, evidence);
  }
  let sourceData: NodePath | undefined;
  for (const part of (outer.alternatives[0] as Alternative).parts) {
    for (const prop of part.get('properties')) {
      if (prop.isObjectProperty() && keyOf(prop.node) === SOURCE_DATA && spelledOut(ctx.text.slice(prop.node.key.start ?? 0, prop.node.key.end ?? 0), SOURCE_DATA)) sourceData = prop.get('value') as NodePath;
    }
  }
  if (!sourceData) return { ...base, status: 'already-migrated', evidence, findings: [] };
  const resolved = resolvePayload(sourceData, ctx.text);
  if (!resolved.ok) return review('payload-unresolved', { why: `its sourceData cannot be traced: ${resolved.why}` }, evidence);
  const assigns = fieldAssignments(resolved.holders);
  const perAlt: { alt: Alternative; types: MethodType[] }[] = [];
  for (const alt of resolved.alternatives) {
    const tv = typesOf(alt, assigns, ctx.facts?.knownTypes);
    // The element is PayPal's: sourceData without a `type` is a PayPal payload.
    const types = tv.missing ? ['payPal'] : tv.types ? [...tv.types] : undefined;
    if (!types) return review('type-unresolved', { why: 'of the PayPal sourceData cannot be determined' }, evidence);
    const foreign = types.filter((x) => !isMethodType(x));
    if (foreign.length > 0) return review('method-not-in-table', { method: foreign.join(', ') }, evidence);
    perAlt.push({ alt, types: types.filter(isMethodType) });
  }
  const planned = planAlternatives(perAlt, assigns, ctx);
  const methods = [...new Set(perAlt.flatMap((a) => a.types))];
  if ('id' in planned) return { ...base, status: 'review', evidence, findings: [{ ...planned, offset: base.offset }], methods };
  return { ...base, ...planned, methods, label: `PayPal element sourceData (${methods.join('/')})`, evidence };
}

/**
 * `paymentRequest(options)`: may gain `sessionId` on request; `country`, `currency` and `total` always stay. Without
 * the request it is `kept`, never "already migrated" (issue 18): nothing was migrated, DigitalRiver.js still needs those
 * fields. Options that already send `sessionId` are already migrated either way.
 */
function planPaymentRequest(sc: SessionCall, ctx: PlanContext, base: Base, evidence: string, review: Review): SitePlan {
  const arg = sc.args[0];
  const resolved = arg ? resolvePayload(arg, ctx.text) : undefined;
  const alt = resolved?.ok && resolved.alternatives.length === 1 ? resolved.alternatives[0] : undefined;
  if (alt?.parts.some((p) => p.node.properties.some((prop) => keyOf(prop) === 'sessionId'))) {
    return { ...base, status: 'already-migrated', evidence, findings: [] };
  }
  if (!ctx.options.paymentRequestSessionId) {
    return { ...base, status: 'kept', evidence, findings: [{ id: 'payment-request-kept', offset: base.offset, data: {} }] };
  }
  if (!alt) {
    return review('payload-unresolved', { why: resolved && !resolved.ok ? resolved.why : 'its options cannot be traced' }, evidence);
  }
  const plan: PayloadPlan = {
    ...emptyPayloadPlan(),
    literals: new Map([[alt.primary.node, { literal: alt.primary, remove: new Set<number>(), insertAfter: -1 }]]),
    sessionTarget: alt.primary,
  };
  return { ...base, label: 'paymentRequest options', status: 'migrated', evidence, findings: [], payloads: [{ plan, signature: 'payment-request', methods: [] }] };
}

/**
 * Drop-in: checkout flow needs a sessionId, managePaymentMethods must not have one; nothing is rewritten. A
 * configuration (or its `options`) that cannot be traced is a review item, never "already migrated" (issue 18).
 *
 * A configuration merged with something that cannot be traced (`Object.assign({ options: { flow:
 * 'managePaymentMethods' } }, serverConfig)`, `{ ...response.dropin, options: … }`) is decided the same way:
 * resolvePayload fails the whole merge and names the part it could not trace, and that part may carry a sessionId a
 * managePaymentMethods Drop-in must not have (or lack the one a checkout flow needs), so the site needs review with
 * that reason whatever flow the traced part names (issue 18).
 */
function planDropin(sc: SessionCall, ctx: PlanContext, base: Base, byReceiver: string | undefined, review: Review): SitePlan | undefined {
  const config = sc.args[0];
  // No configuration: the default checkout flow, without a sessionId.
  if (!config) return byReceiver ? review('dropin-session-missing', {}, byReceiver) : undefined;
  // The reasons name the expressions read, in the file's own text (issue 18).
  const resolved = resolvePayload(config, ctx.text);
  if (!resolved.ok) {
    if (byReceiver) return review('dropin-unresolved', { why: resolved.why }, byReceiver);
    // Neither the receiver nor the configuration shows whose Drop-in this is: listed for a person rather than
    // dropped (issue 18), e.g. `this.checkout.createDropin(config)` with the instance injected from another file.
    const receiver = sourceOf(ctx.text, sc.receiver.node);
    const evidence = `the call is named like DigitalRiver.js's createDropin; \`${receiver}\` is not traced to new DigitalRiver(…)`;
    return review('dropin-receiver-untraced', { why: resolved.why, receiver }, evidence);
  }
  const parts = resolved.alternatives.flatMap((a) => a.parts);
  const keys = new Set(parts.flatMap((p) => p.node.properties.map(keyOf)));
  if (!byReceiver && !keys.has('sessionId') && !keys.has('flow') && !keys.has('options')) return undefined;
  const evidence = byReceiver ?? 'its configuration has the shape of a DigitalRiver.js Drop-in configuration';
  const flows = new Set<string>();
  let unknown: string | undefined;
  const collect = (ps: readonly NodePath<t.ObjectExpression>[], depth: number): void => {
    for (const part of ps) {
      for (const prop of part.get('properties')) {
        if (!prop.isObjectProperty()) continue;
        const key = keyOf(prop.node);
        const value = prop.get('value') as NodePath;
        if (key === 'flow') {
          const possible = possibleStrings(value);
          if (possible) possible.forEach((f) => flows.add(f));
          else unknown ??= `its flow \`${sourceOf(ctx.text, value.node)}\` cannot be determined`;
        }
        if (key === 'options' && depth === 0) {
          const inner = resolvePayload(value, ctx.text);
          if (inner.ok) collect(inner.alternatives.flatMap((a) => a.parts), 1);
          else unknown ??= `its options cannot be traced: ${inner.why}`;
        }
      }
    }
  };
  collect(parts, 0);
  // Options or a flow that cannot be traced may name either flow: only a person can tell which sessionId rule holds.
  if (unknown) return review('dropin-unresolved', { why: unknown }, evidence);
  const manage = flows.has('managePaymentMethods');
  const hasSession = keys.has('sessionId');
  if (!manage && !hasSession) return review('dropin-session-missing', {}, evidence);
  if (manage && hasSession) return review('dropin-session-in-manage-flow', {}, evidence);
  return { ...base, status: 'already-migrated', evidence, findings: [] };
}
