import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { joinPath } from '../../core/model/paths';
import type { Graph, Pipeline, Position } from '../../core/model/types';

/** The size every step node is drawn at; layout and canvas must agree on it. */
export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 64;

export interface Layouter {
  layout(graph: ElkNode): Promise<ElkNode>;
}

/**
 * Layered layout, top to bottom, of the pipeline's own graph. Options chosen for speed on long
 * pipelines (1,000 steps in well under a second) over the last bit of crossing reduction, which
 * magnus pipelines — mostly chains with failure exits — rarely need.
 */
const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.layered.thoroughness': '1',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.nodeNodeBetweenLayers': '48',
};

export function elkGraphOf(graph: Graph, graphPath = ''): ElkNode {
  const names = new Set(graph.steps.map((s) => s.name));
  const id = (name: string) => joinPath(graphPath, name);
  const edges = graph.steps.flatMap((step) =>
    (['next', 'on_failure'] as const).flatMap((kind) => {
      const target = kind in step ? (step as unknown as Record<string, unknown>)[kind] : undefined;
      return typeof target === 'string' && names.has(target) ? [{ id: `${id(step.name)}|${kind}`, sources: [id(step.name)], targets: [id(target)] }] : [];
    }),
  );
  return {
    id: graphPath === '' ? 'root' : graphPath,
    layoutOptions: LAYOUT_OPTIONS,
    children: graph.steps.map((s) => ({ id: id(s.name), width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges,
  };
}

/** Positions for the steps of the pipeline's graph; with `onlyMissing`, steps placed before keep their place. */
export async function computeLayout(pipeline: Pipeline, layouter: Layouter, options: { onlyMissing?: boolean } = {}): Promise<Record<string, Position>> {
  const result = await layouter.layout(elkGraphOf(pipeline.dag));
  const positions: Record<string, Position> = {};
  for (const child of result.children ?? []) {
    if (options.onlyMissing && pipeline.layout[child.id]) continue;
    positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  }
  return positions;
}

/** Whether any step of the pipeline's graph has no position yet (magnus files carry none). */
export const needsLayout = (pipeline: Pipeline) => pipeline.dag.steps.some((s) => !pipeline.layout[s.name]);
