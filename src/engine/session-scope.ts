// Whether the session-id expression the user chose can be read where sessionId would be inserted.

import type { NodePath } from './babel.js';

/** Globals a browser page always has: a session-id expression rooted in one of them is bound. */
const BROWSER_GLOBALS = new Set(['window', 'document', 'self', 'globalThis', 'top', 'parent', 'localStorage', 'sessionStorage', 'location', 'navigator']);

/** Names bound at `at` that look like they hold a session id (`drSessionId`, `paymentSession`), nearest first. */
export function sessionNamesInScope(at: NodePath): string[] {
  const names: string[] = [];
  for (let scope: NodePath['scope'] | undefined = at.scope; scope; scope = scope.parent) {
    for (const name of Object.keys(scope.bindings)) if (/session/i.test(name) && !names.includes(name)) names.push(name);
  }
  return names.slice(0, 3);
}

/** The root identifier of the session-id expression when nothing binds it at `at`; undefined when it is bound. */
export function unboundRoot(at: NodePath, expr: string): string | undefined {
  const root = /^\s*([A-Za-z_$][\w$]*)/.exec(expr)?.[1];
  if (!root || root === 'this' || BROWSER_GLOBALS.has(root)) return undefined;
  return at.scope.hasBinding(root) ? undefined : root;
}
