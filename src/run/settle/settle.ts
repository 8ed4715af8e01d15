// The settle phase of a run: what one file's syntax could not answer, answered from the others. The type-aware step
// (and the parser it brings) loads only when a site was deferred or --verify asks; a page that sends a payload its
// server built is reviewed naming the PHP files that build payload arrays. Writes nothing.

import { resolve } from 'node:path';
import type { Collected, RunContext } from '../collect/collect.js';
import type { Scanned } from '../collect/file-scanner.js';
import { legacyEncodingOf, legacyOutcome } from '../collect/legacy-encoding.js';
import { analysisDemand } from './analysis-gate.js';
import type { AnalysisStepResult } from './analysis-step.js';
import { nameServerPayloads } from './server-payloads.js';

export interface Settled {
  /** Every file to report, sorted by path; a changed one with its text before and after. */
  readonly pending: readonly Scanned[];
  /** Files looked at, including those the type-aware step read beyond the search. */
  readonly scanned: number;
  readonly analysed?: AnalysisStepResult;
}

export async function settle(ctx: RunContext, collected: Collected): Promise<Settled> {
  const { cwd, options } = ctx;
  const pending = [...collected.pending];
  let scanned = collected.scanned;
  const kept = pending.flatMap((p) => (p.read ? [{ abs: p.abs, rel: p.report.path, text: p.read.text, outcome: p.read.outcome }] : []));
  const demand = analysisDemand(kept);
  const started = performance.now();
  const step = demand.deferred || options.verify ? (await import('./analysis-step.js')).analysisStep : undefined;
  const analysed = await step?.({
    cwd,
    roots: [...ctx.paths, ...(options.list?.paths ?? [])].map((p) => resolve(cwd, p)),
    engine: ctx.engine,
    verify: options.verify ?? false,
    files: kept,
    demand,
    discovered: collected.seen.slice().sort(),
  });
  options.clock?.add('analysis', performance.now() - started);
  if (analysed) {
    const discovered = new Set(collected.seen);
    const byAbs = new Map(pending.map((p, i) => [p.abs, i]));
    for (const f of analysed.files) {
      const at = byAbs.get(f.abs);
      // A Windows-1252 file keeps its encoding, and its guard, when the type-aware step plans it again (issue 17).
      const encoding = at !== undefined ? pending[at]?.encoding : await legacyEncodingOf(f.abs);
      const { result, output } = encoding === 'windows-1252' ? legacyOutcome(f.outcome, f.text) : f.outcome;
      const next: Scanned =
        output !== undefined ? { abs: f.abs, report: result, before: f.text, after: output, ...(encoding ? { encoding } : {}) } : { abs: f.abs, report: result };
      if (!discovered.has(f.abs)) scanned++;
      if (at === undefined) pending.push(next);
      else pending[at] = next;
    }
  }
  // Server-fed payloads are reviewed where they are sent, naming the PHP files that build payload arrays (issue 13).
  const named = nameServerPayloads(pending.map((p) => p.report));
  pending.forEach((p, i) => {
    const report = named[i];
    if (report && report !== p.report) pending[i] = { ...p, report };
  });
  pending.sort((a, b) => (a.report.path < b.report.path ? -1 : a.report.path > b.report.path ? 1 : 0));
  return { pending, scanned, ...(analysed ? { analysed } : {}) };
}
