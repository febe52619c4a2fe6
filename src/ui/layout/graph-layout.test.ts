import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { importMagnus } from '../../core/magnus/import';
import type { Pipeline, Step } from '../../core/model/types';
import { bottomRowSteps, computeLayout, elkGraphOf, layeredEdges, needsLayout, NODE_HEIGHT, NODE_WIDTH } from './graph-layout';

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

  it('lays out 1,000 steps that all fail into one step quickly', async () => {
    const steps: Step[] = Array.from({ length: 1000 }, (_, i) => ({ name: `s${i}`, type: 'task', next: i < 999 ? `s${i + 1}` : 'success', on_failure: 'fail' }) as Step);
    steps.push({ name: 'success', type: 'success' }, { name: 'fail', type: 'fail' });
    const big: Pipeline = { ...pipeline, dag: { start_at: 's0', steps }, layout: {} };
    const started = Date.now();
    const positions = await computeLayout(big, new ELK());
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(Object.keys(positions)).toHaveLength(1002);
    expect(positions.s999.y).toBeGreaterThan(positions.s0.y);
  });
});
