// The type-aware step end to end (issue 5): the built CLI with --verify in each mode, and proof that a run with
// nothing deferred never loads ts-morph (Node's module cache of a real child process, with a control that does).

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/run/migrate.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'dr-migrate.js');
const PROJECTS = join(ROOT, 'fixtures', 'projects');
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

function copyOf(project: string): string {
  const dir = mkdtempSync(join(tmpdir(), `dr-migrate-${project}-`));
  temps.push(dir);
  cpSync(join(PROJECTS, project, 'input'), dir, { recursive: true });
  return dir;
}

function cli(cwd: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const KLARNA = join('src', 'klarna.ts');

describe('--verify', () => {
  it('writes nothing and exits 2 when the migration would introduce a type error', () => {
    const dir = copyOf('type-from-package');
    const before = readFileSync(join(dir, KLARNA), 'utf8');
    const r = cli(dir, ['--verify', '.']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^src\/klarna\.ts\n(?: {2}.*\n)* {2}8:\d+ +review {2,}The migration would introduce TypeScript error TS2353: .*sessionId.*verify-diagnostic$/m);
    expect(r.stderr).toMatch(/nothing written: the migration would introduce 1 TypeScript error/);
    expect(readFileSync(join(dir, KLARNA), 'utf8')).toBe(before);
  });

  it('writes with --force, and the new error still needs review (exit 1)', () => {
    const dir = copyOf('type-from-package');
    const r = cli(dir, ['--verify', '--force', '.']);
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, KLARNA), 'utf8')).toBe(readFileSync(join(PROJECTS, 'type-from-package', 'expected', KLARNA), 'utf8'));
  });

  it('reports the new error in a dry run and prints the diff (a dry run exits 0 once its patch is printed)', () => {
    const dir = copyOf('type-from-package');
    const r = cli(dir, ['--verify', '--dry-run', '.']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/verify-diagnostic/);
    expect(r.stdout).toContain('+    sessionId: sessionId,');
    expect(r.stderr).toContain('verify-diagnostic');
  });

  it('passes a migration that keeps the project type-checking (exit 0, written)', () => {
    const dir = copyOf('interface-typed-payload');
    const r = cli(dir, ['--verify', '--format', 'json', '.']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { files: { findings: { id: string }[] }[]; summary: { written: number } };
    expect(result.files.flatMap((f) => f.findings.map((x) => x.id))).not.toContain('verify-diagnostic');
    expect(result.summary.written).toBe(3);
  });
});

/** Runs migrate() from the build in a fresh Node process; reports whether ts-morph entered its module cache. */
function loadsTsMorph(project: string): { loaded: string[]; programBuilt: boolean; changed: number } {
  const dir = copyOf(project);
  const script = `
    import { createRequire } from 'node:module';
    const { migrate } = await import(${JSON.stringify(join(ROOT, 'dist', 'src', 'index.js'))});
    const result = await migrate({ cwd: ${JSON.stringify(dir)}, mode: 'dry-run' });
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /[\\\\/]ts-morph[\\\\/]|@ts-morph/.test(k));
    console.log(JSON.stringify({ loaded, programBuilt: result.analysis.programBuilt, changed: result.summary.changed }));
  `;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as {
    loaded: string[];
    programBuilt: boolean;
    changed: number;
  };
}

describe('ts-morph is loaded only when a site needs it', () => {
  it('is never loaded for a project whose sites are all settled locally', () => {
    const r = loadsTsMorph('nothing-deferred');
    expect(r.changed).toBe(1);
    expect(r.programBuilt).toBe(false);
    expect(r.loaded).toEqual([]);
  });

  it('is never loaded when the only deferral is an untyped parameter of an uncalled JavaScript function (issue 14)', () => {
    const r = loadsTsMorph('untyped-parameter');
    expect(r.changed).toBe(0);
    expect(r.programBuilt).toBe(false);
    expect(r.loaded).toEqual([]);
  });

  it('is loaded for a project with a payload built in another module (the control)', () => {
    const r = loadsTsMorph('esm-builder');
    expect(r.changed).toBe(1);
    expect(r.programBuilt).toBe(true);
    expect(r.loaded.length).toBeGreaterThan(0);
  });
});

describe('a tsconfig.json the compiler cannot read', () => {
  const broken = (): string => {
    const dir = copyOf('reexport-index');
    writeFileSync(join(dir, 'tsconfig.json'), '{ "compilerOptions": { "strict": true }, "include": ["src" }\n');
    return dir;
  };

  it('never stops the run: the scanned files still form a project, and a notice says so', async () => {
    const result = await migrate({ cwd: broken(), mode: 'check' });
    expect(result.exitCode).toBe(1);
    expect(result.summary.payloads).toEqual({ directDebit: 1, wireTransfer: 1 });
    expect(result.notices).toEqual([expect.stringMatching(/^tsconfig\.json could not be read \(.+\); the type checker saw the scanned files only$/)]);
  });

  it('makes --verify fail (exit 2) and write nothing', async () => {
    const dir = broken();
    const before = readFileSync(join(dir, 'src', 'payments', 'direct-debit.ts'), 'utf8');
    const result = await migrate({ cwd: dir, mode: 'write', verify: true });
    expect(result.exitCode).toBe(2);
    expect(result.summary.written).toBe(0);
    expect(result.notices.some((n) => n.startsWith('nothing written: --verify could not type-check the project'))).toBe(true);
    expect(readFileSync(join(dir, 'src', 'payments', 'direct-debit.ts'), 'utf8')).toBe(before);
  });
});

// Issue 13 §1: builders reached through dynamic dispatch, from the built CLI.
describe('builders found by name', () => {
  it('--check fails, and names the builders that still send legacy fields next to sessionId', () => {
    const dir = copyOf('dispatch-builders');
    const r = cli(dir, ['--check', '.']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('✔');
    expect(r.stderr).toMatch(/^src\/payments\/payPal\.js\n(?: {2}.*\n)* {2}11:3 +legacy {2,}Would migrate payPal\/payPalBilling payload: removed amount, currency, payPal\.items/m);
    expect(r.stderr).toMatch(/^src\/payments\/klarnaCredit\.js\n(?: {2}.*\n)* {2}4:3 +legacy {2,}Would migrate klarnaCredit payload/m);
    expect(r.stderr).toMatch(/^src\/payments\/recurring\.js\n(?: {2}.*\n)* {2}4:3 +warning {2,}Taken for the builder of the createSource call\(s\) at src\/checkout\/sourceManager\.js:16/m);
    expect(r.stderr).toMatch(/^src\/payments\/recurring\.js\n(?: {2}.*\n)* {2}4:3 +review {2,}Payload not migrated: its payment method type cannot be determined/m);
  });

  it('never reads past the prefilter the files of a tree without such a call site', async () => {
    const dir = copyOf('dispatch-builders');
    rmSync(join(dir, 'src', 'checkout', 'sourceManager.js'));
    const result = await migrate({ cwd: dir, paths: ['.'], mode: 'check', explain: true });
    const reasons = Object.fromEntries(result.files.map((f) => [f.path, f.reason ?? f.status]));
    expect(reasons['src/payments/payPal.js']).toMatch(/^prefiltered/);
    expect(reasons['src/payments/klarnaCredit.js']).toMatch(/^prefiltered/);
    expect(result.analysis.programBuilt).toBe(false);
    expect(result.exitCode).toBe(0);
  });
});
