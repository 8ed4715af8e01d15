// The type-aware analysis (issue 5), imported lazily by the run only when some site needs it: a ts-morph project
// built on first use, answering in plain data (src/analysis/facts.ts). No ts-morph node leaves this folder.

import { notice } from '../rules/notices.js';
import type { Project, SourceFile } from './ts-morph.js';
import type { Edit, Span } from '../engine/types.js';
import type { Analysis, AnalysisOptions, TraceOutcome } from './facts.js';
import { updatePayloadTypes } from './payload-types.js';
import { possibleStrings } from './possible-types.js';
import { bomOnDisk, buildProject, findConfig, nodeAt } from './project.js';
import { tracePayload } from './trace-payload.js';
import { newDiagnostics } from './verify.js';

export type { Analysis, AnalysisOptions } from './facts.js';

export function openAnalysis(options: AnalysisOptions): Analysis {
  const config = findConfig(options.roots);
  let project: Project | undefined;
  let verified = false;
  const problems: string[] = [];
  // A config the compiler cannot read must not stop the run: the scanned files still form a JavaScript project.
  const build = (): Project => {
    try {
      return buildProject(config, options.files, options.textOf, true, 'ecmascript');
    } catch (error) {
      problems.push(notice('config-unreadable', { config: options.display(config ?? ''), why: describe(error) }));
      return buildProject(undefined, options.files, options.textOf, true, 'ecmascript');
    }
  };
  const get = (): Project => (project ??= build());
  const sourceFile = (file: string): SourceFile | undefined => get().getSourceFile(file) ?? get().addSourceFileAtPathIfExists(file);

  // The project's texts lack a byte-order mark the engine's texts keep: offsets are shifted at this boundary.
  const boms = new Map<string, number>();
  const bom = (file: string): number => {
    let n = boms.get(file);
    if (n === undefined) {
      const text = options.textOf(file);
      n = text !== undefined ? (text.charCodeAt(0) === 0xfeff ? 1 : 0) : bomOnDisk(file);
      boms.set(file, n);
    }
    return n;
  };
  const inward = (file: string, s: Span): Span => ({ start: s.start - bom(file), end: s.end - bom(file) });
  const outward = (file: string, s: Span): Span => ({ start: s.start + bom(file), end: s.end + bom(file) });
  const edits = (file: string, list: readonly Edit[], dir: 1 | -1): Edit[] =>
    list.map((e) => ({ start: e.start + dir * bom(file), end: e.end + dir * bom(file), text: e.text }));

  return {
    config,
    built: () => project !== undefined || verified,
    problems: () => [...problems],
    tracePayload(file: string, span: Span): TraceOutcome {
      const sf = sourceFile(file);
      const node = sf ? nodeAt(sf, inward(file, span)) : undefined;
      const traced = node ? tracePayload(node) : { ok: false as const, why: 'the type checker cannot see this expression' };
      if (!traced.ok) return traced;
      const target = traced.target.file;
      return { ok: true, target: { file: target, expressions: traced.target.expressions.map((s) => outward(target, s)) } };
    },
    possibleTypes(file: string, spans: readonly Span[]): Map<number, string[]> {
      const out = new Map<number, string[]>();
      const sf = sourceFile(file);
      for (const span of spans) {
        const node = sf ? nodeAt(sf, inward(file, span)) : undefined;
        const strings = node ? possibleStrings(node) : undefined;
        if (strings) out.set(span.start, strings);
      }
      return out;
    },
    textOf(file) {
      const text = sourceFile(file)?.getFullText();
      return text === undefined ? undefined : `${bom(file) ? '\ufeff' : ''}${text}`;
    },
    updatePayloadTypes(literals, fileEdits) {
      const update = updatePayloadTypes(
        literals.map((l) => ({
          file: l.file,
          start: l.start - bom(l.file),
          calls: (l.calls ?? []).map((c) => ({ file: c.file, offset: c.offset - bom(c.file) })),
        })),
        new Map([...fileEdits].map(([file, list]) => [file, edits(file, list, -1)])),
        { sourceFile, display: options.display },
      );
      return {
        members: update.members,
        findings: update.findings.map((f) => ({ ...f, offset: f.offset + bom(f.file) })),
      };
    },
    verify(changes) {
      verified = true;
      // The config's own options and files, so that the answer is what `tsc -p` says; without a config, the
      // files involved in the run.
      const checked = buildProject(config, config ? [] : [...new Set([...options.files, ...changes.keys()])], options.textOf, false);
      const found = newDiagnostics(checked, changes, config ?? options.files[0] ?? '');
      return found.map((d) => ({ ...d, offset: d.offset + bom(d.file) }));
    },
  };
}

export function describe(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}
