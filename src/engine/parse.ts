// Parser choice per file: each extension gets its Babel plugin set, with a fixed fallback order (issue 2 point 7).

import { parse, type ParserPlugin } from '@babel/parser';
import type { File } from '@babel/types';
import type { Dialect } from './dialects.js';

export { dialectFor, SCRIPT_EXTENSIONS, type Dialect } from './dialects.js';

export const COMMON: ParserPlugin[] = [
  'decorators-legacy',
  'classProperties',
  'classPrivateProperties',
  'classPrivateMethods',
  'dynamicImport',
  'importAttributes',
  'topLevelAwait',
  // TypeScript 5 `accessor` fields, often decorated (Angular, Lit).
  'decoratorAutoAccessors',
];

/** Plugin sets tried in order until one parses. */
const ATTEMPTS: Record<Dialect, ParserPlugin[][]> = {
  ts: [['typescript']],
  dts: [[['typescript', { dts: true }]]],
  tsx: [['typescript', 'jsx']],
  // Plain JS may carry JSX or Flow annotations; `<T>(x) => x` generics parse only without JSX.
  js: [['jsx', 'flow'], ['flow'], ['jsx']],
};

export interface ParseFailure {
  readonly message: string;
  readonly offset: number;
}

/** `plugins`: the set from ATTEMPTS that parsed the text (the re-parse guard's fast path parses with the same). */
export type ParseOutcome =
  | { readonly ok: true; readonly ast: File; readonly plugins: readonly ParserPlugin[] }
  | { readonly ok: false; readonly error: ParseFailure };

/** A byte-order mark is swapped for a space of the same length so every offset still points into the real text. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}

/** Milliseconds this thread has spent in the parser (--timings, issue 14): two clock reads a parse. */
let parsing = 0;

export function parseTime(): number {
  return parsing;
}

export function parseSource(text: string, dialect: Dialect): ParseOutcome {
  const started = performance.now();
  try {
    return parseWithAttempts(text, dialect);
  } finally {
    parsing += performance.now() - started;
  }
}

function parseWithAttempts(text: string, dialect: Dialect): ParseOutcome {
  const source = withoutBom(text);
  let first: ParseFailure | undefined;
  for (const plugins of ATTEMPTS[dialect]) {
    try {
      const ast = parse(source, {
        sourceType: 'unambiguous',
        allowReturnOutsideFunction: true,
        allowAwaitOutsideFunction: true,
        allowImportExportEverywhere: true,
        allowUndeclaredExports: true,
        errorRecovery: false,
        // The engine reads comments from the text, never from nodes: attaching them costs a sixth of the parse.
        attachComment: false,
        plugins: [...plugins, ...COMMON],
      });
      return { ok: true, ast, plugins };
    } catch (error) {
      first ??= describe(error);
    }
  }
  return { ok: false, error: first ?? { message: 'unknown parse error', offset: 0 } };
}

function describe(error: unknown): ParseFailure {
  if (error instanceof SyntaxError) {
    const pos = (error as SyntaxError & { pos?: number }).pos;
    return { message: error.message.replace(/\s*\(\d+:\d+\)$/, ''), offset: typeof pos === 'number' ? pos : 0 };
  }
  // Babel's parser recurses per nesting level: generated code nested tens of thousands deep exhausts the stack.
  if (error instanceof RangeError) return { message: 'the code is nested too deeply to parse', offset: 0 };
  return { message: String(error), offset: 0 };
}
