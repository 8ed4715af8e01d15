// What remains outside the front end once payloads use sessions (spec §7), as data: what shows it is done, and
// which source lines suggest it is needed.

export interface ChecklistRule {
  readonly id: 'session-id-to-page' | 'confirm-before-order' | 'secondary-sources';
  readonly title: string;
  /** Code that shows the step is taken. */
  readonly done: RegExp;
  /** Code that suggests the step is needed. */
  readonly suggests: RegExp;
  /** When true, each file that suggests the step must itself show it done (e.g. every file that creates orders). */
  readonly perFile: boolean;
  readonly source: string;
}

export const CHECKLIST: readonly ChecklistRule[] = [
  {
    id: 'session-id-to-page',
    title: "Pass the checkout's payment.session.id (Commerce API: the cart's paymentSession.id) to the page that calls DigitalRiver.js",
    done: /payment\.session\.id|paymentSession\.id|\[\s*['"]session['"]\s*\]\s*\[\s*['"]id['"]\s*\]|->session->id|getPaymentSession\(\)|payment_session_id/,
    suggests: /\/checkouts\b/,
    perFile: false,
    source: 'spec §1, §7',
  },
  {
    id: 'confirm-before-order',
    title: 'Create the order (POST /orders) only when payment.session.state is "requires_confirmation"',
    done: /requires_confirmation/,
    suggests: /\/orders\b/,
    perFile: true,
    source: 'spec §7; payment-sessions.txt § "Session state"',
  },
  {
    id: 'secondary-sources',
    title: 'With only secondary sources attached, wait until amountRemainingToBeContributed is 0 before creating the order',
    done: /amountRemainingToBeContributed/,
    // A source attached to a checkout: `/checkouts/{id}/sources/…` or `{ sourceId: value }` (not a type annotation).
    suggests: /\/sources\b|["']sourceId["']\s*:|\bsourceId\s*:\s*[\w$.[\]'"]+\s*[,}]/,
    perFile: false,
    source: 'spec §7; payment-sessions.txt § "Amount contributed and amount remaining to be contributed"',
  },
];

/** Bytes that must appear in a file for any checklist rule to match in it (the inventory's prefilter). */
export const CHECKLIST_WORDS = ['/checkouts', '/orders', '/sources', 'sourceId', 'session', 'Session', 'requires_confirmation', 'amountRemainingToBeContributed'];

/** Server-side languages scanned for the checklist, besides the script and template extensions. */
export const SERVER_EXTENSIONS = ['php', 'py', 'rb', 'java', 'kt', 'cs', 'go', 'scala', 'groovy', 'ds'];
