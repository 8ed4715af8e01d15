// The byte prefilter never skips a file the engine would change or report on (issue 7), checked on every fixture.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateAst } from '../src/engine/engine.js';
import { dialectFor, parseSource } from '../src/engine/parse.js';
import { mightContainBytes, mightContainCalls, PREFILTER_WORDS } from '../src/engine/prefilter.js';
import { toEngineOptions, type MigrationOptions } from '../src/options.js';
import { byteTestFor } from '../src/run/collect/file-scanner.js';
import { processText } from '../src/engine/process-text.js';

const ROOT = join(import.meta.dirname, '..', 'fixtures');

interface Case {
  readonly name: string;
  readonly file: string;
  readonly options: MigrationOptions;
}

/** Every input and output file of the fixture suite (templates included), with its options. */
function fixtureFiles(): Case[] {
  const out: Case[] = [];
  for (const folder of readdirSync(ROOT, { withFileTypes: true })) {
    if (!folder.isDirectory() || folder.name === 'projects' || folder.name === 'trees') continue;
    const files = readdirSync(join(ROOT, folder.name));
    for (const f of files) {
      const m = /^(.+)\.(input|output)\.[A-Za-z0-9]+$/.exec(f);
      if (!m) continue;
      const opts = files.includes(`${m[1]}.options.json`) ? readFileSync(join(ROOT, folder.name, `${m[1]}.options.json`), 'utf8') : '{}';
      out.push({ name: `${folder.name}/${f}`, file: join(ROOT, folder.name, f), options: JSON.parse(opts) as MigrationOptions });
    }
  }
  return out;
}

/** The file name a fixture stands for (`x.d.input.ts` is the declaration file `x.d.ts`). */
const asInput = (name: string): string => name.replace(/\.(?:input|output)\./, '.');

const cases = fixtureFiles();
/** The fixtures the engine does something with: a change, a finding or a call site. */
const handled = cases.filter((c) => {
  const { result, output } = processText(asInput(c.name), readFileSync(c.file, 'utf8'), toEngineOptions(c.options));
  return output !== undefined || result.findings.length > 0 || result.sites.length > 0;
});

/**
 * Runs the finders on parsed text directly, past the engine's own prefilter gate. A PayPal element created without
 * `sourceData` is a site already migrated, which the prefilter lets go by decision (its word is `sourceData`): such
 * sites, and their `already-migrated` notes, are counted apart.
 */
function engineSees(name: string, text: string, options: MigrationOptions): { sites: number; findings: number; edits: number; paypalWithoutSourceData: number } {
  const parsed = parseSource(text, dialectFor(asInput(name)) ?? 'js');
  if (!parsed.ok) throw new Error(`${name} does not parse: ${parsed.error.message}`);
  const r = migrateAst(text, parsed.ast, toEngineOptions(options));
  const elementOnly = r.sites.filter((s) => s.kind.startsWith('paypal-element') && s.status === 'already-migrated');
  const notes = r.findings.filter((f) => f.id === 'already-migrated' && elementOnly.some((s) => s.offset === f.offset));
  return { sites: r.sites.length - elementOnly.length, findings: r.findings.length - notes.length, edits: r.edits.length, paypalWithoutSourceData: elementOnly.length };
}

/** Plain script fixtures, which parse as a whole (template hosts run the same engine on each block). */
const SCRIPT = /\.(?:[cm]?js|jsx|[cm]?ts|tsx)$/;

describe('the prefilter', () => {
  it('sees most of the fixture suite as handled (the checks below are not vacuous)', () => {
    expect(handled.length).toBeGreaterThan(cases.length / 2);
  });

  it.each(handled.map((c) => [c.name, c] as const))('keeps %s, which the engine changes or reports on', (_, c) => {
    expect(byteTestFor(asInput(c.name))(readFileSync(c.file))).toBe(true);
  });

  it.each(handled.filter((c) => SCRIPT.test(c.file)).map((c) => [c.name, c] as const))('%s: a word inside a longer name is nothing the finders match', (_, c) => {
    const text = readFileSync(c.file, 'utf8');
    const before = engineSees(c.name, text, c.options);
    expect(before.sites + before.paypalWithoutSourceData).toBeGreaterThan(0);
    for (const [pre, post] of [['', 'X'], ['x', ''], ['', '9'], ['_', '$']]) {
      let mutated = text;
      for (const w of PREFILTER_WORDS) mutated = mutated.replace(new RegExp(`(?<![\\w$])${w}(?![\\w$])`, 'g'), `${pre}${w}${post}`);
      expect(mightContainCalls(mutated)).toBe(false);
      expect(engineSees(c.name, mutated, c.options)).toEqual({ sites: 0, findings: 0, edits: 0, paypalWithoutSourceData: expect.any(Number) });
    }
  });

  it('leaves a call whose name is spelled with escapes to the parser-free test, which skips it', () => {
    const text = "var dr = new DigitalRiver('pk');\ndr.create\\u0053ource({ type: 'payPal', amount: 1, currency: 'USD' });\n";
    expect(mightContainBytes(Buffer.from(text))).toBe(false);
    expect(engineSees('escaped.js', text, {})).toEqual({ sites: 0, findings: 0, edits: 0, paypalWithoutSourceData: 0 });
    const plain = text.replace('create\\u0053ource', 'createSource');
    expect(engineSees('plain.js', plain, {}).edits).toBeGreaterThan(0);
  });

  it.each([
    ['dr.createSource(p)', true],
    ["dr['createSource'](p)", true],
    ['dr[`createSource`](p)', true],
    ['createSource', true],
    ['a.createSource\n', true],
    ['\u00e9createSource(', true],
    ['createSource\\u0041()', true],
    ['ts.createSourceFile(x)', false],
    ['xcreateSource()', false],
    ['$createSource()', false],
    ['createSource_()', false],
    ['createsource()', false],
    ['', false],
  ])('%j → %s, the same on bytes and on text', (text, expected) => {
    expect(mightContainBytes(Buffer.from(text, 'utf8'))).toBe(expected);
    expect(mightContainCalls(text)).toBe(expected);
  });
});
