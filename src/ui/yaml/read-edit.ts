/**
 * What a hand-edited magnus file means for the pipeline: the pipeline it describes, and whether it
 * may replace the present one. Pure; runs in the reader worker (reading/reader.worker.ts), as reading a 1,000-step
 * dag file takes ~0.5 s, which on the page would freeze the keystrokes typed meanwhile.
 */
import { sortDiagnostics, type Diagnostic } from '../../core/diagnostics';
import { editedInput, type MagnusFileKind } from '../../core/magnus/edit-file';
import { importMagnus } from '../../core/magnus/import';
import { walkSteps } from '../../core/model/paths';
import type { Pipeline } from '../../core/model/types';
import { ownValue, setOwn } from '../../core/own';
import type { EmitTarget } from '../../core/emit/options';
import { validatePipeline } from '../../core/validate/validate';
import { deriveSeed, withExport, type DerivedSeed } from '../store/derive-seed';
import { layoutPlan, needsElk } from '../layout/needs-layout';

export interface EditRequest {
  id: number;
  kind: MagnusFileKind;
  text: string;
  /** The present pipeline: the other files are its export, and its steps keep their places. */
  pipeline: Pipeline;
  /** errorKey of each error the present pipeline already has: only new ones hold the text back. */
  knownErrors: readonly string[];
  /** The target pipeline.yaml shows, for the seed of a long text. */
  target: EmitTarget;
}

export interface EditResult {
  id: number;
  /** The pipeline to commit; undefined while the text is held back (unreadable, or adds errors). */
  pipeline?: Pipeline;
  /** Findings in the edited text, positioned in it (line, column), for its editor markers. */
  diagnostics: Diagnostic[];
  /**
   * For a long text (SEED_FROM), the pipeline's derived values, computed here: a long text pasted
   * over the file shares no step with the pipeline before it, and the page validating and emitting
   * it cold took ~0.1–0.3 s at 1,000 steps. The page takes them only when few steps are shared.
   * Its magnus export is added once the steps are placed (placedEdit).
   */
  seed?: DerivedSeed;
}

/** Texts from this length on (a ~300-step dag) come back with their seed. */
export const SEED_FROM = 32 * 1024;

/** An error's identity across edits; messages are left out (they list step names, which change). */
export const errorKey = (d: Diagnostic) => [d.code, d.graph ?? '', d.step ?? '', d.field ?? ''].join('\u0000');

/**
 * Steps the text gives no position (the edited file is not the dag, or its designer block was cut)
 * keep the one they have on the canvas; only steps that are really new are left to the layout.
 */
export function keepPositions(before: Pipeline, after: Pipeline): Pipeline {
  const kept: Pipeline['layout'] = {};
  for (const { path } of walkSteps(after.dag)) {
    const earlier = ownValue(before.layout, path);
    if (!ownValue(after.layout, path) && earlier) setOwn(kept, path, earlier);
  }
  return Object.keys(kept).length === 0 ? after : { ...after, layout: { ...after.layout, ...kept } };
}

export function readEdit({ id, kind, text, pipeline, knownErrors, target }: EditRequest): EditResult {
  // Read as applyEditedFile reads it, keeping the source map so that findings point into the text.
  const read = importMagnus(editedInput(pipeline, kind, text));
  const inThisFile = (d: Diagnostic) => d.file === kind;
  if (!read.pipeline) {
    const own = read.diagnostics.filter(inThisFile);
    return { id, diagnostics: own.length > 0 ? own : read.diagnostics };
  }
  const edited = keepPositions(pipeline, read.pipeline);
  const validation = validatePipeline(edited);
  const findings = read.sourceMap.attach(validation);
  const known = new Set(knownErrors);
  const addsErrors = findings.some((d) => d.severity === 'error' && !known.has(errorKey(d)));
  const diagnostics = [...read.diagnostics, ...findings].filter(inThisFile);
  if (addsErrors) return { id, diagnostics };
  // Its export follows where the reader places the steps (placedEdit).
  const seed = text.length >= SEED_FROM ? deriveSeed(edited, target, sortDiagnostics(validation)) : undefined;
  return { id, pipeline: edited, diagnostics, ...(seed ? { seed } : {}) };
}

/**
 * A long text's pipeline placed here, as the canvas would place it (usePlaceMissingSteps), when
 * that takes ELK — a dag pasted whole — and its seed completed with the export of the placed
 * pipeline. Placed on the page instead, the positions made a new pipeline after the seed was
 * taken, whose export and checks the page then computed again (~0.3 s at 1,000 steps).
 */
export async function placedEdit(result: EditResult, layOut: (pipeline: Pipeline) => Promise<Pipeline>): Promise<EditResult> {
  if (!result.pipeline || !result.seed) return result;
  const { toPlace } = layoutPlan(result.pipeline);
  const pipeline = needsElk(toPlace) ? await layOut(toPlace) : result.pipeline;
  return { ...result, pipeline, seed: withExport(result.seed, pipeline) };
}
