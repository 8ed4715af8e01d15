// `--verify` (issue 5): the project's diagnostics before and after the migration, in memory; what is new is
// what the migration would introduce. Uses the config's own options, so it reports what `tsc` would.

import { ts, type Diagnostic, type Project } from './ts-morph.js';
import type { NewDiagnostic } from './facts.js';
import { withoutBom } from './project.js';

function keyOf(d: Diagnostic): string {
  const file = d.getSourceFile()?.getFilePath() ?? '';
  return `${file}|${d.getCode()}|${ts.flattenDiagnosticMessageText(d.compilerObject.messageText, '\n')}`;
}

/** Applies `changes` to the project in memory and returns the diagnostics that were not there before. */
export function newDiagnostics(project: Project, changes: ReadonlyMap<string, string>, fallbackFile: string): NewDiagnostic[] {
  const before = new Map<string, number>();
  for (const d of project.getPreEmitDiagnostics()) before.set(keyOf(d), (before.get(keyOf(d)) ?? 0) + 1);
  // createSourceFile keeps the line endings (replaceWithText would normalise them).
  for (const [file, text] of changes) if (project.getSourceFile(file)) project.createSourceFile(file, withoutBom(text), { overwrite: true });
  const out: NewDiagnostic[] = [];
  for (const d of project.getPreEmitDiagnostics()) {
    const key = keyOf(d);
    const left = before.get(key) ?? 0;
    if (left > 0) {
      before.set(key, left - 1);
      continue;
    }
    out.push({
      file: d.getSourceFile()?.getFilePath() ?? fallbackFile,
      offset: d.getStart() ?? 0,
      code: d.getCode(),
      text: ts.flattenDiagnosticMessageText(d.compilerObject.messageText, ' '),
    });
  }
  return out;
}
