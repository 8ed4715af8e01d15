// The set of strings an expression can evaluate to, from local syntax only (issue 2 point 3: `type` by a constant).

import type * as t from '@babel/types';
import { staticKey, unwrap, type NodePath } from './babel.js';
import { reaching } from './reaching.js';

/** Possible string values, or undefined when they cannot be known from this file. */
export type Strings = ReadonlySet<string> | undefined;

/** Values the type checker settled for expressions local syntax cannot evaluate, by start offset (issue 5). */
export type KnownStrings = ReadonlyMap<number, readonly string[]>;

const MAX_DEPTH = 8;

export function possibleStrings(path: NodePath, depth = 0, known?: KnownStrings): Strings {
  if (depth > MAX_DEPTH) return undefined;
  const p = unwrap(path);
  const node = p.node;
  const settled = known?.get(node.start ?? -1) ?? known?.get(path.node.start ?? -1);
  if (settled) return new Set(settled);
  const literal = staticKey(node, true);
  if (literal !== undefined && node.type !== 'NumericLiteral') return new Set([literal]);
  switch (node.type) {
    case 'ConditionalExpression':
      return union(
        possibleStrings(p.get('consequent') as NodePath, depth + 1, known),
        possibleStrings(p.get('alternate') as NodePath, depth + 1, known),
      );
    case 'Identifier':
      return identifierStrings(p as NodePath<t.Identifier>, depth, known);
    case 'MemberExpression':
      return memberStrings(p as NodePath<t.MemberExpression>, depth, known);
    default:
      return undefined;
  }
}

function union(a: Strings, b: Strings): Strings {
  if (!a || !b) return undefined;
  return new Set([...a, ...b]);
}

/**
 * Every value a local variable may hold where `path` reads it: its initialiser and each plain reassignment, less
 * those that every path overwrites before this read (reaching definitions, issue 13 §2).
 */
export function definitionsOf(path: NodePath<t.Identifier>): NodePath[] | undefined {
  const binding = path.scope.getBinding(path.node.name);
  if (!binding || !['var', 'let', 'const'].includes(binding.kind)) return undefined;
  const defs: { at: NodePath; value: NodePath }[] = [];
  const decl = binding.path;
  if (decl.isVariableDeclarator()) {
    if (decl.node.id.type !== 'Identifier') return undefined;
    const init = decl.get('init');
    if (init.node) defs.push({ at: decl, value: init as NodePath });
  } else {
    return undefined;
  }
  for (const v of binding.constantViolations) {
    // `var p = {…}` declared again in another branch is recorded as a reassignment of the same binding.
    if (v.isVariableDeclarator() && v.node.id.type === 'Identifier') {
      const init = v.get('init');
      if (init.node) defs.push({ at: v, value: init as NodePath });
      continue;
    }
    if (!v.isAssignmentExpression() || v.node.operator !== '=' || v.node.left.type !== 'Identifier') return undefined;
    defs.push({ at: v, value: v.get('right') as NodePath });
  }
  return reaching(path, binding, defs);
}

function identifierStrings(path: NodePath<t.Identifier>, depth: number, known?: KnownStrings): Strings {
  const defs = definitionsOf(path);
  if (!defs || defs.length === 0) return undefined;
  let acc: Strings = new Set();
  for (const def of defs) acc = union(acc, possibleStrings(def, depth + 1, known));
  return acc;
}

/** `TYPES.PAYPAL` or `TYPES['PAYPAL']` where `TYPES` is a local object literal that is never reassigned. */
function memberStrings(path: NodePath<t.MemberExpression>, depth: number, known?: KnownStrings): Strings {
  const key = staticKey(path.node.property, path.node.computed);
  const object = unwrap(path.get('object'));
  if (key === undefined || !object.isIdentifier()) return undefined;
  const defs = definitionsOf(object);
  if (!defs || defs.length !== 1) return undefined;
  const def = unwrap(defs[0] as NodePath);
  if (!def.isObjectExpression()) return undefined;
  let found: NodePath | undefined;
  for (const prop of def.get('properties')) {
    if (prop.isSpreadElement()) return undefined;
    if (prop.isObjectProperty() && staticKey(prop.node.key, prop.node.computed) === key) found = prop.get('value') as NodePath;
  }
  return found ? possibleStrings(found, depth + 1, known) : undefined;
}
