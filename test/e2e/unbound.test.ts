// An inserted sessionId that names nothing defined where it is read (issue 17 item 1): the page would throw a
// ReferenceError, so write mode exits 1 and says which --session-id to pass, and every later --check fails
// (session-id-unbound) until the page defines the name.

import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFINE_SESSION_ID, makeGitRepo, makeTemp, runCli, runJson, untimed } from './helpers.js';

/** A legacy jQuery checkout: the PayPal payload is built in a click handler, and nothing on the page defines sessionId. */
const JQUERY = `var digitalriver = new DigitalRiver('pk_test_123');

$('#pay-with-paypal').on('click', function () {
  var payload = {
    type: 'payPal',
    amount: 120.99,
    currency: 'USD',
    payPal: { returnUrl: 'https://shop.example/return', cancelUrl: 'https://shop.example/cancel' }
  };
  digitalriver.createSource(payload).then(function (result) {
    $('#source-id').val(result.source.id);
  });
});
`;

/** JQUERY as write mode leaves it with the default session id: `sessionId` in place of amount and currency. */
const JQUERY_WRITTEN = JQUERY.replace("    amount: 120.99,\n    currency: 'USD',\n", '    sessionId: sessionId,\n');

const INSERTED_UNBOUND =
  'The inserted sessionId uses "sessionId", which is not defined here, so the page would throw a ReferenceError: define "sessionId" with the checkout\'s payment.session.id, or pass the expression that holds it with --session-id';
const WRITTEN_UNBOUND =
  'This sessionId value uses "sessionId", which is not defined here, so the page would throw a ReferenceError: define "sessionId" with the checkout\'s payment.session.id, or replace the value with the expression that holds it';
const EXPR = "--session-id '<the expression that holds the checkout's payment.session.id>'";

const journalRuns = (dir: string): string[] => readdirSync(join(dir, '.dr-migrate', 'runs')).sort();

describe.concurrent('an inserted sessionId that nothing defines (session-id-unbound)', () => {
  it('fails the write, which still writes the file, then every --check until the page defines it', async () => {
    const dir = makeTemp();
    writeFileSync(join(dir, 'checkout.js'), JQUERY);
    makeGitRepo(dir);

    // (a) A plain write with the default session id: the file is written, the run exits 1 and says what to do.
    const write = await runCli(['.'], { cwd: dir });
    expect(write.code, write.stderr).toBe(1);
    expect(write.stdout).toBe('');
    expect(readFileSync(join(dir, 'checkout.js'), 'utf8')).toBe(JQUERY_WRITTEN);
    const [run] = journalRuns(dir);
    expect(untimed(write.stderr)).toBe(
      [
        'checkout.js',
        `  4:17  review    ${INSERTED_UNBOUND}.  session-id-unbound`,
        '  10:3  migrated  payPal payload: added sessionId; removed amount, currency',
        '',
        '! dr-migrate: 1 file scanned, 1 changed, 0 unchanged, 0 skipped, 0 errored.',
        '  payloads migrated: payPal 1',
        '  findings: 1 to review',
        '  1 file written',
        `  hint: 1 sessionId value read "sessionId", not defined where it is read: define it on those pages, or undo this run (dr-migrate undo) and run again with ${EXPR}.`,
        `undo this run with: dr-migrate undo (journal ${run})`,
        '',
      ].join('\n'),
    );

    // (b) A later --check on the written tree fails on the sessionId it reads. Before issue 17 it passed (exit 0):
    // the payload was migrated, and the undefined sessionId was only a warning. The hint names no flag: another
    // --session-id would not change the value already written, so it says to edit it (or undo the run).
    const check = await runCli(['--check'], { cwd: dir });
    expect(check.code, check.stderr).toBe(1);
    expect(check.stdout).toBe('');
    expect(untimed(check.stderr)).toBe(
      [
        'checkout.js',
        `  6:16  review  ${WRITTEN_UNBOUND}.  session-id-unbound`,
        '',
        '! dr-migrate (check): 1 file scanned, 0 would change, 1 unchanged, 0 skipped, 0 errored.',
        '  findings: 1 to review',
        '  hint: 1 sessionId value read "sessionId", not defined where it is read: define it on those pages, or replace the value already in the code with the expression that holds the checkout\'s payment.session.id (dr-migrate undo reverts the run that inserted it).',
        '',
      ].join('\n'),
    );
    const { json } = await runJson(['--check', '--format', 'json'], { cwd: dir });
    expect(json.exitCode).toBe(1);
    expect(json.files.map((f) => [f.path, f.status, f.findings.map((x) => `${x.id}:${x.line}:${x.severity}`)])).toEqual([
      ['checkout.js', 'unchanged', ['session-id-unbound:6:review', 'already-migrated:9:info']],
    ]);

    // (c) Once the page defines sessionId, the check passes.
    appendFileSync(join(dir, 'checkout.js'), `${DEFINE_SESSION_ID}\n`);
    const defined = await runCli(['--check'], { cwd: dir });
    expect(defined.code, defined.stderr).toBe(0);
    expect(untimed(defined.stderr)).toBe('✔ dr-migrate (check): 1 file scanned, 0 would change, 1 unchanged, 0 skipped, 0 errored.\n');
  });

  it('a --session-id whose root is a parameter of the function that builds the payload is defined: exit 0, no finding', async () => {
    const dir = makeTemp();
    const legacy = `var digitalriver = new DigitalRiver('pk_test_123');

function payWithPayPal(cart) {
  return digitalriver.createSource({
    type: 'payPal',
    amount: cart.total,
    currency: cart.currency,
    payPal: { returnUrl: 'https://shop.example/return' }
  });
}
`;
    writeFileSync(join(dir, 'cart.js'), legacy);
    makeGitRepo(dir);
    // (d) The write, then a check with the same expression.
    const { run: write, json } = await runJson(['--session-id', 'cart.sessionId', '--format', 'json', '.'], { cwd: dir });
    expect(write.code, write.stderr).toBe(0);
    expect(json.summary.findings).toEqual({ error: 0, review: 0, legacy: 0, warning: 0, info: 1 });
    expect(json.files.map((f) => [f.path, f.status, f.written, f.findings.map((x) => x.id)])).toEqual([['cart.js', 'changed', true, ['migrated']]]);
    expect(readFileSync(join(dir, 'cart.js'), 'utf8')).toBe(legacy.replace('    amount: cart.total,\n    currency: cart.currency,\n', '    sessionId: cart.sessionId,\n'));
    const check = await runJson(['--check', '--session-id', 'cart.sessionId', '--format', 'json'], { cwd: dir });
    expect(check.run.code, check.run.stderr).toBe(0);
    expect(check.json.summary.findings).toEqual({ error: 0, review: 0, legacy: 0, warning: 0, info: 1 });
    expect(check.json.files.flatMap((f) => f.findings.map((x) => x.id))).toEqual(['already-migrated']);
  });

  it('names the names in scope that look like they hold the session id', async () => {
    const dir = makeTemp();
    writeFileSync(
      join(dir, 'debit.js'),
      `var digitalriver = new DigitalRiver('pk_test_123');

function payByDebit(ibanElement, drSessionId) {
  return digitalriver.createSource(ibanElement, {
    type: 'directDebit',
    amount: 25,
    currency: 'EUR',
    directDebit: { returnUrl: 'https://shop.example/return' }
  });
}
`,
    );
    // (e) The parameter drSessionId is suggested in the finding's message.
    const { run, json } = await runJson(['--check', '--format', 'json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    const unbound = json.files.flatMap((f) => f.findings.filter((x) => x.id === 'session-id-unbound').map((x) => [f.path, x.line, x.column, x.severity, x.message]));
    expect(unbound).toEqual([['debit.js', 4, 49, 'review', `${INSERTED_UNBOUND} (in scope here: drSessionId).`]]);
    const human = await runCli(['--check'], { cwd: dir });
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/^debit\.js\n {2}4:10 {2}legacy {2}/m);
    expect(human.stderr).toContain(`\n  4:49  review  ${INSERTED_UNBOUND} (in scope here: drSessionId).  session-id-unbound\n`);
  });
});
