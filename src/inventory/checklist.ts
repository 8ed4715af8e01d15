// What remains outside the front end once payloads use sessions, as data: what shows it is done, which source lines
// suggest it is needed, and the section of Digital River's guide that asks for it.

import type { FindingId } from '../rules/findings.js';
import { guideSection } from '../rules/links.js';

/** An HTTP method, as a request names it (upper case). */
export type HttpVerb = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

export interface ChecklistRule {
  readonly id: 'session-id-to-page' | 'confirm-before-order' | 'secondary-sources';
  readonly title: string;
  /** Code that shows the step is taken. */
  readonly done: RegExp;
  /** Code that suggests the step is needed. */
  readonly suggests: RegExp;
  /**
   * Lines that suggest the step only in a file that also has a line matching `file` (both with `verbs` applied): a
   * value whose meaning depends on where the file sends its requests.
   */
  readonly suggestsInFile?: { readonly line: RegExp; readonly file: RegExp };
  /**
   * The request methods a suggesting line must use to count. A line whose request method cannot be told still counts,
   * so that no real request is lost; one the code plainly makes with another method (a GET) does not.
   */
  readonly verbs?: readonly HttpVerb[];
  /** An engine finding that, in the same file, shows the step is not done there: that file's `done` lines are dropped. */
  readonly undoneBy?: FindingId;
  /** When true, each file that suggests the step must itself show it done (e.g. every file that creates orders). */
  readonly perFile: boolean;
  /** The guide's section that asks for the step, as a link users can open (issue 17). */
  readonly source: string;
}

export const CHECKLIST: readonly ChecklistRule[] = [
  {
    id: 'session-id-to-page',
    title: "Pass the checkout's payment.session.id (Commerce API: the cart's paymentSession.id) to the page that calls DigitalRiver.js",
    // The checkout's payment.session.id in any spelling, or the Commerce API cart's paymentSession property: its `.id`
    // is read there or later (`sessionId: data.cart.paymentSession`).
    done: /payment\.session\.id|payment\.session\[\s*['"]id['"]\s*\]|paymentSession\.id|paymentSession\s*\[\s*['"]id['"]\s*\]|(?<=\.|->)paymentSession\b|\[\s*['"]paymentSession['"]\s*\]|\[\s*['"]session['"]\s*\]\s*\[\s*['"]id['"]\s*\]|->session->id|getPaymentSession\(\)|payment_session_id/,
    suggests: /\/checkouts\b/,
    // A page whose inserted sessionId names nothing defined there has not been given the id, whatever else it reads.
    undoneBy: 'session-id-unbound',
    perFile: false,
    source: guideSection('creating-a-source-with-payment-sessions', 'Create sources'),
  },
  {
    id: 'confirm-before-order',
    title: 'Create the order (POST /orders) only when payment.session.state is "requires_confirmation"',
    done: /requires_confirmation/,
    suggests: /\/orders\b/,
    // Only creating an order needs the state check: reading orders (a GET) is no evidence the code creates them.
    verbs: ['POST'],
    perFile: true,
    source: guideSection('session-state', 'Session state'),
  },
  {
    id: 'secondary-sources',
    title: 'With only secondary sources attached, wait until amountRemainingToBeContributed is 0 before creating the order',
    done: /amountRemainingToBeContributed/,
    // Only a source attached to a checkout: a `/checkouts/{id}/sources/…` URL, or a request naming the attach with a
    // `sourceId` key (WordPress's `{ action: 'dr_attach_source', sourceId }`). A `sourceId` key elsewhere counts only in
    // a file that also sends to `/checkouts` (it is likely that request's body); a source saved to a customer, a
    // variable, a log line or a type annotation (`sourceId: string`, blanked before matching) never counts. The key is
    // not one after `?` (a ternary's branch).
    suggests: /\/checkouts\b.*\/sources\b|(?<=attach[_-]?source\b.*)(?:\bsourceId\s*:|["']sourceId["']\s*(?::|=>))/i,
    suggestsInFile: { line: /(?<!\?\s*)(?:\bsourceId\s*:|["']sourceId["']\s*(?::|=>))/, file: /\/checkouts\b/ },
    verbs: ['POST'],
    perFile: false,
    source: guideSection('amount-contributed-and-amount-remaining-to-be-contributed', 'Amount contributed and remaining'),
  },
];

/**
 * How a request's method is told from the call that sends it (applied by the inventory to the call around a line's
 * match): the callee's name (`$.get`, `axios.post`, `->get(`, `requests.get`, `new HttpPost(…)`, `router.get`).
 */
export const CALL_VERBS: readonly (readonly [RegExp, HttpVerb])[] = [
  [/^(?:get|getJSON|getForObject|getForEntity|HttpGet|GetMapping|wp_remote_get)$/i, 'GET'],
  [/^(?:head|HttpHead)$/i, 'HEAD'],
  [/^(?:post|postJSON|postForObject|postForEntity|HttpPost|PostMapping|wp_remote_post)$/i, 'POST'],
  [/^(?:put|HttpPut|PutMapping)$/i, 'PUT'],
  [/^(?:patch|HttpPatch|PatchMapping)$/i, 'PATCH'],
  [/^(?:delete|del|HttpDelete|DeleteMapping)$/i, 'DELETE'],
];

/** Calls that send a GET unless told otherwise: `fetch(url)` and `fetch(url, { headers })` without a `method`. */
export const GET_BY_DEFAULT = /^(?:fetch|axios)$/;

/**
 * A method named in a request's options or next to it: `method: 'POST'`, jQuery's `type: 'GET'`, a first argument
 * `'POST'` (Guzzle, requests.request), curl's `-X POST`, PHP's `CURLOPT_CUSTOMREQUEST, 'POST'`, Java's `.GET()`. A
 * captured word counts only when it is an HTTP method (`type: 'creditCard'` says nothing).
 */
export const NAMED_VERB =
  /\b(?:method|type|httpMethod)\s*(?::|=>|=)\s*['"`]([A-Za-z]+)['"`]|^\s*['"]([A-Za-z]+)['"]\s*,|(?:\s-X\s*|--request[\s=]+)['"]?([A-Za-z]+)|CURLOPT_CUSTOMREQUEST\s*,\s*['"]([A-Za-z]+)|\.(GET|POST|PUT|PATCH|DELETE)\s*\(/g;

/** A method given by a value that cannot be read here (`method: req.method`): the request's method cannot be told. */
export const METHOD_GIVEN = /\b(?:method|httpMethod)\s*(?::|=>|=)/;

/** PHP curl's switches, read on a request's line or the few after it. */
export const CURL_VERBS: readonly (readonly [RegExp, HttpVerb])[] = [
  [/\bCURLOPT_POST\b/, 'POST'],
  [/\bCURLOPT_HTTPGET\b/, 'GET'],
];

/** Bytes that must appear in a file for any checklist rule to match in it (the inventory's prefilter). */
export const CHECKLIST_WORDS = ['/checkouts', '/orders', '/sources', 'sourceId', 'session', 'Session', 'requires_confirmation', 'amountRemainingToBeContributed'];

/** Server-side languages scanned for the checklist, besides the script and template extensions. */
export const SERVER_EXTENSIONS = ['php', 'py', 'rb', 'java', 'kt', 'cs', 'go', 'scala', 'groovy', 'ds'];
