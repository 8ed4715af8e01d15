// Settles what one file's syntax could not (issue 5): loads src/analysis only when a site was deferred (or
// --verify asks), traces payloads to the files that build them, learns `type`s from the checker, and re-plans each
// file with those facts through the same engine, until nothing new is learnt.

import { relative } from 'node:path';
import type { Analysis } from '../../analysis/facts.js';
import { dialectFor } from '../../engine/parse.js';
import type { EngineOptions, ExternalPayload, SettledSite, SiteDecision, SiteStatus } from '../../engine/types.js';
import { readSource } from '../collect/files.js';
import { isInside, toPosix } from '../collect/discover.js';
import { LineIndex } from '../../engine/lines.js';
import { filesNaming } from './builder-files.js';
import { processText, type TextOutcome } from '../../engine/process-text.js';

/** A file the cross-module step knows: its original text and its latest outcome. */
export interface ModuleFile {
  readonly abs: string;
  readonly rel: string;
  readonly text: string;
  outcome: TextOutcome;
}

interface Learnt {
  readonly knownTypes: Map<number, string[]>;
  /** Method names this file is searched for as candidate builders, with the call sites asking (issue 13). */
  readonly builders: Map<string, Site[]>;
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

/** A call site whose payload call could not be traced: its builders are the methods of that name (issue 13). */
interface NameLink {
  readonly site: ModuleFile;
  readonly offset: number;
  readonly name: string;
  readonly why: string;
  readonly targets: readonly ModuleFile[];
}

/** Rounds of tracing: a builder returning another module's builder takes one round per hop. */
const MAX_ROUNDS = 8;

export class CrossModule {
  readonly files = new Map<string, ModuleFile>();
  private readonly learnt = new Map<ModuleFile, Learnt>();
  private readonly links: Link[] = [];
  private readonly nameLinks: NameLink[] = [];

  constructor(
    private readonly analysis: Analysis,
    private readonly engine: EngineOptions,
    readonly cwd: string,
    /** Folders whose files the run may edit: where it runs, the scanned paths, the project's config folder. */
    private readonly editable: readonly string[],
    files: Iterable<ModuleFile>,
    /** Every file the run found (absolute): where builders looked for by name may be declared. */
    private readonly discovered: readonly string[] = [],
  ) {
    for (const f of [...files].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))) this.files.set(f.abs, f);
  }

  lineOf(file: ModuleFile, offset: number): number {
    return new LineIndex(file.text).at(offset).line;
  }

  private learntOf(file: ModuleFile): Learnt {
    let l = this.learnt.get(file);
    if (!l) {
      l = { knownTypes: new Map(), builders: new Map(), externals: new Map(), settled: new Map(), untraced: new Map() };
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
    const builders = [...l.builders].map(([name, sites]) => ({ name, sites: [...sites].sort(bySite).map((x) => `${x.rel}:${x.line}`).join(', ') }));
    const analysis = { knownTypes: l.knownTypes, externalPayloads, builders, settledSites: l.settled, untraced: l.untraced };
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

  private async link(
    file: ModuleFile,
    d: SiteDecision,
    deferred: { expression: { start: number; end: number }; positive: boolean; member?: string },
    dirty: Set<ModuleFile>,
  ): Promise<void> {
    const traced = this.analysis.tracePayload(file.abs, deferred.expression);
    if (!traced.ok && deferred.member) return this.linkByName(file, d, deferred.member, traced.why, dirty);
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

  /** The checker cannot resolve the call: every method of that name in the project is a candidate builder. */
  private async linkByName(file: ModuleFile, d: SiteDecision, name: string, why: string, dirty: Set<ModuleFile>): Promise<void> {
    const texts = await filesNaming(name, this.discovered, (abs) => this.files.get(abs)?.text);
    const targets: ModuleFile[] = [];
    for (const { abs, text } of texts) {
      if (!this.editable.some((root) => isInside(root, abs))) continue;
      const target = this.files.get(abs) ?? this.adopt(abs, text);
      const sites = this.learntOf(target).builders.get(name) ?? [];
      sites.push({ rel: file.rel, line: this.lineOf(file, d.offset) });
      this.learntOf(target).builders.set(name, sites);
      targets.push(target);
      dirty.add(target);
    }
    this.nameLinks.push({ site: file, offset: d.offset, name, why, targets });
  }

  /** The call sites whose payload is the external entry at `offset` of `file`. */
  callsInto(file: ModuleFile, offset: number): { file: string; offset: number }[] {
    return this.links.filter((l) => l.target === file && Number(l.key.split(':')[0]) === offset).map((l) => ({ file: l.site.abs, offset: l.offset }));
  }

  /** Call sites take the decision of the plan where their payload is built; chains settle from the far end. */
  private settleLinks(): void {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const dirty = new Set<ModuleFile>();
      for (const link of this.nameLinks) if (this.settleByName(link)) dirty.add(link.site);
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

  /**
   * A call site whose builders were found by name takes their decisions together: under review while any of them is,
   * and under review (saying what was found) when none of the methods of that name builds a DigitalRiver.js payload.
   * True when what the site learnt changed.
   */
  private settleByName(link: NameLink): boolean {
    const declared = link.targets.flatMap((target) =>
      (target.outcome.decisions ?? []).filter((d) => d.builder === link.name).map((d) => ({ target, d })),
    );
    const found = declared.filter(({ d }) => d.status !== 'not-digitalriver');
    const learnt = this.learntOf(link.site);
    if (found.length === 0) {
      const where = declared.map(({ target, d }) => `${target.rel}:${this.lineOf(target, d.offset)}`).join(', ');
      const reason = where
        ? `${link.why}; none of the \`${link.name}\` methods found (${where}) builds a DigitalRiver.js payload`
        : `${link.why}; no method named \`${link.name}\` was found in the project`;
      if (learnt.untraced.get(link.offset) === reason) return false;
      learnt.untraced.set(link.offset, reason);
      return true;
    }
    const statuses = found.map(({ d }) => (d.deferred?.kind === 'payload' ? 'review' : d.status));
    const status: SiteStatus = statuses.includes('review')
      ? 'review'
      : statuses.includes('migrated')
        ? 'migrated'
        : statuses.includes('filtered')
          ? 'filtered'
          : 'already-migrated';
    const methods = [...new Set(found.flatMap(({ d }) => d.methods))];
    const target = found
      .map(({ target, d }, i) => `${target.rel}:${this.lineOf(target, d.offset)} (${STATUS_WORD[statuses[i] ?? d.status]})`)
      .join(', ');
    const settled: SettledSite = { status, methods, target, byName: link.name };
    const before = learnt.settled.get(link.offset);
    if (before && before.status === status && before.target === target && before.methods.join() === methods.join()) return false;
    learnt.settled.set(link.offset, settled);
    return true;
  }
}

/** How a builder's decision is named in the call site's finding. */
const STATUS_WORD: Record<SiteStatus, string> = {
  migrated: 'migrated',
  'already-migrated': 'already uses payment sessions',
  kept: 'kept as it is',
  review: 'needs review',
  'not-digitalriver': 'not DigitalRiver.js',
  filtered: 'not among --methods',
};
