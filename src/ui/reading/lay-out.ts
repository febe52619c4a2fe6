/**
 * Positions for the steps of a pipeline just read, computed in the reader worker: the quick
 * placement of chains and ELK's layered layout both run here (ELK in this thread, as there is no
 * page to keep answering), so that a 5,000-step import is not laid out on the page's thread.
 */
import { setLayout } from '../../core/model/actions';
import { assignOwn, ownRecord } from '../../core/own';
import type { Graph, Pipeline } from '../../core/model/types';
import { computeLayout, elkGraphOf, needsLayout, type Layouter } from '../layout/graph-layout';

/**
 * ELK's bundle, in a worker, takes the worker's `onmessage` to serve as an ELK worker itself — not
 * when it is evaluated but when the first ELK is made (that is when it loads its worker part): the
 * reader's own handler is put back after both. Left to ELK, every later read of this worker went to
 * ELK's handler and failed.
 */
async function loadElk(): Promise<Layouter> {
  const reader = self.onmessage;
  try {
    const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
    return new ELK();
  } finally {
    self.onmessage = reader;
  }
}

/** One ELK for the worker's life, made on the first layout or warm-up (a failed load is tried again). */
let elk: Promise<Layouter> | undefined;
const layouter: Layouter = {
  layout: async (graph) => {
    elk ??= loadElk().catch((error: unknown) => {
      elk = undefined;
      throw error;
    });
    return (await elk).layout(graph);
  },
};

/**
 * Loads ELK (1.4 MB) and lays out a chain of three steps, so that its code is compiled too: loading
 * it and its first layout took longer than the layout of 1,000 steps itself. The import dialog asks
 * for this when it opens (a `warm` read), while the user chooses files.
 */
export async function warmLayout(): Promise<void> {
  const chain: Graph = { start_at: 'a', steps: [{ name: 'a', type: 'stub', next: 'b' }, { name: 'b', type: 'stub', next: 'c' }, { name: 'c', type: 'stub' }] };
  await layouter.layout(elkGraphOf(chain));
}

export async function layOut(pipeline: Pipeline): Promise<Pipeline> {
  if (!needsLayout(pipeline)) return pipeline;
  try {
    const positions = await computeLayout(pipeline, layouter, { onlyMissing: true });
    // Files without positions (magnus's own) have none to keep: the new record is the layout.
    return setLayout(pipeline, Object.keys(pipeline.layout).length === 0 ? positions : assignOwn(assignOwn(ownRecord(), pipeline.layout), positions));
  } catch {
    return pipeline; // the canvas places unplaced steps itself
  }
}
