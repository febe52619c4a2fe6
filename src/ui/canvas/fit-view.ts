/**
 * What "show the pipeline" fits the view to. A long pipeline shown whole is a grey strip of
 * unreadable boxes, and drawing every one of them is most of the time an import of 1,000 steps
 * takes: past WHOLE_FIT_MAX top-level steps the view shows the first rows (where the pipeline
 * starts) at a readable zoom, so only the steps in view are drawn. The minimap still shows all of
 * it, and the Fit view control fits everything.
 */
import type { FitViewOptions } from '@xyflow/react';

export const FIT_VIEW_OPTIONS = { maxZoom: 1, padding: 0.15 };
export const WHOLE_FIT_MAX = 120;
export const FIRST_ROWS = 24;

interface Placed {
  id: string;
  position: { x: number; y: number };
  parentId?: string;
  hidden?: boolean;
}

export function fitOptionsFor(nodes: readonly Placed[]): FitViewOptions {
  const top = nodes.filter((n) => !n.hidden && n.parentId === undefined);
  if (top.length <= WHOLE_FIT_MAX) return FIT_VIEW_OPTIONS;
  const first = [...top].sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x).slice(0, FIRST_ROWS);
  return { ...FIT_VIEW_OPTIONS, nodes: first.map((n) => ({ id: n.id })) };
}
