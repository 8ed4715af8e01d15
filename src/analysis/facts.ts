// The plain data that crosses the boundary of src/analysis: files, offsets and strings, never a ts-morph node.
// Importing this file loads nothing: the analysis itself is imported only when a run needs it (issue 5).

import type { MemberChange } from '../rewrite/members.js';
import type { IdAndData } from '../rules/findings.js';
import type { Edit, Span } from '../engine/types.js';

/** Where a payload that a call site receives is built: expressions in one project file (absolute path). */
export interface PayloadTarget {
  readonly file: string;
  readonly expressions: readonly Span[];
}

export type TraceOutcome = { readonly ok: true; readonly target: PayloadTarget } | { readonly ok: false; readonly why: string };

/** A place in a file's original text. */
export interface Place {
  readonly file: string;
  readonly offset: number;
}

/** An object literal the engine edited, by its start offset in the file's original text. */
export interface EditedLiteral {
  readonly file: string;
  readonly start: number;
  /** The createSource calls its payload reaches, whose parameter type may be the literal's type. */
  readonly calls?: readonly Place[];
}

/** A finding the analysis raises in some file, located by offset in that file's original text. */
/** A finding of the type-aware step, located by file and offset; its data checked against its id (issue 16). */
export type AnalysisFinding = IdAndData & { readonly file: string; readonly offset: number };

export interface TypeUpdate {
  /**
   * What to change in type declarations, by absolute file path: member shapes with offsets in the file's text
   * without its byte order mark (as the type checker reads it); src/rewrite/members.ts makes the edits.
   */
  readonly members: ReadonlyMap<string, readonly MemberChange[]>;
  readonly findings: readonly AnalysisFinding[];
}

/** A diagnostic present after the migration and not before, located in the migrated text. */
export interface NewDiagnostic {
  readonly file: string;
  readonly offset: number;
  readonly code: number;
  readonly text: string;
}

export interface AnalysisOptions {
  /** The scanned paths (absolute): the nearest tsconfig.json/jsconfig.json above them defines the project. */
  readonly roots: readonly string[];
  /** Files (absolute) the analysis must hold even when the config does not include them. */
  readonly files: readonly string[];
  /** The text the engine saw for a file, when it read one: the analysis parses exactly that text. */
  readonly textOf: (file: string) => string | undefined;
  /** A file's path as the report shows it. */
  readonly display: (file: string) => string;
}

/** The type-aware analysis: a ts-morph project behind plain-data questions. */
export interface Analysis {
  /** The config file the project was built from, if any. */
  readonly config: string | undefined;
  /** Whether a TypeScript program has been built so far. */
  readonly built: () => boolean;
  /** What went wrong without stopping the analysis (an unreadable config), for the run's notices. */
  readonly problems: () => string[];
  /** Where the value of the expression at `span` in `file` is built. */
  tracePayload(file: string, span: Span): TraceOutcome;
  /** The possible strings of each expression, for those the checker can enumerate. */
  possibleTypes(file: string, spans: readonly Span[]): Map<number, string[]>;
  /** The text the analysis holds for a file, to check that offsets agree. */
  textOf(file: string): string | undefined;
  /** Edits to the project's type declarations so that the edited literals still type-check. */
  updatePayloadTypes(literals: readonly EditedLiteral[], fileEdits: ReadonlyMap<string, readonly Edit[]>): TypeUpdate;
  /** Diagnostics of the project with `changes` applied in memory that it did not have before. */
  verify(changes: ReadonlyMap<string, string>): NewDiagnostic[];
}
