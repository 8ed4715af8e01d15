// Positive evidence that a receiver is a DigitalRiver.js instance, and negative evidence (Stripe.js), per spec §4–§5.

import type * as t from '@babel/types';
import { isMember, memberName, unwrap, type Binding, type NodePath } from './babel.js';
import { calleeName } from './resolve.js';

export type ReceiverKind =
  | { readonly kind: 'digitalriver'; readonly why: string }
  | { readonly kind: 'stripe'; readonly why: string }
  | { readonly kind: 'unknown'; readonly looksLikeDr: boolean };

/** What a file says about where DigitalRiver.js and Stripe.js instances live. */
export class InstanceIndex {
  private readonly drBindings = new Set<Binding>();
  private readonly drNames = new Set<string>();
  private readonly drMembers = new Set<string>();
  private readonly stripeBindings = new Set<Binding>();

  /** Record `new DigitalRiver(…)` / `Stripe(…)` and where the instance is stored. */
  noteConstruction(path: NodePath<t.NewExpression | t.CallExpression>): void {
    const callee = path.node.callee;
    if (path.isNewExpression() && isDigitalRiverCtor(path.get('callee') as NodePath)) this.store(path, 'dr');
    else if (calleeName(callee)?.replace(/^window\./, '') === 'Stripe') this.store(path, 'stripe');
  }

  private store(path: NodePath, kind: 'dr' | 'stripe'): void {
    let cur: NodePath = path;
    while (cur.parentPath && ['AwaitExpression', 'ParenthesizedExpression', 'LogicalExpression', 'TSAsExpression'].includes(cur.parentPath.node.type)) {
      cur = cur.parentPath;
    }
    const parent = cur.parentPath;
    if (!parent) return;
    const addBinding = (scopePath: NodePath, name: string): void => {
      const b = scopePath.scope.getBinding(name);
      if (kind === 'stripe') {
        if (b) this.stripeBindings.add(b);
        return;
      }
      if (b) this.drBindings.add(b);
      this.drNames.add(name);
    };
    if (parent.isVariableDeclarator() && parent.node.id.type === 'Identifier') {
      addBinding(parent, parent.node.id.name);
    } else if (parent.isAssignmentExpression() && parent.node.right === cur.node) {
      const left = parent.node.left;
      if (left.type === 'Identifier') addBinding(parent, left.name);
      else if (isMember(left) && kind === 'dr') {
        const name = memberName(left);
        if (name) this.drMembers.add(name);
      }
    } else if (parent.isObjectProperty() && parent.node.value === cur.node && kind === 'dr') {
      const key = parent.node.key;
      if (key.type === 'Identifier') this.drMembers.add(key.name);
      else if (key.type === 'StringLiteral') this.drMembers.add(key.value);
    } else if (parent.isCallExpression() && kind === 'dr') {
      this.noteStateSetter(parent);
    } else if (parent.isArrowFunctionExpression() && kind === 'dr') {
      // `useState(() => new DigitalRiver(…))`, `useMemo(() => new DigitalRiver(…), [])`
      const call = parent.parentPath;
      if (call?.isCallExpression()) this.noteHookResult(call);
    } else if (parent.isClassProperty() && kind === 'dr') {
      const key = parent.node.key;
      if (key.type === 'Identifier') this.drMembers.add(key.name);
    }
  }

  /** `setDr(new DigitalRiver(…))` where `const [dr, setDr] = useState(…)`: the state variable holds the instance. */
  private noteStateSetter(call: NodePath<t.CallExpression>): void {
    const callee = call.node.callee;
    if (callee.type !== 'Identifier') {
      this.noteHookResult(call);
      return;
    }
    const b = call.scope.getBinding(callee.name);
    const decl = b?.path;
    if (decl?.isVariableDeclarator() && decl.node.id.type === 'ArrayPattern') {
      const first = decl.node.id.elements[0];
      if (first?.type === 'Identifier') {
        const sb = decl.scope.getBinding(first.name);
        if (sb) this.drBindings.add(sb);
        this.drNames.add(first.name);
      }
      return;
    }
    this.noteHookResult(call);
  }

  /** `const dr = useMemo(…)`, `const [dr] = useState(…)`, `const ref = useRef(…)` → `ref.current`. */
  private noteHookResult(call: NodePath<t.CallExpression>): void {
    const decl = call.parentPath;
    const hook = calleeName(call.node.callee)?.replace(/^React\./, '');
    if (!decl?.isVariableDeclarator() || !hook || !/^use[A-Z]/.test(hook)) return;
    const id = decl.node.id;
    if (hook === 'useRef') this.drMembers.add('current');
    const name = id.type === 'Identifier' ? id.name : id.type === 'ArrayPattern' && id.elements[0]?.type === 'Identifier' ? id.elements[0].name : undefined;
    if (!name) return;
    const b = decl.scope.getBinding(name);
    if (b) this.drBindings.add(b);
    this.drNames.add(name);
  }

  classify(receiver: NodePath): ReceiverKind {
    const r = unwrap(receiver);
    const node = r.node;
    if (node.type === 'Identifier') {
      const b = r.scope.getBinding(node.name);
      if (b && this.drBindings.has(b)) return { kind: 'digitalriver', why: `\`${node.name}\` is created by new DigitalRiver(…)` };
      if (b && this.stripeBindings.has(b)) return { kind: 'stripe', why: `\`${node.name}\` is a Stripe.js instance` };
      if (!b && this.drNames.has(node.name)) return { kind: 'digitalriver', why: `\`${node.name}\` is assigned new DigitalRiver(…)` };
      if (b && this.aliasOfInstance(b)) return { kind: 'digitalriver', why: `\`${node.name}\` is an alias of a DigitalRiver.js instance` };
    } else if (isMember(node)) {
      const name = memberName(node);
      if (name && this.drMembers.has(name)) return { kind: 'digitalriver', why: `\`${name}\` is assigned new DigitalRiver(…)` };
    }
    if (/^stripe$/i.test(leafName(node) ?? '')) return { kind: 'stripe', why: 'the receiver is named like a Stripe.js instance' };
    return { kind: 'unknown', looksLikeDr: /digital_?river|drjs|^dr[A-Z_]|^dr$/i.test(leafName(node) ?? '') };
  }

  /** `var inst = drjs;` where `drjs` is a known instance. */
  private aliasOfInstance(b: Binding): boolean {
    const decl = b.path;
    if (!decl.isVariableDeclarator() || b.constantViolations.length > 0) return false;
    const init = decl.node.init;
    if (init?.type !== 'Identifier') return false;
    const ib = decl.scope.getBinding(init.name);
    return (ib !== undefined && this.drBindings.has(ib)) || (!ib && this.drNames.has(init.name));
  }
}

function leafName(node: t.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (isMember(node)) return memberName(node)?.replace(/^\[|\]$/g, '');
  if (node.type === 'ThisExpression') return 'this';
  return undefined;
}

/** `DigitalRiver`, `window.DigitalRiver`, or a local alias of either (`var DR = window.DigitalRiver`). */
function isDigitalRiverCtor(path: NodePath, depth = 0): boolean {
  const p = unwrap(path);
  const node = p.node;
  if (node.type === 'Identifier') {
    if (node.name === 'DigitalRiver') return true;
    const b = p.scope.getBinding(node.name);
    const decl = b?.path;
    if (depth < 4 && decl?.isVariableDeclarator() && decl.node.init && b?.constantViolations.length === 0) {
      return isDigitalRiverCtor(decl.get('init') as NodePath, depth + 1);
    }
    return false;
  }
  if (isMember(node)) return memberName(node) === 'DigitalRiver';
  return false;
}
