// One script's text in, its migrated text and findings out; the re-parse check guards every change (issue 2 point 7).

import { messageOf, severityOf, type FindingId } from '../rules/findings.js';
import { DEFAULT_SESSION_ID } from '../rules/defaults.js';
import { METHOD_TYPES } from '../rules/methods.js';
import { forgetPaths } from './babel.js';
import { applyEdits, EditConflictError } from '../rewrite/edits.js';
import { migrateAst } from './engine.js';
import { editedLiteralsParse } from './local-reparse.js';
import { parseSource, type Dialect } from './parse.js';
import { mightContainCalls } from './prefilter.js';
import type { EngineOptions, EngineResult, RawFinding } from './types.js';

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  sessionId: DEFAULT_SESSION_ID,
  methods: new Set(METHOD_TYPES),
  removeCardAmounts: false,
};

export type SourceOutcome =
  | { readonly kind: 'ok'; readonly output: string; readonly result: EngineResult }
  | { readonly kind: 'failed'; readonly finding: RawFinding };

// The prefilter lives in a Babel-free module so discovery and reading can use it without loading a parser.
export { mightContainBytes, mightContainCalls, PREFILTER_WORDS } from './prefilter.js';

const EMPTY: EngineResult = { edits: [], findings: [], sites: [], migrated: {}, instances: [] };

function failure(id: FindingId, why: string, offset = 0): SourceOutcome {
  const data = { why };
  return { kind: 'failed', finding: { id, severity: severityOf(id), offset, message: messageOf(id, data), data } };
}

export function migrateSource(text: string, dialect: Dialect, options: EngineOptions = DEFAULT_ENGINE_OPTIONS): SourceOutcome {
  // A file holding a payload for calls elsewhere need not name createSource itself (issues 5 and 13).
  const external = (options.analysis?.externalPayloads?.length ?? 0) > 0 || (options.analysis?.builders?.length ?? 0) > 0;
  if (!external && !mightContainCalls(text, options.prefilter)) return { kind: 'ok', output: text, result: EMPTY };
  const parsed = parseSource(text, dialect);
  if (!parsed.ok) return failure('parse-error', parsed.error.message, parsed.error.offset);
  let result: EngineResult;
  let output: string;
  try {
    try {
      result = migrateAst(text, parsed.ast, options);
    } finally {
      forgetPaths();
    }
    output = result.edits.length > 0 ? applyEdits(text, result.edits) : text;
  } catch (error) {
    if (error instanceof EditConflictError) return failure('internal-error', error.message);
    throw error;
  }
  // The edited literals parsed alone vouch for the file when every edit is inside one; otherwise the whole text.
  if (output !== text && !editedLiteralsParse(parsed.ast, text, result.edits, parsed.plugins)) {
    const check = parseSource(output, dialect);
    if (!check.ok) return failure('internal-error', `the migrated text would not parse (${check.error.message})`);
  }
  return { kind: 'ok', output, result };
}
