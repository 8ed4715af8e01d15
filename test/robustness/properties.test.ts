// Property tests on generated payload programs (issue 8): for any method, key style, comments, commas, line
// endings, element argument and payload origin, the output re-parses, the payload that reaches createSource is
// exactly the documented result, every byte outside the engine's declared edits is unchanged, edits stay inside
// the payload's literals and statements, and a second run changes nothing. FC_RUNS=n runs more cases.

import vm from 'node:vm';
import { parse, type ParserPlugin } from '@babel/parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toEngineOptions } from '../../src/options.js';
import { AMOUNT_AND_CURRENCY, METHOD_RULES } from '../../src/rules/methods.js';
import { processText } from '../../src/engine/process-text.js';
import type { Edit } from '../../src/engine/types.js';
import { programModel, type ProgramModel } from './payload-model.js';
import { render, type Rendered, type Span } from './payload-render.js';

const RUNS = Number(process.env.FC_RUNS ?? 200);
const SESSION = 'sess_8f2a';

type Payload = Record<string, unknown>;

/** Runs `fn` of the program against a stand-in DigitalRiver and returns the arguments of its one createSource call. */
function captured(text: string, fn = 'pay'): { args: unknown[]; card: unknown } {
  const calls: unknown[][] = [];
  class DigitalRiver {
    createElement(): object {
      return { element: 'cardnumber' };
    }
    createSource(...args: unknown[]): Promise<object> {
      calls.push(args);
      return Promise.resolve({});
    }
  }
  const extend = (...objects: object[]): object => Object.assign(objects[0] ?? {}, ...objects.slice(1));
  const context = vm.createContext({ DigitalRiver, window: { checkout: { session: { id: SESSION } } }, $: { extend }, _: { extend } });
  vm.runInContext(text, context);
  (context[fn] as (s: string, c: object) => unknown)(SESSION, { total: 10, sessionId: SESSION });
  expect(calls).toHaveLength(1);
  return { args: calls[0] as unknown[], card: context.card };
}

/** The documented result, from the rules table alone: the removals applied, sessionId added. */
function documented(original: Payload, m: ProgramModel): Payload {
  const rule = METHOD_RULES[m.method];
  const top = rule.policy === 'card-amounts' ? (m.removeCardAmounts ? AMOUNT_AND_CURRENCY : []) : rule.removeTopLevel;
  const out = structuredClone(original);
  for (const k of top) delete out[k];
  for (const dk of rule.detailsKeys) {
    const details = out[dk];
    if (details && typeof details === 'object') for (const k of rule.removeDetails) delete (details as Payload)[k];
  }
  return { ...out, sessionId: SESSION };
}

function removedKey(m: ProgramModel, key: string, level: 'top' | 'details'): boolean {
  const rule = METHOD_RULES[m.method];
  if (level === 'details') return (rule.removeDetails as readonly string[]).includes(key);
  const top: readonly string[] = rule.policy === 'card-amounts' ? (m.removeCardAmounts ? AMOUNT_AND_CURRENCY : []) : rule.removeTopLevel;
  return top.includes(key);
}

function plugins(ext: ProgramModel['ext']): ParserPlugin[] {
  return ext === 'ts' ? ['typescript'] : ext === 'tsx' ? ['typescript', 'jsx'] : ['jsx'];
}

/** The original with the declared edits spliced in; overlapping edits fail (exact duplicates and nested cuts aside). */
function splice(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start));
  let out = '';
  let pos = 0;
  let last: Edit | undefined;
  for (const e of sorted) {
    if (last && e.start === last.start && e.end === last.end && e.text === last.text) continue;
    if (e.start < pos) {
      expect(e.text === '' && e.end <= pos, `edit ${e.start}-${e.end} overlaps another`).toBe(true);
      continue;
    }
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
    last = e;
  }
  return out + text.slice(pos);
}

const inside = (e: Edit, r: Span): boolean => e.start >= r.start && e.end <= r.end;
/** An edit touches a span when it removes any of its bytes or inserts strictly inside it. */
const touches = (e: Edit, s: Span): boolean => (e.start === e.end ? e.start > s.start && e.start < s.end : e.start < s.end && e.end > s.start);

function untouchable(m: ProgramModel, r: Rendered): Span[] {
  const kept = r.props.filter((p) => !removedKey(m, p.key, p.level));
  const within = (s: Span, outer?: Span): boolean => !!outer && s.start >= outer.start && s.end <= outer.end;
  // A statement whose every field is removed goes whole, with the comments inside it.
  const goneWhole = r.assignStatement && !kept.some((p) => within(p, r.assignStatement)) ? r.assignStatement : undefined;
  const comments = r.comments.filter((c) => !within(c, goneWhole));
  return [...kept, ...kept.flatMap((p) => (p.trailing ? [p.trailing] : [])), ...comments, ...r.companionKept];
}

function check(m: ProgramModel): void {
  const r = render(m);
  const file = `checkout.${m.ext}`;
  const options = toEngineOptions({ sessionId: m.sessionExpr, removeCardAmounts: m.removeCardAmounts });
  const { result, output } = processText(file, r.text, options);
  const context = `\n--- input (${file}) ---\n${r.text}\n--- output ---\n${output ?? '(unchanged)'}`;

  expect(result.findings.filter((f) => f.severity === 'error' || f.severity === 'review'), context).toEqual([]);
  expect(result.sites.map((s) => s.status), context).toEqual(m.companion ? ['migrated', 'migrated'] : ['migrated']);
  expect(output, context).toBeDefined();
  const out = output as string;

  // Re-parses in the file's own dialect.
  expect(() => parse(out, { sourceType: 'unambiguous', plugins: plugins(m.ext) }), context).not.toThrow();

  // Bytes: the output is the input with exactly the declared edits; they lie in the payload's literals and
  // statements, and touch no kept property, no kept trailing comment and no comment on its own line.
  expect(splice(r.text, result.edits), context).toBe(out);
  for (const e of result.edits) {
    expect(r.regions.some((g) => inside(e, g)), `edit ${JSON.stringify(e)} outside the payload${context}`).toBe(true);
    for (const s of untouchable(m, r)) {
      expect(touches(e, s), `edit ${JSON.stringify(e)} touches kept text ${JSON.stringify(r.text.slice(s.start, s.end))}${context}`).toBe(false);
    }
  }
  if (!m.trailingCommas) expect(/,\s*[}\]]/.test(out.replace(/\/\/.*|\/\*[\s\S]*?\*\/|"[^"\n]*"|'[^'\n]*'/g, '')), `a trailing comma was added${context}`).toBe(false);
  expect(out.split(m.eol).join('').replace(/[\u2028\u2029]/g, ''), `mixed line endings${context}`).not.toMatch(/[\r\n]/);

  // What reaches createSource: the element untouched, the payload exactly as the docs say.
  const before = captured(r.text);
  const after = captured(out);
  expect(after.args.length, context).toBe(before.args.length);
  if (m.element) expect(after.args[0], context).toBe(after.card);
  const payloadBefore = JSON.parse(JSON.stringify(before.args[before.args.length - 1])) as Payload;
  const payloadAfter = JSON.parse(JSON.stringify(after.args[after.args.length - 1])) as Payload;
  expect(payloadAfter, context).toEqual(documented(payloadBefore, m));

  if (m.companion) {
    const companion = JSON.parse(JSON.stringify(captured(out, 'pay2').args[0])) as Payload;
    expect(companion, context).toEqual({ type: 'wireTransfer', sessionId: SESSION, wireTransfer: {} });
  }

  // Idempotent: a second run changes nothing.
  expect(processText(file, out, options).output, `second run changed the file${context}`).toBeUndefined();
}

describe('generated DigitalRiver.js payload programs', () => {
  it(`migrate exactly, touch nothing else, and are idempotent (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(programModel, (m) => {
        check(m);
      }),
      { numRuns: RUNS },
    );
  }, Math.max(60_000, RUNS * 50));
});
