// The migration and discovery options, end to end: --session-id, --methods, --remove-card-amounts, --ignore,
// .gitignore / --no-gitignore, and the default ignores.

import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  changedPaths,
  DEFINED_SESSION,
  definingSessionId,
  EXAMPLE,
  exampleCopy,
  fixture,
  makeGitRepo,
  makeTemp,
  readFixture,
  runCli,
  runJson,
  snapshot,
} from './helpers.js';

const CHECKOUT = 'wordpress/js/checkout.js';

function put(dir: string, rel: string, from: string): void {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  copyFileSync(from, join(dir, rel));
}

describe.concurrent('--session-id', () => {
  it('inserts the given expression in every migrated payload', async () => {
    const dir = exampleCopy();
    const expr = 'checkout.payment.session.id';
    const run = await runCli(['--session-id', expr, '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    const checkout = readFileSync(join(dir, CHECKOUT), 'utf8');
    expect(checkout).toContain(`      "type": "creditCard",\n      "sessionId": ${expr},\n`);
    expect(checkout).toContain(`        "type": "payPal",\n        "sessionId": ${expr},\n`);
    expect(readFileSync(join(dir, 'react/src/PaymentForm.tsx'), 'utf8')).toContain(`      type: 'klarnaCredit',\n      sessionId: ${expr},\n`);
    const all = Object.values(snapshot(dir)).join('\n');
    expect(all.match(/sessionId["']?: checkout\.payment\.session\.id,/g)).toHaveLength(5); // one per migrated payload
    expect(all).not.toMatch(/sessionId["']?: sessionId/);
    expect(run.stderr).toContain('uses "checkout", which is not defined here');
  });

  it('writes exactly the fixture output for a fixture that sets it', async () => {
    const dir = makeTemp();
    copyFileSync(fixture('creditCard', 'amounts-kept-esm.input.js'), join(dir, 'card.js'));
    const run = await runCli(['--session-id', 'cart.paymentSession.id', 'card.js'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'card.js'))).toEqual(readFixture('creditCard', 'amounts-kept-esm.output.js'));
  });
});

describe.concurrent('--methods', () => {
  it('--methods payPal changes only the PayPal payload', async () => {
    const dir = exampleCopy();
    const before = snapshot(dir);
    const { run, json } = await runJson(['--methods', 'payPal', '--format', 'json', '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    expect(changedPaths(before, snapshot(dir))).toEqual([CHECKOUT]);
    const original = readFileSync(join(EXAMPLE, CHECKOUT), 'utf8');
    const expected = original
      .replace(
        '        "type": "payPal",\n        "amount": drCheckout.cart.total,\n        "currency": drCheckout.cart.currency,\n',
        '        "type": "payPal",\n        "sessionId": sessionId,\n',
      )
      .replace(
        '    paypalPayload.payPal.items = drCheckout.cart.items;\n    paypalPayload.payPal.taxAmount = drCheckout.cart.tax;\n    paypalPayload.payPal.requestShipping = false;\n',
        '',
      );
    expect(expected).not.toBe(original);
    expect(readFileSync(join(dir, CHECKOUT), 'utf8')).toBe(expected);
    expect(json.summary.payloads).toEqual({ payPal: 1 });
    const filtered = json.files.flatMap((f) => f.findings.filter((x) => x.id === 'method-filtered').map((x) => `${f.path}:${x.line} ${x.data.method}`));
    expect(filtered).toEqual([
      'magento/view/frontend/web/js/dr-payments.js:24 directDebit',
      'magento/view/frontend/web/js/dr-payments.js:36 wireTransfer',
      'react/src/PaymentForm.tsx:17 klarnaCredit',
      'wordpress/js/checkout.js:20 creditCard',
    ]);
  });

  it('takes a comma-separated list', async () => {
    const { run, json } = await runJson(['--dry-run', '--methods', 'payPal,klarnaCredit', '--format', 'json', '.'], { cwd: exampleCopy() });
    expect(run.code).toBe(0); // a dry run's answer is its patch
    expect(json.summary.payloads).toEqual({ payPal: 1, klarnaCredit: 1 });
    expect(json.files.filter((f) => f.status === 'changed').map((f) => f.path)).toEqual(['react/src/PaymentForm.tsx', CHECKOUT]);
  });
});

describe.concurrent('--remove-card-amounts', () => {
  it('removes amount and currency from card payloads (exact fixture output)', async () => {
    const dir = makeTemp();
    copyFileSync(fixture('creditCard', 'remove-card-amounts-magento.input.js'), join(dir, 'card.js'));
    const run = await runCli(['--remove-card-amounts', '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'card.js'))).toEqual(readFixture('creditCard', 'remove-card-amounts-magento.output.js'));
  });

  it('keeps them without the flag, and says so', async () => {
    const dir = makeTemp();
    copyFileSync(fixture('creditCard', 'remove-card-amounts-magento.input.js'), join(dir, 'card.js'));
    const { run, json } = await runJson(['--format', 'json', '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(join(dir, 'card.js'), 'utf8');
    expect(text).toContain("'sessionId': sessionId,");
    expect(text).toContain("'amount': totals.grand_total,");
    expect(text).toContain("'currency': totals.quote_currency_code,");
    expect(json.files[0]?.findings.map((x) => x.id)).toContain('card-amounts-kept');
  });

  it('on the example: the card payload loses amount and currency; other methods are as without the flag', async () => {
    const dir = exampleCopy();
    const plain = exampleCopy();
    const [a, b] = await Promise.all([runCli(['--remove-card-amounts', '.'], { cwd: dir }), runCli(['.'], { cwd: plain })]);
    expect(a.code, a.stderr).toBe(1);
    expect(b.code, b.stderr).toBe(1);
    expect(changedPaths(snapshot(plain), snapshot(dir))).toEqual([CHECKOUT]);
    const withFlag = readFileSync(join(dir, CHECKOUT), 'utf8');
    expect(withFlag).toContain('      "type": "creditCard",\n      "sessionId": sessionId,\n      "owner": drCheckout.billingAddress\n    };\n');
  });
});

describe.concurrent('--ignore', () => {
  it('skips the files that match the glob', async () => {
    const dir = exampleCopy();
    const before = snapshot(dir);
    const { run, json } = await runJson(['--ignore', '**/wordpress/**', '--format', 'json', '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    expect(changedPaths(before, snapshot(dir))).toEqual(['magento/view/frontend/web/js/dr-payments.js', 'react/src/PaymentForm.tsx']);
    expect(json.summary.scanned).toBe(5);
    expect(json.files.map((f) => f.path)).not.toContain(CHECKOUT);
  });

  it('is repeatable', async () => {
    const dir = exampleCopy();
    const before = snapshot(dir);
    const { run, json } = await runJson(['--ignore', '**/wordpress/**', '--ignore', 'react/**', '--format', 'json', '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    expect(changedPaths(before, snapshot(dir))).toEqual(['magento/view/frontend/web/js/dr-payments.js']);
    expect(json.summary.scanned).toBe(4);
  });
});

describe.concurrent('--ignore patterns are .gitignore rules (issue 17)', () => {
  /** The same legacy payload at each path, in a fresh folder. */
  function tree(): string {
    const dir = makeTemp();
    for (const rel of ['donate.js', 'marketing/donate.js', 'shop/marketing/pay.js', 'shop/donate.js', 'shop/web/pay.js', 'src/pay.js', 'web/pay.js']) {
      put(dir, rel, fixture('payPal', 'seed.input.js'));
    }
    return dir;
  }
  const scanned = async (dir: string, args: string[], cwd = dir): Promise<string[]> => {
    const { run, json } = await runJson(['--check', '--format', 'json', ...args], { cwd });
    expect(run.code, run.stderr).toBe(1);
    expect(json.notices).toEqual([]);
    return json.files.map((f) => f.path);
  };

  it('a folder pattern, a bare name and an anchored name match as git matches them', async () => {
    const dir = tree();
    expect(await scanned(dir, ['--ignore', 'marketing/'])).toEqual(['donate.js', 'shop/donate.js', 'shop/web/pay.js', 'src/pay.js', 'web/pay.js']);
    expect(await scanned(dir, ['--ignore', 'donate.js'])).toEqual(['shop/marketing/pay.js', 'shop/web/pay.js', 'src/pay.js', 'web/pay.js']);
    expect(await scanned(dir, ['--ignore', '/web'])).toEqual(['donate.js', 'marketing/donate.js', 'shop/donate.js', 'shop/marketing/pay.js', 'shop/web/pay.js', 'src/pay.js']);
    // Relative to the working directory: from shop/, `/web` is shop/web.
    expect(await scanned(dir, ['--ignore', '/web'], join(dir, 'shop'))).toEqual(['donate.js', 'marketing/pay.js']);
  });

  it('a later `!pattern` takes a file back, and `{a,b}` alternatives still expand', async () => {
    const dir = tree();
    expect(await scanned(dir, ['--ignore', 'shop/*', '--ignore', '!shop/donate.js'])).toEqual(['donate.js', 'marketing/donate.js', 'shop/donate.js', 'src/pay.js', 'web/pay.js']);
    expect(await scanned(dir, ['--ignore', '{marketing,web}/'])).toEqual(['donate.js', 'shop/donate.js', 'src/pay.js']);
  });

  it('a pattern that matches nothing is a note, and the run goes on', async () => {
    const dir = tree();
    const { run, json } = await runJson(['--check', '--format', 'json', '--ignore', 'marketing/', '--ignore', 'markting/', '--ignore', '*.jsx'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    expect(json.notices).toEqual(['--ignore "markting/" matched no file', '--ignore "*.jsx" matched no file']);
    expect(json.summary.scanned).toBe(5);
    const human = await runCli(['--check', '--ignore', 'markting/'], { cwd: dir });
    expect(human.code).toBe(1);
    expect(human.stderr).toContain('\nnote: --ignore "markting/" matched no file\n');
  });
});

describe.concurrent('.gitignore', () => {
  function project(): string {
    const dir = makeTemp();
    put(dir, 'src/pay.js', fixture('payPal', 'seed.input.js'));
    put(dir, 'generated/pay.js', fixture('payPal', 'seed.input.js'));
    put(dir, 'src/cache/debit.js', fixture('directDebit', 'seed.input.js'));
    writeFileSync(join(dir, '.gitignore'), 'generated/\ncache/\n');
    return dir;
  }

  it('is respected by default in a git repository (write mode leaves ignored files alone)', async () => {
    const dir = makeGitRepo(project());
    const before = snapshot(dir);
    const run = await runCli([...DEFINED_SESSION, '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(changedPaths(before, snapshot(dir))).toEqual(['src/pay.js']);
    expect(run.stderr).toMatch(/1 file scanned, 1 changed/);
  });

  it('is respected outside a git repository too', async () => {
    const { json } = await runJson(['--check', '--format', 'json', '.'], { cwd: project() });
    expect(json.summary.scanned).toBe(1);
    expect(json.files.map((f) => f.path)).toEqual(['src/pay.js']);
  });

  it('a .gitignore of the repository root applies when run from a subdirectory', async () => {
    const dir = makeGitRepo(project());
    const { json } = await runJson(['--check', '--format', 'json', '.'], { cwd: join(dir, 'src') });
    expect(json.files.map((f) => f.path)).toEqual(['pay.js']);
  });

  it('--no-gitignore turns it off', async () => {
    const dir = makeGitRepo(project());
    const { json } = await runJson(['--check', '--no-gitignore', '--format', 'json', '.'], { cwd: dir });
    expect(json.summary.scanned).toBe(3);
    expect(json.files.map((f) => f.path)).toEqual(['generated/pay.js', 'src/cache/debit.js', 'src/pay.js']);

    // In write mode too (git-ignored files are not "uncommitted changes", so the guard lets them through).
    const before = snapshot(dir);
    const run = await runCli([...DEFINED_SESSION, '--no-gitignore', '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(changedPaths(before, snapshot(dir))).toEqual(['generated/pay.js', 'src/cache/debit.js', 'src/pay.js']);
  });
});

describe.concurrent('default ignores', () => {
  function project(): string {
    const dir = makeTemp();
    // The page defines the sessionId the write inserts: left undefined, the write would exit 1 (issue 17).
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src/pay.js'), definingSessionId(readFixture('payPal', 'seed.input.js')));
    for (const rel of [
      'node_modules/legacy-checkout/index.js',
      'src/node_modules/inner/pay.js',
      'src/checkout.min.js',
      'src/checkout-min.js',
      'src/app.bundle.js',
      'dist/pay.js',
      'build/pay.js',
      'vendor/pay.js',
      'bower_components/pay/pay.js',
      '.git-like/pay.js', // a dot-folder: not scanned
    ]) {
      put(dir, rel, fixture('payPal', 'seed.input.js'));
    }
    return dir;
  }

  it('files under node_modules/, build output and minified bundles are not touched', async () => {
    const dir = project();
    const before = snapshot(dir);
    const { run, json } = await runJson(['--format', 'json', '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(json.summary.scanned).toBe(1);
    expect(changedPaths(before, snapshot(dir))).toEqual(['src/pay.js']);
    expect(readFileSync(join(dir, 'src/pay.js'))).toEqual(definingSessionId(readFixture('payPal', 'seed.output.js')));
  });

  it('--no-gitignore does not turn the default ignores off', async () => {
    const { json } = await runJson(['--check', '--no-gitignore', '--format', 'json', '.'], { cwd: project() });
    expect(json.summary.scanned).toBe(1);
  });

  it('a file named explicitly is processed even where a directory search would skip it', async () => {
    const dir = project();
    const { run, json } = await runJson(['--check', '--format', 'json', 'node_modules/legacy-checkout/index.js', 'src/checkout.min.js'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(json.files.map((f) => [f.path, f.status])).toEqual([
      ['node_modules/legacy-checkout/index.js', 'changed'],
      ['src/checkout.min.js', 'changed'],
    ]);
  });
});
