// The method a call on a class's own slot really runs (issue 18, "the right builder"): in a class whose code
// stores `new WireTransferRequest(…)` in `this[REQUEST]`, `this[REQUEST].createObject(cart)` runs that subclass's
// override, whatever type the slot is declared with; the checker alone would name the declared class's method.

import { Node, SyntaxKind, type ClassDeclaration, type MethodDeclaration } from './ts-morph.js';
import { symbolOf, unwrapExpression } from './project.js';

/** `this` itself, or a constant holding it (`const _this = this`). */
function isThis(node: Node): boolean {
  const n = unwrapExpression(node);
  if (Node.isThisExpression(n)) return true;
  if (!Node.isIdentifier(n)) return false;
  const decl = symbolOf(n)?.getValueDeclaration();
  const init = decl && Node.isVariableDeclaration(decl) ? decl.getInitializer() : undefined;
  return init !== undefined && Node.isThisExpression(unwrapExpression(init));
}

/** The slot a `this.x` / `this[KEY]` expression names: a property name, or the symbol of a computed key. */
function slotOf(node: Node): string | object | undefined {
  const n = unwrapExpression(node);
  if (Node.isPropertyAccessExpression(n)) return isThis(n.getExpression()) ? n.getName() : undefined;
  if (!Node.isElementAccessExpression(n) || !isThis(n.getExpression())) return undefined;
  const arg = n.getArgumentExpression();
  if (!arg) return undefined;
  if (Node.isStringLiteral(arg)) return arg.getLiteralValue();
  return symbolOf(arg)?.compilerSymbol;
}

/** The class a `new X(…)` constructs, when X names a class declaration. */
function constructedClass(node: Node): ClassDeclaration | undefined {
  const n = unwrapExpression(node);
  if (!Node.isNewExpression(n)) return undefined;
  const decl = symbolOf(n.getExpression())?.getValueDeclaration();
  return decl && Node.isClassDeclaration(decl) ? decl : undefined;
}

/** `name` as `cls` has it: its own method with a body, or the nearest base class's. */
function methodOf(cls: ClassDeclaration, name: string): MethodDeclaration | undefined {
  for (let c: ClassDeclaration | undefined = cls; c; c = c.getBaseClass()) {
    const m = c.getInstanceMethod(name);
    if (m?.hasBody()) return m;
  }
  return undefined;
}

/**
 * The methods `slot.m(…)` runs when `slot` is a slot of the enclosing class that the class only ever fills with
 * `new X(…)`; undefined when the callee is not such a call or any assignment to the slot is something else.
 */
export function overridesOf(callee: Node): MethodDeclaration[] | undefined {
  if (!Node.isPropertyAccessExpression(callee)) return undefined;
  const slot = slotOf(callee.getExpression());
  if (slot === undefined) return undefined;
  const cls = callee.getFirstAncestorByKind(SyntaxKind.ClassDeclaration) ?? callee.getFirstAncestorByKind(SyntaxKind.ClassExpression);
  if (!cls) return undefined;
  const classes = new Set<ClassDeclaration>();
  let other = false;
  cls.forEachDescendant((n) => {
    if (!Node.isBinaryExpression(n) || n.getOperatorToken().getKind() !== SyntaxKind.EqualsToken || slotOf(n.getLeft()) !== slot) return;
    const c = constructedClass(n.getRight());
    if (c) classes.add(c);
    else other = true;
  });
  for (const prop of cls.getProperties()) {
    const init = prop.getInitializer();
    const name = prop.getNameNode();
    const key = Node.isComputedPropertyName(name) ? symbolOf(name.getExpression())?.compilerSymbol : prop.getName();
    if (!init || key !== slot) continue;
    const c = constructedClass(init);
    if (c) classes.add(c);
    else other = true;
  }
  if (other || classes.size === 0) return undefined;
  const methods = [...classes].map((c) => methodOf(c, callee.getName()));
  return methods.every((m): m is MethodDeclaration => m !== undefined) ? [...new Set(methods)] : undefined;
}
