import { describe, expect, it } from 'vitest';
import { importMagnus } from '../../core/magnus/import';
import { addStep, moveSteps } from '../../core/model/actions';
import { CONTENT_LEFT, CONTENT_TOP } from '../layout/geometry';
import { NODE_HEIGHT, NODE_WIDTH } from '../layout/graph-layout';
import { freePosition, isNodeInView, placeMissingSteps, placeNewStep } from './placement';

const text = `dag:
  start_at: a
  steps:
    a: {type: stub, next: b}
    b: {type: stub, next: success}
    success: {type: success}
    fail: {type: fail}
`;
const pipeline = importMagnus({ dag: { text } }).pipeline!;

const apart = (p: { x: number; y: number }, q: { x: number; y: number }) => Math.abs(p.x - q.x) >= NODE_WIDTH || Math.abs(p.y - q.y) >= NODE_HEIGHT;

describe('placing new steps', () => {
  it('takes the place asked for when free, else the nearest free one, below first', () => {
    expect(freePosition([], { x: 5, y: 5 })).toEqual({ x: 5, y: 5 });
    const taken = [{ x: 0, y: 0 }];
    const place = freePosition(taken, { x: 0, y: 0 });
    expect(apart(place, taken[0])).toBe(true);
    expect(place.y).toBeGreaterThan(0);
    expect(place.x).toBe(0);
  });

  it('puts a palette step below the selected step, or below the lowest, never on another', () => {
    const placed = moveSteps(pipeline, { a: { x: 0, y: 0 }, b: { x: 0, y: 104 }, success: { x: 0, y: 208 }, fail: { x: 240, y: 208 } });
    const underA = placeNewStep(placed, ['a']).position;
    const underAll = placeNewStep(placed, []).position;
    for (const p of [underA, underAll]) for (const other of Object.values(placed.layout)) expect(apart(p, other)).toBe(true);
    expect(underAll.y).toBeGreaterThan(208);
    expect(placeNewStep(pipeline, [])).toEqual({ graphPath: '', position: { x: 0, y: 0 } });
  });

  it('places the few unplaced steps near a step that leads to them, apart from each other', () => {
    const partly = moveSteps(pipeline, { a: { x: 100, y: 0 }, fail: { x: 400, y: 0 } });
    const places = placeMissingSteps(partly);
    expect(Object.keys(places).sort()).toEqual(['b', 'success']);
    expect(places.b.y).toBeGreaterThan(0);
    expect(places.success.y).toBeGreaterThan(places.b.y);
    const all = [...Object.values(partly.layout), ...Object.values(places)];
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(apart(all[i], all[j])).toBe(true);
  });

  it('tells whether a node is wholly on screen', () => {
    const viewport = { x: 0, y: 0, zoom: 1 };
    expect(isNodeInView({ x: 10, y: 10 }, viewport, 800, 600)).toBe(true);
    expect(isNodeInView({ x: 700, y: 10 }, viewport, 800, 600)).toBe(false);
    expect(isNodeInView({ x: 700, y: 10 }, { x: -300, y: 0, zoom: 1 }, 800, 600)).toBe(true);
  });

  it('lays a new group`s branches out at once, as ELK would: start, then success with fail beside it', () => {
    const placed = moveSteps(pipeline, { a: { x: 0, y: 0 }, b: { x: 0, y: 104 }, success: { x: 0, y: 208 }, fail: { x: 240, y: 208 } });
    const { pipeline: withGroup } = addStep(placed, 'parallel', { position: { x: 500, y: 0 } });
    const places = placeMissingSteps(withGroup);
    expect(places).toEqual({
      'parallel.branch_1.step': { x: CONTENT_LEFT, y: CONTENT_TOP },
      'parallel.branch_1.success': { x: CONTENT_LEFT, y: CONTENT_TOP + NODE_HEIGHT + 48 },
      'parallel.branch_1.fail': { x: CONTENT_LEFT + NODE_WIDTH + 60, y: CONTENT_TOP + NODE_HEIGHT + 48 },
      'parallel.branch_2.step': { x: CONTENT_LEFT, y: CONTENT_TOP },
      'parallel.branch_2.success': { x: CONTENT_LEFT, y: CONTENT_TOP + NODE_HEIGHT + 48 },
      'parallel.branch_2.fail': { x: CONTENT_LEFT + NODE_WIDTH + 60, y: CONTENT_TOP + NODE_HEIGHT + 48 },
    });
  });
});
