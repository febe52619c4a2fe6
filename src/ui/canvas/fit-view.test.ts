import { describe, expect, it } from 'vitest';
import { MAX_FIT_ZOOM, MINIMAP_SIZE, minimapStroke, OVERLAY_INSETS, READABLE_ZOOM, viewportToShow, type Placed, type Viewport } from './fit-view';

const NODE = { width: 200, height: 64 };
const column = (count: number, pitch = 120): Placed[] =>
  Array.from({ length: count }, (_, i) => ({
    position: { x: 0, y: i * pitch },
    ...NODE,
  }));
const AREA = { width: 500, height: 740 };

/** Where a point of the canvas shows on screen. */
const onScreen = (v: Viewport, x: number, y: number) => ({
  x: x * v.zoom + v.x,
  y: y * v.zoom + v.y,
});

describe('the view that shows the pipeline', () => {
  it('fits a short pipeline whole, centred in the part the overlays leave free, never enlarged', () => {
    const v = viewportToShow(column(6), AREA)!;
    expect(v.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    expect(v.zoom).toBeLessThanOrEqual(MAX_FIT_ZOOM);
    const topLeft = onScreen(v, 0, 0);
    const bottomRight = onScreen(v, NODE.width, 5 * 120 + NODE.height);
    expect(topLeft.y).toBeGreaterThanOrEqual(OVERLAY_INSETS.top);
    expect(bottomRight.y).toBeLessThanOrEqual(AREA.height - OVERLAY_INSETS.bottom);
    expect(topLeft.x + bottomRight.x).toBeCloseTo(AREA.width);
    expect(viewportToShow(column(1), AREA)!.zoom).toBe(MAX_FIT_ZOOM);
  });

  it('shows a pipeline too long to read whole from its top at a readable zoom', () => {
    const v = viewportToShow(column(300), AREA)!;
    expect(v.zoom).toBe(READABLE_ZOOM);
    const top = onScreen(v, 0, 0);
    expect(top.y).toBeGreaterThanOrEqual(OVERLAY_INSETS.top);
    expect(top.y).toBeLessThan(OVERLAY_INSETS.top + 40);
    // Centred across: it is narrow enough.
    expect(top.x + onScreen(v, NODE.width, 0).x).toBeCloseTo(AREA.width);
  });

  it('shows a pipeline too wide to read whole from its left edge', () => {
    const row = Array.from({ length: 40 }, (_, i) => ({
      position: { x: i * 240, y: 0 },
      ...NODE,
    }));
    const v = viewportToShow(row, AREA)!;
    expect(v.zoom).toBe(READABLE_ZOOM);
    expect(onScreen(v, 0, 0).x).toBeGreaterThan(0);
    expect(onScreen(v, 0, 0).x).toBeLessThan(40);
  });

  it('counts only the nodes drawn at the top level, and nothing for an empty canvas', () => {
    const nodes: Placed[] = [...column(2), { position: { x: 0, y: -5000 }, parentId: 'group', ...NODE }, { position: { x: 9000, y: 0 }, hidden: true, ...NODE }];
    expect(viewportToShow(nodes, AREA)).toEqual(viewportToShow(column(2), AREA));
    expect(viewportToShow([], AREA)).toBeUndefined();
  });
});

describe('the minimap', () => {
  it('draws the steps of a short pipeline as they are, and those of a long one at least 2 px tall', () => {
    expect(minimapStroke(column(6))).toBe(0);
    const long = column(300);
    const stroke = minimapStroke(long);
    const scale = Math.min(MINIMAP_SIZE.width / NODE.width, MINIMAP_SIZE.height / (299 * 120 + NODE.height));
    expect((NODE.height + stroke) * scale).toBeGreaterThanOrEqual(2);
    expect(minimapStroke([])).toBe(0);
  });
});
