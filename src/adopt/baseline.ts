// The baseline ratchet: record today's legacy and review sites, then fail a check only on sites not recorded (issue 9).

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { UsageError } from '../options.js';
import type { FileSite } from '../engine/process-text.js';
import { countBySeverity, exitCodeOf, type BaselineEntry, type BaselineSummary, type FileReport, type RunResult } from '../run/result.js';

// The baseline's types belong to the run result that carries them; re-exported here for existing imports (issue 16).
export type { BaselineEntry, BaselineSummary };

const FORMAT_VERSION = 1;

/** The sites a baseline is about: a payload still to migrate, or a call that needs a person (never a `kept` one, issue 18). */
function entryStatus(site: FileSite): BaselineEntry['status'] | undefined {
  return site.status === 'migrated' ? 'legacy' : site.status === 'review' ? 'review' : undefined;
}

const keyOf = (e: { file: string; id: string }): string => `${e.file}\0${e.id}`;

export function readBaseline(path: string, cwd: string): BaselineEntry[] {
  const abs = resolve(cwd, path);
  if (!existsSync(abs)) throw new UsageError(`baseline file not found: ${path} (create it with --write-baseline ${path})`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(abs, 'utf8'));
  } catch (error) {
    throw new UsageError(`baseline ${path} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const sites = (raw as { sites?: unknown } | null)?.sites;
  const ok = (e: unknown): e is BaselineEntry =>
    typeof e === 'object' && e !== null && typeof (e as BaselineEntry).file === 'string' && typeof (e as BaselineEntry).id === 'string';
  if ((raw as { tool?: unknown } | null)?.tool !== 'dr-migrate' || !Array.isArray(sites) || !sites.every(ok)) {
    throw new UsageError(`${path} is not a dr-migrate baseline (write one with --write-baseline ${path})`);
  }
  return sites;
}

interface Current {
  /** The run's legacy and review sites as baseline entries, paths made relative to the baseline's directory. */
  readonly entries: Map<string, BaselineEntry>;
  /** Keys of sites this run left out of scope (not among --methods): neither fixed nor to be dropped. */
  readonly unjudged: Set<string>;
}

function currentSites(result: RunResult, baselineDir: string): Current {
  const entries = new Map<string, BaselineEntry>();
  const unjudged = new Set<string>();
  for (const f of result.files) {
    const file = relPath(baselineDir, resolve(result.cwd, f.path));
    for (const s of f.sites) {
      const status = entryStatus(s);
      if (status) {
        const entry = { file, id: s.fingerprint, kind: s.kind, methods: s.methods, status };
        entries.set(keyOf(entry), entry);
      } else if (s.status === 'filtered') unjudged.add(keyOf({ file, id: s.fingerprint }));
    }
  }
  return { entries, unjudged };
}

function relPath(from: string, to: string): string {
  return relative(from, to).split('\\').join('/');
}

/** Whether an entry's file was part of the run: only those can be declared fixed or be replaced. */
function scannedBy(scanned: ReadonlySet<string>, cwd: string, baselineDir: string): (e: BaselineEntry) => boolean {
  const rel = new Set([...scanned].map((p) => relPath(baselineDir, resolve(cwd, p))));
  return (e) => rel.has(e.file);
}

/**
 * `--check --baseline`: hides the findings of known sites, recomputes the exit code from what is new (a failed run
 * stays failed), and lists the entries of scanned files that are now fixed.
 */
export function applyBaseline(result: RunResult, path: string, entries: readonly BaselineEntry[], scanned: ReadonlySet<string>): RunResult {
  const abs = resolve(result.cwd, path);
  const accepted = new Set(entries.map(keyOf));
  const current = currentSites(result, dirname(abs));
  const inRun = scannedBy(scanned, result.cwd, dirname(abs));
  const fixed = entries.filter((e) => inRun(e) && !current.entries.has(keyOf(e)) && !current.unjudged.has(keyOf(e)));
  let known = 0;
  let fresh = 0;
  const files: FileReport[] = result.files.map((f) => {
    const file = relPath(dirname(abs), resolve(result.cwd, f.path));
    const hidden = new Set<string>();
    for (const s of f.sites) {
      if (!entryStatus(s)) continue;
      if (accepted.has(keyOf({ file, id: s.fingerprint }))) {
        hidden.add(s.fingerprint);
        known++;
      } else fresh++;
    }
    return hidden.size === 0 ? f : { ...f, findings: f.findings.filter((x) => x.site === undefined || !hidden.has(x.site)), baselined: [...hidden] };
  });
  const baseline: BaselineSummary = { file: path, action: 'check', total: entries.length, known, new: fresh, fixed, kept: 0 };
  const judged = { ...result, files, summary: { ...result.summary, findings: countBySeverity(files) }, baseline };
  return { ...judged, exitCode: exitCodeOf(judged) };
}

/**
 * `--write-baseline`: records the legacy and review sites of the run; entries of files outside the run are kept, so a
 * baseline can be refreshed one folder at a time. Sorted by file and id, one entry per line, for readable diffs.
 */
export async function writeBaseline(result: RunResult, path: string, scanned: ReadonlySet<string>): Promise<RunResult> {
  const abs = resolve(result.cwd, path);
  const previous = existsSync(abs) ? readBaseline(path, result.cwd) : [];
  const { entries: current, unjudged } = currentSites(result, dirname(abs));
  const inRun = scannedBy(scanned, result.cwd, dirname(abs));
  const kept = previous.filter((e) => (!inRun(e) || unjudged.has(keyOf(e))) && !current.has(keyOf(e)));
  const fixed = previous.filter((e) => inRun(e) && !unjudged.has(keyOf(e)) && !current.has(keyOf(e)));
  const all = [...kept, ...current.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const body = all.map((e) => `    ${JSON.stringify({ file: e.file, id: e.id, kind: e.kind, methods: e.methods, status: e.status })}`).join(',\n');
  const text = `{\n  "tool": "dr-migrate",\n  "baseline": ${FORMAT_VERSION},\n  "sites": [${all.length > 0 ? `\n${body}\n  ` : ''}]\n}\n`;
  const tmp = join(dirname(abs), `.${basename(abs)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, abs);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw new UsageError(`could not write the baseline ${path} (${error instanceof Error ? error.message : String(error)})`);
  }
  const baseline: BaselineSummary = { file: path, action: 'write', total: all.length, known: current.size, new: 0, fixed, kept: kept.length };
  const recorded = { ...result, baseline };
  return { ...recorded, exitCode: exitCodeOf(recorded) };
}
