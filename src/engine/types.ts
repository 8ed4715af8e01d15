// Plain data that flows out of the engine: edits as source ranges, findings and per-call-site decisions.

import type { FindingId, Severity } from '../rules/findings.js';
import type { MethodType } from '../rules/methods.js';
import type { Edit, Span } from '../rewrite/span.js';

// Edits and spans are the rewrite's shapes, declared once there (issue 16).
export type { Edit, Span };

/** A finding located by offset in the text the engine was given; the file layer turns it into a line. */
export interface RawFinding {
  readonly id: FindingId;
  readonly severity: Severity;
  readonly offset: number;
  readonly message: string;
  readonly data: Readonly<Record<string, string>>;
  /** Index in `EngineResult.sites` of the call site the finding is about. */
  readonly site?: number;
}

/**
 * What the engine decided about one call site. `already-migrated`: nothing (left) to change. `kept`: nothing to change
 * by design, yet not migrated either (issue 18: a paymentRequest still needs its country, currency and total), so it
 * is never reported as already using payment sessions; like `already-migrated` it fails no check.
 */
export type SiteStatus = 'migrated' | 'already-migrated' | 'kept' | 'review' | 'not-digitalriver' | 'filtered';

/** The DigitalRiver.js calls that payment sessions change (spec §6), besides createSource. */
export const SESSION_CALL_KINDS = ['retrieveAvailablePaymentMethods', 'paypal-element', 'paypal-element-update', 'paymentRequest', 'dropin'] as const;
export type SiteKind = 'createSource' | (typeof SESSION_CALL_KINDS)[number];

/**
 * What local syntax left to the TypeScript checker (issue 5), only where the checker can settle it. `payload`: the
 * whole payload is one expression defined elsewhere (an import, a builder in another module, a member read);
 * `type`: the `type` values and computed details keys that cannot be evaluated here; `payload-type`: a migrated
 * literal carries a declared type that may need the same change. src/analysis answers with `AnalysisFacts`.
 */
export interface DeferredSpan extends Span {
  /**
   * The method name when the payload is the result of calling a member (`ctx[KEY].createObject(cart)`): if the
   * checker cannot resolve the call, the builders are looked for by that name (issue 13).
   */
  readonly member?: string;
}

export type Deferral =
  | { readonly kind: 'payload'; readonly expression: Span; readonly positive: boolean; readonly member?: string }
  | {
      readonly kind: 'type';
      readonly expressions: readonly Span[];
      /**
       * Set when every expression is an untyped parameter of this JavaScript function, which the checker types `any`
       * (issue 14): if nothing else calls the function, the site stays under review without building a program.
       */
      readonly untypedParameterOf?: string;
    }
  | { readonly kind: 'payload-type' };

export interface SiteDecision {
  readonly offset: number;
  readonly kind: SiteKind;
  readonly status: SiteStatus;
  /** Code that already sends `sessionId` yet still carries legacy fields or a legacy-only branch. */
  readonly hybrid: boolean;
  /** The first review finding's message, when the status is `review`; why it is kept, when the status is `kept`. */
  readonly reason?: string;
  /** The payment methods the payload may be (empty when unknown). */
  readonly methods: readonly MethodType[];
  /** Why the call was or was not treated as DigitalRiver.js. */
  readonly evidence: string;
  /** Offsets of the object literals that were edited for this site. */
  readonly editedLiterals: readonly number[];
  readonly deferred?: Deferral;
  /** Set on a builder found by name: the method name it was looked for by (issue 13). */
  readonly builder?: string;
  /** Set on a payload built here for calls elsewhere: those call sites, as `file:line, …`. */
  readonly serves?: string;
  /** Identity of the site that survives line shifts and unrelated edits (see fingerprint.ts); not yet made unique. */
  readonly fingerprint: string;
}

/** A payload built in this file for createSource calls elsewhere, found by the checker (issue 5). */
export interface ExternalPayload {
  /** The expressions whose values are the payload: a builder's return values, an exported constant. */
  readonly expressions: readonly Span[];
  /** The call sites it reaches, as `file:line`, for the findings. */
  readonly sites: string;
  /** Whether one of those call sites' receivers traces to `new DigitalRiver(…)`, and the evidence. */
  readonly positive: boolean;
  readonly evidence: string;
}

/** Methods of this name are candidate builders for call sites whose payload call cannot be resolved (issue 13). */
export interface BuilderLookup {
  readonly name: string;
  /** The call sites that look for it, as `file:line`. */
  readonly sites: string;
}

/** A call site whose payload is planned in another file: the decision there (issue 5). */
export interface SettledSite {
  readonly status: SiteStatus;
  readonly methods: readonly MethodType[];
  /** Where the payload is built, as `file:line` (a list of them for builders found by name). */
  readonly target: string;
  /** The method name the builders were found by, when the call itself could not be traced (issue 13). */
  readonly byName?: string;
}

/** Facts the type-aware analysis settled for one file, as offsets into its text (issue 5). */
export interface AnalysisFacts {
  /** Possible strings of `type` expressions and computed keys, by the expression's start offset. */
  readonly knownTypes?: ReadonlyMap<number, readonly string[]>;
  readonly externalPayloads?: readonly ExternalPayload[];
  /** Call sites with a `payload` deferral, by call offset. */
  readonly settledSites?: ReadonlyMap<number, SettledSite>;
  /** Method names to plan as candidate builders in this file (issue 13). */
  readonly builders?: readonly BuilderLookup[];
  /** Why the checker could not trace a deferred payload either, by call offset: added to the review reason. */
  readonly untraced?: ReadonlyMap<number, string>;
}

export interface EngineOptions {
  /** JavaScript expression inserted as the `sessionId` value. */
  readonly sessionId: string;
  /** PHP expression inserted as the `sessionId` value of payload arrays built in PHP (issue 13; default `$sessionId`). */
  readonly phpSessionId?: string;
  /** Methods to migrate; payloads of other methods are left alone. */
  readonly methods: ReadonlySet<MethodType>;
  readonly removeCardAmounts: boolean;
  /** Insert one `// TODO(dr-migrate): …` line above each call site that needs review (issue 2 point 3). */
  readonly markReview?: boolean;
  /** Add `sessionId` to `paymentRequest(…)` options (issue 6; country, currency and total always stay). */
  readonly paymentRequestSessionId?: boolean;
  /** Drop an `else` branch that only sets legacy fields when its `if` plainly tests the session's presence. */
  readonly dropLegacyBranches?: boolean;
  /** Words whose absence lets a text skip parsing (default: the engine's own call names). */
  readonly prefilter?: readonly string[];
  readonly analysis?: AnalysisFacts;
  /** The host file's path as given to the run: its folders tell server code from browser code (issue 18). */
  readonly file?: string;
}

export interface EngineResult {
  readonly edits: readonly Edit[];
  readonly findings: readonly RawFinding[];
  readonly sites: readonly SiteDecision[];
  /** Payloads migrated per method. */
  readonly migrated: Readonly<Partial<Record<MethodType, number>>>;
  /** Offsets of every `new DigitalRiver(…)`. */
  readonly instances: readonly number[];
}
