/**
 * Taking a pipeline that was read in the worker: laid out (ELK, in its own worker), its derived
 * values handed to the caches, and committed as one undo step — unless the user cancelled meanwhile.
 */
import type { Pipeline } from '../../core/model/types';
import { withAutoLayout } from '../layout/auto-layout';
import { primeDerived, type DerivedSeed } from '../store/derived';
import type { DesignerStore } from '../store/store';
import { progressAt, type ReadProgress } from './protocol';
import { ReadStopped } from './reader';

/** Resolves with `promise`, or rejects as cancelled as soon as `signal` aborts (the work itself goes on unheeded). */
export function unlessCancelled<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new ReadStopped('cancelled', 'cancelled'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ReadStopped('cancelled', 'cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export async function takePipeline(store: DesignerStore, read: Pipeline, seed: DerivedSeed, signal: AbortSignal, progress: (p: ReadProgress) => void) {
  progress(progressAt(3));
  // A layout that fails (worker blocked) is no reason to lose the pipeline: the canvas places unplaced steps itself.
  const placed = await unlessCancelled(
    withAutoLayout(read, { onlyMissing: true }).catch(() => read),
    signal,
  );
  progress(progressAt(4));
  if (signal.aborted) throw new ReadStopped('cancelled', 'cancelled');
  if (store.getState().target === seed.target) primeDerived(placed, seed);
  store.getState().replace(placed);
}
