// Report entries for files the engine never got to (prefiltered, skipped, unreadable, failed), and which results are
// worth keeping.

import { messageOf, severityOf } from '../rules/findings.js';
import { PREFILTER_WORDS } from '../engine/prefilter.js';
import type { FileResult } from '../engine/process-text.js';

/** Why a file was not parsed, for --explain (issue 9). */
export const PREFILTERED = `prefiltered out: none of ${PREFILTER_WORDS.join(', ')} appears in it as a whole word, so it was not parsed`;

/** Files worth a place in the result: anything but an unchanged file without findings or call sites. */
export function isInteresting(r: FileResult): boolean {
  return r.status !== 'unchanged' || r.findings.length > 0 || r.sites.length > 0;
}

export function emptyReport(path: string, status: 'skipped' | 'unchanged', reason: string): FileResult {
  return { path, status, reason, findings: [], sites: [], edits: [], migrated: {}, instances: [] };
}

/** A file that could not be read as text: listed with its reason; one that mentions a call needs a person (issue 17). */
export function skippedReport(path: string, reason: string, mentions: boolean): FileResult {
  const report = emptyReport(path, 'skipped', reason);
  if (!mentions) return report;
  const data = { why: reason };
  const id = 'skipped-with-calls';
  return { ...report, findings: [{ id, severity: severityOf(id), line: 1, column: 1, message: messageOf(id, data), data }] };
}

/**
 * A file whose change this run does not write (--check, --dry-run, or a write that did not apply it): its `migrated`
 * findings are payloads still to migrate, severity `legacy`, worded "Would migrate" (issue 17).
 */
export function asPending<T extends FileResult>(report: T): T {
  if (!report.findings.some((f) => f.id === 'migrated')) return report;
  const findings = report.findings.map((f) => {
    if (f.id !== 'migrated') return f;
    const data = { ...f.data, pending: 'yes' };
    return { ...f, severity: 'legacy' as const, data, message: messageOf(f.id, data) };
  });
  return { ...report, findings };
}

export type FailureId = 'file-error' | 'internal-error' | 'folder-error';

export function fileError(why: string, id: FailureId = 'file-error'): FileResult['findings'][number] {
  const data = { why };
  return { id, severity: severityOf(id), line: 1, column: 1, message: messageOf(id, data), data };
}

export function failedReport(path: string, id: FailureId, why: string): FileResult {
  return { path, status: 'error', findings: [fileError(why, id)], sites: [], edits: [], migrated: {}, instances: [] };
}
