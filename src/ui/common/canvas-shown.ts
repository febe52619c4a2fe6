/**
 * The canvas says when it has drawn a pipeline, so that work a new pipeline also brings to the page
 * — Monaco taking a long pipeline.yaml in slices, the emitter's warm-up — waits for the steps to be
 * on screen instead of competing with the canvas's render: given the page first, those slices and
 * the warm-up delayed an imported 1,000-step pipeline's first frame by seconds on a busy machine
 * (React's render of the canvas yields to every task that is waiting).
 */
import type { Pipeline } from '../../core/model/types';

/**
 * Work that waits for a pipeline the canvas does not draw (it moved on to a newer one) waits no
 * longer than this. Long enough for a loaded 2-core machine: there, the canvas took 2–5 s to draw an
 * imported 1,000 steps, and a shorter ceiling let the slices in before it.
 */
export const CANVAS_WAIT_CEILING_MS = 3_000;

let shown: Pipeline | undefined;
/** Each waiter with the pipeline it waits for, asked again at each frame the canvas shows. */
const waiting = new Map<() => void, () => Pipeline>();

/** Called by the canvas once the frame showing `pipeline`'s steps is painted. */
export function canvasShows(pipeline: Pipeline) {
  shown = pipeline;
  for (const [done, wanted] of [...waiting]) if (wanted() === pipeline) done();
}

/**
 * Resolves once the canvas shows `pipeline` (at once if it does), or after the ceiling. Given a
 * function, waits for the pipeline it names when the canvas shows one: work for whatever the
 * newest pipeline is (an edit right after an import) follows it rather than waiting out the
 * ceiling for one the canvas will never show.
 */
export function afterCanvasShows(pipeline: Pipeline | (() => Pipeline), ceilingMs = CANVAS_WAIT_CEILING_MS): Promise<void> {
  const wanted = typeof pipeline === 'function' ? pipeline : () => pipeline;
  if (shown === wanted()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      waiting.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ceilingMs);
    waiting.set(done, wanted);
  });
}
