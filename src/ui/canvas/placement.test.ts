import { describe, expect, it } from 'vitest';
import { importMagnus } from '../../core/magnus/import';
import { moveSteps } from '../../core/model/actions';
import { addStep, insertStep } from '../../core/model/new-steps';
import { canvasGeometry, CONTENT_LEFT, CONTENT_TOP } from '../layout/geometry';
import { deriveView } from './derive-flow';
import { NODE_HEIGHT, NODE_WIDTH } from '../layout/graph-layout';
import { freePosition, insertionPlaces, placeMissingSteps } from '../layout/placement';
import { isNodeInView } from './placement';

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

  it('puts an inserted step where the next one was, moving the rows from there down by one', () => {
    const placed = moveSteps(pipeline, { a: { x: 0, y: 0 }, b: { x: 0, y: 104 }, success: { x: 0, y: 208 }, fail: { x: 240, y: 208 } });
    const afterA = insertStep(placed, 'task', { after: 'a' });
    expect(insertionPlaces(afterA.pipeline, afterA.path, afterA.from, afterA.to)).toEqual({ task: { x: 0, y: 104 }, b: { x: 0, y: 208 }, success: { x: 0, y: 312 }, fail: { x: 240, y: 312 } });
    const atEnd = insertStep(placed, 'task');
    expect(insertionPlaces(atEnd.pipeline, atEnd.path, atEnd.from, atEnd.to)).toEqual({ task: { x: 0, y: 208 }, success: { x: 0, y: 312 }, fail: { x: 240, y: 312 } });
  });

  it('makes room for a group as tall as its branches, placed with it', () => {
    const placed = moveSteps(pipeline, { a: { x: 0, y: 0 }, b: { x: 0, y: 104 }, success: { x: 0, y: 208 }, fail: { x: 240, y: 208 } });
    const { pipeline: p, path, from, to } = insertStep(placed, 'parallel', { after: 'a' });
    const places = insertionPlaces(p, path, from, to);
    expect(places.parallel).toEqual({ x: 0, y: 104 });
    expect(Object.keys(places)).toEqual(expect.arrayContaining(['parallel.branch_1.step', 'parallel.branch_2.success']));
    const height = canvasGeometry(deriveView(moveSteps(p, places), new Set())).steps.get('parallel')!.height;
    expect(places.b.y).toBeGreaterThanOrEqual(104 + height + 40);
  });

  it('puts an inserted step below the step it follows when the next one is not below it, never on another', () => {
    const placed = moveSteps(pipeline, { a: { x: 0, y: 0 }, b: { x: 300, y: 0 }, success: { x: 600, y: 0 }, fail: { x: 900, y: 0 } });
    const { pipeline: p, path, from, to } = insertStep(placed, 'task', { after: 'a' });
    const places = insertionPlaces(p, path, from, to);
    expect(Object.keys(places)).toEqual(['task']);
    for (const other of Object.values(placed.layout)) expect(apart(places.task, other)).toBe(true);
    const empty = insertStep({ ...pipeline, dag: { steps: [] }, layout: {} }, 'task');
    expect(insertionPlaces(empty.pipeline, empty.path, empty.from, empty.to)).toEqual({ task: { x: 0, y: 0 } });
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
