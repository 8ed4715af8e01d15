// Whether a deferred `type` is only an untyped parameter of a JavaScript function (issue 14 "type-aware step cost"):
// the checker types such a parameter `any` and cannot settle it, so the run need not build a program to ask.

import type * as t from '@babel/types';
import type { NodePath } from './babel.js';

/** JavaScript files: a parameter there has no type unless JSDoc gives it one. */
const JAVASCRIPT = /\.(?:js|jsx|mjs|cjs)$/i;

/**
 * The name of the function whose untyped parameter every one of `paths` is, or undefined at any doubt. Conservative:
 * a function declaration (or a function a `const`/`let`/`var` names) in a JavaScript file, with no block comment
 * (JSDoc) before it or up to its body that could type it, and each parameter a plain name never assigned and read
 * only where the checker cannot narrow it (the deferred expressions themselves, or as a computed key `x[type]`).
 * The caller still checks that nothing else in the project names the function (analysis-gate.ts). Comments are read
 * from the text: the engine parses without attaching them (parse.ts).
 */
export function untypedParameterFunction(paths: readonly NodePath[], text: string, file: string | undefined): string | undefined {
  if (!file || !JAVASCRIPT.test(file) || paths.length === 0) return undefined;
  const nodes = new Set(paths.map((p) => p.node));
  let name: string | undefined;
  for (const path of paths) {
    if (!path.isIdentifier()) return undefined;
    const binding = path.scope.getBinding(path.node.name);
    if (!binding || binding.kind !== 'param' || binding.constantViolations.length > 0) return undefined;
    const param = binding.path;
    if (!param.isIdentifier() || param.node.typeAnnotation) return undefined;
    const fn = param.parentPath;
    if (!fn?.isFunction() || !fn.node.params.includes(param.node)) return undefined;
    const own = functionName(fn, text);
    if (own === undefined || (name !== undefined && name !== own)) return undefined;
    name = own;
    for (const ref of binding.referencePaths) {
      if (nodes.has(ref.node)) continue;
      const parent = ref.parentPath;
      // `x[type]` reads through the parameter without narrowing it; any other use could (a guard, a switch…).
      if (!(parent?.isMemberExpression() && parent.node.computed && parent.node.property === ref.node)) return undefined;
    }
  }
  return name;
}

/** The function's own name when no comment could give it a type: none before its statement or up to its body. */
function functionName(fn: NodePath<t.Function>, text: string): string | undefined {
  let statement: NodePath;
  let id: t.Node | null | undefined;
  if (fn.isFunctionDeclaration()) {
    statement = fn.parentPath.isExportNamedDeclaration() || fn.parentPath.isExportDefaultDeclaration() ? fn.parentPath : fn;
    id = fn.node.id;
  } else if (fn.isFunctionExpression() || fn.isArrowFunctionExpression()) {
    const declarator = fn.parentPath;
    const declaration = declarator.parentPath;
    if (!declarator.isVariableDeclarator() || !declaration?.isVariableDeclaration() || declaration.node.declarations.length !== 1) return undefined;
    statement = declaration.parentPath?.isExportNamedDeclaration() ? declaration.parentPath : declaration;
    id = declarator.node.id;
  } else return undefined;
  if (id?.type !== 'Identifier') return undefined;
  const before = statement.getPrevSibling();
  const from = before.node ? (before.node.end ?? 0) : (statement.parentPath?.node.start ?? 0);
  const to = fn.node.body.start ?? 0;
  return text.slice(from, to).includes('/*') ? undefined : id.name;
}
