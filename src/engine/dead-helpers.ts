// Helpers left dead by a migration (issue 13, "also seen"): `var payPalItems = []; $.each(…, … payPalItems.push(…))`
// that only fed a removed `items`. They are reported so a reviewer can delete them; never removed.

import type * as t from '@babel/types';
import { isMember, memberName, type Binding, type NodePath } from './babel.js';

/** A removed property or statement: its range, and the value it sent. */
export interface Removed {
  readonly start: number;
  readonly end: number;
  readonly value: NodePath;
  /** The field it set, e.g. `payPal.items`. */
  readonly field: string;
}

export interface DeadHelper {
  readonly name: string;
  readonly field: string;
  /** Where the helper is declared. */
  readonly offset: number;
}

/** Methods that only change the array or object they are called on. */
const MUTATORS = new Set(['push', 'unshift', 'splice', 'set', 'add']);

/** `x.push(…)` as a statement, or `x[i] = …` / `x.prop = …`: a reference that only builds the value up. */
function onlyMutates(ref: NodePath): boolean {
  const member = ref.parentPath;
  if (!member || !isMember(member.node) || member.node.object !== ref.node) return false;
  const above = member.parentPath;
  if (above?.isAssignmentExpression() && above.node.left === member.node) return above.parentPath.isExpressionStatement();
  if (above?.isCallExpression() && above.node.callee === member.node) {
    const name = memberName(member.node as t.MemberExpression);
    return name !== undefined && MUTATORS.has(name) && above.parentPath.isExpressionStatement();
  }
  return false;
}

const inside = (node: t.Node, ranges: readonly Removed[]): boolean =>
  ranges.some((r) => (node.start ?? -1) >= r.start && (node.end ?? -1) <= r.end);

/** The local variables and functions read only by what the migration removes (or only built up elsewhere). */
export function deadHelpers(removed: readonly Removed[]): DeadHelper[] {
  const out = new Map<Binding, DeadHelper>();
  for (const r of removed) {
    const names: NodePath<t.Identifier>[] = r.value.isIdentifier() ? [r.value] : [];
    r.value.traverse({
      Identifier(id) {
        if (id.isReferencedIdentifier()) names.push(id);
      },
    });
    for (const id of names) {
      const binding = id.scope.getBinding(id.node.name);
      if (!binding || out.has(binding) || !['var', 'let', 'const', 'hoisted'].includes(binding.kind)) continue;
      if (binding.path.findParent((p) => p.isExportDeclaration())) continue;
      const isFunction = binding.kind === 'hoisted';
      const dead = binding.referencePaths.every((ref) => inside(ref.node, removed) || (!isFunction && onlyMutates(ref)));
      if (dead) out.set(binding, { name: id.node.name, field: r.field, offset: binding.path.node.start ?? 0 });
    }
  }
  return [...out.values()];
}
