import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compositePipeline } from '../../../test/oracle/arbitraries';
import { stepVisits } from '../validate/visits';
import { findStep, walkSteps } from './paths';

describe('walking the steps', () => {
  it('in an array, visits what walkSteps visits, in the same order, at any depth', () => {
    fc.assert(
      fc.property(compositePipeline(), (pipeline) => {
        expect(stepVisits(pipeline.dag)).toEqual([...walkSteps(pipeline.dag)]);
      }),
      { numRuns: 60 },
    );
  });

  it('to a path finds what walking every step finds first, for every path and for paths that name no step', () => {
    fc.assert(
      fc.property(compositePipeline(), fc.string({ maxLength: 6 }), (pipeline, noise) => {
        const visits = [...walkSteps(pipeline.dag)];
        const paths = [...visits.map((v) => v.path), ...visits.map((v) => `${v.path}.${noise}`), noise, `${noise}.x`];
        for (const path of paths) expect(findStep(pipeline, path)).toEqual(visits.find((v) => v.path === path));
      }),
      { numRuns: 80 },
    );
  });
});
