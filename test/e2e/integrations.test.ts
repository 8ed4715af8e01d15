// The documented integrations, run for real where they can run locally: the pre-commit hook in a git repository
// (through npx, offline), and the GitHub Actions workflow's `run:` commands on a copy of example/.

import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, copyDir, definingSessionId, EXAMPLE, fixture, git, makeGitRepo, makeTemp, ROOT, shq, spawnCollect } from './helpers.js';

const HOOK = join(ROOT, 'examples', 'ci', 'pre-commit');
const WORKFLOW = join(ROOT, 'examples', 'ci', 'github-workflow.yml');
const OFFLINE = { npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

/** A project that depends on dr-migrate (linked to this checkout, as `npm install` would), with the hook installed. */
function projectWithHook(): string {
  const dir = makeTemp();
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'shop', version: '1.0.0', private: true }, null, 2)}\n`);
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\n');
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(ROOT, join(dir, 'node_modules', 'dr-migrate'));
  symlinkSync('../dr-migrate/bin/dr-migrate.js', join(dir, 'node_modules', '.bin', 'dr-migrate'));
  mkdirSync(join(dir, 'src'));
  copyFileSync(fixture('payPal', 'seed.output.js'), join(dir, 'src', 'pay.js'));
  makeGitRepo(dir);
  copyFileSync(HOOK, join(dir, '.git', 'hooks', 'pre-commit'));
  return dir;
}

const commit = (dir: string, message: string) =>
  spawnCollect('git', ['-c', 'commit.gpgsign=false', 'commit', '-qm', message], { cwd: dir, env: OFFLINE, timeoutMs: 60_000 });

describe.concurrent('examples/ci/pre-commit', () => {
  it('is an executable sh script that runs the check on the staged files through npx', () => {
    const text = readFileSync(HOOK, 'utf8');
    expect(text.startsWith('#!/bin/sh\n')).toBe(true);
    expect(text).toContain('\nexec npx --no -- dr-migrate --check --staged\n');
    expect(statSync(HOOK).mode & 0o111).toBe(0o111);
  });

  it('refuses a commit that stages a legacy payload, naming it, and lets a clean commit through', async () => {
    const dir = projectWithHook();
    const head = git(dir, ['rev-parse', 'HEAD']).stdout;

    // The page defines the sessionId the migration inserts: left undefined, the hook would refuse the migrated file
    // too (issue 17), and the write would exit 1.
    writeFileSync(join(dir, 'src', 'debit.js'), definingSessionId(readFileSync(fixture('directDebit', 'seed.input.js'))));
    git(dir, ['add', 'src/debit.js']);
    const refused = await commit(dir, 'add direct debit');
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toMatch(/^src\/debit\.js\n(?: {2}.*\n)* {2}\d+:\d+ +legacy {2,}Would migrate directDebit payload/m);
    expect(refused.stderr).toMatch(/dr-migrate \(check\): 1 file scanned, 1 would change/);
    expect(git(dir, ['rev-parse', 'HEAD']).stdout).toBe(head); // no commit was made

    // Migrated (as the check suggested; --force: a new file has uncommitted changes by definition), it goes through.
    const fix = await spawnCollect(process.execPath, [BIN, '--force', 'src/debit.js'], { cwd: dir });
    expect(fix.code, fix.stderr).toBe(0);
    git(dir, ['add', 'src/debit.js']);
    const accepted = await commit(dir, 'add direct debit, migrated');
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(git(dir, ['log', '--format=%s', '-1']).stdout).toBe('add direct debit, migrated\n');

    // A commit that touches no script passes too, whatever legacy code sits unstaged in the tree.
    copyFileSync(fixture('payPal', 'seed.input.js'), join(dir, 'src', 'unstaged.js'));
    writeFileSync(join(dir, 'README.md'), '# shop\n');
    git(dir, ['add', 'README.md']);
    const docs = await commit(dir, 'docs');
    expect(docs.code, docs.stderr).toBe(0);
  });
});

describe('examples/ci/github-workflow.yml', () => {
  const text = readFileSync(WORKFLOW, 'utf8');
  const runs = [...text.matchAll(/^\s+(?:- )?run: (.+)$/gm)].map((m) => (m[1] as string).trim());

  it('checks with --format github and uploads the SARIF report with github/codeql-action/upload-sarif', () => {
    expect(runs).toEqual([
      'npm ci',
      'npx dr-migrate --check --format github',
      'npx dr-migrate --check --format sarif > dr-migrate.sarif || test $? -eq 1',
    ]);
    expect(text).toMatch(/uses: github\/codeql-action\/upload-sarif@v\d+\n\s+with:\n\s+sarif_file: dr-migrate\.sarif\n/);
    expect(text).toContain('security-events: write');
    // The SARIF steps run even though the check step fails the job.
    expect(text.match(/if: always\(\)/g)).toHaveLength(2);
  });

  it('its commands, run on a copy of example/: annotations and exit 1, then a SARIF file with exit 0', async () => {
    const dir = makeGitRepo(copyDir(EXAMPLE, makeTemp()));
    const local = (command: string): string => command.replace(/^npx dr-migrate /, `${shq(process.execPath)} ${shq(BIN)} `);
    const [, checkCommand, sarifCommand] = runs as [string, string, string];
    const check = await spawnCollect('sh', ['-c', local(checkCommand)], { cwd: dir });
    expect(check.code).toBe(1);
    const annotations = check.stdout.split('\n').filter(Boolean);
    expect(annotations.every((l) => /^::(error|warning|notice) file=/.test(l))).toBe(true);
    // The pending payloads, the review site, and the sessionIds the default session id would leave undefined
    // (issue 17: an undefined sessionId fails, so it is an error annotation).
    expect(annotations.filter((l) => l.startsWith('::error ')).map((l) => /file=([^,]+),line=(\d+)/.exec(l)?.slice(1).join(':'))).toEqual([
      'magento/view/frontend/web/js/dr-payments.js:18',
      'magento/view/frontend/web/js/dr-payments.js:24',
      'magento/view/frontend/web/js/dr-payments.js:29',
      'magento/view/frontend/web/js/dr-payments.js:36',
      'magento/view/frontend/web/js/saved-source.js:8',
      'react/src/PaymentForm.tsx:17',
      'react/src/PaymentForm.tsx:17',
      'wordpress/js/checkout.js:14',
      'wordpress/js/checkout.js:20',
      'wordpress/js/checkout.js:31',
      'wordpress/js/checkout.js:44',
    ]);

    const report = await spawnCollect('sh', ['-c', local(sarifCommand)], { cwd: dir });
    expect(report.code, report.stderr).toBe(0);
    expect(existsSync(join(dir, 'dr-migrate.sarif'))).toBe(true);
    const parsed = JSON.parse(readFileSync(join(dir, 'dr-migrate.sarif'), 'utf8')) as { version: string; runs: { tool: { driver: { name: string } }; results: unknown[] }[] };
    expect(parsed.version).toBe('2.1.0');
    expect(parsed.runs[0]?.tool.driver.name).toBe('dr-migrate');
    expect(parsed.runs[0]?.results.length).toBeGreaterThan(0);

    // A tool failure (exit 2) is not swallowed by `|| test $? -eq 1`.
    writeFileSync(join(dir, 'broken.js'), 'var drjs = new DigitalRiver(KEY);\ndrjs.createSource({ type: "payPal",\n');
    const failing = await spawnCollect('sh', ['-c', local(sarifCommand)], { cwd: dir });
    expect(failing.code).toBe(1); // `test 2 -eq 1` fails the step
  });
});
