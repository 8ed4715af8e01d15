// Reaching definitions for one use of a variable (issue 13 §2): a value the variable was given that every path
// overwrites before the use (`let p = {}; if (a) p = {…}; else p = {…}; use(p)`) cannot be what the use sees.
// Structural and conservative: where it cannot be sure, a definition is kept.

import type * as t from '@babel/types';
import type { Binding, NodePath } from './babel.js';

/** The nodes that give the binding a value: its declarators and plain assignments (never a shadowing variable's). */
type Writes = ReadonlySet<t.Node>;

/** True when every normal completion of `stmt` has assigned the binding (or leaves the function). */
function assigns(stmt: t.Statement, binding: Writes): boolean {
  switch (stmt.type) {
    case 'ExpressionStatement': {
      const e = stmt.expression;
      return e.type === 'AssignmentExpression' && e.operator === '=' && binding.has(e);
    }
    case 'VariableDeclaration':
      return stmt.declarations.some((d) => d.init && binding.has(d));
    case 'BlockStatement':
      return listAssigns(stmt.body, binding);
    case 'IfStatement':
      return !!stmt.alternate && assigns(stmt.consequent, binding) && assigns(stmt.alternate, binding);
    case 'TryStatement':
      if (stmt.finalizer && listAssigns(stmt.finalizer.body, binding)) return true;
      return listAssigns(stmt.block.body, binding) && (!stmt.handler || listAssigns(stmt.handler.body.body, binding));
    case 'SwitchStatement': {
      if (!stmt.cases.some((c) => c.test === null)) return false;
      // A case falls through to the next until a break: each entry point must assign before it breaks.
      return stmt.cases.every((_, i) => listAssigns(stmt.cases.slice(i).flatMap((c) => c.consequent), binding));
    }
    case 'ReturnStatement':
    case 'ThrowStatement':
      return true;
    default:
      return false;
  }
}

/** Statements run in order: the first that assigns settles it; a break or continue before it leaves unassigned. */
function listAssigns(list: readonly t.Statement[], binding: Writes): boolean {
  for (const s of list) {
    if (s.type === 'BreakStatement' || s.type === 'ContinueStatement') return false;
    if (assigns(s, binding)) return true;
  }
  return false;
}

/**
 * Start offsets of the statements that definitely assign `binding` and run before `use` on every path through the
 * function holding the use: preceding siblings of the use's enclosing statements, up to that function.
 */
function killersBefore(use: NodePath, binding: Writes): number[] {
  const out: number[] = [];
  let cur: NodePath | null = use;
  while (cur && !cur.isFunction() && !cur.isProgram()) {
    if (cur.inList && typeof cur.key === 'number' && (cur.listKey === 'body' || cur.listKey === 'consequent')) {
      const siblings = cur.container as t.Node[];
      for (let i = cur.key - 1; i >= 0; i--) {
        const s = siblings[i] as t.Statement;
        if (assigns(s, binding)) out.push(s.start ?? 0);
      }
    }
    cur = cur.parentPath;
  }
  return out;
}

/** The function (or program) a path runs in. */
function runsIn(path: NodePath): NodePath | null {
  return path.findParent((p) => p.isFunction() || p.isProgram());
}

/**
 * Of `defs` (each the node where the binding is given a value: a declarator or an assignment), those that may be
 * the value at `use`. A definition is dropped only when it lies in the same function as the use, ends before a
 * statement that definitely assigns the binding, and that statement runs before the use on every path.
 */
export function reaching<T>(use: NodePath, binding: Binding, defs: readonly { readonly at: NodePath; readonly value: T }[]): T[] {
  // Only variables whose every assignment is in this scope's own statements can be reasoned about structurally.
  if (use.scope.getBinding(binding.identifier.name) !== binding) return defs.map((d) => d.value);
  const writes = new Set<t.Node>([binding.path.node, ...binding.constantViolations.map((v) => v.node)]);
  const killers = killersBefore(use, writes);
  if (killers.length === 0) return defs.map((d) => d.value);
  const fn = runsIn(use);
  return defs
    .filter(({ at }) => {
      if (runsIn(at) !== fn) return true;
      const end = at.node.end ?? 0;
      return !killers.some((k) => end <= k);
    })
    .map((d) => d.value);
}
