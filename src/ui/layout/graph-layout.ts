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

/** A next or on_failure edge between two steps of one graph. */
export interface GraphEdge {
  from: string;
  to: string;
  kind: 'next' | 'on_failure';
}

/** More failure exits than this into one step make it a shared handler, laid out apart from the flow. */
export const FAN_IN_LIMIT = 3;

/**
 * The edges the layering follows. Failure exits into a terminal step or a shared handler (the
 * magnus habit: every step's on_failure is `fail`) are left out: each would span the whole flow,
 * and ELK gives a long edge a dummy node per layer it crosses — quadratic, out of memory at 1,000
 * steps. They are still drawn; they just do not decide where steps go.
 */
export function layeredEdges(graph: Graph): GraphEdge[] {
  const names = new Set(graph.steps.map((s) => s.name));
  const terminal = new Set(graph.steps.filter((s) => s.type === 'success' || s.type === 'fail').map((s) => s.name));
  const edges = graph.steps.flatMap((step) =>
    (['next', 'on_failure'] as const).flatMap((kind): GraphEdge[] => {
      const target = kind in step ? (step as unknown as Record<string, unknown>)[kind] : undefined;
      return typeof target === 'string' && names.has(target) ? [{ from: step.name, to: target, kind }] : [];
    }),
  );
  const failureFanIn = new Map<string, number>();
  for (const e of edges) if (e.kind === 'on_failure') failureFanIn.set(e.to, (failureFanIn.get(e.to) ?? 0) + 1);
  return edges.filter((e) => e.kind === 'next' || (!terminal.has(e.to) && failureFanIn.get(e.to)! <= FAN_IN_LIMIT));
}

/** Terminal steps the layered edges do not reach (typically `fail`): they go in the bottom row, beside `success`. */
export function bottomRowSteps(graph: Graph, edges: readonly GraphEdge[]): string[] {
  const reached = new Set(edges.map((e) => e.to));
  return graph.steps.filter((s) => (s.type === 'success' || s.type === 'fail') && !reached.has(s.name)).map((s) => s.name);
}

export function elkGraphOf(graph: Graph, graphPath = ''): ElkNode {
  const id = (name: string) => joinPath(graphPath, name);
  const edges = layeredEdges(graph);
  const apart = new Set(bottomRowSteps(graph, edges));
  return {
    id: graphPath === '' ? 'root' : graphPath,
    layoutOptions: LAYOUT_OPTIONS,
    children: graph.steps.filter((s) => !apart.has(s.name)).map((s) => ({ id: id(s.name), width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: edges.map((e) => ({ id: `${id(e.from)}|${e.kind}`, sources: [id(e.from)], targets: [id(e.to)] })),
  };
}

const ROW_GAP = 60;

/** Positions for the steps of the pipeline's graph; with `onlyMissing`, steps placed before keep their place. */
export async function computeLayout(pipeline: Pipeline, layouter: Layouter, options: { onlyMissing?: boolean } = {}): Promise<Record<string, Position>> {
  const graph = pipeline.dag;
  const result = await layouter.layout(elkGraphOf(graph));
  const all: Record<string, Position> = {};
  for (const child of result.children ?? []) all[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  const laidOut = Object.values(all);
  const bottom = laidOut.length > 0 ? Math.max(...laidOut.map((p) => p.y)) : 0;
  let x = laidOut.length > 0 ? Math.max(...laidOut.filter((p) => p.y === bottom).map((p) => p.x)) + NODE_WIDTH + ROW_GAP : 0;
  for (const name of bottomRowSteps(graph, layeredEdges(graph))) {
    all[name] = { x, y: bottom };
    x += NODE_WIDTH + ROW_GAP;
  }
  if (!options.onlyMissing) return all;
  return Object.fromEntries(Object.entries(all).filter(([name]) => !pipeline.layout[name]));
}

/** Whether any step of the pipeline's graph has no position yet (magnus files carry none). */
export const needsLayout = (pipeline: Pipeline) => pipeline.dag.steps.some((s) => !pipeline.layout[s.name]);
