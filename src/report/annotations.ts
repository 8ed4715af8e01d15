// One flat, sorted list of what a run wants a person to look at; the github and sarif formats are drawn from it.

import type { FindingId } from '../findings.js';
import type { FileFinding } from '../run/process-text.js';
import { writes, type RunResult } from '../run/result.js';

export type Level = 'error' | 'warning' | 'note';

export interface Annotation {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly level: Level;
  readonly ruleId: FindingId | 'legacy-payload';
  readonly message: string;
}

/**
 * Errors and review findings are errors; warnings stay warnings; a migration still pending (dry-run, check) is an
 * error under the rule `legacy-payload`, since it is legacy code that remains; other evidence is a note.
 */
export function annotations(result: RunResult, includeNotes = false): Annotation[] {
  const out: Annotation[] = [];
  for (const file of result.files) {
    for (const f of file.findings) {
      const a = annotationOf(f, writes(result));
      if (a.level === 'note' && !includeNotes) continue;
      out.push({ path: file.path, line: f.line, column: f.column, ...a });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column));
}

/** One finding as an annotation reads it; `written`: whether the run wrote its migrations (the ESLint rule never does). */
export function annotationOf(f: FileFinding, written: boolean): Pick<Annotation, 'level' | 'ruleId' | 'message'> {
  if (f.id === 'migrated' && !written) {
    return { level: 'error', ruleId: 'legacy-payload', message: `Legacy createSource payload: ${f.message.replace(/^Migrated/, 'dr-migrate would migrate this')}` };
  }
  const level: Level = f.severity === 'error' || f.severity === 'review' ? 'error' : f.severity === 'warning' ? 'warning' : 'note';
  return { level, ruleId: f.id, message: f.message };
}
