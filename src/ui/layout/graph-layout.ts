import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { childGraphs, joinPath } from '../../core/model/paths';
import type { Graph, Pipeline, Position, Step } from '../../core/model/types';
import { assignOwn, ownRecord, ownValue, setOwn } from '../../core/own';
import { CONTENT_LEFT, CONTENT_TOP, LANE_PAD, NODE_HEIGHT, NODE_WIDTH, stepSize, type Size } from './geometry';
import { bottomRowSteps, layeredEdges } from './graph-edges';
import { isChainLayering, layeredPlacement, layering, placeMissingIn } from './placement';

export { NODE_HEIGHT, NODE_WIDTH } from './geometry';

export interface Layouter {
  layout(graph: ElkNode): Promise<ElkNode>;
}

/**
 * Layered layout, top to bottom, of one graph. Options chosen for speed on long pipelines (1,000
 * steps in well under a second) over the last bit of crossing reduction, which magnus pipelines —
 * mostly chains with failure exits — rarely need.
 */
const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.layered.thoroughness': '1',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.nodeNodeBetweenLayers': '48',
};

/** Inside a lane the content starts below the lane's title bar (positions there are lane-relative). */
const LANE_PADDING = `[top=${CONTENT_TOP},left=${CONTENT_LEFT},bottom=${LANE_PAD},right=${LANE_PAD}]`;

export { bottomRowSteps, layeredEdges, type GraphEdge } from './graph-edges';

type SizeOf = (step: Step, path: string) => Size;
const fixedSize: SizeOf = () => ({ width: NODE_WIDTH, height: NODE_HEIGHT });

/** The ELK graph of one of the pipeline's graphs: `graphPath` '' is the pipeline's own, others are lanes. */
export function elkGraphOf(graph: Graph, graphPath = '', sizeOf: SizeOf = fixedSize): ElkNode {
  const id = (name: string) => joinPath(graphPath, name);
  const edges = layeredEdges(graph);
  const apart = new Set(bottomRowSteps(graph, edges));
  return {
    id: graphPath === '' ? 'root' : `graph:${graphPath}`,
    layoutOptions: graphPath === '' ? LAYOUT_OPTIONS : { ...LAYOUT_OPTIONS, 'elk.padding': LANE_PADDING },
    children: graph.steps.filter((s) => !apart.has(s.name)).map((s) => ({ id: id(s.name), ...sizeOf(s, id(s.name)) })),
    edges: edges.map((e) => ({ id: `${id(e.from)}|${e.kind}`, sources: [id(e.from)], targets: [id(e.to)] })),
  };
}

const ROW_GAP = 60;

/** Positions from ELK's answer for one graph, plus its bottom row of terminal steps. */
function readGraph(graph: Graph, graphPath: string, laidOut: ElkNode, sizeOf: SizeOf): Record<string, Position> {
  const all = ownRecord<Position>();
  const bottoms: { x: number; y: number; right: number }[] = [];
  for (const child of laidOut.children ?? []) {
    const x = Math.round(child.x ?? 0);
    const y = Math.round(child.y ?? 0);
    setOwn(all, child.id, { x, y });
    bottoms.push({ x, y, right: x + (child.width ?? NODE_WIDTH) });
  }
  const origin = graphPath === '' ? { x: 0, y: 0 } : { x: CONTENT_LEFT, y: CONTENT_TOP };
  const bottom = bottoms.length > 0 ? Math.max(...bottoms.map((p) => p.y)) : origin.y;
  let x = bottoms.length > 0 ? Math.max(...bottoms.filter((p) => p.y === bottom).map((p) => p.right)) + ROW_GAP : origin.x;
  for (const name of bottomRowSteps(graph, layeredEdges(graph))) {
    const path = joinPath(graphPath, name);
    setOwn(all, path, { x, y: bottom });
    x += sizeOf(graph.steps.find((s) => s.name === name)!, path).width + ROW_GAP;
  }
  return all;
}

interface GraphAt {
  graph: Graph;
  path: string;
  depth: number;
}

function graphsByDepth(root: Graph): GraphAt[][] {
  const levels: GraphAt[][] = [];
  const visit = (graph: Graph, path: string, depth: number) => {
    (levels[depth] ??= []).push({ graph, path, depth }); // own-keys: index
    for (const step of graph.steps) for (const child of childGraphs(step, joinPath(path, step.name))) visit(child.graph, child.path, depth + 1);
  };
  visit(root, '', 0);
  return levels;
}

/**
 * Positions for the steps of every graph, inner graphs first: a group is as large as its lanes,
 * so its graph can be laid out only once the graphs inside it are. Each depth is one ELK call
 * (its graphs side by side as separate compounds); a chain, the common branch, is laid out here
 * the way ELK would, which saves seconds on a thousand steps. With `onlyMissing`, placed steps keep their
 * place; a graph with some placed steps gets places for the others next to their neighbours.
 * Positions of steps in lanes are relative to their lane, as the canvas stores them.
 */
export async function computeLayout(
  pipeline: Pipeline,
  layouter: Layouter,
  options: { onlyMissing?: boolean; collapsed?: ReadonlySet<string> } = {},
): Promise<Record<string, Position>> {
  const collapsed = options.collapsed ?? new Set<string>();
  // Records without a prototype: their thousands of paths are stored plainly (own.ts).
  const working = options.onlyMissing ? assignOwn(ownRecord<Position>(), pipeline.layout) : ownRecord<Position>();
  const result = ownRecord<Position>();
  const sizeOf: SizeOf = (step, path) => stepSize(step, path, working, collapsed);
  const levels = graphsByDepth(pipeline.dag);
  for (let depth = levels.length - 1; depth >= 0; depth--) {
    const batch: GraphAt[] = [];
    for (const at of levels[depth] ?? []) {
      if (at.graph.steps.length === 0) continue;
      if (options.onlyMissing) {
        const missing = at.graph.steps.filter((s) => !ownValue(working, joinPath(at.path, s.name))).length;
        if (missing === 0) continue;
        if (missing < at.graph.steps.length) {
          const near = placeMissingIn(at.graph, at.path, working, collapsed);
          assignOwn(working, near);
          assignOwn(result, near);
          continue;
        }
      }
      const layers = layering(at.graph);
      if (isChainLayering(layers)) {
        const quick = layeredPlacement(at.graph, at.path, working, collapsed, layers);
        assignOwn(working, quick);
        assignOwn(result, quick);
        continue;
      }
      batch.push(at);
    }
    if (batch.length === 0) continue;
    const compounds = batch.map((at) => elkGraphOf(at.graph, at.path, sizeOf));
    const laidOut =
      compounds.length === 1 && batch[0].path === ''
        ? [await layouter.layout(compounds[0])]
        : ((await layouter.layout({ id: 'batch', layoutOptions: { 'elk.algorithm': 'fixed' }, children: compounds })).children ?? []);
    batch.forEach((at, i) => {
      const positions = readGraph(at.graph, at.path, laidOut[i], sizeOf);
      assignOwn(working, positions);
      assignOwn(result, positions);
    });
  }
  return result;
}

export { needsFullLayout, needsLayout } from './needs-layout';
