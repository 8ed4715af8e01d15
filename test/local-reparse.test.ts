// The re-parse guard's fast path (issue 14): it says "parses" only when the whole migrated file does parse.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../src/rewrite/edits.js';
import { editedLiteralsParse } from '../src/engine/local-reparse.js';
import { parseSource, type Dialect } from '../src/engine/parse.js';
import type { Edit } from '../src/engine/types.js';

/** The fast path's verdict and the whole-file parse's, for `text` with `edits` applied. */
function verdicts(text: string, edits: Edit[], dialect: Dialect = 'js'): { local: boolean; whole: boolean } {
  const parsed = parseSource(text, dialect);
  if (!parsed.ok) throw new Error(`the test's own text does not parse: ${parsed.error.message}`);
  return { local: editedLiteralsParse(parsed.ast, text, edits, parsed.plugins), whole: parseSource(applyEdits(text, edits), dialect).ok };
}

/** An edit that puts `insert` in place of `remove` (or before it), located by searching for `at`. */
function edit(text: string, at: string, insert: string, remove = ''): Edit {
  const start = text.indexOf(at);
  if (start < 0) throw new Error(`${at} not in the text`);
  return { start, end: start + remove.length, text: insert };
}

describe('editedLiteralsParse', () => {
  const payload = 'function pay(dr) {\n  return dr.createSource({\n    type: "bankTransfer",\n    amount: 5,\n  });\n}\n';

  it('vouches for a literal whose properties were removed and one added', () => {
    const edits = [edit(payload, 'amount', '', 'amount: 5,\n'), edit(payload, 'type', 'sessionId: sessionId,\n    ')];
    expect(verdicts(payload, edits)).toEqual({ local: true, whole: true });
  });

  it('leaves an edit outside every object literal to the whole-file parse', () => {
    const edits = [edit(payload, 'return', '', 'return ')];
    expect(verdicts(payload, edits)).toEqual({ local: false, whole: true });
  });

  it('leaves an edit that touches a brace to the whole-file parse', () => {
    const edits = [edit(payload, '});', ')', '}')];
    expect(verdicts(payload, edits).local).toBe(false);
  });

  it('does not vouch for a literal that no longer parses', () => {
    const edits = [edit(payload, 'amount', 'amount: : ', 'amount: ')];
    expect(verdicts(payload, edits)).toEqual({ local: false, whole: false });
  });

  it('parses a literal with the plugins that parsed the file', () => {
    // A file that parsed only without Flow must not have a Flow type cast vouched for by a parse with Flow.
    const text = 'g({ a: 1 });\n';
    const parsed = parseSource(text, 'js');
    if (!parsed.ok) throw new Error('does not parse');
    const edits = [edit(text, '1 }', '(b: any)', '1')];
    expect(editedLiteralsParse(parsed.ast, text, edits, ['jsx', 'flow'])).toBe(true);
    expect(editedLiteralsParse(parsed.ast, text, edits, ['jsx'])).toBe(false);
  });

  it('checks nested literals as part of the outer one', () => {
    const text = 'dr.createSource({ type: "klarnaCredit", klarnaCredit: { items: [], locale: "de" }, amount: 1 });\n';
    const edits = [edit(text, 'items', '', 'items: [], '), edit(text, ', amount: 1', '', ', amount: 1')];
    expect(verdicts(text, edits)).toEqual({ local: true, whole: true });
  });

  // Words the file's context can forbid where a literal parsed alone allows them: never vouched for.
  for (const [name, text, value] of [
    ['await as a name in an async function', 'async function f() { g({ a: 1 }); }\n', 'await'],
    ['await spelled with an escape in an async function', 'async function f() { g({ a: 1 }); }\n', 'aw\\u0061it'],
    ['arguments in a class field', 'class C { f = g({ a: 1 }); }\n', 'arguments'],
    ['an HTML comment in a file only a module parses', 'const url = import.meta.url;\ng({ a: 1 });\n', '1 <!-- 2\n'],
  ] as const) {
    it(`leaves ${name} to the whole-file parse`, () => {
      expect(verdicts(text, [edit(text, '1 }', value, '1')])).toEqual({ local: false, whole: false });
    });
  }
});

/** Contexts an object literal can stand in: each one rules out something a plain script allows. */
const CONTEXTS = [
  (o: string) => `g(${o});\n`,
  (o: string) => `import x from "x";\ng(${o});\n`,
  (o: string) => `const url = import.meta.url;\ng(${o});\n`,
  (o: string) => `async function f() { g(${o}); }\n`,
  (o: string) => `function* f() { g(${o}); }\n`,
  (o: string) => `class C { f = g(${o}); }\n`,
  (o: string) => `class C extends B { m() { g(${o}); } }\n`,
  (o: string) => `"use strict";\nfor (var i = ${o}; i;) {}\n`,
  (o: string) => `function f() {\n  "use strict";\n  return ${o};\n}\n`,
  (o: string) => `label: for (;;) { g(${o}); }\n`,
  (o: string) => `const el = <div prop={${o}} />;\n`,
];

/** Tokens that, inserted into a literal, can make it invalid alone or only in some context. */
const TOKENS = [
  ',', ':', '{', '}', '(', ')', '[', ']', 'a', 'b: 1', '...c', '=', '=>', '/', '*', '`', '"', "'", '//', '/*', '*/', '\n',
  'await', 'await x', 'yield', 'yield x', 'arguments', 'super.x', 'super()', 'new.target', 'import.meta', 'import("m")',
  '#p', 'this.#p', 'let', 'static', 'eval', '010', 'delete a', 'return', 'break label', 'function () {', 'async () =>',
  '<!--', '-->', '\\u0061', 'sessionId: sessionId', 'x in y', '__proto__: 1', '__proto__: 2', 'f() {}', 'get g() {}',
];

describe('editedLiteralsParse against the whole-file parse', () => {
  it('says "parses" only when the whole file parses, whatever is inserted or removed inside a literal', () => {
    const base = '{ type: "payPal", amount: 1, nested: { items: [1, 2], locale: "de" }, m() { return super.x; } }';
    const edits = fc.array(
      fc.record({ from: fc.nat(base.length - 2), length: fc.nat(12), insert: fc.array(fc.constantFrom(...TOKENS), { maxLength: 3 }) }),
      { minLength: 1, maxLength: 3 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...CONTEXTS.keys()), edits, (which, drawn) => {
        const wrap = CONTEXTS[which] as (o: string) => string;
        const text = wrap(base);
        const offset = wrap('\u0000').indexOf('\u0000');
        // Disjoint edits strictly inside the literal's braces.
        const sorted = [...drawn].sort((a, b) => a.from - b.from);
        const list: Edit[] = [];
        let free = 1;
        for (const d of sorted) {
          const start = Math.max(d.from + 1, free);
          const end = Math.min(start + d.length, base.length - 1);
          if (start > end) continue;
          list.push({ start: offset + start, end: offset + end, text: d.insert.join(' ') });
          free = end + 1;
        }
        const { local, whole } = verdicts(text, list);
        if (local) expect(whole).toBe(true);
      }),
      { numRuns: 3000, seed: 14 },
    );
  });
});
