// Whether a run needs the type-aware step (issue 5), decided without loading it: the step brings the parser and,
// when it runs, ts-morph; a run with nothing deferred loads neither (issue 7).

import type { Deferral } from '../../engine/types.js';
import type { TextOutcome } from '../../engine/process-text.js';
import { declaresTypedCreateSource } from './typed-create-source.js';

/** Payload types are checked in TypeScript files only: JavaScript is not type-checked by default. */
export const TYPESCRIPT = /\.(?:ts|tsx|mts|cts)$/i;

interface Kept {
  readonly abs: string;
  readonly text: string;
  readonly outcome: TextOutcome;
}

/** How the gate decides; `settleUntypedParameters: false` asks the checker about every deferral (tests compare both). */
export interface DemandOptions {
  readonly settleUntypedParameters?: boolean;
}

function hasDeferrals(files: readonly Kept[], options: DemandOptions): boolean {
  const settle = options.settleUntypedParameters ?? true;
  return files.some((f) => f.outcome.decisions?.some((d) => d.deferred && !(settle && uncalledUntypedParameter(d.deferred, f, files))));
}

/**
 * A deferred `type` that is an untyped parameter of a JavaScript function (src/engine/untyped-parameter.ts) needs no
 * checker: TypeScript types such a parameter `any` whatever its callers, so the site stays under review either way.
 * As a second guard, the function's name must appear nowhere else in the files read past the prefilter: not in its
 * own file beyond its declaration, not in another (a call, a callback, an export); any mention keeps the checker.
 */
function uncalledUntypedParameter(deferred: Deferral, file: Kept, files: readonly Kept[]): boolean {
  if (deferred.kind !== 'type' || deferred.untypedParameterOf === undefined) return false;
  const name = new RegExp(`(?<![\\w$])${deferred.untypedParameterOf.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
  return files.every((f) => (f.text.match(name)?.length ?? 0) === (f === file ? 1 : 0));
}

/** What the files ask of the type-aware step. */
export interface AnalysisDemand {
  /** A typed createSource parameter types every migrated TypeScript payload: their types are then kept in step. */
  readonly typedSdk: boolean;
  /** Something to settle: a deferred site, or a migrated TypeScript payload under a typed SDK. */
  readonly deferred: boolean;
}

export function analysisDemand(files: readonly Kept[], options: DemandOptions = {}): AnalysisDemand {
  const typedSdk = files.some((f) => TYPESCRIPT.test(f.abs) && declaresTypedCreateSource(f.text));
  const deferred = hasDeferrals(files, options) || (typedSdk && files.some((f) => TYPESCRIPT.test(f.abs) && f.outcome.output !== undefined));
  return { typedSdk, deferred };
}
