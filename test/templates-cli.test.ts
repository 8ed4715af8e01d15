// End to end on template files (issue 4): the built CLI in a real git repository, diffs with host line numbers.

import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'dr-migrate.js');
const FIXTURES = join(ROOT, 'fixtures', 'templates');
const work = mkdtempSync(join(tmpdir(), 'dr-migrate-templates-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Where each fixture goes in the project, as a Magento/SFCC/Visualforce checkout would hold it. */
const FILES = {
  'app/code/Vendor/DigitalRiver/view/frontend/templates/paypal.phtml': 'magento-paypal',
  'cartridges/int_dr/cartridge/templates/default/checkout/klarna.isml': 'sfcc-klarna',
  'force-app/main/default/pages/DRCheckout.page': 'visualforce-directdebit',
  'app/code/Vendor/DigitalRiver/view/frontend/templates/minicart.phtml': 'no-digitalriver-code',
} as const;

const ext = (path: string): string => path.slice(path.lastIndexOf('.'));
const fixture = (name: string, kind: 'input' | 'output', path: string): string => join(FIXTURES, `${name}.${kind}${ext(path)}`);

let repo = '';
const git = (...args: string[]): string => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

beforeEach(() => {
  repo = mkdtempSync(join(work, 'repo-'));
  git('init', '-q');
  for (const [path, name] of Object.entries(FILES)) {
    mkdirSync(join(repo, path, '..'), { recursive: true });
    copyFileSync(fixture(name, 'input', path), join(repo, path));
  }
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'checkout templates');
});

describe('dr-migrate on template files', () => {
  it('--dry-run prints a patch with host line numbers that git apply turns into the expected files', () => {
    const r = run('--dry-run', '.');
    expect(r.code).toBe(0); // a dry run exits 0 once its patch is printed (issue 9)
    const isml = 'cartridges/int_dr/cartridge/templates/default/checkout/klarna.isml';
    // The first removed line of the ISML payload, `amount: ${…}`, is line 18 of the host file: context starts at 15.
    expect(r.stdout).toContain(`diff --git a/${isml} b/${isml}\n--- a/${isml}\n+++ b/${isml}\n@@ -15,21 +15,16 @@\n`);
    expect(r.stdout).toContain("-            amount: ${pdict.order.totals.grandTotalValue},\n-            currency: '${pdict.order.currencyCode}',\n+            sessionId: sessionId,\n");
    expect(r.stdout).not.toContain('minicart.phtml');
    // The template defines no sessionId: a review item, since the page would throw (issue 17).
    expect(r.stderr).toContain(`${isml}\n  16:26  review  `);
    expect(r.stderr).toMatch(/klarna\.isml\n {2}16:26 {2}review .*session-id-unbound\n {2}35:9 {3}legacy {2}Would migrate klarnaCredit payload/);
    expect(r.stderr).toMatch(/DRCheckout\.page\n(?: {2}.*\n)* {2}38:20 {2}review .*payload-unresolved/);

    writeFileSync(join(repo, 'm.patch'), r.stdout);
    git('apply', 'm.patch');
    for (const [path, name] of Object.entries(FILES)) {
      const want = readFileSync(fixture(name, name === 'no-digitalriver-code' ? 'input' : 'output', path), 'utf8');
      expect(readFileSync(join(repo, path), 'utf8'), path).toBe(want);
    }
  });

  it('writes the migrated templates, and a second run finds nothing left to change', () => {
    const first = run('.');
    expect(first.code).toBe(1); // the Visualforce spread tag still needs review
    for (const [path, name] of Object.entries(FILES)) {
      const want = readFileSync(fixture(name, name === 'no-digitalriver-code' ? 'input' : 'output', path), 'utf8');
      expect(readFileSync(join(repo, path), 'utf8'), path).toBe(want);
    }
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qam', 'migrated');
    const again = run('--dry-run', '.');
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('0 would change');
  });

  it('reports template findings with host lines in --check --format json', () => {
    const r = run('--check', '--format', 'json', '.');
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as { files: { path: string; findings: { id: string; line: number; severity: string }[] }[] };
    const page = result.files.find((f) => f.path.endsWith('DRCheckout.page'));
    expect(page?.findings.map((f) => [f.id, f.line])).toEqual([
      ['session-id-unbound', 14],
      ['migrated', 29],
      ['payload-unresolved', 38],
    ]);
  });

  it('leaves templates alone when --extensions names only script files', () => {
    // Only templates here: naming script extensions leaves nothing to scan, a usage error (issue 8), and no output.
    const r = run('--dry-run', '--extensions', 'js,ts', '.');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('dr-migrate: error: no files to scan in . (extensions: js, ts; ignored folders and .gitignore rules apply)\n');
  });
});
