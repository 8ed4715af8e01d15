// Migrates one file's text: splits it into script units, runs the engine on each, maps offsets to host lines.

import { messageOf, severityOf, type FindingId, type Severity } from '../rules/findings.js';
import type { MethodType } from '../rules/methods.js';
import { migrateUnit, scriptUnits } from './hosts/units.js';
import type { Edit, EngineOptions, SiteDecision } from './types.js';
import { applyEdits } from '../rewrite/edits.js';
import { byPosition } from './positions.js';
import { OccurrenceCounter } from './fingerprint.js';
import { migratePhp } from './hosts/php-payloads.js';
import { LineIndex } from './lines.js';

export { parseTime } from './parse.js';

export interface FileFinding {
  readonly id: FindingId;
  readonly severity: Severity;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly data: Readonly<Record<string, string>>;
  /** Fingerprint of the call site the finding is about. */
  readonly site?: string;
}

/** A site as the file's report gives it: the engine's decision, at a line and column instead of an offset. */
export type FileSite = Pick<SiteDecision, 'kind' | 'status' | 'hybrid' | 'reason' | 'methods' | 'evidence' | 'serves' | 'builder'> & {
  /** Identity of the site within its file, made unique there, stable across line shifts and unrelated edits (issue 9). */
  readonly fingerprint: string;
  readonly line: number;
  readonly column: number;
};

export type FileStatus = 'changed' | 'unchanged' | 'skipped' | 'error';

export interface FileResult {
  /** Path as given to the run, with forward slashes. */
  readonly path: string;
  readonly status: FileStatus;
  /** Why a file was skipped (prefiltered, unsupported, binary…). */
  readonly reason?: string;
  readonly findings: readonly FileFinding[];
  readonly sites: readonly FileSite[];
  readonly edits: readonly Edit[];
  readonly migrated: Readonly<Partial<Record<MethodType, number>>>;
  /** Where `new DigitalRiver(…)` instances are created. */
  readonly instances: readonly { readonly line: number; readonly column: number }[];
  /** Lines of the payload arrays this PHP file builds for DigitalRiver.js (issue 13). */
  readonly serverPayloads?: readonly number[];
}

export type { ScriptUnit } from './hosts/units.js';

export interface TextOutcome {
  readonly result: FileResult;
  /** The new text, present only when the file changed. */
  readonly output?: string;
  /** The engine's decisions with host-file offsets: what the cross-module step reads (issue 5). */
  readonly decisions?: readonly SiteDecision[];
}

export function processText(path: string, text: string, options: EngineOptions): TextOutcome {
  const units = scriptUnits(path, text);
  const empty = { findings: [], sites: [], edits: [], migrated: {}, instances: [] };
  if (!units) return { result: { path, status: 'skipped', reason: 'not a supported file type', ...empty } };
  const lines = new LineIndex(text);
  const findings: FileFinding[] = [];
  const sites: FileSite[] = [];
  const edits: Edit[] = [];
  const migrated: Partial<Record<MethodType, number>> = {};
  const instances: { line: number; column: number }[] = [];
  const decisions: SiteDecision[] = [];
  let failed = false;
  const occurrences = new OccurrenceCounter();
  const fileOptions: EngineOptions = { ...options, file: path };
  for (const unit of units) {
    // Template blocks are masked, and their edits checked against the template tags (src/engine/hosts, issue 4).
    const outcome = migrateUnit(unit, fileOptions);
    if (outcome.kind === 'failed') {
      failed = true;
      const f = outcome.finding;
      findings.push({ id: f.id, severity: f.severity, message: f.message, data: f.data, ...lines.at(unit.start + f.offset) });
      continue;
    }
    const r = outcome.result;
    // Identical sites are numbered across the whole file, whatever unit they sit in.
    const fingerprints = r.sites.map((s) => occurrences.next(s.fingerprint));
    for (const f of r.findings) {
      const site = f.site !== undefined ? fingerprints[f.site] : undefined;
      findings.push({ id: f.id, severity: f.severity, message: f.message, data: f.data, ...lines.at(unit.start + f.offset), ...(site ? { site } : {}) });
    }
    r.sites.forEach((s, i) => {
      const { kind, status, hybrid, methods, evidence, reason, serves, builder } = s;
      const fingerprint = fingerprints[i] as string;
      const extra = { ...(reason ? { reason } : {}), ...(serves ? { serves } : {}), ...(builder ? { builder } : {}) };
      sites.push({ fingerprint, kind, status, hybrid, methods, evidence, ...extra, ...lines.at(unit.start + s.offset) });
    });
    for (const offset of r.instances) instances.push(lines.at(unit.start + offset));
    // Only whole script files go to the checker: a unit inside a template keeps its sites for review.
    if (unit.start === 0 && unit.text === text) decisions.push(...r.sites);
    for (const e of r.edits) edits.push({ start: unit.start + e.start, end: unit.start + e.end, text: e.text });
    for (const [m, n] of Object.entries(r.migrated)) migrated[m as MethodType] = (migrated[m as MethodType] ?? 0) + (n ?? 0);
  }
  // The PHP code of a PHP host, outside its script blocks (issue 13): an array whose edits would meet a script edit
  // is left alone, so the two passes never overlap.
  const php = migratePhp(path, text, options);
  const phpFinding = (id: FindingId, data: Readonly<Record<string, string>>, offset: number): FileFinding => ({
    id,
    severity: severityOf(id),
    message: messageOf(id, data),
    data,
    ...lines.at(offset),
  });
  const overlaps = php.edits.some((e) => edits.some((s) => e.start < s.end && s.start < e.end));
  if (overlaps) findings.push(phpFinding('internal-error', { why: 'PHP edits would overlap script edits' }, 0));
  else edits.push(...php.edits);
  for (const f of php.findings) findings.push(phpFinding(f.id, f.data, f.offset));
  for (const m of php.methods) migrated[m] = (migrated[m] ?? 0) + 1;
  const serverPayloads = php.payloads.map((o) => lines.at(o).line);
  // A file with one unit that failed and nothing else to change is an error; edits in other units still count.
  const output = edits.length > 0 ? applyEdits(text, edits) : text;
  const changed = output !== text;
  const status: FileStatus = failed && !changed ? 'error' : changed ? 'changed' : 'unchanged';
  const result: FileResult = { path, status, findings: byPosition(findings), sites, edits, migrated, instances, ...(serverPayloads.length > 0 ? { serverPayloads } : {}) };
  return changed ? { result, output, decisions } : { result, decisions };
}
