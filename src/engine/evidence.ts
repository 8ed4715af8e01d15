// Where a file keeps DigitalRiver.js instances, Stripe.js instances and PayPal elements (spec §4–§6), and what a
// call's receiver therefore is.

import type * as t from '@babel/types';
import { isMember, memberName, staticKey, unwrap, type Binding, type NodePath } from './babel.js';
import { calleeName } from './resolve.js';

export type ReceiverKind =
  | { readonly kind: 'digitalriver'; readonly why: string }
  | { readonly kind: 'stripe'; readonly why: string }
  | { readonly kind: 'unknown'; readonly looksLikeDr: boolean; readonly leaf: string };

type HolderKind = 'dr' | 'stripe' | 'paypal-element';

/** The variables, global names and property names that hold one kind of object. */
class Holders {
  readonly bindings = new Set<Binding>();
  readonly names = new Set<string>();
  readonly members = new Set<string>();

  has(receiver: NodePath): string | undefined {
    const r = unwrap(receiver);
    const node = r.node;
    if (node.type === 'Identifier') {
      const b = r.scope.getBinding(node.name);
      if (b && this.bindings.has(b)) return node.name;
      if (!b && this.names.has(node.name)) return node.name;
      if (b && this.aliases(b)) return node.name;
    } else if (isMember(node)) {
      const name = memberName(node);
      if (name && this.members.has(name)) return name;
    }
    return undefined;
  }

  /** `var inst = drjs;` where `drjs` is held. */
  private aliases(b: Binding): boolean {
    const decl = b.path;
    if (!decl.isVariableDeclarator() || b.constantViolations.length > 0) return false;
    const init = decl.node.init;
    if (init?.type !== 'Identifier') return false;
    const ib = decl.scope.getBinding(init.name);
    return (ib !== undefined && this.bindings.has(ib)) || (!ib && this.names.has(init.name));
  }
}

export class InstanceIndex {
  private readonly holders: Record<HolderKind, Holders> = { dr: new Holders(), stripe: new Holders(), 'paypal-element': new Holders() };
  /** Offsets of every `new DigitalRiver(…)` in the file, for the inventory. */
  readonly constructions: number[] = [];

  /** Record `new DigitalRiver(…)`, `Stripe(…)`, `createElement('paypal', …)` and where the result is stored. */
  noteConstruction(path: NodePath<t.NewExpression | t.CallExpression>): void {
    if (path.isNewExpression() && isDigitalRiverCtor(path.get('callee') as NodePath)) {
      this.constructions.push(path.node.start ?? 0);
      this.store(path, 'dr');
    } else if (calleeName(path.node.callee)?.replace(/^window\./, '') === 'Stripe') {
      this.store(path, 'stripe');
    } else if (isPaypalElementCreation(path.node)) {
      this.store(path, 'paypal-element');
    }
  }

  private store(path: NodePath, kind: HolderKind): void {
    const h = this.holders[kind];
    let cur: NodePath = path;
    while (cur.parentPath && ['AwaitExpression', 'ParenthesizedExpression', 'LogicalExpression', 'TSAsExpression'].includes(cur.parentPath.node.type)) {
      cur = cur.parentPath;
    }
    const parent = cur.parentPath;
    if (!parent) return;
    const addName = (scopePath: NodePath, name: string): void => {
      const b = scopePath.scope.getBinding(name);
      if (b) h.bindings.add(b);
      h.names.add(name);
    };
    if (parent.isVariableDeclarator() && parent.node.id.type === 'Identifier') {
      addName(parent, parent.node.id.name);
    } else if (parent.isAssignmentExpression() && parent.node.right === cur.node) {
      const left = parent.node.left;
      if (left.type === 'Identifier') addName(parent, left.name);
      else if (isMember(left)) {
        const name = memberName(left);
        if (name) h.members.add(name);
      }
    } else if (parent.isObjectProperty() && parent.node.value === cur.node) {
      const key = staticKey(parent.node.key, parent.node.computed);
      if (key) h.members.add(key);
    } else if (parent.isCallExpression()) {
      this.noteStateSetter(parent, h);
    } else if (parent.isArrowFunctionExpression()) {
      // `useState(() => new DigitalRiver(…))`, `useMemo(() => new DigitalRiver(…), [])`
      const call = parent.parentPath;
      if (call?.isCallExpression()) this.noteHookResult(call, h);
    } else if (parent.isClassProperty()) {
      const key = staticKey(parent.node.key, parent.node.computed);
      if (key) h.members.add(key);
    }
  }

  /** `setDr(new DigitalRiver(…))` where `const [dr, setDr] = useState(…)`: the state variable holds the instance. */
  private noteStateSetter(call: NodePath<t.CallExpression>, h: Holders): void {
    const callee = call.node.callee;
    if (callee.type !== 'Identifier') {
      this.noteHookResult(call, h);
      return;
    }
    const decl = call.scope.getBinding(callee.name)?.path;
    if (decl?.isVariableDeclarator() && decl.node.id.type === 'ArrayPattern') {
      const first = decl.node.id.elements[0];
      if (first?.type === 'Identifier') {
        const sb = decl.scope.getBinding(first.name);
        if (sb) h.bindings.add(sb);
        h.names.add(first.name);
      }
      return;
    }
    this.noteHookResult(call, h);
  }

  /** `const dr = useMemo(…)`, `const [dr] = useState(…)`, `const ref = useRef(…)` → `ref.current`. */
  private noteHookResult(call: NodePath<t.CallExpression>, h: Holders): void {
    const decl = call.parentPath;
    const hook = calleeName(call.node.callee)?.replace(/^React\./, '');
    if (!decl?.isVariableDeclarator() || !hook || !/^use[A-Z]/.test(hook)) return;
    const id = decl.node.id;
    if (hook === 'useRef') h.members.add('current');
    const name = id.type === 'Identifier' ? id.name : id.type === 'ArrayPattern' && id.elements[0]?.type === 'Identifier' ? id.elements[0].name : undefined;
    if (!name) return;
    const b = decl.scope.getBinding(name);
    if (b) h.bindings.add(b);
    h.names.add(name);
  }

  classify(receiver: NodePath): ReceiverKind {
    const dr = this.holders.dr.has(receiver);
    if (dr) return { kind: 'digitalriver', why: `\`${dr}\` holds a new DigitalRiver(…) instance` };
    const stripe = this.holders.stripe.has(receiver);
    if (stripe) return { kind: 'stripe', why: `\`${stripe}\` is a Stripe.js instance` };
    const leaf = leafName(unwrap(receiver).node) ?? '';
    if (/^stripe$/i.test(leaf)) return { kind: 'stripe', why: 'the receiver is named like a Stripe.js instance' };
    return { kind: 'unknown', looksLikeDr: /digital_?river|drjs|^dr[A-Z_]|^dr$/i.test(leaf), leaf };
  }

  /** The name under which a PayPal element (`createElement('paypal', …)`) is held, if `receiver` is one. */
  paypalElement(receiver: NodePath): string | undefined {
    return this.holders['paypal-element'].has(receiver);
  }
}

/** `x.createElement('paypal', { sourceData: … })`: DigitalRiver.js's PayPal element (spec §6). */
export function isPaypalElementCreation(node: t.Node): boolean {
  if (node.type !== 'CallExpression' || !isMember(node.callee) || memberName(node.callee) !== 'createElement') return false;
  const [kind, options] = node.arguments;
  return kind?.type === 'StringLiteral' && kind.value.toLowerCase() === 'paypal' && options !== undefined;
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
