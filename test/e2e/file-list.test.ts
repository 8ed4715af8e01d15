// --stdin and --files-from (issue 17, item 11): long file lists, read whole, filtered as a directory search filters
// what it finds; the same errors as path arguments; one list, never beside path arguments.

import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXTENSIONS } from '../../src/run/collect/discover.js';
import { BIN, exampleCopy, fixture, git, makeGitRepo, makeTemp, runCli, runJson, scriptCommand, shq, snapshot, spawnCollect } from './helpers.js';

const E = (message: string): string => `dr-migrate: error: ${message}\n`;
const EXAMPLE_FILES = [
  'magento/view/frontend/web/js/dr-payments.js',
  'magento/view/frontend/web/js/saved-source.js',
  'marketing/stripe-donate.js',
  'react/src/PaymentForm.tsx',
  'server/orders.js',
  'wordpress/js/checkout.js',
];
const NONE_TO_SCAN = `(extensions: ${DEFAULT_EXTENSIONS.join(', ')}; ignored folders and .gitignore rules apply)`;

function put(dir: string, rel: string): void {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  copyFileSync(fixture('payPal', 'seed.input.js'), join(dir, rel));
}

/** The example in a repository that also tracks what a search passes by: vendored, built, hidden and ignored files. */
function repository(): string {
  const dir = exampleCopy();
  for (const rel of ['vendor/pay.js', 'dist/app.js', '.github/pay.js', 'src/app.min.js', 'generated/pay.js', 'legacy/pay.js']) put(dir, rel);
  writeFileSync(join(dir, '.gitignore'), 'generated/\n');
  makeGitRepo(dir);
  git(dir, ['add', '-f', 'generated/pay.js']);
  git(dir, ['commit', '-q', '-m', 'a generated file, tracked anyway']);
  return dir;
}

describe.concurrent('--stdin', () => {
  it('`git ls-files | dr-migrate --check --stdin` scans what a search of the tree scans among them', async () => {
    const dir = repository();
    const listed = git(dir, ['ls-files']).stdout;
    expect(listed).toContain('README.md\n');
    expect(listed).toContain('generated/pay.js\n');
    const { run, json } = await runJson(['--check', '--format', 'json', '--stdin', '--ignore', 'legacy/'], { cwd: dir, input: listed });
    expect(run.code, run.stderr).toBe(1);
    expect(json.files.map((f) => f.path)).toEqual(EXAMPLE_FILES);
    expect(json.summary.scanned).toBe(6);
    const searched = await runJson(['--check', '--format', 'json', '--ignore', 'legacy/'], { cwd: dir });
    expect(searched.json.files.map((f) => f.path)).toEqual(EXAMPLE_FILES);
    expect(json.notices).toEqual([]);
  });

  it('reads NUL-separated paths (git ls-files -z), so any name comes through whole', async () => {
    const dir = makeTemp();
    for (const rel of ['café.js', 'two words.js', 'new\nline.js']) put(dir, rel);
    makeGitRepo(dir);
    const listed = git(dir, ['ls-files', '-z']).stdoutBytes;
    const { run, json } = await runJson(['--check', '--format', 'json', '--stdin'], { cwd: dir, input: listed });
    expect(run.code, run.stderr).toBe(1);
    expect(json.files.map((f) => f.path).sort()).toEqual(['café.js', 'new\nline.js', 'two words.js']);
  });

  it('writes only the files listed (write mode), the others staying as they were', async () => {
    const dir = makeGitRepo(exampleCopy());
    const before = snapshot(dir);
    // A session id every page can read: the default one, undefined there, would fail the write (issue 17).
    const run = await runCli(['--stdin', '--session-id', 'window.drCheckout.sessionId'], { cwd: dir, input: 'react/src/PaymentForm.tsx\nREADME.md\n' });
    expect(run.code, run.stderr).toBe(0);
    const after = snapshot(dir);
    expect(Object.keys(after).filter((k) => after[k] !== before[k])).toEqual(['react/src/PaymentForm.tsx']);
  });

  it('a missing path, an empty list and a list of nothing to scan are the errors of path arguments', async () => {
    const dir = exampleCopy();
    const missing = await runCli(['--check', '--stdin'], { cwd: dir, input: 'wordpress/js/checkout.js\ngone.js\n' });
    expect(missing.stderr).toBe(E('path does not exist: gone.js (in the list read from standard input)'));
    expect(missing.code).toBe(2);
    for (const input of ['', '\n\n', 'README.md\n', undefined]) {
      const run = await runCli(['--check', '--stdin'], { cwd: dir, ...(input !== undefined ? { input } : {}) });
      expect(run.stderr, JSON.stringify(input)).toBe(E(`no files to scan in the list read from standard input ${NONE_TO_SCAN}`));
      expect(run.code).toBe(2);
    }
  });
});

describe.concurrent('--files-from', () => {
  it('reads the list from a file (CRLF or LF); a folder in it is searched; `-` reads standard input', async () => {
    const dir = exampleCopy();
    writeFileSync(join(dir, 'list.txt'), 'wordpress/js/checkout.js\r\nREADME.md\r\nreact\r\n');
    const { run, json } = await runJson(['--check', '--format', 'json', '--files-from', 'list.txt'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    expect(json.files.map((f) => f.path)).toEqual(['react/src/PaymentForm.tsx', 'wordpress/js/checkout.js']);
    const piped = await runJson(['--check', '--format', 'json', '--files-from', '-'], { cwd: join(dir, 'wordpress'), input: 'js/checkout.js\n' });
    expect(piped.json.files.map((f) => f.path)).toEqual(['js/checkout.js']);
  });

  it('a list file that is not there, or names nothing to scan, is one line, exit 2', async () => {
    const dir = exampleCopy();
    const gone = await runCli(['--check', '--files-from', 'nope.txt'], { cwd: dir });
    expect(gone.stderr).toBe(E('--files-from: file not found: nope.txt'));
    expect(gone.code).toBe(2);
    writeFileSync(join(dir, 'empty.txt'), '');
    const empty = await runCli(['--check', '--files-from', 'empty.txt'], { cwd: dir });
    expect(empty.stderr).toBe(E(`no files to scan in the list read from empty.txt ${NONE_TO_SCAN}`));
    expect(empty.code).toBe(2);
  });
});

describe.concurrent('one list, and nothing else that reads standard input', () => {
  const REFUSED: readonly (readonly [readonly string[], string])[] = [
    [['--stdin', 'src'], '--stdin and path arguments cannot be used together: the list names the files to scan; narrow it instead (git ls-files src | dr-migrate --stdin)'],
    [
      ['--files-from', 'l.txt', 'a.js', 'b.js'],
      '--files-from l.txt and path arguments cannot be used together: the list names the files to scan; narrow it instead (git ls-files a.js | dr-migrate --stdin)',
    ],
    [['--stdin', '--files-from', 'l.txt'], '--stdin and --files-from cannot be used together: read one list (--files-from - is standard input)'],
    [
      ['--stdin', '--interactive'],
      '--stdin and --interactive cannot be used together: --interactive reads its answers from standard input; pass the list in a file with --files-from <file>',
    ],
    [
      ['--files-from', '-', '--interactive'],
      '--files-from - and --interactive cannot be used together: --interactive reads its answers from standard input; pass the list in a file with --files-from <file>',
    ],
  ];
  it.each(REFUSED)('%j: one line, exit 2', async (args, message) => {
    const dir = exampleCopy();
    const run = await runCli(args, { cwd: dir, input: 'wordpress/js/checkout.js\n' });
    expect(run.stderr).toBe(E(message));
    expect(run.code).toBe(2);
  });
});

/** The terminal test needs util-linux `script`; without it, it is reported as skipped. */
(scriptCommand() ? describe : describe.skip)('--stdin on a terminal', () => {
  it('does not sit waiting for input nobody was asked for: one line, exit 2', async () => {
    const command = [process.execPath, BIN, '--check', '--stdin'].map(shq).join(' ');
    const run = await spawnCollect('sh', ['-c', `script -qec ${shq(command)} /dev/null < /dev/null`], { cwd: exampleCopy(), env: { TERM: 'dumb' } });
    expect(run.stdout.replace(/\r\n/g, '\n')).toBe(
      E('--stdin reads the files to scan from standard input, which is a terminal; pipe a list into it (git ls-files | dr-migrate --stdin)'),
    );
    expect(run.code).toBe(2);
  });
});
