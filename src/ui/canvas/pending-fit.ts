import type { Pipeline } from '../../core/model/types';

/**
 * A fit of the view asked for a pipeline (the store's present one when it was asked), kept until
 * the canvas's nodes are derived from it. The canvas draws a deferred pipeline, a render or more
 * behind the model: fitted at once after a layout, the view showed where the steps were, not where
 * they are. The nodes may skip it for a later pipeline (an edit came first), which is as good.
 */
export function createPendingFit() {
  let wanted: Pipeline | undefined;
  return {
    ask(present: Pipeline) {
      wanted = present;
    },
    /** Whether to fit now, to the nodes of `drawn`; once per ask. */
    due(drawn: Pipeline, present: Pipeline): boolean {
      if (wanted === undefined || (drawn !== wanted && drawn !== present)) return false;
      wanted = undefined;
      return true;
    },
  };
}
