// The import graph of src/, built from the sources: no cycles, and the transform core never imports the CLI, the
// reports or the adoption code (issue 16, "One clear way through the code").

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from '@babel/parser';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

/** One import edge: the importing and imported files (relative to the repository root), and whether it is type-only. */
interface Edge {
  readonly from: string;
  readonly to: string;
  readonly typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.c?ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** `./x.js` from src/a/b.ts → src/a/x.ts (or .cts); undefined for packages. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = resolve(dirname(from), specifier);
  return relative(ROOT, target.replace(/\.cjs$/, '.cts').replace(/\.js$/, '.ts'));
}

interface Node {
  readonly type: string;
  readonly [key: string]: unknown;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Every static import, `export … from`, `import('…')` (in code and in type positions) and `require('…')` of a file. */
function importsOf(file: string): Edge[] {
  const ast = parse(readFileSync(file, 'utf8'), {
    sourceType: 'module',
    plugins: ['typescript', 'importAttributes'],
  });
  const from = relative(ROOT, file);
  const edges: Edge[] = [];
  const add = (specifier: unknown, typeOnly: boolean): void => {
    if (typeof specifier !== 'string') return;
    const to = resolveSpecifier(file, specifier);
    if (to !== undefined) edges.push({ from, to, typeOnly });
  };
  const literal = (node: unknown): unknown => (isNode(node) && node.type === 'StringLiteral' ? node['value'] : undefined);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isNode(node)) return;
    switch (node.type) {
      case 'ImportDeclaration': {
        const specifiers = (node['specifiers'] as Node[]) ?? [];
        const typeOnly =
          node['importKind'] === 'type' ||
          (specifiers.length > 0 && specifiers.every((s) => s['importKind'] === 'type'));
        add(literal(node['source']), typeOnly);
        break;
      }
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
        if (node['source']) add(literal(node['source']), node['exportKind'] === 'type');
        break;
      case 'TSImportType':
        add(literal(node['argument']) ?? literal((node['argument'] as Node | undefined)?.['literal']), true);
        break;
      case 'CallExpression': {
        const callee = node['callee'] as Node;
        const isRequire = callee.type === 'Identifier' && callee['name'] === 'require';
        if (callee.type === 'Import' || isRequire) add(literal((node['arguments'] as Node[])[0]), false);
        break;
      }
      case 'ImportExpression':
        add(literal(node['source']), false);
        break;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'loc' && key !== 'start' && key !== 'end' && typeof value === 'object') visit(value);
    }
  };
  visit(ast.program);
  return edges;
}

const EDGES = sourceFiles(SRC).flatMap(importsOf);

/**
 * Every elementary cycle's first occurrence, found by depth-first search from each file in order. Type-only imports
 * count: a cycle through a type is harmless at run time, but it still ties the two modules together (issue 16 counts
 * the `Io` type cycle).
 */
function cycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    const list = next.get(from) ?? [];
    if (!list.includes(to)) list.push(to);
    next.set(from, list);
  }
  const found = new Map<string, string[]>();
  const done = new Set<string>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const walk = (file: string): void => {
    stack.push(file);
    onStack.add(file);
    for (const to of next.get(file) ?? []) {
      if (onStack.has(to)) {
        const cycle = stack.slice(stack.indexOf(to));
        // The same cycle found from another start is reported once, from its smallest file name.
        const start = cycle.indexOf([...cycle].sort()[0] as string);
        const canonical = [...cycle.slice(start), ...cycle.slice(0, start)];
        found.set(canonical.join(' → '), canonical);
      } else if (!done.has(to)) {
        walk(to);
      }
    }
    stack.pop();
    onStack.delete(file);
    done.add(file);
  };
  for (const file of [...next.keys()].sort()) if (!done.has(file)) walk(file);
  return [...found.values()];
}

/** Every folder of src/ (its sub-folders too), as `src/x/`. */
function folders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => {
      const path = join(dir, e.name);
      return [`${relative(ROOT, path)}/`, ...folders(path)];
    });
}

/**
 * Each folder opens with a README.md on what it owns, ending with the line `Must not import: src/a/, src/b/` (issue
 * 16). Those lines are the layer rules this test holds the import graph to; a sub-folder is bound by its parents'.
 */
const RULES = folders(SRC).map((folder) => {
  const path = join(ROOT, folder, 'README.md');
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const line = /^Must not import: (.+)$/m.exec(text)?.[1];
  return { folder, text, forbidden: line === undefined ? undefined : line.split(',').map((s) => s.trim()) };
});

describe('the folders of src/', () => {
  it('each open with a README.md saying what they own and what they must not import', () => {
    expect(RULES.filter((r) => !r.text.startsWith(`# ${r.folder.replace(/\/$/, '')}: `) || r.forbidden === undefined).map((r) => r.folder)).toEqual([]);
  });

  it('name only folders that exist in their rules', () => {
    const known = new Set(RULES.map((r) => r.folder));
    expect(RULES.flatMap((r) => (r.forbidden ?? []).filter((f) => !known.has(f)).map((f) => `${r.folder}: ${f}`))).toEqual([]);
  });
});
/** The transform core: what a transform run needs, with no knowledge of how it was asked for or reported. */
const CORE = ['src/engine/', 'src/rewrite/', 'src/rules/', 'src/analysis/'];
/** What drives and presents a run; the core must not depend on it. */
const OUTER = ['src/cli/', 'src/report/', 'src/adopt/'];

/**
 * Layer violations that need a file move to fix, left for the folder move that issue 16 plans as a later step.
 * Each entry is `from → to`.
 */
const KNOWN_LAYER_EXCEPTIONS: readonly string[] = [];

const inside = (file: string, areas: readonly string[]): boolean =>
  areas.some((area) => (area.endsWith('/') ? file.startsWith(area) : file === area));

describe('the import graph of src/', () => {
  it('reads the imports it should', () => {
    // A guard against a parser change that would find no edges and pass every test below.
    const edges = EDGES.map((e) => `${e.from} → ${e.to}`);
    expect(edges).toContain('src/cli/main.ts → src/version.ts');
    expect(edges).toContain('src/run/settle/settle.ts → src/run/settle/analysis-step.ts'); // a dynamic import('…')
    expect(EDGES.every((e) => !e.to.endsWith('.js'))).toBe(true);
  });

  it('has no cycles', () => {
    const found = cycles(EDGES).map((cycle) => [...cycle, cycle[0]].join(' → '));
    expect(found, `import cycles:\n${found.join('\n')}`).toEqual([]);
  });

  it("keeps each folder's rule", () => {
    const violations = EDGES.flatMap((e) =>
      RULES.filter((r) => e.from.startsWith(r.folder) && !e.to.startsWith(r.folder))
        .flatMap((r) => (r.forbidden ?? []).filter((f) => e.to.startsWith(f)).map((f) => `${e.from} → ${e.to} (${r.folder} must not import ${f})`)),
    );
    expect([...new Set(violations)], `layer violations:\n${violations.join('\n')}`).toEqual([]);
  });

  it('the transform core imports nothing from the CLI, the reports or the adoption code', () => {
    const violations = EDGES.filter((e) => inside(e.from, CORE) && inside(e.to, OUTER))
      .map((e) => `${e.from} → ${e.to}${e.typeOnly ? ' (type)' : ''}`)
      .filter((v, i, all) => all.indexOf(v) === i && !KNOWN_LAYER_EXCEPTIONS.includes(v.replace(' (type)', '')));
    expect(violations, `layer violations:\n${violations.join('\n')}`).toEqual([]);
  });

  it('lists no known exception that no longer happens', () => {
    const edges = new Set(EDGES.map((e) => `${e.from} → ${e.to}`));
    expect(KNOWN_LAYER_EXCEPTIONS.filter((e) => !edges.has(e))).toEqual([]);
  });
});
