import { setLayout } from '../../core/model/actions';
import type { Pipeline } from '../../core/model/types';
import { computeLayout, type Layouter } from './graph-layout';

let elk: Promise<Layouter> | undefined;

/**
 * ELK is large, so it loads only when a layout is first needed, and runs in a worker so a long
 * pipeline does not freeze the page while it is laid out. The worker script is served from this
 * origin like every other asset (no CDN).
 */
function loadElk(): Promise<Layouter> {
  elk ??= Promise.all([import('elkjs/lib/elk-api.js'), import('elkjs/lib/elk-worker.min.js?url')]).then(
    ([{ default: ELK }, { default: workerUrl }]) => new ELK({ workerUrl }),
  );
  return elk;
}

/** The pipeline with positions for its steps (all of them, or only those without one). */
export async function withAutoLayout(pipeline: Pipeline, options: { onlyMissing?: boolean } = {}): Promise<Pipeline> {
  const positions = await computeLayout(pipeline, await loadElk(), options);
  return setLayout(pipeline, options.onlyMissing ? { ...pipeline.layout, ...positions } : { ...positions });
}
