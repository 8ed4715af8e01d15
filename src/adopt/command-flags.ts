// The flags of the main command, a type of its own so that the settings and the conflict checks both take it.

import type { ReportFormat } from './config.js';

/** The flags of the main command as commander hands them over. */
export interface CommandFlags {
  dryRun?: boolean;
  check?: boolean;
  format?: ReportFormat;
  sessionId?: string;
  phpSessionId?: string;
  methods?: string;
  removeCardAmounts?: boolean;
  markReview?: boolean;
  paymentRequestSessionId?: boolean;
  dropLegacyBranches?: boolean;
  extensions?: string;
  ignore?: string[];
  gitignore: boolean;
  force?: boolean;
  verify?: boolean;
  concurrency?: string;
  quiet?: boolean;
  verbose?: boolean;
  /** Print where the run's time went on stderr, after the summary (issue 14). */
  timings?: boolean;
  /** --color (true), --no-color (false), or neither: chalk's detection decides. */
  color?: boolean;
  /** A path, or false for --no-config. */
  config?: string | false;
  baseline?: string;
  writeBaseline?: string;
  staged?: boolean;
  changed?: boolean;
  since?: string;
  explain?: boolean;
  interactive?: boolean;
  /** Read the paths to scan from standard input. */
  stdin?: boolean;
  /** Read the paths to scan from this file (`-`: standard input). */
  filesFrom?: string;
  /** Keep each file's result for the next run (issue 14). */
  cache?: boolean;
  cacheLocation?: string;
  cacheStrategy?: 'content' | 'metadata';
}
