// The HTTP method of the request a checklist line belongs to (issue 18: reading orders is no sign of creating them).

import { CALL_VERBS, CURL_VERBS, GET_BY_DEFAULT, METHOD_GIVEN, NAMED_VERB, type HttpVerb } from './checklist.js';

/** Lines read on either side of a match to find the call it is an argument of. */
const CALL_WINDOW = 8;
/** Lines after a match where a method set apart from the call (PHP's `curl_setopt($ch, CURLOPT_POST, …)`) is read. */
const NEARBY_LINES = 3;
const HTTP_VERBS: ReadonlySet<string> = new Set<HttpVerb>(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function allowsVerb(verbs: readonly HttpVerb[], verb: HttpVerb | undefined): boolean {
  return verb === undefined || verbs.includes(verb);
}

/**
 * The HTTP method of the request a match (a URL, a body key) belongs to, or undefined when it cannot be told. The
 * calls around the match are read from the innermost out, up to the function it is in: a call named for a method
 * (`$.get`, `->post`), then a method named in its arguments (`type: 'POST'`), then `fetch(url)` or
 * `fetch(url, { headers })`, which GET. Last, a method named on the match's line or the few after it.
 */
export function requestVerb(code: readonly string[], row: number, column: number): HttpVerb | undefined {
  const first = Math.max(0, row - CALL_WINDOW);
  const text = code.slice(first, row + CALL_WINDOW + 1).join('\n');
  const at = code.slice(first, row).reduce((n, line) => n + line.length + 1, 0) + column;
  for (let open = enclosingCall(text, at); open >= 0; open = enclosingCall(text, open)) {
    const args = text.slice(open + 1, closingParen(text, open));
    const name = /([\w$]+)(?:\.new)?\s*(?:<[^<>()]*>)?\s*$/.exec(text.slice(Math.max(0, open - 100), open))?.[1];
    const byName = name === undefined ? undefined : CALL_VERBS.find(([re]) => re.test(name))?.[1];
    if (byName) return byName;
    const named = namedVerb(args);
    if (named) return named;
    if (METHOD_GIVEN.test(args)) return undefined;
    // `fetch(url, options)`: its method is in options, which are not read here.
    if (name !== undefined && GET_BY_DEFAULT.test(name)) return /^[^]*?,\s*[^{\s]/.test(topLevel(args)) ? undefined : 'GET';
  }
  for (const line of code.slice(row, row + NEARBY_LINES + 1)) {
    const verb = namedVerb(line) ?? CURL_VERBS.find(([re]) => re.test(line))?.[1];
    if (verb) return verb;
  }
  return undefined;
}

function namedVerb(text: string): HttpVerb | undefined {
  for (const m of text.matchAll(NAMED_VERB)) {
    const word = m.slice(1).find((g) => g !== undefined)?.toUpperCase();
    if (word !== undefined && HTTP_VERBS.has(word)) return word as HttpVerb;
  }
  return undefined;
}

/**
 * The `(` of the call whose arguments hold `pos`, or -1. An open object literal or array is read through
 * (`$.ajax({ url: … })`); a function or block body is where the search ends: a call around a function is no request of
 * the code inside it.
 */
function enclosingCall(text: string, pos: number): number {
  let depth = 0;
  for (let i = pos - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === ')' || ch === ']' || ch === '}') depth++;
    else if (ch === '(' || ch === '[' || ch === '{') {
      if (depth > 0) depth--;
      else if (ch === '(') return i;
      else if (ch === '{' && !/(?:[(,:[?]|[^=!<>]=|\breturn)\s*$/.test(text.slice(Math.max(0, i - 20), i))) return -1;
    }
  }
  return -1;
}

function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return text.length;
}

/** A call's arguments with what nested brackets hold blanked: its top-level commas are the argument separators. */
function topLevel(args: string): string {
  let depth = 0;
  let out = '';
  for (const ch of args) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    out += depth > 0 ? (ch === '{' && depth === 1 ? '{' : ' ') : ch;
    if (ch === ')' || ch === ']' || ch === '}') depth--;
  }
  return out;
}
