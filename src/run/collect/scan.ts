// Reads every discovered file and migrates the few that need it (issue 7): a byte prefilter first, the parser only
// for what passes, loaded on first need, and worker threads once enough files need parsing to pay for them (or,
// in a large tree, one thread that parses while the main thread reads on, and reads too when it has nothing to do).

import { failedReport } from '../file-reports.js';
import { absolute, FileScanner, type Candidate, type Scanned, type ScannerSettings } from './file-scanner.js';
import { describeIoError } from './io-errors.js';
import type { Clock } from '../timings.js';
import { ParserPool, ThreadsUnavailable, workersAvailable, type Batch } from './workers.js';

export type { Scanned } from './file-scanner.js';

/** Below this many files to parse, starting threads (each loads the parser itself) costs more than it saves. */
export const WORKER_THRESHOLD = 50;

/**
 * In a tree this large, one thread starts: it takes the files to parse at once (loading the parser and parsing
 * while the main thread goes on reading, instead of after it), and whenever it has nothing to do it reads a batch of
 * files itself. A small project never pays for starting a thread.
 */
export const EARLY_THREAD_AFTER = 1000;

/** Paths per batch a thread reads: a few milliseconds of work, so the main thread never waits long for it. */
const BATCH = 32;

/**
 * Text read but not parsed yet: past this, files waiting for the main thread go to a thread now, and the main thread
 * stops reading until the threads catch up (memory stays bounded).
 */
const WAITING_BYTES = 16 * 1024 * 1024;

export interface ScanOptions extends ScannerSettings {
  readonly cwd: string;
  /** Parser threads for a large run; 0 parses everything on the main thread. */
  readonly threads: number;
  readonly onProgress?: (scanned: number) => void;
  /** Aborting stops the scan before the next file; files already read are reported. */
  readonly signal?: AbortSignal;
  /** --timings: the run's clock, which the main thread's and every thread's measurements are added to. */
  readonly clock?: Clock;
  /** Every file is read on the main thread, threads only parse: `--cache` reads each file's bytes once, to key it. */
  readonly readsOnMain?: boolean;
}

export interface ScanResult {
  readonly scanned: number;
  /** Files that changed, failed, were skipped or hold findings; unchanged files without any are dropped at once. */
  readonly files: Scanned[];
  /** Every file read, absolute (the type-aware step shows them all to the checker). */
  readonly seen: string[];
}

/** What every scanner of a run (the main thread's and each thread's) is given; `--cache` keys its entries on it. */
export function scannerSettings(options: ScanOptions): ScannerSettings {
  return {
    engine: options.engine,
    keepAll: options.keepAll,
    ...(options.contents ? { contents: options.contents } : {}),
    ...(options.clock ? { timings: true } : {}),
  };
}

export async function scan(paths: Iterable<string>, options: ScanOptions): Promise<ScanResult> {
  const { cwd, threads } = options;
  const settings = scannerSettings(options);
  const files: Scanned[] = [];
  const seen: string[] = [];
  const scanner = new FileScanner(settings);
  let useThreads = threads > 0 && workersAvailable();
  /** Files to parse seen before there were enough of them to start the threads. */
  const waiting: Candidate[] = [];
  /** Files a thread read but left, too large to parse beside others. */
  const deferred: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let batch: string[] = [];
  let pool: ParserPool | undefined;
  let scanned = 0;
  let candidates = 0;
  let waitingBytes = 0;

  const keep = (file: Scanned | undefined): void => {
    if (file) files.push(file);
  };
  /** `redo` does the job on the main thread when threads cannot start in this process. */
  const track = (job: Promise<Batch>, paths: readonly string[], redo: () => Promise<void>): Promise<void> => {
    const tracked: Promise<void> = job
      .then(
        (done) => {
          if (done.timings) options.clock?.merge(done.timings);
          files.push(...done.files);
          deferred.push(...done.deferred);
        },
        async (error: unknown) => {
          if (error instanceof ThreadsUnavailable) return redo();
          const why = describeIoError(error);
          for (const path of paths) keep({ abs: absolute(cwd, path), report: failedReport(path, 'internal-error', why) });
        },
      )
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    return tracked;
  };
  const parseHere = async (c: Candidate): Promise<void> => keep(await scanner.parse(c));
  const onThread = (p: ParserPool, c: Candidate): void => void track(p.parse(c), [c.path], () => parseHere(c));
  /** Reads and parses on the main thread alone. */
  const readOnMain = async (path: string): Promise<void> => {
    const step = scanner.read(path, absolute(cwd, path));
    if (step.kind === 'done') keep(step.file);
    else await parseHere(step.candidate);
  };
  /** Hands a batch of paths to a thread to read (and parse). */
  const sendBatch = (p: ParserPool, list: readonly string[]): void => {
    void track(p.read(cwd, list), list, async () => {
      for (const path of list) await readOnMain(path);
    });
  };
  const readHere = async (path: string): Promise<void> => {
    if (!useThreads) return readOnMain(path);
    const step = scanner.read(path, absolute(cwd, path));
    if (step.kind === 'done') keep(step.file);
    else {
      waiting.push(step.candidate);
      waitingBytes += step.candidate.text.length;
      candidates++;
    }
    const enough = candidates >= WORKER_THRESHOLD;
    const early = scanned >= EARLY_THREAD_AFTER || waitingBytes > WAITING_BYTES;
    if (!pool && (enough || early)) pool = new ParserPool(enough ? threads : 1, settings);
    else if (pool && enough) pool.grow(threads);
    if (!pool || waiting.length === 0) return;
    // Once there are enough files for all the threads and they all have work queued, the main thread parses too:
    // otherwise it would sit idle on a tree where parsing is the work (issue 7). A few files go to the thread, so
    // the main thread never loads the parser for them.
    for (const c of waiting.splice(0)) {
      if (enough && !pool.idle) await parseHere(c);
      else onThread(pool, c);
    }
    waitingBytes = 0;
    // Backpressure: reading never runs far ahead of the threads, so texts do not pile up in memory.
    while (pool.pendingText > WAITING_BYTES) await Promise.race(inFlight);
  };

  try {
    for (const path of paths) {
      if (options.signal?.aborted) break;
      scanned++;
      seen.push(absolute(cwd, path));
      // Threads that cannot start here (the pool gave up on them): the main thread does everything from now on.
      if (pool?.broken) useThreads = false;
      if (useThreads && pool && !options.readsOnMain && (batch.length > 0 || pool.idle)) {
        // A thread with nothing to do reads the next batch itself.
        batch.push(path);
        if (batch.length >= BATCH) {
          sendBatch(pool, batch);
          batch = [];
        }
      } else await readHere(path);
      options.onProgress?.(scanned);
      // Lets the threads' replies in, so the main thread knows when one is free.
      if (scanned % 64 === 0) await new Promise<void>((r) => setImmediate(r));
    }
    if (pool && batch.length > 0) sendBatch(pool, batch);
    await Promise.all(inFlight);
    // Large files a thread read, one at a time: the pool parses each alone.
    for (const path of deferred.splice(0)) {
      const step = scanner.read(path, absolute(cwd, path));
      if (step.kind === 'done') keep(step.file);
      else if (pool) await track(pool.parse(step.candidate), [path], () => parseHere(step.candidate));
      else await parseHere(step.candidate);
    }
  } finally {
    await pool?.close();
  }
  // Too few files to parse for threads to pay: the main thread does them, loading the parser only now.
  for (const c of waiting.splice(0)) await parseHere(c);
  const own = scanner.clock?.take();
  if (own) options.clock?.merge(own);
  return { scanned, files, seen };
}
