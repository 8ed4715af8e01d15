// The prefilter (issue 7): the words the engine's finders match on, and the cheap test that a file may hold one.
// Babel-free on purpose, so the CLI can skip most files without loading a parser.

/**
 * Every name the engine's call-site finders match on, in one list. A finder names its word with
 * `'…' satisfies PrefilterWord`, so the compiler proves the word is here; a new finder adds its word here.
 * Text that holds none of them as a whole word cannot hold anything the engine changes or reports.
 */
// The PayPal element only matters when it carries `sourceData`, so that word stands for it (not the ubiquitous
// `createElement`): a file without it has no element payload to migrate.
export const PREFILTER_WORDS = ['createSource', 'retrieveAvailablePaymentMethods', 'sourceData', 'paymentRequest', 'createDropin', 'createDropIn'] as const;

export type PrefilterWord = (typeof PREFILTER_WORDS)[number];

/**
 * `[A-Za-z0-9_$]`: bytes that continue an identifier. A word with one of them right before or after it is part of a
 * longer name (`createSourceFile`, `xcreateSource`) or string, never the name a finder matches. Anything else next to
 * it (punctuation, a quote, a space, a backslash, a non-ASCII byte) keeps the file: the test errs only towards
 * parsing. The finders also require the word to be spelled out in the source (no escapes such as `create\u0053ource`).
 */
const IDENTIFIER_PART = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$') IDENTIFIER_PART[c.charCodeAt(0)] = 1;

function continuesName(code: number | undefined): boolean {
  return code !== undefined && code < 128 && IDENTIFIER_PART[code] === 1;
}

const WORD_BYTES = PREFILTER_WORDS.map((w) => Buffer.from(w, 'latin1'));

/** The test on raw bytes, before any decoding: the words are ASCII, so no UTF-8 text can hide them. */
export function mightContainBytes(bytes: Uint8Array): boolean {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return WORD_BYTES.some((word) => hasWholeWord(buf, word));
}

/** `word` (ASCII bytes) in `bytes`, not as part of a longer name. */
export function hasWholeWord(bytes: Buffer, word: Buffer): boolean {
  for (let at = bytes.indexOf(word); at >= 0; at = bytes.indexOf(word, at + 1)) {
    if (!continuesName(at > 0 ? bytes[at - 1] : undefined) && !continuesName(bytes[at + word.length])) return true;
  }
  return false;
}

/** The same test on decoded text (the engine's own gate, so the two can never disagree); `words` widens it (inventory). */
export function mightContainCalls(text: string, words: readonly string[] = PREFILTER_WORDS): boolean {
  for (const word of words) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      if (!continuesName(at > 0 ? text.charCodeAt(at - 1) : undefined) && !continuesName(text.charCodeAt(at + word.length))) {
        return true;
      }
    }
  }
  return false;
}

/** True when the source text of a name (an identifier, or a quoted key) spells `word` without escapes. */
export function spelledOut(raw: string, word: string): boolean {
  return raw === word || (raw.length === word.length + 2 && raw.slice(1, -1) === word && /^['"`]$/.test(raw[0] as string));
}
