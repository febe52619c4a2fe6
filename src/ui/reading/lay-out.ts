/**
 * Positions for the steps of a pipeline just read, computed in the reader worker: the quick
 * placement of chains and ELK's layered layout both run here (ELK in this thread, as there is no
 * page to keep answering), so that a 5,000-step import is not laid out on the page's thread.
 */
import { setLayout } from '../../core/model/actions';
import type { Pipeline } from '../../core/model/types';
import { computeLayout, needsLayout, type Layouter } from '../layout/graph-layout';

/**
 * ELK's bundle, evaluated in a worker, takes the worker's `onmessage` to serve as an ELK worker
 * itself: the reader's own handler is put back.
 */
async function loadElk() {
  const reader = self.onmessage;
  try {
    return await import('elkjs/lib/elk.bundled.js');
  } finally {
    self.onmessage = reader;
  }
}

export async function layOut(pipeline: Pipeline): Promise<Pipeline> {
  if (!needsLayout(pipeline)) return pipeline;
  try {
    // ELK (1.4 MB) is loaded only if a graph needs it: chains, the common case, are placed without it.
    // Not ahead of time: while it loads, the worker's messages would reach ELK's handler.
    let elk: Promise<Layouter> | undefined;
    const layouter: Layouter = { layout: async (graph) => (await (elk ??= loadElk().then(({ default: ELK }) => new ELK()))).layout(graph) };
    const positions = await computeLayout(pipeline, layouter, { onlyMissing: true });
    return setLayout(pipeline, { ...pipeline.layout, ...positions });
  } catch {
    return pipeline; // the canvas places unplaced steps itself
  }
}
