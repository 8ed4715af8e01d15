// Where a JSON text stops being JSON, as `file:line:column: …`: V8's messages differ across Node versions and some
// give no position at all, so the text is scanned here (issue 17 item 10).

/** The one-line message for a configuration file (or package.json) that JSON.parse refused. */
export function jsonErrorAt(shown: string, text: string, error: unknown): string {
  const found = firstJsonError(text);
  if (found === undefined) return `${shown} is not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  const { line, column } = lineColumn(text, found.offset);
  return `${shown}:${line}:${column}: not valid JSON: ${found.what}`;
}

/** 1-based line and column of an offset; a BOM is not a column. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  const last = lines[lines.length - 1] ?? '';
  const bom = lines.length === 1 && last.startsWith('\uFEFF') ? 1 : 0;
  return { line: lines.length, column: last.length - bom + 1 };
}

interface JsonError {
  readonly offset: number;
  readonly what: string;
}

/** The first place `text` breaks the JSON grammar; undefined when it is valid JSON. */
export function firstJsonError(text: string): JsonError | undefined {
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const unexpected = (expected: string): JsonError =>
    i >= text.length
      ? { offset: i, what: `unexpected end of file, expected ${expected}` }
      : { offset: i, what: `unexpected ${JSON.stringify(text[i])}, expected ${expected}` };
  const string = (): JsonError | undefined => {
    i++;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) return { offset: i, what: 'a line break or control character inside a string' };
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 4;
        else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) return { offset: i - 1, what: 'an unknown escape in a string' };
      }
      i++;
    }
    if (i >= text.length) return { offset: i, what: 'unexpected end of file inside a string' };
    i++;
    return undefined;
  };
  const value = (): JsonError | undefined => {
    ws();
    const c = text[i];
    if (c === '"') return string();
    if (c === '{' || c === '[') return container(c === '{');
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i))?.[0];
    if (literal === undefined) return unexpected('a value');
    i += literal.length;
    return undefined;
  };
  const container = (object: boolean): JsonError | undefined => {
    const close = object ? '}' : ']';
    i++;
    ws();
    if (text[i] === close) {
      i++;
      return undefined;
    }
    for (;;) {
      ws();
      if (object) {
        if (text[i] !== '"') return unexpected('a property name in double quotes');
        const bad = string();
        if (bad) return bad;
        ws();
        if (text[i] !== ':') return unexpected('":"');
        i++;
      }
      const bad = value();
      if (bad) return bad;
      ws();
      if (text[i] === close) {
        i++;
        return undefined;
      }
      if (text[i] !== ',') return unexpected(`"," or "${close}"`);
      i++;
    }
  };
  const bad = value();
  if (bad) return bad;
  ws();
  return i < text.length ? unexpected('the end of the file') : undefined;
}
