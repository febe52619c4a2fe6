import { describe, expect, it } from 'vitest';
import { FIRST_ROWS, fitOptionsFor, FIT_VIEW_OPTIONS, WHOLE_FIT_MAX } from './fit-view';

const column = (count: number) => Array.from({ length: count }, (_, i) => ({ id: `s${i}`, position: { x: (i % 2) * 200, y: 1000 - i * 10 } }));

describe('fitting the view', () => {
  it('shows a pipeline of ordinary length whole', () => {
    expect(fitOptionsFor(column(WHOLE_FIT_MAX))).toBe(FIT_VIEW_OPTIONS);
  });

  it('shows the top rows of a long pipeline, counting only the steps drawn at the top level', () => {
    const nodes = [...column(WHOLE_FIT_MAX + 1), { id: 'inner', position: { x: 0, y: -5000 }, parentId: 's0' }, { id: 'gone', position: { x: 0, y: -6000 }, hidden: true }];
    const options = fitOptionsFor(nodes);
    expect(options.maxZoom).toBe(FIT_VIEW_OPTIONS.maxZoom);
    // The highest on the canvas first: here the last ones of the column.
    expect(options.nodes).toEqual(Array.from({ length: FIRST_ROWS }, (_, i) => ({ id: `s${WHOLE_FIT_MAX - i}` })));
  });
});
