// The engine defers to the type checker exactly the sites it can settle (issue 5), and nothing else: findings
// stay those of a single-file run, the deferral only says what to ask.

import { describe, expect, it } from 'vitest';
import { toEngineOptions } from '../src/options.js';
import { processText } from '../src/engine/process-text.js';
import { declaresTypedCreateSource } from '../src/run/settle/typed-create-source.js';

const options = toEngineOptions({});
const PRELUDE = "import { build, payload, TYPES, Kind } from './elsewhere';\nconst dr = new DigitalRiver('pk');\nconst sessionId = 'from-the-page';\n";

function decide(body: string, file = 'checkout.ts'): { kind: string | undefined; status: string; findings: string[] } {
  const text = `${PRELUDE}${body}\n`;
  const outcome = processText(file, text, options);
  const [decision] = outcome.decisions ?? [];
  if (!decision) throw new Error('no site');
  return { kind: decision.deferred?.kind, status: decision.status, findings: outcome.result.findings.map((f) => f.id) };
}

describe('deferred to the checker', () => {
  it.each([
    ['an imported payload', 'dr.createSource(payload);'],
    ['an imported builder', 'dr.createSource(build(cart));'],
    ['an awaited imported builder', 'async function f() { return dr.createSource(await build(cart)); }'],
    ['a member read', 'dr.createSource(config.payload);'],
    ["a required module's field", "dr.createSource(require('./payloads').paypal);"],
    ['a variable holding a builder result', 'const p = build(cart);\ndr.createSource(p);'],
  ])('the payload: %s', (_, body) => {
    expect(decide(body)).toEqual({ kind: 'payload', status: 'review', findings: ['payload-unresolved'] });
  });

  it.each([
    ['an imported constant object property', "dr.createSource({ type: TYPES.PAYPAL, amount: 1 });"],
    ['an enum member', "dr.createSource({ type: Kind.PayPal, amount: 1 });"],
    ['a typed parameter', "function f(t: 'payPal' | 'payPalCredit') { return dr.createSource({ type: t, amount: 1 }); }"],
  ])('the type: %s', (_, body) => {
    expect(decide(body)).toEqual({ kind: 'type', status: 'review', findings: ['type-unresolved'] });
  });

  it('the payload type of a migrated literal with a declared type', () => {
    const r = decide("const p: PayPalPayload = { type: 'payPal', amount: 1 };\ndr.createSource(p);");
    expect(r).toEqual({ kind: 'payload-type', status: 'migrated', findings: ['migrated'] });
  });
});

describe('not deferred', () => {
  it.each([
    ['a parameter', 'function f(p) { return dr.createSource(p); }', 'payload-unresolved'],
    ["a parameter's field", 'function f(response) { return dr.createSource(response.sourceData); }', 'payload-unresolved'],
    ["a call's field", "dr.createSource(getState().payload);", 'payload-unresolved'],
    ['a server response', "async function f() { return dr.createSource(await fetch('/p')); }", 'payload-unresolved'],
    ['one branch of a conditional', "dr.createSource(ok ? build(cart) : { type: 'payPal' });", 'payload-unresolved'],
    ['a builder result with fields added here', 'const p = build(cart);\np.amount = 5;\ndr.createSource(p);', 'payload-unresolved'],
    ['a spread of an imported value', "dr.createSource({ ...payload, type: 'payPal' });", 'payload-unresolved'],
  ])('%s', (_, body, finding) => {
    expect(decide(body)).toEqual({ kind: undefined, status: 'review', findings: [finding] });
  });

  it.each([
    ['an untyped literal', "const p = { type: 'payPal', amount: 1 };\ndr.createSource(p);"],
    ['an open annotation', "const p: Record<string, unknown> = { type: 'payPal', amount: 1 };\ndr.createSource(p);"],
    ['an `as const` literal', "dr.createSource({ type: 'payPal', amount: 1 } as const);"],
  ])('a migrated literal: %s', (_, body) => {
    expect(decide(body)).toEqual({ kind: undefined, status: 'migrated', findings: ['migrated'] });
  });

  it('a Flow-annotated literal in plain JavaScript', () => {
    const r = decide("const p: Payload = { type: 'payPal', amount: 1 };\ndr.createSource(p);", 'checkout.js');
    expect(r).toEqual({ kind: undefined, status: 'migrated', findings: ['migrated'] });
  });
});

describe('a typed createSource declaration (text only)', () => {
  it.each([
    ['interface Dr { createSource(data: SourceData): Promise<Result>; }', true],
    ['createSource(element: unknown, data: PayPalSourceData | KlarnaSourceData): Promise<R>;', true],
    ['createSource(...args: unknown[]): Promise<R>;', false],
    ['createSource(data: any): Promise<R>;', false],
    ['createSource(data: Record<string, unknown>): Promise<R>;', false],
    ["dr.createSource({ type: 'payPal' }): void", false],
    ["return drjs.createSource(payload);", false],
  ])('%s → %s', (text, typed) => {
    expect(declaresTypedCreateSource(text)).toBe(typed);
  });
});

// Issue 13 §1: a payload call the checker may not resolve carries the method name builders are looked up by.
describe('the method name a payload call is looked up by', () => {
  const member = (body: string): string | undefined => {
    const outcome = processText('checkout.js', `${PRELUDE}${body}\n`, options);
    const d = outcome.decisions?.[0]?.deferred;
    return d?.kind === 'payload' ? (d.member ?? '(none)') : undefined;
  };

  it.each([
    ['a computed slot', 'async function f(t) { return dr.createSource(await t[KEY].createObject(cart)); }', 'createObject'],
    ['a map of builders', 'const p = builders[method].buildSourceData(cart);\ndr.createSource(p);', 'buildSourceData'],
    ['a quoted member', "dr.createSource(svc['toPayload'](cart));", 'toPayload'],
    ['an HTTP client', "async function f() { return dr.createSource(await api.post('/payload', cart)); }", '(none)'],
    ['a plain function', 'dr.createSource(build(cart));', '(none)'],
  ])('%s', (_, body, want) => {
    expect(member(body)).toBe(want);
  });
});
