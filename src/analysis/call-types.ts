// A payload literal with no type of its own can still be typed where it is used: the parameter of a createSource
// that the project declares (`createSource(data: PayPalSourceData)`). That parameter's type is updated like a
// declared one (issue 5 "payload types"): removed members, `sessionId` after `type`.

import { Node, SyntaxKind, type ObjectLiteralExpression, type Type } from './ts-morph.js';
import type { EditedLiteral, Place } from './facts.js';
import { literalStrings, possibleStrings } from './possible-types.js';
import { unwrapExpression } from './project.js';

/** What the caller does with a member declaration or a type that should gain `sessionId`. */
export interface CallTypeSink {
  readonly removeMember: (decl: Node, literal: EditedLiteral) => void;
  readonly addSessionId: (type: Type, literal: EditedLiteral) => void;
}

/** The payload argument of the createSource call at `place`. */
function payloadArgument(place: Place, lit: ObjectLiteralExpression): Node | undefined {
  const sf = lit.getProject().getSourceFile(place.file);
  const call = sf?.getDescendantAtPos(place.offset)?.getParentWhile((n) => n.getStart() === place.offset && !Node.isCallExpression(n));
  const node = call && Node.isCallExpression(call) ? call : call?.getParentIfKind(SyntaxKind.CallExpression);
  if (!node || node.getStart() !== place.offset) return undefined;
  return node.getArguments().at(-1);
}

/** The constituents of a union that a payload of these `type`s can be. */
function candidates(type: Type, values: readonly string[] | undefined, at: Node): Type[] {
  const parts = type.isUnion() ? type.getUnionTypes() : [type];
  if (!values) return parts;
  return parts.filter((part) => {
    const member = part.getProperty('type');
    const accepted = member ? literalStrings(member.getTypeAtLocation(at)) : undefined;
    return !accepted || accepted.some((v) => values.includes(v));
  });
}

function typeValues(lit: ObjectLiteralExpression): string[] | undefined {
  const prop = lit.getProperty('type');
  if (Node.isPropertyAssignment(prop)) {
    const init = prop.getInitializer();
    return init ? possibleStrings(init) : undefined;
  }
  return Node.isShorthandPropertyAssignment(prop) ? possibleStrings(prop.getNameNode()) : undefined;
}

/** Members of `type` the edited literal (and its details literals) lost, and whether it gains `sessionId`. */
function applyType(type: Type, lit: ObjectLiteralExpression, removed: (n: Node) => boolean, top: boolean, literal: EditedLiteral, sink: CallTypeSink, inserted: boolean): void {
  for (const prop of lit.getProperties()) {
    const name = prop.getSymbol()?.getName();
    const member = name ? type.getProperty(name) : undefined;
    if (!member) continue;
    if (removed(prop)) {
      member.getDeclarations().filter((d) => Node.isPropertySignature(d)).forEach((d) => sink.removeMember(d, literal));
    } else if (Node.isPropertyAssignment(prop)) {
      const init = prop.getInitializer();
      const inner = init ? unwrapExpression(init) : undefined;
      if (Node.isObjectLiteralExpression(inner)) applyType(member.getTypeAtLocation(lit), inner, removed, false, literal, sink, false);
    }
  }
  if (top && inserted && !type.getProperty('sessionId') && !type.getStringIndexType()) sink.addSessionId(type, literal);
}

/**
 * For a top-level payload literal without a contextual type: the type of the createSource parameter each call
 * passes it to (through a variable or a builder), narrowed to the union members its `type` fits.
 */
export function planCallTypes(lit: ObjectLiteralExpression, literal: EditedLiteral, removed: (n: Node) => boolean, inserted: boolean, sink: CallTypeSink): void {
  if (Node.isPropertyAssignment(lit.getParent())) return;
  const own = lit.getContextualType();
  if (own && !own.isAny() && !own.isUnknown()) return;
  const values = typeValues(lit);
  for (const place of literal.calls ?? []) {
    const arg = payloadArgument(place, lit);
    if (!arg || unwrapExpression(arg) === lit) continue;
    const param = Node.isExpression(arg) ? arg.getContextualType() : undefined;
    if (!param || param.isAny() || param.isUnknown()) continue;
    for (const type of candidates(param, values, arg)) applyType(type, lit, removed, true, literal, sink, inserted);
  }
}
