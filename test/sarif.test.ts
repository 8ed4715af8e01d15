// SARIF for code scanning (issue 17): valid against the SARIF 2.1.0 schema, rules described and linked to their README
// section, no info finding uploaded as an alert, and each result identified by its call site.

import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../src/run/migrate.js';
import { toSarif } from '../src/report/sarif.js';
import { sarifSchemaErrors } from './sarif-schema.js';

/** A hybrid payload that sets two legacy fields on its no-session branch (two `legacy-branch` on one site), and Stripe. */
const HYBRID = `var drjs = new DigitalRiver(KEY);
var p = { type: 'payPal', payPal: { returnUrl: 'x' } };
if (session) { p.sessionId = session.id; } else { p.amount = 1; p.currency = 'USD'; }
drjs.createSource(p);
var stripe = Stripe('pk');
stripe.createSource(card, { type: 'card', amount: 1 });
`;

/** A legacy PayPal payload whose session id is defined: migrating it leaves nothing to look at. */
const LEGACY = `var drjs = new DigitalRiver(KEY);
var sessionId = checkout.payment.session.id;
drjs.createSource({ type: 'payPal', amount: 5, currency: 'USD', payPal: { returnUrl: 'x' } });
`;

interface Log {
  runs: {
    tool: { driver: { rules: { id: string }[] } };
    results: { ruleId: string; ruleIndex: number; locations: { physicalLocation: { region: { startLine: number } } }[]; partialFingerprints?: Record<string, string> }[];
  }[];
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'dr-migrate-sarif-')));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function sarif(files: Record<string, string>, mode: 'check' | 'write' = 'check'): Promise<Log> {
  return toSarif(await migrate({ cwd: project(files), mode })) as Log;
}

const results = (log: Log): [string, number, Record<string, string> | undefined][] =>
  log.runs[0]!.results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.region.startLine, r.partialFingerprints]);

describe('--format sarif', () => {
  it('lists legacy-payload and every finding that is not info as rules, each described and linked to the README section on it', async () => {
    const log = await sarif({ 'a.js': HYBRID });
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual([
      'legacy-payload',
      'inferred-removal',
      'top-level-shipping-kept',
      'session-id-unbound',
      'saved-card-flow',
      'payload-unresolved',
      'type-unresolved',
      'type-conflict',
      'method-not-in-table',
      'shared-payload-conflict',
      'statement-unremovable',
      'legacy-branch',
      'parse-error',
      'file-error',
      'internal-error',
      'dropin-session-missing',
      'dropin-session-in-manage-flow',
      'dropin-unresolved',
      'dropin-receiver-untraced',
      'template-unparsable',
      'template-tag-conflict',
      'builder-by-name',
      'payload-type-member-optional',
      'payload-type-external',
      'verify-diagnostic',
      'skipped-with-calls',
      'legacy-encoding-unsafe',
      'folder-error',
    ]);
    expect(rules[0]).toEqual({
      id: 'legacy-payload',
      shortDescription: { text: 'A DigitalRiver.js createSource payload still sends the legacy (pre-session) fields; dr-migrate would migrate it.' },
      helpUri: 'https://github.com/dr-migrate/dr-migrate/blob/main/README.md#what-it-changes',
      defaultConfiguration: { level: 'error' },
    });
    expect(rules[11]).toEqual({
      id: 'legacy-branch',
      shortDescription: { text: 'A legacy field is still set on a path where no sessionId is sent.' },
      helpUri: 'https://github.com/dr-migrate/dr-migrate/blob/main/README.md#what-it-leaves-alone',
      defaultConfiguration: { level: 'error' },
    });
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  it('uploads no info finding as a result: the Stripe call (not-digitalriver) and a migration already written are not alerts', async () => {
    const check = await sarif({ 'a.js': HYBRID, 'b.js': LEGACY });
    expect(results(check).map(([id, line]) => `${id}:${line}`)).toEqual(['legacy-branch:3', 'legacy-branch:3', 'legacy-payload:3']);
    const written = await sarif({ 'b.js': LEGACY }, 'write');
    expect(written.runs[0]!.results).toEqual([]);
    expect(sarifSchemaErrors(check)).toEqual([]);
    expect(sarifSchemaErrors(written)).toEqual([]);
  });

  it("identifies each result by its call site's fingerprint, numbered when one rule has several results on one site", async () => {
    const dir = project({ 'a.js': HYBRID });
    const result = await migrate({ cwd: dir, mode: 'check' });
    const site = result.files[0]!.findings[0]!.site as string;
    expect(site).toMatch(/^[0-9a-f]{12}$/);
    const log = toSarif(result) as Log;
    expect(results(log)).toEqual([
      ['legacy-branch', 3, { 'drMigrateSite/v1': site }],
      ['legacy-branch', 3, { 'drMigrateSite/v1': `${site}/2` }],
    ]);
    expect(log.runs[0]!.results.map((r) => log.runs[0]!.tool.driver.rules[r.ruleIndex]!.id)).toEqual(['legacy-branch', 'legacy-branch']);
    expect(sarifSchemaErrors(log)).toEqual([]);
  });
});
