// Builders found by name (issue 13 §1): when a call site's payload is the result of a method call that neither
// local syntax nor the checker can resolve (`_this[REQUESTPAYLOAD].createObject(cart)`), the project's methods of
// that name are candidates, each judged on its own evidence and planned where it is declared.

import type * as t from '@babel/types';
import { isMember, sourceOf, staticKey, type Binding, type NodePath } from './babel.js';
import { notDigitalRiver, planResolved, typesOf, type PlanBase, type PlanContext, type SitePlan } from './plan.js';
import { fieldAssignments, resolvePayload, returnedValues, type Alternative } from './resolve.js';
import type { BuilderLookup } from './types.js';
import { isMethodType } from '../rules/methods.js';

/** A function declared under one of the looked-for names. */
export interface NamedFunction {
  readonly name: string;
  readonly fn: NodePath<t.Function>;
}

/** The name a function is declared under: a method, a property or variable holding it, `X.prototype.name = …`. */
function declaredName(fn: NodePath<t.Function>): string | undefined {
  const node = fn.node;
  if (node.type === 'ClassMethod' || node.type === 'ObjectMethod') {
    return node.kind === 'method' ? staticKey(node.key, node.computed) : undefined;
  }
  if (node.type === 'FunctionDeclaration') return node.id?.name;
  const parent = fn.parentPath;
  if (!parent) return undefined;
  if ((parent.isObjectProperty() || parent.isClassProperty()) && parent.node.value === node) return staticKey(parent.node.key, parent.node.computed);
  if (parent.isVariableDeclarator() && parent.node.id.type === 'Identifier') return parent.node.id.name;
  if (parent.isAssignmentExpression() && parent.node.right === node && isMember(parent.node.left)) {
    return staticKey(parent.node.left.property, parent.node.left.computed);
  }
  return undefined;
}

/** A visitor collecting the functions declared under the looked-for names, in source order. */
export function builderFinder(lookups: readonly BuilderLookup[]): {
  readonly visitor: { Function(path: NodePath<t.Function>): void };
  readonly found: NamedFunction[];
} {
  const names = new Set(lookups.map((l) => l.name));
  const found: NamedFunction[] = [];
  return {
    found,
    visitor: {
      Function(path: NodePath<t.Function>): void {
        const name = declaredName(path);
        if (name !== undefined && names.has(name)) found.push({ name, fn: path });
      },
    },
  };
}

/** `cart.paymentSession.id`, `checkout.payment.session.id`, `session.id`: read from a payment session. */
function readsSession(node: t.Node): boolean {
  let cur: t.Node = node;
  const names: string[] = [];
  while (isMember(cur)) {
    const key = staticKey(cur.property, cur.computed);
    if (key === undefined) return false;
    names.unshift(key);
    cur = cur.object;
  }
  if (cur.type === 'Identifier') names.unshift(cur.name);
  else if (cur.type !== 'ThisExpression') return false;
  return names.length >= 2 && names[names.length - 1] === 'id' && names.slice(0, -1).some((n) => /session/i.test(n));
}

/** Why a builder's payload is DigitalRiver.js's, from its own code; undefined when nothing says so. */
function builderEvidence(alternatives: readonly Alternative[], holders: readonly Binding[], ctx: PlanContext): string | undefined {
  const assigns = fieldAssignments(holders);
  const props = alternatives.flatMap((alt) => alt.parts.flatMap((part) => part.node.properties));
  const plain = props.filter((p): p is t.ObjectProperty => p.type === 'ObjectProperty');
  const sessionValue = [
    ...plain.filter((p) => !p.computed && staticKey(p.key, false) === 'sessionId').map((p) => p.value),
    ...assigns.filter((a) => a.path.length === 1 && a.path[0] === 'sessionId').map((a) => a.assignment.node.right),
  ].find(readsSession);
  if (sessionValue) return `it sets sessionId from \`${sourceOf(ctx.text, sessionValue)}\``;
  for (const alt of alternatives) {
    const types = typesOf(alt, assigns, ctx.facts?.knownTypes).types;
    const drTypes = [...(types ?? [])].filter(isMethodType);
    if (drTypes.length > 0) return `its type ${drTypes.map((m) => `"${m}"`).join(', ')} is a DigitalRiver.js source type`;
  }
  const typeValue = plain.find((p) => !p.computed && staticKey(p.key, false) === 'type')?.value;
  const typeText = typeValue ? sourceOf(ctx.text, typeValue) : undefined;
  const mirrored = plain.find((p) => p.computed && typeText !== undefined && sourceOf(ctx.text, p.key) === typeText);
  if (mirrored) return `its details key \`[${typeText ?? ''}]\` mirrors its type`;
  return undefined;
}

/**
 * The plan of one candidate builder. One whose own code gives no evidence that it builds a DigitalRiver.js payload
 * (a line item's `createObject` is not a source request) is left alone, and says so, so that the call site can name it.
 */
export function planBuilder(candidate: NamedFunction, lookup: BuilderLookup, ctx: PlanContext): SitePlan {
  const offset = candidate.fn.node.start ?? 0;
  const base: PlanBase = { kind: 'createSource', offset, callEnd: offset, statementStart: offset, hybrid: false, extraEdits: [] };
  const notDr = (why: string): SitePlan => ({ ...notDigitalRiver(base, why), builder: lookup.name, serves: lookup.sites });
  const looked = `\`${lookup.name}\` was looked for by name for the createSource call(s) at ${lookup.sites}`;
  const returned = returnedValues(candidate.fn);
  if (returned.length === 0) return notDr(`${looked}, and this one returns nothing`);
  const alternatives: Alternative[] = [];
  const holders: Binding[] = [];
  for (const value of returned) {
    const r = resolvePayload(value, ctx.text);
    if (!r.ok) return notDr(`${looked}, and what this one returns cannot be traced (${r.why})`);
    alternatives.push(...r.alternatives);
    holders.push(...r.holders);
  }
  const why = builderEvidence(alternatives, holders, ctx);
  if (!why) return notDr(`${looked}, and nothing in this one says it builds a DigitalRiver.js payload (no sessionId from a session, no DigitalRiver.js source type)`);
  const evidence = `\`${lookup.name}\` is taken for the builder of the createSource call(s) at ${lookup.sites}: ${why}`;
  const found = { id: 'builder-by-name' as const, offset, data: { name: lookup.name, sites: lookup.sites, why } };
  const plan = planResolved({ ok: true, alternatives, holders }, base, { positive: true, evidence }, ctx, notDr);
  return { ...plan, builder: lookup.name, serves: lookup.sites, findings: [found, ...plan.findings] };
}
