// The fixture cases under fixtures/<folder>/: every `<case>.input.<ext>` with its output and sidecars.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES_ROOT = join(import.meta.dirname, '..', 'fixtures');
const CASE = /^(.+)\.input\.([A-Za-z0-9]+)$/;

export interface FixtureCase {
  readonly folder: string;
  readonly name: string;
  readonly ext: string;
}

/** Every case outside projects/ and trees/ (whole projects, with tests of their own), sorted by file name per folder. */
export function fixtureCases(): FixtureCase[] {
  const out: FixtureCase[] = [];
  for (const folder of readdirSync(FIXTURES_ROOT, { withFileTypes: true })) {
    if (!folder.isDirectory() || folder.name === 'projects' || folder.name === 'trees') continue;
    for (const file of readdirSync(join(FIXTURES_ROOT, folder.name)).sort()) {
      const m = CASE.exec(file);
      if (m) out.push({ folder: folder.name, name: m[1] as string, ext: m[2] as string });
    }
  }
  return out;
}

/** `<case>.<kind>.<ext>` (kind: input, output, options, findings), undefined when the case has none. */
export function readCase(c: FixtureCase, kind: string, ext = c.ext): string | undefined {
  const p = join(FIXTURES_ROOT, c.folder, `${c.name}.${kind}.${ext}`);
  return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
}
