// Every finding dr-migrate reports: its id, its severity and its wording, in one table (style.md §5).

import { README_URL } from './links.js';

/**
 * - `error`: the tool could not process the file (exit 2).
 * - `review`: code that still needs a person (exit 1 in every mode).
 * - `legacy`: a payload still to migrate, in a run that does not write it (--check, --dry-run, or a change not
 *   applied): the `migrated` finding of such a run (issue 17: it fails --check and is counted like the others).
 * - `warning`: a migration was made that the user should look at; does not fail a check on its own.
 * - `info`: evidence and decisions, shown with --verbose and in machine-readable output.
 */
export type Severity = 'error' | 'review' | 'legacy' | 'warning' | 'info';

/** Every severity, most serious first: the order counts and reports list them in. */
export const SEVERITIES: readonly Severity[] = ['error', 'review', 'legacy', 'warning', 'info'];

type Data = Readonly<Record<string, string>>;

/** The README sections (their GitHub anchors) that document findings; a finding's help page is one of them. */
export type ReadmeSection =
  | 'what-it-changes'
  | 'the-rules'
  | 'what-it-leaves-alone'
  | 'the-other-calls-sessions-change'
  | 'templates'
  | 'payloads-built-elsewhere'
  | 'usage'
  | 'robustness-and-safety';

interface FindingText {
  /** One sentence on what the finding is about, whatever the case: SARIF's rule description (issue 17). */
  readonly description: string;
  /** The README section that documents it. */
  readonly help: ReadmeSection;
  /**
   * The wording, from the data the finding carries. Each entry types its own parameter with the keys it reads, so a
   * misspelt key does not compile, and neither does a finding made without a key its message needs (issue 16).
   * Written as a method so that entries may narrow the parameter.
   */
  message(data: Data): string;
}

interface FindingSpec extends FindingText {
  readonly severity: Severity;
}

/** What became of a payload built in another file, by the status of its plan there (issue 5). */
const ELSEWHERE: Readonly<Record<string, string>> = {
  migrated: 'migrated there',
  'already-migrated': 'it already uses payment sessions',
  kept: 'it is kept as it is',
  filtered: 'its method is not among --methods',
  review: 'it needs review there',
  'not-digitalriver': 'it is not a DigitalRiver.js payload',
};

/** The data of a `migrated` finding: what it is about (`what`, else the method's payload) and what changed. */
type MigratedData = {
  readonly summary: string;
  readonly what?: string;
  readonly method?: string;
  /** `yes` when the run does not write it. */
  readonly pending?: string;
};

/**
 * What a `migrated` finding is about and what changed, without the verb: a report's status word says that. Reports
 * choose this variant of the message by the finding's id, never by rewording its text (issue 16).
 */
export function migratedSubject(x: Data): string {
  return `${x['what'] ?? `${x['method'] ?? 'createSource'} payload`}: ${x['summary'] ?? ''}`;
}

export const FINDINGS = {
  migrated: {
    severity: 'info',
    description: 'A legacy createSource payload was migrated to payment sessions.',
    help: 'what-it-changes',
    // `pending`: the run does not write it (issue 17: the message speaks in the mood of the mode).
    message: (x: MigratedData) => `${x.pending === 'yes' ? 'Would migrate' : 'Migrated'} ${migratedSubject(x)}.`,
  },
  'already-migrated': {
    severity: 'info',
    description: 'The payload already uses payment sessions.',
    help: 'what-it-changes',
    message: (x: { method: string; what?: string }) => `${x.what ?? `${x.method} payload`} already uses payment sessions; nothing to change.`,
  },
  'card-amounts-kept': {
    severity: 'info',
    description: 'A credit card payload keeps amount and currency, which the guide does not remove for cards.',
    help: 'the-rules',
    message: () =>
      'Credit card payload keeps amount/currency (the docs remove nothing for cards); use --remove-card-amounts to drop them.',
  },
  'inferred-removal': {
    severity: 'warning',
    description: 'TreviPay fields were removed by inference: Digital River documents no legacy TreviPay payload.',
    help: 'the-rules',
    message: (x: { keys: string }) =>
      `TreviPay (msts): removed ${x.keys} by inference; Digital River documents no legacy TreviPay payload. Check it.`,
  },
  'unknown-key': {
    severity: 'info',
    description: 'A payload field that no removal list names was kept.',
    help: 'the-rules',
    message: (x: { key: string; method: string }) =>
      `Kept "${x.key}": not a documented ${x.method} field; check it is still wanted with payment sessions.`,
  },
  'unused-after-migration': {
    severity: 'info',
    description: 'A helper that only fed a removed field is unused after the migration.',
    help: 'the-rules',
    message: (x: { name: string; field: string }) => `"${x.name}" only fed the removed ${x.field}: nothing uses it after the migration; delete it if nothing else needs it.`,
  },
  'top-level-shipping-kept': {
    severity: 'warning',
    description: 'A top-level shipping field, which the guide does not list, was kept.',
    help: 'the-rules',
    message: (x: { method: string; details: string }) =>
      `Kept the top-level "shipping" of this ${x.method} payload: the guide removes ${x.details} (the checkout's payment session supplies the shipping address) and lists no top-level shipping; remove it by hand if the checkout already holds the address.`,
  },
  // Issue 17: a sessionId that names nothing throws a ReferenceError on the page, so it fails the check until defined.
  // A value already in the code (`inCode`) is not replaced by running again with another --session-id: it is edited.
  'session-id-unbound': {
    severity: 'review',
    description: 'A sessionId value names something not defined where it is read: the page would throw a ReferenceError.',
    help: 'what-it-changes',
    message: (x: { root: string; inCode?: string; inScope?: string }) =>
      `${x.inCode ? 'This sessionId value' : 'The inserted sessionId'} uses "${x.root}", which is not defined here, so the page would throw a ReferenceError: define "${x.root}" with the checkout's payment.session.id, or ${x.inCode ? 'replace the value with the expression that holds it' : 'pass the expression that holds it with --session-id'}${x.inScope ? ` (in scope here: ${x.inScope})` : ''}.`,
  },
  // Issue 18: a card-saving form is no checkout; a checkout session id does not belong in its payload.
  'saved-card-flow': {
    severity: 'review',
    description: 'A card payload on a page that saves cards without a checkout was not migrated.',
    help: 'what-it-leaves-alone',
    message: (x: { usage: string; root: string }) =>
      `Card payload not migrated: it is sent with usage ${x.usage} and no "${x.root}" is in scope, as on a page that saves a card without a checkout, where no payment session exists; if this runs at checkout, pass the session id to this code (or use --session-id) and run again.`,
  },
  'merge-unchecked': {
    severity: 'info',
    description: 'A payload already sends sessionId next to a merge that cannot be traced.',
    help: 'what-it-changes',
    message: (x: { expression: string }) =>
      `Payload already sends sessionId (migrated); the merged \`${x.expression}\` cannot be traced, so it was not checked for legacy fields.`,
  },
  'not-digitalriver': {
    severity: 'info',
    description: 'A createSource call that is not DigitalRiver.js\'s was left alone.',
    help: 'what-it-leaves-alone',
    message: (x: { why: string }) => `Left alone, not a DigitalRiver.js createSource call: ${x.why}.`,
  },
  'method-filtered': {
    severity: 'info',
    description: 'A payload whose method is not among --methods was skipped.',
    help: 'usage',
    message: (x: { method: string }) => `Skipped ${x.method} payload: not among --methods.`,
  },
  'payload-unresolved': {
    severity: 'review',
    description: 'A payload that cannot be traced to an object literal needs migrating by hand.',
    help: 'what-it-leaves-alone',
    message: (x: { why: string }) => `Payload not migrated: ${x.why}; migrate it by hand.`,
  },
  'type-unresolved': {
    severity: 'review',
    description: 'A payload whose payment method type cannot be determined needs migrating by hand.',
    help: 'what-it-leaves-alone',
    message: (x: { why: string }) => `Payload not migrated: its payment method type ${x.why}.`,
  },
  'type-conflict': {
    severity: 'review',
    description: 'A payload whose possible types need different removals needs migrating by hand.',
    help: 'what-it-leaves-alone',
    message: (x: { types: string }) =>
      `Payload not migrated: its type may be ${x.types}, which need different removals; migrate it by hand.`,
  },
  'method-not-in-table': {
    severity: 'review',
    description: 'A DigitalRiver.js payload type with no documented removal list needs checking by hand.',
    help: 'what-it-leaves-alone',
    message: (x: { method: string }) =>
      `DigitalRiver.js payload of type "${x.method}" has no documented removal list: add sessionId and check its fields by hand.`,
  },
  'shared-payload-conflict': {
    severity: 'review',
    description: 'One payload literal reaches createSource calls that need different migrations.',
    help: 'what-it-leaves-alone',
    message: () =>
      'Payload not migrated: this object literal reaches createSource calls that need different migrations.',
  },
  'statement-unremovable': {
    severity: 'review',
    description: 'A legacy field is set by a statement that cannot be removed on its own.',
    help: 'what-it-leaves-alone',
    message: (x: { field: string; why: string }) =>
      `"${x.field}" is set by a statement that cannot be removed on its own (${x.why}); remove it by hand.`,
  },
  'legacy-branch': {
    severity: 'review',
    description: 'A legacy field is still set on a path where no sessionId is sent.',
    help: 'what-it-leaves-alone',
    message: (x: { field: string }) =>
      `"${x.field}" is still set on a path where no sessionId is sent (legacy branch); remove that branch once sessions are live.`,
  },
  'parse-error': {
    severity: 'error',
    description: 'A file does not parse and was left unchanged.',
    help: 'what-it-leaves-alone',
    message: (x: { why: string }) => `Could not parse: ${x.why}; file left unchanged.`,
  },
  'file-error': {
    severity: 'error',
    description: 'A file could not be read or written and was left unchanged.',
    help: 'robustness-and-safety',
    message: (x: { why: string }) => `Could not process the file: ${x.why}; file left unchanged.`,
  },
  'internal-error': {
    severity: 'error',
    description: 'dr-migrate failed on a file, which was left unchanged.',
    help: 'robustness-and-safety',
    message: (x: { why: string }) => `Internal error, file left unchanged: ${x.why}. Please report this with the file.`,
  },
  'legacy-branch-dropped': {
    severity: 'info',
    description: 'A legacy-only else branch of a test for the session was dropped.',
    help: 'the-other-calls-sessions-change',
    message: (x: { field: string }) => `Dropped the legacy-only else branch that set "${x.field}" (its if tests the session's presence).`,
  },
  'filter-kept': {
    severity: 'info',
    description: 'A retrieveAvailablePaymentMethods filter was kept next to sessionId.',
    help: 'the-other-calls-sessions-change',
    message: (x: { key: string }) =>
      `Kept the "${x.key}" filter of retrieveAvailablePaymentMethods next to sessionId; check it is still wanted.`,
  },
  'dropin-session-missing': {
    severity: 'review',
    description: 'A checkout-flow Drop-in is not given the session id.',
    help: 'the-other-calls-sessions-change',
    message: () => 'Drop-in in checkout flow without a sessionId: pass the checkout\'s payment.session.id as sessionId.',
  },
  'dropin-session-in-manage-flow': {
    severity: 'review',
    description: 'A managePaymentMethods Drop-in is given a sessionId it must not have.',
    help: 'the-other-calls-sessions-change',
    message: () => 'Drop-in in the managePaymentMethods flow must not be given a sessionId; remove it.',
  },
  // Issue 18: a configuration that cannot be traced may lack the sessionId a checkout flow needs, or carry one a
  // managePaymentMethods flow must not have; only a person can tell, so it is a review item.
  'dropin-unresolved': {
    severity: 'review',
    description: 'A Drop-in configuration cannot be traced, so its sessionId cannot be checked.',
    help: 'the-other-calls-sessions-change',
    message: (x: { why: string }) =>
      `Drop-in configuration cannot be checked: ${x.why}; make sure a checkout-flow Drop-in gets the checkout's payment.session.id (sessionId) and a managePaymentMethods one does not.`,
  },
  // Issue 18: a createDropin call neither its receiver nor its configuration shows to be DigitalRiver.js's.
  'dropin-receiver-untraced': {
    severity: 'review',
    description: 'A createDropin call is not traced to DigitalRiver.js and its configuration cannot be checked.',
    help: 'the-other-calls-sessions-change',
    message: (x: { receiver: string; why: string }) =>
      `Drop-in not checked: \`${x.receiver}\` is not traced to new DigitalRiver(…) and its configuration cannot be checked (${x.why}); if it is DigitalRiver.js's Drop-in, make sure a checkout-flow one gets sessionId and a managePaymentMethods one does not.`,
  },
  // Issue 18: a paymentRequest left as it is has not been migrated: it is never reported as already migrated.
  'payment-request-kept': {
    severity: 'info',
    description: 'A paymentRequest was kept as it is: DigitalRiver.js still needs its amounts.',
    help: 'the-other-calls-sessions-change',
    message: () =>
      'Kept paymentRequest as it is: DigitalRiver.js still needs its country, currency and total; pass --payment-request-session-id to add sessionId too.',
  },
  'template-unparsable': {
    severity: 'review',
    description: 'A script block in a template cannot be read as JavaScript and was left unchanged.',
    help: 'templates',
    message: (x: { why: string; tags?: string }) =>
      x.tags === 'none'
        ? `Script block left unchanged: it does not parse as JavaScript (${x.why}); migrate its createSource payloads by hand.`
        : `Script block left unchanged: its template tags make it impossible to read safely (with the tags set aside it does not parse: ${x.why}); migrate its createSource payloads by hand.`,
  },
  'template-tag-conflict': {
    severity: 'review',
    description: 'A template tag makes a script block unsafe to rewrite; it was left unchanged.',
    help: 'templates',
    message: (x: { tag: string; why: string }) =>
      `Script block left unchanged: the template tag ${x.tag} ${x.why}, so the migration cannot be applied safely; migrate this block by hand.`,
  },
  // Issue 5: payloads across modules, payload types, --verify.
  'payload-elsewhere': {
    severity: 'info',
    description: 'The payload of this call is built in another file and handled there.',
    help: 'payloads-built-elsewhere',
    message: (x: { target: string; status?: string }) => `Payload built at ${x.target}: ${ELSEWHERE[x.status ?? ''] ?? 'see the finding there'}.`,
  },
  'payload-for-sites': {
    severity: 'info',
    description: 'This payload is built for createSource calls in other places.',
    help: 'payloads-built-elsewhere',
    message: (x: { sites: string }) => `This payload is built for the createSource call(s) at ${x.sites}.`,
  },
  // Issue 13: builders found by name for calls that cannot be traced.
  'payload-by-name': {
    severity: 'info',
    description: 'The payload of this call is built by a method found by its name.',
    help: 'payloads-built-elsewhere',
    message: (x: { name: string; builders: string; status?: string }) =>
      `Payload built by a \`${x.name}\` method found by name (the call cannot be traced): ${x.builders}; ${ELSEWHERE[x.status ?? ''] ?? 'see the findings there'}.`,
  },
  // A warning: the builder was chosen by its name and its own code, so it is shown with what it is for.
  'builder-by-name': {
    severity: 'warning',
    description: 'A method was taken for a payload builder by its name, for calls that cannot be traced.',
    help: 'payloads-built-elsewhere',
    message: (x: { sites: string; name: string; why: string }) =>
      `Taken for the builder of the createSource call(s) at ${x.sites}, found by its name \`${x.name}\`: ${x.why}.`,
  },
  'payload-type-updated': {
    severity: 'info',
    description: 'A payload type declaration was updated to match the migrated payload.',
    help: 'payloads-built-elsewhere',
    message: (x: { name: string; summary: string }) => `Updated the payload type ${x.name} to match the migrated payload: ${x.summary}.`,
  },
  'payload-type-member-optional': {
    severity: 'warning',
    description: 'A payload type member that is still used was made optional instead of removed.',
    help: 'payloads-built-elsewhere',
    message: (x: { member: string; name: string; uses: string }) =>
      `"${x.member}" of ${x.name} is still used at ${x.uses}: made optional instead of removed; remove it once nothing uses it.`,
  },
  'payload-type-external': {
    severity: 'warning',
    description: 'The payload\'s type is declared in a file dr-migrate never edits.',
    help: 'payloads-built-elsewhere',
    message: (x: { name: string; file: string }) =>
      `The payload's type ${x.name} is declared in ${x.file}, which dr-migrate never edits: check that the migrated payload still type-checks (--verify).`,
  },
  'verify-diagnostic': {
    severity: 'review',
    description: 'The migration would introduce a TypeScript error (--verify).',
    help: 'usage',
    message: (x: { code: string; text: string }) => `The migration would introduce TypeScript error TS${x.code}: ${x.text}`,
  },
  // Issue 17: files that cannot be read as UTF-8.
  'skipped-with-calls': {
    severity: 'review',
    description: 'A file that could not be read as text mentions createSource or another DigitalRiver.js call.',
    help: 'what-it-leaves-alone',
    message: (x: { why: string }) =>
      `File skipped: ${x.why}; yet it mentions createSource or another DigitalRiver.js call, which cannot be checked: convert it to UTF-8, or add it to --ignore once checked by hand.`,
  },
  'legacy-encoding': {
    severity: 'info',
    description: 'The file was read as Windows-1252 and is written back in that encoding.',
    help: 'what-it-leaves-alone',
    message: () => 'Read as Windows-1252 (the file is not valid UTF-8); changes are written back in the same encoding.',
  },
  'legacy-encoding-unsafe': {
    severity: 'review',
    description: 'A Windows-1252 file has non-ASCII text next to a payload, so it cannot be migrated in place.',
    help: 'what-it-leaves-alone',
    message: (x: { why: string }) => `Not migrated: ${x.why}; convert the file to UTF-8, or migrate it by hand.`,
  },
  'folder-error': {
    severity: 'error',
    description: 'A folder could not be searched; the files in it were not scanned.',
    help: 'robustness-and-safety',
    message: (x: { why: string }) => `Could not search this folder: ${x.why}; the files in it were not scanned.`,
  },
} as const satisfies Record<string, FindingSpec>;

export type FindingId = keyof typeof FINDINGS;

/** The data a finding's message reads, by id (nothing for a message that reads none). */
export type FindingData<I extends FindingId> = Parameters<(typeof FINDINGS)[I]['message']> extends [infer D] ? D : Readonly<Record<string, never>>;

/** An id with its data, checked against each other where a finding is made: the engine's, the hosts' and the analysis'. */
export type IdAndData = { [I in FindingId]: { readonly id: I; readonly data: FindingData<I> } }[FindingId];

/** An id and its data for code that takes the id as a parameter: the generic signature checks the pair at each call. */
export function idAndData<I extends FindingId>(id: I, data: FindingData<I>): IdAndData {
  return { id, data } as IdAndData;
}

export function severityOf(id: FindingId): Severity {
  return FINDINGS[id].severity;
}

/** The message of a finding whose data was checked where it was made (`IdAndData`); reports pass it on as a record. */
export function messageOf(id: FindingId, data: Data): string {
  const spec: FindingSpec = FINDINGS[id];
  return spec.message(data);
}

export const FINDING_IDS = Object.keys(FINDINGS) as FindingId[];

/**
 * The rule a check or a dry run reports a payload under while it would still migrate it (the `migrated` finding of a
 * run that writes nothing): legacy code that remains, the error CI shows.
 */
export const LEGACY_PAYLOAD = {
  description: 'A DigitalRiver.js createSource payload still sends the legacy (pre-session) fields; dr-migrate would migrate it.',
  help: 'what-it-changes',
  // Worded from the `migrated` finding's data, never by rewriting its message.
  message: (x: Data) => `Legacy createSource payload: dr-migrate would migrate this ${migratedSubject(x)}.`,
} as const satisfies FindingText;

/** The address of the README section that documents a finding. */
export function helpUri(section: ReadmeSection): string {
  return `${README_URL}#${section}`;
}
