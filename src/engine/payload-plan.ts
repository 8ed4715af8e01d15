// Given a traced payload and the rule for its method(s), decide which properties and statements go and where
// `sessionId` is inserted. Pure decisions: the edits themselves are made by edits.ts.

import type * as t from '@babel/types';
import {
  AMOUNT_AND_CURRENCY,
  COMMON_TOP_LEVEL,
  ruleFor,
  topLevelRemovals,
  type MethodType,
  type RuleOptions,
} from '../rules/methods.js';
import { staticKey, type NodePath } from './babel.js';
import { deadHelpers, type Removed } from './dead-helpers.js';
import { resolvePayload, type Alternative, type FieldAssignment } from './resolve.js';
import { possibleStrings, type KnownStrings } from './values.js';

/** The rule for a set of possible types that share one removal list. */
export interface MergedRule {
  readonly types: readonly MethodType[];
  readonly removeTopLevel: ReadonlySet<string>;
  readonly detailsKeys: ReadonlySet<string>;
  readonly removeDetails: ReadonlySet<string>;
  readonly keepDetails: ReadonlySet<string>;
  readonly keepTopLevel: ReadonlySet<string>;
  readonly cardAmountsKept: boolean;
  readonly inferred: boolean;
}

export function mergeRules(types: readonly MethodType[], options: RuleOptions): MergedRule {
  const rules = types.map(ruleFor);
  const first = rules[0];
  const removeTopLevel = new Set(first ? topLevelRemovals(first, options) : []);
  return {
    types,
    removeTopLevel,
    detailsKeys: new Set(rules.flatMap((r) => r.detailsKeys)),
    removeDetails: new Set(first?.removeDetails ?? []),
    keepDetails: new Set(rules.flatMap((r) => r.keepDetails)),
    keepTopLevel: new Set(rules.flatMap((r) => r.keepTopLevel ?? [])),
    cardAmountsKept: rules.some((r) => r.policy === 'card-amounts') && !removeTopLevel.has('amount'),
    inferred: rules.some((r) => r.policy === 'inferred-removals'),
  };
}

/** Top-level keys of a payload of these methods that are never reported as unknown. */
export function knownTopLevel(rule: MergedRule): ReadonlySet<string> {
  const amounts = rule.cardAmountsKept ? AMOUNT_AND_CURRENCY : [];
  return new Set<string>([...COMMON_TOP_LEVEL, ...rule.detailsKeys, ...rule.removeTopLevel, ...rule.keepTopLevel, ...amounts]);
}

export interface Note {
  readonly kind:
    | 'unknown-key'
    | 'card-amounts-kept'
    | 'legacy-branch'
    | 'legacy-branch-dropped'
    | 'statement-unremovable'
    | 'details-unresolved'
    | 'top-level-shipping'
    | 'unused-after-migration';
  readonly offset: number;
  readonly key: string;
  readonly why?: string;
}

export interface LiteralPlan {
  readonly literal: NodePath<t.ObjectExpression>;
  readonly remove: Set<number>;
  insertAfter?: number;
}

export interface PayloadPlan {
  readonly literals: Map<t.ObjectExpression, LiteralPlan>;
  readonly statements: NodePath<t.ExpressionStatement>[];
  /** `else` branches that only set legacy fields, dropped on request: from the end of the `if` block to their end. */
  readonly branches: { readonly start: number; readonly end: number }[];
  readonly removed: string[];
  readonly notes: Note[];
  readonly hasSessionId: boolean;
  /** The literal that receives `sessionId`, when one is inserted. */
  readonly sessionTarget?: NodePath<t.ObjectExpression>;
  /** The value of a `sessionId` the payload already sends in its literal: checked for an unbound session id later. */
  readonly sessionValue?: NodePath;
}

/** A property's key name, evaluating computed keys such as `[type]` when they have one possible value. */
export function propertyKey(prop: NodePath, known?: KnownStrings): string | undefined {
  if (!prop.isObjectProperty() && !prop.isObjectMethod()) return undefined;
  const direct = staticKey(prop.node.key, prop.node.computed);
  if (direct !== undefined) return direct;
  if (!prop.node.computed) return undefined;
  const values = possibleStrings(prop.get('key') as NodePath, 0, known);
  return values && values.size === 1 ? [...values][0] : undefined;
}

/** The possible values of a computed key, when it may be any of several details keys (`[type]`). */
function computedKeys(prop: NodePath, known?: KnownStrings): ReadonlySet<string> | undefined {
  if (!prop.isObjectProperty() || !prop.node.computed) return undefined;
  return possibleStrings(prop.get('key') as NodePath, 0, known);
}

export interface PayloadPlanOptions {
  readonly dropLegacyBranches: boolean;
  /** Strings the checker settled for computed keys this file cannot evaluate (issue 5). */
  readonly settled?: KnownStrings;
}

export function planPayload(alt: Alternative, assigns: readonly FieldAssignment[], rule: MergedRule, opts: PayloadPlanOptions): PayloadPlan {
  const settled = opts.settled;
  const literals = new Map<t.ObjectExpression, LiteralPlan>();
  const statements: NodePath<t.ExpressionStatement>[] = [];
  const branches: { start: number; end: number }[] = [];
  const removed: string[] = [];
  const notes: Note[] = [];
  const gone: Removed[] = [];
  const planFor = (lit: NodePath<t.ObjectExpression>): LiteralPlan => {
    let plan = literals.get(lit.node);
    if (!plan) {
      plan = { literal: lit, remove: new Set() };
      literals.set(lit.node, plan);
    }
    return plan;
  };
  const known = knownTopLevel(rule);

  let hasSessionId = false;
  let sessionValue: NodePath | undefined;
  const detailLiterals: NodePath<t.ObjectExpression>[] = [];
  const addDetails = (value: NodePath, key: string, offset: number): void => {
    const r = resolvePayload(value, '');
    if (r.ok && r.alternatives.length === 1) detailLiterals.push(...(r.alternatives[0]?.parts ?? []));
    else if (rule.removeDetails.size > 0) notes.push({ kind: 'details-unresolved', offset, key });
  };

  for (const part of alt.parts) {
    part.get('properties').forEach((prop, index) => {
      if (prop.isSpreadElement()) return;
      const key = propertyKey(prop, settled);
      const offset = prop.node.start ?? 0;
      const multi = key === undefined ? computedKeys(prop, settled) : undefined;
      const isDetails = key !== undefined ? rule.detailsKeys.has(key) : multi !== undefined && [...multi].every((k) => rule.detailsKeys.has(k));
      if (key === 'sessionId') {
        hasSessionId = true;
        if (prop.isObjectProperty()) sessionValue ??= prop.get('value') as NodePath;
      }
      if (key !== undefined && rule.removeTopLevel.has(key)) {
        planFor(part).remove.add(index);
        removed.push(key);
        gone.push(removedProperty(prop, key));
      } else if (isDetails && prop.isObjectProperty()) {
        addDetails(prop.get('value') as NodePath, key ?? 'details', offset);
      } else if (key !== undefined && rule.cardAmountsKept && (AMOUNT_AND_CURRENCY as readonly string[]).includes(key)) {
        notes.push({ kind: 'card-amounts-kept', offset, key });
      } else if (key !== undefined && isTopLevelShipping(key, rule)) {
        notes.push({ kind: 'top-level-shipping', offset, key });
      } else if (key === undefined || !known.has(key)) {
        notes.push({ kind: 'unknown-key', offset, key: key ?? '[computed]' });
      }
    });
  }

  const sessionAssigns = assigns.filter((a) => a.path.length === 1 && a.path[0] === 'sessionId');
  if (sessionAssigns.length > 0) hasSessionId = true;
  for (const a of assigns) {
    const [head, field] = a.path;
    if (head === undefined) continue;
    const offset = a.assignment.node.start ?? 0;
    let dotted: string | undefined;
    if (rule.removeTopLevel.has(head)) dotted = head;
    else if (rule.detailsKeys.has(head) && field !== undefined && rule.removeDetails.has(field)) dotted = `${head}.${field}`;
    else if (rule.detailsKeys.has(head) && a.path.length === 1) addDetails(a.assignment.get('right') as NodePath, head, offset);
    else if (a.path.length === 1 && isTopLevelShipping(head, rule)) notes.push({ kind: 'top-level-shipping', offset, key: head });
    if (!dotted) continue;
    const legacyOnly = sessionAssigns.length > 0 && sessionAssigns.every((s) => inOppositeBranches(s.assignment, a.assignment));
    const dropped = legacyOnly && opts.dropLegacyBranches ? droppableElse(sessionAssigns, a.assignment) : undefined;
    if (dropped) {
      if (!branches.some((b) => b.start === dropped.start)) branches.push(dropped);
      notes.push({ kind: 'legacy-branch-dropped', offset, key: dotted });
      removed.push(dotted);
    } else if (legacyOnly) notes.push({ kind: 'legacy-branch', offset, key: dotted });
    else if (!a.statement) notes.push({ kind: 'statement-unremovable', offset, key: dotted, why: 'it is part of a larger expression or an unbraced branch' });
    else {
      statements.push(a.statement);
      removed.push(dotted);
      gone.push({ start: a.statement.node.start ?? 0, end: a.statement.node.end ?? 0, value: a.assignment.get('right') as NodePath, field: dotted });
    }
  }

  for (const lit of new Set(detailLiterals)) {
    const detailsName = detailsKeyOf(lit, settled) ?? [...rule.detailsKeys][0] ?? 'details';
    lit.get('properties').forEach((prop, index) => {
      if (prop.isSpreadElement()) return;
      const key = propertyKey(prop, settled);
      if (key !== undefined && rule.removeDetails.has(key)) {
        planFor(lit).remove.add(index);
        removed.push(`${detailsName}.${key}`);
        gone.push(removedProperty(prop, `${detailsName}.${key}`));
      } else if (key === undefined || !rule.keepDetails.has(key)) {
        notes.push({ kind: 'unknown-key', offset: prop.node.start ?? 0, key: `${detailsName}.${key ?? '[computed]'}` });
      }
    });
  }

  replaceEmptiedMerges(literals, statements);
  for (const h of deadHelpers(gone)) notes.push({ kind: 'unused-after-migration', offset: h.offset, key: h.name, why: h.field });

  let sessionTarget: NodePath<t.ObjectExpression> | undefined;
  if (!hasSessionId) {
    sessionTarget = alt.primary;
    const typeIndex = alt.primary.node.properties.findIndex(
      (p) => p.type === 'ObjectProperty' && staticKey(p.key, p.computed) === 'type',
    );
    planFor(alt.primary).insertAfter = typeIndex;
  }
  return { literals, statements, branches, removed, notes, hasSessionId, ...(sessionTarget ? { sessionTarget } : {}), ...(sessionValue ? { sessionValue } : {}) };
}

/** A property the plan removes, with the value it sent (for the helpers it may leave dead). */
function removedProperty(prop: NodePath, field: string): Removed {
  const value = prop.isObjectProperty() ? (prop.get('value') as NodePath) : prop;
  return { start: prop.node.start ?? 0, end: prop.node.end ?? 0, value, field };
}

/**
 * A top-level `shipping` next to a method whose details lose `shipping` (PayPal, Klarna): the guide lists only the
 * details key's `shipping`, so it is kept, but never passed over silently (issue 13, "also seen").
 */
function isTopLevelShipping(key: string, rule: MergedRule): boolean {
  return key === 'shipping' && rule.removeDetails.has('shipping');
}

/**
 * `Object.assign(p, { amount, currency });` whose literal loses every property would be left as an empty merge:
 * the whole statement goes instead, as any other statement that only sets legacy fields.
 */
function replaceEmptiedMerges(literals: Map<t.ObjectExpression, LiteralPlan>, statements: NodePath<t.ExpressionStatement>[]): void {
  for (const [node, plan] of literals) {
    if (plan.insertAfter !== undefined || plan.remove.size !== node.properties.length) continue;
    const call = plan.literal.parentPath;
    const stmt = call?.parentPath;
    if (!call?.isCallExpression() || !stmt?.isExpressionStatement() || !Array.isArray(stmt.container)) continue;
    const args = call.node.arguments.filter((a) => a.type !== 'BooleanLiteral');
    if (args.length !== 2 || args[1] !== node || args[0]?.type !== 'Identifier') continue;
    literals.delete(node);
    statements.push(stmt);
  }
}

/** The details key a literal sits under (`payPal: {…}`), for naming removed fields. */
function detailsKeyOf(lit: NodePath<t.ObjectExpression>, known?: KnownStrings): string | undefined {
  const parent = lit.parentPath;
  if (parent?.isObjectProperty()) return propertyKey(parent, known);
  return undefined;
}

/**
 * The `else` of `if (<session present>) { p.sessionId = … } else { legacy }`, as the range to delete, when the test
 * is a plain presence test of something named like the session (issue 6) and the else is not an `else if`.
 */
function droppableElse(sessionAssigns: readonly FieldAssignment[], legacy: NodePath): { start: number; end: number } | undefined {
  for (let cur = legacy.findParent((p) => p.isIfStatement()); cur; cur = cur.findParent((p) => p.isIfStatement())) {
    const node = cur.node as t.IfStatement;
    const alternate = node.alternate;
    if (!alternate || alternate.type === 'IfStatement' || !legacy.findParent((p) => p.node === alternate)) continue;
    const inConsequent = sessionAssigns.some((s) => s.assignment.findParent((p) => p.node === node.consequent));
    if (!inConsequent || !isSessionPresenceTest(node.test)) return undefined;
    return { start: node.consequent.end ?? 0, end: alternate.end ?? 0 };
  }
  return undefined;
}

/** `session`, `checkout.payment.session`, `!!sessionId`, `Boolean(x)`, `x != null`, `typeof x !== 'undefined'`. */
function isSessionPresenceTest(test: t.Expression): boolean {
  let e: t.Node = test;
  if (e.type === 'UnaryExpression' && e.operator === '!' && e.argument.type === 'UnaryExpression' && e.argument.operator === '!') e = e.argument.argument;
  else if (e.type === 'CallExpression' && e.callee.type === 'Identifier' && e.callee.name === 'Boolean' && e.arguments.length === 1) e = e.arguments[0] as t.Node;
  else if (e.type === 'BinaryExpression' && ['!=', '!=='].includes(e.operator)) {
    const other = e.right;
    const empty = (other.type === 'NullLiteral') || (other.type === 'Identifier' && other.name === 'undefined') || (other.type === 'StringLiteral' && other.value === 'undefined');
    if (!empty) return false;
    e = e.left.type === 'UnaryExpression' && e.left.operator === 'typeof' ? e.left.argument : e.left;
  }
  const chain = chainText(e);
  return chain !== undefined && /session/i.test(chain);
}

function chainText(node: t.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ThisExpression') return 'this';
  if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && !node.computed && node.property.type === 'Identifier') {
    const obj = chainText(node.object);
    return obj === undefined ? undefined : `${obj}.${node.property.name}`;
  }
  return undefined;
}

/** True when `a` and `b` sit in the two different branches of one `if` statement. */
function inOppositeBranches(a: NodePath, b: NodePath): boolean {
  const ifA = a.findParent((p) => p.isIfStatement());
  let cur: NodePath | null = ifA;
  while (cur) {
    const node = cur.node as t.IfStatement;
    const aIn = a.findParent((p) => p.node === node.consequent) ? 'c' : a.findParent((p) => p.node === node.alternate) ? 'a' : '';
    const bIn = b.findParent((p) => p.node === node.consequent) ? 'c' : b.findParent((p) => p.node === node.alternate) ? 'a' : '';
    if (aIn && bIn && aIn !== bIn) return true;
    cur = cur.findParent((p) => p.isIfStatement());
  }
  return false;
}
