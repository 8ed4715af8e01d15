// What the main command prints: the chosen report on stdout, the human summary on stderr, and the progress line.

import type { ReportFormat } from '../adopt/config.js';
import type { Io } from '../cli.js';
import type { RunResult } from '../run/result.js';
import { formatAdoption } from './adoption.js';
import { formatExplain } from './explain.js';
import { formatGithub } from './github.js';
import { formatHuman } from './human.js';
import { formatSarif } from './sarif.js';

export interface Printing {
  readonly format: ReportFormat;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly explain: boolean;
  /** Only the summary line on stderr: the per-site listing would repeat what stdout or the baseline holds. */
  readonly brief: boolean;
}

export function noColorOf(color: boolean, io: Io): boolean {
  return !color || (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '');
}

export function print(result: RunResult, p: Printing, noColor: boolean, io: Io): void {
  if (p.format === 'json') io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else if (p.format === 'sarif') io.stdout(formatSarif(result));
  else if (p.format === 'github') io.stdout(formatGithub(result));
  const human = formatHuman(result, { color: !noColor && io.stderrIsTTY, quiet: p.quiet, verbose: p.verbose });
  if (p.format === 'human') {
    if (p.explain) io.stdout(formatExplain(result, !noColor && io.stdoutIsTTY));
    else io.stdout(formatHuman(result, { color: !noColor && io.stdoutIsTTY, quiet: true, verbose: false }).stdout);
  }
  if (p.format === 'human' && !p.brief) io.stderr(human.stderr);
  else if (!p.quiet) {
    // Machine formats own stdout; a one-line summary still reaches a person on stderr.
    io.stderr(human.stderr.split('\n').filter((l) => /^\S+ dr-migrate/.test(l)).map((l) => `${l}\n`).join(''));
  }
  if (p.format === 'human' && !p.quiet) io.stderr(formatAdoption(result, !noColor && io.stderrIsTTY));
}

export interface Progress {
  readonly tick: (n: number) => void;
  /** Erases the progress line, if one was shown. */
  readonly done: () => void;
}

/** A progress line on stderr when the run lasts over a second and stderr is a terminal (codemod-conventions). */
export function progress(io: Io, quiet: boolean, format: ReportFormat): Progress | undefined {
  if (!io.stderrIsTTY || quiet || format !== 'human') return undefined;
  const started = Date.now();
  let last = 0;
  let width = 0;
  return {
    tick: (n) => {
      const now = Date.now();
      if (now - started < 1000 || now - last < 200) return;
      last = now;
      const line = `dr-migrate: ${n} file(s) processed…`;
      width = Math.max(width, line.length);
      io.stderr(`\r${line}`);
    },
    done: () => {
      if (width > 0) io.stderr(`\r${' '.repeat(width)}\r`);
    },
  };
}

