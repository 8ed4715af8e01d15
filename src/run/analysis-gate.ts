// Whether a run needs the type-aware step (issue 5), decided without loading it: the step brings the parser and,
// when it runs, ts-morph; a run with nothing deferred loads neither (issue 7).

import type { TextOutcome } from './process-text.js';
import { declaresTypedCreateSource } from './typed-create-source.js';

/** Payload types are checked in TypeScript files only: JavaScript is not type-checked by default. */
export const TYPESCRIPT = /\.(?:ts|tsx|mts|cts)$/i;

interface Kept {
  readonly abs: string;
  readonly text: string;
  readonly outcome: TextOutcome;
}

function hasDeferrals(files: Iterable<{ readonly outcome: TextOutcome }>): boolean {
  for (const f of files) if (f.outcome.decisions?.some((d) => d.deferred)) return true;
  return false;
}

/** What the files ask of the type-aware step. */
export interface AnalysisDemand {
  /** A typed createSource parameter types every migrated TypeScript payload: their types are then kept in step. */
  readonly typedSdk: boolean;
  /** Something to settle: a deferred site, or a migrated TypeScript payload under a typed SDK. */
  readonly deferred: boolean;
}

export function analysisDemand(files: readonly Kept[]): AnalysisDemand {
  const typedSdk = files.some((f) => TYPESCRIPT.test(f.abs) && declaresTypedCreateSource(f.text));
  const deferred = hasDeferrals(files) || (typedSdk && files.some((f) => TYPESCRIPT.test(f.abs) && f.outcome.output !== undefined));
  return { typedSdk, deferred };
}
