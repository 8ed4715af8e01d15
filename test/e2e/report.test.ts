// What fails the check is what stands out (issue 17 item 4): one status word per finding, failing ones in red and
// counted, never hidden by --quiet, messages in the mood of the mode, the time the run took, and the next step.

import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, makeGitRepo, makeTemp, runCli, runJson } from './helpers.js';

const REMOVED = 'removed amount, currency, payPal.items, payPal.taxAmount, payPal.shippingAmount, payPal.amountsEstimated, payPal.requestShipping, payPal.shipping';
/** Red and yellow as chalk writes them at level 1. */
const RED = (s: string): string => `\u001b[31m${s}\u001b[39m`;
const YELLOW = (s: string): string => `\u001b[33m${s}\u001b[39m`;
const BOLD = (s: string): string => `\u001b[1m${s}\u001b[22m`;

/** The PayPal seed, with the session id its payload will read defined (so no other finding is in the way). */
function project(): string {
  const dir = makeTemp();
  copyFileSync(fixture('payPal', 'seed.input.js'), join(dir, 'pay.js'));
  writeFileSync(join(dir, 'session.js'), 'var sessionId = window.drCheckout.sessionId;\n');
  return dir;
}
const OPTS = ['--session-id', 'window.drCheckout.sessionId'];

describe.concurrent('the report of a run', () => {
  it('--check --quiet still lists the legacy payload that fails it, and only that (it used to hide it)', async () => {
    const run = await runCli(['--check', '-q', ...OPTS, '.'], { cwd: project() });
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').slice(0, 3)).toEqual(['pay.js', `  37:1  legacy  Would migrate payPal payload: added sessionId; ${REMOVED}.  migrated`, '']);
    expect(run.stderr).not.toContain('next:');
  });

  it('--check: legacy in red and counted, a red mark, the time taken, and the next step', async () => {
    const run = await runCli(['--check', ...OPTS, '.'], { cwd: project(), env: { FORCE_COLOR: '1' } });
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n');
    expect(lines[0]).toBe(BOLD('pay.js'));
    expect(lines[1]).toContain(`  37:1  ${RED('legacy')}  Would migrate payPal payload`);
    expect(lines[2]).toBe('');
    expect(lines[3]).toMatch(/^\u001b\[31m!\u001b\[39m dr-migrate \(check\): 2 files scanned, 1 would change, 1 unchanged, 0 skipped, 0 errored\. \(\d+\.\d\d s\)$/);
    expect(lines.slice(4)).toEqual([
      '  payloads to migrate: payPal 1',
      `  findings: ${RED('1 legacy')}`,
      '\u001b[2m  next: run dr-migrate without --check to apply the 1 change; dr-migrate undo puts them back\u001b[22m',
      '',
    ]);
  });

  it('--dry-run: the same payload is legacy in yellow (a preview fails nothing), with its own next step', async () => {
    const run = await runCli(['--dry-run', ...OPTS, '.'], { cwd: project(), env: { FORCE_COLOR: '1' } });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`  ${YELLOW('legacy')}  Would migrate payPal payload`);
    expect(run.stderr).toContain('next: run dr-migrate without --dry-run to apply the 1 change');
  });

  it('write mode says "migrated" once per payload, in the past tense', async () => {
    const run = await runCli(['--force', ...OPTS, '.'], { cwd: project() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.split('\n').slice(0, 3)).toEqual(['pay.js', `  37:1  migrated  payPal payload: added sessionId; ${REMOVED}`, '']);
    expect(run.stderr).not.toContain('next:');
  });

  it('JSON: a payload still to migrate has severity legacy, a "Would migrate" message, and is counted', async () => {
    const { json } = await runJson(['--check', '--format', 'json', ...OPTS, '.'], { cwd: project() });
    const pay = json.files.find((f) => f.path === 'pay.js');
    expect(pay?.findings.map((f) => [f.id, f.severity, f.message])).toEqual([['migrated', 'legacy', `Would migrate payPal payload: added sessionId; ${REMOVED}.`]]);
    expect(json.summary.findings).toEqual({ error: 0, review: 0, legacy: 1, warning: 0, info: 0 });
    const written = await runJson(['--force', '--format', 'json', ...OPTS, '.'], { cwd: project() });
    const done = written.json.files.find((f) => f.path === 'pay.js');
    expect(done?.findings.map((f) => [f.id, f.severity, f.message])).toEqual([['migrated', 'info', `Migrated payPal payload: added sessionId; ${REMOVED}.`]]);
  });
});

describe.concurrent('findings in reading order (issue 17 item 10)', () => {
  /** A PHP page: a payload array at line 2, then a script block with two calls (lines 10 and 15). */
  const PAGE = [
    '<?php',
    '$payload = array(',
    '    "type" => "payPal",',
    '    "amount" => $total,',
    '    "payPal" => array("returnUrl" => $r, "cancelUrl" => $c)',
    ');',
    '?>',
    '<script>',
    'var sessionId = window.sid;',
    'digitalriverjs.createSource({',
    '  type: "payPal",',
    '  amount: 10,',
    '  payPal: { returnUrl: "a", cancelUrl: "b" }',
    '});',
    'digitalriverjs.createSource(somePayload);',
    '</script>',
    '',
  ].join('\n');

  function page(): string {
    const dir = makeTemp();
    writeFileSync(join(dir, 'page.php'), PAGE);
    return dir;
  }

  it('JSON files[].findings: the PHP array\'s finding comes before the script\'s, by line then column', async () => {
    const { run, json } = await runJson(['--check', '--format', 'json', 'page.php'], { cwd: page() });
    expect(run.code, run.stderr).toBe(1);
    expect(json.files[0]?.findings.map((f) => [f.line, f.column, f.id])).toEqual([
      [2, 12, 'migrated'],
      [10, 1, 'migrated'],
      [15, 1, 'payload-unresolved'],
    ]);
  });

  it('the human report with --verbose lists them in the same order', async () => {
    const run = await runCli(['--check', '--verbose', 'page.php'], { cwd: page() });
    expect(run.code, run.stderr).toBe(1);
    const lines = run.stderr.split('\n');
    const block = lines.slice(lines.indexOf('page.php') + 1, lines.indexOf('', lines.indexOf('page.php')));
    const rows = block.filter((l) => /^ {2}\S+ +(legacy|review) {2}/.test(l));
    expect(rows.map((l) => l.trim().split(' ')[0])).toEqual(['2:12', '10:1', '15:1']);
  });
});

describe.concurrent('hints name the command as it was run (issue 17 item 10)', () => {
  it('through npx, every hint that names the command says npx dr-migrate', async () => {
    const dir = makeTemp();
    copyFileSync(fixture('payPal', 'seed.input.js'), join(dir, 'pay.js'));
    makeGitRepo(dir);
    const run = await runCli(['pay.js'], { cwd: dir, env: { npm_command: 'exec' } });
    expect(run.code, run.stderr).toBe(1); // the inserted sessionId names nothing
    expect(run.stderr).toContain('or undo this run (npx dr-migrate undo) and run again with --session-id');
    expect(run.stderr).toMatch(/^undo this run with: npx dr-migrate undo \(journal /m);
    expect(run.stderr).not.toMatch(/(?<!npx )dr-migrate undo/);
  });

  it('through npx, the undo journal notices name npx dr-migrate undo', async () => {
    const dir = makeTemp();
    copyFileSync(fixture('payPal', 'seed.input.js'), join(dir, 'pay.js'));
    makeGitRepo(dir);
    // A file where the journal's folder would go: the journal cannot be recorded, the write still happens.
    writeFileSync(join(dir, '.dr-migrate'), '');
    const run = await runCli(['pay.js'], { cwd: dir, env: { npm_command: 'exec' } });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^note: undo journal not recorded \(.+\); `npx dr-migrate undo` cannot restore this run$/m);
    expect(run.stderr).not.toMatch(/(?<!npx )dr-migrate undo/);
    // Nothing to undo: the hint does not suggest it.
    expect(run.stderr).toContain(
      "  hint: 1 sessionId value read \"sessionId\", not defined where it is read: define it on those pages, or replace the value just written with the expression that holds the checkout's payment.session.id.\n",
    );
    expect(run.stderr).not.toContain('undo this run');
  });

  it('through npx, the undo errors name npx dr-migrate undo', async () => {
    const dir = makeGitRepo(makeTemp());
    const env = { npm_command: 'exec' };
    const listed = await runCli(['undo', '20250101-abc', '--list'], { cwd: dir, env });
    expect(listed.stderr).toBe('dr-migrate: error: undo --list and a run id cannot be used together: --list lists every run; restore one with npx dr-migrate undo 20250101-abc\n');
    expect(listed.code).toBe(2);
    const unknown = await runCli(['undo', 'nope'], { cwd: dir, env });
    expect(unknown.stderr).toBe(`dr-migrate: error: no run "nope" in ${join(dir, '.dr-migrate')} (see npx dr-migrate undo --list)\n`);
    expect(unknown.code).toBe(2);
  });

  it('through npx, the file-list hint names npx dr-migrate', async () => {
    const dir = makeTemp();
    const run = await runCli(['--stdin', 'src'], { cwd: dir, env: { npm_command: 'exec' }, input: 'pay.js\n' });
    expect(run.stderr).toBe(
      'dr-migrate: error: --stdin and path arguments cannot be used together: the list names the files to scan; narrow it instead (git ls-files src | npx dr-migrate --stdin)\n',
    );
    expect(run.code).toBe(2);
  });
});
