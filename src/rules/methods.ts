// The per-method removal rules of payment sessions, as data, each citing its section of Digital River's guide.
// Every transform, the `methods` listing and the fixtures' structural test are driven from this one table.

import { guideSection } from './links.js';

/** Source `type` strings DigitalRiver.js accepts in a `createSource` payload that this table covers. */
export const METHOD_TYPES = [
  'creditCard',
  'payPal',
  'payPalBilling',
  'payPalCredit',
  'directDebit',
  'wireTransfer',
  'codJapan',
  'payco',
  'bankTransfer',
  'onlineBanking',
  'bPay',
  'konbini',
  'klarnaCredit',
  'klarnaCreditRecurring',
  'msts',
] as const;

export type MethodType = (typeof METHOD_TYPES)[number];

/** Special handling beyond a plain removal list. */
export type MethodPolicy =
  /**
   * Credit cards: the guide removes nothing, yet real card payloads carry `amount`/`currency`; they are kept and
   * reported unless the user opts in to removing them.
   */
  | 'card-amounts'
  /** TreviPay: the removals are our inference, not documented; they are reported as such. */
  | 'inferred-removals';

export interface MethodRule {
  readonly type: MethodType;
  /** The heading of the method's section in the guide's text the rules were taken from (test/data/payment-sessions.txt). */
  readonly heading: string;
  /** Accepted spellings of the method-details key; the first is the canonical one. */
  readonly detailsKeys: readonly string[];
  /** Keys removed from the payload's top level. */
  readonly removeTopLevel: readonly string[];
  /** Keys removed under whichever details key is present. */
  readonly removeDetails: readonly string[];
  /** Documented details keys that stay; any other kept key is reported as unknown. */
  readonly keepDetails: readonly string[];
  /** Documented top-level keys of this method besides `type`, `sessionId` and `owner`; they stay unreported. */
  readonly keepTopLevel?: readonly string[];
  readonly policy?: MethodPolicy;
  /** Where the rule comes from: the guide's section, as a link users can open (issue 17). */
  readonly citation: string;
}

/** The two top-level fields that session data replaces for nearly every method (the guide, each method's section). */
export const AMOUNT_AND_CURRENCY = ['amount', 'currency'] as const;

/** The six PayPal details fields the session supplies (the guide's "PayPal", "PayPal Billing", "PayPal Credit"). */
export const PAYPAL_DETAILS = [
  'items',
  'taxAmount',
  'shippingAmount',
  'amountsEstimated',
  'requestShipping',
  'shipping',
] as const;

/** The fifteen Klarna details fields the session supplies (the guide's "Klarna", "Klarna Recurring"). */
export const KLARNA_DETAILS = [
  'items',
  'locale',
  'discountAmount',
  'taxAmount',
  'shippingAmount',
  'shipping',
  'accountId',
  'accountCreatedDate',
  'accountUpdatedDate',
  'hasPaidBefore',
  'subscriptionDescription',
  'subscriptionStartDate',
  'subscriptionEndDate',
  'autoRenewal',
  'affiliateName',
] as const;

/** Redirect URLs that redirect methods keep under their details key (the guide's examples). */
export const REDIRECT_URLS = ['returnUrl', 'cancelUrl'] as const;

/** Top-level keys every payload may carry without being reported as unknown. */
export const COMMON_TOP_LEVEL = ['type', 'sessionId', 'owner'] as const;

function amountOnly<T extends MethodType>(type: T, heading: string, citation: string, keepDetails: readonly string[] = REDIRECT_URLS): MethodRule & { readonly type: T } {
  return {
    type,
    heading,
    detailsKeys: [type],
    removeTopLevel: AMOUNT_AND_CURRENCY,
    removeDetails: [],
    keepDetails,
    citation,
  };
}

function payPalVariant<T extends MethodType>(type: T, heading: string, citation: string): MethodRule & { readonly type: T } {
  // Billing and Credit: prose names `<type>.*`, the examples nest under `payPal`; real code does both.
  const detailsKeys = type === 'payPal' ? ['payPal'] : [type, 'payPal'];
  return {
    type,
    heading,
    detailsKeys,
    removeTopLevel: AMOUNT_AND_CURRENCY,
    removeDetails: PAYPAL_DETAILS,
    keepDetails: REDIRECT_URLS,
    citation,
  };
}

function klarnaVariant<T extends MethodType>(type: T, heading: string, citation: string): MethodRule & { readonly type: T } {
  return {
    type,
    heading,
    detailsKeys: [type],
    removeTopLevel: AMOUNT_AND_CURRENCY,
    removeDetails: KLARNA_DETAILS,
    keepDetails: REDIRECT_URLS,
    citation,
  };
}

/** The rules table: one entry per method `type`, complete by construction. */
export const METHOD_RULES = {
  creditCard: {
    type: 'creditCard',
    heading: 'Credit Card',
    detailsKeys: ['creditCard'],
    removeTopLevel: [],
    removeDetails: [],
    keepDetails: [],
    // A card source's `usage` (`convenience`, `subscription`, `unscheduled`) is a documented field that stays.
    keepTopLevel: ['usage'],
    policy: 'card-amounts',
    citation: guideSection('credit-card', 'Credit Card'),
  },
  payPal: payPalVariant('payPal', 'PayPal', guideSection('paypal', 'PayPal')),
  payPalBilling: payPalVariant('payPalBilling', 'PayPal Billing', guideSection('paypal-billing', 'PayPal Billing')),
  payPalCredit: payPalVariant('payPalCredit', 'PayPal Credit', guideSection('paypal-credit', 'PayPal Credit')),
  // The live page titles this section "SEPA Direct Debit".
  directDebit: amountOnly('directDebit', 'Direct Debit', guideSection('sepa-direct-debit', 'SEPA Direct Debit')),
  wireTransfer: amountOnly('wireTransfer', 'Wire Transfer', guideSection('wire-transfer', 'Wire Transfer')),
  codJapan: amountOnly('codJapan', 'Cash on Delivery - Japan', guideSection('cash-on-delivery-japan', 'Cash on Delivery - Japan')),
  payco: amountOnly('payco', 'Payco - Korea Payments', guideSection('payco-korea-payments', 'Payco - Korea Payments')),
  bankTransfer: amountOnly('bankTransfer', 'Bank Transfer - Korea Payments', guideSection('bank-transfer-korea-payments', 'Bank Transfer - Korea Payments')),
  onlineBanking: amountOnly('onlineBanking', 'Online Banking - IBP', guideSection('online-banking-ibp', 'Online Banking - IBP'), [...REDIRECT_URLS, 'bankCode']),
  bPay: amountOnly('bPay', 'bPay', guideSection('bpay', 'bPay')),
  konbini: amountOnly('konbini', 'Konbini', guideSection('konbini', 'Konbini'), [...REDIRECT_URLS, 'storeId']),
  klarnaCredit: klarnaVariant('klarnaCredit', 'Klarna', guideSection('klarna', 'Klarna')),
  klarnaCreditRecurring: klarnaVariant('klarnaCreditRecurring', 'Klarna Recurring', guideSection('klarna-recurring', 'Klarna Recurring')),
  msts: {
    // The guide lists TreviPay among the methods to update but gives it no section, and no legacy TreviPay payload is
    // documented anywhere: the removals are our inference, and the citation says so.
    type: 'msts',
    heading: 'TreviPay',
    detailsKeys: ['msts'],
    removeTopLevel: AMOUNT_AND_CURRENCY,
    removeDetails: [],
    keepDetails: REDIRECT_URLS,
    policy: 'inferred-removals',
    citation: `${guideSection('update-your-code', 'Update your code')} lists TreviPay without a section: removals inferred`,
  },
} as const satisfies { readonly [K in MethodType]: MethodRule & { readonly type: K } };

export function isMethodType(value: string): value is MethodType {
  return Object.hasOwn(METHOD_RULES, value);
}

export function ruleFor(type: MethodType): MethodRule {
  return METHOD_RULES[type];
}

/** Options that change what a rule removes. */
export interface RuleOptions {
  /** Remove `amount`/`currency` from credit-card payloads too (the `card-amounts` opt-in). */
  readonly removeCardAmounts: boolean;
}

/** Top-level keys removed for `type` once the user's options are applied. */
export function topLevelRemovals(rule: MethodRule, options: RuleOptions): readonly string[] {
  if (rule.policy === 'card-amounts' && options.removeCardAmounts) return AMOUNT_AND_CURRENCY;
  return rule.removeTopLevel;
}

/**
 * A key that identifies what a set of types would remove. Types with the same signature can be migrated
 * together when the exact type is not known (issue 5: "if every possible type shares the same removal list").
 */
export function removalSignature(type: MethodType, options: RuleOptions): string {
  const rule = ruleFor(type);
  return `${topLevelRemovals(rule, options).join(',')}|${rule.removeDetails.join(',')}`;
}
