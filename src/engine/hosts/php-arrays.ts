// PHP host files (issue 13): parses a `.php`/`.phtml` file with php-parser and finds the array literals that carry a
// DigitalRiver.js source `type` and its details key, and the signs that the file talks to the server API instead.

import { requirePhpParser, type PhpParser } from '../../lazy-php-parser.cjs';
import { DR_SECRET_KEY } from '../server-code.js';
import { METHOD_TYPES, isMethodType, ruleFor, type MethodType } from '../../rules/methods.js';

/** The parts of a php-parser node this module reads; offsets are string indices into the parsed text. */
export interface PhpNode {
  readonly kind: string;
  readonly loc: { readonly start: { readonly offset: number }; readonly end: { readonly offset: number } } | null;
  readonly [field: string]: unknown;
}

export interface PhpEntry {
  readonly node: PhpNode;
  readonly start: number;
  readonly end: number;
  /** The key's value when it is a plain string literal. */
  readonly key?: string;
  readonly keyNode?: PhpNode;
  readonly value?: PhpNode;
}

export interface PhpArray {
  readonly node: PhpNode;
  readonly start: number;
  readonly end: number;
  /** Offset of the opening bracket: `[`, or the `(` of `array(`. */
  readonly open: number;
  readonly entries: readonly PhpEntry[];
}

/** An array with both pieces of evidence: a `type` naming a method of the table and that method's details key. */
export interface PhpPayload {
  readonly array: PhpArray;
  readonly method: MethodType;
  readonly typeIndex: number;
  readonly detailsIndex: number;
}

export interface PhpScan {
  readonly payloads: readonly PhpPayload[];
  /** Why the file is a server-side client of the REST API, when it is one. */
  readonly serverCall?: string;
}

/** `.php` and `.phtml`, not Blade (`.blade.php` is not PHP until compiled). */
export function isPhpHost(path: string): boolean {
  return /\.(?:php|phtml)$/i.test(path) && !/\.blade\.php$/i.test(path);
}

const TYPE_KEY = /['"]type['"]/;
const METHOD_WORD = new RegExp(`['"](?:${METHOD_TYPES.join('|')})['"]`);

/** The cheap test before parsing: a quoted `type` key and a quoted method type name. */
export function mightHoldPhpPayload(text: string): boolean {
  return TYPE_KEY.test(text) && METHOD_WORD.test(text);
}

/** The same test on raw bytes (the words are ASCII), for the file scanner's prefilter. */
export function mightHoldPhpPayloadBytes(bytes: Uint8Array): boolean {
  return mightHoldPhpPayload(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
}

let parser: PhpParser | undefined;

/** The file's syntax tree, or the parser's message when it does not parse. */
export function parsePhp(text: string, path: string): { readonly ok: true; readonly ast: PhpNode } | { readonly ok: false; readonly why: string } {
  parser ??= new (requirePhpParser())({ parser: { php8: true, suppressErrors: false }, ast: { withPositions: true }, lexer: { short_tags: true } });
  try {
    return { ok: true, ast: parser.parseCode(text, path) as PhpNode };
  } catch (error) {
    return { ok: false, why: error instanceof Error ? error.message : String(error) };
  }
}

function isNode(v: unknown): v is PhpNode {
  return typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string';
}

function walk(node: PhpNode, visit: (n: PhpNode) => void): void {
  visit(node);
  for (const [field, v] of Object.entries(node)) {
    if (field === 'loc' || field === 'leadingComments' || field === 'trailingComments') continue;
    if (Array.isArray(v)) {
      for (const x of v) if (isNode(x)) walk(x, visit);
    } else if (isNode(v)) walk(v, visit);
  }
}

function span(n: PhpNode): { start: number; end: number } {
  return { start: n.loc?.start.offset ?? 0, end: n.loc?.end.offset ?? 0 };
}

function stringValue(n: unknown): string | undefined {
  return isNode(n) && n.kind === 'string' && typeof n.value === 'string' ? n.value : undefined;
}

/** An `array` node as its entries with their string keys. */
export function toArray(node: PhpNode, text: string): PhpArray {
  const { start, end } = span(node);
  const open = node.shortForm === true ? start : text.indexOf('(', start);
  const items = Array.isArray(node.items) ? node.items.filter(isNode) : [];
  const entries = items.map((item): PhpEntry => {
    const base = { node: item, ...span(item) };
    if (item.kind !== 'entry') return base;
    const key = stringValue(item.key);
    return {
      ...base,
      ...(key !== undefined ? { key } : {}),
      ...(isNode(item.key) ? { keyNode: item.key } : {}),
      ...(isNode(item.value) ? { value: item.value } : {}),
    };
  });
  return { node, start, end, open, entries };
}

/** Which arrays of the tree carry both pieces of evidence, and whether the file is a server API client. */
export function scanPhp(ast: PhpNode, text: string): PhpScan {
  const payloads: PhpPayload[] = [];
  let sourcesUrl = false;
  walk(ast, (n) => {
    if (n.kind === 'string' && typeof n.value === 'string' && /\/sources\b/.test(n.value)) sourcesUrl = true;
    if (n.kind !== 'array') return;
    const array = toArray(n, text);
    const typeIndex = array.entries.findIndex((e) => e.key === 'type' && stringValue(e.value) !== undefined);
    const type = typeIndex >= 0 ? stringValue(array.entries[typeIndex]?.value) : undefined;
    if (type === undefined || !isMethodType(type)) return;
    const detailsKeys: readonly string[] = ruleFor(type).detailsKeys;
    const detailsIndex = array.entries.findIndex((e) => e.key !== undefined && detailsKeys.includes(e.key));
    if (detailsIndex >= 0) payloads.push({ array, method: type, typeIndex, detailsIndex });
  });
  const serverCall = serverEvidence(text, sourcesUrl);
  return { payloads, ...(serverCall ? { serverCall } : {}) };
}

/** A REST body for the server API is built with a secret key, or sent to `/sources`: never a DigitalRiver.js payload. */
function serverEvidence(text: string, sourcesUrl: boolean): string | undefined {
  if (DR_SECRET_KEY.test(text)) return 'the file holds a Digital River secret API key (sk_test_/sk_live_), so it calls the server API';
  if (/Authorization['"]?\s*(?:=>|:|,)\s*['"]?Bearer\b/i.test(text)) return 'the file sends an Authorization: Bearer header, so it calls the server API';
  if (sourcesUrl) return 'the file sends requests to a /sources URL of the server API';
  return undefined;
}
