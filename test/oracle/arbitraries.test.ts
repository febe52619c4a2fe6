import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { walkSteps } from '../../src/core/model/paths';
import { validatePipeline } from '../../src/core/validate/validate';
import { compositePipeline, mapItems, possibleRuntimeNames, scenarioFor } from './arbitraries';
import { runMagnus } from './magnus';

describe('oracle arbitraries', () => {
  it('generate only pipelines the validator finds no error in', () => {
    fc.assert(
      fc.property(compositePipeline({ nextToFail: true }), (pipeline) => {
        expect(validatePipeline(pipeline).filter((d) => d.severity === 'error')).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('reach composites nested three deep and on_failure edges to success and fail', () => {
    const samples = fc.sample(compositePipeline(), { numRuns: 300, seed: 7 });
    const depths = samples.flatMap((p) => [...walkSteps(p.dag)].map((v) => v.depth));
    expect(Math.max(...depths)).toBe(3);
    const targets = samples.flatMap((p) =>
      [...walkSteps(p.dag)].flatMap((v) => {
        const target = 'on_failure' in v.step ? v.step.on_failure : undefined;
        return target ? [v.graph.steps.find((s) => s.name === target)!.type] : [];
      }),
    );
    expect(new Set(targets)).toEqual(new Set(['task', 'stub', 'parallel', 'map', 'dag', 'success', 'fail']));
  });

  it('give scenarios that fail only steps a run could reach, and that magnus can run', () => {
    const arbitrary = compositePipeline().chain((pipeline) => mapItems(pipeline).chain((items) => fc.tuple(fc.constant(pipeline), scenarioFor(pipeline, items))));
    fc.assert(
      fc.property(arbitrary, ([pipeline, s]) => {
        const possible = new Set(possibleRuntimeNames(pipeline, s.items));
        expect([...s.failing].every((name) => possible.has(name))).toBe(true);
        const run = runMagnus(pipeline, s);
        expect(run.ran.length).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });
});
