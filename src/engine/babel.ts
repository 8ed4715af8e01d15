// Babel glue: the traverse entry point (a CommonJS default export) and helpers for static names of AST nodes.

import traverseModule, { type NodePath } from '@babel/traverse';
import type * as t from '@babel/types';

export type { NodePath };
export type { Binding, Scope } from '@babel/traverse';

/** `@babel/traverse` is CommonJS: under Node's ESM loader its function sits on `.default`. */
type TraverseFn = typeof traverseModule.default;
export const traverse: TraverseFn =
  (traverseModule as unknown as { default?: TraverseFn }).default ?? (traverseModule as unknown as TraverseFn);

/**
 * Drops @babel/traverse's path and scope caches. They are WeakMaps keyed by every node ever visited; across thousands
 * of files they grow until garbage collection spends more time on them than the parser does (issue 7: a quarter of
 * a 400-file run). Called once a file's analysis is complete: no path outlives it.
 */
export function forgetPaths(): void {
  traverse.cache.clear();
}

const WRAPPERS = new Set([
  'ParenthesizedExpression',
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'TSTypeAssertion',
  'TypeCastExpression',
]);

/** Step through parentheses and type-only wrappers (`x as T`, `x!`, `(x: T)`). */
export function unwrap(path: NodePath): NodePath {
  let p = path;
  while (WRAPPERS.has(p.node.type)) {
    const inner = p.get('expression');
    if (Array.isArray(inner)) break;
    p = inner as NodePath;
  }
  return p;
}

/** The static name of a non-computed key or a literal computed key; undefined when it needs evaluation. */
export function staticKey(node: t.Node, computed: boolean): string | undefined {
  if (!computed && node.type === 'Identifier') return node.name;
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'NumericLiteral') return String(node.value);
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** Name of a member access: `a.b` → "b", `a['b']` → "b", `a[B]` → "[B]" (a computed identifier, kept symbolic). */
export function memberName(node: t.MemberExpression | t.OptionalMemberExpression): string | undefined {
  const name = staticKey(node.property, node.computed);
  if (name !== undefined) return name;
  if (node.computed && node.property.type === 'Identifier') return `[${node.property.name}]`;
  return undefined;
}

export function isMember(node: t.Node): node is t.MemberExpression | t.OptionalMemberExpression {
  return node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression';
}

/** Source text of a node, for messages. */
export function sourceOf(text: string, node: t.Node, max = 60): string {
  const s = text.slice(node.start ?? 0, node.end ?? 0).replace(/\s+/g, ' ');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
