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

/** A typed createSource parameter types every migrated TypeScript payload: their types are then kept in step. */
export function declaresTypedSdk(files: readonly Kept[]): boolean {
  return files.some((f) => TYPESCRIPT.test(f.abs) && declaresTypedCreateSource(f.text));
}

export function analysisNeeded(files: readonly Kept[], verify: boolean): boolean {
  if (verify || hasDeferrals(files)) return true;
  return declaresTypedSdk(files) && files.some((f) => TYPESCRIPT.test(f.abs) && f.outcome.output !== undefined);
}
