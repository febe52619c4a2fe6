import { describe, expect, it } from 'vitest';
import { generatePipeline } from '../../../bench/generate';
import { moveSteps } from '../../core/model/actions';
import type { Pipeline } from '../../core/model/types';
import { createPendingFit } from './pending-fit';

// Three versions of a pipeline, each the model's next: placing steps makes a new one.
const before = generatePipeline(3);
const placed = moveSteps(before, { [before.dag.steps[0].name]: { x: 400, y: 400 } });
const edited = moveSteps(placed, { [before.dag.steps[1].name]: { x: 800, y: 800 } });

/** Renders of the canvas: the pipeline its nodes are derived from, the model's present one, and whether the view is fitted then. */
type Render = [drawn: Pipeline, present: Pipeline, fits: boolean];

const cases: [string, Pipeline | undefined, Render[]][] = [
  ['waits while the canvas still draws an earlier pipeline', placed, [[before, placed, false], [placed, placed, true]]],
  ['is applied once', placed, [[placed, placed, true], [placed, placed, false], [edited, edited, false]]],
  ['is applied to the nodes of its pipeline even when the model has moved on', placed, [[before, edited, false], [placed, edited, true]]],
  ['is applied to a later pipeline when the canvas skips its own (it caught up with the model)', placed, [[edited, edited, true]]],
  ['is applied at once when the canvas already draws the present pipeline (Fit view, F)', before, [[before, before, true]]],
  ['is nothing until asked', undefined, [[placed, placed, false]]],
];

describe('a fit asked for a pipeline', () => {
  it.each(cases)('%s', (_, asked, renders) => {
    const fit = createPendingFit();
    if (asked) fit.ask(asked);
    expect(renders.map(([drawn, present]) => fit.due(drawn, present))).toEqual(renders.map(([, , fits]) => fits));
  });
});
