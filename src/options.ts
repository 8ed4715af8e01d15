// User-facing migration options, validated once and turned into what the engine needs.

import { parseExpression } from '@babel/parser';
import { METHOD_TYPES, isMethodType, type MethodType } from './rules/methods.js';
import type { EngineOptions } from './engine/types.js';

/** A mistake in how the tool was called: reported in one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface MigrationOptions {
  /** Expression inserted as the `sessionId` value (default: the identifier `sessionId`). */
  readonly sessionId?: string;
  /** Payment method types to migrate (default: all). */
  readonly methods?: readonly string[];
  /** Remove `amount`/`currency` from credit-card payloads as well (default: false). */
  readonly removeCardAmounts?: boolean;
  /** Insert a `// TODO(dr-migrate): …` comment above each call site that needs review (default: false). */
  readonly markReview?: boolean;
  /** Add `sessionId` to `paymentRequest(…)` options too (default: false). */
  readonly paymentRequestSessionId?: boolean;
  /** Drop an `else` branch that only sets legacy fields when its `if` plainly tests the session (default: false). */
  readonly dropLegacyBranches?: boolean;
}

export function validateSessionExpression(expr: string): string {
  const trimmed = expr.trim();
  if (trimmed === '') throw new UsageError('--session-id must be a JavaScript expression, got an empty string');
  try {
    // Plain JavaScript: the value lands in .js files too, so TypeScript-only syntax (`x as string`) is refused.
    // parseExpression rejects trailing text itself; `(a || b)` is fine.
    const node = parseExpression(trimmed);
    if (node.type === 'SequenceExpression' && !node.extra?.parenthesized) throw new Error('a comma expression');
  } catch (error) {
    const raw = error instanceof Error ? error.message.replace(/\s*\(\d+:\d+\)$/, '') : String(error);
    const why = raw.startsWith('Unexpected parseExpression() input') ? 'unexpected text after the expression' : raw;
    throw new UsageError(`--session-id "${expr}" is not a JavaScript expression (${why})`);
  }
  return trimmed;
}

export function parseMethods(list: readonly string[] | undefined): ReadonlySet<MethodType> {
  if (!list || list.length === 0) return new Set(METHOD_TYPES);
  const out = new Set<MethodType>();
  for (const raw of list.flatMap((s) => s.split(','))) {
    const m = raw.trim();
    if (m === '') continue;
    if (!isMethodType(m)) throw new UsageError(`unknown payment method "${m}" in --methods (known: ${METHOD_TYPES.join(', ')})`);
    out.add(m);
  }
  if (out.size === 0) throw new UsageError('--methods names no payment method');
  return out;
}

export function toEngineOptions(options: MigrationOptions = {}): EngineOptions {
  return {
    sessionId: validateSessionExpression(options.sessionId ?? 'sessionId'),
    methods: parseMethods(options.methods),
    removeCardAmounts: options.removeCardAmounts ?? false,
    markReview: options.markReview ?? false,
    paymentRequestSessionId: options.paymentRequestSessionId ?? false,
    dropLegacyBranches: options.dropLegacyBranches ?? false,
  };
}
