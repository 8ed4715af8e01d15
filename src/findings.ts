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

export const FINDINGS = {
  migrated: {
    severity: 'info',
    message: (x) => `Migrated ${d(x, 'method')} payload: ${d(x, 'summary')}.`,
  },
  'already-migrated': {
    severity: 'info',
    message: (x) => `${d(x, 'method')} payload already uses payment sessions; nothing to change.`,
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
  'session-id-unbound': {
    severity: 'warning',
    message: (x) =>
      `The inserted sessionId uses "${d(x, 'root')}", which is not defined here: pass the checkout's payment.session.id to this code (or use --session-id).`,
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
