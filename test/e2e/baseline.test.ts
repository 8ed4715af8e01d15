// The baseline ratchet, as a team adopts it: record a repository's many legacy sites, migrate part of it, and see
// the check fail only on legacy code that is new, while it reports what can be dropped from the baseline.

import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BaselineEntry } from '../../src/adopt/baseline.js';
import { copyDir, DEFINED_SESSION, EXAMPLE, FIXTURES, git, makeGitRepo, makeTemp, reportRows, runCli, runJson, snapshot, STACK_FRAME } from './helpers.js';

const BASELINE = 'dr-migrate-baseline.json';

/** A legacy checkout module: a direct-debit payload declared before the call and an inline PayPal one. */
function legacyModule(i: number): string {
  return [
    'var drjs = new DigitalRiver("pk_test_123");',
    `export function payByDebit${i}(iban) {`,
    '  var payload = {',
    '    type: "directDebit",',
    `    amount: ${i}.5,`,
    '    currency: "EUR",',
    `    directDebit: { returnUrl: "https://shop.example/return/${i}" }`,
    '  };',
    '  return drjs.createSource(iban, payload);',
    '}',
    `export function payByPayPal${i}() {`,
    `  return drjs.createSource({ type: "payPal", amount: ${i}, currency: "USD", payPal: { returnUrl: "https://shop.example/pp" } });`,
    '}',
    '',
  ].join('\n');
}

/** The example project plus 24 legacy modules in two folders: 53 legacy sites and 1 review site. */
function bigLegacyRepo(): string {
  const dir = copyDir(EXAMPLE, makeTemp());
  for (const folder of ['checkout/a', 'checkout/b']) mkdirSync(join(dir, folder), { recursive: true });
  for (let i = 0; i < 24; i++) writeFileSync(join(dir, i < 12 ? 'checkout/a' : 'checkout/b', `pay${i}.js`), legacyModule(i));
  return makeGitRepo(dir);
}

interface BaselineFile {
  readonly tool: string;
  readonly baseline: number;
  readonly sites: BaselineEntry[];
}

const readBaselineFile = (dir: string): BaselineFile => JSON.parse(readFileSync(join(dir, BASELINE), 'utf8')) as BaselineFile;

function oneLineError(stderr: string): void {
  expect(stderr).toMatch(/^dr-migrate: error: [^\n]+\n$/);
  expect(stderr).not.toContain(STACK_FRAME);
}

describe.concurrent('--write-baseline and --check --baseline', () => {
  it('adopt, migrate part, fail only on new legacy code, report the fixed entries, tighten', async () => {
    const dir = bigLegacyRepo();
    const sources = snapshot(dir);
    // Every run uses a session id the pages define: with the default one, undefined there, the folder migrated in
    // step 4 would fail every later check (issue 17), which is not what this test is about.

    // 1. Adopt: record today's sites. No source file changes; exit 0.
    const adopt = await runCli([...DEFINED_SESSION, '--write-baseline', BASELINE], { cwd: dir });
    expect(adopt.code, adopt.stderr).toBe(0);
    expect(adopt.stdout).toBe('');
    expect(adopt.stderr).toContain(`baseline ${BASELINE} written: 54 sites`);
    expect(adopt.stderr).not.toContain('Would migrate'); // a summary, not a listing of 54 sites
    const file = readBaselineFile(dir);
    expect(file.tool).toBe('dr-migrate');
    expect(file.baseline).toBe(1);
    expect(file.sites).toHaveLength(54);
    expect(file.sites.filter((s) => s.status === 'review').map((s) => s.file)).toEqual(['magento/view/frontend/web/js/saved-source.js']);
    expect(file.sites.filter((s) => s.file === 'checkout/a/pay3.js').map((s) => [s.kind, s.methods.join('/'), s.status]).sort()).toEqual([
      ['createSource', 'directDebit', 'legacy'],
      ['createSource', 'payPal', 'legacy'],
    ]);
    for (const s of file.sites) {
      expect(Object.keys(s)).toEqual(['file', 'id', 'kind', 'methods', 'status']); // no line numbers
      expect(s.id).toMatch(/^[0-9a-f]{12}$/);
    }
    const order = file.sites.map((s) => `${s.file} ${s.id}`);
    expect(order).toEqual([...order].sort());
    // One entry per line: a tightened baseline reads as a short diff in review.
    expect(readFileSync(join(dir, BASELINE), 'utf8').split('\n').filter((l) => l.startsWith('    {"file":'))).toHaveLength(54);
    const { [BASELINE]: written, ...rest } = snapshot(dir);
    expect(written).toBeDefined();
    expect(rest).toEqual(sources);
    git(dir, ['add', BASELINE]);
    git(dir, ['commit', '-qm', 'adopt a dr-migrate baseline']);

    // 2. CI against the baseline: everything is known, exit 0.
    const clean = await runCli([...DEFINED_SESSION, '--check', '--baseline', BASELINE], { cwd: dir });
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).toContain(`baseline ${BASELINE}: 54 known sites accepted, 0 new`);
    expect(clean.stderr).not.toMatch(/^\S+:\d+:\d+ /m); // no site listed

    // 3. Unrelated edits move the sites down and add code around them: still known.
    const pay3 = join(dir, 'checkout/a/pay3.js');
    writeFileSync(pay3, `// Checkout helpers\nimport { track } from './track.js';\n\nexport function total(cart) {\n  return cart.items.reduce((a, i) => a + i.price, 0);\n}\n${readFileSync(pay3, 'utf8')}track('loaded');\n`);
    const shifted = await runCli([...DEFINED_SESSION, '--check', '--baseline', BASELINE], { cwd: dir });
    expect(shifted.code, shifted.stderr).toBe(0);
    expect(shifted.stderr).toContain('54 known sites accepted, 0 new');
    git(dir, ['commit', '-qam', 'unrelated edits']);

    // 4. Migrate one folder and commit it.
    const part = await runCli([...DEFINED_SESSION, 'checkout/a'], { cwd: dir });
    expect(part.code, part.stderr).toBe(0);
    expect(part.stderr).toContain('12 files written');
    git(dir, ['commit', '-qam', 'migrate checkout/a']);
    const afterPart = await runJson([...DEFINED_SESSION, '--check', '--baseline', BASELINE, '--format', 'json'], { cwd: dir });
    expect(afterPart.run.code, afterPart.run.stderr).toBe(0);
    expect(afterPart.json.baseline).toMatchObject({ action: 'check', known: 30, new: 0 });
    expect(afterPart.json.baseline?.fixed.map((e) => e.file)).toEqual(file.sites.filter((s) => s.file.startsWith('checkout/a/')).map((s) => s.file));
    const human = await runCli([...DEFINED_SESSION, '--check', '--baseline', BASELINE], { cwd: dir });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stderr).toContain(`24 baseline sites are fixed: tighten it with dr-migrate --write-baseline ${BASELINE}`);
    expect(human.stderr).toMatch(/^ {4}fixed {2}checkout\/a\/pay0\.js {2}createSource \(directDebit\) {2}[0-9a-f]{12}$/m);

    // 5. New legacy code: a new module, and a new call in a baselined file. Only those fail, listed by file:line.
    writeFileSync(join(dir, 'checkout/b/new.js'), legacyModule(99));
    appendFileSync(join(dir, 'checkout/b/pay20.js'), 'export const again = () => drjs.createSource({ type: "wireTransfer", amount: 1, currency: "EUR" });\n');
    const fresh = await runCli([...DEFINED_SESSION, '--check', '--baseline', BASELINE], { cwd: dir });
    expect(fresh.code, fresh.stderr).toBe(1);
    const listed = reportRows(fresh.stderr)
      .filter((r) => r.status === 'legacy')
      .map((r) => `${r.file}:${r.at}`);
    expect(listed).toEqual(['checkout/b/new.js:9:10', 'checkout/b/new.js:12:10', 'checkout/b/pay20.js:14:28']);
    expect(fresh.stderr).toContain('30 known sites accepted, 3 new');
    const github = await runCli([...DEFINED_SESSION, '--check', '--baseline', BASELINE, '--format', 'github'], { cwd: dir });
    expect(github.code).toBe(1);
    expect(github.stdout.split('\n').filter((l) => l.startsWith('::error ')).map((l) => /file=([^,]+),line=(\d+)/.exec(l)?.slice(1).join(':'))).toEqual([
      'checkout/b/new.js:9',
      'checkout/b/new.js:12',
      'checkout/b/pay20.js:14',
    ]);
    const sarif = JSON.parse((await runCli([...DEFINED_SESSION, '--check', '--baseline', BASELINE, '--format', 'sarif'], { cwd: dir })).stdout) as {
      runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    expect(new Set(sarif.runs[0]?.results.filter((r) => r.ruleId === 'legacy-payload').map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri))).toEqual(
      new Set(['checkout/b/new.js', 'checkout/b/pay20.js']),
    );

    // 6. Changing a baselined payload makes it a new site.
    writeFileSync(join(dir, 'checkout/b/new.js'), '');
    writeFileSync(join(dir, 'checkout/b/pay20.js'), readFileSync(join(dir, 'checkout/b/pay20.js'), 'utf8').replace(/\nexport const again.*\n/, '\n').replace('amount: 20.5', 'amount: 21.5'));
    const edited = await runJson([...DEFINED_SESSION, '--check', '--baseline', BASELINE, '--format', 'json'], { cwd: dir });
    expect(edited.run.code).toBe(1);
    expect(edited.json.baseline).toMatchObject({ known: 29, new: 1 });
    expect(edited.json.baseline?.fixed.filter((e) => e.file === 'checkout/b/pay20.js').map((e) => e.methods)).toEqual([['directDebit']]);
    git(dir, ['checkout', '-q', '--', 'checkout/b/pay20.js']);

    // 7. Tighten: the fixed entries go, the rest stay byte for byte.
    const tighten = await runCli([...DEFINED_SESSION, '--write-baseline', BASELINE], { cwd: dir });
    expect(tighten.code, tighten.stderr).toBe(0);
    expect(tighten.stderr).toContain(`baseline ${BASELINE} written: 30 sites; dropped 24 fixed since`);
    expect(readBaselineFile(dir).sites).toEqual(file.sites.filter((s) => !s.file.startsWith('checkout/a/')));
  });

  it('a baseline written for one folder keeps the entries of the others; paths are relative to the baseline file', async () => {
    const dir = bigLegacyRepo();
    // A session id the pages define, in every run: the default one, undefined there, would fail the check (issue 17).
    expect((await runCli([...DEFINED_SESSION, '--write-baseline', BASELINE], { cwd: dir })).code).toBe(0);
    const all = readBaselineFile(dir).sites;
    // Migrate checkout/b by hand-off, then refresh only that folder, from a subdirectory.
    expect((await runCli([...DEFINED_SESSION, '--force', 'checkout/b'], { cwd: dir })).code).toBe(0);
    const refresh = await runCli([...DEFINED_SESSION, '--write-baseline', `../${BASELINE}`, 'b'], { cwd: join(dir, 'checkout') });
    expect(refresh.code, refresh.stderr).toBe(0);
    expect(refresh.stderr).toContain('written: 30 sites; kept 30 of files outside this run; dropped 24 fixed since');
    expect(readBaselineFile(dir).sites).toEqual(all.filter((s) => !s.file.startsWith('checkout/b/')));
    // Checked from the subdirectory, against the same file.
    const check = await runCli([...DEFINED_SESSION, '--check', '--baseline', `../${BASELINE}`, '.'], { cwd: join(dir, 'checkout') });
    expect(check.code, check.stderr).toBe(0);
    expect(check.stderr).toContain('24 known sites accepted, 0 new');
  });

  it('--methods narrows a run without declaring the other methods fixed or dropping them', async () => {
    const dir = bigLegacyRepo();
    expect((await runCli(['--write-baseline', BASELINE], { cwd: dir })).code).toBe(0);
    const all = readBaselineFile(dir).sites;
    const { run, json } = await runJson(['--check', '--baseline', BASELINE, '--methods', 'payPal', '--format', 'json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(json.baseline?.fixed).toEqual([]);
    expect((await runCli(['--write-baseline', BASELINE, '--methods', 'payPal'], { cwd: dir })).code).toBe(0);
    expect(readBaselineFile(dir).sites).toEqual(all);
  });

  it('refuses a missing or malformed baseline, and flags that make no sense together, in one line (exit 2)', async () => {
    const dir = bigLegacyRepo();
    const missing = await runCli(['--check', '--baseline', 'nope.json'], { cwd: dir });
    expect(missing.code).toBe(2);
    oneLineError(missing.stderr);
    expect(missing.stderr).toContain('baseline file not found: nope.json (create it with --write-baseline nope.json)');
    writeFileSync(join(dir, 'bad.json'), '{"sites": [');
    const bad = await runCli(['--check', '--baseline', 'bad.json'], { cwd: dir });
    expect(bad.code).toBe(2);
    oneLineError(bad.stderr);
    expect(bad.stderr).toContain('baseline bad.json is not valid JSON');
    writeFileSync(join(dir, 'other.json'), '{"sites": []}');
    const other = await runCli(['--check', '--baseline', 'other.json'], { cwd: dir });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('other.json is not a dr-migrate baseline');
    for (const args of [
      ['--write-baseline', BASELINE, '--dry-run'],
      ['--write-baseline', BASELINE, '--baseline', BASELINE],
    ]) {
      const r = await runCli(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      oneLineError(r.stderr);
      expect(r.stderr).toContain('cannot be used together');
    }
    expect(snapshot(dir)).toMatchObject({ 'bad.json': '{"sites": [', 'other.json': '{"sites": []}' });
    expect(Object.keys(snapshot(dir))).not.toContain(BASELINE);
  });

  // Issue 16: the baseline recomputed the exit code from the findings alone, so a --verify that could not run (2)
  // came out as 0 or 1 once a baseline was applied or written.
  it('--check --verify keeps exit 2 when the type check cannot run, with a baseline to check or to write', async () => {
    const dir = copyDir(join(FIXTURES, 'projects', 'reexport-index', 'input'), makeTemp());
    expect((await runCli(['--check', '--write-baseline', BASELINE, ...DEFINED_SESSION], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'tsconfig.json'), '{ "compilerOptions": { "strict": true }, "include": ["src" }\n');

    const checked = await runJson(['--check', '--verify', '--baseline', BASELINE, '--format', 'json', ...DEFINED_SESSION], { cwd: dir });
    expect(checked.json.notices).toContainEqual(expect.stringMatching(/^--verify could not type-check the project/));
    expect(checked.json.baseline).toMatchObject({ action: 'check', new: 0 });
    expect(checked.run.code).toBe(2);
    expect(checked.json.exitCode).toBe(2);

    const written = await runJson(['--check', '--verify', '--write-baseline', BASELINE, '--format', 'json', ...DEFINED_SESSION], { cwd: dir });
    expect(written.json.notices).toContainEqual(expect.stringMatching(/^--verify could not type-check the project/));
    expect(written.json.baseline).toMatchObject({ action: 'write' });
    expect(written.run.code).toBe(2);
    expect(written.json.exitCode).toBe(2);
  });
});
