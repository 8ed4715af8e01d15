// The seed document's own examples: each "Without payment sessions" payload, migrated, has exactly the keys of its
// "With payment sessions" counterpart (spec §2 notes: the "with" examples are not minimal edits, so keys are compared).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseExpression } from '@babel/parser';
import type * as t from '@babel/types';
import { describe, expect, it } from 'vitest';
import { toEngineOptions } from '../src/options.js';
import { processText } from '../src/engine/process-text.js';

const SEED = readFileSync(join(import.meta.dirname, 'data', 'payment-sessions.txt'), 'utf8');

interface Example {
  readonly heading: string;
  readonly without: string;
  readonly with: string;
}

/** Each method section repeats the tab labels, then gives the "Without" code and the "With" code. */
function examples(): Example[] {
  const lines = SEED.split('\n');
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== 'Without payment sessions' || lines[i + 1] !== 'With payment sessions' || lines[i + 2] !== 'Without payment sessions') continue;
    const heading = lines.slice(0, i).reverse().find((l) => /^For /.test(l))?.replace(/^For ([^,]+),.*$/, '$1') ?? '?';
    const start = i + 3;
    const mid = lines.indexOf('With payment sessions', start);
    let end = mid + 1;
    while (end < lines.length && lines[end] !== '') end++;
    out.push({ heading, without: lines.slice(start, mid).join('\n'), with: lines.slice(mid + 1, end).join('\n') });
  }
  return out;
}

/** Key paths of the first object literal assigned in `code` (nested objects included, arrays not entered). */
function keyPaths(code: string): string[] {
  const start = code.indexOf('{');
  let depth = 0;
  let end = start;
  for (; end < code.length; end++) {
    if (code[end] === '{') depth++;
    if (code[end] === '}' && --depth === 0) break;
  }
  const obj = parseExpression(code.slice(start, end + 1)) as t.ObjectExpression;
  const out: string[] = [];
  const walk = (o: t.ObjectExpression, prefix: string): void => {
    for (const p of o.properties) {
      if (p.type !== 'ObjectProperty') continue;
      const k = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'StringLiteral' ? p.key.value : '?';
      out.push(prefix + k);
      if (p.value.type === 'ObjectExpression') walk(p.value, `${prefix}${k}.`);
    }
  };
  walk(obj, '');
  return out.sort();
}

const all = examples();

describe('the seed document', () => {
  it('has the fourteen documented method sections', () => {
    expect(all.map((e) => e.heading)).toEqual([
      'credit cards',
      'PayPal',
      'PayPal Billing',
      'PayPal Credit',
      'Direct Debit',
      'Wire Transfer',
      'Cash on Delivery - Japan',
      'Payco - Korea Payments',
      'Bank Transfer - Korea Payments',
      'Online Banking - IBP',
      'bPay',
      'Konbini',
      'Klarna',
      'Klarna Recurring',
    ]);
  });
});

describe.each(all)('seed example: $heading', (example) => {
  it('migrates to the keys of the "With payment sessions" example', () => {
    const { result, output } = processText('seed.js', example.without, toEngineOptions());
    expect(result.status).toBe('changed');
    expect(keyPaths(output ?? '')).toEqual(keyPaths(example.with));
  });
});
