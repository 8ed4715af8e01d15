// The paths of --stdin and --files-from (issue 17): read whole, then split at NULs when there are any (what
// `git ls-files -z` prints, which keeps any name intact) or else at line ends; blank lines are skipped.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../../options.js';
import { DEFAULT_COMMAND } from '../command-name.js';

/** Paths relative to the working directory, and where they were read, for messages. */
export interface FileList {
  readonly paths: readonly string[];
  /** `standard input`, or the file as given. */
  readonly source: string;
}

export const STDIN_SOURCE = 'standard input';

export function splitList(text: string): string[] {
  const parts = text.includes('\0') ? text.split('\0') : text.split(/\r?\n/);
  return parts.filter((p) => p !== '');
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

export interface ListInput {
  readonly stdin?: NodeJS.ReadableStream;
  readonly stdinIsTTY?: boolean;
}

/** Reads the list from `file` (relative to `cwd`), or from standard input for `-` (`flag` names it in errors). */
export async function readFileList(file: string, cwd: string, input: ListInput, flag = '--stdin', command = DEFAULT_COMMAND): Promise<FileList> {
  if (file === '-') {
    // A person at a terminal would see the command wait for input it never asked for.
    if (!input.stdin || input.stdinIsTTY) {
      throw new UsageError(`${flag} reads the files to scan from standard input, which is a terminal; pipe a list into it (git ls-files | ${command} --stdin)`);
    }
    return { paths: splitList(await readAll(input.stdin)), source: STDIN_SOURCE };
  }
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `--files-from: file not found: ${file}` : `--files-from: cannot read ${file} (${code ?? String(error)})`);
  }
  return { paths: splitList(text), source: file };
}
