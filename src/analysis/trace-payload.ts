// Traces a payload expression the engine could not follow (an import, a builder in another module, `require`,
// `module.exports`, a re-export) to the expressions that build it, one hop: the engine plans from there and asks
// again if that file's expression leads on (issue 5 "across modules").

import { Node, SyntaxKind, type Symbol as TsSymbol } from './ts-morph.js';
import type { TraceOutcome } from './facts.js';
import { overridesOf } from './overrides.js';
import { isEditable, spanOfNode, symbolOf, unwrapExpression } from './project.js';

const MAX_HOPS = 8;

type Found = { readonly ok: true; readonly node: Node } | { readonly ok: false; readonly why: string };

function hasBody(node: Node): boolean {
  return Node.isBodied(node) || (Node.isBodyable(node) && node.hasBody());
}

/** The declaration that gives a symbol its value: a function's implementation, else the first declaration. */
function declarationOf(symbol: TsSymbol | undefined): Node | undefined {
  const decls = symbol?.getDeclarations() ?? [];
  return decls.find((d) => Node.isFunctionLikeDeclaration(d) && hasBody(d)) ?? symbol?.getValueDeclaration() ?? decls[0];
}

/** The expression a declaration assigns: `x = v`, `{ x: v }`, `exports.x = v`, `export default v`. */
function assignedValue(decl: Node): Node | undefined {
  if (Node.isVariableDeclaration(decl) || Node.isPropertyAssignment(decl) || Node.isPropertyDeclaration(decl)) return decl.getInitializer();
  if (Node.isExportAssignment(decl)) return decl.getExpression();
  if (Node.isBinaryExpression(decl)) return decl.getRight();
  const parent = decl.getParent();
  if ((Node.isPropertyAccessExpression(decl) || Node.isElementAccessExpression(decl)) && Node.isBinaryExpression(parent) && parent.getLeft() === decl) {
    return parent.getRight();
  }
  return undefined;
}

/** The function an expression refers to, with a body to read its return values from. */
function functionOf(expr: Node, hops: number): Found {
  const node = unwrapExpression(expr);
  if (Node.isFunctionExpression(node) || Node.isArrowFunction(node)) return { ok: true, node };
  if (hops > MAX_HOPS) return { ok: false, why: 'it goes through too many indirections' };
  let decl = declarationOf(symbolOf(node));
  if (decl && Node.isShorthandPropertyAssignment(decl)) decl = declarationOf(decl.getValueSymbol());
  if (!decl) return { ok: false, why: `the checker finds no declaration of \`${node.getText()}\`` };
  if (Node.isFunctionDeclaration(decl) || Node.isMethodDeclaration(decl) || Node.isFunctionExpression(decl) || Node.isArrowFunction(decl)) {
    return hasBody(decl) ? { ok: true, node: decl } : { ok: false, why: `\`${node.getText()}\` is only declared, with no body` };
  }
  const value = assignedValue(decl);
  if (value) return functionOf(value, hops + 1);
  return { ok: false, why: `\`${node.getText()}\` is not a function the checker can read` };
}

/** Every value the function returns; undefined when one return has none. */
function returnValues(fn: Node): Node[] | undefined {
  if (Node.isArrowFunction(fn)) {
    const body = fn.getBody();
    if (!Node.isBlock(body)) return [unwrapExpression(body)];
  }
  const values: Node[] = [];
  let bare = false;
  fn.forEachDescendant((n, traversal) => {
    if (Node.isFunctionLikeDeclaration(n) || Node.isClassDeclaration(n) || Node.isClassExpression(n)) return traversal.skip();
    if (Node.isReturnStatement(n)) {
      const e = n.getExpression();
      if (e) values.push(unwrapExpression(e));
      else bare = true;
    }
    return undefined;
  });
  return bare || values.length === 0 ? undefined : values;
}

/** The expression that holds a value read from elsewhere: a constant's name, an object property's value. */
function valueOf(expr: Node): Found {
  const decl = declarationOf(symbolOf(expr));
  if (!decl) return { ok: false, why: `the checker finds no declaration of \`${expr.getText()}\`` };
  if (Node.isVariableDeclaration(decl)) {
    // The engine follows the variable there: its definitions and the fields set on it.
    const name = decl.getNameNode();
    return Node.isIdentifier(name) ? { ok: true, node: name } : { ok: false, why: 'it is destructured' };
  }
  if (Node.isShorthandPropertyAssignment(decl)) return { ok: true, node: decl.getNameNode() };
  if (Node.isParameterDeclaration(decl)) return { ok: false, why: `it comes from the parameter \`${decl.getName()}\`` };
  if (Node.isPropertySignature(decl) || decl.getKind() === SyntaxKind.PropertySignature) return { ok: false, why: 'it is only declared by a type' };
  const value = assignedValue(decl);
  return value ? { ok: true, node: unwrapExpression(value) } : { ok: false, why: `\`${expr.getText()}\` is not a value the checker can read` };
}

export function tracePayload(start: Node): TraceOutcome {
  const expr = unwrapExpression(start);
  let nodes: Node[];
  if (Node.isCallExpression(expr)) {
    // A class's own slot filled with `new Sub(…)` runs Sub's override, not the declared type's method (issue 18).
    const overrides = overridesOf(expr.getExpression());
    const fns: Node[] = [];
    if (overrides) fns.push(...overrides);
    else {
      const fn = functionOf(expr.getExpression(), 0);
      if (!fn.ok) return fn;
      fns.push(fn.node);
    }
    const files = new Set(fns.map((f) => f.getSourceFile()));
    if (files.size > 1) return { ok: false, why: `the overrides it may run (${fns.map((f) => f.getSourceFile().getBaseName()).join(', ')}) are in different files` };
    nodes = [];
    for (const fn of fns) {
      const values = returnValues(fn);
      if (!values) return { ok: false, why: `\`${expr.getExpression().getText()}\` does not return a value on every path` };
      nodes.push(...values);
    }
  } else if (Node.isIdentifier(expr) || Node.isPropertyAccessExpression(expr) || Node.isElementAccessExpression(expr)) {
    const v = valueOf(expr);
    if (!v.ok) return v;
    nodes = [v.node];
  } else {
    return { ok: false, why: 'it is not a name or a call the checker can follow' };
  }
  const sf = nodes[0]?.getSourceFile();
  if (!sf) return { ok: false, why: 'it has no value' };
  if (!isEditable(sf)) return { ok: false, why: `it is built in ${sf.getBaseName()}, a package or declaration file that is never edited` };
  return { ok: true, target: { file: sf.getFilePath(), expressions: nodes.map(spanOfNode) } };
}
