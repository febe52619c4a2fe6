import { useDeferredValue } from 'react';
import type { Diagnostic } from '../../core/diagnostics';
import { useDesigner, usePipeline } from '../store/context';
import { allDiagnostics, validation } from '../store/derived';

/**
 * The diagnostics, computed for a deferred pipeline: on a keystroke React first renders the field
 * and the YAML, then validation (tens of ms on a 1,000-step pipeline) in a render of its own right
 * after — or not at all, when the next keystroke comes first. Messages follow by that one render.
 * Every part of the UI that shows diagnostics should read them through these hooks: one that
 * validates the current pipeline puts validation back into every keystroke.
 */
export function useDiagnostics(): Diagnostic[] {
  const pipeline = useDeferredValue(usePipeline());
  const target = useDesigner((s) => s.target);
  return allDiagnostics(pipeline, target);
}

/** The validator's findings only (what the forms show), deferred the same way. */
export function useValidation(): Diagnostic[] {
  return validation(useDeferredValue(usePipeline()));
}
