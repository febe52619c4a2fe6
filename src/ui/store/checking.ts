import { afterNextFrame } from '../common/next-frame';
import type { DesignerStore } from './store';

/**
 * Brings the diagnostics (the store's `checked` pipeline) up to the present pipeline once a change
 * is on screen: validation of a 1,000-step pipeline costs about a frame, and in the keystroke's own
 * renders it delayed both the field's echo and pipeline.yaml. Changes in a row (typing) are checked
 * once, after the last of them is painted.
 */
export function startChecking(store: DesignerStore, schedule: (work: () => void) => () => void = afterNextFrame): () => void {
  let cancel: (() => void) | undefined;
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.history.present === previous.history.present || state.history.present === state.checked) return;
    cancel?.();
    cancel = schedule(() => {
      cancel = undefined;
      store.getState().check();
    });
  });
  return () => {
    unsubscribe();
    cancel?.();
  };
}
