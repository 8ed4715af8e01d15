// One script's text in, its migrated text and findings out; the re-parse check guards every change (issue 2 point 7).

import { messageOf, severityOf, type FindingId } from '../findings.js';
import { METHOD_TYPES } from '../rules/methods.js';
import { applyEdits, EditConflictError } from './edits.js';
import { migrateAst } from './engine.js';
import { parseSource, type Dialect } from './parse.js';
import type { EngineOptions, EngineResult, RawFinding } from './types.js';

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  sessionId: 'sessionId',
  methods: new Set(METHOD_TYPES),
  removeCardAmounts: false,
};

export type SourceOutcome =
  | { readonly kind: 'ok'; readonly output: string; readonly result: EngineResult }
  | { readonly kind: 'failed'; readonly finding: RawFinding };

/** The words the engine looks for; text without any of them cannot hold a call it would change or report. */
// The PayPal element only matters when it carries `sourceData`, so that word stands for it (not the ubiquitous
// `createElement`): a file without it has no element payload to migrate.
export const PREFILTER_WORDS = ['createSource', 'retrieveAvailablePaymentMethods', 'sourceData', 'paymentRequest', 'createDropin', 'createDropIn'] as const;

export function mightContainCalls(text: string, words: readonly string[] = PREFILTER_WORDS): boolean {
  return words.some((w) => text.includes(w));
}

const PREFILTER_BYTES = PREFILTER_WORDS.map((w) => Buffer.from(w, 'utf8'));

/** The same test on raw bytes, before any decoding: the words are ASCII, so no UTF-8 text can hide them. */
export function mightContainBytes(bytes: Buffer): boolean {
  return PREFILTER_BYTES.some((w) => bytes.includes(w));
}

const EMPTY: EngineResult = { edits: [], findings: [], sites: [], migrated: {}, instances: [] };

function failure(id: FindingId, why: string, offset = 0): SourceOutcome {
  const data = { why };
  return { kind: 'failed', finding: { id, severity: severityOf(id), offset, message: messageOf(id, data), data } };
}

export function migrateSource(text: string, dialect: Dialect, options: EngineOptions = DEFAULT_ENGINE_OPTIONS): SourceOutcome {
  // A file holding a payload for calls elsewhere need not name createSource itself (issue 5).
  const external = (options.analysis?.externalPayloads?.length ?? 0) > 0;
  if (!external && !mightContainCalls(text, options.prefilter)) return { kind: 'ok', output: text, result: EMPTY };
  const parsed = parseSource(text, dialect);
  if (!parsed.ok) return failure('parse-error', parsed.error.message, parsed.error.offset);
  let result: EngineResult;
  let output: string;
  try {
    result = migrateAst(text, parsed.ast, options);
    output = result.edits.length > 0 ? applyEdits(text, result.edits) : text;
  } catch (error) {
    if (error instanceof EditConflictError) return failure('internal-error', error.message);
    throw error;
  }
  if (output !== text) {
    const check = parseSource(output, dialect);
    if (!check.ok) return failure('internal-error', `the migrated text would not parse (${check.error.message})`);
  }
  return { kind: 'ok', output, result };
}
