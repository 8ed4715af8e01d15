// Keeps a TypeScript project type-checking after its payload literals change (issue 5 "payload types"): the
// interface or type alias a migrated literal is typed by loses the removed members (or makes them optional while
// other code still uses them) and gains `sessionId: string`. Declarations in packages are never edited.

import { Node, SyntaxKind, type ObjectLiteralExpression, type PropertySignature, type SourceFile, type Type } from './ts-morph.js';
import type { Edit, Span } from '../engine/types.js';
import { planCallTypes } from './call-types.js';
import type { AnalysisFinding, EditedLiteral, TypeUpdate } from './facts.js';
import type { MemberChange } from '../rewrite/members.js';
import { isEditable } from './project.js';
import { containerName, containerOf, memberName, ownDeclaration, shape, signaturesOf, type Container } from './type-members.js';


interface Plan {
  readonly remove: Map<PropertySignature, Container>;
  readonly sessionAfter: Map<Container, PropertySignature | undefined>;
  readonly external: Map<string, AnalysisFinding>;
}

export interface TypeContext {
  readonly sourceFile: (file: string) => SourceFile | undefined;
  /** A file's path as the report shows it. */
  readonly display: (file: string) => string;
}

const covers = (edits: readonly Edit[] | undefined, s: Span): boolean =>
  (edits ?? []).some((e) => e.end > e.start && e.start <= s.start && s.end <= e.end);

function literalAt(sf: SourceFile, start: number): ObjectLiteralExpression | undefined {
  const token = sf.getDescendantAtPos(start);
  const lit = token?.getParentWhileKind(SyntaxKind.ObjectLiteralExpression) ?? token?.getParent();
  return Node.isObjectLiteralExpression(lit) && lit.getStart() === start ? lit : undefined;
}

function noteExternal(plan: Plan, sig: PropertySignature, literal: EditedLiteral): void {
  const container = containerOf(sig);
  const name = (container ? containerName(container) : memberName(sig)).split('.')[0] ?? memberName(sig);
  // Once per file and package type: its nested details type is part of the same declaration.
  const key = `${literal.file}:${name}`;
  if (!plan.external.has(key)) {
    const data = { name, file: sig.getSourceFile().getFilePath().replace(/^.*[\\/]node_modules[\\/]/, 'node_modules/') };
    plan.external.set(key, { file: literal.file, offset: literal.start, id: 'payload-type-external', data });
  }
}

/** What to change for one edited literal, read back from the engine's edits of its file. */
function planLiteral(plan: Plan, lit: ObjectLiteralExpression, literal: EditedLiteral, edits: readonly Edit[] | undefined): void {
  const removed = (n: Node): boolean => covers(edits, { start: n.getStart(), end: n.getEnd() });
  const props = lit.getProperties();
  const contextual = lit.getContextualType();
  // Without a contextual type a member's definition is the literal's own property, never a signature: the
  // language service (a second program, issue 14) is not asked.
  const typed = contextual !== undefined && !contextual.isAny() && !contextual.isUnknown();
  for (const prop of props) {
    if (!typed || !removed(prop) || (!Node.isPropertyAssignment(prop) && !Node.isShorthandPropertyAssignment(prop))) continue;
    for (const sig of signaturesOf(prop.getNameNode())) removeMemberOf(plan, sig, literal);
  }
  const inserted = (edits ?? []).some(
    (e) => e.start === e.end && e.start > lit.getStart() && e.start < lit.getEnd() && /\bsessionId\b/.test(e.text) && !e.text.includes('TODO(dr-migrate)'),
  );
  planCallTypes(lit, literal, removed, inserted, {
    removeMember: (decl) => {
      if (Node.isPropertySignature(decl)) removeMemberOf(plan, decl, literal);
    },
    addSessionId: (type) => placeSessionId(plan, anchorsIn(type), type, literal),
  });
  if (!inserted || !contextual || contextual.isAny() || contextual.isUnknown() || contextual.getProperty('sessionId')) return;
  if (contextual.getStringIndexType()) return;
  const typeProp = props.find((p) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) && p.getSymbol()?.getName() === 'type');
  const anchors = typeProp && (Node.isPropertyAssignment(typeProp) || Node.isShorthandPropertyAssignment(typeProp)) ? signaturesOf(typeProp.getNameNode()) : [];
  placeSessionId(plan, anchors, contextual, literal);
}

function removeMemberOf(plan: Plan, sig: PropertySignature, literal: EditedLiteral): void {
  const container = containerOf(sig);
  if (!container) return;
  if (isEditable(sig.getSourceFile())) plan.remove.set(sig, container);
  else noteExternal(plan, sig, literal);
}

/** The declarations of a type's `type` member. */
function anchorsIn(type: Type): PropertySignature[] {
  return (type.getProperty('type')?.getDeclarations() ?? []).filter((d): d is PropertySignature => Node.isPropertySignature(d));
}

/** `sessionId` goes after the `type` member; when a package declares that, into the project's own type, last. */
function placeSessionId(plan: Plan, anchors: readonly PropertySignature[], type: Type, literal: EditedLiteral): void {
  let placed = false;
  for (const anchor of anchors) {
    const container = containerOf(anchor);
    if (!container || container.getType().getProperty('sessionId')) continue;
    if (isEditable(anchor.getSourceFile())) {
      plan.sessionAfter.set(container, anchor);
      placed = true;
    } else noteExternal(plan, anchor, literal);
  }
  if (placed) return;
  const own = ownDeclaration(type.getAliasSymbol() ?? type.getSymbol());
  const last = own?.getChildrenOfKind(SyntaxKind.PropertySignature).at(-1);
  if (own && last && isEditable(own.getSourceFile())) plan.sessionAfter.set(own, last);
}


/** References to a member outside the code the migration removes: reads, other literals, destructuring. */
function usesElsewhere(sig: PropertySignature, fileEdits: ReadonlyMap<string, readonly Edit[]>, ctx: TypeContext): string[] {
  const out: string[] = [];
  for (const ref of sig.getProject().getLanguageService().findReferencesAsNodes(sig.getNameNode())) {
    const file = ref.getSourceFile().getFilePath();
    if (ref === sig.getNameNode() || covers(fileEdits.get(file), { start: ref.getStart(), end: ref.getEnd() })) continue;
    if (!isEditable(ref.getSourceFile())) continue;
    out.push(`${ctx.display(file)}:${ref.getStartLineNumber()}`);
  }
  return out;
}

export function updatePayloadTypes(literals: readonly EditedLiteral[], fileEdits: ReadonlyMap<string, readonly Edit[]>, ctx: TypeContext): TypeUpdate {
  const plan: Plan = { remove: new Map(), sessionAfter: new Map(), external: new Map() };
  for (const literal of literals) {
    const sf = ctx.sourceFile(literal.file);
    const lit = sf ? literalAt(sf, literal.start) : undefined;
    if (lit) planLiteral(plan, lit, literal, fileEdits.get(literal.file));
  }
  const members = new Map<string, MemberChange[]>();
  const findings: AnalysisFinding[] = [...plan.external.values()];
  const summaries = new Map<Container, { removed: string[]; optional: string[]; added: boolean }>();
  const summaryOf = (c: Container): { removed: string[]; optional: string[]; added: boolean } => {
    const s = summaries.get(c) ?? { removed: [], optional: [], added: false };
    summaries.set(c, s);
    return s;
  };
  const push = (sf: SourceFile, change: MemberChange): void => {
    const file = sf.getFilePath();
    members.set(file, [...(members.get(file) ?? []), change]);
  };
  for (const [sig, container] of plan.remove) {
    const uses = usesElsewhere(sig, fileEdits, ctx);
    const sf = sig.getSourceFile();
    if (uses.length === 0) {
      push(sf, { kind: 'remove', member: shape(sig) });
      summaryOf(container).removed.push(memberName(sig));
    } else {
      push(sf, { kind: 'optional', member: shape(sig) });
      summaryOf(container).optional.push(memberName(sig));
      const data = { member: memberName(sig), name: containerName(container), uses: uses.slice(0, 3).join(', ') + (uses.length > 3 ? ', …' : '') };
      findings.push({ file: sf.getFilePath(), offset: sig.getStart(), id: 'payload-type-member-optional', data });
    }
  }
  for (const [container, anchor] of plan.sessionAfter) {
    if (!anchor) continue;
    const sf = anchor.getSourceFile();
    const siblings = container.getChildrenOfKind(SyntaxKind.PropertySignature).map(shape);
    push(sf, { kind: 'add-session-id', anchor: shape(anchor), siblings });
    summaryOf(container).added = true;
  }
  for (const [container, s] of summaries) {
    const parts = [
      ...(s.added ? ['added sessionId'] : []),
      ...(s.removed.length > 0 ? [`removed ${s.removed.join(', ')}`] : []),
      ...(s.optional.length > 0 ? [`made ${s.optional.join(', ')} optional`] : []),
    ];
    const at = Node.isInterfaceDeclaration(container) ? container.getNameNode().getStart() : container.getStart();
    findings.push({ file: container.getSourceFile().getFilePath(), offset: at, id: 'payload-type-updated', data: { name: containerName(container), summary: parts.join('; ') } });
  }
  return { members, findings };
}
