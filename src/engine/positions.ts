// The order findings are listed in: reading order within a file (issue 17).

/**
 * A file's findings in reading order, line then column, wherever they came from (script units, PHP, the type-aware
 * step, write failures): the order the human report, --explain and `files[].findings` in JSON list them (issue 17).
 * The sort is stable, so findings at one position keep the order they were raised in.
 */
export function byPosition<T extends { readonly line: number; readonly column: number }>(findings: readonly T[]): T[] {
  return [...findings].sort((a, b) => a.line - b.line || a.column - b.column);
}
