// Whether a migrated literal visibly carries a declared TypeScript type, so that the checker should look at that
// type's declaration too (issue 5 "payload types"). Syntax only: a run without such literals never builds a program.

import type * as t from '@babel/types';
import type { NodePath } from './babel.js';

/** Annotations that accept any object: the literal's keys do not matter to them. */
function isOpen(type: t.Node | null | undefined): boolean {
  // Flow annotations (plain JavaScript) are not checked by TypeScript: nothing to keep in step.
  if (!type || type.type === 'TypeAnnotation') return true;
  const node = type.type === 'TSTypeAnnotation' ? (type as t.TSTypeAnnotation).typeAnnotation : type;
  if (node.type === 'TSAnyKeyword' || node.type === 'TSUnknownKeyword' || node.type === 'TSObjectKeyword') return true;
  if (node.type === 'TSTypeReference' && node.typeName.type === 'Identifier') return ['Record', 'Object', 'const'].includes(node.typeName.name);
  return false;
}

function annotationOf(node: t.Node): t.Node | null | undefined {
  return (node as { typeAnnotation?: t.Node | null }).typeAnnotation;
}

/** True when the literal's type comes from an annotation, an assertion or a declared return type. */
export function isTypeAnnotated(literal: NodePath<t.ObjectExpression>): boolean {
  let cur: NodePath = literal;
  for (let depth = 0; depth < 12; depth++) {
    const parent = cur.parentPath;
    if (!parent) return false;
    const node = parent.node;
    switch (node.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
        if (!isOpen(node.typeAnnotation)) return true;
        break;
      case 'ParenthesizedExpression':
      case 'TSNonNullExpression':
      case 'ConditionalExpression':
      case 'LogicalExpression':
        break;
      case 'ObjectProperty':
        // A details literal is typed when the payload around it is.
        if (node.value !== cur.node) return false;
        cur = parent.parentPath ?? parent;
        continue;
      case 'VariableDeclarator':
        return node.init === cur.node && node.id.type === 'Identifier' && !isOpen(annotationOf(node.id));
      case 'ClassProperty':
        return !isOpen(node.typeAnnotation);
      case 'ReturnStatement':
        return !isOpen(parent.getFunctionParent()?.node.returnType);
      case 'ArrowFunctionExpression':
        return node.body === cur.node && !isOpen(node.returnType);
      case 'AssignmentExpression': {
        if (node.right !== cur.node || node.left.type !== 'Identifier') return false;
        const declarator = parent.scope.getBinding(node.left.name)?.path.node;
        return declarator?.type === 'VariableDeclarator' && declarator.id.type === 'Identifier' && !isOpen(annotationOf(declarator.id));
      }
      case 'CallExpression':
      case 'NewExpression':
        // An argument of a typed helper (`send<PayPalPayload>({…})`, a typed builder parameter).
        return node.typeParameters != null;
      default:
        return false;
    }
    cur = parent;
  }
  return false;
}
