/** Where to put steps that have no place yet, and whether a place is on screen. Pure geometry. */
import { isFlowing } from '../../core/model/actions';
import type { Pipeline, Position } from '../../core/model/types';
import { NODE_HEIGHT, NODE_WIDTH } from '../layout/graph-layout';

const GAP = 40;
const STEP_X = NODE_WIDTH + GAP;
const STEP_Y = NODE_HEIGHT + GAP;

const overlaps = (a: Position, b: Position) => Math.abs(a.x - b.x) < NODE_WIDTH + GAP / 2 && Math.abs(a.y - b.y) < NODE_HEIGHT + GAP / 2;

/** The free place nearest `near` on a grid around it, preferring below, then right. */
export function freePosition(occupied: readonly Position[], near: Position): Position {
  for (let ring = 0; ring < 60; ring++) {
    const candidates: Position[] = [];
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) === ring) candidates.push({ x: near.x + dx * STEP_X, y: near.y + dy * STEP_Y });
      }
    }
    const distance = (p: Position) => Math.hypot((p.x - near.x) / STEP_X, (p.y - near.y) / STEP_Y) - (p.y > near.y ? 0.1 : 0) - (p.x > near.x ? 0.05 : 0);
    candidates.sort((a, b) => distance(a) - distance(b));
    const free = candidates.find((c) => !occupied.some((o) => overlaps(o, c)));
    if (free) return free;
  }
  const lowest = Math.max(...occupied.map((p) => p.y));
  return { x: near.x, y: lowest + STEP_Y };
}

function placedSteps(pipeline: Pipeline): Position[] {
  return pipeline.dag.steps.flatMap((s) => (pipeline.layout[s.name] ? [pipeline.layout[s.name]] : []));
}

/** A place for a step added from the palette: below the selected step, else below the lowest step. */
export function placeNewStep(pipeline: Pipeline, selection: readonly string[]): Position {
  const occupied = placedSteps(pipeline);
  const selected = selection.map((path) => pipeline.layout[path]).find((p) => p !== undefined);
  if (selected) return freePosition(occupied, { x: selected.x, y: selected.y + STEP_Y });
  if (occupied.length === 0) return { x: 0, y: 0 };
  const lowest = occupied.reduce((a, b) => (b.y > a.y ? b : a));
  return freePosition(occupied, { x: lowest.x, y: lowest.y + STEP_Y });
}

/** Places for the few steps of a mostly placed graph that have none: each near a step that leads to it. */
export function placeMissingSteps(pipeline: Pipeline): Record<string, Position> {
  const placed: Record<string, Position> = {};
  const occupied = placedSteps(pipeline);
  for (const step of pipeline.dag.steps) {
    if (pipeline.layout[step.name]) continue;
    const from = pipeline.dag.steps.find((s) => isFlowing(s) && (s.next === step.name || s.on_failure === step.name));
    const anchor = from && (pipeline.layout[from.name] ?? placed[from.name]);
    const position = anchor ? freePosition(occupied, { x: anchor.x, y: anchor.y + STEP_Y }) : placeNewStep({ ...pipeline, layout: { ...pipeline.layout, ...placed } }, []);
    placed[step.name] = position;
    occupied.push(position);
  }
  return placed;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** Whether a node at `position` is wholly inside a view of `width` × `height` screen pixels. */
export function isNodeInView(position: Position, viewport: Viewport, width: number, height: number): boolean {
  const left = position.x * viewport.zoom + viewport.x;
  const top = position.y * viewport.zoom + viewport.y;
  return left >= 0 && top >= 0 && left + NODE_WIDTH * viewport.zoom <= width && top + NODE_HEIGHT * viewport.zoom <= height;
}

/**
 * The positions that would change something: of steps of the pipeline's own graph that still
 * exist (a layout may finish after an edit) and that are not there already. Rounded to pixels.
 */
export function changedPositions(pipeline: Pipeline, positions: Record<string, Position>): Record<string, Position> {
  const names = new Set(pipeline.dag.steps.map((s) => s.name));
  const changed: Record<string, Position> = {};
  for (const [name, { x, y }] of Object.entries(positions)) {
    const rounded = { x: Math.round(x), y: Math.round(y) };
    const current = pipeline.layout[name];
    if (names.has(name) && (current?.x !== rounded.x || current?.y !== rounded.y)) changed[name] = rounded;
  }
  return changed;
}

/** Whether any part of a node at `position` shows in the view. */
export function isNodePartlyInView(position: Position, viewport: Viewport, width: number, height: number): boolean {
  const left = position.x * viewport.zoom + viewport.x;
  const top = position.y * viewport.zoom + viewport.y;
  return left < width && top < height && left + NODE_WIDTH * viewport.zoom > 0 && top + NODE_HEIGHT * viewport.zoom > 0;
}
