// Bad input to the command (issue 8): each mistake gives one clear line on stderr, exit 2, no stack trace, and
// touches no file. The built CLI is spawned for real.

import { DEFAULT_EXTENSIONS } from '../../src/run/collect/discover.js';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { legacy, put, runCli, tempDir } from './helpers.js';

interface UsageCase {
  readonly name: string;
  readonly args: readonly string[];
  /** The whole of stderr: one line. */
  readonly error: string;
  /** Builds the folder the command runs in, beside one legacy file (none for an empty repository). */
  readonly setup?: (dir: string) => void;
  readonly empty?: boolean;
}

const CASES: readonly UsageCase[] = [
  {
    name: 'a --session-id in TypeScript-only syntax',
    args: ['--session-id', 'checkout!.sessionId'],
    error: '--session-id "checkout!.sessionId" uses TypeScript-only syntax; it is also inserted into .js files, so write it in plain JavaScript',
  },
  {
    name: 'a --session-id followed by a comment that would swallow the rest of the line',
    args: ['--session-id', 'sid // from the cart'],
    error: '--session-id "sid // from the cart" is not a JavaScript expression (text after the expression)',
  },
  {
    name: 'a --session-id holding a line break (the message stays on one line)',
    args: ['--session-id', 'sid\n)'],
    error:
      '--session-id "sid\\n)" is not a JavaScript expression (Unexpected parseExpression() input: The input should contain exactly one expression, but the first expression is followed by the unexpected character `)`.)',
  },
  {
    name: 'a --session-id with a bare comma (it would start a new property)',
    args: ['--session-id', 'a, b'],
    error: '--session-id "a, b" is not a JavaScript expression (a comma expression; wrap it in parentheses)',
  },
  {
    name: 'a blank --session-id',
    args: ['--session-id', '  '],
    error: '--session-id must be a JavaScript expression, got an empty string',
  },
  { name: '--force with --check', args: ['--check', '--force'], error: '--force only applies when writing; it cannot be used with --check' },
  { name: '--force with --dry-run', args: ['-d', '--force'], error: '--force only applies when writing; it cannot be used with --dry-run' },
  { name: 'a misspelt flag', args: ['--forse'], error: "unknown option '--forse' (did you mean --force?)" },
  { name: '`help` typed as a command', args: ['help'], error: 'path does not exist: help (did you mean --help?)' },
  { name: '-v for the version', args: ['-v'], error: "unknown option '-v' (did you mean --version?)" },
  { name: 'a misspelt subcommand', args: ['inventroy'], error: 'path does not exist: inventroy (did you mean inventory?)' },
  { name: 'a misspelt subcommand (undo)', args: ['unod'], error: 'path does not exist: unod (did you mean undo?)' },
  { name: 'a payment method in the wrong case', args: ['--methods', 'payPal,paypal'], error: 'unknown payment method "paypal" in --methods (did you mean payPal?)' },
  {
    name: 'a payment method nothing is near',
    args: ['--methods', 'bitcoin'],
    error:
      'unknown payment method "bitcoin" in --methods (known: creditCard, payPal, payPalBilling, payPalCredit, directDebit, wireTransfer, codJapan, payco, bankTransfer, onlineBanking, bPay, konbini, klarnaCredit, klarnaCreditRecurring, msts)',
  },
  {
    name: 'inventory of an empty folder: the same error as the main command',
    args: ['inventory', 'empty'],
    setup: (dir) => mkdirSync(join(dir, 'empty')),
    error: `no files to scan in empty (extensions: ${[...DEFAULT_EXTENSIONS, 'py', 'rb', 'java', 'kt', 'cs', 'go', 'scala', 'groovy', 'ds'].join(', ')}; ignored folders and .gitignore rules apply)`,
  },
  {
    name: 'an empty repository',
    args: [],
    empty: true,
    setup: (dir) => mkdirSync(join(dir, '.git')),
    error: `no files to scan in the current directory (extensions: ${DEFAULT_EXTENSIONS.join(', ')}; ignored folders and .gitignore rules apply)`,
  },
  {
    name: 'a folder holding only ignored files',
    args: ['web'],
    setup: (dir) => {
      put(dir, 'web/node_modules/lib/index.js', legacy());
      put(dir, 'web/dist/app.js', legacy());
      put(dir, 'web/README.md', '# shop\n');
    },
    error: `no files to scan in web (extensions: ${DEFAULT_EXTENSIONS.join(', ')}; ignored folders and .gitignore rules apply)`,
  },
  {
    name: 'a path that is a loop of symbolic links',
    args: ['a.js'],
    setup: (dir) => {
      symlinkSync('b.js', join(dir, 'a.js'));
      symlinkSync('a.js', join(dir, 'b.js'));
    },
    error: 'path is a loop of symbolic links: a.js',
  },
];

describe('bad input to the command', () => {
  it.each(CASES)('$name: one line, exit 2, no stack trace, nothing written', async (c) => {
    const dir = tempDir();
    const file = c.empty ? undefined : put(dir, 'checkout.js', legacy());
    c.setup?.(dir);
    const r = await runCli(c.args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`dr-migrate: error: ${c.error}\n`);
    expect(r.stdout).toBe('');
    if (file) expect(readFileSync(file, 'utf8')).toBe(legacy());
  });
});

describe('session-id expressions that are valid', () => {
  it('keeps a wholly parenthesized expression, which is plain JavaScript, as written', async () => {
    const dir = tempDir();
    const file = put(dir, 'checkout.js', legacy());
    const r = await runCli(['--session-id', '(checkout.session, sid)', 'checkout.js'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain("    type: 'payPal',\n    sessionId: (checkout.session, sid),\n");
  });
});
