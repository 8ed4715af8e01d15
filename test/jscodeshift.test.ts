// The transforms under transforms/ run under stock jscodeshift (`jscodeshift -t dist/transforms/<type>.js`).

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const JSCODESHIFT = join(ROOT, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
const work = mkdtempSync(join(tmpdir(), 'dr-migrate-jscs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runTransform(transform: string, fixture: string, extra: string[] = []): { text: string; stdout: string } {
  const file = join(work, `${transform}-${fixture.replace(/\//g, '-')}.js`);
  copyFileSync(join(ROOT, 'fixtures', `${fixture}.input.js`), file);
  const stdout = execFileSync(
    process.execPath,
    [JSCODESHIFT, '-t', join(ROOT, 'dist', 'transforms', `${transform}.js`), '--run-in-band', '--no-babel', ...extra, file],
    { encoding: 'utf8' },
  );
  return { text: readFileSync(file, 'utf8'), stdout };
}

describe('stock jscodeshift', () => {
  it('runs a single-method transform to the fixture output', () => {
    const { text, stdout } = runTransform('payPal', 'payPal/seed');
    expect(text).toBe(readFileSync(join(ROOT, 'fixtures', 'payPal', 'seed.output.js'), 'utf8'));
    expect(stdout).toMatch(/1 ok/);
  });

  it('runs the combined transform over a file with several methods', () => {
    const { text } = runTransform('all', 'origins/branches-different-types');
    expect(text).toBe(readFileSync(join(ROOT, 'fixtures', 'origins', 'branches-different-types.output.js'), 'utf8'));
  });

  it('leaves the payloads of other methods alone in a single-method transform', () => {
    const { text, stdout } = runTransform('klarnaCredit', 'payPal/seed');
    expect(text).toBe(readFileSync(join(ROOT, 'fixtures', 'payPal', 'seed.input.js'), 'utf8'));
    expect(stdout).toMatch(/1 unmodified/);
  });

  it('takes --session-id as a jscodeshift option', () => {
    const { text } = runTransform('bPay', 'bPay/seed', ['--session-id=checkout.payment.session.id']);
    expect(text).toContain('"sessionId": checkout.payment.session.id,');
  });
});
