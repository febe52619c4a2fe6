/** Whether a place is on screen; the placing of steps lives with the layout. Pure geometry. */
import type { Position } from '../../core/model/types';
import { NODE_HEIGHT, NODE_WIDTH, type Size } from '../layout/geometry';

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

const NODE: Size = { width: NODE_WIDTH, height: NODE_HEIGHT };

/** Whether a node at `position` is wholly inside a view of `width` × `height` screen pixels. */
export function isNodeInView(position: Position, viewport: Viewport, width: number, height: number, size: Size = NODE): boolean {
  const left = position.x * viewport.zoom + viewport.x;
  const top = position.y * viewport.zoom + viewport.y;
  return left >= 0 && top >= 0 && left + size.width * viewport.zoom <= width && top + size.height * viewport.zoom <= height;
}

/** Whether any part of a node at `position` shows in the view. */
export function isNodePartlyInView(position: Position, viewport: Viewport, width: number, height: number, size: Size = NODE): boolean {
  const left = position.x * viewport.zoom + viewport.x;
  const top = position.y * viewport.zoom + viewport.y;
  return left < width && top < height && left + size.width * viewport.zoom > 0 && top + size.height * viewport.zoom > 0;
}
