// User-facing migration options, validated once and turned into what the engine needs.

import type { ParserPlugin } from '@babel/parser';
import { requireParser } from './lazy-parser.cjs';
import { METHOD_TYPES, isMethodType, type MethodType } from './rules/methods.js';
import type { EngineOptions } from './engine/types.js';
import { UsageError } from './errors.js';
import { didYouMean } from './cli/suggest.js';
import { DEFAULT_PHP_SESSION_ID, DEFAULT_SESSION_ID } from './rules/defaults.js';

// Re-exported from errors.ts, where every error class lives (issue 16).
export { UsageError };

export interface MigrationOptions {
  /** Expression inserted as the `sessionId` value (default: the identifier `sessionId`). */
  readonly sessionId?: string;
  /** PHP expression inserted as the `sessionId` value of payload arrays built in PHP (default: `$sessionId`). */
  readonly phpSessionId?: string;
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

/**
 * A dotted name such as `checkout.payment.session.id` is valid without asking the parser, unless its root is a
 * reserved word (other than `this`): those are left to the parser.
 */
const DOTTED_NAME = /^([A-Za-z_$][\w$]*)(?:\.[A-Za-z_$][\w$]*)*$/;
const KEYWORDS = new Set(
  ('await break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if implements import in instanceof interface let new null package private protected public return static ' +
    'super switch throw true try typeof var void while with yield').split(' '),
);

/**
 * The `--session-id` value must be one plain JavaScript expression: it is inserted as a property value in `.js`
 * and `.ts` files alike, so TypeScript-only syntax, a bare comma (which would start a new property) and trailing
 * comments (which would swallow the rest of the line) are refused. Parentheses are kept as written.
 * `configKey` (e.g. `dr-migrate.config.json: "sessionId"`) names the setting when the value comes from a configuration
 * file: the message then names that key, not the flag, and never the parser's wording (issue 17 item 10).
 */
export function validateSessionExpression(expr: string, configKey?: string): string {
  const trimmed = expr.trim();
  const shown = JSON.stringify(expr);
  const inConfig = (): never => {
    throw new UsageError(`${configKey} must be one JavaScript expression, such as checkout.payment.session.id, got the string ${shown}`);
  };
  if (trimmed === '') return configKey !== undefined ? inConfig() : fail('--session-id must be a JavaScript expression, got an empty string');
  // The parser is loaded only for an expression the quick test cannot vouch for (issue 7: no Babel at start-up).
  const root = DOTTED_NAME.exec(trimmed)?.[1];
  if (root !== undefined && !KEYWORDS.has(root)) return trimmed;
  const why = expressionProblem(trimmed, []);
  if (why === undefined) return trimmed;
  if (configKey !== undefined) return inConfig();
  if (expressionProblem(trimmed, ['typescript']) === undefined) {
    throw new UsageError(`--session-id ${shown} uses TypeScript-only syntax; it is also inserted into .js files, so write it in plain JavaScript`);
  }
  throw new UsageError(`--session-id ${shown} is not a JavaScript expression (${why})`);
}

function fail(message: string): never {
  throw new UsageError(message);
}

function expressionProblem(text: string, plugins: ParserPlugin[]): string | undefined {
  try {
    const node = requireParser().parseExpression(text, { plugins, createParenthesizedExpressions: true });
    if (node.end !== text.length) return 'text after the expression';
    if (node.type === 'SequenceExpression') return 'a comma expression; wrap it in parentheses';
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.replace(/\s*\(\d+:\d+\)$/, '').replace(/[\r\n]+/g, ' ') : String(error);
  }
}

/** `$var`, then any chain of `->name`, `->name()` and `['key']`/`["key"]`/`[0]`: what a payload array can name safely. */
const PHP_EXPRESSION = /^\$[A-Za-z_][A-Za-z0-9_]*(?:->[A-Za-z_][A-Za-z0-9_]*(?:\(\))?|\[(?:'[^'\\]*'|"[^"\\$]*"|[0-9]+)\])*$/;

/** The `--php-session-id` value: a plain PHP variable, property, getter call or array lookup, nothing that could run. */
export function validatePhpSessionExpression(expr: string, configKey?: string): string {
  const trimmed = expr.trim();
  if (PHP_EXPRESSION.test(trimmed)) return trimmed;
  if (configKey !== undefined) {
    throw new UsageError(`${configKey} must be a plain PHP expression, such as $sessionId, $this->session->getId() or $data['sessionId'], got the string ${JSON.stringify(expr)}`);
  }
  throw new UsageError(
    `--php-session-id ${JSON.stringify(expr)} is not a plain PHP expression (a variable such as $sessionId, $this->session->getId() or $data['sessionId'])`,
  );
}

/** ` (did you mean payPal?)` for a slip, else the whole list of method types. */
export function knownMethods(typed: string): string {
  return didYouMean(typed, METHOD_TYPES) || ` (known: ${METHOD_TYPES.join(', ')})`;
}

export function parseMethods(list: readonly string[] | undefined): ReadonlySet<MethodType> {
  if (!list || list.length === 0) return new Set(METHOD_TYPES);
  const out = new Set<MethodType>();
  for (const raw of list.flatMap((s) => s.split(','))) {
    const m = raw.trim();
    if (m === '') continue;
    if (!isMethodType(m)) throw new UsageError(`unknown payment method "${m}" in --methods${knownMethods(m)}`);
    out.add(m);
  }
  if (out.size === 0) throw new UsageError('--methods names no payment method');
  return out;
}

export function toEngineOptions(options: MigrationOptions = {}): EngineOptions {
  return {
    sessionId: validateSessionExpression(options.sessionId ?? DEFAULT_SESSION_ID),
    phpSessionId: validatePhpSessionExpression(options.phpSessionId ?? DEFAULT_PHP_SESSION_ID),
    methods: parseMethods(options.methods),
    removeCardAmounts: options.removeCardAmounts ?? false,
    markReview: options.markReview ?? false,
    paymentRequestSessionId: options.paymentRequestSessionId ?? false,
    dropLegacyBranches: options.dropLegacyBranches ?? false,
  };
}
