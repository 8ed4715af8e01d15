// The report a person reads: diffs on stdout (dry-run), findings per file and a summary on stderr.

import { Chalk, type ChalkInstance } from 'chalk';
import type { Severity } from '../findings.js';
import { writes, type FileReport, type RunResult } from '../run/result.js';

export interface HumanOptions {
  readonly color: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
}

export interface Printed {
  readonly stdout: string;
  readonly stderr: string;
}

export function formatHuman(result: RunResult, options: HumanOptions): Printed {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const stdout = result.mode === 'dry-run' ? result.files.map((f) => (f.diff ? colorDiff(f.diff, c) : '')).join('') : '';
  const lines: string[] = [];
  for (const file of result.files) lines.push(...fileLines(file, result, options, c));
  if (!options.quiet) for (const n of result.notices) lines.push(c.yellow(`note: ${n}`));
  if (!options.quiet || result.exitCode !== 0) lines.push(...summaryLines(result, c));
  return { stdout, stderr: lines.length > 0 ? `${lines.join('\n')}\n` : '' };
}

function shown(severity: Severity, id: string, result: RunResult, options: HumanOptions): boolean {
  if (severity === 'error' || severity === 'review') return true;
  if (options.quiet) return false;
  if (severity === 'warning') return true;
  if (id === 'migrated') return true;
  return options.verbose;
}

const LABEL: Record<Severity, (c: ChalkInstance, s: string) => string> = {
  error: (c, s) => c.red.bold(s),
  review: (c, s) => c.red(s),
  warning: (c, s) => c.yellow(s),
  info: (c, s) => c.dim(s),
};

function fileLines(file: FileReport, result: RunResult, options: HumanOptions, c: ChalkInstance): string[] {
  const rows = file.findings
    .filter((f) => shown(f.severity, f.id, result, options))
    .map((f) => {
      // A change not written (refused by --verify, skipped in --interactive review, or failed) is legacy code that remains.
      const pending = !writes(result) || file.written === false;
      const label = f.id === 'migrated' && pending ? 'legacy' : f.id === 'migrated' ? 'migrated' : f.severity;
      const message = f.id === 'migrated' && pending ? f.message.replace(/^Migrated/, 'Would migrate') : f.message;
      return `${c.bold(`${file.path}:${f.line}:${f.column}`)}  ${LABEL[f.severity](c, label)}  ${message}  ${c.dim(f.id)}`;
    });
  if (file.status === 'skipped' && options.verbose) rows.push(`${c.bold(file.path)}  ${c.dim(`skipped: ${file.reason ?? ''}`)}`);
  if (options.verbose) {
    for (const s of file.sites) rows.push(`${c.bold(`${file.path}:${s.line}:${s.column}`)}  ${c.dim(`call ${s.status}: ${s.evidence}`)}`);
  }
  return rows;
}

function summaryLines(result: RunResult, c: ChalkInstance): string[] {
  const s = result.summary;
  const verb = writes(result) ? 'changed' : 'would change';
  const head = `dr-migrate${result.mode === 'write' ? '' : ` (${result.mode})`}: ${s.scanned} file(s) scanned, ${s.changed} ${verb}, ${s.unchanged} unchanged, ${s.skipped} skipped, ${s.errored} errored`;
  // A dry run exits 0 with work still pending: its mark still says so.
  const pending = result.mode === 'dry-run' && (s.changed > 0 || s.findings.review > 0);
  const mark = result.exitCode === 2 ? c.red('✖') : result.exitCode === 1 || pending ? c.yellow('!') : c.green('✔');
  const out = [`${mark} ${head}.`];
  const payloads = Object.entries(s.payloads).map(([m, n]) => `${m} ${n}`);
  if (payloads.length > 0) out.push(`  payloads ${writes(result) ? 'migrated' : 'to migrate'}: ${payloads.join(', ')}`);
  const f = s.findings;
  const counts = [
    f.error > 0 ? `${f.error} error(s)` : '',
    f.review > 0 ? `${f.review} to review` : '',
    f.warning > 0 ? `${f.warning} warning(s)` : '',
  ].filter((x) => x !== '');
  if (counts.length > 0) out.push(`  findings: ${counts.join(', ')}`);
  if (result.mode === 'write' && s.written > 0) out.push(`  ${s.written} file(s) written`);
  const unbound = unboundHint(result);
  if (unbound) out.push(c.yellow(`  hint: ${unbound}`));
  return out;
}

/**
 * What to do about sessionId values that name nothing (issue 17): the page would throw, so the run fails until the
 * name is defined or another expression is chosen. After a write the ids are in the code: a rerun with another
 * --session-id would not replace them, so the hint says to undo first. A value an earlier run left in the code
 * (`inCode`, reported by --check) is not replaced by any flag either, and a check with another --session-id would
 * merely stop recognising it: the hint says to edit it, never to pass a flag for it.
 */
function unboundHint(result: RunResult): string | undefined {
  const roots = new Set<string>();
  let inserted = 0;
  let inCode = 0;
  for (const f of result.files) {
    for (const x of f.findings) {
      if (x.id !== 'session-id-unbound') continue;
      if (x.data.inCode) inCode++;
      else inserted++;
      roots.add(x.data.root ?? '?');
    }
  }
  if (inserted + inCode === 0) return undefined;
  const names = [...roots].map((r) => `"${r}"`).join(', ');
  const what = `${inserted + inCode} sessionId value(s) read ${names}, not defined where they are read`;
  const expr = "--session-id '<the expression that holds the checkout's payment.session.id>'";
  const fixes = ['define it on those pages'];
  if (inserted > 0) fixes.push(writes(result) && result.summary.written > 0 ? `undo this run (dr-migrate undo) and run again with ${expr}` : `run with ${expr}`);
  if (inCode > 0) {
    fixes.push("replace the value(s) already in the code with the expression that holds the checkout's payment.session.id (dr-migrate undo reverts the run that inserted them)");
  }
  return `${what}: ${fixes.join(', or ')}.`;
}

/** A diff as shown on a terminal: colour only when asked for. */
export function paintDiff(diff: string, color: boolean): string {
  return colorDiff(diff, new Chalk({ level: color ? 1 : 0 }));
}

function colorDiff(diff: string, c: ChalkInstance): string {
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('diff --git') || line.startsWith('---') || line.startsWith('+++')) return c.bold(line);
      if (line.startsWith('@@')) return c.cyan(line);
      if (line.startsWith('+')) return c.green(line);
      if (line.startsWith('-')) return c.red(line);
      return line;
    })
    .join('\n');
}
