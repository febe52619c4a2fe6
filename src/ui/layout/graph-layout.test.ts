import ELK from 'elkjs/lib/elk.bundled.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addStep } from '../../core/model/new-steps';
import { importMagnus } from '../../core/magnus/import';
import type { Pipeline, Step } from '../../core/model/types';
import { CONTENT_LEFT, CONTENT_TOP, graphView } from './geometry';
import { bottomRowSteps, computeLayout, elkGraphOf, layeredEdges, needsFullLayout, needsLayout, NODE_HEIGHT, NODE_WIDTH } from './graph-layout';

const text = `dag:
  start_at: a
  steps:
    a: {type: stub, next: b, on_failure: fail}
    b: {type: stub, next: success}
    success: {type: success}
    fail: {type: fail}
`;

const apart = (p: { x: number; y: number }, q: { x: number; y: number }) => Math.abs(p.x - q.x) >= NODE_WIDTH || Math.abs(p.y - q.y) >= NODE_HEIGHT;

describe('auto layout', () => {
  const pipeline = importMagnus({ dag: { text } }).pipeline!;

  it('lays out next edges top to bottom, every step at its own place, fail beside success', async () => {
    expect(elkGraphOf(pipeline.dag).edges).toHaveLength(2);
    expect(needsLayout(pipeline)).toBe(true);
    const positions = await computeLayout(pipeline, new ELK());
    expect(Object.keys(positions).sort()).toEqual(['a', 'b', 'fail', 'success']);
    expect(positions.b.y).toBeGreaterThanOrEqual(positions.a.y + NODE_HEIGHT);
    expect(positions.success.y).toBeGreaterThan(positions.b.y);
    expect(positions.fail.y).toBe(positions.success.y);
    expect(positions.fail.x).toBeGreaterThan(positions.success.x);
    const places = Object.values(positions);
    for (let i = 0; i < places.length; i++) for (let j = i + 1; j < places.length; j++) expect(apart(places[i], places[j])).toBe(true);
  });

  it('keeps the positions of steps placed before when asked to', async () => {
    const placed = { ...pipeline, layout: { a: { x: 999, y: 999 } } };
    const positions = await computeLayout(placed, new ELK(), { onlyMissing: true });
    expect(positions.a).toBeUndefined();
    expect(positions.b).toBeDefined();
    expect(positions.fail).toBeDefined();
  });

  it('leaves failure exits into terminal steps and shared handlers out of the layering', () => {
    const steps: Step[] = ['a', 'b', 'c', 'd', 'e'].map((name, i, all) => ({ name, type: 'stub', next: all[i + 1] ?? 'success', on_failure: i < 4 ? 'notify' : 'fail' }));
    steps.push({ name: 'notify', type: 'stub', next: 'fail' }, { name: 'recover', type: 'stub', next: 'success' }, { name: 'success', type: 'success' }, { name: 'fail', type: 'fail' });
    steps[4] = { ...steps[4], on_failure: 'recover' } as Step;
    const graph = { start_at: 'a', steps };
    const kept = layeredEdges(graph);
    expect(kept.filter((e) => e.kind === 'on_failure')).toEqual([{ from: 'e', to: 'recover', kind: 'on_failure' }]);
    expect(bottomRowSteps(graph, kept)).toEqual([]);
    expect(bottomRowSteps({ steps: [{ name: 'success', type: 'success' }, { name: 'fail', type: 'fail' }] }, [])).toEqual(['success', 'fail']);
  });

  it('lays out 1,000 steps that all fail into one step', async () => {
    const steps: Step[] = Array.from({ length: 1000 }, (_, i) => ({ name: `s${i}`, type: 'task', next: i < 999 ? `s${i + 1}` : 'success', on_failure: 'fail' }) as Step);
    steps.push({ name: 'success', type: 'success' }, { name: 'fail', type: 'fail' });
    const big: Pipeline = { ...pipeline, dag: { start_at: 's0', steps }, layout: {} };
    const positions = await computeLayout(big, new ELK());
    expect(Object.keys(positions)).toHaveLength(1002);
    expect(positions.s999.y).toBeGreaterThan(positions.s0.y);
  });
});

describe('auto layout of groups', () => {
  const nested = importMagnus({ dag: { text: readFileSync(new URL('../../../test/fixtures/corpus/0.4.19__tests__scenarios__archive__test_dag_nested_parallel.yaml', import.meta.url), 'utf8') } }).pipeline!;
  const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  it('lays out every level, inner graphs lane-relative below the lane`s title, groups sized from their content', async () => {
    expect(needsFullLayout(nested)).toBe(true);
    const positions = await computeLayout(nested, new ELK());
    const placed = { ...nested, layout: positions };
    expect(needsLayout(placed)).toBe(false);
    // Two levels down: the parallel inside the first branch of the parallel, and its own branch.
    expect(positions['step_parallel_within_parallel.branch_1.step_1']).toEqual({ x: CONTENT_LEFT, y: CONTENT_TOP });
    expect(positions['step_parallel_within_parallel.branch_1.step_1.branch_1.step_1']).toEqual({ x: CONTENT_LEFT, y: CONTENT_TOP });
    expect(positions['step_parallel_within_map.map_variable_placeholder.step_1']).toEqual({ x: CONTENT_LEFT, y: CONTENT_TOP });
    // No two steps of one graph overlap, groups drawn at their full size included.
    const checkGraph = (views: ReturnType<typeof graphView>) => {
      const rects = views.map((v) => ({ ...v.position!, ...v.size }));
      for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) expect(overlap(rects[i], rects[j])).toBe(false);
      for (const v of views) for (const lane of v.lanes) checkGraph(lane.steps);
    };
    checkGraph(graphView(placed.dag, '', placed.layout, new Set()));
  });

  it('keeps what is placed and lays out only the graphs that have nothing placed (a new group`s branches)', async () => {
    const placed = { ...nested, layout: await computeLayout(nested, new ELK()) };
    const { pipeline: withGroup } = addStep(placed, 'parallel', { name: 'more', position: { x: 900, y: 0 } });
    expect(needsFullLayout(withGroup)).toBe(true);
    const positions = await computeLayout(withGroup, new ELK(), { onlyMissing: true });
    expect(Object.keys(positions).sort()).toEqual([
      'more.branch_1.fail',
      'more.branch_1.step',
      'more.branch_1.success',
      'more.branch_2.fail',
      'more.branch_2.step',
      'more.branch_2.success',
    ]);
    expect(positions['more.branch_1.step']).toEqual({ x: CONTENT_LEFT, y: CONTENT_TOP });
    expect(positions['more.branch_1.fail'].y).toBe(positions['more.branch_1.success'].y);
  });

  it('draws a chain as ELK would without asking it, and leaves a graph that branches to ELK', async () => {
    const chain = await computeLayout(importMagnus({ dag: { text } }).pipeline!, new ELK());
    expect(chain).toEqual({ a: { x: 0, y: 0 }, b: { x: 0, y: NODE_HEIGHT + 48 }, success: { x: 0, y: 2 * (NODE_HEIGHT + 48) }, fail: { x: NODE_WIDTH + 60, y: 2 * (NODE_HEIGHT + 48) } });
    const branching = importMagnus({
      dag: { text: 'dag:\n  start_at: a\n  steps:\n    a: {type: stub, next: b, on_failure: c}\n    b: {type: stub, next: success}\n    c: {type: stub, next: success}\n    success: {type: success}\n    fail: {type: fail}\n' },
    }).pipeline!;
    let asked = 0;
    const elk = new ELK();
    const positions = await computeLayout(branching, { layout: (graph) => (asked++, elk.layout(graph)) });
    expect(asked).toBe(1);
    expect(positions.b.y).toBe(positions.c.y);
    expect(Math.abs(positions.b.x - positions.c.x)).toBeGreaterThanOrEqual(NODE_WIDTH);
  });

  it('lays a collapsed group out as one node', async () => {
    const open = await computeLayout(nested, new ELK());
    const closed = await computeLayout(nested, new ELK(), { collapsed: new Set(['step_parallel_within_parallel']) });
    expect(closed.step_parallel_within_map.y).toBeLessThan(open.step_parallel_within_map.y);
    expect(closed.step_parallel_within_map.y - closed.step_parallel_within_parallel.y).toBe(NODE_HEIGHT + 48);
  });
});
