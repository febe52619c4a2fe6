import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { importMagnus } from '../../core/magnus/import';
import { computeLayout, elkGraphOf, needsLayout, NODE_HEIGHT } from './graph-layout';

const text = `dag:
  start_at: a
  steps:
    a: {type: stub, next: b, on_failure: fail}
    b: {type: stub, next: success}
    success: {type: success}
    fail: {type: fail}
`;

describe('auto layout', () => {
  const pipeline = importMagnus({ dag: { text } }).pipeline!;

  it('lays out next and on_failure edges top to bottom, every step at its own place', async () => {
    expect(elkGraphOf(pipeline.dag).edges).toHaveLength(3);
    expect(needsLayout(pipeline)).toBe(true);
    const positions = await computeLayout(pipeline, new ELK());
    expect(Object.keys(positions).sort()).toEqual(['a', 'b', 'fail', 'success']);
    expect(positions.b.y).toBeGreaterThanOrEqual(positions.a.y + NODE_HEIGHT);
    expect(positions.success.y).toBeGreaterThan(positions.b.y);
    const places = new Set(Object.values(positions).map((p) => `${p.x},${p.y}`));
    expect(places.size).toBe(4);
  });

  it('keeps the positions of steps placed before when asked to', async () => {
    const placed = { ...pipeline, layout: { a: { x: 999, y: 999 } } };
    const positions = await computeLayout(placed, new ELK(), { onlyMissing: true });
    expect(positions.a).toBeUndefined();
    expect(positions.b).toBeDefined();
  });
});
