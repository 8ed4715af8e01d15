// Whole projects under fixtures/projects/<case>/ (issue 5): input/ is copied to a temp folder and migrated in write
// mode; every file must then equal expected/ byte for byte, the findings must be exactly case.json's, and a
// TypeScript project must have exactly the diagnostics it had before (plus those case.json expects), checked by
// the real compiler. A second run must change nothing.

import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Project, ts, type Diagnostic } from 'ts-morph';
import { afterAll, describe, expect, it } from 'vitest';
import { WHOLE_TREE_LIMIT } from '../src/run/settle/naming-files.js';
import { migrate, type RunOptions } from '../src/run/migrate.js';
import type { RunResult } from '../src/run/result.js';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'projects');

interface ExpectedFinding {
  readonly file: string;
  readonly id: string;
  readonly line: number;
}

interface CaseSpec {
  readonly options?: Partial<RunOptions>;
  readonly exitCode: number;
  readonly programBuilt: boolean;
  readonly findings: readonly ExpectedFinding[];
  /** --verify refused to write: the tree stays as it was, so a second run has the same work to do. */
  readonly refused?: boolean;
  /** Diagnostics the migration is expected to introduce (file and code), for a type it must not edit. */
  readonly newDiagnostics?: readonly { readonly file: string; readonly code: number }[];
}

export function projectCases(): string[] {
  return existsSync(ROOT) ? readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
}

/** Every file under `dir`, relative, with forward slashes (node_modules included: it must stay as it was). */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p).split('\\').join('/'), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

const key = (dir: string, d: Diagnostic): string => {
  const file = d.getSourceFile()?.getFilePath();
  return `${file ? relative(dir, file) : ''}|${d.getCode()}|${ts.flattenDiagnosticMessageText(d.compilerObject.messageText, ' ')}`;
};

/**
 * The compiler's diagnostics for the project in `input` (its tsconfig.json), then for the same project with every
 * file replaced by its migrated text from `work`: one program, checked twice, as `file|code|message`.
 */
function diagnosticsBeforeAfter(input: string, work: string): { before: string[]; after: string[] } {
  const project = new Project({ tsConfigFilePath: join(input, 'tsconfig.json') });
  const before = project.getPreEmitDiagnostics().map((d) => key(input, d)).sort();
  for (const sf of project.getSourceFiles()) {
    const rel = relative(input, sf.getFilePath());
    if (rel.startsWith('..') || !existsSync(join(work, rel))) continue;
    const text = readFileSync(join(work, rel), 'utf8');
    if (text !== sf.getFullText()) sf.replaceWithText(text);
  }
  const after = project.getPreEmitDiagnostics().map((d) => key(input, d)).sort();
  return { before, after };
}

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

function findingsOf(result: RunResult): ExpectedFinding[] {
  return result.files
    .flatMap((f) => f.findings.map((x) => ({ file: f.path, id: x.id, line: x.line })))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.id.localeCompare(b.id));
}

describe.each(projectCases())('fixtures/projects/%s', (name) => {
  const spec = JSON.parse(readFileSync(join(ROOT, name, 'case.json'), 'utf8')) as CaseSpec;
  const input = join(ROOT, name, 'input');
  const expected = join(ROOT, name, 'expected');
  const work = mkdtempSync(join(tmpdir(), `dr-migrate-project-${name}-`));
  temps.push(work);
  cpSync(input, work, { recursive: true });
  // No undo journal: the tree after the run must be exactly expected/.
  const run = migrate({ cwd: work, paths: ['.'], mode: 'write', force: true, journal: false, ...spec.options });

  it('migrates every file to exactly the expected tree', async () => {
    await run;
    const got = tree(work);
    const want = tree(expected);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [file, bytes] of want) expect(got.get(file)?.toString('utf8'), file).toBe(bytes.toString('utf8'));
  });

  it('reports exactly the expected findings, exit code and program use', async () => {
    const result = await run;
    const want = [...spec.findings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.id.localeCompare(b.id));
    expect(findingsOf(result)).toEqual(want);
    expect(result.exitCode).toBe(spec.exitCode);
    expect(result.analysis.programBuilt).toBe(spec.programBuilt);
  });

  it.runIf(existsSync(join(input, 'tsconfig.json')))('type-checks after the migration exactly as before it', async () => {
    await run;
    const { before, after } = diagnosticsBeforeAfter(input, work);
    const introduced = after.filter((d) => {
      const i = before.indexOf(d);
      if (i < 0) return true;
      before.splice(i, 1);
      return false;
    });
    expect(before, 'diagnostics the migration removed').toEqual([]);
    const want = (spec.newDiagnostics ?? []).map((d) => `${d.file}|${d.code}`).sort();
    expect(introduced.map((d) => d.split('|').slice(0, 2).join('|')).sort()).toEqual(want);
  });

  it.runIf(!spec.refused)('changes nothing when run again on its output', async () => {
    await run;
    const second = await migrate({ cwd: work, paths: ['.'], ...spec.options, mode: 'check', force: true });
    expect(second.files.filter((f) => f.status === 'changed').map((f) => f.path)).toEqual([]);
  });
});

// In a tree too large to show the checker whole (issue 7), the type-aware step sees only the files involved, what
// they import and the scripts naming what a deferred payload is read from: every case must come out the same.
describe.each(projectCases().filter((name) => !JSON.parse(readFileSync(join(ROOT, name, 'case.json'), 'utf8')).options?.verify))(
  'fixtures/projects/%s among more than WHOLE_TREE_LIMIT other files',
  (name) => {
    const spec = JSON.parse(readFileSync(join(ROOT, name, 'case.json'), 'utf8')) as CaseSpec;
    const work = mkdtempSync(join(tmpdir(), `dr-migrate-large-${name}-`));
    temps.push(work);
    cpSync(join(ROOT, name, 'input'), work, { recursive: true });
    mkdirSync(join(work, 'zz-filler'));
    for (let i = 0; i <= WHOLE_TREE_LIMIT; i++) writeFileSync(join(work, 'zz-filler', `m${i}.js`), `export const value${i} = ${i};\n`);
    const run = migrate({ cwd: work, paths: ['.'], mode: 'write', force: true, journal: false, ...spec.options });

    it('migrates every file to exactly the expected tree, with the same findings and program use', async () => {
      const result = await run;
      const got = tree(work);
      for (const file of [...got.keys()]) if (file.startsWith('zz-filler/')) got.delete(file);
      const want = tree(join(ROOT, name, 'expected'));
      expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
      for (const [file, bytes] of want) expect(got.get(file)?.toString('utf8'), file).toBe(bytes.toString('utf8'));
      const findings = [...spec.findings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.id.localeCompare(b.id));
      expect(findingsOf(result)).toEqual(findings);
      expect(result.exitCode).toBe(spec.exitCode);
      expect(result.analysis.programBuilt).toBe(spec.programBuilt);
      expect(result.summary.scanned).toBeGreaterThan(WHOLE_TREE_LIMIT);
    });
  },
);
