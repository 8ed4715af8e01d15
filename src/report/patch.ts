// Unified diffs in the form `git apply` accepts: `diff --git a/… b/…` headers, paths from the repository root.

import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

export function gitPatch(path: string, before: string, after: string): string {
  const body = createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
  return `diff --git a/${path} b/${path}\n${body.replace(/^(---|\+\+\+) ([^\t\n]*)\t\n/gm, '$1 $2\n')}`;
}
