// Plans a payload built in this file for createSource calls in other files, as the type checker traced it (issue 5):
// the same planner as a local payload, from the builder's return values or the exported constant on.

import type * as t from '@babel/types';
import type { Binding, NodePath } from './babel.js';
import { deferredPayload, notDigitalRiver, planResolved, type PlanBase, type PlanContext, type SitePlan } from './plan.js';
import { resolvePayload, type Alternative } from './resolve.js';
import type { ExternalPayload, Span } from './types.js';

export const spanKey = (s: Span): string => `${s.start}:${s.end}`;

export function planExternal(entry: ExternalPayload, found: ReadonlyMap<string, NodePath>, ctx: PlanContext): SitePlan {
  const offset = entry.expressions[0]?.start ?? 0;
  const paths = entry.expressions.map((s) => found.get(spanKey(s)));
  const statementStart = paths[0]?.getStatementParent()?.node.start ?? offset;
  const base: PlanBase = { kind: 'createSource', offset, callEnd: offset, statementStart, hybrid: false, extraEdits: [] };
  const evidence = `it builds the payload of createSource at ${entry.sites} (${entry.evidence})`;
  const forSites = { id: 'payload-for-sites' as const, offset, data: { sites: entry.sites } };
  const withSites = (plan: SitePlan): SitePlan => ({ ...plan, serves: entry.sites, findings: [forSites, ...plan.findings] });

  const alternatives: Alternative[] = [];
  const holders: Binding[] = [];
  for (const path of paths) {
    const r = path ? resolvePayload(path, ctx.text) : ({ ok: false, why: 'it cannot be located in this file' } as const);
    if (!r.ok) {
      // A builder that returns another module's builder: the chain goes on through the checker.
      const defer = paths.length === 1 && 'defer' in r ? r.defer : undefined;
      return withSites(deferredPayload(base, r.why, defer, { positive: entry.positive, evidence }, ctx));
    }
    alternatives.push(...r.alternatives);
    holders.push(...r.holders);
  }
  const notDr = (why: string): SitePlan => notDigitalRiver(base, why);
  return withSites(planResolved({ ok: true, alternatives, holders }, base, { positive: entry.positive, evidence }, ctx, notDr));
}

/** Finds the expression nodes the checker named by their exact ranges, outermost first. */
export function expressionFinder(externals: readonly ExternalPayload[]): {
  readonly visitor: { enter(path: NodePath): void };
  readonly found: Map<string, NodePath>;
} {
  const wanted = new Set(externals.flatMap((e) => e.expressions.map(spanKey)));
  const found = new Map<string, NodePath>();
  return {
    found,
    visitor: {
      enter(path: NodePath): void {
        const node: t.Node = path.node;
        // A constant's name is a binding, not an expression, to Babel: the engine resolves it all the same.
        if (!path.isExpression() && !path.isIdentifier()) return;
        const key = spanKey({ start: node.start ?? -1, end: node.end ?? -1 });
        if (wanted.has(key) && !found.has(key)) found.set(key, path);
      },
    },
  };
}
