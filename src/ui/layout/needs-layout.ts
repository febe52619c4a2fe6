// Apart from graph-layout.ts, so the canvas can ask without loading the layout code (it loads when used).
import { joinPath, walkGraphs } from '../../core/model/paths';
import type { Pipeline } from '../../core/model/types';
import { ownValue } from '../../core/own';

/** Whether any step of any graph has no position yet (magnus files carry none). */
export function needsLayout(pipeline: Pipeline): boolean {
  for (const { graph, path } of walkGraphs(pipeline.dag)) if (graph.steps.some((s) => !ownValue(pipeline.layout, joinPath(path, s.name)))) return true;
  return false;
}

/**
 * Whether some graph has more than `beyond` steps but none placed: that calls for ELK's layered
 * layout rather than the quick one (or a place here and there).
 */
export function needsFullLayout(pipeline: Pipeline, beyond = 0): boolean {
  for (const { graph, path } of walkGraphs(pipeline.dag)) {
    if (graph.steps.length > beyond && graph.steps.every((s) => !ownValue(pipeline.layout, joinPath(path, s.name)))) return true;
  }
  return false;
}
