// The configuration file, end to end: found from the working directory upwards, flags over it, clear errors.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyDir, definingSessionId, EXAMPLE, makeGitRepo, makeTemp, runCli, runJson, snapshot, STACK_FRAME } from './helpers.js';

const CHECKOUT = 'web/wordpress/js/checkout.js';

/** A repository holding example/ under web/, with `files` written first (relative paths → content). */
function repo(files: Record<string, string>): string {
  const root = makeTemp();
  copyDir(EXAMPLE, join(root, 'web'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return makeGitRepo(root);
}

const json = (x: unknown): string => `${JSON.stringify(x, null, 2)}\n`;

function oneLineError(stderr: string): void {
  expect(stderr).toMatch(/^dr-migrate: error: [^\n]+\n$/);
  expect(stderr).not.toContain(STACK_FRAME);
}

describe.concurrent('dr-migrate.config.json', () => {
  it('is found from a subdirectory: session id, methods, ignores (relative to it), card policy and format apply', async () => {
    const root = repo({
      'dr-migrate.config.json': json({
        sessionId: 'checkout.payment.session.id',
        methods: ['creditCard', 'payPal', 'directDebit'],
        ignore: ['web/magento/**'],
        removeCardAmounts: true,
        format: 'json',
      }),
    });
    const { run, json: result } = await runJson(['--dry-run'], { cwd: join(root, 'web') });
    expect(run.code, run.stderr).toBe(0);
    expect(result.mode).toBe('dry-run');
    expect(result.files.map((f) => f.path)).toEqual(['marketing/stripe-donate.js', 'react/src/PaymentForm.tsx', 'server/orders.js', 'wordpress/js/checkout.js']);
    const react = result.files.find((f) => f.path === 'react/src/PaymentForm.tsx');
    expect(react?.status).toBe('unchanged'); // klarnaCredit is not among the configured methods
    expect(react?.findings.map((f) => f.id)).toEqual(['method-filtered']);
    const diff = result.files.find((f) => f.path === 'wordpress/js/checkout.js')?.diff ?? '';
    expect(diff).toContain('+      "sessionId": checkout.payment.session.id,\n');
    expect(diff).toContain('-      "amount": drCheckout.cart.total,\n'); // removeCardAmounts
    expect(result.summary.payloads).toEqual({ creditCard: 1, payPal: 1 });
  });

  it('is read by `inventory` too: its ignores and extensions apply (server languages stay), unless --no-config', async () => {
    const root = repo({ 'dr-migrate.config.json': json({ ignore: ['web/magento/**'], extensions: ['js'] }) });
    const sites = async (args: string[]): Promise<string[]> => {
      const run = await runCli(['inventory', '--format', 'json', ...args], { cwd: join(root, 'web') });
      expect(run.code, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout) as { createSource: { path: string }[] };
      return [...new Set(result.createSource.map((x) => x.path))];
    };
    expect(await sites([])).toEqual(['marketing/stripe-donate.js', 'server/orders.js', 'wordpress/js/checkout.js']);
    expect(await sites(['--extensions', 'js,tsx'])).toEqual(['marketing/stripe-donate.js', 'react/src/PaymentForm.tsx', 'server/orders.js', 'wordpress/js/checkout.js']);
    writeFileSync(join(root, 'other.json'), json({ ignore: ['web/react/**', 'web/marketing/**'] }));
    expect(await sites(['--config', '../other.json'])).toEqual([
      'magento/view/frontend/web/js/dr-payments.js',
      'magento/view/frontend/web/js/saved-source.js',
      'server/orders.js',
      'wordpress/js/checkout.js',
    ]);
    expect(await sites(['--no-config'])).toEqual([
      'magento/view/frontend/web/js/dr-payments.js',
      'magento/view/frontend/web/js/saved-source.js',
      'marketing/stripe-donate.js',
      'react/src/PaymentForm.tsx',
      'server/orders.js',
      'wordpress/js/checkout.js',
    ]);
  });

  it('yields to flags: --session-id, --methods, --format and --extensions given on the command line win; --ignore adds', async () => {
    const root = repo({
      'dr-migrate.config.json': json({ sessionId: 'fromConfig', methods: 'payPal', format: 'json', ignore: ['web/react/**'], extensions: ['js'] }),
    });
    const run = await runCli(['--dry-run', '--format', 'human', '--session-id', 'fromFlag', '--methods', 'klarnaCredit,payPal', '--extensions', 'js,tsx', '--ignore', 'magento/**'], {
      cwd: join(root, 'web'),
    });
    expect(run.code, run.stderr).toBe(0);
    expect([...run.stdout.matchAll(/^diff --git a\/(\S+) /gm)].map((m) => m[1])).toEqual(['web/wordpress/js/checkout.js']);
    expect(run.stdout).toContain('"sessionId": fromFlag,');
    expect(run.stdout).not.toContain('fromConfig');
    const tsx = await runCli(['--dry-run', '--extensions', 'tsx', '--methods', 'klarnaCredit', '--no-gitignore'], { cwd: join(root, 'web') });
    // react/ stays ignored by the configuration even though the flags name its extension and method: nothing is
    // left to scan, which is a usage error (issue 8).
    expect(tsx.code).toBe(2);
    expect(tsx.stderr).toMatch(/^dr-migrate: error: no files to scan in the current directory \(extensions: tsx;/);
  });

  it('is read from package.json "dr-migrate", dr-migrate.config.mjs and a CommonJS dr-migrate.config.js', async () => {
    const cases: Record<string, string>[] = [
      { 'package.json': json({ name: 'shop', private: true, 'dr-migrate': { sessionId: 'pkgSession', format: 'json' } }) },
      { 'dr-migrate.config.mjs': "export default { sessionId: 'mjsSession', format: 'json' };\n" },
      { 'package.json': json({ name: 'shop', private: true }), 'dr-migrate.config.js': "module.exports = { sessionId: 'cjsSession', format: 'json' };\n" },
    ];
    const expected = ['pkgSession', 'mjsSession', 'cjsSession'];
    for (const [i, files] of cases.entries()) {
      const root = repo(files);
      const { run, json: result } = await runJson(['--dry-run', 'web/wordpress'], { cwd: root });
      expect(run.code, run.stderr).toBe(0);
      expect(result.files[0]?.diff).toContain(`"sessionId": ${expected[i]},`);
    }
  });

  it('--config <path> replaces the one found; --no-config ignores them all', async () => {
    const root = repo({
      'dr-migrate.config.json': json({ sessionId: 'nearest', format: 'json' }),
      'ci/strict.json': json({ sessionId: 'strict', removeCardAmounts: true }),
    });
    const chosen = await runCli(['--dry-run', '--config', 'ci/strict.json', 'web/wordpress'], { cwd: root });
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(chosen.stdout.startsWith('diff --git')).toBe(true); // format json of the nearest file does not apply
    expect(chosen.stdout).toContain('"sessionId": strict,');
    expect(chosen.stdout).toContain('\n-      "amount": drCheckout.cart.total,\n'); // the card loses it
    const none = await runCli(['--dry-run', '--no-config', 'web/wordpress'], { cwd: root });
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toContain('"sessionId": sessionId,');
    expect(none.stdout).toContain('\n       "amount": drCheckout.cart.total,\n'); // the card keeps it: a context line
  });

  it('is looked for up to the repository root, not above it', async () => {
    const outer = makeTemp();
    writeFileSync(join(outer, 'dr-migrate.config.json'), json({ sessionId: 'outside' }));
    const inner = join(outer, 'project');
    copyDir(EXAMPLE, inner);
    makeGitRepo(inner);
    const run = await runCli(['--dry-run', 'wordpress'], { cwd: inner });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('"sessionId": sessionId,');
  });

  it('"baseline" makes --check answer to it (relative to the configuration), from any directory', async () => {
    const root = repo({
      'dr-migrate.config.json': json({ baseline: 'ci/dr-migrate-baseline.json' }),
      // The page defines the sessionId the write below inserts: left undefined, the write would exit 1 (issue 17).
      [CHECKOUT]: definingSessionId(readFileSync(join(EXAMPLE, 'wordpress/js/checkout.js'))).toString('utf8'),
    });
    mkdirSync(join(root, 'ci'));
    const adopt = await runCli(['--write-baseline', 'ci/dr-migrate-baseline.json'], { cwd: root });
    expect(adopt.code, adopt.stderr).toBe(0);
    const check = await runCli(['--check'], { cwd: join(root, 'web') });
    expect(check.code, check.stderr).toBe(0);
    expect(check.stderr).toContain('baseline ../ci/dr-migrate-baseline.json: 6 known sites accepted, 0 new');
    // Write mode ignores it: there is nothing to compare.
    const write = await runCli(['wordpress'], { cwd: join(root, 'web') });
    expect(write.code, write.stderr).toBe(0);
    expect(write.stderr).not.toContain('baseline');
    expect(readFileSync(join(root, CHECKOUT), 'utf8')).toContain('"sessionId": sessionId,');
  });

  it('"ignore" holds .gitignore rules relative to the file; a flag\'s `!pattern` wins; one that matches nothing is a note naming the file', async () => {
    const root = makeTemp();
    const legacy = readFileSync(join(EXAMPLE, 'wordpress/js/checkout.js'));
    for (const rel of ['donate.js', 'shop/donate.js', 'shop/web/pay.js', 'web/pay.js', 'src/pay.js']) {
      mkdirSync(join(root, rel, '..'), { recursive: true });
      writeFileSync(join(root, rel), legacy);
    }
    writeFileSync(join(root, 'dr-migrate.config.json'), json({ ignore: ['donate.js', '/web', 'gone/'] }));
    makeGitRepo(root);
    const scan = async (args: string[], cwd: string): Promise<{ files: string[]; notices: readonly string[] }> => {
      const { run, json: result } = await runJson(['--check', '--format', 'json', ...args], { cwd });
      expect(run.code, run.stderr).toBe(1);
      return { files: [...new Set(result.files.map((f) => f.path))], notices: result.notices };
    };
    expect(await scan([], root)).toEqual({ files: ['shop/web/pay.js', 'src/pay.js'], notices: ['dr-migrate.config.json: "ignore": "gone/" matched no file'] });
    // From shop/: `/web` is still the one beside the configuration, which this run never meets.
    const fromShop = ['../dr-migrate.config.json: "ignore": "/web" matched no file', '../dr-migrate.config.json: "ignore": "gone/" matched no file'];
    expect(await scan([], join(root, 'shop'))).toEqual({ files: ['web/pay.js'], notices: fromShop });
    expect(await scan(['--ignore', '!donate.js'], join(root, 'shop'))).toEqual({ files: ['donate.js', 'web/pay.js'], notices: fromShop });
  });

  it('names the file and the key of a mistake, in one line, exit 2, and touches nothing', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'dr-migrate.config.json': json({ sessionID: 'x' }) }, 'dr-migrate.config.json: unknown key "sessionID" (did you mean sessionId?)\n'],
      [{ 'dr-migrate.config.json': json({ remove: true }) }, 'dr-migrate.config.json: unknown key "remove" (known keys: sessionId, methods, removeCardAmounts,'],
      [{ 'dr-migrate.config.json': json({ methods: 3 }) }, 'dr-migrate.config.json: "methods" must be a list of strings, got number 3'],
      [{ 'dr-migrate.config.json': json({ methods: ['paypal'] }) }, 'dr-migrate.config.json: "methods" names an unknown payment method "paypal" (did you mean payPal?)\n'],
      [{ 'dr-migrate.config.json': json({ removeCardAmounts: 'yes' }) }, 'dr-migrate.config.json: "removeCardAmounts" must be true or false, got the string "yes"'],
      [{ 'dr-migrate.config.json': json({ format: 'xml' }) }, 'dr-migrate.config.json: "format" must be one of human, json, github, sarif, got the string "xml"'],
      [{ 'dr-migrate.config.json': json({ concurrency: -1 }) }, 'dr-migrate.config.json: "concurrency" must be a whole number of 0 or more, got number -1'],
      [{ 'dr-migrate.config.json': json(['sessionId']) }, 'dr-migrate.config.json must hold an object of settings, got an array'],
      [{ 'dr-migrate.config.json': '{ "sessionId": "x", }' }, 'dr-migrate.config.json:1:21: not valid JSON: unexpected "}", expected a property name in double quotes\n'],
      [{ 'dr-migrate.config.json': '{\n  "sessionId": "x",\n    }\n' }, 'dr-migrate.config.json:3:5: not valid JSON: unexpected "}", expected a property name in double quotes\n'],
      [{ 'package.json': '{\n  "name": "x",\n  "dr-migrate": { "sessionId": "x" }\n' }, 'package.json:4:1: not valid JSON: unexpected end of file, expected "," or "}"\n'],
      [
        { 'dr-migrate.config.json': json({ sessionId: 'checkout.payment session.id' }) },
        'dr-migrate.config.json: "sessionId" must be one JavaScript expression, such as checkout.payment.session.id, got the string "checkout.payment session.id"\n',
      ],
      [{ 'dr-migrate.config.json': json({ sessionId: 'a, b' }) }, 'dr-migrate.config.json: "sessionId" must be one JavaScript expression, such as checkout.payment.session.id, got the string "a, b"\n'],
      [
        { 'package.json': json({ name: 'x', 'dr-migrate': { phpSessionId: '$a; exit()' } }) },
        `package.json "dr-migrate": "phpSessionId" must be a plain PHP expression, such as $sessionId, $this->session->getId() or $data['sessionId'], got the string "$a; exit()"\n`,
      ],
      [{ 'package.json': json({ name: 'x', 'dr-migrate': { ignore: [1] } }) }, 'package.json "dr-migrate": "ignore" must be a list of strings, got an array'],
      [{ 'dr-migrate.config.mjs': 'export default { sessionId: 42 };\n' }, 'dr-migrate.config.mjs: "sessionId" must be one JavaScript expression in a string, such as "checkout.payment.session.id", got number 42\n'],
      [{ 'dr-migrate.config.mjs': 'export default {;\n' }, 'could not load dr-migrate.config.mjs ('],
      [{ 'dr-migrate.config.json': '{}', 'dr-migrate.config.mjs': 'export default {};\n' }, 'dr-migrate.config.json and dr-migrate.config.mjs in '],
    ];
    await Promise.all(
      cases.map(async ([files, message]) => {
        const root = repo(files);
        const before = snapshot(root);
        const run = await runCli(['web'], { cwd: root });
        expect(run.code, run.stderr).toBe(2);
        oneLineError(run.stderr);
        expect(run.stderr).toContain(message);
        expect(run.stderr).not.toMatch(/--session-id|--php-session-id|parseExpression/);
        expect(snapshot(root)).toEqual(before);
      }),
    );
    const missing = await runCli(['--config', 'nope.json'], { cwd: repo({}) });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('dr-migrate: error: configuration file not found: nope.json\n');
  });
});
