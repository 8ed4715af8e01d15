// Finds createSource call sites in a parsed file: direct calls, `.call`, `.apply(inst, args)` and spread arguments.

import type * as t from '@babel/types';
import { isMember, memberName, unwrap, type NodePath } from './babel.js';
import { spelledOut, type PrefilterWord } from './prefilter.js';
import { lastArrayElement } from './resolve.js';

export interface CallSite {
  readonly call: NodePath<t.CallExpression>;
  readonly receiver: NodePath;
  /** Number of arguments createSource receives (2 when it cannot be counted, as with `.apply`). */
  readonly argCount: number;
  readonly payload?: NodePath;
  /** Why the payload argument could not be found, when `payload` is absent and argCount > 0. */
  readonly payloadWhy?: string;
}

/** The name this finder matches; `satisfies` ties it to the prefilter's word list (issue 7). */
const CREATE_SOURCE = 'createSource' satisfies PrefilterWord;

/** `x.createSource` or `x['createSource']`, spelled out in the source as the prefilter sees it. */
function isCreateSource(node: t.Node, text: string): node is t.MemberExpression {
  return isMember(node) && memberName(node) === CREATE_SOURCE && spelledOut(text.slice(node.property.start ?? 0, node.property.end ?? 0), CREATE_SOURCE);
}

/** Interprets one call expression; undefined when it is not a createSource call. */
export function callSiteOf(call: NodePath<t.CallExpression>, text: string): CallSite | undefined {
  const callee = unwrap(call.get('callee') as NodePath);
  if (!isMember(callee.node)) return undefined;
  const args = call.get('arguments') as NodePath[];
  if (isCreateSource(callee.node, text)) {
    return fromArguments(call, callee.get('object') as NodePath, args, text);
  }
  const via = memberName(callee.node);
  const inner = unwrap(callee.get('object') as NodePath);
  if ((via === 'apply' || via === 'call') && isCreateSource(inner.node, text)) {
    const receiver = inner.get('object') as NodePath;
    if (via === 'call') return fromArguments(call, receiver, args.slice(1), text);
    const list = args[1];
    if (!list) return { call, receiver, argCount: 0 };
    const last = lastArrayElement(list, text);
    return last.ok
      ? { call, receiver, argCount: 2, payload: last.element }
      : { call, receiver, argCount: 2, payloadWhy: last.why };
  }
  return undefined;
}

function fromArguments(call: NodePath<t.CallExpression>, receiver: NodePath, args: NodePath[], text: string): CallSite {
  const last = args[args.length - 1];
  if (!last) return { call, receiver, argCount: 0 };
  if (last.isSpreadElement()) {
    const el = lastArrayElement(last.get('argument'), text);
    return el.ok
      ? { call, receiver, argCount: 2, payload: el.element }
      : { call, receiver, argCount: 2, payloadWhy: el.why };
  }
  return { call, receiver, argCount: args.length, payload: last };
}
