// The report a person reads: diffs on stdout (dry-run), findings per file and a summary on stderr.

import { Chalk, type ChalkInstance } from 'chalk';
import { migratedSubject, type Severity } from '../rules/findings.js';
import { writes, type FileReport, type RunResult } from '../run/result.js';
import { count, noun } from './plural.js';

export interface HumanOptions {
  readonly color: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  /** How the user runs the tool, for hints: `npx dr-migrate` when run through npx. */
  readonly command?: string;
  /** How long the run took, for the summary line (kept out of the result, which stays the same from run to run). */
  readonly elapsedMs?: number;
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
  if (!options.quiet || result.exitCode !== 0) lines.push(...summaryLines(result, c, options));
  return { stdout, stderr: lines.length > 0 ? `${lines.join('\n')}\n` : '' };
}

function shown(severity: Severity, id: string, result: RunResult, options: HumanOptions): boolean {
  if (severity === 'error' || severity === 'review') return true;
  // What fails the check is never hidden, not even by --quiet (eslint's --quiet keeps errors; issue 17).
  if (severity === 'legacy') return result.mode === 'check' || !options.quiet;
  if (options.quiet) return false;
  if (severity === 'warning') return true;
  if (id === 'migrated') return true;
  return options.verbose;
}

/**
 * One status word per finding, coloured by what it means for the run: red for what fails it (errors, review items,
 * and legacy payloads under --check), yellow for what does not (warnings, legacy payloads in a preview), green for
 * what was migrated, dim for evidence (issue 17).
 */
function statusWord(severity: Severity, id: string, result: RunResult, c: ChalkInstance): string {
  switch (severity) {
    case 'error':
      return c.red.bold('error');
    case 'review':
      return c.red('review');
    case 'legacy':
      return result.mode === 'check' ? c.red('legacy') : c.yellow('legacy');
    case 'warning':
      return c.yellow('warning');
    case 'info':
      return id === 'migrated' ? c.green('migrated') : c.dim('info');
  }
}

/** One row of a file's block: where, the status word (raw for the alignment, painted for the terminal), the rest. */
interface Row {
  readonly at: string;
  readonly word: string;
  readonly painted: string;
  readonly text: string;
}

/**
 * A file's findings grouped under its path, as eslint's stylish reporter does (issue 17): the path on a line of its
 * own, then one indented `line:column  status  message  id` row per finding, the columns aligned; a blank line after.
 */
function fileLines(file: FileReport, result: RunResult, options: HumanOptions, c: ChalkInstance): string[] {
  const rows: Row[] = file.findings
    .filter((f) => shown(f.severity, f.id, result, options))
    .map((f) => {
      const word = f.id === 'migrated' && f.severity === 'info' ? 'migrated' : f.severity;
      const painted = statusWord(f.severity, f.id, result, c);
      // A payload written in this run: the status word says it all ("migrated  Migrated … migrated" said it thrice).
      const text = f.id === 'migrated' && f.severity === 'info' ? migratedSubject(f.data) : `${f.message}  ${c.dim(f.id)}`;
      return { at: `${f.line}:${f.column}`, word, painted, text };
    });
  const evidence = options.verbose ? file.sites.map((s) => ({ at: `${s.line}:${s.column}`, text: c.dim(`call ${s.status}: ${s.evidence}`) })) : [];
  // Every skipped file is named with its reason (issue 17); one that mentions a call already says so in its finding.
  const skipped = file.status === 'skipped' && !options.quiet && file.findings.length === 0;
  if (rows.length === 0 && evidence.length === 0 && !skipped) return [];
  const atWidth = Math.max(0, ...rows.map((r) => r.at.length), ...evidence.map((e) => e.at.length));
  const wordWidth = Math.max(0, ...rows.map((r) => r.word.length));
  const lines = [c.bold(file.path)];
  for (const r of rows) lines.push(`  ${r.at.padEnd(atWidth)}  ${r.painted}${' '.repeat(wordWidth - r.word.length)}  ${r.text}`);
  if (skipped) lines.push(`  ${c.dim(`skipped: ${file.reason ?? ''}`)}`);
  for (const e of evidence) lines.push(`  ${e.at.padEnd(atWidth)}  ${e.text}`);
  lines.push('');
  return lines;
}

function summaryLines(result: RunResult, c: ChalkInstance, options: HumanOptions): string[] {
  const command = options.command ?? 'dr-migrate';
  const elapsed = options.elapsedMs;
  const s = result.summary;
  const verb = writes(result) ? 'changed' : 'would change';
  const head = `dr-migrate${result.mode === 'write' ? '' : ` (${result.mode})`}: ${count(s.scanned, 'file')} scanned, ${s.changed} ${verb}, ${s.unchanged} unchanged, ${s.skipped} skipped, ${s.errored} errored`;
  // A dry run exits 0 with work still pending: its mark still says so.
  const pending = result.mode === 'dry-run' && (s.changed > 0 || s.findings.review > 0);
  // A failing run's mark is red; a preview with work pending, or a write with review items left, is yellow.
  const mark = result.exitCode === 2 ? c.red('✖') : result.exitCode === 1 && result.mode === 'check' ? c.red('!') : result.exitCode === 1 || pending ? c.yellow('!') : c.green('✔');
  const took = elapsed === undefined ? '' : ` (${(elapsed / 1000).toFixed(elapsed < 10_000 ? 2 : 1)} s)`;
  const out = [`${mark} ${head}.${took}`];
  const payloads = Object.entries(s.payloads).map(([m, n]) => `${m} ${n}`);
  if (payloads.length > 0) out.push(`  payloads ${writes(result) ? 'migrated' : 'to migrate'}: ${payloads.join(', ')}`);
  const f = s.findings;
  const counts = [
    f.error > 0 ? c.red(count(f.error, 'error')) : '',
    f.review > 0 ? c.red(`${f.review} to review`) : '',
    f.legacy > 0 ? (result.mode === 'check' ? c.red(`${f.legacy} legacy`) : `${f.legacy} legacy`) : '',
    f.warning > 0 ? count(f.warning, 'warning') : '',
  ].filter((x) => x !== '');
  if (counts.length > 0) out.push(`  findings: ${counts.join(', ')}`);
  if (result.mode === 'write' && s.written > 0) out.push(`  ${count(s.written, 'file')} written`);
  if (options.quiet) return out;
  const unbound = unboundHint(result, command);
  if (unbound) out.push(c.yellow(`  hint: ${unbound}`));
  // The next step (issue 17): a preview or a check with changes pending says how to apply them.
  if (result.mode !== 'write' && f.legacy > 0) {
    const flag = result.mode === 'check' ? '--check' : '--dry-run';
    out.push(c.dim(`  next: run ${command} without ${flag} to apply the ${count(f.legacy, 'change')}; ${command} undo puts them back`));
  }
  return out;
}

/**
 * What to do about sessionId values that name nothing (issue 17): the page would throw, so the run fails until the
 * name is defined or another expression is chosen. After a write the ids are in the code: a rerun with another
 * --session-id would not replace them, so the hint says to undo first. A value an earlier run left in the code
 * (`inCode`, reported by --check) is not replaced by any flag either, and a check with another --session-id would
 * merely stop recognising it: the hint says to edit it, never to pass a flag for it.
 */
function unboundHint(result: RunResult, command: string): string | undefined {
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
  const what = `${count(inserted + inCode, 'sessionId value')} read ${names}, not defined where ${noun(inserted + inCode, 'it is', 'they are')} read`;
  const expr = "--session-id '<the expression that holds the checkout's payment.session.id>'";
  const fixes = ['define it on those pages'];
  if (inserted > 0) fixes.push(writtenFix(result, command, expr, inserted));
  if (inCode > 0) {
    fixes.push(`replace the ${noun(inCode, 'value')} already in the code with the expression that holds the checkout's payment.session.id (${command} undo reverts the run that inserted ${noun(inCode, 'it', 'them')})`);
  }
  return `${what}: ${fixes.join(', or ')}.`;
}

/**
 * For ids this run wrote: undo and run again, only when the run has a journal to undo (a run whose journal could not
 * be recorded has none: issue 17 item 10, no "undo" after a run that cannot be undone).
 */
function writtenFix(result: RunResult, command: string, expr: string, inserted: number): string {
  if (!writes(result) || result.summary.written === 0) return `run with ${expr}`;
  if (result.journal) return `undo this run (${command} undo) and run again with ${expr}`;
  return `replace the ${noun(inserted, 'value')} just written with the expression that holds the checkout's payment.session.id`;
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
