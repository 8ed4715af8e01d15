// Settles what one file's syntax could not (issue 5): loads src/analysis only when a site was deferred (or
// --verify asks), traces payloads to the files that build them, learns `type`s from the checker, and re-plans each
// file with those facts through the same engine, until nothing new is learnt.

import { relative } from 'node:path';
import type { Analysis } from '../analysis/facts.js';
import { dialectFor } from '../engine/parse.js';
import type { EngineOptions, ExternalPayload, SettledSite, SiteDecision, SiteStatus } from '../engine/types.js';
import { readSource } from './files.js';
import { isInside, toPosix } from './discover.js';
import { LineIndex } from './lines.js';
import { processText, type TextOutcome } from './process-text.js';

/** A file the cross-module step knows: its original text and its latest outcome. */
export interface ModuleFile {
  readonly abs: string;
  readonly rel: string;
  readonly text: string;
  outcome: TextOutcome;
}

interface Learnt {
  readonly knownTypes: Map<number, string[]>;
  readonly externals: Map<string, { expressions: ExternalPayload['expressions']; sites: Site[]; positive: boolean; evidence: string }>;
  readonly settled: Map<number, SettledSite>;
  readonly untraced: Map<number, string>;
}

interface Site {
  readonly rel: string;
  readonly line: number;
}

const bySite = (a: Site, b: Site): number => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : a.line - b.line);

/** A call site whose payload is built at `key` of `target`. */
interface Link {
  readonly site: ModuleFile;
  readonly offset: number;
  readonly target: ModuleFile;
  readonly key: string;
}

/** Rounds of tracing: a builder returning another module's builder takes one round per hop. */
const MAX_ROUNDS = 8;

export class CrossModule {
  readonly files = new Map<string, ModuleFile>();
  private readonly learnt = new Map<ModuleFile, Learnt>();
  private readonly links: Link[] = [];

  constructor(
    private readonly analysis: Analysis,
    private readonly engine: EngineOptions,
    readonly cwd: string,
    /** Folders whose files the run may edit: where it runs, the scanned paths, the project's config folder. */
    private readonly editable: readonly string[],
    files: Iterable<ModuleFile>,
  ) {
    for (const f of [...files].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))) this.files.set(f.abs, f);
  }

  lineOf(file: ModuleFile, offset: number): number {
    return new LineIndex(file.text).at(offset).line;
  }

  private learntOf(file: ModuleFile): Learnt {
    let l = this.learnt.get(file);
    if (!l) {
      l = { knownTypes: new Map(), externals: new Map(), settled: new Map(), untraced: new Map() };
      this.learnt.set(file, l);
    }
    return l;
  }

  private rerun(file: ModuleFile): void {
    const l = this.learntOf(file);
    const externalPayloads = [...l.externals.values()].map((e) => ({
      expressions: e.expressions,
      sites: [...e.sites].sort(bySite).map((x) => `${x.rel}:${x.line}`).join(', '),
      positive: e.positive,
      evidence: e.evidence,
    }));
    const analysis = { knownTypes: l.knownTypes, externalPayloads, settledSites: l.settled, untraced: l.untraced };
    file.outcome = processText(file.rel, file.text, { ...this.engine, analysis });
  }

  /** A file the analysis names: one already read, or read now if the run may edit it; else why not. */
  async load(abs: string): Promise<ModuleFile | string> {
    const known = this.files.get(abs);
    if (known) return known;
    if (!this.editable.some((root) => isInside(root, abs))) return `it is built in ${toPosix(relative(this.cwd, abs))}, outside the folders dr-migrate works on`;
    if (!dialectFor(abs)) return `it is built in ${toPosix(relative(this.cwd, abs))}, which is not a script file`;
    const read = await readSource(abs, () => true).catch(() => undefined);
    if (read?.kind !== 'text') return `its builder's file ${toPosix(relative(this.cwd, abs))} cannot be read as text`;
    if (this.analysis.textOf(abs) !== read.text) return `the type checker reads ${toPosix(relative(this.cwd, abs))} differently`;
    return this.adopt(abs, read.text);
  }

  /** A file known only to report on, never to edit (a diagnostic outside the folder dr-migrate runs in). */
  adopt(abs: string, text: string): ModuleFile {
    const rel = toPosix(relative(this.cwd, abs));
    const file: ModuleFile = { abs, rel, text, outcome: { result: { path: rel, status: 'unchanged', findings: [], sites: [], edits: [], migrated: {}, instances: [] } } };
    this.files.set(abs, file);
    return file;
  }

  /** Asks the checker about every deferral not asked before; re-plans the files that learnt something. */
  async settle(): Promise<void> {
    const asked = new Set<string>();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const dirty = new Set<ModuleFile>();
      for (const file of [...this.files.values()]) {
        for (const d of file.outcome.decisions ?? []) {
          const id = `${file.abs}:${d.offset}:${d.deferred?.kind ?? ''}`;
          if (!d.deferred || d.deferred.kind === 'payload-type' || asked.has(id)) continue;
          asked.add(id);
          try {
            if (d.deferred.kind === 'type') {
              const types = this.analysis.possibleTypes(file.abs, d.deferred.expressions);
              for (const [at, strings] of types) this.learntOf(file).knownTypes.set(at, strings);
              if (types.size > 0) dirty.add(file);
            } else {
              await this.link(file, d, d.deferred, dirty);
            }
          } catch (error) {
            // One site the checker trips on stays under review; the others go on.
            if (d.deferred.kind === 'payload') {
              this.learntOf(file).untraced.set(d.offset, `the type checker failed on it (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
              dirty.add(file);
            }
          }
        }
      }
      if (dirty.size === 0) break;
      dirty.forEach((f) => this.rerun(f));
    }
    this.settleLinks();
  }

  private async link(file: ModuleFile, d: SiteDecision, deferred: { expression: { start: number; end: number }; positive: boolean }, dirty: Set<ModuleFile>): Promise<void> {
    const traced = this.analysis.tracePayload(file.abs, deferred.expression);
    const target = traced.ok ? await this.load(traced.target.file) : traced.why;
    if (typeof target === 'string' || !traced.ok) {
      this.learntOf(file).untraced.set(d.offset, typeof target === 'string' ? target : 'no target');
      dirty.add(file);
      return;
    }
    const expressions = traced.target.expressions;
    const key = expressions.map((e) => `${e.start}:${e.end}`).join(',');
    const externals = this.learntOf(target).externals;
    const entry = externals.get(key) ?? { expressions, sites: [], positive: false, evidence: d.evidence };
    entry.sites.push({ rel: file.rel, line: this.lineOf(file, d.offset) });
    if (deferred.positive && !entry.positive) entry.evidence = d.evidence;
    entry.positive ||= deferred.positive;
    externals.set(key, entry);
    this.links.push({ site: file, offset: d.offset, target, key });
    dirty.add(target);
  }

  /** The call sites whose payload is the external entry at `offset` of `file`. */
  callsInto(file: ModuleFile, offset: number): { file: string; offset: number }[] {
    return this.links.filter((l) => l.target === file && Number(l.key.split(':')[0]) === offset).map((l) => ({ file: l.site.abs, offset: l.offset }));
  }

  /** Call sites take the decision of the plan where their payload is built; chains settle from the far end. */
  private settleLinks(): void {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const dirty = new Set<ModuleFile>();
      for (const link of this.links) {
        const offset = Number(link.key.split(':')[0]);
        const decision = link.target.outcome.decisions?.find((d) => d.offset === offset);
        if (!decision) continue;
        const status: SiteStatus = decision.deferred?.kind === 'payload' ? 'review' : decision.status;
        const settled: SettledSite = { status, methods: decision.methods, target: `${link.target.rel}:${this.lineOf(link.target, offset)}` };
        const before = this.learntOf(link.site).settled.get(link.offset);
        if (before && before.status === settled.status && before.methods.join() === settled.methods.join()) continue;
        this.learntOf(link.site).settled.set(link.offset, settled);
        dirty.add(link.site);
      }
      if (dirty.size === 0) return;
      dirty.forEach((f) => this.rerun(f));
    }
  }
}
