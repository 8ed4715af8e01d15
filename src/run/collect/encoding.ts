// Which files can be read as source, and in which encoding: UTF-8, or Windows-1252/Latin-1 for old templates whose
// bytes are not UTF-8 (issue 17); byte-order marks of other encodings and binary content are skipped (issue 8).

/** Byte-order marks of encodings other than UTF-8; the longer marks come first (UTF-32LE starts like UTF-16LE). */
const FOREIGN_BOMS: readonly { readonly name: string; readonly bytes: readonly number[] }[] = [
  { name: 'UTF-32LE', bytes: [0xff, 0xfe, 0x00, 0x00] },
  { name: 'UTF-32BE', bytes: [0x00, 0x00, 0xfe, 0xff] },
  { name: 'UTF-16LE', bytes: [0xff, 0xfe] },
  { name: 'UTF-16BE', bytes: [0xfe, 0xff] },
  // UTF-7's mark is `+/v` and one of `8 9 + /`: `+/v` alone could begin a (strange) line of code.
  ...[0x38, 0x39, 0x2b, 0x2f].map((last) => ({ name: 'UTF-7', bytes: [0x2b, 0x2f, 0x76, last] })),
  { name: 'UTF-1', bytes: [0xf7, 0x64, 0x4c] },
  { name: 'UTF-EBCDIC', bytes: [0xdd, 0x73, 0x66, 0x73] },
  { name: 'SCSU', bytes: [0x0e, 0xfe, 0xff] },
  { name: 'BOCU-1', bytes: [0xfb, 0xee, 0x28] },
  { name: 'GB18030', bytes: [0x84, 0x31, 0x95, 0x33] },
];

/** Git's rule: a NUL byte in the first 8 KiB makes a file binary. */
const BINARY_PROBE = 8192;

export type EncodingVerdict =
  | { readonly kind: 'utf8' }
  /** `mentions`: its text (UTF-16 decoded) holds a prefilter word: a call may be in it (issue 17). */
  | { readonly kind: 'skip'; readonly reason: string; readonly mentions: boolean }
  /** Not text, and no encoding of it could hold a call: nothing to report. */
  | { readonly kind: 'prefiltered' };

/**
 * Decides whether `bytes` may be read as UTF-8. A file marked as another encoding is always reported (its calls,
 * if any, cannot be seen in its bytes); a binary file is reported only when its bytes, read as UTF-8 or as UTF-16
 * without a mark, may hold a call.
 */
export function encodingOf(bytes: Buffer, mightMatch: (bytes: Buffer) => boolean): EncodingVerdict {
  const bom = FOREIGN_BOMS.find((b) => b.bytes.every((x, i) => bytes[i] === x));
  if (bom) {
    const body = bytes.subarray(bom.bytes.length);
    const utf16 = bom.name === 'UTF-16LE' ? 'utf16le' : bom.name === 'UTF-16BE' ? 'utf16be' : undefined;
    const mentions = mightMatch(bytes) || (utf16 !== undefined && mightMatch(asUtf8(body, utf16)));
    return { kind: 'skip', reason: `${bom.name} encoded (only UTF-8 is supported)`, mentions };
  }
  if (!bytes.subarray(0, BINARY_PROBE).includes(0)) return { kind: 'utf8' };
  if (mightMatch(bytes)) return { kind: 'skip', reason: 'binary file', mentions: true };
  if (mightMatch(asUtf8(bytes, 'utf16le')) || mightMatch(asUtf8(bytes, 'utf16be'))) {
    return { kind: 'skip', reason: 'UTF-16 encoded without a byte-order mark (only UTF-8 is supported)', mentions: true };
  }
  return { kind: 'prefiltered' };
}

function asUtf8(bytes: Buffer, from: 'utf16le' | 'utf16be'): Buffer {
  const even = Buffer.from(bytes.subarray(0, bytes.length & ~1));
  if (from === 'utf16be') even.swap16();
  return Buffer.from(even.toString('utf16le'), 'utf8');
}

/**
 * How a file's text is held. `windows-1252`: one character per byte (a "binary string", each char the byte's
 * value), so that whatever the bytes are in Windows-1252 or Latin-1 they are written back exactly as they were.
 */
export type TextEncoding = 'utf-8' | 'windows-1252';

/** Bytes Windows-1252 leaves undefined: a file holding them is in some other encoding. */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * The text of bytes that are not UTF-8, when they can be Windows-1252 (of which Latin-1's printable range is a
 * part): no byte Windows-1252 leaves undefined, no control character but tab, line breaks and form feed.
 */
export function asWindows1252(bytes: Buffer): string | undefined {
  for (const b of bytes) {
    if (UNDEFINED_IN_1252.has(b) || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c)) return undefined;
  }
  return bytes.toString('latin1');
}

/** The bytes of a text held in `encoding`; throws on a character a Windows-1252 file cannot hold. */
export function encodeText(text: string, encoding: TextEncoding = 'utf-8'): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  if (/[^\u0000-\u00ff]/.test(text)) throw new Error('the new text holds characters a Windows-1252 file cannot hold');
  return Buffer.from(text, 'latin1');
}

/** Lines of context a patch shows around a change. */
const CONTEXT_LINES = 3;

/**
 * Why a Windows-1252 file cannot be migrated in place, or undefined when it can: every line an edit touches, and the
 * lines a patch shows around it, must be plain ASCII, so that the dry-run patch (UTF-8 on stdout) applies to the
 * file's own bytes and the new text needs no character the encoding might spell differently.
 */
export function legacyEditProblem(before: string, edits: readonly { readonly start: number; readonly end: number; readonly text: string }[]): string | undefined {
  const lineStarts = [0];
  for (let i = 0; i < before.length; i++) if (before[i] === '\n') lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  for (const e of edits) {
    if (/[^\u0000-\u007f]/.test(e.text)) return 'the text it would insert is not plain ASCII';
    const first = Math.max(0, lineOf(e.start) - CONTEXT_LINES);
    const last = Math.min(lineStarts.length - 1, lineOf(e.end) + CONTEXT_LINES);
    const around = before.slice(lineStarts[first] ?? 0, lineStarts[last + 1] ?? before.length);
    if (/[^\u0000-\u007f]/.test(around)) return `it is Windows-1252 text with non-ASCII characters within ${CONTEXT_LINES} lines of the change (line ${lineOf(e.start) + 1})`;
  }
  return undefined;
}
