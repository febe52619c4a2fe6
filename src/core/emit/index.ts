import { hasErrors, type Diagnostic } from '../diagnostics';
import { nestingProblem } from '../model/nesting';
import type { Pipeline } from '../model/types';
import { emitKfpV1 } from './kfp-v1';
import { emitKfpV2 } from './kfp-v2';

export type EmitTarget = 'kfp-v2' | 'kfp-v1' | 'argo';
export const EMIT_TARGETS: readonly EmitTarget[] = ['kfp-v2', 'kfp-v1', 'argo'];

export interface EmitOptions {
  target: EmitTarget;
  /** Only when asked: output is otherwise byte-identical for identical input. */
  timestamp?: Date;
}

export interface EmitResult {
  /** The YAML text; empty when errors prevented emitting. */
  text: string;
  /** Problems found while emitting (e.g. constructs a target cannot express). */
  diagnostics: Diagnostic[];
}

/**
 * A pipeline the target cannot express is answered with its diagnostics and no text: a best
 * effort would be a different pipeline, and text shown is text copied.
 */
export function emitPipeline(pipeline: Pipeline, options: EmitOptions): EmitResult {
  const tooDeep = nestingProblem(pipeline);
  if (tooDeep) return { text: '', diagnostics: [tooDeep] };
  const result = emitFor(pipeline, options);
  return hasErrors(result.diagnostics) ? { text: '', diagnostics: result.diagnostics } : result;
}

function emitFor(pipeline: Pipeline, options: EmitOptions): EmitResult {
  switch (options.target) {
    case 'kfp-v2':
      return emitKfpV2(pipeline, options);
    case 'kfp-v1':
      return emitKfpV1(pipeline, options);
    case 'argo':
      return emitKfpV1(pipeline, options, false);
  }
}
