/**
 * Places for steps that have none yet — added from the palette, or new in a mostly laid-out
 * graph — next to their neighbours, in every graph (lanes included). Pure geometry.
 */
import { isFlowing, moveSteps } from '../../core/model/actions';
import { findStep, joinPath, walkGraphs } from '../../core/model/paths';
import { assignOwn, ownRecord, ownValue, setOwn } from '../../core/own';
import type { Graph, Pipeline, Position, Step } from '../../core/model/types';
import { CONTENT_LEFT, CONTENT_TOP, NODE_HEIGHT, NODE_SIZE, NODE_WIDTH, stepSize, type Rect, type Size } from './geometry';
import { bottomRowSteps, layeredEdges } from './graph-edges';

const GAP = 40;
const STEP_X = NODE_WIDTH + GAP;
const STEP_Y = NODE_HEIGHT + GAP;
const NO_COLLAPSED: ReadonlySet<string> = new Set();
const ORIGIN: Position = { x: 0, y: 0 };

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width + GAP / 2 && b.x < a.x + a.width + GAP / 2 && a.y < b.y + b.height + GAP / 2 && b.y < a.y + a.height + GAP / 2;

const asRect = (p: Position | Rect): Rect => ('width' in p ? p : { ...p, ...NODE_SIZE });

/** The free place nearest `near` on a grid around it, preferring below, then right. */
export function freePosition(occupied: readonly (Position | Rect)[], near: Position, size: Size = NODE_SIZE): Position {
  const taken = occupied.map(asRect);
  for (let ring = 0; ring < 60; ring++) {
    const candidates: Position[] = [];
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) === ring) candidates.push({ x: near.x + dx * STEP_X, y: near.y + dy * STEP_Y });
      }
    }
    const distance = (p: Position) => Math.hypot((p.x - near.x) / STEP_X, (p.y - near.y) / STEP_Y) - (p.y > near.y ? 0.1 : 0) - (p.x > near.x ? 0.05 : 0);
    candidates.sort((a, b) => distance(a) - distance(b));
    const free = candidates.find((c) => !taken.some((o) => overlaps(o, { ...c, ...size })));
    if (free) return free;
  }
  const lowest = Math.max(...taken.map((p) => p.y + p.height));
  return { x: near.x, y: lowest + GAP };
}

/** Where the first step of an empty graph goes: the canvas's origin, or a lane's content corner. */
export const graphOrigin = (graphPath: string): Position => (graphPath === '' ? { x: 0, y: 0 } : { x: CONTENT_LEFT, y: CONTENT_TOP });

/** The rectangles of a graph's placed steps, in the graph's own coordinates. */
export function placedRects(graph: Graph, graphPath: string, layout: Pipeline['layout'], collapsed: ReadonlySet<string> = NO_COLLAPSED): Rect[] {
  return graph.steps.flatMap((s) => {
    const path = joinPath(graphPath, s.name);
    const p = ownValue(layout, path);
    return p ? [{ ...p, ...stepSize(s, path, layout, collapsed) }] : [];
  });
}

/** A place in a graph for a new step: below `below` (a step of that graph) when given, else below the lowest step. */
export function placeInGraph(graph: Graph, graphPath: string, layout: Pipeline['layout'], below?: string, collapsed?: ReadonlySet<string>): Position {
  const occupied = placedRects(graph, graphPath, layout, collapsed);
  const step = below === undefined ? undefined : graph.steps.find((s) => s.name === below);
  const at = step && ownValue(layout, joinPath(graphPath, step.name));
  if (step && at) {
    const { height } = stepSize(step, joinPath(graphPath, step.name), layout, collapsed ?? NO_COLLAPSED);
    return freePosition(occupied, { x: at.x, y: at.y + height + GAP });
  }
  if (occupied.length === 0) return graphOrigin(graphPath);
  const lowest = occupied.reduce((a, b) => (b.y + b.height > a.y + a.height ? b : a));
  return freePosition(occupied, { x: lowest.x, y: lowest.y + lowest.height + GAP });
}

const LAYER_GAP = 48;
const ROW_GAP = 60;

/**
 * Places for the unplaced steps of every graph, inner graphs first (a group's size depends on
 * them): a graph with nothing placed gets a simple layered layout (a new group's branches), the
 * others a place for each new step near a step that leads to it, else below the others.
 */
export function placeMissingSteps(pipeline: Pipeline, collapsed: ReadonlySet<string> = NO_COLLAPSED): Record<string, Position> {
  const placed: Record<string, Position> = {};
  const graphs = [...walkGraphs(pipeline.dag)].reverse();
  for (const { graph, path: graphPath } of graphs) {
    const layout = { ...pipeline.layout, ...placed };
    const missing = graph.steps.filter((s) => !ownValue(layout, joinPath(graphPath, s.name))).length;
    if (missing === 0) continue;
    const found = missing === graph.steps.length ? layeredPlacement(graph, graphPath, layout, collapsed) : placeMissingIn(graph, graphPath, layout, collapsed);
    assignOwn(placed, found);
  }
  return placed;
}

/**
 * A layered layout, top to bottom, of a graph with nothing placed, done here rather than by ELK
 * (which loads in a worker): each step one layer below the steps that lead to it, a layer's steps
 * side by side, the terminal steps nothing leads to beside the last layer — ELK's answer for the
 * small graphs a new group brings, without the wait. `layers`: the graph's layering, when the
 * caller has it already (it decided on a chain by it).
 */
export function layeredPlacement(
  graph: Graph,
  graphPath: string,
  layout: Pipeline['layout'],
  collapsed: ReadonlySet<string> = NO_COLLAPSED,
  layers: Layering = layering(graph),
): Record<string, Position> {
  const origin = graphOrigin(graphPath);
  const size = (step: Step) => stepSize(step, joinPath(graphPath, step.name), layout, collapsed);
  const sized = layers.rows.map((row) => row.map((step) => ({ name: step.name, ...size(step) })));
  const rowWidth = (row: { width: number }[]) => row.reduce((sum, s) => sum + s.width, 0) + GAP * (row.length - 1);
  const widest = Math.max(0, ...sized.map(rowWidth));
  const placed = ownRecord<Position>();
  let y = origin.y;
  let lastRow = { y: origin.y, right: origin.x - ROW_GAP };
  for (const row of sized) {
    // Rows centred on one axis, as ELK draws a chain through steps of different widths.
    let x = origin.x + Math.round((widest - rowWidth(row)) / 2);
    for (const s of row) {
      setOwn(placed, joinPath(graphPath, s.name), { x, y });
      x += s.width + GAP;
    }
    lastRow = { y, right: x - GAP };
    y += Math.max(...row.map((s) => s.height)) + LAYER_GAP;
  }
  let x = lastRow.right + ROW_GAP;
  for (const step of layers.apart) {
    setOwn(placed, joinPath(graphPath, step.name), { x, y: lastRow.y });
    x += size(step).width + ROW_GAP;
  }
  return placed;
}

/** A graph's steps by layer (`rows`, longest path over the layered edges), and the bottom row of terminal steps kept `apart`. */
export interface Layering {
  rows: Step[][];
  apart: Step[];
}

export function layering(graph: Graph): Layering {
  const edges = layeredEdges(graph);
  const apartNames = new Set(bottomRowSteps(graph, edges));
  const apart: Step[] = [];
  const steps: Step[] = [];
  for (const s of graph.steps) (apartNames.has(s.name) ? apart : steps).push(s);
  const layer = new Map(steps.map((s) => [s.name, 0]));
  // A cycle (an invalid graph) cannot push a step past the step count.
  for (let round = 0; round < steps.length; round++) {
    let changed = false;
    for (const e of edges) {
      const next = (layer.get(e.from) ?? 0) + 1;
      if (layer.has(e.to) && next > layer.get(e.to)! && next < steps.length) {
        layer.set(e.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rows: Step[][] = [];
  for (const s of steps) (rows[layer.get(s.name)!] ??= []).push(s); // own-keys: index
  return { rows: rows.filter(Boolean), apart };
}

/** The steps of a graph by layer (longest path over the layered edges), leaving out the bottom row of terminal steps. */
export const layerRows = (graph: Graph): string[][] => layering(graph).rows.map((row) => row.map((s) => s.name));

/** One step a layer (the usual magnus branch): the quick layout draws it as ELK would, without the wait. */
export const isChainLayering = (layers: Layering): boolean => layers.rows.every((row) => row.length === 1);

/** A chain (one step a layer, the usual magnus branch): the quick layout draws it as ELK would, without the wait. */
export const isChain = (graph: Graph): boolean => isChainLayering(layering(graph));

/** Places for the unplaced steps of one graph, given the layout so far (its inner graphs placed). */
export function placeMissingIn(graph: Graph, graphPath: string, layout: Pipeline['layout'], collapsed: ReadonlySet<string> = NO_COLLAPSED): Record<string, Position> {
  const placed: Record<string, Position> = {};
  const current = () => ({ ...layout, ...placed });
  const occupied = placedRects(graph, graphPath, layout, collapsed);
  for (const step of graph.steps) {
    const path = joinPath(graphPath, step.name);
    if (ownValue(layout, path)) continue;
    const size = stepSize(step, path, current(), collapsed);
    const from = graph.steps.find((s) => isFlowing(s) && (s.next === step.name || s.on_failure === step.name));
    const fromPath = from && joinPath(graphPath, from.name);
    const anchor = fromPath !== undefined ? ownValue(current(), fromPath) : undefined;
    const anchorSize = from && fromPath !== undefined ? stepSize(from, fromPath, current(), collapsed) : NODE_SIZE;
    const position = anchor
      ? freePosition(occupied, { x: anchor.x, y: anchor.y + anchorSize.height + GAP }, size)
      : occupied.length === 0
        ? graphOrigin(graphPath)
        : freePosition(occupied, lowestBelow(occupied), size);
    setOwn(placed, path, position);
    occupied.push({ ...position, ...size });
  }
  return placed;
}

function lowestBelow(occupied: readonly Rect[]): Position {
  const lowest = occupied.reduce((a, b) => (b.y + b.height > a.y + a.height ? b : a));
  return { x: lowest.x, y: lowest.y + lowest.height + GAP };
}

/**
 * Where a step inserted into a chain goes (core insertStep: `from` → `path` → `to`), with the
 * places its own branches get: where `to` was, when `to` sits below `from`, and every step of the
 * graph from that row down moves down to make room — the chain reads top to bottom as before,
 * one step longer. Otherwise below `from`, or below the lowest step. Paths are step paths.
 */
export function insertionPlaces(pipeline: Pipeline, path: string, from?: string, to?: string, collapsed: ReadonlySet<string> = NO_COLLAPSED): Record<string, Position> {
  const visit = findStep(pipeline, path);
  if (!visit) return {};
  const { graph, graphPath, step } = visit;
  const others = graph.steps.filter((s) => s.name !== step.name);
  const without: Graph = { ...graph, steps: others };
  // Its branches first: its size depends on them.
  const inner = Object.fromEntries(Object.entries(placeMissingSteps(moveSteps(pipeline, { [path]: ORIGIN }), collapsed)).filter(([p]) => p.startsWith(path + '.')));
  const size = stepSize(step, path, { ...pipeline.layout, ...inner }, collapsed);
  const at = (p: string | undefined) => (p === undefined ? undefined : ownValue(pipeline.layout, p));
  const above = at(from);
  const below = at(to);
  if (above && below && below.y > above.y) {
    const shift = Math.max(below.y - above.y, size.height + GAP);
    const moved: Record<string, Position> = {};
    for (const s of others) {
      const p = joinPath(graphPath, s.name);
      const place = ownValue(pipeline.layout, p);
      if (place && place.y >= below.y) setOwn(moved, p, { x: place.x, y: place.y + shift });
    }
    return { ...inner, ...moved, [path]: { x: above.x, y: below.y } };
  }
  const name = from !== undefined && above ? from.slice(graphPath === '' ? 0 : graphPath.length + 1) : undefined;
  return { ...inner, [path]: placeInGraph(without, graphPath, pipeline.layout, name, collapsed) };
}
