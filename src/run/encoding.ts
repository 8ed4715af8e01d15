// Which files can be read as UTF-8 source: byte-order marks of other encodings, binary content (issue 8).

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
  | { readonly kind: 'skip'; readonly reason: string }
  /** Not text, and no encoding of it could hold a call: nothing to report. */
  | { readonly kind: 'prefiltered' };

/**
 * Decides whether `bytes` may be read as UTF-8. A file marked as another encoding is always reported (its calls,
 * if any, cannot be seen in its bytes); a binary file is reported only when its bytes, read as UTF-8 or as UTF-16
 * without a mark, may hold a call.
 */
export function encodingOf(bytes: Buffer, mightMatch: (bytes: Buffer) => boolean): EncodingVerdict {
  const bom = FOREIGN_BOMS.find((b) => b.bytes.every((x, i) => bytes[i] === x));
  if (bom) return { kind: 'skip', reason: `${bom.name} encoded (only UTF-8 is supported)` };
  if (!bytes.subarray(0, BINARY_PROBE).includes(0)) return { kind: 'utf8' };
  if (mightMatch(bytes)) return { kind: 'skip', reason: 'binary file' };
  if (mightMatch(asUtf8(bytes, 'utf16le')) || mightMatch(asUtf8(bytes, 'utf16be'))) {
    return { kind: 'skip', reason: 'UTF-16 encoded without a byte-order mark (only UTF-8 is supported)' };
  }
  return { kind: 'prefiltered' };
}

function asUtf8(bytes: Buffer, from: 'utf16le' | 'utf16be'): Buffer {
  const even = Buffer.from(bytes.subarray(0, bytes.length & ~1));
  if (from === 'utf16be') even.swap16();
  return Buffer.from(even.toString('utf16le'), 'utf8');
}
