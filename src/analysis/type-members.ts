// Reading type declarations for the payload-type update (issue 5): which interface or type literal declares a
// member, its readable name, and the shape of a member for the range edits of src/rewrite/members.ts.

import { Node, SyntaxKind, type PropertySignature, type Symbol as TsSymbol } from './ts-morph.js';
import type { MemberShape } from '../rewrite/members.js';

/** Interfaces and type literals: the nodes whose members are edited. */
export type Container = Node;

/** The project's property signatures a literal property is typed by (go to definition, as an editor does). */
export function signaturesOf(name: Node): PropertySignature[] {
  const definitions = name.getProject().getLanguageService().getDefinitions(name);
  // A quoted member name (`'amount': number`) has no declaration node in ts-morph: found by its position instead.
  const declarations = definitions.map(
    (d) => d.getDeclarationNode() ?? d.getSourceFile().getDescendantAtPos(d.getTextSpan().getStart())?.getFirstAncestorByKind(SyntaxKind.PropertySignature),
  );
  return declarations.filter((d): d is PropertySignature => Node.isPropertySignature(d));
}

/** A member's name without the quotes of `'amount': number`. */
export function memberName(sig: PropertySignature): string {
  return sig.getSymbol()?.getName() ?? sig.getName().replace(/^(['"])(.*)\1$/, '$2');
}

export function containerOf(sig: PropertySignature): Container | undefined {
  const parent = sig.getParent();
  return Node.isInterfaceDeclaration(parent) || Node.isTypeLiteral(parent) ? parent : undefined;
}

/** A readable name for an interface or type literal: `PayPalPayload`, `PayPalPayload.payPal`, `an inline type`. */
export function containerName(c: Node): string {
  if (Node.isInterfaceDeclaration(c)) return c.getName();
  const parent = c.getParent();
  if (Node.isTypeAliasDeclaration(parent)) return parent.getName();
  if (Node.isPropertySignature(parent)) {
    const owner = parent.getParent();
    return owner ? `${containerName(owner)}.${memberName(parent)}` : memberName(parent);
  }
  if (Node.isUnionTypeNode(parent) || Node.isIntersectionTypeNode(parent)) {
    const alias = parent.getParent();
    if (Node.isTypeAliasDeclaration(alias)) return alias.getName();
  }
  return 'an inline type';
}

export function shape(m: PropertySignature): MemberShape {
  return {
    start: m.getStart(),
    end: m.getEnd(),
    docStart: m.getStart(true),
    nameEnd: m.getNameNode().getEnd(),
    optional: m.hasQuestionToken(),
    readonly: m.isReadonly(),
  };
}

/** The interface or type literal a (non-union) type is declared by. */
export function ownDeclaration(symbol: TsSymbol | undefined): Container | undefined {
  for (const decl of symbol?.getDeclarations() ?? []) {
    if (Node.isInterfaceDeclaration(decl) || Node.isTypeLiteral(decl)) return decl;
    const node = Node.isTypeAliasDeclaration(decl) ? decl.getTypeNode() : undefined;
    if (Node.isTypeLiteral(node)) return node;
  }
  return undefined;
}
