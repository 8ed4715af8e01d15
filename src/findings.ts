// Every finding dr-migrate reports: its id, its severity and its wording, in one table (style.md §5).

/**
 * - `error`: the tool could not process the file (exit 2).
 * - `review`: code that still needs a person (exit 1 in every mode).
 * - `warning`: a migration was made that the user should look at; does not fail a check on its own.
 * - `info`: evidence and decisions, shown with --verbose and in machine-readable output.
 */
export type Severity = 'error' | 'review' | 'warning' | 'info';

type Data = Readonly<Record<string, string>>;

interface FindingSpec {
  readonly severity: Severity;
  readonly message: (data: Data) => string;
}

const d = (data: Data, key: string): string => data[key] ?? '?';

/** What became of a payload built in another file, by the status of its plan there (issue 5). */
const ELSEWHERE: Readonly<Record<string, string>> = {
  migrated: 'migrated there',
  'already-migrated': 'it already uses payment sessions',
  kept: 'it is kept as it is',
  filtered: 'its method is not among --methods',
  review: 'it needs review there',
  'not-digitalriver': 'it is not a DigitalRiver.js payload',
};

export const FINDINGS = {
  migrated: {
    severity: 'info',
    message: (x) => `Migrated ${x.what ?? `${d(x, 'method')} payload`}: ${d(x, 'summary')}.`,
  },
  'already-migrated': {
    severity: 'info',
    message: (x) => `${x.what ?? `${d(x, 'method')} payload`} already uses payment sessions; nothing to change.`,
  },
  'card-amounts-kept': {
    severity: 'info',
    message: () =>
      'Credit card payload keeps amount/currency (the docs remove nothing for cards); use --remove-card-amounts to drop them.',
  },
  'inferred-removal': {
    severity: 'warning',
    message: (x) =>
      `TreviPay (msts): removed ${d(x, 'keys')} by inference; Digital River documents no legacy TreviPay payload. Check it.`,
  },
  'unknown-key': {
    severity: 'info',
    message: (x) =>
      `Kept "${d(x, 'key')}": not a documented ${d(x, 'method')} field; check it is still wanted with payment sessions.`,
  },
  'unused-after-migration': {
    severity: 'info',
    message: (x) => `"${d(x, 'name')}" only fed the removed ${d(x, 'field')}: nothing uses it after the migration; delete it if nothing else needs it.`,
  },
  'top-level-shipping-kept': {
    severity: 'warning',
    message: (x) =>
      `Kept the top-level "shipping" of this ${d(x, 'method')} payload: the guide removes ${d(x, 'details')} (the checkout's payment session supplies the shipping address) and lists no top-level shipping; remove it by hand if the checkout already holds the address.`,
  },
  // Issue 17: a sessionId that names nothing throws a ReferenceError on the page, so it fails the check until defined.
  // A value already in the code (`inCode`) is not replaced by running again with another --session-id: it is edited.
  'session-id-unbound': {
    severity: 'review',
    message: (x) =>
      `${x.inCode ? 'This sessionId value' : 'The inserted sessionId'} uses "${d(x, 'root')}", which is not defined here, so the page would throw a ReferenceError: define "${d(x, 'root')}" with the checkout's payment.session.id, or ${x.inCode ? 'replace the value with the expression that holds it' : 'pass the expression that holds it with --session-id'}${x.inScope ? ` (in scope here: ${x.inScope})` : ''}.`,
  },
  // Issue 18: a card-saving form is no checkout; a checkout session id does not belong in its payload.
  'saved-card-flow': {
    severity: 'review',
    message: (x) =>
      `Card payload not migrated: it is sent with usage ${d(x, 'usage')} and no "${d(x, 'root')}" is in scope, as on a page that saves a card without a checkout, where no payment session exists; if this runs at checkout, pass the session id to this code (or use --session-id) and run again.`,
  },
  'merge-unchecked': {
    severity: 'info',
    message: (x) =>
      `Payload already sends sessionId (migrated); the merged \`${d(x, 'expression')}\` cannot be traced, so it was not checked for legacy fields.`,
  },
  'not-digitalriver': {
    severity: 'info',
    message: (x) => `Left alone, not a DigitalRiver.js createSource call: ${d(x, 'why')}.`,
  },
  'method-filtered': {
    severity: 'info',
    message: (x) => `Skipped ${d(x, 'method')} payload: not among --methods.`,
  },
  'payload-unresolved': {
    severity: 'review',
    message: (x) => `Payload not migrated: ${d(x, 'why')}; migrate it by hand.`,
  },
  'type-unresolved': {
    severity: 'review',
    message: (x) => `Payload not migrated: its payment method type ${d(x, 'why')}.`,
  },
  'type-conflict': {
    severity: 'review',
    message: (x) =>
      `Payload not migrated: its type may be ${d(x, 'types')}, which need different removals; migrate it by hand.`,
  },
  'method-not-in-table': {
    severity: 'review',
    message: (x) =>
      `DigitalRiver.js payload of type "${d(x, 'method')}" has no documented removal list: add sessionId and check its fields by hand.`,
  },
  'shared-payload-conflict': {
    severity: 'review',
    message: () =>
      'Payload not migrated: this object literal reaches createSource calls that need different migrations.',
  },
  'statement-unremovable': {
    severity: 'review',
    message: (x) =>
      `"${d(x, 'field')}" is set by a statement that cannot be removed on its own (${d(x, 'why')}); remove it by hand.`,
  },
  'legacy-branch': {
    severity: 'review',
    message: (x) =>
      `"${d(x, 'field')}" is still set on a path where no sessionId is sent (legacy branch); remove that branch once sessions are live.`,
  },
  'parse-error': {
    severity: 'error',
    message: (x) => `Could not parse: ${d(x, 'why')}; file left unchanged.`,
  },
  'file-error': {
    severity: 'error',
    message: (x) => `Could not process the file: ${d(x, 'why')}; file left unchanged.`,
  },
  'internal-error': {
    severity: 'error',
    message: (x) => `Internal error, file left unchanged: ${d(x, 'why')}. Please report this with the file.`,
  },
  'legacy-branch-dropped': {
    severity: 'info',
    message: (x) => `Dropped the legacy-only else branch that set "${d(x, 'field')}" (its if tests the session's presence).`,
  },
  'filter-kept': {
    severity: 'info',
    message: (x) =>
      `Kept the "${d(x, 'key')}" filter of retrieveAvailablePaymentMethods next to sessionId; check it is still wanted.`,
  },
  'dropin-session-missing': {
    severity: 'review',
    message: () => 'Drop-in in checkout flow without a sessionId: pass the checkout\'s payment.session.id as sessionId.',
  },
  'dropin-session-in-manage-flow': {
    severity: 'review',
    message: () => 'Drop-in in the managePaymentMethods flow must not be given a sessionId; remove it.',
  },
  // Issue 18: a configuration that cannot be traced may lack the sessionId a checkout flow needs, or carry one a
  // managePaymentMethods flow must not have; only a person can tell, so it is a review item.
  'dropin-unresolved': {
    severity: 'review',
    message: (x) =>
      `Drop-in configuration cannot be checked: ${d(x, 'why')}; make sure a checkout-flow Drop-in gets the checkout's payment.session.id (sessionId) and a managePaymentMethods one does not.`,
  },
  // Issue 18: a createDropin call neither its receiver nor its configuration shows to be DigitalRiver.js's.
  'dropin-receiver-untraced': {
    severity: 'review',
    message: (x) =>
      `Drop-in not checked: \`${d(x, 'receiver')}\` is not traced to new DigitalRiver(…) and its configuration cannot be checked (${d(x, 'why')}); if it is DigitalRiver.js's Drop-in, make sure a checkout-flow one gets sessionId and a managePaymentMethods one does not.`,
  },
  // Issue 18: a paymentRequest left as it is has not been migrated: it is never reported as already migrated.
  'payment-request-kept': {
    severity: 'info',
    message: () =>
      'Kept paymentRequest as it is: DigitalRiver.js still needs its country, currency and total; pass --payment-request-session-id to add sessionId too.',
  },
  'template-unparsable': {
    severity: 'review',
    message: (x) =>
      x.tags === 'none'
        ? `Script block left unchanged: it does not parse as JavaScript (${d(x, 'why')}); migrate its createSource payloads by hand.`
        : `Script block left unchanged: its template tags make it impossible to read safely (with the tags set aside it does not parse: ${d(x, 'why')}); migrate its createSource payloads by hand.`,
  },
  'template-tag-conflict': {
    severity: 'review',
    message: (x) =>
      `Script block left unchanged: the template tag ${d(x, 'tag')} ${d(x, 'why')}, so the migration cannot be applied safely; migrate this block by hand.`,
  },
  // Issue 5: payloads across modules, payload types, --verify.
  'payload-elsewhere': {
    severity: 'info',
    message: (x) => `Payload built at ${d(x, 'target')}: ${ELSEWHERE[x.status ?? ''] ?? 'see the finding there'}.`,
  },
  'payload-for-sites': {
    severity: 'info',
    message: (x) => `This payload is built for the createSource call(s) at ${d(x, 'sites')}.`,
  },
  // Issue 13: builders found by name for calls that cannot be traced.
  'payload-by-name': {
    severity: 'info',
    message: (x) =>
      `Payload built by a \`${d(x, 'name')}\` method found by name (the call cannot be traced): ${d(x, 'builders')}; ${ELSEWHERE[x.status ?? ''] ?? 'see the findings there'}.`,
  },
  // A warning: the builder was chosen by its name and its own code, so it is shown with what it is for.
  'builder-by-name': {
    severity: 'warning',
    message: (x) =>
      `Taken for the builder of the createSource call(s) at ${d(x, 'sites')}, found by its name \`${d(x, 'name')}\`: ${d(x, 'why')}.`,
  },
  'payload-type-updated': {
    severity: 'info',
    message: (x) => `Updated the payload type ${d(x, 'name')} to match the migrated payload: ${d(x, 'summary')}.`,
  },
  'payload-type-member-optional': {
    severity: 'warning',
    message: (x) =>
      `"${d(x, 'member')}" of ${d(x, 'name')} is still used at ${d(x, 'uses')}: made optional instead of removed; remove it once nothing uses it.`,
  },
  'payload-type-external': {
    severity: 'warning',
    message: (x) =>
      `The payload's type ${d(x, 'name')} is declared in ${d(x, 'file')}, which dr-migrate never edits: check that the migrated payload still type-checks (--verify).`,
  },
  'verify-diagnostic': {
    severity: 'review',
    message: (x) => `The migration would introduce TypeScript error TS${d(x, 'code')}: ${d(x, 'text')}`,
  },
  'folder-error': {
    severity: 'error',
    message: (x) => `Could not search this folder: ${d(x, 'why')}; the files in it were not scanned.`,
  },
} as const satisfies Record<string, FindingSpec>;

export type FindingId = keyof typeof FINDINGS;

export function severityOf(id: FindingId): Severity {
  return FINDINGS[id].severity;
}

export function messageOf(id: FindingId, data: Data): string {
  return FINDINGS[id].message(data);
}

export const FINDING_IDS = Object.keys(FINDINGS) as FindingId[];
