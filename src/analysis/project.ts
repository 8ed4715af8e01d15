// Builds the ts-morph project the analysis asks: the nearest tsconfig.json (or jsconfig.json) above the scanned
// paths with JavaScript allowed, or a synthetic allowJs project over the files involved when there is none.

import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { ecmascriptLibs, reachesHostGlobals } from './lib-set.js';
import { getCompilerOptionsFromTsConfig, Node, Project, ts, type CompilerOptions, type SourceFile, type Symbol as TsSymbol } from './ts-morph.js';
import type { Span } from '../engine/types.js';

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];

/** Options of the project when no config file exists: every JS dialect, CommonJS and ES modules, never type-checked. */
export const SYNTHETIC_OPTIONS: CompilerOptions = {
  allowJs: true,
  checkJs: false,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.Preserve,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.Preserve,
  esModuleInterop: true,
  skipLibCheck: true,
};

/** The deepest folder holding every root. */
function commonFolder(roots: readonly string[]): string | undefined {
  const dirs = roots.map((r) => (existsSync(r) && !/\.[A-Za-z0-9]+$/.test(r) ? r : dirname(r)));
  const first = dirs[0];
  if (first === undefined) return undefined;
  let common = resolve(first);
  for (const d of dirs.slice(1)) {
    while (!(`${resolve(d)}${sep}`.startsWith(`${common}${sep}`) || resolve(d) === common)) common = dirname(common);
  }
  return common;
}

/** The nearest tsconfig.json/jsconfig.json in or above the folder holding the scanned paths. */
export function findConfig(roots: readonly string[]): string | undefined {
  let dir = commonFolder(roots);
  while (dir) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/**
 * The project for tracing: the config's files and options, with JavaScript allowed so that builders in `.js`
 * files are seen, plus `files` and what they import. `textOf` supplies the exact text the engine saw.
 * `libs: 'ecmascript'` loads only the ECMAScript libs (lib-set.ts) unless the project reaches the DOM's globals,
 * in which case its program takes the project's own libs before any question is asked of it; --verify keeps the
 * config's libs, to report what `tsc` reports.
 */
export function buildProject(
  config: string | undefined,
  files: readonly string[],
  textOf: (file: string) => string | undefined,
  allowJs: boolean,
  libs: 'configured' | 'ecmascript' = 'configured',
): Project {
  const own = libs === 'ecmascript' ? (config ? getCompilerOptionsFromTsConfig(config).options : SYNTHETIC_OPTIONS) : undefined;
  const lib = own ? ecmascriptLibs(own) : undefined;
  const overrides: CompilerOptions = { ...(allowJs ? { allowJs: true, noEmit: true } : {}), ...(lib ? { lib } : {}) };
  // Dependencies are resolved once, below, after the engine's texts are in: resolving them in the constructor too
  // would build a program that the first differing text throws away.
  const project = config
    ? new Project({ tsConfigFilePath: config, skipFileDependencyResolution: true, compilerOptions: overrides })
    : new Project({ compilerOptions: { ...SYNTHETIC_OPTIONS, ...overrides } });
  for (const file of files) {
    const text = textOf(file);
    const existing = project.getSourceFile(file);
    // createSourceFile keeps line endings as they are (replaceWithText would normalise them, moving offsets).
    if (text !== undefined && existing?.getFullText() !== withoutBom(text)) project.createSourceFile(file, withoutBom(text), { overwrite: true });
    else if (!existing) project.addSourceFileAtPathIfExists(file);
  }
  project.resolveSourceFileDependencies();
  if (lib && reachesHostGlobals(project.getProgram().compilerObject)) {
    // The project's own libs after all: the next program reuses the files already parsed and their dependencies,
    // and parses only the libs added.
    project.compilerOptions.set({ lib: own?.lib });
  }
  return project;
}

/** Files the migration may edit: the project's own sources (its own `.d.ts` too), never a package or a lib file. */
export function isEditable(sf: SourceFile): boolean {
  const path = sf.getFilePath();
  return !sf.isInNodeModules() && !sf.isFromExternalLibrary() && !/[\\/]node_modules[\\/]/.test(path);
}

/** The innermost node that spans exactly `span`: the expression the engine named by its range. */
export function nodeAt(sf: SourceFile, span: Span): Node | undefined {
  return sf.getDescendantAtStartWithWidth(span.start, span.end - span.start);
}

/** Steps through parentheses and type-only wrappers, as the engine does (src/engine/babel.ts `unwrap`). */
export function unwrapExpression(node: Node): Node {
  let cur = node;
  while (
    Node.isParenthesizedExpression(cur) ||
    Node.isAsExpression(cur) ||
    Node.isSatisfiesExpression(cur) ||
    Node.isNonNullExpression(cur) ||
    Node.isTypeAssertion(cur)
  ) {
    cur = cur.getExpression();
  }
  return cur;
}

export const spanOfNode = (node: Node): Span => ({ start: node.getStart(), end: node.getEnd() });

/**
 * ts-morph drops a UTF-8 byte-order mark from every text it holds, while the engine keeps it (as a one-character
 * space) so that its offsets are the file's: offsets cross this boundary shifted by the mark.
 */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** 1 when the file on disk starts with a UTF-8 byte-order mark. */
export function bomOnDisk(file: string): number {
  const head = Buffer.alloc(3);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    return readSync(fd, head, 0, 3, 0) === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 1 : 0;
  } catch {
    return 0;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The symbol an expression names, through import aliases, re-exports and `require`. */
export function symbolOf(node: Node): TsSymbol | undefined {
  const target = Node.isPropertyAccessExpression(node) ? node.getNameNode() : node;
  let symbol = target.getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  return symbol;
}
