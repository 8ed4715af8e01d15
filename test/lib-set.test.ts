// Issue 14 "type-aware step cost": the analysis loads only the ECMAScript libs (no DOM) unless the project reaches
// the DOM's globals, and every answer is the one the full lib set gives: the JavaScript fixture projects (whose
// synthetic project would load the DOM) and projects that do reach the DOM are run both ways and compared.

import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ecmascriptLibs, readsThroughGlobalObject } from '../src/analysis/lib-set.js';
import { ts } from '../src/analysis/ts-morph.js';
import { migrate } from '../src/run/migrate.js';
import type { RunResult } from '../src/run/result.js';
import { writeFiles } from './e2e/helpers.js';

const libs = vi.hoisted(() => ({ trim: true, trimmed: 0 }));
vi.mock('../src/analysis/lib-set.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/analysis/lib-set.js')>();
  return {
    ...original,
    ecmascriptLibs: (options: Parameters<typeof original.ecmascriptLibs>[0]) => (libs.trim ? original.ecmascriptLibs(options) : undefined),
    reachesHostGlobals: (program: Parameters<typeof original.reachesHostGlobals>[0]) => {
      const reaches = original.reachesHostGlobals(program);
      if (!reaches) libs.trimmed++;
      return reaches;
    },
  };
});

const PROJECTS = join(import.meta.dirname, '..', 'fixtures', 'projects');
const work = mkdtempSync(join(tmpdir(), 'dr-migrate-lib-set-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const project = (name: string, files: Record<string, string>): string => writeFiles(join(work, name), files);

const json = (r: RunResult): string => JSON.stringify({ exitCode: r.exitCode, summary: r.summary, files: r.files, notices: r.notices });

/** The run with the ECMAScript libs (falling back where the project reaches the DOM) and with the full set. */
async function bothWays(cwd: string): Promise<{ trimmed: RunResult; full: RunResult; kept: boolean }> {
  libs.trim = true;
  libs.trimmed = 0;
  const trimmed = await migrate({ cwd, mode: 'dry-run' });
  const kept = libs.trimmed > 0;
  libs.trim = false;
  const full = await migrate({ cwd, mode: 'dry-run' });
  libs.trim = true;
  return { trimmed, full, kept };
}

describe('the lib set of the type-aware step', () => {
  it('drops the host libs, keeping the ECMAScript part of the configured or default set', () => {
    expect(ecmascriptLibs({ target: ts.ScriptTarget.ES2022 })).toEqual(['lib.es2022.d.ts']);
    expect(ecmascriptLibs({ target: ts.ScriptTarget.ES5 })).toEqual(['lib.es5.d.ts']);
    expect(ecmascriptLibs({ target: ts.ScriptTarget.ES2015 })).toEqual(['lib.es2015.d.ts']);
    expect(ecmascriptLibs({ target: ts.ScriptTarget.ESNext })).toEqual(['lib.esnext.d.ts']);
    expect(ecmascriptLibs({ lib: ['lib.dom.d.ts', 'lib.dom.iterable.d.ts', 'lib.es2020.d.ts'] })).toEqual(['lib.es2020.d.ts']);
    expect(ecmascriptLibs({ lib: ['lib.webworker.d.ts', 'lib.scripthost.d.ts', 'lib.es2017.d.ts'] })).toEqual(['lib.es2017.d.ts']);
    expect(ecmascriptLibs({ lib: ['lib.dom.d.ts'] })).toEqual(['lib.es5.d.ts']);
    expect(ecmascriptLibs({ lib: ['lib.es2020.d.ts'] })).toBeUndefined();
    expect(ecmascriptLibs({ noLib: true })).toBeUndefined();
  });

  it('tells a read of a project global through the global object from the namespace idiom', () => {
    const globals = new Set(['DRPayments', 'DR_METHODS']);
    expect(readsThroughGlobalObject('var DRPayments = window.DRPayments || {};', globals)).toBe(false);
    expect(readsThroughGlobalObject('var t = window.DR_METHODS.PAYPAL;', globals)).toBe(true);
    expect(readsThroughGlobalObject("var t = self['DR_METHODS'];", globals)).toBe(true);
    expect(readsThroughGlobalObject('var t = window?.DRPayments;', globals)).toBe(true);
    expect(readsThroughGlobalObject('window.location.href = url; cart.window.DR_METHODS;', globals)).toBe(false);
  });

  const javascript = ['commonjs-require', 'const-object-type-js', 'dispatch-builder-styles', 'dispatch-builders', 'esm-builder', 'global-scripts-js'];
  it.each(javascript)('fixtures/projects/%s: the ECMAScript libs only, same result as with the DOM', async (name) => {
    const dir = join(work, name);
    cpSync(join(PROJECTS, name, 'input'), dir, { recursive: true });
    const { trimmed, full, kept } = await bothWays(dir);
    expect(kept).toBe(true);
    expect(json(trimmed)).toBe(json(full));
  });

  const reaching: [string, Record<string, string>, string][] = [
    [
      'a script global read through window',
      {
        'js/methods.js': "var DR_METHODS = { PAYPAL: 'payPal' };\n",
        'js/checkout.js': "var drjs = new DigitalRiver('pk');\ndrjs.createSource({ type: window.DR_METHODS.PAYPAL, amount: 1 });\n",
      },
      'migrated',
    ],
    [
      'an augmented Window in a TypeScript project with the DOM lib',
      {
        'tsconfig.json': '{ "compilerOptions": { "target": "ES2020", "lib": ["ES2020", "DOM"], "strict": true, "noEmit": true }, "include": ["src"] }\n',
        'src/globals.d.ts': "declare global {\n  interface Window { drCheckout: { method: 'payPal' } }\n}\ndeclare const DigitalRiver: new (key: string) => { createSource(data: unknown): Promise<unknown> };\nexport {};\n",
        'src/checkout.ts': "const drjs = new DigitalRiver('pk');\nexport const pay = () => drjs.createSource({ type: window.drCheckout.method, amount: 1 });\n",
      },
      'migrated',
    ],
    [
      'a script global that shadows a DOM global',
      {
        'js/status.js': "var status = { method: 'payPal' };\n",
        'js/checkout.js': "var drjs = new DigitalRiver('pk');\ndrjs.createSource({ type: status.method, amount: 1 });\n",
      },
      'type-unresolved',
    ],
  ];
  it.each(reaching)('%s: built with the full lib set, as before', async (name, files, id) => {
    const { trimmed, full, kept } = await bothWays(project(name.replace(/\W+/g, '-'), files));
    expect(kept).toBe(false);
    expect(trimmed.files.flatMap((f) => f.findings.map((x) => x.id))).toContain(id);
    expect(json(trimmed)).toBe(json(full));
  });
});
