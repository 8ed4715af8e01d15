// One file at a time, on whichever thread runs it: read, prefilter, and parse what passes, loading the engine (and
// with it Babel) only when the first file needs it (issue 7).

import { isAbsolute, resolve, sep } from 'node:path';
import { mightContainBytes } from '../../engine/prefilter.js';
import { isPhpHost, mightHoldPhpPayloadBytes } from '../../engine/hosts/php-arrays.js';
import type { EngineOptions } from '../../engine/types.js';
import { TYPESCRIPT } from '../settle/analysis-gate.js';
import type { TextEncoding } from './encoding.js';
import { legacyOutcome } from './legacy-encoding.js';
import { emptyReport, failedReport, isInteresting, PREFILTERED, skippedReport } from '../file-reports.js';
import { SourceReader } from './files.js';
import { describeIoError } from './io-errors.js';
import type { FileResult, TextOutcome } from '../../engine/process-text.js';
import { Clock } from '../timings.js';
import { declaresTypedCreateSource } from '../settle/typed-create-source.js';

/** A file worth reporting; `before`/`after` are kept only for a file that changed, until the write phase. */
export interface Scanned {
  readonly abs: string;
  readonly report: FileResult;
  readonly before?: string;
  readonly after?: string;
  /** How the file's bytes map to `before`/`after`, when not UTF-8 (issue 17). */
  readonly encoding?: TextEncoding;
  /**
   * The text and the engine's outcome, for the type-aware step (issue 5): kept only for a file with call sites, a
   * change, or a typed createSource declaration; the step reads any other file it needs from disk.
   */
  readonly read?: { readonly text: string; readonly outcome: TextOutcome };
}

/** A file whose text passed the prefilter and waits to be parsed. */
export interface Candidate {
  readonly path: string;
  readonly abs: string;
  readonly text: string;
  readonly encoding?: TextEncoding;
}

export type ReadStep = { readonly kind: 'done'; readonly file?: Scanned } | { readonly kind: 'parse'; readonly candidate: Candidate };

export interface ScannerSettings {
  readonly engine: EngineOptions;
  /** Keep every file in the result, prefiltered and uneventful ones included (--explain). */
  readonly keepAll: boolean;
  /** Contents to read instead of the file on disk, by path as discovery yields it (`--check --staged`: the index). */
  readonly contents?: ReadonlyMap<string, Uint8Array>;
  /** Measure where the time goes (--timings); the scanner then keeps a clock that its thread reports. */
  readonly timings?: boolean;
}

type Engine = typeof import('../../engine/process-text.js');

/** The byte prefilter a file passes through: a PHP file may also build a payload array naming no call (issue 13). */
export function byteTestFor(path: string): (bytes: Uint8Array) => boolean {
  return isPhpHost(path) ? (b) => mightContainBytes(b) || mightHoldPhpPayloadBytes(b) : mightContainBytes;
}

export class FileScanner {
  private readonly reader = new SourceReader();
  private engine: Engine | undefined;
  /** Present with --timings: what this thread measured, taken with each reply. */
  readonly clock: Clock | undefined;

  constructor(private readonly settings: ScannerSettings) {
    this.clock = settings.timings ? new Clock() : undefined;
  }

  /** Reads one file: done (prefiltered, skipped or unreadable, with what to report) or a candidate to parse. */
  read(path: string, abs: string): ReadStep {
    const clock = this.clock;
    if (!clock) return this.readFile(path, abs, byteTestFor(path));
    const started = performance.now();
    const inner = byteTestFor(path);
    let filtering = 0;
    const step = this.readFile(path, abs, (bytes) => {
      const at = performance.now();
      try {
        return inner(bytes);
      } finally {
        filtering += performance.now() - at;
      }
    });
    clock.add('prefilter', filtering);
    clock.add('read', performance.now() - started - filtering);
    return step;
  }

  private readFile(path: string, abs: string, test: (bytes: Uint8Array) => boolean): ReadStep {
    try {
      const given = this.settings.contents?.get(path);
      const read = given ? this.reader.decode(Buffer.from(given.buffer, given.byteOffset, given.byteLength), test) : this.reader.read(abs, test);
      if (read.kind === 'text') return { kind: 'parse', candidate: { path, abs, text: read.text, ...(read.encoding ? { encoding: read.encoding } : {}) } };
      if (read.kind === 'skip') return { kind: 'done', file: { abs, report: skippedReport(path, read.reason, read.mentions ?? false) } };
      // A prefiltered file cannot hold a call the engine would handle: kept only to explain it (issue 9).
      return this.settings.keepAll ? { kind: 'done', file: { abs, report: emptyReport(path, 'unchanged', PREFILTERED) } } : { kind: 'done' };
    } catch (error) {
      return { kind: 'done', file: { abs, report: failedReport(path, 'file-error', describeIoError(error)) } };
    }
  }

  /** Migrates a candidate in memory; undefined when it is unchanged and holds nothing to report. Never throws. */
  async parse(c: Candidate): Promise<Scanned | undefined> {
    const engine = (this.engine ??= await import('../../engine/process-text.js'));
    // A defect in the engine on one file (even a stack overflow on absurdly nested code) never stops the run.
    try {
      const started = this.clock ? performance.now() : 0;
      const parsed = this.clock ? engine.parseTime() : 0;
      const processed = engine.processText(c.path, c.text, this.settings.engine);
      if (this.clock) {
        const total = performance.now() - started;
        const parse = engine.parseTime() - parsed;
        this.clock.add('parse', parse);
        this.clock.add('plan', total - parse);
        this.clock.file(c.path, total);
      }
      const outcome = c.encoding === 'windows-1252' ? legacyOutcome(processed, c.text) : processed;
      const { result, output } = outcome;
      const keep = output !== undefined || (outcome.decisions?.length ?? 0) > 0 || (TYPESCRIPT.test(c.path) && declaresTypedCreateSource(c.text));
      if (!keep && !isInteresting(result) && !this.settings.keepAll) return undefined;
      return {
        abs: c.abs,
        report: result,
        ...(output !== undefined ? { before: c.text, after: output } : {}),
        ...(c.encoding ? { encoding: c.encoding } : {}),
        ...(keep ? { read: { text: c.text, outcome } } : {}),
      };
    } catch (error) {
      return { abs: c.abs, report: failedReport(c.path, 'internal-error', error instanceof Error ? error.message : String(error)) };
    }
  }
}

/** `resolve(cwd, path)` for the plain relative paths discovery yields, without its cost on every file. */
export function absolute(cwd: string, path: string): string {
  if (path === '.' || path.startsWith('..') || isAbsolute(path)) return resolve(cwd, path);
  return cwd.endsWith(sep) ? cwd + path : `${cwd}${sep}${path}`;
}
