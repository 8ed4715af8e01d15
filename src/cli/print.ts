// What the main command prints: the chosen report on stdout, the human summary on stderr, and the progress line.

import { supportsColor, supportsColorStderr } from 'chalk';
import type { ReportFormat } from './config.js';
import type { Io } from './io.js';
import type { RunResult } from '../run/result.js';
import { formatAdoption } from '../report/adoption.js';
import { formatExplain } from '../report/explain.js';
import { formatGithub } from '../report/github.js';
import { formatHuman } from '../report/human.js';
import { formatSarif } from '../report/sarif.js';
import { count } from '../report/plural.js';
import { commandName } from '../run/command-name.js';

export { commandName };

export interface Printing {
  readonly format: ReportFormat;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly explain: boolean;
  /** Only the summary line on stderr: the per-site listing would repeat what stdout or the baseline holds. */
  readonly brief: boolean;
  /** How long the run took, shown in the summary line. */
  readonly elapsedMs?: number;
}

/** Whether each stream gets colour. */
export interface Colors {
  readonly stdout: boolean;
  readonly stderr: boolean;
}

/**
 * `--color` and `--no-color` (or NO_COLOR) decide when given; otherwise chalk's own detection of each stream does
 * (FORCE_COLOR, TERM=dumb, CI, a terminal), never a check of our own (issue 17).
 */
export function colorsOf(flag: boolean | undefined, io: Io): Colors {
  if (flag === false || (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '')) return { stdout: false, stderr: false };
  if (flag === true) return { stdout: true, stderr: true };
  const on = (s: typeof supportsColor): boolean => s !== false && s.level > 0;
  return { stdout: on(supportsColor), stderr: on(supportsColorStderr) };
}

export function print(result: RunResult, p: Printing, colors: Colors, io: Io): void {
  if (p.format === 'json') io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else if (p.format === 'sarif') io.stdout(formatSarif(result));
  else if (p.format === 'github') io.stdout(formatGithub(result));
  const command = commandName(io);
  const human = formatHuman(result, { color: colors.stderr, quiet: p.quiet, verbose: p.verbose, command, ...(p.elapsedMs !== undefined ? { elapsedMs: p.elapsedMs } : {}) });
  if (p.format === 'human') {
    if (p.explain) io.stdout(formatExplain(result, colors.stdout, p.verbose));
    else io.stdout(formatHuman(result, { color: colors.stdout, quiet: true, verbose: false, command }).stdout);
  }
  if (p.format === 'human' && !p.brief) io.stderr(human.stderr);
  else if (!p.quiet) {
    // Machine formats own stdout; a one-line summary still reaches a person on stderr.
    io.stderr(human.stderr.split('\n').filter((l) => /^\S+ dr-migrate/.test(l)).map((l) => `${l}\n`).join(''));
  }
  if (p.format === 'human' && !p.quiet) io.stderr(formatAdoption(result, colors.stderr, command));
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
      const line = `dr-migrate: ${count(n, 'file')} processed…`;
      width = Math.max(width, line.length);
      io.stderr(`\r${line}`);
    },
    done: () => {
      if (width > 0) io.stderr(`\r${' '.repeat(width)}\r`);
    },
  };
}

