// Reaching definitions (issue 13 §2): which of a variable's values a read can see, on small programs.

import type * as t from '@babel/types';
import { describe, expect, it } from 'vitest';
import { forgetPaths, traverse, type NodePath } from '../src/engine/babel.js';
import { parseSource } from '../src/engine/parse.js';
import { definitionsOf } from '../src/engine/values.js';

/** The source texts of the values `p` may hold where `use(p)` reads it. */
function valuesAtUse(code: string): string[] | undefined {
  const parsed = parseSource(code, 'js');
  if (!parsed.ok) throw new Error(parsed.error.message);
  let out: string[] | undefined;
  traverse(parsed.ast, {
    CallExpression(path) {
      const callee = path.node.callee;
      if (callee.type !== 'Identifier' || callee.name !== 'use') return;
      const arg = path.get('arguments')[0] as NodePath<t.Identifier>;
      out = definitionsOf(arg)?.map((d) => code.slice(d.node.start ?? 0, d.node.end ?? 0));
    },
  });
  forgetPaths();
  return out;
}

describe('definitionsOf at a use', () => {
  it('drops an initial value that both branches of an if overwrite', () => {
    expect(valuesAtUse('let p = {}; if (a) { p = A; } else { p = B; } use(p);')).toEqual(['A', 'B']);
  });

  it('keeps it when a branch may not assign (else if without else, a loop)', () => {
    expect(valuesAtUse('let p = {}; if (a) p = A; else if (b) p = B; use(p);')).toEqual(['{}', 'A', 'B']);
    expect(valuesAtUse('let p = {}; for (const x of xs) p = A; use(p);')).toEqual(['{}', 'A']);
    expect(valuesAtUse('let p = {}; while (a) { p = A; } use(p);')).toEqual(['{}', 'A']);
  });

  it('drops what a plain reassignment before the use overwrites, keeps what comes after', () => {
    expect(valuesAtUse('var p = null; p = A; use(p); p = B;')).toEqual(['A', 'B']);
  });

  it('reads switch statements with fall-through, breaks and a default', () => {
    expect(valuesAtUse('let p = {}; switch (k) { case 1: p = A; break; case 2: case 3: p = B; break; default: p = C; } use(p);')).toEqual(['A', 'B', 'C']);
    expect(valuesAtUse('let p = {}; switch (k) { case 1: break; default: p = C; } use(p);')).toEqual(['{}', 'C']);
    expect(valuesAtUse('let p = {}; switch (k) { case 1: p = A; break; } use(p);')).toEqual(['{}', 'A']);
  });

  it('treats a branch that returns or throws as never reaching the use', () => {
    expect(valuesAtUse('function f() { let p = {}; if (a) { p = A; } else { return; } use(p); }')).toEqual(['A']);
    expect(valuesAtUse('function f() { let p = {}; if (a) { throw e; } else { p = B; } use(p); }')).toEqual(['B']);
  });

  it('reads try statements conservatively', () => {
    expect(valuesAtUse('let p = {}; try { p = A; } catch (e) { p = B; } use(p);')).toEqual(['A', 'B']);
    expect(valuesAtUse('let p = {}; try { p = A; } catch (e) { log(e); } use(p);')).toEqual(['{}', 'A']);
    expect(valuesAtUse('let p = {}; try { risky(); } finally { p = C; } use(p);')).toEqual(['C']);
  });

  it('keeps every value for a read inside a function defined before the assignments', () => {
    expect(valuesAtUse('let p = {}; const send = () => use(p); if (a) { p = A; } else { p = B; } send();')).toEqual(['{}', 'A', 'B']);
  });

  it('never takes an assignment of a shadowing variable for one of this variable', () => {
    expect(valuesAtUse('let p = {}; if (a) { let p; p = A; } else { p = B; } use(p);')).toEqual(['{}', 'B']);
  });

  it('keeps a value assigned in a nested function, which may run between the overwrite and the use', () => {
    expect(valuesAtUse('let p = {}; function reset() { p = R; } p = A; reset(); use(p);')).toEqual(['R', 'A']);
  });
});
