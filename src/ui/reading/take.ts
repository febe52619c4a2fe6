/**
 * Taking a pipeline that was read (and laid out) in the worker: its derived values handed to the
 * caches, and committed as one undo step — unless the user cancelled meanwhile.
 */
import type { Pipeline } from '../../core/model/types';
import { primeDerived, type DerivedSeed } from '../store/derived';
import type { DesignerStore } from '../store/store';
import { progressAt, type ReadProgress } from './protocol';
import { ReadStopped } from './reader';

export function takePipeline(store: DesignerStore, read: Pipeline, seed: DerivedSeed, signal: AbortSignal, progress: (p: ReadProgress) => void) {
  if (signal.aborted) throw new ReadStopped('cancelled', 'cancelled');
  progress(progressAt(4));
  if (store.getState().target === seed.target) primeDerived(read, seed);
  store.getState().replace(read);
}
