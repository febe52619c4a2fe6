/**
 * Apart from placement.ts, so the canvas can commit a drag or a layout without loading the placing
 * of steps (it loads when a step needs a place).
 */
import { joinPath, walkGraphs } from '../../core/model/paths';
import type { Pipeline, Position } from '../../core/model/types';
import { ownValue, setOwn } from '../../core/own';

/**
 * The positions that would change something: of steps that still exist (a layout may finish
 * after an edit) and that are not there already. Rounded to pixels.
 */
export function changedPositions(pipeline: Pipeline, positions: Record<string, Position>): Record<string, Position> {
  const paths = new Set<string>();
  for (const { graph, path } of walkGraphs(pipeline.dag)) for (const s of graph.steps) paths.add(joinPath(path, s.name));
  const changed: Record<string, Position> = {};
  for (const [path, { x, y }] of Object.entries(positions)) {
    const rounded = { x: Math.round(x), y: Math.round(y) };
    const current = ownValue(pipeline.layout, path);
    if (paths.has(path) && (current?.x !== rounded.x || current?.y !== rounded.y)) setOwn(changed, path, rounded);
  }
  return changed;
}
