// --interactive: each pending change shown as a diff, then apply / skip / apply all / quit, as `git add -p` asks.

import { createInterface } from 'node:readline';
import type { Io } from './io.js';
import { UsageError } from '../options.js';
import { paintDiff } from '../report/human.js';
import type { AdoptionOptions, ReviewItem } from '../adopt/options.js';

// Re-exported for existing imports; it lives in options.ts so that file does not import this one back (issue 16).
export type { ReviewItem };

/** Asks one question; resolves to the answer line, or undefined once the input has ended. */
export interface Prompter {
  readonly ask: (prompt: string) => Promise<string | undefined>;
  readonly close: () => void;
}

/**
 * Reads answers line by line. Lines that arrive before they are asked for (typed ahead, or piped) wait in order.
 * The terminal stays in its normal line mode, so it echoes what is typed and Ctrl-D ends the input.
 */
export function linePrompter(input: NodeJS.ReadableStream, write: (s: string) => void): Prompter {
  const rl = createInterface({ input, terminal: false });
  const ready: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  let ended = false;
  rl.on('line', (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else ready.push(line);
  });
  rl.on('close', () => {
    ended = true;
    for (const w of waiting.splice(0)) w(undefined);
  });
  return {
    ask: (prompt) => {
      write(prompt);
      const line = ready.shift();
      if (line !== undefined) return Promise.resolve(line);
      if (ended) return Promise.resolve(undefined);
      return new Promise((done) => waiting.push(done));
    },
    close: () => rl.close(),
  };
}

/** A terminal input that can be put in raw mode (a `tty.ReadStream`). */
interface RawInput extends NodeJS.ReadableStream {
  readonly isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
}

/**
 * Single keys, as `git add -p` asks with interactive.singleKey (issue 17): the terminal is put in raw mode and each key
 * is an answer, echoed with a line break. Enter and spaces are no answer, so answers typed ahead as lines still work;
 * Ctrl-C and Ctrl-D end the input (the review then stops, as at the end of the input). Raw mode is undone on close.
 */
export function keyPrompter(input: RawInput & { setRawMode: (mode: boolean) => unknown }, write: (s: string) => void): Prompter {
  const ready: string[] = [];
  const waiting: ((key: string | undefined) => void)[] = [];
  let ended = false;
  const end = (): void => {
    ended = true;
    for (const w of waiting.splice(0)) w(undefined);
  };
  const onData = (chunk: Buffer | string): void => {
    for (const ch of chunk.toString()) {
      // Ctrl-C, Ctrl-D, and the NUL a terminal may pass on for an end of input read before raw mode began.
      if (ch === '\u0003' || ch === '\u0004' || ch === '\u0000') return end();
      if (/\s/.test(ch)) continue;
      const next = waiting.shift();
      if (next) {
        write(`${ch}\n`);
        next(ch);
      } else ready.push(ch);
    }
  };
  input.setRawMode(true);
  input.on('data', onData);
  input.on('end', end);
  input.resume();
  return {
    ask: (prompt) => {
      write(prompt);
      const key = ready.shift();
      if (key !== undefined) {
        write(`${key}\n`);
        return Promise.resolve(key);
      }
      if (ended) return Promise.resolve(undefined);
      return new Promise((done) => waiting.push(done));
    },
    close: () => {
      input.removeListener('data', onData);
      input.removeListener('end', end);
      input.setRawMode(false);
      input.pause();
      end();
    },
  };
}

const HELP = `y - apply this change
n - skip this change
a - apply this change and all the remaining ones
q - quit: skip this change and all the remaining ones (changes already accepted are applied)
? - print this help
`;

/** Asks about each change in turn; returns the paths to write. The end of the input counts as quit. */
export async function reviewChanges(
  items: readonly ReviewItem[],
  prompter: Prompter,
  write: (s: string) => void,
  showDiff: (diff: string) => string,
): Promise<Set<string>> {
  const accepted = new Set<string>();
  for (const [i, item] of items.entries()) {
    write(`\n${showDiff(item.diff)}`);
    if (item.notes && item.notes.length > 0) write(`${item.notes.join('\n')}\n`);
    for (;;) {
      const answer = (await prompter.ask(`(${i + 1}/${items.length}) Apply this change to ${item.path} [y,n,a,q,?]? `))?.trim().toLowerCase();
      if (answer === undefined || answer === 'q' || answer === 'quit') {
        if (answer === undefined) write('\n');
        return accepted;
      }
      if (answer === 'y' || answer === 'yes') {
        accepted.add(item.path);
        break;
      }
      if (answer === 'n' || answer === 'no') break;
      if (answer === 'a' || answer === 'all') {
        for (const rest of items.slice(i)) accepted.add(rest.path);
        return accepted;
      }
      write(HELP);
    }
  }
  return accepted;
}

/** --interactive prompts only a person at a terminal: never in CI, never with piped input (codemod-conventions). */
export function checkInteractive(io: Io): void {
  const ci = io.env.CI;
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') {
    throw new UsageError('--interactive never prompts in CI (CI is set); review the patch of --dry-run instead');
  }
  if (!io.stdin || !io.stdinIsTTY) throw new UsageError('--interactive needs a terminal, and stdin is not one; review the patch of --dry-run instead');
}

export function interactiveReview(io: Io, color: boolean): NonNullable<AdoptionOptions['review']> {
  return async (items) => {
    const input = io.stdin as RawInput;
    const raw = input.isTTY === true && typeof input.setRawMode === 'function';
    const prompter = raw ? keyPrompter(input as RawInput & { setRawMode: (mode: boolean) => unknown }, io.stdout) : linePrompter(input, io.stdout);
    const stop = (): void => prompter.close();
    io.signal?.addEventListener('abort', stop, { once: true });
    try {
      return await reviewChanges(items, prompter, io.stdout, (diff) => paintDiff(diff, color));
    } finally {
      io.signal?.removeEventListener('abort', stop);
      prompter.close();
    }
  };
}
