// Generated payload programs, part 1: the model (what the program holds), drawn by fast-check from the rules table.

import fc from 'fast-check';
import { AMOUNT_AND_CURRENCY, METHOD_RULES, METHOD_TYPES, type MethodType } from '../../src/rules/methods.js';

export type Quote = 'bare' | 'single' | 'double' | 'computed';
/** Where a property is set: in the payload literal, by a statement after it, in a merged base, in Object.assign. */
export type Place = 'literal' | 'after' | 'base' | 'assign';
export type Origin =
  | 'inline'
  | 'variable'
  | 'var-in-if'
  | 'fields-after'
  | 'assign-statement'
  | 'assign-merge'
  | 'spread-merge'
  | 'jquery-extend'
  | 'underscore-extend'
  | 'apply-args'
  | 'spread-args';

/** The merges that take a base literal: `Object.assign({}, base, {…})`, `{ ...base, … }`, `$.extend`, `_.extend`. */
export const MERGES: readonly Origin[] = ['assign-merge', 'spread-merge', 'jquery-extend', 'underscore-extend'];
export type Comment = 'none' | 'trailing' | 'own-line' | 'block-before' | 'blank-line-before';

export interface PropModel {
  readonly key: string;
  readonly quote: Quote;
  /** Index into VALUES (render side). */
  readonly value: number;
  readonly comment: Comment;
  readonly place: Place;
}

export interface DetailsModel {
  readonly key: string;
  readonly quote: Quote;
  /** `literal`: inside the payload literal; `after`: `payload.details = {…}` after it. */
  readonly place: 'literal' | 'after';
  readonly props: readonly PropModel[];
}

export interface ProgramModel {
  readonly method: MethodType;
  readonly removeCardAmounts: boolean;
  readonly origin: Origin;
  readonly element: boolean;
  readonly typeQuote: Quote;
  /** How the `type` value is written: a string in either quote, a template literal, or a local constant. */
  readonly typeForm: 'single' | 'double' | 'template' | 'const';
  /** A second function in the file with its own (wire transfer) payload, migrated independently. */
  readonly companion: boolean;
  /** Statements end with `;` or rely on automatic semicolon insertion. */
  readonly semicolons: boolean;
  /** Where `type` stands among the literal's properties (clamped to their number). */
  readonly typeIndex: number;
  /** What precedes the program: nothing, a byte-order mark, or non-ASCII text (offsets are UTF-16, files UTF-8). */
  readonly header: 'plain' | 'bom' | 'unicode';
  readonly top: readonly PropModel[];
  readonly details?: DetailsModel;
  readonly multiline: boolean;
  readonly indent: string;
  readonly eol: '\n' | '\r\n' | '\r';
  readonly trailingCommas: boolean;
  readonly colon: ': ' | ':' | ' : ';
  readonly declaration: 'var' | 'let' | 'const';
  readonly accessor: 'dot' | 'single' | 'double';
  readonly ext: 'js' | 'jsx' | 'mjs' | 'cjs' | 'ts' | 'tsx';
  /** The `--session-id` expression; each evaluates to the session id the program is called with. */
  readonly sessionExpr: string;
}

/** Number of value shapes the renderer knows; the last one is a shorthand property (`amount,`). */
export const VALUE_COUNT = 13;

const quote = fc.constantFrom<Quote>('bare', 'single', 'double', 'computed');
const comment = fc.constantFrom<Comment>('none', 'none', 'trailing', 'own-line', 'block-before', 'blank-line-before');

/** A random subset of `keys`, each as a property with its own style. */
function propsOf(keys: readonly string[], places: readonly Place[]): fc.Arbitrary<PropModel[]> {
  if (keys.length === 0) return fc.constant([]);
  return fc.subarray([...keys]).chain((chosen) =>
    fc.tuple(
      ...chosen.map((key) =>
        fc.record({ key: fc.constant(key), quote, value: fc.nat(VALUE_COUNT - 1), comment, place: fc.constantFrom(...places) }),
      ),
    ),
  );
}

/** Which places an origin can put top-level fields in (the literal always holds `type`). */
function topPlaces(origin: Origin): Place[] {
  if (origin === 'fields-after') return ['literal', 'after'];
  if (origin === 'assign-statement') return ['literal', 'assign'];
  if (MERGES.includes(origin)) return ['literal', 'base'];
  return ['literal'];
}

export const programModel: fc.Arbitrary<ProgramModel> = fc
  .record({
    method: fc.constantFrom(...METHOD_TYPES),
    origin: fc.constantFrom<Origin>(
      'inline',
      'variable',
      'var-in-if',
      'fields-after',
      'assign-statement',
      'assign-merge',
      'spread-merge',
      'jquery-extend',
      'underscore-extend',
      'apply-args',
      'spread-args',
    ),
  })
  .chain(({ method, origin }) => {
    const rule = METHOD_RULES[method];
    // Every field the docs remove for the method, the fields they keep, and fields in no list (kept, reported).
    const topKeys = [...new Set([...AMOUNT_AND_CURRENCY, ...rule.removeTopLevel, 'owner', 'upstreamId'])];
    const detailKeys = [...new Set([...rule.removeDetails, ...rule.keepDetails, 'notes'])];
    const detailPlaces: Place[] = origin === 'fields-after' ? ['literal', 'after'] : ['literal'];
    const details: fc.Arbitrary<DetailsModel | undefined> = fc.option(
      fc.record({
        key: fc.constantFrom(...rule.detailsKeys),
        quote,
        place: origin === 'fields-after' ? fc.constantFrom<'literal' | 'after'>('literal', 'after') : fc.constant<'literal'>('literal'),
        props: propsOf(detailKeys, detailPlaces),
      }),
      { nil: undefined },
    );
    return fc.record({
      method: fc.constant(method),
      removeCardAmounts: fc.boolean(),
      origin: fc.constant(origin),
      element: fc.boolean(),
      typeQuote: quote,
      typeIndex: fc.nat(6),
      header: fc.constantFrom<ProgramModel['header']>('plain', 'bom', 'unicode'),
      top: propsOf(topKeys, topPlaces(origin)),
      details,
      multiline: fc.boolean(),
      indent: fc.constantFrom('  ', '    ', '\t'),
      eol: fc.constantFrom<'\n' | '\r\n' | '\r'>('\n', '\n', '\r\n', '\r'),
      typeForm: fc.constantFrom<ProgramModel['typeForm']>('single', 'double', 'template', 'const'),
      semicolons: fc.boolean(),
      companion: fc.boolean(),
      trailingCommas: fc.boolean(),
      colon: fc.constantFrom<': ' | ':' | ' : '>(': ', ':', ' : '),
      declaration: fc.constantFrom<'var' | 'let' | 'const'>('var', 'let', 'const'),
      accessor: fc.constantFrom<'dot' | 'single' | 'double'>('dot', 'single', 'double'),
      ext: fc.constantFrom<ProgramModel['ext']>('js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx'),
      sessionExpr: fc.constantFrom('sessionId', 'cart.sessionId', '(cart.sessionId)', 'window.checkout.session.id'),
    });
  });
