// `dr-migrate inventory`: every touchpoint classified, the checklist beyond the front end, and the JSON the CLI prints.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inventory } from '../src/inventory/inventory.js';

const ROOT = join(import.meta.dirname, '..');
const MIXED = join(ROOT, 'fixtures', 'trees', 'inventory-mixed');

describe('inventory of a project mixing legacy, hybrid and migrated code', async () => {
  const result = await inventory({ cwd: MIXED });
  const brief = (sites: typeof result.createSource) => sites.map((s) => [s.path, s.line, s.kind, s.status, s.methods.join('/')]);

  it('finds the instance', () => {
    expect(result.instances).toEqual([{ path: 'web/checkout.js', line: 1, column: 12 }]);
  });

  it('classifies every createSource call', () => {
    expect(brief(result.createSource)).toEqual([
      ['web/checkout.js', 4, 'createSource', 'legacy', 'creditCard'],
      ['web/checkout.js', 15, 'createSource', 'hybrid', 'payPal'],
      ['web/checkout.js', 19, 'createSource', 'migrated', 'klarnaCredit'],
      ['web/checkout.js', 23, 'createSource', 'needs-review', ''],
      ['web/checkout.js', 27, 'createSource', 'not-digitalriver', ''],
    ]);
    expect(result.createSource[3]?.reason).toMatch(/response\.source/);
    expect(result.createSource[4]?.evidence).toMatch(/Stripe/);
  });

  it('classifies the other session-aware calls', () => {
    expect(brief(result.calls)).toEqual([
      ['web/checkout.js', 29, 'retrieveAvailablePaymentMethods', 'legacy', ''],
      ['web/checkout.js', 30, 'retrieveAvailablePaymentMethods', 'migrated', ''],
      ['web/checkout.js', 31, 'dropin', 'needs-review', ''],
      ['web/checkout.js', 32, 'paypal-element', 'legacy', 'payPal'],
      ['web/checkout.js', 33, 'paymentRequest', 'migrated', ''],
    ]);
  });

  it('checks what the server must do, with the lines that show it', () => {
    expect(result.checklist.map((c) => [c.id, c.status, c.evidence.map((e) => `${e.path}:${e.line}`)])).toEqual([
      ['session-id-to-page', 'done', ['server/checkout.js:6']],
      ['confirm-before-order', 'done', ['server/orders.php:3']],
      ['secondary-sources', 'todo', ['server/checkout.js:10']],
    ]);
  });

  it('counts by status', () => {
    expect(result.summary).toEqual({
      files: 3,
      instances: 1,
      createSource: { legacy: 1, hybrid: 1, migrated: 1, 'needs-review': 1, 'not-digitalriver': 1 },
      builders: { legacy: 0, hybrid: 0, migrated: 0, 'needs-review': 0, 'not-digitalriver': 0 },
      calls: { legacy: 2, hybrid: 0, migrated: 2, 'needs-review': 1, 'not-digitalriver': 0 },
      checklist: { done: 2, todo: 1, 'not-found': 0 },
    });
  });
});

describe('inventory of the bundled example project', () => {
  it('prints the expected JSON from the built CLI', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'bin', 'dr-migrate.js'), 'inventory', '--format', 'json', 'example'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const actual = JSON.parse(out) as { cwd: string; version: string };
    const expected = JSON.parse(readFileSync(join(ROOT, 'test', 'data', 'example-inventory.json'), 'utf8')) as object;
    expect({ ...actual, cwd: '<repo>', version: '<version>' }).toEqual(expected);
  });
});

// Issue 13: builders reached through dynamic dispatch are listed where they are built, with the calls they serve.
describe('inventory of builders found by name', async () => {
  const result = await inventory({ cwd: join(ROOT, 'fixtures', 'projects', 'dispatch-builders', 'input') });

  it('lists each builder with its call sites, and the call site once', () => {
    expect(result.builders.map((b) => [b.path, b.line, b.status, b.methods.join('/'), b.callSites, b.foundByName])).toEqual([
      ['src/payments/klarnaCredit.js', 4, 'hybrid', 'klarnaCredit', ['src/checkout/sourceManager.js:16'], 'createObject'],
      ['src/payments/payPal.js', 11, 'hybrid', 'payPal/payPalBilling', ['src/checkout/sourceManager.js:16'], 'createObject'],
      ['src/payments/recurring.js', 4, 'needs-review', '', ['src/checkout/sourceManager.js:16'], 'createObject'],
    ]);
    expect(result.createSource.map((s) => [s.path, s.line, s.status])).toEqual([['src/checkout/sourceManager.js', 16, 'needs-review']]);
    expect(result.summary.builders).toEqual({ legacy: 0, hybrid: 2, migrated: 0, 'needs-review': 1, 'not-digitalriver': 0 });
  });
});

// Issue 13 §3: a payload array a PHP file sends to Digital River's server API is listed as a server call.
describe('inventory of payloads built in PHP', async () => {
  const result = await inventory({ cwd: join(ROOT, 'fixtures', 'projects', 'magento-server-payloads', 'input') });

  it('lists the server API body as not DigitalRiver.js, with why, and the template call as needing review', () => {
    expect(result.createSource.map((s) => [s.path, s.line, s.status])).toEqual([
      ['Model/Api/SourceClient.php', 8, 'not-digitalriver'],
      ['view/frontend/templates/checkout.phtml', 8, 'needs-review'],
    ]);
    expect(result.createSource[0]?.evidence).toMatch(/Bearer/);
  });
});
