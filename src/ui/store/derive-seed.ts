/**
 * The validator, the emitters and the magnus export, as the page's derived values use them
 * (derived.ts). They are most of the transpiler's weight in the page, so the page loads them after
 * its first paint (engine.ts); the reader worker, which computes these values for what it reads,
 * imports them directly.
 */
import { sortDiagnostics, type Diagnostic } from '../../core/diagnostics';
import { emitPipeline, type EmitResult, type EmitTarget } from '../../core/emit/index';
import { exportMagnus, type MagnusExport } from '../../core/magnus/export';
import type { Pipeline } from '../../core/model/types';
import { validatePipeline } from '../../core/validate/validate';

export { emitPipeline, exportMagnus };

export const validate = (pipeline: Pipeline): Diagnostic[] => sortDiagnostics(validatePipeline(pipeline));

const DIAGNOSTIC_FIELDS = ['code', 'severity', 'message', 'step', 'graph', 'field', 'file', 'line', 'column', 'endLine', 'endColumn'] as const satisfies readonly (keyof Diagnostic)[];

/** Whether two lists say the same, in the same order (derived.ts then keeps the older list). */
export const sameDiagnostics = (a: readonly Diagnostic[], b: readonly Diagnostic[]) =>
  a.length === b.length && a.every((d, i) => DIAGNOSTIC_FIELDS.every((field) => d[field] === b[i][field]));

/**
 * What the page shows of a pipeline it is about to take, computed where the pipeline was read (the
 * reader worker, or the build for the built-in example), so that taking a long pipeline does not
 * stop the page for a cold validation and emission (most of a second at 1,000 steps).
 */
export interface DerivedSeed {
  validation: Diagnostic[];
  target: EmitTarget;
  emission: EmitResult;
  /**
   * The magnus files of the pipeline as the page takes it (laid out): the YAML pane's dag, config
   * and parameters tabs show them, and exporting 5,000 steps costs the page ~0.2 s.
   */
  exported?: MagnusExport;
}

/** `validation`: the pipeline's, when the caller has it already (an import validates what it reads). */
export const deriveSeed = (pipeline: Pipeline, target: EmitTarget, validation: Diagnostic[] = validate(pipeline)): DerivedSeed => ({
  validation,
  target,
  emission: emitPipeline(pipeline, { target }),
});

/** The seed with the magnus files of `pipeline`, the object the page will take (after its layout). */
export const withExport = (seed: DerivedSeed, pipeline: Pipeline): DerivedSeed => ({ ...seed, exported: exportMagnus(pipeline) });
