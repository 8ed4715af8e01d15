// The lines of a file as the inventory's checklist reads them: comments and type declarations blanked, columns kept
// (issue 18: a commented-out call or `sourceId: string` is evidence of nothing).

/** How a language writes comments: to the end of the line, and in blocks (opening and closing marks). */
interface CommentSyntax {
  readonly line: readonly string[];
  readonly block: readonly (readonly [string, string])[];
  /**
   * Whether an `interface` holds only types. Not on the JVM and .NET, where an interface declares requests (Retrofit's
   * `@POST("/orders")`, Feign's `@PostMapping`) or holds default methods.
   */
  readonly typeInterfaces: boolean;
}

function commentSyntax(path: string): CommentSyntax {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  // Python: `#`, and docstrings (documentation, never a request); `//` is floor division there.
  if (ext === 'py') return { line: ['#'], block: [['"""', '"""'], ["'''", "'''"]], typeInterfaces: false };
  if (ext === 'rb') return { line: ['#'], block: [], typeInterfaces: false };
  // Everything else is C-like (scripts, JVM, C#, Go) or a template around it (HTML comments); PHP also takes `#`.
  return {
    line: ext === 'php' || ext === 'phtml' ? ['//', '#'] : ['//'],
    block: [['/*', '*/'], ['<!--', '-->']],
    typeInterfaces: !['java', 'kt', 'scala', 'groovy', 'cs'].includes(ext),
  };
}

/**
 * A type declaration's first line: `interface X`, `type X = …`, Go's `type X struct`, `declare module`. The declaration
 * runs to its closing brace (or to its line, when it has no braces and does not go on).
 */
const DECLARATION_START =
  /^\s*(?:(?:export|default|public|private|protected|internal|abstract)\s+)*(?:declare\s+(?:module|namespace|global)\b|(?:declare\s+)?(?:type\s+[\w$]+\s*(?:<[^=]*>)?\s*=|type\s+[\w$]+\s+(?:struct|interface)\b))/;
const INTERFACE_START = /^\s*(?:(?:export|default|public|private|protected|internal|abstract|declare)\s+)*interface\s+[\w$]/;

/** A line's code with its strings emptied: the braces a declaration is measured by. */
const withoutStrings = (code: string): string => code.replace(/(['"`])(?:\\.|(?!\1).)*\1/g, '');

/** Type annotations outside declarations, blanked where they stand: the rest of the line stays evidence. */
const ANNOTATIONS: readonly RegExp[] = [
  // `readonly sourceId: string`, `private api: ApiClient`: class members and constructor parameters.
  /\b(?:public|private|protected|readonly|declare|abstract|override)\s+(?:(?:public|private|protected|readonly|static|declare|abstract|override)\s+)*[\w$]+\s*[?!]?\s*:\s*[^,;)=]+/g,
  // `sourceId?: string`: optional members and parameters (a conditional always has an operand between `?` and `:`).
  /[\w$]+\s*\?\s*:\s*[^,;)=}]+/g,
  // `sourceId: string`, `(sourceId: string)`, `{ sourceId: string }`: a primitive type is never a value.
  /[\w$]+\s*!?\s*:\s*(?:string|number|boolean|bigint|symbol|object|unknown|any|never|void)\b(?:\s*\[\s*\])*(?![\w$.(])/g,
];

/** `sourceId: SourceId;` alone on its line: a member declaration (an object literal's entries never end in `;`). */
const MEMBER_LINE = /^\s*(?!(?:default|case|else)\b)(?:[\w$]+|(['"])[\w$-]+\1)\s*[?!]?\s*:\s*[^(;]+;\s*$/;

const blank = (text: string): string => ' '.repeat(text.length);

/**
 * Each line as the checklist reads it: comments (line comments, `/* *\/` and `<!-- -->` blocks, tracked across lines)
 * and type declarations blanked, so they are evidence of nothing; strings are kept (URLs live there). Strings end at
 * their line's end: a string that goes on is read as code, which at worst keeps a line as evidence.
 */
export function evidenceLines(path: string, lines: readonly string[]): string[] {
  const syntax = commentSyntax(path);
  const php = syntax.line.includes('#') && syntax.line.includes('//');
  let block: string | undefined;
  const uncommented = lines.map((line) => {
    let code = '';
    let quote: string | undefined;
    let i = 0;
    while (i < line.length) {
      if (block !== undefined) {
        const end = line.indexOf(block, i);
        const to = end < 0 ? line.length : end + block.length;
        code += blank(line.slice(i, to));
        i = to;
        if (end >= 0) block = undefined;
        continue;
      }
      const ch = line[i] ?? '';
      // An escaped character (in a string, or a regular expression's `\/`) opens and closes nothing.
      if (ch === '\\') {
        code += line.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (quote !== undefined) {
        if (ch === quote) quote = undefined;
        code += ch;
        i++;
        continue;
      }
      const opens = syntax.block.find(([open]) => line.startsWith(open, i));
      if (opens) {
        block = opens[1];
        code += blank(opens[0]);
        i += opens[0].length;
        continue;
      }
      // PHP 8 attributes (`#[Route(…)]`) are code.
      if (syntax.line.some((mark) => line.startsWith(mark, i) && !(php && mark === '#' && line[i + 1] === '['))) {
        code += blank(line.slice(i));
        break;
      }
      if (ch === '"' || ch === "'" || ch === '`') quote = ch;
      code += ch;
      i++;
    }
    return code;
  });
  let declaration: { depth: number; opened: boolean } | undefined;
  return uncommented.map((code, row) => {
    const starts = DECLARATION_START.test(code) || (syntax.typeInterfaces && INTERFACE_START.test(code));
    if (declaration === undefined && starts) declaration = { depth: 0, opened: false };
    if (declaration !== undefined) {
      for (const ch of withoutStrings(code)) {
        if (ch === '{') {
          declaration.depth++;
          declaration.opened = true;
        } else if (ch === '}') declaration.depth--;
      }
      const goesOn = /[=|&,<(:]\s*$/.test(code) || /^\s*[|&{=]/.test(uncommented[row + 1] ?? '');
      if (declaration.depth <= 0 && (declaration.opened || !goesOn)) declaration = undefined;
      return blank(code);
    }
    if (MEMBER_LINE.test(code)) return blank(code);
    return ANNOTATIONS.reduce((line, re) => line.replace(re, blank), code);
  });
}
