/**
 * Positions for the steps of a pipeline just read, computed in the reader worker: the quick
 * placement of chains and ELK's layered layout both run here (ELK in this thread, as there is no
 * page to keep answering), so that a 5,000-step import is not laid out on the page's thread.
 */
import { setLayout } from '../../core/model/actions';
import type { Graph, Pipeline } from '../../core/model/types';
import { computeLayout, elkGraphOf, needsLayout, type Layouter } from '../layout/graph-layout';

/**
 * ELK's bundle, evaluated in a worker, takes the worker's `onmessage` to serve as an ELK worker
 * itself: the reader's own handler is put back. The bundle takes it while it is evaluated, which
 * ends in the same task as the import's promise settles, so no message of the page's can reach
 * ELK's handler meanwhile (messages are tasks of their own).
 */
async function loadElk() {
  const reader = self.onmessage;
  try {
    return await import('elkjs/lib/elk.bundled.js');
  } finally {
    self.onmessage = reader;
  }
}

/** One ELK for the worker's life, loaded on the first layout or warm-up (a failed load is tried again). */
let elk: Promise<Layouter> | undefined;
const layouter: Layouter = {
  layout: async (graph) => {
    elk ??= loadElk().then(
      ({ default: ELK }) => new ELK(),
      (error: unknown) => {
        elk = undefined;
        throw error;
      },
    );
    return (await elk).layout(graph);
  },
};

/**
 * Loads ELK (1.4 MB) and lays out a chain of three steps, so that its code is compiled too: loading
 * it and its first layout took longer than the layout of 1,000 steps itself. The page asks for this
 * while it is idle and when the import dialog opens (a `warm` read), not for each import.
 */
export async function warmLayout(): Promise<void> {
  const chain: Graph = { start_at: 'a', steps: [{ name: 'a', type: 'stub', next: 'b' }, { name: 'b', type: 'stub', next: 'c' }, { name: 'c', type: 'stub' }] };
  await layouter.layout(elkGraphOf(chain));
}

export async function layOut(pipeline: Pipeline): Promise<Pipeline> {
  if (!needsLayout(pipeline)) return pipeline;
  try {
    const positions = await computeLayout(pipeline, layouter, { onlyMissing: true });
    return setLayout(pipeline, { ...pipeline.layout, ...positions });
  } catch {
    return pipeline; // the canvas places unplaced steps itself
  }
}
