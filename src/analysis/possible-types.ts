// The set of strings a `type` expression can hold, as the checker sees it (issue 5 "types that are not literals"):
// a constant, an enum member, a `const` object's property, a string-literal-typed parameter, a union of literals.

import { Node, TypeFlags, type Type } from './ts-morph.js';
import { symbolOf, unwrapExpression } from './project.js';

const MAX_DEPTH = 6;

/** The strings of a type made only of string literals (and string enum members); undefined otherwise. */
export function literalStrings(type: Type): string[] | undefined {
  const parts = type.isUnion() ? type.getUnionTypes() : [type];
  const out: string[] = [];
  for (const part of parts) {
    const value = part.getLiteralValue();
    if (!(part.getFlags() & TypeFlags.StringLiteral) || typeof value !== 'string') return undefined;
    out.push(value);
  }
  return out.length > 0 ? [...new Set(out)] : undefined;
}

/**
 * The checker's type at the expression (narrowed by control flow), or, when JavaScript widened a property or a
 * constant to `string`, the literal it was initialised with: `module.exports = { PAYPAL: 'payPal' }` read as
 * `TYPES.PAYPAL`. A `let`/`var` may be reassigned, so only `const` declarations and object properties are read.
 */
export function possibleStrings(start: Node, depth = 0): string[] | undefined {
  const node = unwrapExpression(start);
  const direct = literalStrings(node.getType());
  if (direct || depth >= MAX_DEPTH) return direct;
  if (Node.isConditionalExpression(node)) {
    const a = possibleStrings(node.getWhenTrue(), depth + 1);
    const b = possibleStrings(node.getWhenFalse(), depth + 1);
    return a && b ? [...new Set([...a, ...b])] : undefined;
  }
  if (!Node.isIdentifier(node) && !Node.isPropertyAccessExpression(node) && !Node.isElementAccessExpression(node)) return undefined;
  const decl = symbolOf(node)?.getValueDeclaration();
  let init: Node | undefined;
  if (Node.isPropertyAssignment(decl) || Node.isEnumMember(decl)) init = decl.getInitializer();
  else if (Node.isVariableDeclaration(decl) && decl.getVariableStatement()?.getDeclarationKind() === 'const') init = decl.getInitializer();
  return init ? possibleStrings(init, depth + 1) : undefined;
}
