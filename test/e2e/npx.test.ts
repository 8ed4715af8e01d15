// The published shape: `npm pack` the repository, install the tarball into a fresh project (offline, from the npm
// cache that `npm ci` filled), and run it the way the README says, through npx.

import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { copyDir, EXAMPLE, git, makeTemp, PKG, ROOT, spawnCollect, type Completed } from './helpers.js';

const NPM_TIMEOUT = 90_000;
/** No test may reach the network: npm and npx run offline (the install falls back to --prefer-offline only). */
const OFFLINE = { npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

function npm(args: string[], cwd: string, env: Record<string, string> = OFFLINE): Promise<Completed> {
  return spawnCollect('npm', args, { cwd, env, timeoutMs: NPM_TIMEOUT });
}

/**
 * The repository as a fresh clone has it: every tracked file as it is in the work tree, and no `dist/` (issue 17:
 * a pack that relied on an earlier build shipped nothing runnable). node_modules is linked, so the pack stays offline.
 */
function freshCheckout(): string {
  const dir = makeTemp('dr-migrate-e2e-clone-');
  const tracked = git(ROOT, ['ls-files', '-z']).stdout.split('\0').filter((f) => f.length > 0);
  for (const file of tracked) {
    mkdirSync(join(dir, dirname(file)), { recursive: true });
    cpSync(join(ROOT, file), join(dir, file), { verbatimSymlinks: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** The files in a tarball, by their path in the package (without npm's `package/` prefix), sorted. */
function packedFiles(tarball: string): string[] {
  const list = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
  expect(list.status, list.stderr).toBe(0);
  return list.stdout
    .split('\n')
    .filter((line) => line.length > 0 && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''))
    .sort();
}

/** The transforms a user can run alone, one per file under transforms/ (style.md §2). */
const TRANSFORM_NAMES = readdirSync(join(ROOT, 'transforms'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -'.ts'.length));

describe('the packed package, installed and run through npx', () => {
  it(
    'npm pack → npm install <tarball> → npx dr-migrate --dry-run example / --version, the API, the plugin, a transform',
    async () => {
      const packDir = makeTemp('dr-migrate-e2e-pack-');
      const pack = await npm(['pack', '--pack-destination', packDir], freshCheckout());
      expect(pack.code, pack.stderr).toBe(0);
      // stdout is the tarball name alone, the build's output kept off it (.npmrc): the pre-commit framework installs
      // this repository as a hook by reading it.
      expect(pack.stdout).toBe(`${PKG.name}-${PKG.version}.tgz\n`);
      const tarballs = readdirSync(packDir).filter((f) => f.endsWith('.tgz'));
      expect(tarballs).toEqual([`${PKG.name}-${PKG.version}.tgz`]);
      const tarball = join(packDir, tarballs[0] as string);

      // One build ships (issue 17): the bundle is the package's only JavaScript besides the bin shim; tsc's output
      // contributes its type declarations and nothing else.
      const files = packedFiles(tarball);
      const code = files.filter((f) => /\.[cm]?js$/.test(f));
      expect(code.filter((f) => !f.startsWith('dist/bundle/'))).toEqual(['bin/dr-migrate.js']);
      expect(files.filter((f) => !f.startsWith('dist/bundle/') && !f.endsWith('.d.ts'))).toEqual(['LICENSE', 'README.md', 'bin/dr-migrate.js', 'package.json']);
      expect(files.filter((f) => f.startsWith('dist/') && !f.startsWith('dist/bundle/') && !/^dist\/(src|transforms)\//.test(f))).toEqual([]);
      expect(code).toEqual(
        expect.arrayContaining([
          'dist/bundle/cli.js',
          'dist/bundle/index.js',
          'dist/bundle/eslint.js',
          'dist/bundle/cjs/cli.js',
          'dist/bundle/cjs/worker.js',
          'dist/bundle/cjs/process-text.js',
          'dist/bundle/cjs/compile-cache.js',
          ...TRANSFORM_NAMES.map((name) => `dist/bundle/transforms/${name}.js`),
        ]),
      );
      expect(files).toEqual(
        expect.arrayContaining(['dist/bundle/cjs/package.json', 'dist/src/index.d.ts', 'dist/src/eslint/index.d.ts', ...TRANSFORM_NAMES.map((name) => `dist/transforms/${name}.d.ts`)]),
      );
      // Every path the package exports is in it.
      const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; types: string; exports: Record<string, string | Record<string, string>> };
      const exported = Object.values(manifest.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
      for (const target of [manifest.main, manifest.types, ...exported]) {
        const paths = target.includes('*') ? TRANSFORM_NAMES.map((name) => target.replace('*', name)) : [target];
        for (const path of paths) expect(files, path).toContain(path.replace(/^\.\//, ''));
      }

      const project = makeTemp('dr-migrate-e2e-project-');
      writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'e2e-project', version: '1.0.0', private: true }, null, 2)}\n`);
      let install = await npm(['install', '--offline', '--no-audit', '--no-fund', tarball], project);
      if (install.code !== 0) {
        // Still no network needed when the cache is complete; --prefer-offline only tolerates stale metadata.
        const { npm_config_offline: _ignored, ...rest } = OFFLINE;
        install = await npm(['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], project, rest);
      }
      expect(install.code, `npm install failed:\n${install.stderr}`).toBe(0);

      copyDir(EXAMPLE, join(project, 'example'));
      const dry = await spawnCollect('npx', ['dr-migrate', '--dry-run', 'example'], { cwd: project, env: OFFLINE, timeoutMs: NPM_TIMEOUT });
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout.startsWith('diff --git a/example/')).toBe(true);
      expect([...dry.stdout.matchAll(/^diff --git a\/(\S+) /gm)].map((m) => m[1])).toEqual([
        'example/magento/view/frontend/web/js/dr-payments.js',
        'example/react/src/PaymentForm.tsx',
        'example/wordpress/js/checkout.js',
      ]);
      expect(dry.stderr).toMatch(/dr-migrate \(dry-run\): 6 files scanned, 3 would change/);
      const patch = join(packDir, 'example.patch');
      writeFileSync(patch, dry.stdoutBytes);
      git(project, ['apply', '--check', patch]);

      const version = await spawnCollect('npx', ['dr-migrate', '--version'], { cwd: project, env: OFFLINE, timeoutMs: NPM_TIMEOUT });
      expect(version.code, version.stderr).toBe(0);
      expect(version.stdout).toBe(`${PKG.version}\n`);

      // The package entry point and its exports resolve from the installed copy.
      const script = [
        "import { migrate, METHOD_TYPES } from 'dr-migrate';",
        "const r = await migrate({ paths: ['example'], mode: 'check' });",
        'console.log(JSON.stringify({ exitCode: r.exitCode, changed: r.summary.changed, methods: METHOD_TYPES.length }));',
      ].join('\n');
      const imported = await spawnCollect(process.execPath, ['--input-type=module', '-e', script], { cwd: project });
      expect(imported.code, imported.stderr).toBe(0);
      expect(JSON.parse(imported.stdout)).toEqual({ exitCode: 1, changed: 3, methods: 15 });

      // A single-method transform loads from the installed copy by its export path and migrates a payload.
      const card = 'jquery-card-element';
      copyFileSync(join(ROOT, 'fixtures', 'creditCard', `${card}.input.js`), join(project, 'card.js'));
      const transformScript = [
        "import transform from 'dr-migrate/transforms/creditCard';",
        "import { readFileSync } from 'node:fs';",
        "process.stdout.write(transform({ path: 'card.js', source: readFileSync('card.js', 'utf8') }));",
      ].join('\n');
      const transformed = await spawnCollect(process.execPath, ['--input-type=module', '-e', transformScript], { cwd: project });
      expect(transformed.code, transformed.stderr).toBe(0);
      expect(transformed.stdout).toBe(readFileSync(join(ROOT, 'fixtures', 'creditCard', `${card}.output.js`), 'utf8'));

      // Stock jscodeshift runs the shipped transform as the docs say, with its default Babel compilation of the
      // transform's modules (which cannot load an ES module that uses import.meta).
      const jscodeshift = join(ROOT, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
      const shifted = await spawnCollect(
        process.execPath,
        [jscodeshift, '-t', 'node_modules/dr-migrate/dist/bundle/transforms/creditCard.js', '--run-in-band', 'card.js'],
        // jscodeshift colours its summary under CI whatever the stream; NO_COLOR keeps it plain text to match.
        { cwd: project, timeoutMs: NPM_TIMEOUT, env: { NO_COLOR: '1' } },
      );
      expect(shifted.code, `${shifted.stdout}\n${shifted.stderr}`).toBe(0);
      expect(shifted.stdout).toMatch(/^1 ok$/m);
      expect(readFileSync(join(project, 'card.js'), 'utf8')).toBe(readFileSync(join(ROOT, 'fixtures', 'creditCard', `${card}.output.js`), 'utf8'));

      // The ESLint plugin ships too: dr-migrate/eslint resolves from the installed copy and lints with the ESLint
      // the project brings (here this checkout's; ESLint is an optional peer, so installing did not add one).
      expect(existsSync(join(project, 'node_modules', 'eslint'))).toBe(false);
      const lint = [
        "import drMigrate from 'dr-migrate/eslint';",
        "import { readFileSync } from 'node:fs';",
        `const { Linter } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'node_modules', 'eslint', 'lib', 'api.js')).href)});`,
        "const file = 'example/wordpress/js/checkout.js';",
        "const messages = new Linter().verify(readFileSync(file, 'utf8'), [{ files: ['**/*.js'], ...drMigrate.configs.recommended }], file);",
        'console.log(JSON.stringify(messages.map((m) => [m.line, m.messageId, m.fix !== undefined])));',
      ].join('\n');
      const linted = await spawnCollect(process.execPath, ['--input-type=module', '-e', lint], { cwd: project });
      expect(linted.code, linted.stderr).toBe(0);
      // The legacy payloads (with the fix), and the sessionIds the fix would leave undefined (issue 17), without one.
      expect(JSON.parse(linted.stdout)).toEqual([
        [14, 'session-id-unbound', false],
        [20, 'legacy-payload', true],
        [31, 'session-id-unbound', false],
        [44, 'legacy-payload', true],
      ]);
    },
    180_000,
  );
});
