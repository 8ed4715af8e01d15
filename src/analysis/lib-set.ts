// The lib files the type-aware step loads (issue 14): the ECMAScript part of the project's lib set, without the
// DOM, web worker and Windows Script Host libs, which are 1.9 MB of the 2.0 MB TypeScript loads for a browser
// target and answer none of the step's questions (which strings a `type` can hold, where a payload is built, which
// declaration types it) unless the project's own code reaches into those globals (`reachesHostGlobals`).

import { libFiles, ts, type CompilerOptions, type TsProgram, type TsSourceFile, type TsStatement } from './ts-morph.js';

const HOST_LIB = /^lib\.(?:dom|webworker|scripthost)\./i;

/**
 * The lib files of `options` without the host libs, or undefined when there is none to drop (no `lib` given means
 * the target's default, `lib.es2022.full.d.ts` for ES2022, whose ECMAScript part is `lib.es2022.d.ts`).
 */
export function ecmascriptLibs(options: CompilerOptions): string[] | undefined {
  if (options.noLib) return undefined;
  const configured = options.lib ?? [ts.getDefaultLibFileName(options)];
  const kept = configured
    .filter((lib) => !HOST_LIB.test(lib))
    .map((lib) => (lib === 'lib.d.ts' ? 'lib.es5.d.ts' : lib === 'lib.es6.d.ts' ? 'lib.es2015.d.ts' : lib.replace(/\.full\.d\.ts$/i, '.d.ts')));
  if (kept.length === configured.length && kept.every((lib, i) => lib === configured[i])) return undefined;
  return kept.length > 0 ? kept : ['lib.es5.d.ts'];
}

let hostNames: Set<string> | undefined;

/**
 * Every name the host libs declare globally, and a few more (interfaces inside their namespaces, words in their
 * comments): erring wide only keeps the DOM. Read once per process, about 10 ms; a pattern that starts with a
 * keyword rather than a character class is what keeps it at that over 1.9 MB.
 */
function hostGlobalNames(): Set<string> {
  if (hostNames) return hostNames;
  hostNames = new Set();
  const declaration = /\b(?:interface|declare\s+(?:var|let|const|function|namespace|module|class|enum)|type)\s+([A-Za-z_$][\w$]*)/g;
  for (const lib of libFiles()) {
    if (!HOST_LIB.test(lib.fileName)) continue;
    for (const m of lib.text.matchAll(declaration)) if (m[1]) hostNames.add(m[1]);
  }
  return hostNames;
}

function declaredNames(statement: TsStatement, out: Set<string>): void {
  if (ts.isVariableStatement(statement)) {
    for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) out.add(d.name.text);
  } else if (
    (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) &&
    statement.name && ts.isIdentifier(statement.name)
  ) {
    out.add(statement.name.text);
  }
}

/** Names a file declares in the global scope: a script's top level (CommonJS counted too) and `declare global`. */
function globalNamesOf(sf: TsSourceFile, out: Set<string>): void {
  const script = !ts.isExternalModule(sf);
  for (const statement of sf.statements) {
    if (script) declaredNames(statement, out);
    if (ts.isModuleDeclaration(statement) && statement.name.text === 'global' && statement.body && ts.isModuleBlock(statement.body)) {
      for (const inner of statement.body.statements) declaredNames(inner, out);
    }
  }
}

/**
 * Whether an answer may depend on the host libs: the project declares a global the DOM also declares (merging
 * with it, as `interface Window { … }` does, or shadowing it, as a script's `var name` does), or reads one of its
 * own globals through the global object (`window.drPayloads`, `self['drType']`), which only the DOM types.
 */
export function reachesHostGlobals(program: TsProgram): boolean {
  const files = program.getSourceFiles().filter((sf) => !program.isSourceFileDefaultLibrary(sf));
  const globals = new Set<string>();
  for (const sf of files) globalNamesOf(sf, globals);
  if (globals.size === 0) return false;
  const host = hostGlobalNames();
  for (const name of globals) if (host.has(name)) return true;
  return files.some((sf) => readsThroughGlobalObject(sf.text, globals));
}

const THROUGH_GLOBAL_OBJECT = /(?<![\w$.])(?:window|self)\s*(?:\?\.\s*|\.\s*|(?:\?\.)?\[\s*['"`])([A-Za-z_$][\w$]*)/g;

/**
 * `window.X` (or `self.X`, `window['X']`) for one of the project's globals X. Not the namespace idiom
 * `var X = window.X || {}`: TypeScript's binder reads that from the syntax alone (a JavaScript container
 * defaulted to itself), so the DOM's `window` adds nothing to it (global-scripts-js gives the same result both ways).
 */
export function readsThroughGlobalObject(text: string, globals: ReadonlySet<string>): boolean {
  for (const m of text.matchAll(THROUGH_GLOBAL_OBJECT)) {
    const name = m[1];
    if (name === undefined || !globals.has(name)) continue;
    const before = text.slice(Math.max(0, m.index - 200), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 20);
    const defaulted = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\s*=\\s*$`).test(before) && /^\s*\|\|/.test(after);
    if (!defaulted) return true;
  }
  return false;
}
