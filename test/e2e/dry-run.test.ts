// --dry-run: writes nothing, prints a patch git accepts on stdout and the summary on stderr; colour rules.

import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ANSI,
  BIN,
  copyDir,
  DEFINED_SESSION,
  EXAMPLE,
  exampleCopy,
  fixture,
  git,
  gitStatus,
  makeGitRepo,
  makeTemp,
  runCli,
  scriptCommand,
  shq,
  snapshot,
  spawnCollect,
} from './helpers.js';

const SUMMARY = /dr-migrate \(dry-run\): 6 files scanned, 3 would change, 3 unchanged, 0 skipped, 0 errored\./;

describe.concurrent('--dry-run', () => {
  it('writes nothing, prints a patch that git apply --check accepts, the summary on stderr, exit 0', async () => {
    const dir = makeGitRepo(copyDir(EXAMPLE, makeTemp()));
    const before = snapshot(dir);
    const run = await runCli(['--dry-run', '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    expect(gitStatus(dir)).toBe('');

    // stdout is nothing but the patch, one `diff --git` section per changed file.
    expect(run.stdout.startsWith('diff --git a/')).toBe(true);
    expect([...run.stdout.matchAll(/^diff --git a\/(\S+) b\/(\S+)$/gm)].map((m) => m[1])).toEqual([
      'magento/view/frontend/web/js/dr-payments.js',
      'react/src/PaymentForm.tsx',
      'wordpress/js/checkout.js',
    ]);
    expect(run.stdout).not.toContain('dr-migrate');
    expect(run.stdout).toContain('+      "sessionId": sessionId,\n');
    expect(run.stdout).toContain('-    paypalPayload.payPal.items = drCheckout.cart.items;\n');
    const patch = join(makeTemp(), 'm.patch');
    writeFileSync(patch, run.stdoutBytes);
    const check = git(dir, ['apply', '--check', '-v', patch]);
    expect(check.code).toBe(0);

    // The summary and findings go to stderr.
    expect(run.stderr).toMatch(SUMMARY);
    expect(run.stderr).toContain('payloads to migrate: directDebit 1, wireTransfer 1, klarnaCredit 1, creditCard 1, payPal 1');
    expect(run.stderr).not.toContain('diff --git');
  });

  it('gives a patch git apply accepts outside a git repository too (paths relative to the working directory)', async () => {
    const dir = exampleCopy();
    const before = snapshot(dir);
    const run = await runCli(['--dry-run', '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    expect(run.stderr).not.toContain('not inside a git repository'); // the note is about writing
    const patch = join(makeTemp(), 'm.patch');
    writeFileSync(patch, run.stdoutBytes);
    git(dir, ['apply', '--check', patch]);
  });

  it('gives a patch that reproduces write mode exactly for CRLF, BOM, no final newline, spaces and non-ASCII names', async () => {
    const make = (): string => {
      const dir = makeTemp();
      const files: Array<[string, string]> = [
        ['crlf.js', fixture('formatting', 'crlf.input.js')],
        ['bom.js', fixture('formatting', 'bom.input.js')],
        ['no-final-newline.js', fixture('formatting', 'no-final-newline.input.js')],
        ['my dir/pay pal.js', fixture('payPal', 'seed.input.js')],
        ['caf\u00e9/z\u00fcrich.ts', fixture('formatting', 'typed-payload.input.ts')],
      ];
      for (const [rel, from] of files) {
        mkdirSync(dirname(join(dir, rel)), { recursive: true });
        copyFileSync(from, join(dir, rel));
      }
      return makeGitRepo(dir);
    };
    const previewed = make();
    const written = make();
    const original = snapshot(previewed);
    // Both runs use a session id every page defines: the default one, undefined on these pages, would fail the write
    // (issue 17).
    const dry = await runCli([...DEFINED_SESSION, '--dry-run', '.'], { cwd: previewed });
    expect(dry.code, dry.stderr).toBe(0);
    expect(snapshot(previewed)).toEqual(original);
    const patch = join(makeTemp(), 'm.patch');
    writeFileSync(patch, dry.stdoutBytes);
    git(previewed, ['apply', patch]);
    const write = await runCli([...DEFINED_SESSION, '.'], { cwd: written });
    expect(write.code, write.stderr).toBe(0);
    expect(write.stderr).toContain('5 files written');
    expect(snapshot(previewed)).toEqual(snapshot(written));
  });

  it('prints no ANSI escapes with --no-color, with NO_COLOR=1 (also over FORCE_COLOR), when stdout/stderr are not terminals, or with TERM=dumb', async () => {
    const dir = exampleCopy();
    const runs = await Promise.all([
      runCli(['--dry-run', '--no-color', '.'], { cwd: dir }),
      runCli(['--dry-run', '.'], { cwd: dir, env: { NO_COLOR: '1' } }),
      runCli(['--dry-run', '.'], { cwd: dir }), // pipes, not TTYs
      runCli(['--dry-run', '.'], { cwd: dir, env: { NO_COLOR: '1', FORCE_COLOR: '3' } }),
      runCli(['--dry-run', '.'], { cwd: dir, env: { TERM: 'dumb' } }),
    ]);
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('diff --git');
      expect(r.stdout).not.toMatch(ANSI);
      expect(r.stderr).toMatch(SUMMARY);
      expect(r.stderr).not.toMatch(ANSI);
    }
    // All print the same bytes, apart from the time the run took.
    const untimed = (s: string | undefined): string | undefined => s?.replace(/ \(\d+\.\d+ s\)/, '');
    for (const r of runs.slice(1)) {
      expect(r.stdout).toBe(runs[0]?.stdout);
      expect(untimed(r.stderr)).toBe(untimed(runs[0]?.stderr));
    }
  });

  it('colours through chalk\'s own detection: FORCE_COLOR and --color colour a pipe too (issue 17), and the text is the same', async () => {
    const dir = exampleCopy();
    const [plain, forced, flag] = await Promise.all([
      runCli(['--dry-run', '.'], { cwd: dir }),
      runCli(['--dry-run', '.'], { cwd: dir, env: { FORCE_COLOR: '1' } }),
      runCli(['--dry-run', '--color', '.'], { cwd: dir }),
    ]);
    const strip = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '').replace(/ \(\d+\.\d+ s\)/, '');
    for (const r of [forced, flag]) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(ANSI);
      expect(r.stderr).toMatch(ANSI);
      expect(strip(r.stdout)).toBe(plain.stdout);
      expect(strip(r.stderr)).toBe(strip(plain.stderr));
    }
  });

  const script = scriptCommand();
  it.skipIf(!script)('on a terminal: colour by default, none at all with --no-color or NO_COLOR=1', async () => {
    const dir = exampleCopy();
    // util-linux script runs the command on a pseudo-terminal: both stdout and stderr are TTYs. Without CI: chalk's
    // detection gives a terminal no colour when CI is set by an unknown CI service (as on the machine running these tests).
    const onTty = (args: string[], env: Record<string, string | undefined> = {}) =>
      spawnCollect('script', ['-qec', [process.execPath, BIN, ...args].map(shq).join(' '), '/dev/null'], { cwd: dir, env: { TERM: 'xterm', CI: undefined, ...env } });
    const coloured = await onTty(['--dry-run', '.']);
    expect(coloured.stdout).toContain('sessionId');
    expect(coloured.stdout).toMatch(/\u001b\[3\dm/); // the control: a TTY does get colour

    for (const r of [await onTty(['--dry-run', '--no-color', '.']), await onTty(['--dry-run', '.'], { NO_COLOR: '1' })]) {
      expect(r.stdout).toContain('diff --git');
      expect(r.stdout).toMatch(SUMMARY);
      expect(JSON.stringify(r.stdout.match(/\u001b\[[0-9;]*[A-Za-z]/g) ?? [])).toBe('[]');
    }
  });
});
