// The type-aware analysis (issue 5), imported lazily by the run only when some site needs it: a ts-morph project
// built on first use, answering in plain data (src/analysis/facts.ts). No ts-morph node leaves this folder.

import type { Project, SourceFile } from 'ts-morph';
import type { Span } from '../engine/types.js';
import type { Analysis, AnalysisOptions, TraceOutcome } from './facts.js';
import { updatePayloadTypes } from './payload-types.js';
import { possibleStrings } from './possible-types.js';
import { buildProject, findConfig, nodeAt } from './project.js';
import { tracePayload } from './trace-payload.js';
import { newDiagnostics } from './verify.js';

export type { Analysis, AnalysisOptions } from './facts.js';

export function openAnalysis(options: AnalysisOptions): Analysis {
  const config = findConfig(options.roots);
  let project: Project | undefined;
  let verified = false;
  const get = (): Project => (project ??= buildProject(config, options.files, options.textOf, true));
  const sourceFile = (file: string): SourceFile | undefined => get().getSourceFile(file) ?? get().addSourceFileAtPathIfExists(file);

  return {
    config,
    built: () => project !== undefined || verified,
    tracePayload(file: string, span: Span): TraceOutcome {
      const sf = sourceFile(file);
      const node = sf ? nodeAt(sf, span) : undefined;
      return node ? tracePayload(node) : { ok: false, why: 'the type checker cannot see this expression' };
    },
    possibleTypes(file: string, spans: readonly Span[]): Map<number, string[]> {
      const out = new Map<number, string[]>();
      const sf = sourceFile(file);
      for (const span of spans) {
        const node = sf ? nodeAt(sf, span) : undefined;
        const strings = node ? possibleStrings(node) : undefined;
        if (strings) out.set(span.start, strings);
      }
      return out;
    },
    textOf: (file) => sourceFile(file)?.getFullText(),
    updatePayloadTypes: (literals, fileEdits) => updatePayloadTypes(literals, fileEdits, { sourceFile, display: options.display }),
    verify(changes) {
      verified = true;
      // The config's own options and files, so that the answer is what `tsc -p` says; without a config, the
      // files involved in the run.
      const checked = buildProject(config, config ? [] : [...new Set([...options.files, ...changes.keys()])], options.textOf, false);
      return newDiagnostics(checked, changes, config ?? options.files[0] ?? '');
    },
  };
}
