// Every run-level notice, by id, with its wording in one place (issue 16): what a run tells the user beside the
// findings of its files. Each entry types the data it reads, so a misspelt or missing key does not compile.

export const NOTICES = {
  'ignore-unmatched': (x: { source: string; pattern: string }) => `${x.source} ${JSON.stringify(x.pattern)} matched no file`,
  'config-unreadable': (x: { config: string; why: string }) => `${x.config} could not be read (${x.why}); the type checker saw the scanned files only`,
  'naming-files-limited': (x: { limit: string; names: string }) =>
    `the type checker was shown the first ${x.limit} of the files that name ${x.names}; payloads set in the others stay under review`,
  'analysis-failed': (x: { why: string }) => `the type-aware analysis failed (${x.why}); sites it would settle stay under review`,
  'verify-without-config': () => "--verify: no tsconfig.json found; the files involved were checked with TypeScript's default options",
  'verify-failed': (x: { why: string }) => `--verify could not type-check the project (${x.why})`,
  'payload-type-not-updated': (x: { where: string; why: string }) => `payload type in ${x.where} not updated: ${x.why}`,
  interrupted: () => 'interrupted: files not yet written were left as they were',
  'nothing-written-verify-failed': () => 'nothing written: --verify could not type-check the project; fix that first or pass --force',
  'nothing-written-type-errors': (x: { errors: string }) => `nothing written: the migration would introduce ${x.errors} (listed above); fix them first or pass --force`,
  'outside-git': () => 'not inside a git repository: git cannot show or revert these changes; only the undo journal can',
  'journal-not-recorded': (x: { why: string; command: string }) => `undo journal not recorded (${x.why}); \`${x.command} undo\` cannot restore this run`,
  'journal-not-completed': (x: { why: string; command: string }) => `undo journal not completed (${x.why}); \`${x.command} undo\` cannot restore this run`,
  declined: (x: { changes: string }) => `${x.changes} not applied: skipped in the review`,
} as const satisfies Record<string, (data: never) => string>;

export type NoticeId = keyof typeof NOTICES;

/** The text of a notice: its id's wording with its data. */
export function notice<I extends NoticeId>(id: I, ...data: Parameters<(typeof NOTICES)[I]>): string {
  return (NOTICES[id] as (...args: Parameters<(typeof NOTICES)[I]>) => string)(...data);
}
