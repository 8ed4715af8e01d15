// Traces a createSource argument to the object literals it is built from (issue 2 point 3; spec §4 payload origins).

import type * as t from '@babel/types';
import { isMember, memberName, sourceOf, staticKey, unwrap, type Binding, type NodePath } from './babel.js';
import type { DeferredSpan } from './types.js';
import { definitionsOf } from './values.js';

/** One way the payload can look: the literals merged into it, in merge order, and the one that gets `sessionId`. */
export interface Alternative {
  readonly parts: readonly NodePath<t.ObjectExpression>[];
  readonly primary: NodePath<t.ObjectExpression>;
}

export type Resolution =
  | { readonly ok: true; readonly alternatives: readonly Alternative[]; readonly holders: readonly Binding[] }
  /**
   * `defer`: the whole payload is this one expression, whose value the type checker may trace (issue 5).
   * `sessionSent`: a merge or spread that cannot be traced, of a literal that already sends `sessionId`: the
   * expression that was not checked (issue 18: such a payload is migrated, its merge unchecked).
   */
  | { readonly ok: false; readonly why: string; readonly defer?: DeferredSpan; readonly sessionSent?: string };

const MAX_DEPTH = 10;

/** Awaited calls that are server responses, never a builder: not worth asking the checker about. */
const NOT_BUILDERS: Readonly<Record<string, true>> = { fetch: true, 'window.fetch': true, '$.ajax': true, 'jQuery.ajax': true, '$.post': true, '$.get': true, '$.getJSON': true };

/** `Object.assign`, jQuery's and lodash/underscore's extend-style merges (spec §4). */
const MERGE_CALLEES = new Set(['Object.assign', '$.extend', 'jQuery.extend', '_.extend', '_.assign', '_.merge', 'angular.extend']);

export function calleeName(node: t.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (isMember(node) && !node.computed && node.property.type === 'Identifier') {
    const obj = calleeName(node.object);
    return obj === undefined ? undefined : `${obj}.${node.property.name}`;
  }
  return undefined;
}

function fail(why: string): Resolution {
  return { ok: false, why };
}

/** A failure the checker may settle: an import, a call of a function defined elsewhere, a member read. */
function deferrable(why: string, node: t.Node, member?: string): Resolution {
  return { ok: false, why, defer: { start: node.start ?? 0, end: node.end ?? 0, ...(member ? { member } : {}) } };
}

/**
 * Method names whose result is a response or a generic value, never a payload builder worth looking for by name:
 * HTTP clients (`await client.post(…)`), promises, storage and JSON.
 */
const NOT_BUILDER_NAMES = new Set(['get', 'post', 'put', 'patch', 'delete', 'request', 'fetch', 'ajax', 'getJSON', 'json', 'text', 'then', 'parse', 'getItem', 'call', 'apply', 'bind']);

/** `x.build(…)`, `this[KEY].build(…)`, `a.b['build'](…)`: the called method's name, to look builders up by. */
function calledMember(callee: t.Node): string | undefined {
  const name = isMember(callee) ? staticKey(callee.property, callee.computed) : undefined;
  return name !== undefined && /^[A-Za-z_$][\w$]*$/.test(name) && !NOT_BUILDER_NAMES.has(name) ? name : undefined;
}

/** The same failure when the expression is only part of the payload: the checker cannot settle a part. */
function whole(r: Resolution): Resolution {
  return !r.ok && r.defer ? { ok: false, why: r.why } : r;
}

export function resolvePayload(path: NodePath, text: string, depth = 0, seen = new Set<t.Node>()): Resolution {
  const p = unwrap(path);
  if (depth > MAX_DEPTH || seen.has(p.node)) return fail('it is built through too many indirections');
  seen.add(p.node);
  const node = p.node;
  switch (node.type) {
    case 'ObjectExpression':
      return resolveLiteral(p as NodePath<t.ObjectExpression>, text, depth, seen);
    case 'Identifier':
      return resolveIdentifier(p as NodePath<t.Identifier>, text, depth, seen);
    case 'ConditionalExpression': {
      const a = resolvePayload(p.get('consequent') as NodePath, text, depth + 1, seen);
      const b = resolvePayload(p.get('alternate') as NodePath, text, depth + 1, seen);
      if (!a.ok) return whole(a);
      if (!b.ok) return whole(b);
      return { ok: true, alternatives: [...a.alternatives, ...b.alternatives], holders: [...a.holders, ...b.holders] };
    }
    case 'CallExpression':
      return resolveCall(p as NodePath<t.CallExpression>, text, depth, seen);
    case 'AwaitExpression': {
      // `await build(cart)`: an async builder's return values are the payload, here or in another module.
      const why = `it is an awaited value (\`${sourceOf(text, node)}\`), e.g. a server response`;
      const arg = unwrap(p.get('argument') as NodePath);
      if (!arg.isCallExpression() || (calleeName(arg.node.callee) ?? '') in NOT_BUILDERS) return fail(why);
      const r = resolveCall(arg, text, depth + 1, seen);
      // A local builder that cannot be traced is named with its own reason, not taken for a server response (issue 18).
      if (r.ok || localFunction(arg)) return r;
      return { ok: false, why, ...(r.defer ? { defer: r.defer } : {}) };
    }
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      const why = `it is read from \`${sourceOf(text, node)}\``;
      // `config.payload` or `require('./p').payload` may be traced; a parameter's or a response's field cannot.
      return memberOfValue(p) ? fail(why) : deferrable(why, node);
    }
    default:
      return fail(`it is computed by \`${sourceOf(text, node)}\``);
  }
}

/** True when a member read starts from a parameter or a call's result other than `require(…)`. */
function memberOfValue(p: NodePath): boolean {
  let root: NodePath = p;
  while (isMember(root.node)) root = unwrap(root.get('object') as NodePath);
  if (root.isIdentifier()) return root.scope.getBinding(root.node.name)?.kind === 'param';
  if (root.isCallExpression()) return calleeName(root.node.callee) !== 'require';
  return root.isAwaitExpression();
}

function resolveLiteral(p: NodePath<t.ObjectExpression>, text: string, depth: number, seen: Set<t.Node>): Resolution {
  const parts: NodePath<t.ObjectExpression>[] = [];
  const holders: Binding[] = [];
  for (const prop of p.get('properties')) {
    if (!prop.isSpreadElement()) continue;
    const inner = resolvePayload(prop.get('argument'), text, depth + 1, seen);
    if (!inner.ok) return withSession(fail(`it spreads a value that cannot be traced: ${inner.why}`), [p], sourceOf(text, prop.node.argument));
    const single = singleAlternative(inner);
    if (!single) return fail('it spreads a value with several possible shapes');
    parts.push(...single.parts);
    holders.push(...inner.holders);
  }
  parts.push(p);
  return { ok: true, alternatives: [{ parts, primary: p }], holders };
}

/** A failed merge or spread, marked when one of the literals it merges already sends `sessionId`. */
function withSession(failure: Resolution, parts: readonly NodePath<t.ObjectExpression>[], expression: string): Resolution {
  const sends = parts.some((part) => part.node.properties.some((prop) => prop.type === 'ObjectProperty' && staticKey(prop.key, prop.computed) === 'sessionId'));
  return sends && !failure.ok ? { ...failure, sessionSent: expression } : failure;
}

function singleAlternative(r: Resolution): Alternative | undefined {
  return r.ok && r.alternatives.length === 1 ? r.alternatives[0] : undefined;
}

function resolveIdentifier(p: NodePath<t.Identifier>, text: string, depth: number, seen: Set<t.Node>): Resolution {
  const name = p.node.name;
  const binding = p.scope.getBinding(name);
  if (!binding) return deferrable(`it is the global \`${name}\``, p.node);
  if (binding.kind === 'param') return fail(`it comes from the parameter \`${name}\``);
  if (binding.kind === 'module') return deferrable(`it is imported (\`${name}\`)`, p.node);
  const defs = definitionsOf(p);
  if (!defs) return fail(`\`${name}\` is not a plain variable holding an object`);
  if (defs.length === 0) return fail(`\`${name}\` is never given an object`);
  const alternatives: Alternative[] = [];
  const holders: Binding[] = [binding];
  for (const def of defs) {
    const r = resolvePayload(def, text, depth + 1, seen);
    // `const p = build(…)` is the builder's payload only while nothing here adds to it or gives `p` another value.
    if (!r.ok) return defs.length === 1 && !hasLocalAdditions(binding) ? r : whole(r);
    alternatives.push(...r.alternatives);
    holders.push(...r.holders);
  }
  // `Object.assign(payload, {...})` as a statement adds its literals to every shape of `payload`.
  const extra = mergeStatementParts(binding, text, depth, seen);
  if (!extra.ok) return extra;
  const withExtra = alternatives.map((a) => ({ parts: [...a.parts, ...extra.parts], primary: a.primary }));
  return { ok: true, alternatives: withExtra, holders };
}

/** Fields set on the variable or merges into it after its definition (`p.amount = …`, `Object.assign(p, …)`). */
function hasLocalAdditions(binding: Binding): boolean {
  if (fieldAssignments([binding]).length > 0) return true;
  return binding.referencePaths.some((ref) => {
    const call = ref.parentPath;
    const name = call?.isCallExpression() ? calleeName(call.node.callee) : undefined;
    return !!call?.isCallExpression() && !!name && MERGE_CALLEES.has(name) && mergeArgs(call)[0]?.node === ref.node;
  });
}

function mergeStatementParts(
  binding: Binding,
  text: string,
  depth: number,
  seen: Set<t.Node>,
): { ok: true; parts: NodePath<t.ObjectExpression>[] } | { ok: false; why: string } {
  const parts: NodePath<t.ObjectExpression>[] = [];
  for (const ref of binding.referencePaths) {
    const call = ref.parentPath;
    if (!call?.isCallExpression() || !call.parentPath.isExpressionStatement()) continue;
    const name = calleeName(call.node.callee);
    if (!name || !MERGE_CALLEES.has(name)) continue;
    const args = mergeArgs(call);
    if (args[0]?.node !== ref.node) continue;
    for (const arg of args.slice(1)) {
      const r = resolvePayload(arg, text, depth + 1, seen);
      const single = singleAlternative(r);
      if (!single) return { ok: false, why: `\`${sourceOf(text, call.node)}\` merges a value that cannot be traced` };
      parts.push(...single.parts);
    }
  }
  return { ok: true, parts };
}

/** Arguments of a merge call, without jQuery's leading `true` (deep) flag. */
function mergeArgs(call: NodePath<t.CallExpression>): NodePath[] {
  const args = call.get('arguments') as NodePath[];
  const first = args[0];
  return first?.isBooleanLiteral() ? args.slice(1) : args;
}

function resolveCall(p: NodePath<t.CallExpression>, text: string, depth: number, seen: Set<t.Node>): Resolution {
  const name = calleeName(p.node.callee);
  if (name && MERGE_CALLEES.has(name)) {
    const parts: NodePath<t.ObjectExpression>[] = [];
    const holders: Binding[] = [];
    let untraced: { why: string; expression: string } | undefined;
    for (const arg of mergeArgs(p)) {
      if (arg.isSpreadElement()) return fail(`\`${sourceOf(text, p.node)}\` merges a spread argument`);
      const r = resolvePayload(arg, text, depth + 1, seen);
      if (!r.ok) {
        untraced ??= { why: `\`${name}\` merges a value that cannot be traced: ${r.why}`, expression: sourceOf(text, arg.node) };
        continue;
      }
      const single = singleAlternative(r);
      if (!single) return fail(`\`${name}\` merges a value with several possible shapes`);
      parts.push(...single.parts);
      holders.push(...r.holders);
    }
    if (untraced) return withSession(fail(untraced.why), parts, untraced.expression);
    const nonEmpty = parts.filter((part) => part.node.properties.length > 0);
    const primary = nonEmpty.find(hasTypeKey) ?? nonEmpty[nonEmpty.length - 1] ?? parts[parts.length - 1];
    if (!primary) return fail(`\`${name}\` merges nothing`);
    return { ok: true, alternatives: [{ parts, primary }], holders };
  }
  const fn = localFunction(p);
  if (fn) return resolveReturns(fn, `\`${sourceOf(text, p.node.callee)}(…)\``, text, depth, seen);
  return deferrable(`it is the result of \`${sourceOf(text, p.node.callee)}(…)\``, p.node, calledMember(p.node.callee));
}

function hasTypeKey(p: NodePath<t.ObjectExpression>): boolean {
  return p.node.properties.some((prop) => prop.type === 'ObjectProperty' && !prop.computed && keyText(prop.key) === 'type');
}

function keyText(key: t.Node): string | undefined {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral') return key.value;
  return undefined;
}

/** A builder function declared in this file: `function build() {…}` or `const build = () => …`. */
function localFunction(call: NodePath<t.CallExpression>): NodePath<t.Function> | undefined {
  const callee = call.get('callee');
  if (!callee.isIdentifier()) return undefined;
  const binding = call.scope.getBinding(callee.node.name);
  if (!binding || binding.constantViolations.length > 0) return undefined;
  const decl = binding.path;
  if (decl.isFunctionDeclaration()) return decl;
  if (decl.isVariableDeclarator()) {
    const init = decl.get('init');
    if (init.isFunctionExpression() || init.isArrowFunctionExpression()) return init;
  }
  return undefined;
}

/** The expressions a function returns (an arrow's expression body, or each `return` outside nested functions). */
export function returnedValues(fn: NodePath<t.Function>): NodePath[] {
  const body = fn.get('body') as NodePath;
  if (!body.isBlockStatement()) return [body];
  const returned: NodePath[] = [];
  body.traverse({
    Function(inner) {
      inner.skip();
    },
    ReturnStatement(ret) {
      const arg = ret.get('argument');
      if (arg.node) returned.push(arg as NodePath);
    },
  });
  return returned;
}

function resolveReturns(fn: NodePath<t.Function>, builder: string, text: string, depth: number, seen: Set<t.Node>): Resolution {
  const returned = returnedValues(fn);
  if (returned.length === 0) return fail(`it is built by the local builder ${builder}, which returns nothing`);
  const alternatives: Alternative[] = [];
  const holders: Binding[] = [];
  for (const r of returned) {
    const res = resolvePayload(r, text, depth + 1, seen);
    if (!res.ok) return fail(`it is built by the local builder ${builder}, whose return value cannot be traced: ${res.why}`);
    alternatives.push(...res.alternatives);
    holders.push(...res.holders);
  }
  return { ok: true, alternatives, holders };
}

/** A field set on a payload variable after its literal: `p.amount = …`, `p['currency'] = …`, `p.payPal.items = …`. */
export interface FieldAssignment {
  readonly path: readonly string[];
  readonly assignment: NodePath<t.AssignmentExpression>;
  /** The statement to remove, when the assignment is a statement of its own. */
  readonly statement?: NodePath<t.ExpressionStatement>;
}

export function fieldAssignments(holders: readonly Binding[]): FieldAssignment[] {
  const out: FieldAssignment[] = [];
  for (const binding of new Set(holders)) {
    for (const ref of binding.referencePaths) {
      const names: string[] = [];
      let cur: NodePath = ref;
      while (cur.parentPath && isMember(cur.parentPath.node) && (cur.parentPath.node as t.MemberExpression).object === cur.node) {
        const name = memberName(cur.parentPath.node as t.MemberExpression);
        if (name === undefined) break;
        names.push(name);
        cur = cur.parentPath;
      }
      const parent = cur.parentPath;
      if (names.length === 0 || !parent?.isAssignmentExpression() || parent.node.left !== cur.node) continue;
      const stmt = parent.parentPath;
      const statement = stmt.isExpressionStatement() && isInStatementList(stmt) ? stmt : undefined;
      out.push({ path: names, assignment: parent, ...(statement ? { statement } : {}) });
    }
  }
  return out.sort((a, b) => (a.assignment.node.start ?? 0) - (b.assignment.node.start ?? 0));
}

function isInStatementList(stmt: NodePath<t.ExpressionStatement>): boolean {
  return Array.isArray(stmt.container) && (stmt.listKey === 'body' || stmt.listKey === 'consequent');
}

/** The element that ends up last in an argument array: `[el, payload]`, or `args.push(payload)` after `var args = []`. */
export function lastArrayElement(path: NodePath, text: string): { ok: true; element: NodePath } | { ok: false; why: string } {
  const p = unwrap(path);
  if (p.isArrayExpression()) {
    const els = p.get('elements');
    const last = els[els.length - 1];
    if (!last?.node || last.isSpreadElement()) return { ok: false, why: 'the argument array has no plain last element' };
    return { ok: true, element: last as NodePath };
  }
  if (p.isIdentifier()) {
    const binding = p.scope.getBinding(p.node.name);
    const defs = definitionsOf(p);
    if (!binding || !defs || defs.length !== 1) return { ok: false, why: `the arguments \`${p.node.name}\` cannot be traced` };
    let lastPush: NodePath | undefined;
    for (const ref of binding.referencePaths) {
      const member = ref.parentPath;
      const call = member?.parentPath;
      if (member?.isMemberExpression() && memberName(member.node) === 'push' && call?.isCallExpression()) {
        const args = call.get('arguments');
        const last = args[args.length - 1];
        if (last && (!lastPush || (last.node.start ?? 0) > (lastPush.node.start ?? 0))) lastPush = last as NodePath;
      }
    }
    if (lastPush) return { ok: true, element: lastPush };
    return lastArrayElement(defs[0] as NodePath, text);
  }
  return { ok: false, why: `the arguments come from \`${sourceOf(text, p.node)}\`` };
}
