// The type-aware step of a run (issue 5): only when a site was deferred or --verify is given does it import
// src/analysis (and with it ts-morph); then it settles payloads across modules, updates the payload types the
// edits touched, and checks the project before and after, in memory.

import { notice } from '../../rules/notices.js';
import { memberEdits } from '../../rewrite/members.js';
import { dirname, relative } from 'node:path';
import { messageOf, severityOf, type FindingId } from '../../rules/findings.js';
import { applyEdits, normalizeEdits } from '../../rewrite/edits.js';
import { dialectFor, parseSource } from '../../engine/parse.js';
import type { Edit, EngineOptions } from '../../engine/types.js';
import type { Analysis } from '../../analysis/facts.js';
import { TYPESCRIPT, type AnalysisDemand } from './analysis-gate.js';
import { CrossModule, type ModuleFile } from './cross-module.js';
import { toPosix } from '../collect/discover.js';
import { LineIndex } from '../../engine/lines.js';
import { namingFiles, WHOLE_TREE_LIMIT } from './naming-files.js';
import { byPosition } from '../../engine/positions.js';
import type { FileFinding } from '../../engine/process-text.js';

export interface AnalysisStepInput {
  readonly cwd: string;
  /** The scanned paths, absolute. */
  readonly roots: readonly string[];
  readonly engine: EngineOptions;
  readonly verify: boolean;
  readonly files: readonly ModuleFile[];
  /** What `files` ask of the step, decided by the caller before loading it (analysis-gate.ts). */
  readonly demand: AnalysisDemand;
  /** Every file the run discovered (absolute): scripts share globals, so the checker sees them all. */
  readonly discovered: readonly string[];
}

export interface AnalysisStepResult {
  /** Every file the step knows, with its final outcome; files it brought in are among them. */
  readonly files: readonly ModuleFile[];
  readonly programBuilt: boolean;
  readonly config?: string;
  /** Diagnostics --verify found that the migration would introduce. */
  readonly newDiagnostics: number;
  /** What the step could not do, for the run's notices. */
  readonly notices: readonly string[];
  /** --verify was asked for and could not run: write mode must not write on trust. */
  readonly verifyFailed: boolean;
}

export async function analysisStep(input: AnalysisStepInput): Promise<AnalysisStepResult | undefined> {
  const { typedSdk, deferred } = input.demand;
  if (!deferred && !input.verify) return undefined;
  const { describe, openAnalysis } = await import('../../analysis/index.js');
  let cross: CrossModule | undefined;
  const large = !input.verify && input.discovered.length > WHOLE_TREE_LIMIT;
  // In a large tree, a changed JavaScript file without deferred sites is loaded only if a trace leads to it.
  const involved = input.files.filter(
    (f) => f.outcome.decisions?.some((d) => d.deferred) || (f.outcome.output !== undefined && (!large || (typedSdk && TYPESCRIPT.test(f.abs)))),
  );
  const notices: string[] = [];
  // A large tree is not handed to the checker whole (issue 7): the files involved, what they import, and the scripts
  // that name what a deferred payload is read from (globals shared between scripts). A tsconfig.json still brings
  // the files it includes, as it would to tsc; --verify shows the checker every file found.
  const shown = large ? namingFiles(input.files, input.discovered, notices) : input.discovered;
  const analysis = openAnalysis({
    roots: input.roots,
    files: [...new Set([...involved.map((f) => f.abs), ...shown])],
    textOf: (file) => cross?.files.get(file)?.text,
    display: (file) => toPosix(relative(input.cwd, file)),
  });
  const editable = [input.cwd, ...input.roots, ...(analysis.config ? [dirname(analysis.config)] : [])];
  cross = new CrossModule(analysis, input.engine, input.cwd, editable, input.files, input.discovered);
  let files: readonly ModuleFile[] = input.files;
  if (deferred) {
    // The checker failing on something never stops the run: the deferred sites then stay under review.
    try {
      await cross.settle();
      await updateTypes(cross, analysis, notices);
      files = [...cross.files.values()];
    } catch (error) {
      notices.push(notice('analysis-failed', { why: describe(error) }));
      cross = new CrossModule(analysis, input.engine, input.cwd, editable, input.files, input.discovered);
    }
  }
  if (input.verify && !analysis.config) notices.push(notice('verify-without-config'));
  let newDiagnostics = 0;
  let verifyFailed = false;
  if (input.verify) {
    try {
      newDiagnostics = await verify(cross, analysis);
      files = [...cross.files.values()];
    } catch (error) {
      verifyFailed = true;
      notices.push(notice('verify-failed', { why: describe(error) }));
    }
  }
  notices.unshift(...analysis.problems());
  return {
    files,
    verifyFailed,
    programBuilt: analysis.built(),
    ...(analysis.config ? { config: toPosix(relative(input.cwd, analysis.config)) } : {}),
    newDiagnostics,
    notices,
  };
}

function finding(text: string, offset: number, id: FindingId, data: Readonly<Record<string, string>>): FileFinding {
  return { id, severity: severityOf(id), message: messageOf(id, data), data, ...new LineIndex(text).at(offset) };
}

function addFindings(file: ModuleFile, findings: readonly FileFinding[]): void {
  if (findings.length === 0) return;
  const all = byPosition([...file.outcome.result.findings, ...findings]);
  file.outcome = { ...file.outcome, result: { ...file.outcome.result, findings: all } };
}

async function updateTypes(cross: CrossModule, analysis: Analysis, notices: string[]): Promise<void> {
  const files = [...cross.files.values()];
  const literals = files
    .filter((f) => TYPESCRIPT.test(f.abs))
    .flatMap((f) =>
      (f.outcome.decisions ?? []).flatMap((d) => {
        // A payload built here for calls elsewhere reaches those calls; a call site reaches itself.
        const into = cross.callsInto(f, d.offset);
        const calls = into.length > 0 ? into : [{ file: f.abs, offset: d.offset }];
        return d.editedLiterals.map((start) => ({ file: f.abs, start, calls }));
      }),
    );
  if (literals.length === 0) return;
  const update = analysis.updatePayloadTypes(literals, new Map(files.map((f) => [f.abs, f.outcome.result.edits])));
  for (const [abs, changes] of update.members) {
    const file = await cross.load(abs);
    const where = toPosix(relative(cross.cwd, abs));
    if (typeof file === 'string') {
      notices.push(notice('payload-type-not-updated', { where, why: file }));
      continue;
    }
    // The shapes are offsets in the text without its byte order mark, as the type checker read it.
    const bom = file.text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const edits = memberEdits(file.text.slice(bom), changes).map((e) => ({ start: e.start + bom, end: e.end + bom, text: e.text }));
    const all = [...file.outcome.result.edits, ...edits];
    let output: string;
    try {
      output = applyEdits(file.text, all);
    } catch (error) {
      notices.push(notice('payload-type-not-updated', { where, why: error instanceof Error ? error.message : String(error) }));
      continue;
    }
    const dialect = dialectFor(abs);
    if (!dialect || !parseSource(output, dialect).ok) {
      notices.push(notice('payload-type-not-updated', { where, why: 'the edited file would not parse' }));
      continue;
    }
    file.outcome = { ...file.outcome, output, result: { ...file.outcome.result, status: 'changed', edits: all } };
  }
  for (const f of update.findings) {
    const file = await cross.load(f.file);
    if (typeof file !== 'string') addFindings(file, [finding(file.text, f.offset, f.id, f.data)]);
  }
}

async function verify(cross: CrossModule, analysis: Analysis): Promise<number> {
  const changes = new Map<string, string>();
  for (const f of cross.files.values()) if (f.outcome.output !== undefined) changes.set(f.abs, f.outcome.output);
  const diagnostics = analysis.verify(changes);
  for (const d of diagnostics) {
    const loaded = cross.files.get(d.file) ?? (await cross.load(d.file));
    const file = typeof loaded === 'string' ? cross.adopt(d.file, analysis.textOf(d.file) ?? '') : loaded;
    // Located in the original text like every other finding: a diagnostic in inserted text points at the insertion.
    const offset = originalOffset(file.outcome.result.edits, d.offset);
    addFindings(file, [finding(file.text, offset, 'verify-diagnostic', { code: String(d.code), text: d.text })]);
  }
  return diagnostics.length;
}

/** The offset in the original text of an offset in the text `edits` produced. */
export function originalOffset(edits: readonly Edit[], offset: number): number {
  let delta = 0;
  for (const e of normalizeEdits(edits)) {
    const start = e.start + delta;
    if (offset < start) break;
    if (offset < start + e.text.length) return e.start;
    delta += e.text.length - (e.end - e.start);
  }
  return offset - delta;
}
