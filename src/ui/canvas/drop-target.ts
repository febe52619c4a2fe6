/**
 * Where a dragged step or a palette entry lands: which graph (the lane under it, else the
 * pipeline's own) and at which stored position (lane-relative inside lanes). Pure geometry.
 */
import type { Position } from '../../core/model/types';
import { laneAt, type CanvasGeometry, type Size } from '../layout/geometry';

export interface Landing {
  graphPath: string;
  /** The position to store for the step in that graph. */
  position: Position;
  /** Whether the step leaves its graph (a model move, not just a new place). */
  changesGraph: boolean;
}

const ORIGIN = { x: 0, y: 0 };

/**
 * A step dragged to `position` (relative to its parent node, as React Flow reports it): it
 * changes graph when its centre ends up over another lane, or outside every lane when it was in
 * one. A step never lands in its own lanes (they move with it).
 */
export function landingOfStep(geometry: CanvasGeometry, id: string, position: Position, size: Size): Landing | undefined {
  const area = geometry.steps.get(id);
  if (!area) return undefined;
  const parent = area.graphPath === '' ? undefined : geometry.lanesByGraph.get(area.graphPath);
  if (area.graphPath !== '' && !parent) return undefined;
  const origin = parent ?? ORIGIN;
  const absolute = { x: origin.x + position.x, y: origin.y + position.y };
  const lane = laneAt(geometry.lanes, { x: absolute.x + size.width / 2, y: absolute.y + size.height / 2 }, id);
  const graphPath = lane?.graphPath ?? '';
  if (graphPath === area.graphPath) {
    const shift = parent?.shift ?? ORIGIN;
    return { graphPath, position: round({ x: position.x - shift.x, y: position.y - shift.y }), changesGraph: false };
  }
  return { graphPath, position: round(storedIn(lane, absolute)), changesGraph: true };
}

/** A new step whose top-left corner goes at `point` (canvas coordinates): into the lane under its centre. */
export function landingOfNewStep(geometry: CanvasGeometry, point: Position, size: Size): Omit<Landing, 'changesGraph'> {
  const lane = laneAt(geometry.lanes, { x: point.x + size.width / 2, y: point.y + size.height / 2 });
  return { graphPath: lane?.graphPath ?? '', position: round(storedIn(lane, point)) };
}

/** The lane (or canvas) under a point, as the id of the node to highlight while dragging. */
export function laneUnder(geometry: CanvasGeometry, point: Position, exclude?: string): string | undefined {
  return laneAt(geometry.lanes, point, exclude)?.graphPath;
}

function storedIn(lane: { x: number; y: number; shift: Position } | undefined, absolute: Position): Position {
  return lane ? { x: absolute.x - lane.x - lane.shift.x, y: absolute.y - lane.y - lane.shift.y } : absolute;
}

const round = (p: Position): Position => ({ x: Math.round(p.x), y: Math.round(p.y) });
