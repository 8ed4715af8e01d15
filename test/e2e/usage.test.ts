// Usage errors (exit 2, one line, no stack trace, nothing written), --help, --version and `dr-migrate methods`.

import { beforeAll, describe, expect, it } from 'vitest';
import { METHOD_TYPES } from '../../src/rules/methods.js';
import { ANSI, exampleCopy, PKG, runCli, snapshot, STACK_FRAME } from './helpers.js';

const MISTAKES: ReadonlyArray<readonly [string, readonly string[], RegExp]> = [
  ['an unknown flag', ['--frobnicate'], /--frobnicate/],
  ['--dry-run with --check', ['--dry-run', '--check'], /--dry-run.*--check|--check.*--dry-run/],
  ['a --session-id that is not an expression', ['--session-id', 'a b'], /--session-id/],
  ['an empty --session-id', ['--session-id', ''], /--session-id/],
  ['an unknown --methods type', ['--methods', 'bogus'], /bogus/],
  ['a path that does not exist', ['no/such/dir'], /no\/such\/dir/],
  ['an unknown --format', ['--format', 'xml'], /xml/],
  ['--concurrency -1', ['--concurrency', '-1'], /--concurrency/],
  ['a --concurrency that is not a number', ['--concurrency', 'many'], /--concurrency/],
  ['--quiet with --verbose', ['--quiet', '--verbose'], /--quiet|--verbose/],
  ['an empty --extensions', ['--extensions', ','], /--extensions/],
];

describe.concurrent('usage errors', () => {
  let dir: string;
  let before: Record<string, string>;
  beforeAll(() => {
    dir = exampleCopy();
    before = snapshot(dir);
  });

  // Write mode (no --dry-run): a usage error must stop the run before anything is written.
  it.each(MISTAKES)('%s: exit 2, one line on stderr naming the problem, no stack trace, nothing written', async (_name, args, names) => {
    const run = await runCli([...args, '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toContain(STACK_FRAME);
    expect(run.stderr).not.toMatch(ANSI);
    expect(run.stderr.endsWith('\n')).toBe(true);
    expect(run.stderr.slice(0, -1).split('\n'), run.stderr).toHaveLength(1);
    expect(run.stderr).toMatch(/error/i);
    expect(run.stderr).toMatch(names);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('reports an error with --verbose without a stack trace either', async () => {
    const run = await runCli(['--verbose', '--session-id', 'a b', '.'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain(STACK_FRAME);
    expect(run.stderr.slice(0, -1).split('\n')).toHaveLength(1);
  });
});

describe.concurrent('--session-id validation', () => {
  it('accepts a parenthesized expression and inserts it as written', async () => {
    const dir = exampleCopy();
    const run = await runCli(['--dry-run', '--session-id', '(checkout.payment.session.id)', '.'], { cwd: dir });
    // No error of any kind: the summary counts "0 errored", and no line names an error.
    expect(run.stderr).toMatch(/ 0 errored\./);
    expect(run.stderr).not.toMatch(/\berror\b/i);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('+      "sessionId": (checkout.payment.session.id),\n');
  });

  it('never turns an expression that is not JavaScript (a TypeScript `as`) into an internal error in .js files', async () => {
    const dir = exampleCopy();
    const before = snapshot(dir);
    const run = await runCli(['--session-id', 'sid as string', '.'], { cwd: dir });
    expect(run.stderr).not.toMatch(/internal error/i);
    expect(run.stderr).not.toContain('internal-error');
    // Either refused up front as a usage error (nothing written) or not inserted where it cannot parse.
    if (run.code === 2) {
      expect(run.stderr.slice(0, -1).split('\n')).toHaveLength(1);
      expect(snapshot(dir)).toEqual(before);
    }
  });
});

describe.concurrent('--help, --version, methods', () => {
  it('--help exits 0 and shows the flags and the examples on stdout', async () => {
    const run = await runCli(['--help'], { cwd: exampleCopy() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: dr-migrate /);
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('--dry-run');
    expect(run.stdout).toContain('--check');
    expect(run.stdout).toContain('Exit codes:');
    expect(run.stderr).toBe('');
  });

  it('-h is --help', async () => {
    const dir = exampleCopy();
    const [a, b] = await Promise.all([runCli(['-h'], { cwd: dir }), runCli(['--help'], { cwd: dir })]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('--version and -V print the package.json version', async () => {
    const dir = exampleCopy();
    const [long, short] = await Promise.all([runCli(['--version'], { cwd: dir }), runCli(['-V'], { cwd: dir })]);
    for (const r of [long, short]) {
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${PKG.version}\n`);
      expect(r.stderr).toBe('');
    }
  });

  it('`dr-migrate methods` lists all 15 method types with what is removed and the doc citation', async () => {
    const run = await runCli(['methods'], { cwd: exampleCopy() });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const types = run.stdout.split('\n').filter((l) => /^[A-Za-z]+$/.test(l));
    expect(types).toEqual([...METHOD_TYPES]);
    expect(types).toHaveLength(15);
    // Each cites a section of Digital River's public guide that users can open (issue 17 item 6).
    expect(run.stdout.match(/^ {2}source: +https:\/\/docs\.digitalriver\.com\/digital-river-api\/integration-options\/checkouts\/creating-checkouts\/payment-sessions#[a-z-]+ "[^"]+"/gm)).toHaveLength(15);
    expect(run.stdout).toMatch(/^payPal\n {2}remove top level: amount, currency\n {2}remove details: +payPal: items, taxAmount/m);
  });
});
