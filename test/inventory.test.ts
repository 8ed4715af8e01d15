// `dr-migrate inventory`: every touchpoint classified, the checklist beyond the front end, and the JSON the CLI prints.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inventory } from '../src/inventory/inventory.js';
import { toEngineOptions } from '../src/options.js';
import { processText } from '../src/engine/process-text.js';

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
      ['web/checkout.js', 33, 'paymentRequest', 'kept', ''],
    ]);
    // Issue 18: a paymentRequest left as it is is kept, not migrated, and says why.
    expect(result.calls[4]?.reason).toMatch(/country, currency and total/);
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
      createSource: { legacy: 1, hybrid: 1, migrated: 1, kept: 0, 'needs-review': 1, 'not-digitalriver': 1 },
      builders: { legacy: 0, hybrid: 0, migrated: 0, kept: 0, 'needs-review': 0, 'not-digitalriver': 0 },
      calls: { legacy: 2, hybrid: 0, migrated: 1, kept: 1, 'needs-review': 1, 'not-digitalriver': 0 },
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
    expect(result.summary.builders).toEqual({ legacy: 0, hybrid: 2, migrated: 0, kept: 0, 'needs-review': 1, 'not-digitalriver': 0 });
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

// Only code that runs is checklist evidence (fixtures/trees/inventory-evidence): a GET of /orders creates no order;
// comments and type declarations show and suggest nothing; a sourceId counts only when it is attached to a checkout;
// the Commerce API cart's paymentSession shows the session id is passed; a page whose inserted sessionId is unbound
// shows nothing done.
describe('inventory checklist evidence', async () => {
  const EVIDENCE = join(ROOT, 'fixtures', 'trees', 'inventory-evidence');
  const result = await inventory({ cwd: EVIDENCE });

  it('reports session-id-unbound for the page whose payload gets a sessionId it has no variable for', () => {
    const path = 'web/checkout.js';
    const findings = processText(path, readFileSync(join(EVIDENCE, path), 'utf8'), toEngineOptions({})).result.findings;
    expect(findings.map((f) => [f.id, f.line])).toContainEqual(['session-id-unbound', 34]);
  });

  it('lists only the lines that show or suggest each step', () => {
    expect(result.checklist.map((c) => [c.id, c.status, c.evidence.map((e) => `${e.path}:${e.line}`)])).toEqual([
      // cart.js:7 is commented out; cart.js:8 reads the cart's paymentSession and :13 its ['id']; confirm.html:5 is
      // inside an HTML comment; web/checkout.js:9 is dropped, its inserted sessionId being unbound.
      ['session-id-to-page', 'done', ['server/cart.js:8', 'server/cart.js:13', 'server/checkout-service.ts:18']],
      // GETs are left out (orders.js:16, :17, :22, :27; OrderClient.php:11; order-history.php:3, :5; orders.py:8;
      // web/checkout.js:13), and so are commented-out calls (orders.js:31, web/checkout.js:25, confirm.html:4). Files
      // whose only requires_confirmation is in a comment (orders.js:12, orders.py:12) or a type (checkout-service.ts:7)
      // are not done; OrderClient.php checks the state in code.
      [
        'confirm-before-order',
        'todo',
        ['server/checkout-service.ts:34', 'server/orders.js:30', 'server/orders.js:32', 'server/orders.py:13', 'web/checkout.js:18'],
      ],
      // Not: the annotation `{ sourceId: string }` (checkout-service.ts:29), a source saved to a customer
      // (customers.js:7, :9), the types file's JSDoc and declarations, or sourceId keys in a file that never sends to
      // /checkouts (web/checkout.js:20, :41).
      ['secondary-sources', 'todo', ['server/checkout-service.ts:25', 'server/checkout-service.ts:30']],
    ]);
  });

  it('keeps the text and column of each line', () => {
    expect(result.checklist[0]?.evidence[0]).toEqual({
      path: 'server/cart.js',
      line: 8,
      column: 49,
      text: "res.render('checkout', { sessionId: data.cart.paymentSession });",
    });
  });
});
