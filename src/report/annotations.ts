// One flat, sorted list of what CI should show a person; the github and sarif formats, and the ESLint rule's
// problems, are drawn from it.

import { LEGACY_PAYLOAD, type FindingId } from '../rules/findings.js';
import type { FileFinding } from '../engine/process-text.js';
import { writes, type RunResult } from '../run/result.js';

export type Level = 'error' | 'warning';

export interface Annotation {
  /** From the repository root, as CI expects it (the working directory outside a repository). */
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly level: Level;
  readonly ruleId: FindingId | 'legacy-payload';
  readonly message: string;
  /** Fingerprint of the call site the finding is about, stable across line shifts. */
  readonly site?: string;
}

/**
 * Errors and review findings are errors; warnings stay warnings; a migration still pending (dry-run, check) is an
 * error under the rule `legacy-payload`, since it is legacy code that remains. Info findings are not annotations
 * (issue 17): they are evidence and decisions (`not-digitalriver`, a migration already written, a kept filter), with
 * nothing to fix, and as code-scanning alerts each would have to be dismissed by hand. `--verbose` and
 * `--format json` show them.
 */
export function annotations(result: RunResult): Annotation[] {
  const out: Annotation[] = [];
  for (const file of result.files) {
    for (const f of file.findings) {
      const a = annotationOf(f, writes(result));
      if (!a) continue;
      out.push({ path: file.repoPath ?? file.path, line: f.line, column: f.column, ...a, ...(f.site !== undefined ? { site: f.site } : {}) });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column));
}

/**
 * One finding as an annotation reads it, or undefined for an info finding; `written`: whether the run wrote its
 * migrations (the ESLint rule never does, and reads the engine's findings before any run marks them legacy).
 */
export function annotationOf(f: FileFinding, written: boolean): Pick<Annotation, 'level' | 'ruleId' | 'message'> | undefined {
  // A payload this run does not write (issue 17: its finding has severity legacy), worded from the finding's data.
  if (f.severity === 'legacy' || (f.id === 'migrated' && !written)) return { level: 'error', ruleId: 'legacy-payload', message: LEGACY_PAYLOAD.message(f.data) };
  if (f.severity === 'info') return undefined;
  return { level: f.severity === 'warning' ? 'warning' : 'error', ruleId: f.id, message: f.message };
}
