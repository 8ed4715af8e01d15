// Issue 14 "type-aware step cost": a deferred `type` that is an untyped parameter of an uncalled JavaScript function
// is left under review without building a TypeScript program, and the run's result is byte for byte the one the
// checker gives (the gate is run both ways on the same trees).

import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { migrate } from '../src/run/migrate.js';
import type { RunResult } from '../src/run/result.js';
import { writeFiles } from './e2e/helpers.js';

const gate = vi.hoisted(() => ({ settleUntypedParameters: true }));
vi.mock('../src/run/settle/analysis-gate.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/run/settle/analysis-gate.js')>();
  return { ...original, analysisDemand: (files: Parameters<typeof original.analysisDemand>[0]) => original.analysisDemand(files, { ...gate }) };
});

const ROOT = join(import.meta.dirname, '..', 'fixtures');
const work = mkdtempSync(join(tmpdir(), 'dr-migrate-untyped-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const project = (name: string, files: Record<string, string>): string => writeFiles(join(work, name), files);

const PLANTED = 'var drjs = new DigitalRiver(key);\n\nfunction createAnySource(type, el) {\n  return drjs.createSource(el, { type: type, amount: 1 });\n}\n';

/** The run with the shortcut and without it (every deferral asked of the checker). */
async function bothWays(cwd: string): Promise<{ fast: RunResult; checked: RunResult }> {
  gate.settleUntypedParameters = true;
  const fast = await migrate({ cwd, mode: 'check' });
  gate.settleUntypedParameters = false;
  const checked = await migrate({ cwd, mode: 'check' });
  gate.settleUntypedParameters = true;
  return { fast, checked };
}

const json = (r: RunResult): string => JSON.stringify({ exitCode: r.exitCode, summary: r.summary, files: r.files, notices: r.notices });

describe('an untyped JavaScript parameter as the `type`', () => {
  const cases: [string, () => string][] = [
    ['the planted generic createAnySource', () => project('planted', { 'src/any-source.js': PLANTED })],
    ['review/type-from-parameter (also a computed key `payload[type]`)', () => {
      const dir = join(work, 'type-from-parameter');
      mkdirSync(dir, { recursive: true });
      cpSync(join(ROOT, 'review', 'type-from-parameter.input.js'), join(dir, 'checkout.js'));
      return dir;
    }],
    ['a function a const holds', () => project('arrow', { 'pay.mjs': 'const drjs = new DigitalRiver(key);\nconst pay = (type) => drjs.createSource({ type });\n' })],
  ];

  it.each(cases)('%s: same result, no program built', async (_name, make) => {
    const { fast, checked } = await bothWays(make());
    expect(fast.files.flatMap((f) => f.findings.map((x) => x.id))).toContain('type-unresolved');
    expect(json(fast)).toBe(json(checked));
    expect(fast.analysis.programBuilt).toBe(false);
    expect(checked.analysis.programBuilt).toBe(true);
  });

  it('gives the same result where other sites need the checker anyway (dispatch-builders, origins)', async () => {
    const dispatch = join(work, 'dispatch-builders');
    cpSync(join(ROOT, 'projects', 'dispatch-builders', 'input'), dispatch, { recursive: true });
    const origins = join(work, 'origins');
    mkdirSync(origins, { recursive: true });
    cpSync(join(ROOT, 'origins', 'initial-value-reaches.input.js'), join(origins, 'reaches.js'));
    for (const dir of [dispatch, origins]) {
      const { fast, checked } = await bothWays(dir);
      expect(json(fast)).toBe(json(checked));
    }
  });

  it('gives the same result with a caller in a file the prefilter skips (its text is not kept; the checker types the parameter `any` anyway)', async () => {
    const { fast, checked } = await bothWays(project('caller-skipped', { 'a.js': PLANTED, 'b.js': 'createAnySource("payPal", el);\n' }));
    expect(json(fast)).toBe(json(checked));
  });

  it.each([
    ['a caller in another file the prefilter passes', { 'a.js': PLANTED, 'b.js': `${PLANTED.replace('createAnySource(type', 'other(type')}createAnySource('payPal', el);\n` }],
    ['a call in the same file', { 'a.js': `${PLANTED}createAnySource('payPal', el);\n` }],
    ['a JSDoc comment on the function', { 'a.js': PLANTED.replace('function', "/** @param {'wireTransfer'} type */\nfunction") }],
    ['a JSDoc type on a function a const holds', { 'a.js': 'const drjs = new DigitalRiver(key);\n/** @type {(t: \'wireTransfer\') => void} */\nconst pay = (type) => drjs.createSource({ type });\n' }],
    ['an inline JSDoc type on the parameter', { 'a.js': PLANTED.replace('(type,', "(/** @type {'wireTransfer'} */ type,") }],
    ['a TypeScript file', { 'a.ts': PLANTED }],
    ['a guard on the parameter', { 'a.js': PLANTED.replace('  return', "  if (isCard(type)) return null;\n  return") }],
    ['a default value', { 'a.js': PLANTED.replace('(type,', "(type = 'wireTransfer',") }],
  ])('still asks the checker with %s', async (name, files) => {
    const dir = project(`keep-${name.replace(/\W+/g, '-')}`, files);
    const { fast, checked } = await bothWays(dir);
    expect(fast.analysis.programBuilt).toBe(true);
    expect(json(fast)).toBe(json(checked));
  });
});
