// The engine's outcome for one file as ESLint problems: which findings are reported, where, and the fix.

import type { FindingId } from '../rules/findings.js';
import { annotationOf } from '../report/annotations.js';
import type { TextOutcome } from '../engine/process-text.js';

/** A problem's id: a finding id, or `legacy-payload` for a migration still to make (as in the github and sarif formats). */
export type ProblemId = FindingId | 'legacy-payload';

export interface Problem {
  readonly id: ProblemId;
  readonly message: string;
  /** 1-based line, 0-based column, as ESLint locates a problem. */
  readonly line: number;
  readonly column: number;
  /** Present on a migration still to make, when the engine would change the file. */
  readonly fix?: TextFix;
}

/** One replacement of `text[range[0], range[1])`. */
export interface TextFix {
  readonly range: readonly [number, number];
  readonly text: string;
}

/**
 * What fails `dr-migrate --check` on this file, as the command words it: each migration still to make
 * (`legacy-payload`), each site that needs review, each file error. Warnings do not fail the check and are not
 * reported (the command shows them); neither are notes (`info` findings, the evidence).
 */
export function problemsOf(text: string, outcome: TextOutcome): Problem[] {
  const fix = fixOf(text, outcome);
  const out: Problem[] = [];
  for (const f of outcome.result.findings) {
    const a = annotationOf(f, false);
    if (a?.level !== 'error') continue;
    const pending = a.ruleId === 'legacy-payload' && fix !== undefined;
    out.push({ id: a.ruleId, message: a.message, line: f.line, column: f.column - 1, ...(pending ? { fix } : {}) });
  }
  return out;
}

/**
 * The engine's edits for the whole file as one replacement, from the first edited offset to the last, cut from the
 * engine's own output: the engine checks that output as a whole (it re-parses it), so the edits of one site are
 * never applied without the others. Every legacy problem of the file offers the same fix; ESLint applies it once.
 */
function fixOf(text: string, outcome: TextOutcome): TextFix | undefined {
  const { output } = outcome;
  const edits = outcome.result.edits;
  if (output === undefined || edits.length === 0) return undefined;
  const start = Math.min(...edits.map((e) => e.start));
  const end = Math.max(...edits.map((e) => e.end));
  return { range: [start, end], text: output.slice(start, output.length - (text.length - end)) };
}
