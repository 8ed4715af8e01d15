// Discovery on real trees in temp folders: extensions, default and user ignores, nested .gitignore files, git roots.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXTENSIONS, discoverFiles, type DiscoverOptions } from '../src/run/collect/discover.js';
import { UsageError } from '../src/options.js';

const work = mkdtempSync(join(tmpdir(), 'dr-migrate-discover-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let trees = 0;
/** A fresh folder holding `files` (path → content; a path ending in `/` is an empty folder). */
function tree(files: Record<string, string>): string {
  const root = join(work, `t${trees++}`);
  for (const [path, text] of Object.entries(files)) {
    if (path.endsWith('/')) mkdirSync(join(root, path), { recursive: true });
    else {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  }
  mkdirSync(root, { recursive: true });
  return root;
}

function list(cwd: string, options: Partial<DiscoverOptions> = {}): string[] {
  return [...discoverFiles({ cwd, paths: ['.'], extensions: DEFAULT_EXTENSIONS, ignore: [], gitignore: true, ...options })].sort();
}

describe('discoverFiles', () => {
  it('finds script files by extension and skips what is never worth scanning', () => {
    const root = tree({
      'a.js': '',
      'b.ts': '',
      'c.tsx': '',
      'd.mjs': '',
      'e.cjs': '',
      'f.jsx': '',
      'g.mts': '',
      'h.cts': '',
      'notes.md': '',
      'style.css': '',
      'Makefile': '',
      'old.es6': '',
      'lib/app.min.js': '',
      'lib/app-min.js': '',
      'lib/app.bundle.js': '',
      'lib/vendor.min.mjs': '',
      'lib/DigitalRiver.js': '',
      'lib/digitalriver.min.js': '',
      'lib/real.js': '',
      'node_modules/pkg/index.js': '',
      'web/node_modules/pkg/index.js': '',
      'dist/out.js': '',
      'build/out.js': '',
      'out/x.js': '',
      'coverage/x.js': '',
      'vendor/x.js': '',
      'bower_components/x.js': '',
      '.next/x.js': '',
      '.hidden/x.js': '',
      'src/.eslintrc.js': '',
      'src/deep/er/file.ts': '',
    });
    expect(list(root)).toEqual(['a.js', 'b.ts', 'c.tsx', 'd.mjs', 'e.cjs', 'f.jsx', 'g.mts', 'h.cts', 'lib/real.js', 'src/deep/er/file.ts']);
  });

  it('visits a tree in a fixed order: a folder\'s files by name, then its folders by name, depth first', () => {
    const root = tree({ 'b.js': '', 'a.js': '', 'z/1.js': '', 'm/2.js': '', 'm/k/3.js': '', 'm/a.js': '', 'c.ts': '' });
    const order = [...discoverFiles({ cwd: root, paths: ['.'], extensions: DEFAULT_EXTENSIONS, ignore: [], gitignore: true })];
    expect(order).toEqual(['a.js', 'b.js', 'c.ts', 'm/2.js', 'm/a.js', 'm/k/3.js', 'z/1.js']);
  });

  it('takes only the extensions asked for', () => {
    const root = tree({ 'a.js': '', 'b.ts': '', 'c.es6': '' });
    expect(list(root, { extensions: ['ts', 'es6'] })).toEqual(['b.ts', 'c.es6']);
  });

  it('follows .gitignore files as git does: nested ones, negations, directory patterns', () => {
    const root = tree({
      '.gitignore': 'generated/\n*.gen.js\n/top-only.js\n',
      'generated/a.js': '',
      'src/generated/b.js': '',
      'src/x.gen.js': '',
      'top-only.js': '',
      'src/top-only.js': '',
      'src/keep.js': '',
      'pkg/.gitignore': '!y.gen.js\nlocal.js\n',
      'pkg/y.gen.js': '',
      'pkg/z.gen.js': '',
      'pkg/local.js': '',
      'local.js': '',
    });
    expect(list(root)).toEqual(['local.js', 'pkg/y.gen.js', 'src/keep.js', 'src/top-only.js']);
    expect(list(root, { gitignore: false })).toHaveLength(10);
  });

  it('applies .gitignore files above a named directory, up to the repository root', () => {
    const root = tree({ '.gitignore': 'legacy/\n', 'app/legacy/a.js': '', 'app/new/b.js': '' });
    execFileSync('git', ['init', '-q'], { cwd: root });
    // Run from inside the named directory's parent, and from the directory itself.
    expect(list(join(root, 'app'))).toEqual(['new/b.js']);
    expect(list(root, { paths: ['app'] })).toEqual(['app/new/b.js']);
  });

  it('skips files matching --ignore globs, relative to the working directory', () => {
    const root = tree({ 'src/a.js': '', 'src/a.test.js': '', 'src/legacy/b.js': '', 'src/c.spec.ts': '', 'test/d.js': '' });
    expect(list(root, { ignore: ['**/legacy/**', '**/*.{test,spec}.*'] })).toEqual(['src/a.js', 'test/d.js']);
    expect(list(root, { ignore: ['src/**'] })).toEqual(['test/d.js']);
    expect(list(root, { ignore: ['test'] })).toEqual(['src/a.js', 'src/a.test.js', 'src/c.spec.ts', 'src/legacy/b.js']);
    expect(list(root, { paths: ['src/legacy'], ignore: ['**/legacy/**'] })).toEqual([]);
  });

  it('reads --ignore patterns as .gitignore rules: folders, bare names and anchored names, at any depth unless anchored', () => {
    const root = tree({ 'a/marketing/x.js': '', 'marketing/y.js': '', 'b/donate.js': '', 'donate.js': '', 'web/z.js': '', 'a/web/w.js': '' });
    expect(list(root, { ignore: ['marketing/', 'donate.js', '/web'] })).toEqual(['a/web/w.js']);
    expect(list(root, { paths: ['a/marketing'], ignore: ['marketing/'] })).toEqual([]);
    expect(list(root, { ignore: ['*.js', '!a/web/w.js'] })).toEqual(['a/web/w.js']);
  });

  it('reads each further list relative to its own folder, and says which patterns matched nothing', () => {
    const root = tree({ 'shop/web/a.js': '', 'web/b.js': '', 'shop/c.js': '' });
    let unmatched: readonly unknown[] = [];
    const found = list(join(root, 'shop'), {
      ignoreLists: [{ base: root, patterns: ['/web', 'gone/'], source: 'cfg' }],
      ignore: ['c.js', 'none.js'],
      onUnmatchedIgnores: (u) => (unmatched = u),
    });
    expect(found).toEqual(['web/a.js']);
    expect(unmatched).toEqual([
      { source: 'cfg', pattern: '/web' },
      { source: 'cfg', pattern: 'gone/' },
      { source: '--ignore', pattern: 'none.js' },
    ]);
  });

  it('always takes files named explicitly, once, and searches a directory named inside an ignored one', () => {
    const root = tree({ 'node_modules/pkg/index.js': '', 'node_modules/pkg/lib/x.js': '', 'src/a.js': '', 'notes.md': '' });
    expect(list(root, { paths: ['node_modules/pkg/index.js', '.', 'src', 'notes.md'] })).toEqual(['node_modules/pkg/index.js', 'notes.md', 'src/a.js']);
    expect(list(root, { paths: ['node_modules/pkg'] })).toEqual(['node_modules/pkg/index.js', 'node_modules/pkg/lib/x.js']);
  });

  it('does not follow symbolic links', () => {
    const root = tree({ 'src/a.js': '', 'elsewhere/b.js': '' });
    symlinkSync(join(root, 'elsewhere'), join(root, 'src', 'linked'));
    symlinkSync(join(root, 'elsewhere', 'b.js'), join(root, 'src', 'c.js'));
    expect(list(root, { paths: ['src'] })).toEqual(['src/a.js']);
  });

  it('rejects a path that does not exist', () => {
    const root = tree({ 'a.js': '' });
    expect(() => list(root, { paths: ['missing'] })).toThrow(UsageError);
  });
});
