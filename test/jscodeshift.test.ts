// The transforms under transforms/ run under stock jscodeshift as the package ships them
// (`jscodeshift -t dist/bundle/transforms/<type>.js`, issue 17).

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const JSCODESHIFT = join(ROOT, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
const work = mkdtempSync(join(tmpdir(), 'dr-migrate-jscs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The shipped transform (the bundle's), as `dr-migrate/transforms/<name>` resolves. */
const shipped = (transform: string): string => join(ROOT, 'dist', 'bundle', 'transforms', `${transform}.js`);

function runTransform(transform: string, fixture: string, extra: string[] = ['--no-babel']): { text: string; stdout: string } {
  const file = join(work, `${transform}-${fixture.replace(/\//g, '-')}.js`);
  copyFileSync(join(ROOT, 'fixtures', `${fixture}.input.js`), file);
  const stdout = execFileSync(
    process.execPath,
    [JSCODESHIFT, '-t', shipped(transform), '--run-in-band', ...extra, file],
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
    const { text } = runTransform('bPay', 'bPay/seed', ['--no-babel', '--session-id=checkout.payment.session.id']);
    expect(text).toContain('"sessionId": checkout.payment.session.id,');
  });

  it('runs a transform with its default Babel compilation, as a user runs it', () => {
    // jscodeshift compiles the transform and what it loads with @babel/register, which cannot load an ES module that
    // uses import.meta (as the CLI's bundle chunks do).
    const { text, stdout } = runTransform('payPal', 'payPal/seed', []);
    expect(text).toBe(readFileSync(join(ROOT, 'fixtures', 'payPal', 'seed.output.js'), 'utf8'));
    expect(stdout).toMatch(/1 ok/);
  }, 60_000);
});
