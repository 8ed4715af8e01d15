// A review reason names what the code does: a local builder by its call, a server response as such (issue 18).

import { describe, expect, it } from 'vitest';
import { toEngineOptions } from '../src/options.js';
import { processText } from '../src/engine/process-text.js';

const PRELUDE = "var dr = new DigitalRiver('pk');\n";

function reason(body: string): string | undefined {
  const { result } = processText('checkout.js', `${PRELUDE}${body}\n`, toEngineOptions({}));
  return result.findings.find((f) => f.severity === 'review')?.data.why;
}

describe('the reason a payload is left for review', () => {
  it('names an awaited local builder and what it returns, not a server response', () => {
    const body = "async function build(cart) { var r = await fetch('/p'); return r.json(); }\nasync function pay(cart) { return dr.createSource(await build(cart)); }";
    expect(reason(body)).toBe('it is built by the local builder `build(…)`, whose return value cannot be traced: it is the result of `r.json(…)`');
  });

  it('names a local builder that returns nothing', () => {
    expect(reason('function build(cart) { send(cart); }\ndr.createSource(build(cart));')).toBe('it is built by the local builder `build(…)`, which returns nothing');
  });

  it('still calls an awaited fetch a server response', () => {
    expect(reason("async function pay() { return dr.createSource(await fetch('/p')); }")).toBe("it is an awaited value (`await fetch('/p')`), e.g. a server response");
  });
});
