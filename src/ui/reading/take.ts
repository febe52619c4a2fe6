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

/** A task of its own: receiving the worker's answer (the browser copying a long pipeline in) was one. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** `reported`: an import's report, whose findings beyond validation stay in Problems (diagnostics/import-findings.ts). */
export async function takePipeline(store: DesignerStore, read: Pipeline, seed: DerivedSeed, signal: AbortSignal, progress: (p: ReadProgress) => void, reported?: readonly Diagnostic[]) {
  await nextTask();
  if (signal.aborted) throw new ReadStopped('cancelled', 'cancelled');
  progress(progressAt(4));
  const primed = store.getState().target === seed.target;
  if (primed) primeDerived(read, seed);
  store.getState().replace(read, reported && importOnly(reported, validation(read)), primed);
}
