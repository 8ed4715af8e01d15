// The per-method removal rules of payment sessions, as data (spec §2, seed "Migrating to payment sessions").
// Every transform, the `methods` listing and the fixtures' structural test are driven from this one table.

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

/** Special handling that the docs ask for beyond a plain removal list (spec §2 notes, §3). */
export type MethodPolicy =
  /** Credit cards: `amount`/`currency` are kept and reported unless the user opts in to removing them (spec §3). */
  | 'card-amounts'
  /** TreviPay: the removals are our inference, not documented; they are reported as such (spec §2 notes). */
  | 'inferred-removals';

export interface MethodRule {
  readonly type: MethodType;
  /** The heading of the method's section in the seed document. */
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
  /** Where the rule comes from. */
  readonly citation: string;
}

/** The two top-level fields that session data replaces for nearly every method (seed, each method's section). */
export const AMOUNT_AND_CURRENCY = ['amount', 'currency'] as const;

/** The six PayPal details fields the session supplies (seed "PayPal", "PayPal Billing", "PayPal Credit"). */
export const PAYPAL_DETAILS = [
  'items',
  'taxAmount',
  'shippingAmount',
  'amountsEstimated',
  'requestShipping',
  'shipping',
] as const;

/** The fifteen Klarna details fields the session supplies (seed "Klarna", "Klarna Recurring"). */
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

/** Redirect URLs that redirect methods keep under their details key (seed examples). */
export const REDIRECT_URLS = ['returnUrl', 'cancelUrl'] as const;

/** Top-level keys every payload may carry without being reported as unknown. */
export const COMMON_TOP_LEVEL = ['type', 'sessionId', 'owner'] as const;

const SEED = 'payment-sessions.txt';

function amountOnly<T extends MethodType>(type: T, heading: string, keepDetails: readonly string[] = REDIRECT_URLS): MethodRule & { readonly type: T } {
  return {
    type,
    heading,
    detailsKeys: [type],
    removeTopLevel: AMOUNT_AND_CURRENCY,
    removeDetails: [],
    keepDetails,
    citation: `${SEED} § "${heading}"; spec §2`,
  };
}

function payPalVariant<T extends MethodType>(type: T, heading: string): MethodRule & { readonly type: T } {
  // Billing and Credit: prose names `<type>.*`, the examples nest under `payPal`; real code does both (spec §2 notes).
  const detailsKeys = type === 'payPal' ? ['payPal'] : [type, 'payPal'];
  return {
    type,
    heading,
    detailsKeys,
    removeTopLevel: AMOUNT_AND_CURRENCY,
    removeDetails: PAYPAL_DETAILS,
    keepDetails: REDIRECT_URLS,
    citation: `${SEED} § "${heading}"; spec §2`,
  };
}

function klarnaVariant<T extends MethodType>(type: T, heading: string): MethodRule & { readonly type: T } {
  return {
    type,
    heading,
    detailsKeys: [type],
    removeTopLevel: AMOUNT_AND_CURRENCY,
    removeDetails: KLARNA_DETAILS,
    keepDetails: REDIRECT_URLS,
    citation: `${SEED} § "${heading}"; spec §2`,
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
    citation: `${SEED} § "Credit Card"; spec §2, §3`,
  },
  payPal: payPalVariant('payPal', 'PayPal'),
  payPalBilling: payPalVariant('payPalBilling', 'PayPal Billing'),
  payPalCredit: payPalVariant('payPalCredit', 'PayPal Credit'),
  directDebit: amountOnly('directDebit', 'Direct Debit'),
  wireTransfer: amountOnly('wireTransfer', 'Wire Transfer'),
  codJapan: amountOnly('codJapan', 'Cash on Delivery - Japan'),
  payco: amountOnly('payco', 'Payco - Korea Payments'),
  bankTransfer: amountOnly('bankTransfer', 'Bank Transfer - Korea Payments'),
  onlineBanking: amountOnly('onlineBanking', 'Online Banking - IBP', [...REDIRECT_URLS, 'bankCode']),
  bPay: amountOnly('bPay', 'bPay'),
  konbini: amountOnly('konbini', 'Konbini', [...REDIRECT_URLS, 'storeId']),
  klarnaCredit: klarnaVariant('klarnaCredit', 'Klarna'),
  klarnaCreditRecurring: klarnaVariant('klarnaCreditRecurring', 'Klarna Recurring'),
  msts: {
    // TreviPay has no section in the seed and no legacy form anywhere; the removals are inferred (spec §2 notes).
    type: 'msts',
    heading: 'TreviPay',
    detailsKeys: ['msts'],
    removeTopLevel: AMOUNT_AND_CURRENCY,
    removeDetails: [],
    keepDetails: REDIRECT_URLS,
    policy: 'inferred-removals',
    citation: `${SEED} (listed, no section); spec §2 TreviPay row (inferred)`,
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
  /** Remove `amount`/`currency` from credit-card payloads too (spec §3 opt-in). */
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
