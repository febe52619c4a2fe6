/**
 * Taking a pipeline that was read (and laid out) in the worker: its derived values handed to the
 * caches, and committed as one undo step — unless the user cancelled meanwhile.
 */
import type { Pipeline } from '../../core/model/types';
import type { Diagnostic } from '../../core/diagnostics';
import { importOnly } from '../diagnostics/import-findings';
import { primeDerived, validation, type DerivedSeed } from '../store/derived';
import type { DesignerStore } from '../store/store';
import { progressAt, type ReadProgress } from './progress';
import { ReadStopped } from './reader';

/** `reported`: an import's report, whose findings beyond validation stay in Problems (diagnostics/import-findings.ts). */
export function takePipeline(store: DesignerStore, read: Pipeline, seed: DerivedSeed, signal: AbortSignal, progress: (p: ReadProgress) => void, reported?: readonly Diagnostic[]) {
  if (signal.aborted) throw new ReadStopped('cancelled', 'cancelled');
  progress(progressAt(4));
  if (store.getState().target === seed.target) primeDerived(read, seed);
  store.getState().replace(read, reported && importOnly(reported, validation(read)));
}
