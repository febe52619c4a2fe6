import { describe, expect, it } from 'vitest';
import { terminalGraph } from '../../core/model/new-steps';
import type { Pipeline } from '../../core/model/types';
import { canvasGeometry, CONTENT_LEFT, CONTENT_TOP, graphView, NODE_SIZE } from '../layout/geometry';
import { landingOfNewStep, landingOfStep } from './drop-target';
import { pipelineOf } from '../../core/model/defaults';

const pipeline: Pipeline = {
  ...pipelineOf({
    start_at: 'a',
    steps: [
      { name: 'a', type: 'stub', next: 'p' },
      { name: 'p', type: 'parallel', next: 'success', branches: [{ name: 'one', graph: terminalGraph('x') }, { name: 'two', graph: terminalGraph('y') }] },
      { name: 'success', type: 'success' },
      { name: 'fail', type: 'fail' },
    ],
  }),
  layout: {
    a: { x: 0, y: 0 },
    p: { x: 0, y: 200 },
    success: { x: 0, y: 900 },
    fail: { x: 300, y: 900 },
    'p.one.x': { x: CONTENT_LEFT, y: CONTENT_TOP },
    'p.two.y': { x: CONTENT_LEFT, y: CONTENT_TOP },
  },
};
const geometry = canvasGeometry(graphView(pipeline.dag, '', pipeline.layout, new Set()));
const one = geometry.lanesByGraph.get('p.one')!;
const two = geometry.lanesByGraph.get('p.two')!;

describe('where a dragged step lands', () => {
  it('stays in its graph when dropped inside it, at a lane-relative place', () => {
    expect(landingOfStep(geometry, 'p.one.x', { x: 40, y: 80 }, NODE_SIZE)).toEqual({ graphPath: 'p.one', position: { x: 40, y: 80 }, changesGraph: false });
    expect(landingOfStep(geometry, 'a', { x: -300, y: 10 }, NODE_SIZE)).toEqual({ graphPath: '', position: { x: -300, y: 10 }, changesGraph: false });
  });

  it('goes into the lane its centre is over, or out onto the pipeline`s graph', () => {
    // x of lane one, dragged over lane two (positions are relative to lane one).
    const over = landingOfStep(geometry, 'p.one.x', { x: two.x - one.x + 30, y: 60 }, NODE_SIZE)!;
    expect(over).toEqual({ graphPath: 'p.two', position: { x: 30, y: 60 }, changesGraph: true });
    const out = landingOfStep(geometry, 'p.one.x', { x: -600, y: 0 }, NODE_SIZE)!;
    expect(out).toEqual({ graphPath: '', position: { x: one.x - 600, y: one.y }, changesGraph: true });
    const into = landingOfStep(geometry, 'a', { x: one.x + 20, y: one.y + 50 }, NODE_SIZE)!;
    expect(into).toEqual({ graphPath: 'p.one', position: { x: 20, y: 50 }, changesGraph: true });
  });

  it('never lands a group in its own lanes', () => {
    expect(landingOfStep(geometry, 'p', { x: 10, y: 210 }, geometry.steps.get('p')!)).toMatchObject({ graphPath: '', changesGraph: false });
  });

  it('puts a palette drop on a lane into that branch', () => {
    expect(landingOfNewStep(geometry, { x: two.x + 15, y: two.y + 45 }, NODE_SIZE)).toEqual({ graphPath: 'p.two', position: { x: 15, y: 45 } });
    expect(landingOfNewStep(geometry, { x: 900, y: 0 }, NODE_SIZE)).toEqual({ graphPath: '', position: { x: 900, y: 0 } });
  });
});
