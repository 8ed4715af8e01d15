// `dr-migrate inventory`: every DigitalRiver.js touchpoint in a tree, and the checklist of what remains outside the
// front end (issue 6). Reads only; reuses the engine's decisions.

import { resolve } from 'node:path';
import { PREFILTER_WORDS } from '../engine/migrate-source.js';
import { toEngineOptions, UsageError, type MigrationOptions } from '../options.js';
import { DEFAULT_EXTENSIONS, discoverFiles, noFilesMessage, normalizeExtensions } from '../run/collect/discover.js';
import { readSource } from '../run/collect/files.js';
import { isPhpHost } from '../engine/hosts/php-arrays.js';
import { analysisDemand } from '../run/settle/analysis-gate.js';
import type { ModuleFile } from '../run/settle/cross-module.js';
import { processText, type FileSite } from '../engine/process-text.js';
import type { IgnoreList } from '../run/collect/user-ignores.js';
import { VERSION } from '../version.js';
import { CHECKLIST, CHECKLIST_WORDS, SERVER_EXTENSIONS, type ChecklistRule } from './checklist.js';
import { evidenceLines } from './evidence-lines.js';
import { allowsVerb, requestVerb } from './request-verb.js';
import { inventoryStatus, type InventoryStatus } from './status.js';

export interface Location {
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

export interface InventorySite extends Location {
  readonly kind: FileSite['kind'];
  readonly status: InventoryStatus;
  readonly methods: readonly string[];
  readonly evidence: string;
  readonly reason?: string;
}

export interface InventoryBuilder extends InventorySite {
  /** The createSource calls this payload is built for, as `file:line`. */
  readonly callSites: readonly string[];
  /** The method name it was found by, when the calls themselves could not be traced (issue 13). */
  readonly foundByName?: string;
}

export interface ChecklistItem {
  readonly id: ChecklistRule['id'];
  readonly title: string;
  /** `done`: code shows it; `todo`: code suggests it is needed and nothing shows it; `not-found`: no sign either way. */
  readonly status: 'done' | 'todo' | 'not-found';
  readonly source: string;
  readonly evidence: readonly (Location & { readonly text: string })[];
}

export interface InventoryResult {
  readonly tool: 'dr-migrate';
  readonly version: string;
  readonly cwd: string;
  readonly summary: {
    readonly files: number;
    readonly instances: number;
    readonly createSource: Readonly<Record<InventoryStatus, number>>;
    readonly builders: Readonly<Record<InventoryStatus, number>>;
    readonly calls: Readonly<Record<InventoryStatus, number>>;
    readonly checklist: Readonly<Record<ChecklistItem['status'], number>>;
  };
  readonly instances: readonly Location[];
  readonly createSource: readonly InventorySite[];
  /** Payloads built in one file for createSource calls in others: where they are built, and the calls they serve. */
  readonly builders: readonly InventoryBuilder[];
  readonly calls: readonly InventorySite[];
  readonly checklist: readonly ChecklistItem[];
  readonly errors: readonly (Location & { readonly message: string })[];
}

export interface InventoryOptions extends MigrationOptions {
  readonly paths?: readonly string[];
  readonly cwd?: string;
  readonly extensions?: readonly string[];
  readonly ignore?: readonly string[];
  /** More ignore patterns, each list relative to its own directory (a configuration's). */
  readonly ignoreLists?: readonly IgnoreList[];
  readonly gitignore?: boolean;
}

interface LineHit extends Location {
  readonly text: string;
}

/** One file's checklist lines, by rule: the lines that show a step done and those that suggest it is needed. */
interface FileChecklist {
  readonly path: string;
  readonly rules: ReadonlyMap<ChecklistRule['id'], { readonly done: readonly LineHit[]; readonly suggests: readonly LineHit[] }>;
}

const WORDS = [...PREFILTER_WORDS, 'DigitalRiver', 'createElement', ...CHECKLIST_WORDS].map((w) => Buffer.from(w));

export async function inventory(options: InventoryOptions = {}): Promise<InventoryResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const engine = { ...toEngineOptions(options), prefilter: [...PREFILTER_WORDS, 'DigitalRiver', 'createElement'] };
  const extensions = normalizeExtensions(options.extensions ?? [...DEFAULT_EXTENSIONS, ...SERVER_EXTENSIONS]);
  const files = discoverFiles({
    cwd,
    paths: options.paths && options.paths.length > 0 ? options.paths : ['.'],
    extensions,
    ignore: options.ignore ?? [],
    ...(options.ignoreLists ? { ignoreLists: options.ignoreLists } : {}),
    gitignore: options.gitignore ?? true,
  });
  let count = 0;
  const instances: Location[] = [];
  const sites: InventorySite[] = [];
  const errors: (Location & { message: string })[] = [];
  const scans: FileChecklist[] = [];
  const discovered: string[] = [];
  const kept: ModuleFile[] = [];
  for await (const path of files) {
    count++;
    const abs = resolve(cwd, path);
    discovered.push(abs);
    let read;
    try {
      read = await readSource(abs, (bytes) => WORDS.some((w) => bytes.includes(w)));
    } catch (error) {
      errors.push({ path, line: 1, column: 1, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (read.kind !== 'text') continue;
    kept.push({ abs, rel: path, text: read.text, outcome: processText(path, read.text, engine) });
    scans.push(scanChecklist(path, read.text));
  }
  // Nothing to scan is the same mistake as in the main command: an empty inventory would read as "all done".
  if (count === 0) throw new UsageError(noFilesMessage(options.paths, extensions));
  // The same type-aware facts as the main command (issues 5 and 13): payloads built in other files, and builders
  // found by name, are settled before the sites are listed.
  const demand = analysisDemand(kept);
  const step = demand.deferred ? (await import('../run/settle/analysis-step.js')).analysisStep : undefined;
  const analysed = await step?.({ cwd, roots: (options.paths && options.paths.length > 0 ? options.paths : ['.']).map((p) => resolve(cwd, p)), engine, verify: false, files: kept, demand, discovered: discovered.sort() });
  const builders: InventoryBuilder[] = [];
  for (const { rel: path, outcome } of analysed?.files ?? kept) {
    const { result } = outcome;
    for (const f of result.findings) if (f.severity === 'error') errors.push({ path, line: f.line, column: f.column, message: f.message });
    for (const i of result.instances) instances.push({ path, ...i });
    // A payload array built in PHP for Digital River's server API (issue 13 §3) is a server call: listed, never changed.
    if (isPhpHost(path)) {
      for (const f of result.findings) {
        if (f.id !== 'not-digitalriver' || f.site !== undefined) continue;
        sites.push({ path, line: f.line, column: f.column, kind: 'createSource', status: 'not-digitalriver', methods: [], evidence: f.data.why ?? f.message });
      }
    }
    for (const s of result.sites) {
      // A method of the looked-for name that is no builder is named by its call site's reason, not listed.
      if (s.builder && s.status === 'not-digitalriver') continue;
      const site: InventorySite = {
        path,
        line: s.line,
        column: s.column,
        kind: s.kind,
        status: inventoryStatus(s),
        methods: s.methods,
        evidence: s.evidence,
        ...(s.reason ? { reason: s.reason } : {}),
      };
      if (s.serves) builders.push({ ...site, callSites: s.serves.split(', '), ...(s.builder ? { foundByName: s.builder } : {}) });
      else sites.push(site);
    }
  }
  const byPlace = (a: Location, b: Location): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column);
  sites.sort(byPlace);
  builders.sort(byPlace);
  instances.sort(byPlace);
  const createSource = sites.filter((s) => s.kind === 'createSource');
  const calls = sites.filter((s) => s.kind !== 'createSource');
  // The engine's findings for each file, after the analysis: some of them undo a step a file seems to have done.
  const findingIds = new Map((analysed?.files ?? kept).map((f) => [f.rel, new Set<string>(f.outcome.result.findings.map((x) => x.id))]));
  const checklist = CHECKLIST.map((rule) => checklistItem(rule, scans, findingIds));
  return {
    tool: 'dr-migrate',
    version: VERSION,
    cwd,
    summary: {
      files: count,
      instances: instances.length,
      createSource: countBy(createSource),
      builders: countBy(builders),
      calls: countBy(calls),
      checklist: {
        done: checklist.filter((c) => c.status === 'done').length,
        todo: checklist.filter((c) => c.status === 'todo').length,
        'not-found': checklist.filter((c) => c.status === 'not-found').length,
      },
    },
    instances,
    createSource,
    builders,
    calls,
    checklist,
    errors,
  };
}

function countBy(sites: readonly InventorySite[]): Record<InventoryStatus, number> {
  const out: Record<InventoryStatus, number> = { legacy: 0, hybrid: 0, migrated: 0, kept: 0, 'needs-review': 0, 'not-digitalriver': 0 };
  for (const s of sites) out[s.status]++;
  return out;
}

function scanChecklist(path: string, text: string): FileChecklist {
  const lines = text.split(/\r\n|\r|\n/);
  // Comments and type declarations are no evidence either way (a commented-out call, a `state: 'requires_confirmation'`
  // union, `sourceId: string`): rules match the code that runs, blanked where it is not (columns kept).
  const code = evidenceLines(path, lines);
  const rules = new Map<ChecklistRule['id'], { done: LineHit[]; suggests: LineHit[] }>();
  for (const rule of CHECKLIST) {
    const sends = (row: number, index: number): boolean => rule.verbs === undefined || allowsVerb(rule.verbs, requestVerb(code, row, index));
    const hit = (re: RegExp, row: number, verbs: boolean): LineHit | undefined => {
      const m = re.exec(code[row] ?? '');
      if (!m || (verbs && !sends(row, m.index))) return undefined;
      return { path, line: row + 1, column: m.index + 1, text: (lines[row] ?? '').trim().slice(0, 160) };
    };
    const inFile = rule.suggestsInFile;
    const fileSends = inFile !== undefined && code.some((_, row) => hit(inFile.file, row, true) !== undefined);
    const done: LineHit[] = [];
    const suggests: LineHit[] = [];
    code.forEach((_, row) => {
      const d = hit(rule.done, row, false);
      if (d) done.push(d);
      const s = hit(rule.suggests, row, true) ?? (fileSends && inFile ? hit(inFile.line, row, true) : undefined);
      if (s) suggests.push(s);
    });
    if (done.length > 0 || suggests.length > 0) rules.set(rule.id, { done, suggests });
  }
  return { path, rules };
}

function checklistItem(rule: ChecklistRule, scans: readonly FileChecklist[], findingIds: ReadonlyMap<string, ReadonlySet<string>>): ChecklistItem {
  const base = { id: rule.id, title: rule.title, source: rule.source };
  const done: LineHit[] = [];
  const suggests: { hits: readonly LineHit[]; fileDone: boolean }[] = [];
  for (const scan of scans) {
    const lines = scan.rules.get(rule.id);
    if (!lines) continue;
    // A file the engine shows has not done the step (an inserted sessionId bound to nothing) shows nothing done.
    const fileDone = rule.undoneBy !== undefined && findingIds.get(scan.path)?.has(rule.undoneBy) ? [] : lines.done;
    done.push(...fileDone);
    if (lines.suggests.length > 0) suggests.push({ hits: lines.suggests, fileDone: fileDone.length > 0 });
  }
  const open = rule.perFile ? suggests.filter((s) => !s.fileDone) : done.length > 0 ? [] : suggests;
  if (open.length > 0) return { ...base, status: 'todo', evidence: open.flatMap((s) => s.hits) };
  if (done.length > 0) return { ...base, status: 'done', evidence: done };
  return { ...base, status: 'not-found', evidence: [] };
}
