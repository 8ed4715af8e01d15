// What `--check --staged` checks: the staged (index) copy of each file, not the work tree's, so a pre-commit hook
// judges exactly what the commit will hold (issue 9). Read from git in one `cat-file --batch`.

import { spawn } from 'node:child_process';
import { git, type ScopeFiles } from './git-scope.js';

/** Paths per `git ls-files` call, under the system's argument-size limit. */
const BATCH = 500;

/** Index modes of files with contents (not links, not submodules). */
const REGULAR = /^100(?:644|755)$/;

/**
 * The staged contents of the scope's files, keyed by their path relative to `cwd` (as discovery yields them). Paths
 * that are not regular files in the index (links, submodules, deleted) are left out.
 */
export async function stagedContents(scope: ScopeFiles): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const byRootPath = new Map([...scope.paths].map(([fromCwd, fromRoot]) => [fromRoot, fromCwd]));
  const objects: { readonly path: string; readonly id: string }[] = [];
  const list = [...byRootPath.keys()];
  for (let i = 0; i < list.length; i += BATCH) {
    const stdout = await git(scope.root, ['--literal-pathspecs', 'ls-files', '--stage', '-z', '--', ...list.slice(i, i + BATCH)]);
    for (const entry of stdout.split('\0')) {
      // "<mode> <object> <stage>\t<path>"
      const m = /^(\d+) ([0-9a-f]+) 0\t(.*)$/s.exec(entry);
      const path = m ? byRootPath.get(m[3] as string) : undefined;
      if (m && path !== undefined && REGULAR.test(m[1] as string)) objects.push({ path, id: m[2] as string });
    }
  }
  if (objects.length === 0) return out;
  const blobs = await catFile(scope.root, objects.map((o) => o.id));
  objects.forEach((o, i) => out.set(o.path, blobs[i] as Buffer));
  return out;
}

/** The contents of git objects, in the order asked, through one `git cat-file --batch`. */
function catFile(root: string, ids: readonly string[]): Promise<Buffer[]> {
  return new Promise((done, fail) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) return fail(new Error(`git cat-file failed: ${stderr.trim()}`));
      const all = Buffer.concat(chunks);
      const blobs: Buffer[] = [];
      let at = 0;
      for (const id of ids) {
        // "<object> <type> <size>\n<contents>\n"
        const eol = all.indexOf(10, at);
        const header = all.subarray(at, eol).toString('latin1').split(' ');
        if (header[0] !== id || header[1] !== 'blob') return fail(new Error(`git cat-file: unexpected answer for ${id}`));
        const size = Number(header[2]);
        blobs.push(all.subarray(eol + 1, eol + 1 + size));
        at = eol + 1 + size + 1;
      }
      done(blobs);
    });
    child.stdin.end(`${ids.join('\n')}\n`);
  });
}
