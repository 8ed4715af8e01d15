// Structural checks that keep the rules table, transforms, fixtures, findings, README and --help in step.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDINGS, FINDING_IDS, helpUri, LEGACY_PAYLOAD, messageOf } from '../src/rules/findings.js';
import { README_URL, REPOSITORY_URL } from '../src/rules/links.js';
import { METHOD_RULES, METHOD_TYPES } from '../src/rules/methods.js';
import { main, methodsTable } from '../src/cli/main.js';
import { CONFIG_KEYS, keyOf, MAIN_OPTIONS, type OptionRow } from '../src/cli/option-table.js';
import { NOTICES } from '../src/rules/notices.js';

const NOTICE_IDS = Object.keys(NOTICES);

const ROOT = join(import.meta.dirname, '..');

/** The anchors GitHub gives the README's headings: lower case, punctuation dropped, spaces as hyphens. */
const README_HEADINGS = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
  (m[1] as string).toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-'),
);

async function help(): Promise<string> {
  let out = '';
  const code = await main(['--help'], {
    stdout: (s) => (out += s),
    stderr: () => undefined,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    cwd: ROOT,
  });
  expect(code).toBe(0);
  return out;
}

describe('every method in the rules table', () => {
  it.each(METHOD_TYPES)('%s has a transform, a fixture folder with cases, and a citation', (type) => {
    expect(existsSync(join(ROOT, 'transforms', `${type}.ts`))).toBe(true);
    const folder = join(ROOT, 'fixtures', type);
    expect(existsSync(folder)).toBe(true);
    expect(readdirSync(folder).filter((f) => /\.input\./.test(f)).length).toBeGreaterThan(0);
    expect(METHOD_RULES[type].citation).toMatch(/^https:\/\/docs\.digitalriver\.com\/\S+#[a-z-]+ "[^"]+"/);
    expect(METHOD_RULES[type].type).toBe(type);
  });

  // Issue 17: users cannot open the seed file or our spec; they can open the guide's sections.
  it("cites the section of Digital River's guide each rule comes from, as a link; TreviPay's removals as inferred", () => {
    const G = 'https://docs.digitalriver.com/digital-river-api/integration-options/checkouts/creating-checkouts/payment-sessions';
    expect(Object.fromEntries(METHOD_TYPES.map((t) => [t, METHOD_RULES[t].citation]))).toEqual({
      creditCard: `${G}#credit-card "Credit Card"`,
      payPal: `${G}#paypal "PayPal"`,
      payPalBilling: `${G}#paypal-billing "PayPal Billing"`,
      payPalCredit: `${G}#paypal-credit "PayPal Credit"`,
      directDebit: `${G}#sepa-direct-debit "SEPA Direct Debit"`,
      wireTransfer: `${G}#wire-transfer "Wire Transfer"`,
      codJapan: `${G}#cash-on-delivery-japan "Cash on Delivery - Japan"`,
      payco: `${G}#payco-korea-payments "Payco - Korea Payments"`,
      bankTransfer: `${G}#bank-transfer-korea-payments "Bank Transfer - Korea Payments"`,
      onlineBanking: `${G}#online-banking-ibp "Online Banking - IBP"`,
      bPay: `${G}#bpay "bPay"`,
      konbini: `${G}#konbini "Konbini"`,
      klarnaCredit: `${G}#klarna "Klarna"`,
      klarnaCreditRecurring: `${G}#klarna-recurring "Klarna Recurring"`,
      msts: `${G}#update-your-code "Update your code" lists TreviPay without a section: removals inferred`,
    });
  });

  it('`dr-migrate methods` shows each rule with its citation', () => {
    const G = 'https://docs.digitalriver.com/digital-river-api/integration-options/checkouts/creating-checkouts/payment-sessions';
    const blocks = methodsTable().split('\n\n');
    expect(blocks[0]).toBe('Every payload gains sessionId. Per method type:');
    expect(blocks[2]).toBe(
      [
        'payPal',
        '  remove top level: amount, currency',
        '  remove details:   payPal: items, taxAmount, shippingAmount, amountsEstimated, requestShipping, shipping',
        `  source:           ${G}#paypal "PayPal"`,
      ].join('\n'),
    );
    expect(blocks[15]).toBe(
      [
        'msts',
        '  remove top level: amount, currency [inferred, reported]',
        '  remove details:   (none)',
        `  source:           ${G}#update-your-code "Update your code" lists TreviPay without a section: removals inferred`,
        '',
      ].join('\n'),
    );
  });

  it('has no transform without a rule (besides the combined one)', () => {
    const names = readdirSync(join(ROOT, 'transforms')).map((f) => f.replace(/\.ts$/, ''));
    expect(names.filter((n) => n !== 'all').sort()).toEqual([...METHOD_TYPES].sort());
  });

  it.each(METHOD_TYPES)('%s is a row of the README rules table with its removals', (type) => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const row = readme.split('\n').find((l) => l.includes(`| \`${type}\` |`));
    expect(row, `README has no rules row for ${type}`).toBeDefined();
    for (const key of [...METHOD_RULES[type].removeTopLevel, ...METHOD_RULES[type].removeDetails]) {
      expect(row).toContain(`\`${key}\``);
    }
  });
});

describe('findings', () => {
  it.each(FINDING_IDS)('%s has a severity and a message rendered from its own data', (id) => {
    expect(['error', 'review', 'warning', 'info']).toContain(FINDINGS[id].severity);
    // The keys the message reads, found by rendering it once over data that has every key.
    const read = new Set<string>();
    const anyKey = new Proxy({}, {
      get: (_target, key) => (typeof key === 'string' ? (read.add(key), `«${key}»`) : undefined),
      has: () => true,
    }) as Record<string, string>;
    messageOf(id, anyKey);
    // Rendered from plain data with just those keys, no placeholder is left as `?` (the mark of a key it lacks).
    const data = Object.fromEntries([...read].map((key) => [key, `«${key}»`]));
    const message = messageOf(id, data);
    expect(message).not.toMatch(/\?|undefined/);
    expect(message.trim()).not.toBe('');
  });

  // Issue 17: SARIF rules carry these; the help address must open a section that exists.
  it.each(FINDING_IDS)('%s has a one-sentence description and a help section that is a README heading', (id) => {
    expect(FINDINGS[id].description).toMatch(/^[A-Zd][^\n]{15,}\.$/);
    expect(README_HEADINGS).toContain(FINDINGS[id].help);
    expect(helpUri(FINDINGS[id].help)).toBe(`https://github.com/dr-migrate/dr-migrate/blob/main/README.md#${FINDINGS[id].help}`);
  });

  it('legacy-payload, the rule of payloads a check would migrate, has its help section in the README too', () => {
    expect(README_HEADINGS).toContain(LEGACY_PAYLOAD.help);
  });
});

describe('the repository address', () => {
  it('is the one package.json gives, and the README help links point into it', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { repository: unknown; homepage: unknown };
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${REPOSITORY_URL}.git` });
    expect(pkg.homepage).toBe(`${REPOSITORY_URL}#readme`);
    expect(README_URL).toBe(`${REPOSITORY_URL}/blob/main/README.md`);
  });
});

describe('the option table', () => {
  const longName = (flags: string): string => /--[\w-]+/.exec(flags)?.[0] ?? '';

  it('is what --help lists, in its order', async () => {
    const fromHelp = [...(await help()).matchAll(/^ {2}((?:-\w, )?--[\w-]+)/gm)].map((m) => m[1]);
    expect(fromHelp).toEqual(MAIN_OPTIONS.map((row) => /^(?:-\w, )?--[\w-]+/.exec(row.flags)?.[0]));
  });

  it('is what the README flag table lists', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| flag | what it does |')).split('\n\n')[0] ?? '';
    const fromReadme = [...table.matchAll(/^\| `((?:-\w, )?--[\w-]+)[^`]*` \|/gm)].map((m) => m[1]).sort();
    expect(fromReadme).toEqual(MAIN_OPTIONS.map((row) => /^(?:-\w, )?--[\w-]+/.exec(row.flags)?.[0]).sort());
  });

  it('gives the configuration its keys: each the camelCase name of a flag, listed in the configuration docs', () => {
    const docs = readFileSync(join(ROOT, 'docs', 'adoption.md'), 'utf8');
    const table = docs.slice(docs.indexOf('| key | type | flag |')).split('\n\n')[0] ?? '';
    const documented = [...table.matchAll(/^\| `(\w+)` \|[^|]*\| `(--[\w-]+)`/gm)].map((m) => [m[1], m[2]]);
    const expected = MAIN_OPTIONS.flatMap((row: OptionRow) => (row.config ? [[keyOf(row), longName(row.flags)]] : []));
    expect(CONFIG_KEYS).toEqual(expected.map(([key]) => key));
    expect(documented.sort()).toEqual(expected.sort());
  });
});

/** The anchors GitHub gives a Markdown file's headings (as README_HEADINGS does for the README). */
function headingsOf(path: string): string[] {
  return [...readFileSync(path, 'utf8').matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
    (m[1] as string).toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-'),
  );
}

describe('the README is a page for users (issue 17 item 12)', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = (heading: string): string => {
    const start = readme.indexOf(`\n## ${heading}\n`);
    expect(start, `README has no "## ${heading}" section`).toBeGreaterThan(-1);
    const end = readme.indexOf('\n## ', start + 1);
    return readme.slice(start, end < 0 ? undefined : end);
  };

  it('stays under 250 lines; the detail lives in docs/', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(250);
  });

  it('says how to install before publication: a tarball or the git URL, and what npx needs', () => {
    const install = section('Install');
    expect(install).toContain('npm install --save-dev ./dr-migrate-0.1.0.tgz');
    expect(install).toContain('npm pack');
    expect(install).toContain(`npm install --save-dev git+${REPOSITORY_URL}.git`);
    expect(install).toMatch(/npx[^.]*node_modules/);
  });

  it('gives the one command for the bundled example and the one for the tests', () => {
    const tryIt = section('Try it on a fresh clone');
    expect(tryIt).toContain('npm ci && npm run example\nnpm test\n');
  });

  it('has the exit codes table', () => {
    expect(section('Usage')).toContain('| mode | writes | exit 0 | exit 1 | exit 2 |');
  });

  it('links only to headings that exist in docs/', () => {
    const links = [...readme.matchAll(/\]\((docs\/[\w-]+\.md)(?:#([^)]+))?\)/g)];
    expect(links.length).toBeGreaterThan(5);
    for (const [, file, anchor] of links) {
      expect(existsSync(join(ROOT, file as string)), file).toBe(true);
      if (anchor !== undefined) expect(headingsOf(join(ROOT, file as string)), `${file}#${anchor}`).toContain(anchor);
    }
  });
});

describe('the notices table', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [readFileSync(join(dir, e.name), 'utf8')] : []));
  const code = sources(join(ROOT, 'src')).join('\n');

  it('has every notice a run gives: none is worded where it is given', () => {
    expect([...code.matchAll(/(?:notices|problems)\.(?:push|unshift)\(\s*[`'"][^\n]*/g)].map((m) => m[0])).toEqual([]);
  });

  it('has no notice that nothing gives', () => {
    expect(NOTICE_IDS.filter((id) => !code.includes(`notice('${id}'`))).toEqual([]);
  });
});
