import type { ELK } from 'elkjs/lib/elk-api.js';
import { setLayout } from '../../core/model/actions';
import type { Pipeline, Position } from '../../core/model/types';
import { computeLayout } from './graph-layout';

/** Past this, a layout is given up (and its worker stopped) so callers can fall back to something simpler. */
export const LAYOUT_TIMEOUT_MS = 15_000;

let elk: Promise<ELK> | undefined;

/**
 * ELK is large, so it loads only when a layout is first needed, and runs in a worker so a long
 * pipeline does not freeze the page while it is laid out. The worker script is served from this
 * origin like every other asset (no CDN).
 */
function loadElk(): Promise<ELK> {
  elk ??= Promise.all([import('elkjs/lib/elk-api.js'), import('elkjs/lib/elk-worker.min.js?url')]).then(
    ([{ default: ElkApi }, { default: workerUrl }]) => new ElkApi({ workerUrl }),
  );
  return elk;
}

class LayoutTimeout extends Error {}

export interface LayoutOptions {
  /** Keep the places of steps that have one. */
  onlyMissing?: boolean;
  /** Groups drawn collapsed take the room of one node. */
  collapsed?: ReadonlySet<string>;
}

/**
 * Positions for the steps of every graph (all of them, or only those without one); inside lanes
 * they are lane-relative. Callers commit them with `moveSteps`.
 */
export async function layoutPositions(pipeline: Pipeline, options: LayoutOptions = {}): Promise<Record<string, Position>> {
  const layouter = await loadElk();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LayoutTimeout(`the layout took longer than ${LAYOUT_TIMEOUT_MS / 1000} s`)), LAYOUT_TIMEOUT_MS);
  });
  try {
    return await Promise.race([computeLayout(pipeline, layouter, options), timeout]);
  } catch (error) {
    if (error instanceof LayoutTimeout) {
      layouter.terminateWorker();
      elk = undefined; // the next layout starts a fresh worker
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** The pipeline with positions for its steps (all of them, or only those without one). */
export async function withAutoLayout(pipeline: Pipeline, options: LayoutOptions = {}): Promise<Pipeline> {
  const positions = await layoutPositions(pipeline, options);
  return setLayout(pipeline, options.onlyMissing ? { ...pipeline.layout, ...positions } : { ...positions });
}
