// A pool of worker threads (issue 7): they parse the files the main thread read and passes on, and read batches of
// files themselves when they have nothing else to do. Replies are matched to jobs by id, so the order in which
// threads finish never shows in the result (which is sorted by path).

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ThreadsUnavailable } from '../../errors.js';
import type { Candidate, Scanned, ScannerSettings } from './file-scanner.js';
import type { ClockData } from '../timings.js';
import { activeCompileCache, type ThreadCompileCache } from '../compile-cache.js';

export type WorkerJob =
  | { readonly id: number; readonly kind: 'parse'; readonly candidate: Candidate }
  | { readonly id: number; readonly kind: 'read'; readonly cwd: string; readonly paths: readonly string[] };

/** What a job produced: files worth reporting, and files read in a batch that are too large to parse there. */
export interface Batch {
  readonly files: readonly Scanned[];
  readonly deferred: readonly string[];
  /** What the thread measured for --timings since its last reply. */
  readonly timings?: ClockData;
}

export type WorkerReply = ({ readonly id: number } & Batch) | { readonly id: number; readonly error: string };

/** What a thread is started with: the scanner's settings, and the compile cache its run's main thread uses. */
export interface WorkerStart {
  readonly settings: ScannerSettings;
  readonly compileCache?: ThreadCompileCache;
}

/** Jobs posted to one thread ahead of the one it is working on, so it never waits for the next message. */
const PER_THREAD = 2;

/**
 * A parse takes many times its text in memory. A file larger than this is parsed alone, when no other job runs (a
 * thread reading a batch hands it back instead of parsing it), so memory stays bounded whatever the tree holds.
 */
export const PARSE_ALONE_BYTES = 1024 * 1024;

const WORKER_SCRIPT = new URL('./worker.js', import.meta.url);

/** False when running from the TypeScript sources (tests), where there is no compiled worker to start. */
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_SCRIPT));
}

type Message = { readonly kind: 'parse'; readonly candidate: Candidate } | { readonly kind: 'read'; readonly cwd: string; readonly paths: readonly string[] };

interface Job {
  readonly message: Message;
  /** Runs with no other job in flight. */
  readonly alone: boolean;
  readonly resolve: (batch: Batch) => void;
  readonly reject: (error: Error) => void;
}

interface Thread {
  readonly worker: Worker;
  readonly jobs: Map<number, Job>;
}

// Re-exported from errors.ts, where every error class lives (issue 16).
export { ThreadsUnavailable };

export class ParserPool {
  private readonly threads = new Set<Thread>();
  private readonly queue: Job[] = [];
  private nextId = 0;
  private textHeld = 0;
  private alone = false;
  private closed = false;
  /** Some thread has answered a job: threads work here. */
  private answered = false;
  /** Threads that died before any thread answered. */
  private stillborn = 0;

  /** Threads cannot start in this process (two died before any answered): the caller does the work itself. */
  get broken(): boolean {
    return !this.answered && this.stillborn >= 2;
  }

  constructor(
    private size: number,
    private readonly settings: ScannerSettings,
  ) {
    this.grow(size);
  }

  /** Jobs given and not yet answered. */
  get pending(): number {
    let n = this.queue.length;
    for (const t of this.threads) n += t.jobs.size;
    return n;
  }

  /** Source text held by parse jobs given and not yet answered. */
  get pendingText(): number {
    return this.textHeld;
  }

  /** True while some thread has room for another job now: the main thread then hands it files to read. */
  get idle(): boolean {
    if (this.queue.length > 0) return false;
    for (const t of this.threads) if (t.jobs.size < PER_THREAD) return true;
    return false;
  }

  /** Starts threads up to `size` now, so each loads the parser before work reaches it. */
  grow(size: number): void {
    this.size = Math.max(this.size, size);
    while (!this.closed && !this.broken && this.threads.size < this.size) this.spawn();
    this.dispatch();
  }

  /** Parses one file the main thread read. */
  parse(candidate: Candidate): Promise<Batch> {
    return this.submit({ kind: 'parse', candidate }, candidate.text.length > PARSE_ALONE_BYTES);
  }

  /** Reads `paths` (relative to `cwd`) on a thread and parses those that pass the prefilter, but for large ones. */
  read(cwd: string, paths: readonly string[]): Promise<Batch> {
    return this.submit({ kind: 'read', cwd, paths }, false);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.threads].map((t) => t.worker.terminate()));
    this.threads.clear();
  }

  private submit(message: Message, alone: boolean): Promise<Batch> {
    const text = message.kind === 'parse' ? message.candidate.text.length : 0;
    this.textHeld += text;
    return new Promise<Batch>((resolve, reject) => {
      this.queue.push({ message, alone, resolve, reject });
      this.dispatch();
    }).finally(() => {
      this.textHeld -= text;
    });
  }

  private spawn(): void {
    // No flags from the parent: a thread needs none, and some (`node --input-type=module -e …`) stop it starting.
    let worker: Worker;
    try {
      const cache = activeCompileCache()?.thread;
      const start: WorkerStart = { settings: this.settings, ...(cache === undefined ? {} : { compileCache: cache }) };
      worker = new Worker(WORKER_SCRIPT, { workerData: start, execArgv: [] });
    } catch {
      // Not allowed at all (Node's permission model without --allow-worker): as good as two stillborn threads.
      this.stillborn += 2;
      return;
    }
    const thread: Thread = { worker, jobs: new Map() };
    thread.worker.on('message', (reply: WorkerReply) => {
      this.answered = true;
      const job = thread.jobs.get(reply.id);
      if (!job) return;
      thread.jobs.delete(reply.id);
      if (job.alone) this.alone = false;
      if ('error' in reply) job.reject(new Error(reply.error));
      else job.resolve(reply);
      this.dispatch();
    });
    // A thread that dies (out of memory, a crash) fails only the files it held; a new one takes over the rest.
    const fail = (why: string): void => {
      if (!this.threads.delete(thread)) return;
      // Threads that die before any has answered cannot start here at all: no more are started (see `broken`).
      if (!this.answered) this.stillborn++;
      for (const job of thread.jobs.values()) {
        if (job.alone) this.alone = false;
        job.reject(this.answered ? new Error(`the worker thread stopped: ${why}`) : new ThreadsUnavailable());
      }
      thread.jobs.clear();
      this.dispatch();
    };
    thread.worker.on('error', (error) => fail(error.message));
    thread.worker.on('exit', (code) => fail(`exit code ${code}`));
    this.threads.add(thread);
  }

  private dispatch(): void {
    // Replaces threads that died, only while there is work for them (each death costs the files it held).
    while (!this.closed && !this.broken && this.queue.length > 0 && this.threads.size < this.size) this.spawn();
    if (this.broken && this.threads.size === 0) for (const job of this.queue.splice(0)) job.reject(new ThreadsUnavailable());
    while (this.queue.length > 0) {
      const job = this.queue[0] as Job;
      if (this.alone || (job.alone && this.pending > this.queue.length)) return;
      let target: Thread | undefined;
      for (const t of this.threads) if (t.jobs.size < PER_THREAD && (!target || t.jobs.size < target.jobs.size)) target = t;
      if (!target) return;
      this.queue.shift();
      const id = this.nextId++;
      target.jobs.set(id, job);
      if (job.alone) this.alone = true;
      const message: WorkerJob = { ...job.message, id };
      target.worker.postMessage(message);
    }
  }
}
