// --timings (issue 14): where a run's time goes, per phase and for the slowest files. Measured apart from the
// result, which stays the same run to run; threads send their share with each reply.

/** The phases, in the order a run goes through them. Parsing and planning are summed over every thread. */
export const PHASES = ['discover', 'read', 'prefilter', 'parse', 'plan', 'analysis', 'write'] as const;
export type Phase = (typeof PHASES)[number];

/** What one thread measured since it last reported: plain data, so a worker can post it. */
export interface ClockData {
  readonly phases: Readonly<Partial<Record<Phase, number>>>;
  /** Milliseconds each file read past the prefilter took to parse and plan. */
  readonly files: readonly (readonly [string, number])[];
}

export class Clock {
  private phases: Partial<Record<Phase, number>> = {};
  private files: [string, number][] = [];

  add(phase: Phase, ms: number): void {
    this.phases[phase] = (this.phases[phase] ?? 0) + ms;
  }

  file(path: string, ms: number): void {
    this.files.push([path, ms]);
  }

  /** Times `fn` into `phase`. */
  time<T>(phase: Phase, fn: () => T): T {
    const started = performance.now();
    try {
      return fn();
    } finally {
      this.add(phase, performance.now() - started);
    }
  }

  merge(data: ClockData): void {
    for (const [phase, ms] of Object.entries(data.phases)) this.add(phase as Phase, ms);
    this.files.push(...data.files.map(([p, ms]): [string, number] => [p, ms]));
  }

  /** What was measured since the last call, and a fresh start. */
  take(): ClockData {
    const data = { phases: this.phases, files: this.files };
    this.phases = {};
    this.files = [];
    return data;
  }

  peek(): ClockData {
    return { phases: { ...this.phases }, files: [...this.files] };
  }
}

/** Times each step of an iteration (discovery is a lazy walk, interleaved with reading). */
export function* timed<T>(items: Iterable<T>, clock: Clock, phase: Phase): Generator<T> {
  const it = items[Symbol.iterator]();
  for (;;) {
    const started = performance.now();
    const next = it.next();
    clock.add(phase, performance.now() - started);
    if (next.done) return;
    yield next.value;
  }
}

const SLOWEST = 10;

/** The report --timings prints on stderr after the summary. */
export function formatTimings(data: ClockData): string {
  const ms = (n: number): string => `${n.toFixed(1)} ms`;
  const width = Math.max(...PHASES.map((p) => p.length));
  const lines = ['timings (parse and plan: summed over every thread):'];
  for (const phase of PHASES) lines.push(`  ${phase.padEnd(width)}  ${ms(data.phases[phase] ?? 0)}`);
  const slowest = [...data.files].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, SLOWEST);
  lines.push(`slowest files (parse and plan), ${slowest.length} of ${data.files.length}:`);
  for (const [path, t] of slowest) lines.push(`  ${ms(t).padStart(10)}  ${path}`);
  return `${lines.join('\n')}\n`;
}
