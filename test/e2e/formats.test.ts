// --format json, sarif and github on the example project: machine output on stdout only, and its exact content.

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RunResult } from '../../src/run/result.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { sarifSchemaErrors } from '../sarif-schema.js';
import { ANSI, copyDir, EXAMPLE, exampleCopy, insideGitRepo, makeGitRepo, makeTemp, PKG, runCli, runJson, snapshot, type Completed } from './helpers.js';

/** Per file of the example: status and findings as `id:line`, in report order. */
const EXAMPLE_FILES = [
  [
    'magento/view/frontend/web/js/dr-payments.js',
    'changed',
    ['session-id-unbound:18', 'migrated:24', 'session-id-unbound:29', 'migrated:36'],
  ],
  ['magento/view/frontend/web/js/saved-source.js', 'unchanged', ['payload-unresolved:8']],
  ['marketing/stripe-donate.js', 'unchanged', ['not-digitalriver:6']],
  ['react/src/PaymentForm.tsx', 'changed', ['migrated:17', 'session-id-unbound:17']],
  ['server/orders.js', 'unchanged', ['not-digitalriver:7']],
  [
    'wordpress/js/checkout.js',
    'changed',
    ['session-id-unbound:14', 'card-amounts-kept:17', 'migrated:20', 'session-id-unbound:31', 'migrated:44'],
  ],
];

const EXAMPLE_SUMMARY = {
  scanned: 6,
  changed: 3,
  unchanged: 3,
  skipped: 0,
  errored: 0,
  written: 0,
  payloads: { directDebit: 1, wireTransfer: 1, klarnaCredit: 1, creditCard: 1, payPal: 1 },
  // The review site, and the 5 sessionIds the default session id would leave undefined: review items, since the
  // page would throw a ReferenceError (issue 17: an undefined sessionId fails). The five payloads still to migrate
  // are counted as legacy, not as info (issue 17).
  findings: { error: 0, review: 6, legacy: 5, warning: 0, info: 3 },
};

const ONE_LINE_SUMMARY = /^! dr-migrate \(check\): 6 files scanned, 3 would change, 3 unchanged, 0 skipped, 0 errored\. \(\d+\.\d\d s\)\n$/;


/** The parts of a SARIF 2.1.0 log these tests read. */
interface Sarif {
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    }[];
  }[];
}

describe.concurrent('--format json', () => {
  let dir: string;
  let before: Record<string, string>;
  let run: Completed;
  let json: RunResult;
  beforeAll(async () => {
    dir = exampleCopy();
    before = snapshot(dir);
    ({ run, json } = await runJson(['--check', '--format', 'json', '.'], { cwd: dir }));
  });

  it('prints the whole result object on stdout, a one-line summary on stderr, exit 1', () => {
    expect(run.code).toBe(1);
    expect(run.stdout.endsWith('}\n')).toBe(true);
    expect(run.stderr).toMatch(ONE_LINE_SUMMARY);
    expect(run.stdout + run.stderr).not.toMatch(ANSI);
    expect(snapshot(dir)).toEqual(before);
  });

  it('has the run-level fields', () => {
    expect(json).toMatchObject({ tool: 'dr-migrate', version: PKG.version, mode: 'check', cwd: dir, exitCode: 1, notices: [] });
  });

  it('has the expected summary counts', () => {
    expect(json.summary).toEqual(EXAMPLE_SUMMARY);
  });

  it('has each file with its status, and its findings by id and line', () => {
    expect(json.files.map((f) => [f.path, f.status, f.findings.map((x) => `${x.id}:${x.line}`)])).toEqual(EXAMPLE_FILES);
  });

  it('gives each finding a severity, a column and a message, and each changed file a diff', () => {
    for (const f of json.files) {
      for (const x of f.findings) {
        expect(['error', 'review', 'legacy', 'warning', 'info']).toContain(x.severity);
        // A payload still to migrate is legacy and says so in the mood of a check (issue 17: it said "Migrated").
        if (x.id === 'migrated') expect([x.severity, x.message.startsWith('Would migrate ')]).toEqual(['legacy', true]);
        expect(x.column).toBeGreaterThanOrEqual(1);
        expect(x.message.length).toBeGreaterThan(10);
      }
      if (f.status === 'changed') expect(f.diff).toMatch(new RegExp(`^diff --git a/${f.path} b/${f.path}\n`));
      else expect(f.diff).toBeUndefined();
      expect(f.written ?? false).toBe(false);
    }
    const review = json.files.flatMap((f) => f.findings.filter((x) => x.severity === 'review').map((x) => `${f.path}:${x.line}`));
    // The review site, and each sessionId left undefined (issue 17: an undefined sessionId fails).
    expect(review).toEqual([
      'magento/view/frontend/web/js/dr-payments.js:18',
      'magento/view/frontend/web/js/dr-payments.js:29',
      'magento/view/frontend/web/js/saved-source.js:8',
      'react/src/PaymentForm.tsx:17',
      'wordpress/js/checkout.js:14',
      'wordpress/js/checkout.js:31',
    ]);
  });

  it('prints the same JSON in dry-run mode, except for the mode and the exit code, and nothing else on stdout', async () => {
    const dry = await runJson(['--dry-run', '--format', 'json', '.'], { cwd: dir });
    expect(dry.run.code).toBe(0); // a preview: its patch is the answer (issue 9); --check is the status
    expect(dry.json).toEqual({ ...json, mode: 'dry-run', exitCode: 0 });
  });
});

describe.concurrent('--format sarif', () => {
  let run: Completed;
  let sarif: Sarif;
  beforeAll(async () => {
    ({ run, json: sarif } = await runJson(['--check', '--format', 'sarif', '.'], { cwd: exampleCopy() }));
  });

  it('is SARIF 2.1.0 from the dr-migrate driver, exit 1, summary on stderr only', () => {
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(ONE_LINE_SUMMARY);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0].tool.driver.name).toBe('dr-migrate');
    expect(sarif.runs[0].tool.driver.version).toBe(PKG.version);
  });

  it('gives every result a known rule, a level and a location with a file and a line', () => {
    const driverRules = new Set(sarif.runs[0].tool.driver.rules.map((r) => r.id));
    const results = sarif.runs[0].results;
    // The example's 11 pending payloads, review sites and undefined session ids, listed in the next test.
    expect(results).toHaveLength(11);
    for (const r of results) {
      expect(typeof r.ruleId).toBe('string');
      expect(driverRules.has(r.ruleId), `rule ${r.ruleId} is not in driver.rules`).toBe(true);
      expect(['error', 'warning', 'note']).toContain(r.level);
      expect(r.message.text.length).toBeGreaterThan(0);
      expect(r.locations.length).toBeGreaterThanOrEqual(1);
      const loc = r.locations[0].physicalLocation;
      expect(typeof loc.artifactLocation.uri).toBe('string');
      expect(loc.artifactLocation.uri.length).toBeGreaterThan(0);
      expect(Number.isInteger(loc.region.startLine)).toBe(true);
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      if (r.ruleIndex !== undefined) expect(sarif.runs[0].tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    }
  });

  it('is valid against the SARIF 2.1.0 schema, and uploads no info finding (the two not-DigitalRiver.js calls)', () => {
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0].results.map((r) => `${r.level} ${r.ruleId} ${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`)).toEqual([
      'error session-id-unbound magento/view/frontend/web/js/dr-payments.js:18',
      'error legacy-payload magento/view/frontend/web/js/dr-payments.js:24',
      'error session-id-unbound magento/view/frontend/web/js/dr-payments.js:29',
      'error legacy-payload magento/view/frontend/web/js/dr-payments.js:36',
      'error payload-unresolved magento/view/frontend/web/js/saved-source.js:8',
      'error legacy-payload react/src/PaymentForm.tsx:17',
      'error session-id-unbound react/src/PaymentForm.tsx:17',
      'error session-id-unbound wordpress/js/checkout.js:14',
      'error legacy-payload wordpress/js/checkout.js:20',
      'error session-id-unbound wordpress/js/checkout.js:31',
      'error legacy-payload wordpress/js/checkout.js:44',
    ]);
  });

  it('reports the pending payloads, the review site and the undefined session ids of the example', () => {
    const got = sarif.runs[0].results
      .filter((r) => r.level === 'error')
      .map((r) => `${r.ruleId} ${r.locations[0].physicalLocation.artifactLocation.uri}:${r.locations[0].physicalLocation.region.startLine}`);
    // session-id-unbound is a review item, so an error (issue 17: an undefined sessionId fails).
    expect(got).toEqual([
      'session-id-unbound magento/view/frontend/web/js/dr-payments.js:18',
      'legacy-payload magento/view/frontend/web/js/dr-payments.js:24',
      'session-id-unbound magento/view/frontend/web/js/dr-payments.js:29',
      'legacy-payload magento/view/frontend/web/js/dr-payments.js:36',
      'payload-unresolved magento/view/frontend/web/js/saved-source.js:8',
      'legacy-payload react/src/PaymentForm.tsx:17',
      'session-id-unbound react/src/PaymentForm.tsx:17',
      'session-id-unbound wordpress/js/checkout.js:14',
      'legacy-payload wordpress/js/checkout.js:20',
      'session-id-unbound wordpress/js/checkout.js:31',
      'legacy-payload wordpress/js/checkout.js:44',
    ]);
  });
});

describe.concurrent('--format github', () => {
  const LINE = /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[^:]+::.+$/;

  it('prints only workflow commands, one per line, exit 1', async () => {
    const run = await runCli(['--check', '--format', 'github', '.'], { cwd: exampleCopy() });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(ONE_LINE_SUMMARY);
    expect(run.stdout.endsWith('\n')).toBe(true);
    const lines = run.stdout.slice(0, -1).split('\n');
    expect(lines.length).toBe(11); // 5 pending payloads, 1 review site, 5 undefined session ids
    for (const l of lines) expect(l).toMatch(LINE);
    // An undefined sessionId is an error, no longer a warning (issue 17: the page would throw a ReferenceError).
    expect(lines.filter((l) => l.startsWith('::error ')).length).toBe(11);
    expect(lines.filter((l) => l.startsWith('::warning ')).length).toBe(0);
    expect(lines).toContain(
      '::error file=wordpress/js/checkout.js,line=14,col=19,title=dr-migrate session-id-unbound::The inserted sessionId uses "sessionId", which is not defined here, so the page would throw a ReferenceError: define "sessionId" with the checkout\'s payment.session.id, or pass the expression that holds it with --session-id.',
    );
    expect(lines).toContain(
      '::error file=magento/view/frontend/web/js/saved-source.js,line=8,col=20,title=dr-migrate payload-unresolved::Payload not migrated: it is read from `response.sourceData`; migrate it by hand.',
    );
    expect(lines.some((l) => l.startsWith('::error file=wordpress/js/checkout.js,line=44,col=5,title=dr-migrate legacy-payload::'))).toBe(true);
  });

  it('prints nothing on stdout and exits 0 on a migrated project', async () => {
    const dir = exampleCopy();
    // A session id every page can read: with the default one, left undefined, the pages would be reported as unbound.
    const write = await runCli(['--session-id', 'window.drCheckout.sessionId', '--ignore', '**/saved-source.js', '.'], { cwd: dir });
    expect(write.code, write.stderr).toBe(0);
    const run = await runCli(['--check', '--format', 'github', '--ignore', '**/saved-source.js', '.'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
  });
});

// Issue 17: CI resolves annotation and SARIF paths against the repository's checkout, whatever folder the check ran in.
describe.concurrent('paths in the github and sarif formats', () => {
  /** The example in a subfolder `web/` of a git repository; the check runs in `web/`. */
  let repo: string;
  beforeAll(() => {
    repo = makeTemp();
    copyDir(EXAMPLE, join(repo, 'web'));
    makeGitRepo(repo);
  });

  it('github: a file is named from the repository root, as the dry-run patch names it', async () => {
    const run = await runCli(['--check', '--format', 'github', '.'], { cwd: join(repo, 'web') });
    expect(run.code).toBe(1);
    const lines = run.stdout.slice(0, -1).split('\n');
    expect(lines.map((l) => /file=([^,]+),line=(\d+)/.exec(l)?.slice(1).join(':'))).toEqual([
      'web/magento/view/frontend/web/js/dr-payments.js:18',
      'web/magento/view/frontend/web/js/dr-payments.js:24',
      'web/magento/view/frontend/web/js/dr-payments.js:29',
      'web/magento/view/frontend/web/js/dr-payments.js:36',
      'web/magento/view/frontend/web/js/saved-source.js:8',
      'web/react/src/PaymentForm.tsx:17',
      'web/react/src/PaymentForm.tsx:17',
      'web/wordpress/js/checkout.js:14',
      'web/wordpress/js/checkout.js:20',
      'web/wordpress/js/checkout.js:31',
      'web/wordpress/js/checkout.js:44',
    ]);
    expect(lines).toContain(
      '::error file=web/magento/view/frontend/web/js/saved-source.js,line=8,col=20,title=dr-migrate payload-unresolved::Payload not migrated: it is read from `response.sourceData`; migrate it by hand.',
    );
  });

  it('sarif: artifact URIs from the repository root, and SRCROOT is that root', async () => {
    const { run, json } = await runJson<Sarif & { runs: { originalUriBaseIds?: unknown }[] }>(['--check', '--format', 'sarif', '.'], { cwd: join(repo, 'web') });
    expect(run.code).toBe(1);
    const uris = new Set(json.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri));
    expect([...uris]).toEqual([
      'web/magento/view/frontend/web/js/dr-payments.js',
      'web/magento/view/frontend/web/js/saved-source.js',
      'web/react/src/PaymentForm.tsx',
      'web/wordpress/js/checkout.js',
    ]);
    expect(sarifSchemaErrors(json)).toEqual([]);
    expect(json.runs[0].originalUriBaseIds).toEqual({ SRCROOT: { uri: `${pathToFileURL(repo).href}/` } });
  });

  it('json: each file keeps its path from the working directory and gains repoPath, the path its diff shows', async () => {
    const { json } = await runJson(['--check', '--format', 'json', 'wordpress'], { cwd: join(repo, 'web') });
    expect(json.files.map((f) => [f.path, f.repoPath])).toEqual([['wordpress/js/checkout.js', 'web/wordpress/js/checkout.js']]);
    expect(json.files[0]?.diff).toMatch(/^diff --git a\/web\/wordpress\/js\/checkout\.js b\/web\/wordpress\/js\/checkout\.js\n/);
  });

  it('outside a git repository, paths are relative to the working directory, which is SRCROOT', async () => {
    const dir = exampleCopy();
    expect(insideGitRepo(dir)).toBe(false);
    const cwd = join(dir, 'wordpress');
    const { json: result } = await runJson(['--check', '--format', 'json', '.'], { cwd });
    expect(result.files.map((f) => [f.path, f.repoPath])).toEqual([['js/checkout.js', 'js/checkout.js']]);
    const github = await runCli(['--check', '--format', 'github', '.'], { cwd });
    expect(github.stdout.split('\n').filter(Boolean).map((l) => /file=([^,]+),line=(\d+)/.exec(l)?.slice(1).join(':'))).toEqual([
      'js/checkout.js:14',
      'js/checkout.js:20',
      'js/checkout.js:31',
      'js/checkout.js:44',
    ]);
    const { json } = await runJson<Sarif & { runs: { originalUriBaseIds?: unknown }[] }>(['--check', '--format', 'sarif', '.'], { cwd });
    expect(json.runs[0].originalUriBaseIds).toEqual({ SRCROOT: { uri: `${pathToFileURL(cwd).href}/` } });
    expect(new Set(json.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri))).toEqual(new Set(['js/checkout.js']));
  });
});
