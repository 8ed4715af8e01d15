// Files read as Windows-1252 (issue 17): noted as such, and changed only where a patch around the change is plain
// ASCII, so that the bytes written back and the dry-run patch both match the file's own encoding.

import { readFile } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { messageOf, severityOf } from '../../rules/findings.js';
import { EDIT_FINDINGS } from '../../engine/hosts/guard.js';
import { asWindows1252, legacyEditProblem, type TextEncoding } from './encoding.js';
import type { FileResult, TextOutcome } from '../../engine/process-text.js';

/**
 * A Windows-1252 file's outcome (issue 17): noted as such, and its changes kept only where the lines around them are
 * plain ASCII; otherwise its sites are left for a person.
 */
export function legacyOutcome(outcome: TextOutcome, text: string): TextOutcome {
  const { result } = outcome;
  if (result.findings.some((f) => f.id === 'legacy-encoding')) return outcome;
  const note = finding('legacy-encoding', {});
  if (outcome.output === undefined) return { ...outcome, result: { ...result, findings: [note, ...result.findings] } };
  const why = legacyEditProblem(text, result.edits);
  if (why === undefined) return { ...outcome, result: { ...result, findings: [note, ...result.findings] } };
  // As a template block whose edits are dropped (src/engine/hosts/guard.ts): the sites that would change need a person.
  const unsafe = finding('legacy-encoding-unsafe', { why });
  const changing = new Set(result.sites.filter((s) => s.status === 'migrated').map((s) => s.fingerprint));
  const findings = result.findings.filter((f) => !(EDIT_FINDINGS.has(f.id) && f.site !== undefined && changing.has(f.site)));
  const sites = result.sites.map((s) => (changing.has(s.fingerprint) ? { ...s, status: 'review' as const, reason: unsafe.message } : s));
  const { output: _dropped, ...rest } = outcome;
  return { ...rest, result: { ...result, status: 'unchanged', edits: [], migrated: {}, sites, findings: [note, unsafe, ...findings] } };
}

function finding(id: 'legacy-encoding' | 'legacy-encoding-unsafe', data: Record<string, string>): FileResult['findings'][number] {
  return { id, severity: severityOf(id), line: 1, column: 1, message: messageOf(id, data), data };
}

/** The encoding of a file the type-aware step read by itself: Windows-1252 when its bytes are not UTF-8. */
export async function legacyEncodingOf(abs: string): Promise<TextEncoding | undefined> {
  const bytes = await readFile(abs).catch(() => undefined);
  return bytes && !isUtf8(bytes) && asWindows1252(bytes) !== undefined ? 'windows-1252' : undefined;
}
