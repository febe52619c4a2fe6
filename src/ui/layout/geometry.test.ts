import { describe, expect, it } from 'vitest';
import { moveSteps } from '../../core/model/actions';
import { addStep, terminalGraph } from '../../core/model/new-steps';
import type { Pipeline } from '../../core/model/types';
import { pipelineOf } from '../../core/model/defaults';
import {
  canvasGeometry,
  CONTENT_LEFT,
  CONTENT_TOP,
  GROUP_HEADER,
  GROUP_PAD,
  graphView,
  LANE_MIN_HEIGHT,
  LANE_MIN_WIDTH,
  LANE_PAD,
  laneAt,
  NODE_HEIGHT,
  NODE_WIDTH,
  stepSize,
} from './geometry';

const base = (): Pipeline => ({
  ...pipelineOf({
    start_at: 'p',
    steps: [
      { name: 'p', type: 'parallel', next: 'success', branches: [{ name: 'one', graph: terminalGraph('x') }, { name: 'two', graph: terminalGraph('y') }] },
      { name: 'success', type: 'success' },
      { name: 'fail', type: 'fail' },
    ],
  }),
  layout: { p: { x: 100, y: 50 }, success: { x: 100, y: 600 }, fail: { x: 400, y: 600 } },
});

const none = new Set<string>();

describe('group geometry', () => {
  it('gives an empty or unplaced lane its least size, and a collapsed group the size of a node', () => {
    const [p] = graphView(base().dag, '', base().layout, none);
    expect(p.expanded).toBe(true);
    expect(p.lanes.map((l) => l.size)).toEqual([
      { width: LANE_MIN_WIDTH, height: LANE_MIN_HEIGHT },
      { width: LANE_MIN_WIDTH, height: LANE_MIN_HEIGHT },
    ]);
    expect(stepSize(p.step, 'p', base().layout, new Set(['p']))).toEqual({ width: NODE_WIDTH, height: NODE_HEIGHT });
  });

  it('moves content placed left of or above a lane`s content corner in, rather than out of the lane', () => {
    const layout = { ...base().layout, 'p.one.x': { x: -50, y: 0 }, 'p.one.success': { x: 100, y: 200 } };
    const [p] = graphView(base().dag, '', layout, none);
    const lane = p.lanes[0];
    expect(lane.shift).toEqual({ x: CONTENT_LEFT + 50, y: CONTENT_TOP });
    expect(lane.size.width).toBe(100 + CONTENT_LEFT + 50 + NODE_WIDTH + LANE_PAD);
    expect(lane.size.height).toBe(200 + CONTENT_TOP + NODE_HEIGHT + LANE_PAD);
    // Both lanes take the taller one's height.
    expect(p.lanes[1].size.height).toBe(lane.size.height);
  });

  it('places every step and lane on the canvas, two levels deep, and finds the innermost lane under a point', () => {
    let pipeline = base();
    pipeline = addStep(pipeline, 'map', { graphPath: 'p.one', name: 'm', position: { x: CONTENT_LEFT, y: CONTENT_TOP } }).pipeline;
    pipeline = moveSteps(pipeline, { 'p.one.m.map_variable_placeholder.step': { x: CONTENT_LEFT, y: CONTENT_TOP } });
    const geometry = canvasGeometry(graphView(pipeline.dag, '', pipeline.layout, none));
    const laneOne = geometry.lanesByGraph.get('p.one')!;
    expect(laneOne).toMatchObject({ x: 100 + GROUP_PAD, y: 50 + GROUP_HEADER, owner: 'p', owners: ['p'], depth: 1, label: 'Branch one of p' });
    const m = geometry.steps.get('p.one.m')!;
    expect(m).toMatchObject({ x: laneOne.x + CONTENT_LEFT, y: laneOne.y + CONTENT_TOP, graphPath: 'p.one' });
    const inner = geometry.lanesByGraph.get('p.one.m.map_variable_placeholder')!;
    expect(inner).toMatchObject({ owners: ['p', 'p.one.m'], depth: 2, label: 'Branch of m' });
    const step = geometry.steps.get('p.one.m.map_variable_placeholder.step')!;
    expect(step).toMatchObject({ x: inner.x + CONTENT_LEFT, y: inner.y + CONTENT_TOP });

    const centre = { x: step.x + 10, y: step.y + 10 };
    expect(laneAt(geometry.lanes, centre)?.graphPath).toBe('p.one.m.map_variable_placeholder');
    expect(laneAt(geometry.lanes, centre, 'p.one.m')?.graphPath).toBe('p.one');
    expect(laneAt(geometry.lanes, centre, 'p')).toBeUndefined();
    expect(laneAt(geometry.lanes, { x: -500, y: -500 })).toBeUndefined();
  });
});
