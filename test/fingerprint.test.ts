// Site fingerprints: the identity a baseline keeps must survive unrelated edits and line shifts, and follow the payload.

import { describe, expect, it } from 'vitest';
import { normalizeCode } from '../src/engine/fingerprint.js';
import { toEngineOptions } from '../src/options.js';
import { processText } from '../src/engine/process-text.js';

const OPTIONS = toEngineOptions({});

const PAYPAL = `var drjs = new DigitalRiver(KEY);
var payload = {
  type: "payPal",
  amount: 120.99,
  currency: "USD",
  payPal: { returnUrl: "https://shop.example/ok", items: cart.items }
};
drjs.createSource(payload).then(done);
`;

const REVIEW = `var drjs = new DigitalRiver(KEY);
function pay(fromServer) {
  return drjs.createSource(fromServer);
}
`;

function sitesOf(text: string, path = 'checkout.js') {
  return processText(path, text, OPTIONS).result.sites;
}

function only(text: string): string {
  const sites = sitesOf(text);
  expect(sites).toHaveLength(1);
  return sites[0]?.fingerprint as string;
}

describe('site fingerprints', () => {
  it('are short hex ids, the same on every run', () => {
    const id = only(PAYPAL);
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(only(PAYPAL)).toBe(id);
  });

  it('stay when lines are added above, code is added elsewhere, or the call is re-indented and re-wrapped', () => {
    const id = only(PAYPAL);
    const shifted = `// a new header comment\n'use strict';\n\nfunction unrelated(a, b) {\n  return a + b;\n}\n${PAYPAL}\nconsole.log('after');\n`;
    const sites = sitesOf(shifted);
    expect(sites[0]?.line).toBe(14); // it moved 6 lines down…
    expect(sites[0]?.fingerprint).toBe(id); // …and kept its identity
    const reindented = PAYPAL.replace('drjs.createSource(payload).then(done);', 'if (ready) {\n    drjs\n      .createSource( payload )\n      .then(done);\n}');
    expect(only(reindented)).toBe(id);
    // A formatter adding a trailing comma or re-spacing the payload is not a new site either.
    const reformatted = PAYPAL.replace('items: cart.items }', 'items: cart.items, },').replace('amount: 120.99', 'amount:120.99');
    expect(only(reformatted)).toBe(id);
  });

  it('change when the payload changes, even when the literal is declared away from the call', () => {
    const id = only(PAYPAL);
    expect(only(PAYPAL.replace('120.99', '99.5'))).not.toBe(id);
    expect(only(PAYPAL.replace('returnUrl', 'cancelUrl'))).not.toBe(id);
    expect(only(PAYPAL.replace('"payPal",', '"payPalCredit",'))).not.toBe(id); // another method
    expect(only(PAYPAL.replace('createSource(payload)', 'createSource(element, payload)'))).not.toBe(id); // the call itself
    // A legacy field set after the literal is part of the payload too.
    const assigned = PAYPAL.replace('drjs.createSource', 'payload.payPal.taxAmount = 1;\ndrjs.createSource');
    expect(only(assigned)).not.toBe(id);
    expect(only(assigned.replace('taxAmount = 1', 'taxAmount = 2'))).not.toBe(only(assigned));
  });

  it('cover review sites too: the call text is their identity', () => {
    const id = only(REVIEW);
    expect(sitesOf(REVIEW)[0]?.status).toBe('review');
    expect(only(`\n\n${REVIEW}`)).toBe(id);
    expect(only(REVIEW.replace('createSource(fromServer)', 'createSource(response.payload)'))).not.toBe(id);
  });

  it('number identical sites in one file by order of appearance', () => {
    const twice = `${REVIEW}function again(fromServer) {\n  return drjs.createSource(fromServer);\n}\n`;
    const [first, second] = sitesOf(twice);
    const id = only(REVIEW);
    expect(first?.fingerprint).toBe(id);
    expect(second?.fingerprint).toBe(`${id}-2`);
  });

  it('are carried by the findings of their site', () => {
    const { result } = processText('checkout.js', `${PAYPAL}\n${REVIEW.replace('var drjs = new DigitalRiver(KEY);\n', '')}`, OPTIONS);
    const [legacy, review] = result.sites;
    expect(result.findings.map((f) => [f.id, f.line, f.site])).toEqual([
      ['session-id-unbound', 2, legacy?.fingerprint], // where sessionId is inserted, in the literal
      ['migrated', 8, legacy?.fingerprint],
      ['payload-unresolved', 11, review?.fingerprint],
    ]);
  });
});

describe('normalizeCode', () => {
  it('drops layout but keeps what separates words, and trailing commas', () => {
    expect(normalizeCode('{\n  type : "payPal" ,\n  amount: 1,\n}')).toBe('{type:"payPal",amount:1}');
    expect(normalizeCode('new   DigitalRiver( key )')).toBe('new DigitalRiver(key)');
    expect(normalizeCode('[a, b,\n]')).toBe('[a,b]');
  });
});
