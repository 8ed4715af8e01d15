// --explain: for every candidate file and call site, the decision and its evidence ("0 ok, 355 unmodified — why?").

import { Chalk, type ChalkInstance } from 'chalk';
import { isMethodType, METHOD_RULES } from '../rules/methods.js';
import type { FileFinding, FileSite } from '../engine/process-text.js';
import type { FileReport, RunResult } from '../run/result.js';
import { PREFILTER_WORDS } from '../engine/prefilter.js';
import { PREFILTERED } from '../run/file-reports.js';
import { count } from './plural.js';

/** The findings that state a site's decision; the others are shown under it as notes. */
const HEADLINE = new Set(['migrated', 'already-migrated', 'not-digitalriver', 'method-filtered']);

/**
 * On a tree, the files the prefilter left out are most of them and say the same thing: two or more are one count
 * line at the end, unless `verbose` lists them one by one (issue 17 item 10). One is named, as any other file.
 */
export function formatExplain(result: RunResult, color: boolean, verbose = false): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const prefiltered = result.files.filter((f) => f.status === 'unchanged' && f.sites.length === 0 && f.reason === PREFILTERED);
  const collapse = !verbose && prefiltered.length > 1;
  const lines: string[] = [];
  for (const file of result.files) if (!collapse || !prefiltered.includes(file)) lines.push(...explainFile(file, result, c));
  if (collapse) {
    const words = PREFILTER_WORDS.join(', ');
    lines.push(c.dim(`${count(prefiltered.length, 'file')} left alone: prefiltered out (none of ${words} appears in them as a whole word; --verbose lists them)`));
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function explainFile(file: FileReport, result: RunResult, c: ChalkInstance): string[] {
  const head = c.bold(file.path);
  // Findings about the whole file that need a person (a skipped file that mentions a call, issue 17) or failed.
  const fileLevel = file.findings
    .filter((x) => x.site === undefined && (x.severity === 'error' || x.severity === 'review'))
    .map((f) => `  ${f.line}:${f.column}  ${f.severity === 'error' ? c.red('error') : c.red('needs review')}: ${f.message}`);
  if (file.status === 'skipped') return [`${head}  ${c.yellow('skipped')}: ${file.reason ?? ''}`, ...fileLevel];
  if (file.status === 'error' && file.sites.length === 0) {
    return [`${head}  ${c.red('error')}: ${file.findings.filter((f) => f.severity === 'error').map((f) => `${f.line}:${f.column} ${f.message}`).join('; ')}`];
  }
  if (file.sites.length === 0) {
    if (file.reason) return [`${head}  ${c.dim('left alone')}: ${file.reason}`];
    return [`${head}  ${c.dim('left alone')}: parsed; no createSource or other DigitalRiver.js session-aware call in it`];
  }
  const out = [head];
  const known = new Set(file.baselined ?? []);
  for (const site of file.sites) {
    const own = file.findings.filter((f) => f.site === site.fingerprint);
    const tag = known.has(site.fingerprint) ? c.dim(' [in baseline]') : '';
    out.push(`  ${site.line}:${site.column}  ${what(site)}  ${decision(site, own, result, c)}${tag}`);
    if (site.status !== 'not-digitalriver') out.push(`      ${c.dim('evidence:')} ${site.evidence}`);
    for (const f of own.filter((x) => !HEADLINE.has(x.id) && x.message !== site.reason)) {
      out.push(`      ${c.dim(`${f.severity}:`)} ${f.message} ${c.dim(`(${f.id}, line ${f.line})`)}`);
    }
  }
  out.push(...fileLevel);
  return out;
}

function what(site: FileSite): string {
  const methods = site.methods.length > 0 ? ` (${site.methods.join('/')})` : '';
  return `${site.kind}${methods}`;
}

function rules(site: FileSite): string {
  const cited = site.methods.filter(isMethodType).map((m) => `${m}: ${METHOD_RULES[m].citation}`);
  return cited.length > 0 ? ` by the rule for ${cited.join('; ')}` : '';
}

function decision(site: FileSite, own: readonly FileFinding[], result: RunResult, c: ChalkInstance): string {
  const hybrid = site.hybrid ? ' (hybrid code: it already sends sessionId)' : '';
  switch (site.status) {
    case 'migrated': {
      const done = own.filter((f) => f.id === 'migrated').map((f) => f.data.summary).filter((s): s is string => !!s);
      const verb = result.mode === 'write' ? 'migrated' : 'would migrate';
      return `${c.green(verb)}${rules(site)}${done.length > 0 ? ` — ${done.join('; ')}` : ''}${hybrid}`;
    }
    case 'already-migrated':
      return `${c.green('already migrated')}: nothing (left) to change`;
    case 'kept':
      // Not "already migrated" (issue 18): the reason says what it still needs.
      return `${c.cyan('kept')}: ${site.reason ?? 'left as it is'}`;
    case 'review':
      return `${c.red('needs review')}: ${site.reason ?? 'see the findings below'}${hybrid}`;
    case 'not-digitalriver':
      return `${c.dim('not DigitalRiver.js')}: ${site.evidence}`;
    case 'filtered':
      return `${c.dim('left alone')}: ${site.methods.join('/')} is not among --methods`;
  }
}
