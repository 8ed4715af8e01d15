// The dirty-tree guard on awkward repositories (issue 8): file names that look like globs, and more files than one
// git command line can carry. Real git repositories in temp folders.

import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DirtyTreeError, migrate } from '../../src/run/migrate.js';
import { legacy, migrated, put, tempDir } from './helpers.js';

function repo(files: Record<string, string>): string {
  const dir = tempDir();
  for (const [p, text] of Object.entries(files)) put(dir, p, text);
  const git = (...args: string[]): void => void execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'init');
  return dir;
}

describe('the dirty-tree guard', () => {
  it('reads a Next.js route name such as [id] literally, not as a glob matching another file', async () => {
    const dir = repo({ 'app/[id]/page.js': legacy(), 'app/i/page.js': 'export default 1;\n' });
    appendFileSync(join(dir, 'app/i/page.js'), '// work in progress\n');
    const r = await migrate({ cwd: dir, mode: 'write', paths: ['app/[id]/page.js'] });
    expect(r.summary.written).toBe(1);
    expect(readFileSync(join(dir, 'app/[id]/page.js'), 'utf8')).toBe(migrated(legacy()));
  });

  it('still sees an uncommitted change in such a file', async () => {
    const dir = repo({ 'app/[id]/page.js': legacy() });
    appendFileSync(join(dir, 'app/[id]/page.js'), '// work in progress\n');
    await expect(migrate({ cwd: dir, mode: 'write' })).rejects.toThrow(DirtyTreeError);
  });

  it('checks every file of a large migration, which goes to git in batches', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 1200; i++) files[`src/f${String(i).padStart(4, '0')}.js`] = legacy(`f${i}`);
    const dir = repo(files);
    appendFileSync(join(dir, 'src/f1199.js'), '// work in progress\n');
    const error = await migrate({ cwd: dir, mode: 'write' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DirtyTreeError);
    expect((error as DirtyTreeError).files).toEqual(['src/f1199.js']);
    expect(readFileSync(join(dir, 'src/f0000.js'), 'utf8')).toBe(legacy('f0'));
  });
});
