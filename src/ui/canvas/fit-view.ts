/**
 * Where "show the pipeline" puts the view, computed from the nodes' own sizes (every node of the
 * canvas is given one), so it needs no measuring and is right on the first paint: the opening view
 * never arrives late, after the user started working. Pure.
 *
 * The pipeline is fitted into the part of the canvas its overlays leave free (the Auto layout
 * button above, the zoom controls and the minimap below). A pipeline too large to show whole at a
 * readable zoom is shown from its top (where it starts) at that zoom — a grey strip of boxes helps
 * nobody, and drawing them all is most of the time a 1,000-step import takes; the minimap shows
 * all of it.
 */
import type { Position } from '../../core/model/types';

/** The minimap's size: small, as the canvas shares the width with three panels. */
export const MINIMAP_SIZE = { width: 120, height: 80 };
/** What the overlays cover, in screen pixels: the top-right button's row, the controls' and minimap's strip. */
export const OVERLAY_INSETS = { top: 44, bottom: MINIMAP_SIZE.height + 24 };
/** Around the pipeline, as a fraction of its size. */
export const FIT_PADDING = 0.15;
export const MAX_FIT_ZOOM = 1;
/** Below this a step's name (13 px) is no longer text one can read. */
export const READABLE_ZOOM = 0.6;
/** The margin kept above the pipeline's top when it is shown from there. */
const TOP_MARGIN = 16;

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export interface Placed {
  position: Position;
  width?: number;
  height?: number;
  parentId?: string;
  hidden?: boolean;
}

export interface ViewArea {
  width: number;
  height: number;
}

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The box around the nodes drawn at the top level (steps in lanes are inside their groups). */
function boundsOf(nodes: readonly Placed[]): Bounds | undefined {
  const top = nodes.filter((n) => !n.hidden && n.parentId === undefined);
  if (top.length === 0) return undefined;
  const left = Math.min(...top.map((n) => n.position.x));
  const upper = Math.min(...top.map((n) => n.position.y));
  const right = Math.max(...top.map((n) => n.position.x + (n.width ?? 0)));
  const lower = Math.max(...top.map((n) => n.position.y + (n.height ?? 0)));
  return { x: left, y: upper, width: right - left, height: lower - upper };
}

/** The view that shows the pipeline in a canvas of `area` screen pixels; undefined for an empty one. */
export function viewportToShow(nodes: readonly Placed[], area: ViewArea): Viewport | undefined {
  const bounds = boundsOf(nodes);
  if (!bounds) return undefined;
  const free = {
    width: Math.max(1, area.width),
    height: Math.max(1, area.height - OVERLAY_INSETS.top - OVERLAY_INSETS.bottom),
  };
  const whole = Math.min(free.width / Math.max(1, bounds.width * (1 + FIT_PADDING)), free.height / Math.max(1, bounds.height * (1 + FIT_PADDING)), MAX_FIT_ZOOM);
  const centreX = (zoom: number) => free.width / 2 - (bounds.x + bounds.width / 2) * zoom;
  if (whole >= READABLE_ZOOM) {
    return {
      x: centreX(whole),
      y: OVERLAY_INSETS.top + free.height / 2 - (bounds.y + bounds.height / 2) * whole,
      zoom: whole,
    };
  }
  const zoom = READABLE_ZOOM;
  // Too wide to centre: its left edge, where a top-down pipeline's first column is.
  const x = bounds.width * zoom <= free.width ? centreX(zoom) : TOP_MARGIN - bounds.x * zoom;
  return { x, y: OVERLAY_INSETS.top + TOP_MARGIN - bounds.y * zoom, zoom };
}

/** How small a step may be drawn in the minimap, in screen pixels: smaller, a long pipeline's minimap is blank. */
const MINIMAP_MIN_NODE = 2;

/**
 * The stroke, in canvas units, that draws every step of the minimap at least MINIMAP_MIN_NODE
 * pixels tall: a minimap shows the whole pipeline, and 300 steps in 80 pixels are a fraction of a
 * pixel each. Long pipelines become one band — where the view is on it is what the minimap is for.
 */
export function minimapStroke(nodes: readonly Placed[]): number {
  const bounds = boundsOf(nodes);
  const top = nodes.filter((n) => !n.hidden && n.parentId === undefined);
  if (!bounds || top.length === 0) return 0;
  const scale = Math.min(MINIMAP_SIZE.width / Math.max(1, bounds.width), MINIMAP_SIZE.height / Math.max(1, bounds.height));
  const smallest = Math.min(...top.map((n) => Math.min(n.width ?? 0, n.height ?? 0)));
  return Math.max(0, Math.ceil(MINIMAP_MIN_NODE / scale - smallest));
}
