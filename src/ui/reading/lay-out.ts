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

let elk: Promise<Layouter> | undefined;
const elkLayouter = () => (elk ??= loadElk().then(({ default: ELK }) => new ELK()));

/** Loads ELK ahead of an import that may need it (the import dialog is open): its 1.4 MB are then read while the user picks files. */
export function warmLayout() {
  elkLayouter().catch(() => (elk = undefined));
}

export async function layOut(pipeline: Pipeline): Promise<Pipeline> {
  if (!needsLayout(pipeline)) return pipeline;
  try {
    // ELK is loaded only if a graph needs it (chains, the common case, are placed without it), or warmed.
    const layouter: Layouter = { layout: async (graph) => (await elkLayouter()).layout(graph) };
    const positions = await computeLayout(pipeline, layouter, { onlyMissing: true });
    return setLayout(pipeline, { ...pipeline.layout, ...positions });
  } catch {
    return pipeline; // the canvas places unplaced steps itself
  }
}
