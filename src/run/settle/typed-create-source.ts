// Whether the project declares DigitalRiver.js's createSource with a typed payload parameter (in its own `.d.ts`
// or interfaces): then every migrated TypeScript payload is typed by it, even one written without an annotation,
// and the type-aware step must keep that declaration in step (issue 5). Text only: no program is built to know.

/** Parameter types that accept any payload: nothing to keep in step. */
const OPEN = /^(?:any|unknown|object|\{\s*\}|(?:any|unknown)\[\]|Record<\s*string\s*,\s*(?:any|unknown)\s*>|Object)$/;

/** `createSource(…): …` as a declaration (a signature with a return type), not a call. */
const SIGNATURE = /(?<![.\w$])createSource\s*(?:<[^>()]*>)?\s*\(([^()]*)\)\s*:/g;

/** Splits a parameter list at its top-level commas (not those inside `Record<string, unknown>` or `{ a, b }`). */
function parameters(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '<' || c === '{' || c === '[') depth++;
    else if ((c === '>' && list[i - 1] !== '=') || c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(list.slice(from, i));
      from = i + 1;
    }
  }
  out.push(list.slice(from));
  return out.map((p) => p.trim()).filter((p) => p !== '');
}

export function declaresTypedCreateSource(text: string): boolean {
  for (const m of text.matchAll(SIGNATURE)) {
    const params = parameters(m[1] ?? '');
    const types = params.map((p) => p.replace(/^\.\.\./, '').split(':').slice(1).join(':').trim());
    if (types.some((t) => t !== '' && !OPEN.test(t))) return true;
  }
  return false;
}
