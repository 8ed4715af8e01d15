// One flat, sorted list of what CI should show a person; the github and sarif formats are drawn from it.

import { LEGACY_PAYLOAD, type FindingId } from '../findings.js';
import type { RunResult } from '../run/result.js';

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
      // A payload this run does not write (issue 17: its finding has severity legacy).
      const pending = f.severity === 'legacy';
      if (f.severity === 'info' && !pending) continue;
      out.push({
        path: file.repoPath ?? file.path,
        line: f.line,
        column: f.column,
        level: pending || f.severity === 'error' || f.severity === 'review' ? 'error' : 'warning',
        ruleId: pending ? 'legacy-payload' : f.id,
        message: pending ? LEGACY_PAYLOAD.message(f.data) : f.message,
        ...(f.site !== undefined ? { site: f.site } : {}),
      });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column));
}
