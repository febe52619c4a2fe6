import { useDeferredValue } from 'react';
import type { Diagnostic } from '../../core/diagnostics';
import type { Pipeline } from '../../core/model/types';
import { useDesigner } from '../store/context';
import { isAwaited } from '../store/store';
import { allDiagnostics, validation } from '../store/derived';

/**
 * The pipeline diagnostics are shown for: the store's `checked` one, which catches up with the
 * present once a change is on screen (store/checking.ts), and deferred again, so that the render
 * that validates it can be interrupted by the next keystroke. Messages follow an edit by a frame.
 * Undefined while its diagnostics are awaited from the reader (store.ts `waiting`): none are
 * shown until they arrive, and their arrival is deferred too — on a long import it changes the
 * badges of every node, a render too long for one task.
 * Every part of the UI that shows diagnostics should read them through these hooks: one that
 * validates the current pipeline puts validation back into every keystroke.
 */
const useCheckedPipeline = (): Pipeline | undefined => useDeferredValue(useDesigner((s) => (isAwaited(s, s.checked) ? undefined : s.checked)));

const NONE: Diagnostic[] = [];

export function useDiagnostics(): Diagnostic[] {
  const pipeline = useCheckedPipeline();
  const target = useDesigner((s) => s.target);
  return pipeline ? allDiagnostics(pipeline, target) : NONE;
}

/** The validator's findings only (what the forms show), deferred the same way. */
export function useValidation(): Diagnostic[] {
  const pipeline = useCheckedPipeline();
  return pipeline ? validation(pipeline) : NONE;
}
