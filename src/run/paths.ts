// Paths as reports and patches show them: forward slashes, and whether one lies inside another.

import { isAbsolute, relative, sep } from 'node:path';

export function toPosix(p: string): string {
  return sep === '/' ? p : p.split('\\').join('/');
}

export function isInside(root: string, p: string): boolean {
  const r = relative(root, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}
