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

const taking = async (signal: AbortSignal, progress: (p: ReadProgress) => void) => {
  await nextTask();
  if (signal.aborted) throw new ReadStopped('cancelled', 'cancelled');
  progress(progressAt(4));
};

/** `reported`: an import's report, whose findings beyond validation stay in Problems (diagnostics/import-findings.ts). */
export async function takePipeline(store: DesignerStore, read: Pipeline, seed: DerivedSeed, signal: AbortSignal, progress: (p: ReadProgress) => void, reported?: readonly Diagnostic[]) {
  await taking(signal, progress);
  const primed = store.getState().target === seed.target;
  if (primed) primeDerived(read, seed);
  store.getState().replace(read, reported && importOnly(reported, validation(read)), primed ? 'known' : undefined);
}

/**
 * Takes a pipeline whose check, emission and magnus files are still being made in the worker (an
 * import's first half): committed as one undo step with those awaited (the store's `waiting`), so
 * the canvas draws it meanwhile and nothing computes them on the page. `settleTaken` ends the wait.
 */
export async function takeUnchecked(store: DesignerStore, read: Pipeline, signal: AbortSignal, progress: (p: ReadProgress) => void) {
  await taking(signal, progress);
  store.getState().replace(read, undefined, 'awaited');
}

/** The awaited values of a pipeline taken unchecked arrived: `reported`, as for takePipeline. */
export function settleTaken(store: DesignerStore, taken: Pipeline, seed: DerivedSeed, reported: readonly Diagnostic[]) {
  primeDerived(taken, seed);
  store.getState().settle(taken, importOnly(reported, seed.validation));
}
