// The built ESLint plugin, imported as a user imports it (`dr-migrate/eslint`), on the example project: the same
// problems, ids and words as the command's --check, and `eslint --fix` writes what the command writes.

import { relative } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, copyDir, makeTemp, runCli, snapshot, changedPaths } from './helpers.js';

/** The package's own export, resolved through package.json `exports` as a dependent project resolves it. */
const { default: plugin } = (await import('dr-migrate/eslint')) as { default: { configs: { recommended: Linter.Config } } };

/** JavaScript only: the example's .tsx would need typescript-eslint's parser, and .phtml is not ESLint's. */
const JS_FILES = ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'];

function eslint(cwd: string, fix = false): ESLint {
  return new ESLint({ cwd, fix, overrideConfigFile: true, overrideConfig: [{ files: JS_FILES, ...plugin.configs.recommended }] });
}

describe('dr-migrate/eslint on the example project', () => {
  it('reports what --check --format github reports as errors in its JavaScript files, with the same ids and messages', async () => {
    const dir = copyDir(EXAMPLE, makeTemp());
    const results = await eslint(dir).lintFiles(['.']);
    const fromEslint = results
      .flatMap((r) => r.messages.map((m) => `${relative(dir, r.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.messageId} ${m.message}`))
      .sort();
    const cli = await runCli(['--check', '--format', 'github', '.'], { cwd: dir });
    expect(cli.code).toBe(1);
    const fromCli = cli.stdout
      .split('\n')
      .map((l) => /^::error file=([^,]+),line=(\d+),col=(\d+),title=dr-migrate ([\w-]+)::(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null && /\.js$/.test(m[1] as string))
      .map((m) => `${m[1]}:${m[2]}:${m[3]} dr-migrate/no-legacy-payload ${m[4]} ${m[5]}`)
      .sort();
    expect(fromEslint).toEqual(fromCli);
    // The legacy payloads, the review site, and the sessionIds the migration would leave undefined (issue 17).
    expect(fromEslint.map((l) => l.split(' ')[0])).toEqual([
      'magento/view/frontend/web/js/dr-payments.js:18:54',
      'magento/view/frontend/web/js/dr-payments.js:24:20',
      'magento/view/frontend/web/js/dr-payments.js:29:23',
      'magento/view/frontend/web/js/dr-payments.js:36:20',
      'magento/view/frontend/web/js/saved-source.js:8:20',
      'wordpress/js/checkout.js:14:19',
      'wordpress/js/checkout.js:20:5',
      'wordpress/js/checkout.js:31:27',
      'wordpress/js/checkout.js:44:5',
    ]);
  });

  it('eslint --fix writes the JavaScript files exactly as the command does, and leaves the review site', async () => {
    const byEslint = copyDir(EXAMPLE, makeTemp());
    const before = snapshot(byEslint);
    const results = await eslint(byEslint, true).lintFiles(['.']);
    await ESLint.outputFixes(results);
    const byCli = copyDir(EXAMPLE, makeTemp());
    const written = await runCli(['--force', '.'], { cwd: byCli });
    expect(written.code, written.stderr).toBe(1); // the review site remains
    const fixed = changedPaths(before, snapshot(byEslint));
    expect(fixed).toEqual(['magento/view/frontend/web/js/dr-payments.js', 'wordpress/js/checkout.js']);
    const cli = snapshot(byCli);
    for (const path of fixed) expect(snapshot(byEslint)[path]).toBe(cli[path]);
    // What remains, as the command says too: the review site, and the inserted sessionIds the pages do not define.
    expect(results.flatMap((r) => r.messages.map((m) => `${relative(byEslint, r.filePath)}:${m.line} ${m.messageId}`))).toEqual([
      'magento/view/frontend/web/js/dr-payments.js:20 session-id-unbound',
      'magento/view/frontend/web/js/dr-payments.js:30 session-id-unbound',
      'magento/view/frontend/web/js/saved-source.js:8 payload-unresolved',
      'wordpress/js/checkout.js:16 session-id-unbound',
      'wordpress/js/checkout.js:34 session-id-unbound',
    ]);
  });
});
