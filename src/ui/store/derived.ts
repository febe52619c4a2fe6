/**
 * Everything the UI shows about a pipeline besides the pipeline itself — diagnostics, the emitted
 * Kubeflow YAML, the exported magnus files — computed from the model and cached by the identity of
 * the (immutable) pipeline object, so each is computed once per change, however many components ask.
 */
import { sortDiagnostics, type Diagnostic } from '../../core/diagnostics';
import { emitPipeline, type EmitResult, type EmitTarget } from '../../core/emit/index';
import { exportMagnus, type MagnusExport } from '../../core/magnus/export';
import { importMagnus } from '../../core/magnus/import';
import type { SourceMap } from '../../core/magnus/source-map';
import type { Pipeline } from '../../core/model/types';
import { validatePipeline } from '../../core/validate/validate';

function memoize<T>(compute: (pipeline: Pipeline) => T): (pipeline: Pipeline) => T {
  const cache = new WeakMap<Pipeline, T>();
  return (pipeline) => {
    if (!cache.has(pipeline)) cache.set(pipeline, compute(pipeline));
    return cache.get(pipeline)!;
  };
}

export const validation = memoize((pipeline) => sortDiagnostics(validatePipeline(pipeline)));

const emissions = memoize(() => new Map<EmitTarget, EmitResult>());
export function emitted(pipeline: Pipeline, target: EmitTarget): EmitResult {
  const byTarget = emissions(pipeline);
  if (!byTarget.has(target)) byTarget.set(target, emitPipeline(pipeline, { target }));
  return byTarget.get(target)!;
}

export const exported: (pipeline: Pipeline) => MagnusExport = memoize(exportMagnus);

/** Where each part of the model sits in the exported dag/config text, for editor markers. */
export const exportedSourceMap: (pipeline: Pipeline) => SourceMap = memoize((pipeline) => {
  const files = exported(pipeline);
  return importMagnus({ dag: { text: files.dag }, config: { text: files.config }, ...(files.parameters ? { parameters: { text: files.parameters } } : {}) }).sourceMap;
});

/** Validation and the current target's emitter findings together, errors first. */
export function allDiagnostics(pipeline: Pipeline, target: EmitTarget): Diagnostic[] {
  const emitterFindings = emitted(pipeline, target).diagnostics;
  return emitterFindings.length === 0 ? validation(pipeline) : sortDiagnostics([...validation(pipeline), ...emitterFindings]);
}

/** Diagnostics per step path (a composite's include its branches'), for node badges. */
export function diagnosticsByStep(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const byStep = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (d.step === undefined || d.severity === 'info') continue;
    const list = byStep.get(d.step) ?? [];
    list.push(d);
    byStep.set(d.step, list);
  }
  return byStep;
}
