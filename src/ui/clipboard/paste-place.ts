/** Where pasted or duplicated steps go in their graph: near the originals if they are there, else below the selection. Pure. */
import { joinPath, findGraph } from '../../core/model/paths';
import type { Pipeline, Position } from '../../core/model/types';
import { ownValue } from '../../core/own';
import { freePosition, placedRects, placeInGraph } from '../layout/placement';

/** A pasted copy sits this far right and below its original, so both are seen. */
export const PASTE_OFFSET = 40;

export function pastePosition(pipeline: Pipeline, graphPath: string, firstName: string | undefined, selectedName: string | undefined): Position {
  const graph = findGraph(pipeline.dag, graphPath) ?? pipeline.dag;
  const original = firstName === undefined ? undefined : ownValue(pipeline.layout, joinPath(graphPath, firstName));
  const near = original
    ? { x: original.x + PASTE_OFFSET, y: original.y + PASTE_OFFSET }
    : placeInGraph(graph, graphPath, pipeline.layout, selectedName);
  return freePosition(placedRects(graph, graphPath, pipeline.layout), near);
}
