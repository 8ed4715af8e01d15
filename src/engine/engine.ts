// Runs every rule over one parsed program: find call sites, plan each, reconcile shared literals, emit edits.

import type * as t from '@babel/types';
import { idAndData, messageOf, severityOf, type FindingData, type FindingId } from '../rules/findings.js';
import { ruleFor, type MethodType } from '../rules/methods.js';
import { staticKey, traverse, type NodePath } from './babel.js';
import { removeStatement, rewriteObject } from '../rewrite/edits.js';
import { reviewMarker } from '../rewrite/review-marker.js';
import { InstanceIndex } from './evidence.js';
import type { PayloadPlan } from './payload-plan.js';
import { planSite, type PlannedFinding, type SitePlan } from './plan.js';
import { planSessionCall, sessionCallOf, type SessionCall } from './session-calls.js';
import { expressionFinder, planExternal } from './plan-external.js';
import { builderFinder, planBuilder } from './plan-builder.js';
import { siteFingerprint } from './fingerprint.js';
import { sessionNamesInScope, unboundRoot } from './session-scope.js';
import { callSiteOf, type CallSite } from './sites.js';
import { isTypeAnnotated } from './typed-literal.js';
import type { Edit, EngineOptions, EngineResult, RawFinding, SiteDecision, SiteKind } from './types.js';

export function migrateAst(text: string, ast: t.File, options: EngineOptions): EngineResult {
  const instances = new InstanceIndex();
  const sites: CallSite[] = [];
  const sessionCalls: SessionCall[] = [];
  const externals = options.analysis?.externalPayloads ?? [];
  const finder = expressionFinder(externals);
  const lookups = options.analysis?.builders ?? [];
  const builders = builderFinder(lookups);
  traverse(ast, {
    ...(externals.length > 0 ? finder.visitor : {}),
    ...(lookups.length > 0 ? builders.visitor : {}),
    NewExpression(path) {
      instances.noteConstruction(path);
    },
    // `dr?.createSource(p)` is an OptionalCallExpression with the same callee and arguments as a plain call.
    'CallExpression|OptionalCallExpression'(path) {
      const call = path as NodePath<t.CallExpression>;
      instances.noteConstruction(call);
      const site = callSiteOf(call, text);
      if (site) sites.push(site);
      else {
        const other = sessionCallOf(call, text);
        if (other) sessionCalls.push(other);
      }
    },
  });
  const ctx = {
    text,
    instances,
    methods: options.methods,
    rules: { removeCardAmounts: options.removeCardAmounts },
    options,
    ...(options.analysis ? { facts: options.analysis } : {}),
  };
  const others = sessionCalls.map((c) => planSessionCall(c, ctx)).filter((p): p is SitePlan => p !== undefined);
  const byName = builders.found.flatMap((b) => {
    const lookup = lookups.find((l) => l.name === b.name);
    return lookup ? [planBuilder(b, lookup, ctx)] : [];
  });
  const planned = [...sites.map((s) => planSite(s, ctx)), ...others, ...externals.map((e) => planExternal(e, finder.found, ctx)), ...byName];
  const plans = reconcile(planned.sort((a, b) => a.offset - b.offset));
  return { ...emit(text, plans, options), instances: instances.constructions };
}

/** A literal reached from several call sites must get one migration; if they disagree, none of them is migrated. */
function reconcile(plans: SitePlan[]): SitePlan[] {
  const owners = new Map<t.ObjectExpression, Set<string>>();
  plans.forEach((p) =>
    p.payloads.forEach(({ plan, signature }) =>
      plan.literals.forEach((_, lit) => owners.set(lit, (owners.get(lit) ?? new Set()).add(signature))),
    ),
  );
  return plans.map((p) => {
    const conflict = p.payloads.some(({ plan }) => [...plan.literals.keys()].some((lit) => (owners.get(lit)?.size ?? 0) > 1));
    if (!conflict) return p;
    return {
      ...p,
      status: 'review',
      hybrid: false,
      payloads: [],
      findings: [{ id: 'shared-payload-conflict', offset: p.offset, data: {} }],
    };
  });
}

function emit(text: string, plans: SitePlan[], options: EngineOptions): Omit<EngineResult, 'instances'> {
  const edits: Edit[] = [];
  const findings: RawFinding[] = [];
  const sites: SiteDecision[] = [];
  const migrated: Partial<Record<MethodType, number>> = {};
  const doneLiterals = new Set<t.ObjectExpression>();
  const doneStatements = new Set<t.Node>();
  // Every finding is about the site being emitted: `sites.length` is its index once pushed below.
  const add = (f: PlannedFinding): void => {
    findings.push({ id: f.id, severity: severityOf(f.id), offset: f.offset, message: messageOf(f.id, f.data), data: f.data, site: sites.length });
  };
  const note = <I extends FindingId>(id: I, offset: number, data: FindingData<I>): void => add({ ...idAndData(id, data), offset });

  for (const site of plans) {
    site.findings.forEach(add);
    const edited: number[] = [];
    if (site.extraEdits.length > 0) {
      edits.push(...site.extraEdits);
      note('migrated', site.offset, { what: site.label ?? site.kind, summary: 'added sessionId' });
    }
    let typed = false;
    for (const { plan, methods } of site.payloads) {
      const before = edits.length;
      for (const [lit, lp] of plan.literals) {
        if (doneLiterals.has(lit)) continue;
        doneLiterals.add(lit);
        const insert = lp.insertAfter !== undefined ? { after: lp.insertAfter, property: sessionProperty(text, lit, options.sessionId) } : undefined;
        if (lp.remove.size === 0 && !insert) continue;
        edits.push(...rewriteObject(text, shapeOf(lit), lp.remove, insert));
        edited.push(lit.start ?? 0);
        typed ||= isTypeAnnotated(lp.literal);
      }
      for (const stmt of plan.statements) {
        if (doneStatements.has(stmt.node)) continue;
        doneStatements.add(stmt.node);
        edits.push(removeStatement(text, { start: stmt.node.start ?? 0, end: stmt.node.end ?? 0 }));
      }
      for (const branch of plan.branches) edits.push({ start: branch.start, end: branch.end, text: '' });
      if (edits.length === before) continue;
      const method = methods.join('/');
      if (site.kind === 'createSource') for (const m of methods.slice(0, 1)) migrated[m] = (migrated[m] ?? 0) + 1;
      note('migrated', site.offset, { method, summary: summary(plan), ...(site.label ? { what: site.label } : {}) });
      if (methods.some((m) => ruleFor(m).policy === 'inferred-removals')) {
        const keys = plan.removed.filter((k) => !k.includes('.'));
        if (keys.length > 0) note('inferred-removal', site.offset, { keys: keys.join(', ') });
      }
      if (plan.sessionTarget) {
        const root = unboundRoot(plan.sessionTarget, options.sessionId);
        if (root) note('session-id-unbound', plan.sessionTarget.node.start ?? site.offset, unboundData(plan.sessionTarget, root, false));
      }
    }
    // The session id an earlier run inserted stays reported until the code defines it (issues 17 and 18): the same
    // expression, still unbound where it is read.
    for (const { plan } of site.payloads) {
      const value = plan.sessionTarget ? undefined : plan.sessionValue;
      if (!value || text.slice(value.node.start ?? 0, value.node.end ?? 0) !== options.sessionId) continue;
      const root = unboundRoot(value, options.sessionId);
      if (root) note('session-id-unbound', value.node.start ?? site.offset, unboundData(value, root, true));
    }
    // A paymentRequest left as it is is `kept` with its own note (issue 18); one that sends sessionId is as migrated as any.
    // A payload whose merge was not checked says so in its own finding, in place of "already uses payment sessions".
    if (site.status === 'already-migrated' && !site.findings.some((f) => f.id === 'merge-unchecked')) {
      note('already-migrated', site.offset, { method: site.methods.join('/'), ...(site.kind !== 'createSource' ? { what: KIND_LABEL[site.kind] } : {}) });
    }
    if (site.status === 'review' && options.markReview) {
      const first = site.findings.find((f) => severityOf(f.id) === 'review');
      const marker = first ? reviewMarker(text, site.statementStart, messageOf(first.id, first.data)) : undefined;
      if (marker) edits.push(marker);
    }
    // A kept site says why it is kept where a review site says why it needs a person (issue 18).
    const reason = site.findings.find((f) => severityOf(f.id) === 'review') ?? (site.status === 'kept' ? site.findings[0] : undefined);
    // A typed literal that changed asks the checker to change its type's declaration too (issue 5).
    const deferred = site.deferred ?? (typed ? ({ kind: 'payload-type' } as const) : undefined);
    // The payload is its literals and the statements that set its legacy fields afterwards (`p.amount = …`).
    const payloadParts = site.payloads.flatMap(({ plan }) => [...plan.literals.keys(), ...plan.statements.map((st) => st.node)]);
    const literals = [...(site.payloadRanges ?? []), ...payloadParts.map((n) => ({ start: n.start ?? 0, end: n.end ?? 0 }))];
    sites.push({
      offset: site.offset,
      kind: site.kind,
      status: site.status,
      hybrid: site.hybrid,
      methods: site.methods,
      evidence: site.evidence,
      editedLiterals: edited,
      fingerprint: siteFingerprint(text, site.kind, site.methods, { start: site.offset, end: site.callEnd }, literals),
      ...(reason ? { reason: messageOf(reason.id, reason.data) } : {}),
      ...(deferred ? { deferred } : {}),
      ...(site.builder ? { builder: site.builder } : {}),
      ...(site.serves ? { serves: site.serves } : {}),
    });
  }
  findings.sort((a, b) => a.offset - b.offset);
  return { edits, findings, sites, migrated };
}

/**
 * What a session-id-unbound finding says: the name, the names in scope that may hold the session id instead, and
 * whether the value is already in the code (`inCode`): another --session-id does not replace a value already written,
 * so its remedy is an edit, not a flag.
 */
function unboundData(at: NodePath, root: string, inCode: boolean): FindingData<'session-id-unbound'> {
  const names = sessionNamesInScope(at);
  return { root, ...(names.length > 0 ? { inScope: names.join(', ') } : {}), ...(inCode ? { inCode: 'true' } : {}) };
}

function summary(plan: PayloadPlan): string {
  const parts: string[] = [];
  if (plan.sessionTarget) parts.push('added sessionId');
  if (plan.removed.length > 0) parts.push(`removed ${[...new Set(plan.removed)].join(', ')}`);
  return parts.join('; ');
}

function shapeOf(lit: t.ObjectExpression): { start: number; end: number; properties: { start: number; end: number }[] } {
  return {
    start: lit.start ?? 0,
    end: lit.end ?? 0,
    properties: lit.properties.map((p) => ({ start: p.start ?? 0, end: p.end ?? 0 })),
  };
}

/** `sessionId` written in the style of its siblings: the `type` key's quotes and colon spacing (issue 2 point 6). */
function sessionProperty(text: string, lit: t.ObjectExpression, expr: string): string {
  const props = lit.properties.filter((p): p is t.ObjectProperty => p.type === 'ObjectProperty');
  const anchor = props.find((p) => staticKey(p.key, p.computed) === 'type') ?? props.find((p) => !p.computed);
  let quote = '';
  let colon = ': ';
  if (anchor) {
    if (anchor.key.type === 'StringLiteral') quote = text[anchor.key.start ?? 0] ?? '"';
    if (!anchor.shorthand && !anchor.computed) {
      const between = text.slice(anchor.key.end ?? 0, anchor.value.start ?? 0);
      if (/^[ \t]*:[ \t]*$/.test(between)) colon = between;
    }
  }
  if (expr === 'sessionId' && quote === '' && props.some((p) => p.shorthand)) return 'sessionId';
  return `${quote}sessionId${quote}${colon}${expr}`;
}

/** How reports name the call kinds that are not createSource payloads. */
const KIND_LABEL: Record<SiteKind, string> = {
  createSource: 'createSource payload',
  retrieveAvailablePaymentMethods: 'retrieveAvailablePaymentMethods call',
  'paypal-element': 'PayPal element sourceData',
  'paypal-element-update': 'PayPal element sourceData',
  paymentRequest: 'paymentRequest options',
  dropin: 'Drop-in configuration',
};
