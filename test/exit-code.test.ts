// The exit-code rule as a pure function of the result (issue 16): every case the command can end in, one row each.

import { describe, expect, it } from 'vitest';
import type { FindingId, Severity } from '../src/rules/findings.js';
import { exitCodeOf, type BaselineSummary, type FileReport, type Mode, type RunResult } from '../src/run/result.js';

const finding = (severity: Severity, id: FindingId = 'payload-unresolved'): FileReport['findings'][number] => ({ id, severity, line: 1, column: 1, message: '', data: {} });

function file(status: FileReport['status'], ...severities: Severity[]): FileReport {
  return { path: 'a.js', status, findings: severities.map((s) => finding(s)), sites: [], edits: [], migrated: {}, instances: [] };
}

function result(mode: Mode, files: FileReport[], extra: { analysis?: RunResult['analysis']; baseline?: BaselineSummary; declined?: number } = {}): Omit<RunResult, 'exitCode'> {
  const findings = { error: 0, review: 0, legacy: 0, warning: 0, info: 0 };
  for (const f of files) for (const x of f.findings) findings[x.severity]++;
  return {
    tool: 'dr-migrate',
    version: '0.0.0',
    mode,
    cwd: '/',
    summary: { scanned: files.length, changed: 0, unchanged: 0, skipped: 0, errored: 0, written: 0, payloads: {}, findings, ...(extra.declined ? { declined: extra.declined } : {}) },
    files,
    notices: [],
    analysis: extra.analysis ?? { programBuilt: false },
    ...(extra.baseline ? { baseline: extra.baseline } : {}),
  };
}

const baseline = (action: 'check' | 'write', fresh: number): BaselineSummary => ({ file: 'b.json', action, total: 3, known: 3 - fresh, new: fresh, fixed: [], kept: 0 });

describe('exitCodeOf', () => {
  it.each<[string, Omit<RunResult, 'exitCode'>, 0 | 1 | 2]>([
    ['check, nothing left', result('check', [file('unchanged', 'info', 'warning')]), 0],
    ['check, legacy left', result('check', [file('unchanged', 'legacy')]), 1],
    ['check, a file that would change', result('check', [file('changed')]), 1],
    ['check, review', result('check', [file('unchanged', 'review')]), 1],
    ['check, a file that could not be read', result('check', [file('error')]), 2],
    ['check, an error finding', result('check', [file('unchanged', 'error')]), 2],
    ['dry run, changes and review: the patch is the answer', result('dry-run', [file('changed', 'legacy', 'review')]), 0],
    ['dry run, a failure', result('dry-run', [file('error')]), 2],
    ['write, all written', result('write', [file('changed')]), 0],
    ['write, legacy not on disk is not a failure of write mode', result('write', [file('changed', 'legacy')]), 0],
    ['write, review', result('write', [file('changed', 'review')]), 1],
    ['write, changes declined in the review', result('write', [file('unchanged', 'legacy')], { declined: 1 }), 1],
    ['write, refused by --verify', result('write', [file('changed')], { analysis: { programBuilt: true, refused: true } }), 2],
    ['check, --verify could not run', result('check', [file('unchanged')], { analysis: { programBuilt: false, verifyFailed: true } }), 2],
    ['check against a baseline, nothing new', result('check', [file('changed')], { baseline: baseline('check', 0) }), 0],
    ['check against a baseline, a new site', result('check', [file('changed', 'legacy')], { baseline: baseline('check', 1) }), 1],
    ['check against a baseline, review left', result('check', [file('unchanged', 'review')], { baseline: baseline('check', 0) }), 1],
    ['check against a baseline, --verify could not run', result('check', [file('unchanged')], { analysis: { programBuilt: false, verifyFailed: true }, baseline: baseline('check', 0) }), 2],
    ['check against a baseline, an unreadable file', result('check', [file('error')], { baseline: baseline('check', 0) }), 2],
    ['writing a baseline accepts the sites', result('check', [file('changed', 'legacy', 'review')], { baseline: baseline('write', 0) }), 0],
    ['writing a baseline does not accept failures', result('check', [file('error')], { baseline: baseline('write', 0) }), 2],
  ])('%s', (_name, run, code) => {
    expect(exitCodeOf(run)).toBe(code);
  });
});
