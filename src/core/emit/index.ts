import { hasErrors, type Diagnostic } from '../diagnostics';
import { nestingProblem } from '../model/nesting';
import type { Pipeline } from '../model/types';
import { emitKfpV1 } from './kfp-v1';
import { emitKfpV2 } from './kfp-v2';
import type { EmitOptions, EmitResult } from './options';
import { targetReport } from './target-report';

export { EMIT_TARGETS, type EmitOptions, type EmitResult, type EmitTarget } from './options';

/**
 * A pipeline the target cannot express is answered with its diagnostics and no text: a best
 * effort would be a different pipeline, and text shown is text copied.
 */
export function emitPipeline(pipeline: Pipeline, options: EmitOptions): EmitResult {
  const tooDeep = nestingProblem(pipeline);
  if (tooDeep) return { text: '', diagnostics: [tooDeep] };
  const emitted = emitFor(pipeline, options);
  const diagnostics = [...emitted.diagnostics, ...targetReport(pipeline, options.target)];
  if (hasErrors(diagnostics)) return { text: '', diagnostics };
  // The emitter's own result (not a copy, which would join its pieces, see piecesResult).
  emitted.diagnostics = diagnostics;
  return emitted;
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
